"""Exports too large for a request, run as a job (docs/exports.md).

A job export is the list's own export (api/core/exports.py), asked of the service by itself, in
process, as the asker: the same route, filters, sort, jurisdiction and Read schema as the page and
the request-sized file, so nothing here knows any domain. At submission the list is asked for one
item with its total, as the asker: a filter the list refuses, a permission the asker lacks or a
list too large even for a job is answered at once, with the list's own problem.
"""

import json
import os
import tempfile
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import anyio
import httpx
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.routing import Match

from api.core import clock
from api.core.access import Principal, acting_as
from api.core.db import Database
from api.core.errors import (
    AppError,
    BadRequest,
    Conflict,
    FieldError,
    Forbidden,
    NotFound,
    ServiceUnavailable,
    TooManyRequests,
    ValidationFailed,
    invalid_field,
)
from api.core.exports import EXPORTABLE, MEDIA_TYPES, JobExport, job_export
from api.core.openapi import api_routes
from api.core.pagination import ExportFormat
from api.core.settings import Settings
from api.core.storage import Storage, local_storage, new_key
from api.exports.schemas import ExportCreate
from api.jobs import service as jobs
from api.jobs.models import Job, JobState
from api.jobs.repository import JobRepository

EXPORT = "export"
# A list's paging and format are the job's to choose; its filters and sort are the asker's.
_NOT_FILTERS = {"limit", "cursor", "include_total", "format"}


_REFUSALS: dict[int, type[AppError]] = {
    400: BadRequest,
    403: Forbidden,
    404: NotFound,
    422: ValidationFailed,
    429: TooManyRequests,
}


def refused(response: httpx.Response) -> AppError:
    """The list's problem for the asker, passed on with its status, code and fields (a body that
    is no problem, which no list answers, still becomes one)."""
    try:
        body: dict[str, Any] = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    kind = _REFUSALS.get(response.status_code, ServiceUnavailable)
    fields = [
        FieldError(str(e["field"]), str(e["code"]), str(e["message"]), str(e.get("location", "query")))
        for e in body.get("errors") or []
    ]
    return kind(str(body.get("detail", "")), code=str(body.get("code", "")), errors=fields)


def exportable_route(app: FastAPI, path: str) -> APIRoute | None:
    """The list route of this API at `path`, if it exports (`@exportable`)."""
    scope = {"type": "http", "method": "GET", "path": path}
    for route in api_routes(app):
        if getattr(route.endpoint, EXPORTABLE, False) and route.matches(scope)[0] is Match.FULL:
            return route
    return None


def _split(body: ExportCreate) -> tuple[str, list[tuple[str, str]]]:
    parts = urlsplit(body.list)
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in _NOT_FILTERS]
    return parts.path, params


async def submit(
    session: AsyncSession, app: FastAPI, settings: Settings, principal: Principal, body: ExportCreate
) -> Job:
    """Check the list as the asker (its filters, the asker's right to it, its size) and record the
    job; the caller enqueues it once the request has committed."""
    path, params = _split(body)
    if exportable_route(app, path) is None:
        raise invalid_field("list", "not_exportable", f"{path} is no list of this API that exports.")
    page = bytearray()

    async def keep(chunk: bytes) -> None:
        page.extend(chunk)

    probe, acting = (
        job_export.set(JobExport(settings.export_job_max_rows, _ignore_progress)),
        acting_as.set(principal),
    )
    try:
        query = httpx.QueryParams(tuple(params)).add("limit", "1").add("include_total", "true")
        refusal = await _get_into(app, path, query, keep)
    finally:
        job_export.reset(probe)
        acting_as.reset(acting)
    if refusal is not None:
        raise refused(refusal)
    total = int(json.loads(page).get("total") or 0)
    if total > settings.export_job_max_rows:
        raise invalid_field(
            "list",
            "export_too_large",
            f"{total} rows match, more than the {settings.export_job_max_rows} an export job writes: "
            "narrow the filters.",
        )
    return await jobs.submit(
        session,
        principal,
        EXPORT,
        # The file's key is chosen now: the job's result never shows where the service keeps it.
        {"path": path, "params": params, "format": body.format, "total": total, "storage_key": new_key()},
    )


