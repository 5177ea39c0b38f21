"""The API as a script uses it: what `qcdc import`, `qcdc export` and `qcdc jobs` call.

One client, two ways to reach the service, so a command behaves the same wherever it runs:

- **remotely**, over HTTP with an API key (`--api https://… --api-key qcdc_…`, or `QCDC_API_URL` /
  `QCDC_API_KEY`): what a provincial integrator's script has, nothing else installed;
- **locally**, on the server, as a named user (`--as USERNAME`): the app runs in this process on
  the server's database, and the user's own rights and jurisdiction apply, as if they had signed in.

Either way every call goes through the public routes (the same validation, jurisdiction and audit
as the SPA's), and a resource is named as its list operation is (`petitions` for `petitions-list`,
`inspections-plans` for `inspections-plans-list`), so a list added later is exportable at once.
"""

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

API_PREFIX = "/api/v1"
FINISHED = frozenset({"succeeded", "failed", "cancelled"})
# A local token lives as long as the longest command could reasonably take.
LOCAL_TOKEN_TTL = timedelta(hours=12)
EXPORT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ndjson": "application/x-ndjson",
}


class ApiProblem(Exception):
    """The service refused a call: its RFC 9457 problem, kept whole for the command to show."""

    def __init__(self, status: int, problem: Mapping[str, Any]) -> None:
        self.status = status
        self.problem = dict(problem)
        self.code = str(problem.get("code") or f"http_{status}")
        super().__init__(f"{self.code}: {problem.get('detail') or problem.get('title') or status}")


def _problem_of(response: httpx.Response) -> ApiProblem:
    try:
        body = response.json()
    except ValueError:
        body = {"detail": response.text[:500]}
    return ApiProblem(response.status_code, body if isinstance(body, dict) else {"detail": str(body)})