async def _ignore_progress(done: int, total: int) -> None:
    return None


def filename(path: str, fmt: str) -> str:
    """`petitions-20261126.xlsx`: the list's last path segment and the day."""
    return f"{path.rstrip('/').rsplit('/', 1)[-1]}-{clock.today():%Y%m%d}.{fmt}"


async def write_file(
    app: FastAPI,
    principal: Principal,
    settings: Settings,
    params: dict[str, Any],
    progress: JobExport,
) -> int:
    """Write the export as the asker into the storage under its key: its size. A failure leaves
    nothing, and a retry replaces what an attempt killed after storing it left."""
    fmt = ExportFormat(params["format"])
    query = httpx.QueryParams(tuple((str(k), str(v)) for k, v in params["params"])).add("format", fmt.value)
    storage = local_storage(settings.data_dir)
    await anyio.Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".export-", dir=settings.data_dir)
    os.close(handle)
    written = anyio.Path(name)
    try:
        exporting, acting = job_export.set(progress), acting_as.set(principal)
        try:
            async with await anyio.open_file(name, "wb") as out:
                refusal = await _get_into(app, str(params["path"]), query, out.write)
        finally:
            job_export.reset(exporting)
            acting_as.reset(acting)
        if refusal is not None:
            raise refused(refusal)
        size = (await written.stat()).st_size
        key = str(params["storage_key"])
        await storage.delete(key)
        await storage.put_file(key, Path(name))
        return size
    finally:
        await written.unlink(missing_ok=True)


async def _get_into(
    app: FastAPI, path: str, query: httpx.QueryParams, write: Callable[[bytes], Awaitable[object]]
) -> httpx.Response | None:
    """GET `path` of the app in process, its body handed to `write` chunk by chunk as the app sends
    it (httpx's ASGI transport would hold a whole file of any size in memory first): None when the
    answer is 200, else the refusal (its status and problem)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": str(query).encode(),
        "headers": [(b"host", b"qcdc.internal")],
        "client": ("127.0.0.1", 0),
        "server": ("qcdc.internal", 80),
    }
    answered = anyio.Event()
    asked = False
    status = 0
    problem = bytearray()

    async def receive() -> MutableMapping[str, Any]:
        nonlocal asked
        if not asked:
            asked = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await answered.wait()  # a streaming answer listens for the client going away meanwhile
        return {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
        elif message["type"] == "http.response.body":
            body = message.get("body", b"")
            if status == 200:
                await write(body)
            else:
                problem.extend(body)
            if not message.get("more_body", False):
                answered.set()

    try:
        await app(scope, receive, send)
    finally:
        answered.set()
    return None if status == 200 else httpx.Response(status, content=bytes(problem))


async def download(
    session: AsyncSession, principal: Principal, storage: Storage, job_id: uuid.UUID
) -> tuple[str, str, str]:
    """One's own finished export: its storage key, file name and media type."""
    job = await JobRepository(session, principal).get(job_id)
    if job.kind != EXPORT:
        raise NotFound(f"Job {job_id} is no export.", code="job_not_found")
    if job.state != JobState.SUCCEEDED or not job.result:
        raise Conflict("The export has not finished, or it failed (see its error).", code="export_not_ready")
    key = str(job.params.get("storage_key", ""))
    if not key or not await storage.exists(key):
        raise Conflict("The export's file has been deleted: export again.", code="export_not_ready")
    fmt = ExportFormat(job.params["format"])
    return key, str(job.result["filename"]), MEDIA_TYPES[fmt]


def in_process_app(settings: Settings, database: Database) -> FastAPI:
    """The API in this (worker) process, on the worker's database: built once."""
    global _APP
    if _APP is None or _APP.state.database is not database:
        from api.main import create_app  # the routes of every domain: only when an export runs

        _APP = create_app(settings, database=database, spa_dist=None)
    return _APP


_APP: FastAPI | None = None