class QcdcClient:
    def __init__(
        self, http: httpx.AsyncClient, run_here: Callable[[str], Coroutine[Any, Any, object]] | None = None
    ) -> None:
        self.http = http
        # Locally, a job submitted is also run in this process: no worker need be running.
        self.run_here = run_here
        self._operations: dict[str, str] | None = None

    @classmethod
    @asynccontextmanager
    async def remote(cls, url: str, api_key: str) -> AsyncIterator["QcdcClient"]:
        """The service at `url` (its root, without /api/v1), with an API key."""
        async with httpx.AsyncClient(
            base_url=url.rstrip("/"),
            headers={"X-API-Key": api_key},
            timeout=httpx.Timeout(60.0, connect=10.0),
        ) as http:
            yield cls(http)

    @classmethod
    @asynccontextmanager
    async def local(cls, username: str) -> AsyncIterator["QcdcClient"]:
        """The app in this process, on the configured database, acting as `username`."""
        # The app and its database driver load only for a local run; a remote one needs httpx only.
        from api.core.security import create_access_token
        from api.jobs import registry, runner
        from api.main import create_app

        app = create_app(spa_dist=None)
        settings = app.state.settings
        registry.load_handlers(settings)

        async def run_here(job_id: str) -> object:
            return await runner.run(app.state.database, settings, uuid.UUID(job_id))

        async with app.router.lifespan_context(app):
            user_id = await _active_user_id(app.state.database, username)
            token, _ = create_access_token(settings.resolved_secret_key, user_id, LOCAL_TOKEN_TTL)
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://qcdc.local",
                headers={"Authorization": f"Bearer {token}"},
                # In-process: no network to wait on, and a large export takes as long as it takes.
                timeout=None,  # noqa: S113
            ) as http:
                yield cls(http, run_here)

    async def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = await self.http.request(method, f"{API_PREFIX}{path}", **kwargs)
        if response.status_code >= 400:
            raise _problem_of(response)
        return response

    # -- jobs ---------------------------------------------------------------------------------

    async def job(self, job_id: str) -> dict[str, Any]:
        found: dict[str, Any] = (await self._call("GET", f"/jobs/{job_id}")).json()
        return found

    async def jobs(self, limit: int = 20) -> list[dict[str, Any]]:
        page = (await self._call("GET", "/jobs", params={"limit": limit})).json()
        items: list[dict[str, Any]] = page["items"] if isinstance(page, dict) else page
        return items

    async def follow(
        self, job_id: str, on_change: Callable[[dict[str, Any]], None], every: float = 0.5
    ) -> dict[str, Any]:
        """Ask for the job until it has finished, telling `on_change` each state seen. Polling, not
        the SSE route: it works the same through a proxy, a flaky link and the in-process app."""
        running = asyncio.create_task(self.run_here(job_id)) if self.run_here else None
        try:
            return await self._poll(job_id, on_change, every)
        finally:
            if running is not None:
                await running

    async def _poll(
        self, job_id: str, on_change: Callable[[dict[str, Any]], None], every: float
    ) -> dict[str, Any]:
        while True:
            job = await self.job(job_id)
            on_change(job)
            if job["state"] in FINISHED:
                return job
            await asyncio.sleep(every)

    # -- imports ------------------------------------------------------------------------------

    async def submit_import(self, file: Path, resource: str, *, mode: str, dry_run: bool) -> dict[str, Any]:
        with file.open("rb") as content:
            response = await self._call(
                "POST",
                "/imports",
                data={"resource": resource, "mode": mode, "dry_run": "true" if dry_run else "false"},
                files={"file": (file.name, content)},
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
        job: dict[str, Any] = response.json()
        return job

    # -- exports ------------------------------------------------------------------------------

    async def list_path(self, resource: str) -> str:
        """The path of `<resource>-list`, read from the service's own contract."""
        if self._operations is None:
            contract = (await self._call("GET", "/openapi.json")).json()
            self._operations = {
                op["operationId"]: path.removeprefix(API_PREFIX)
                for path, item in contract["paths"].items()
                for method, op in item.items()
                if method == "get" and isinstance(op, dict) and "operationId" in op
            }
        path = self._operations.get(f"{resource}-list")
        if path is None or "{" in path:
            known = sorted(
                op.removesuffix("-list")
                for op, p in self._operations.items()
                if op.endswith("-list") and "{" not in p
            )
            raise ApiProblem(
                404,
                {
                    "code": "export_resource_unknown",
                    "detail": f"No list named {resource!r}: one of {', '.join(known)}.",
                },
            )
        return path

    async def export(
        self,
        resource: str,
        filters: Mapping[str, str | list[str]],
        fmt: str,
        out: Path,
        on_bytes: Callable[[int], None] = lambda _: None,
        on_job: Callable[[dict[str, Any]], None] = lambda _: None,
    ) -> int:
        """Write the list's rows matching `filters` to `out`; the number of bytes written. A list
        too large for a request (`export_too_large`) is exported by a job, followed (`on_job`)
        until its file can be downloaded."""
        path = f"{API_PREFIX}{await self.list_path(resource)}"
        params = httpx.QueryParams(
            [
                (k, v)
                for k, values in filters.items()
                for v in ([values] if isinstance(values, str) else values)
            ]
        )
        try:
            return await self._download(path, params.set("format", fmt), out, on_bytes, EXPORT_TYPES[fmt])
        except ApiProblem as refused:
            if refused.code != "export_too_large":
                raise
        asked = (
            await self._call("POST", "/exports", json={"list": f"{path}?{params}", "format": fmt})
        ).json()
        job = await self.follow(str(asked["id"]), on_job)
        if job["state"] != "succeeded":
            error = job.get("error") or {}
            raise ApiProblem(
                422, {"code": error.get("code", job["state"]), "detail": error.get("message", "")}
            )
        return await self._download(f"{API_PREFIX}/exports/{job['id']}/file", None, out, on_bytes, "*/*")

    async def _download(
        self,
        url: str,
        params: httpx.QueryParams | None,
        out: Path,
        on_bytes: Callable[[int], None],
        accept: str,
    ) -> int:
        written = 0
        partial = out.with_name(f".{out.name}.part")
        async with self.http.stream("GET", url, params=params, headers={"Accept": accept}) as response:
            if response.status_code >= 400:
                await response.aread()
                raise _problem_of(response)
            with partial.open("wb") as sink:
                async for chunk in response.aiter_bytes():
                    sink.write(chunk)
                    written += len(chunk)
                    on_bytes(written)
        # Renamed only once whole: a failed export never leaves a file that looks complete.
        partial.replace(out)
        return written


async def _active_user_id(database: Any, username: str) -> uuid.UUID:
    from sqlalchemy import select

    from api.auth.models import User

    async with database.session(write=False) as session:
        user = await session.scalar(select(User).where(User.username == username))
    if user is None or not user.is_active:
        raise ApiProblem(404, {"code": "user_not_found", "detail": f"No active user named {username!r}."})
    found: uuid.UUID = user.id
    return found
