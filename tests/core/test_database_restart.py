"""PostgreSQL restarted under a write load: no 500, no acknowledged write lost, none made twice.

Sixteen clients create petitions without pause, each case with an `Idempotency-Key` of its own,
four read them back and a load balancer probes `/readyz`, while the database server restarts
(`pg_ctl restart -m fast`: every session is killed; new connections meet "the database system is
shutting down", then "connection refused", then "the database system is starting up") or, in the
second run, stays down for a second. A client answered the retryable 503 sends the same request
again with the same key, as the contract tells integrators to, until it is acknowledged. Then:

- every answer was 201 (200 for a read) or a 503 problem (`database_unavailable` with
  `Retry-After`), never a 500, and each conformed to the contract;
- the restart was felt (some 503s), yet every request sent once the server was back succeeded, a
  fresh burst included; the process cache's listener is live again and the audit sealer has
  sealed every event, the chain intact: the service recovered without a restart of its own;
- the database holds exactly the acknowledged cases (by id and reference): none lost, and none
  written twice by a retry.

A connection lost during COMMIT is the one ambiguous failure: the server may have committed just
before the connection went. `test_a_commit_whose_answer_is_lost` makes both outcomes happen on
demand (a proxy in front of the server loses the COMMIT, or only its answer) and holds the
answer to what `api.core.errors.commit_outcome_unknown` promises: a 503 that says the outcome is
unknown, and a retry with the same key that replays the first answer or makes the change once.

The app runs in-process (httpx's ASGITransport) with its lifespan entered, so its cache listener
and audit sealer run as under `qcdc serve`; the requests are truly concurrent on one event loop
over a real asyncpg pool, which is where every failure under test happens. A uvicorn subprocess
would add only the HTTP framing, seconds of start-up, and tracebacks in another process's output.
The server is a throwaway cluster of this module's own (`tests/pg_cluster.py`), never the shared
one.
"""

import asyncio
import random
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from api.auth import service as auth_service
from api.auth.schemas import ApiKeyCreate
from api.core import audit
from api.core.access import SYSTEM
from api.core.db import Database, create_engine
from api.core.errors import PROBLEM_CONTENT_TYPE
from api.core.permissions import Permission
from api.core.settings import Settings
from api.main import create_app
from api.units.models import Unit
from tests.conftest import run_alembic, settings_for
from tests.contract import check_response
from tests.factories import access_token, create_unit, create_user
from tests.petitions.conftest import case
from tests.pg_cluster import Cluster, throwaway_cluster, unavailable_reason

WRITERS = 16
READERS = 4
UNITS = 4
# Sooner than the answer's Retry-After (1 s): a stream of clients arriving while the server is
# down, which is what exercises each failure window.
RETRY_PAUSE = 0.05
READ_PAUSE = 0.1
TIMEOUT = 30.0
TEMPLATE = "qcdc_template"

_UNAVAILABLE = unavailable_reason()
pytestmark = [
    pytest.mark.fault,
    pytest.mark.skipif(_UNAVAILABLE is not None, reason=f"no throwaway PostgreSQL server: {_UNAVAILABLE}"),
]


@pytest.fixture(scope="module")
async def server(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Cluster]:
    """This module's own server, with a migrated database each test copies (in milliseconds)."""
    with throwaway_cluster() as cluster:
        await _create_database(cluster, TEMPLATE)
        engine = create_engine(settings_for(cluster.url(TEMPLATE), tmp_path_factory.mktemp("template")))
        try:
            await run_alembic(engine, "upgrade", "head")
        finally:
            await engine.dispose()
        yield cluster


async def _create_database(cluster: Cluster, name: str, template: str | None = None) -> None:
    admin = await asyncpg.connect(host="127.0.0.1", port=cluster.port, user="postgres", database="postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    finally:
        await admin.close()


@dataclass
class World:
    settings: Settings  # the app's
    direct: Settings  # straight to the server, past any proxy
    units: list[Unit]
    credentials: list[dict[str, str]]


async def _world(cluster: Cluster, tmp: Path, *, port: int | None = None) -> World:
    """A database of the test's own: units to receive cases, and two principals to write them.
    `port` puts something (a proxy) between the app and the server."""
    name = f"qcdc_{uuid.uuid4().hex[:8]}"
    await _create_database(cluster, name, TEMPLATE)
    direct = settings_for(cluster.url(name), tmp)
    engine = create_engine(direct)
    try:
        async with Database(engine).session() as session:
            units = [await create_unit(session, name=f"Tỉnh thử sự cố {n}") for n in range(UNITS)]
            user = await create_user(session, username="fault-writer", roles=["admin"], unit_id=None)
            _, key = await auth_service.create_api_key(
                session,
                SYSTEM,
                ApiKeyCreate(
                    name="Cổng thử sự cố",
                    unit_id=None,
                    scopes=[Permission.PETITIONS_READ, Permission.PETITIONS_WRITE],
                ),
            )
    finally:
        await engine.dispose()
    settings = direct.model_copy(update={"database_url": cluster.url(name, port)})
    # Half the clients sign in as a user, half call with an API key: both ways of authenticating.
    credentials = [{"Authorization": f"Bearer {access_token(direct, user)}"}, {"X-API-Key": key}]
    return World(settings, direct, units, credentials)


async def _stored(world: World) -> tuple[set[tuple[str, str]], int]:
    """Every case in the database (id, reference), and how many idempotency keys it remembers."""
    engine = create_engine(world.direct)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT id, reference FROM petitions"))).all()
            keys = await conn.scalar(text("SELECT count(*) FROM idempotency_records"))
    finally:
        await engine.dispose()
    return {(str(row.id), row.reference) for row in rows}, int(keys or 0)


async def _audit_sealed(world: World) -> audit.Verification:
    """The audit chain once the app's sealer, which failed while the server was down, has caught
    up by itself (or the time is up)."""
    engine = create_engine(world.direct)
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            async with Database(engine).session(write=False) as session:
                verification = await audit.verify(session)
            if verification.unsealed == 0 or time.monotonic() > deadline:
                return verification
            await asyncio.sleep(0.2)
    finally:
        await engine.dispose()


@dataclass
class Answer:
    client: str
    phase: str
    status: int
    code: str | None
    replayed: bool
    problem: str | None
    cause: str = ""

    @property
    def kind(self) -> str:
        return self.client.split()[0]

    def describe(self) -> str:
        return f"{self.client} ({self.phase}): {self.status} {self.code or ''} {self.problem or ''}"


def _problem_in(response: httpx.Response, success: int) -> str | None:
    """What is wrong with an answer that should be `success` or the retryable 503, if anything."""
    try:
        check_response(response)
    except AssertionError as exc:
        return f"off contract: {exc}"
    if response.status_code == success:
        return None
    if response.status_code != 503 or response.headers.get("content-type") != PROBLEM_CONTENT_TYPE:
        return response.text[:300]
    if response.json().get("code") != "database_unavailable":
        return response.text[:300]
    if not response.headers.get("retry-after", "").isdigit():
        return "503 without Retry-After"
    return None


# Which failure each 503 was, by its detail: for the summary only.
_CAUSES = [
    ("cannot be reached", "connect"),
    ("being committed", "in COMMIT"),
    ("was lost", "mid-query"),
    ("came free", "pool"),
]


def _summary(answers: list[Answer]) -> str:
    """Per kind of client and phase, how many answers of each status (a 503 by its cause)."""
    counts = Counter((a.kind, a.phase, f"{a.status}{' ' + a.cause if a.cause else ''}") for a in answers)
    lines = []
    for kind in sorted({a.kind for a in answers}):
        phases = []
        for phase in ("before", "during", "after", "burst"):
            seen = sorted((what, n) for (k, p, what), n in counts.items() if (k, p) == (kind, phase))
            if seen:
                phases.append(f"{phase} " + ", ".join(f"{what}: {n}" for what, n in seen))
        lines.append(f"  {kind}s: " + "; ".join(phases))
    return "\n".join(lines)


class Load:
    """The clients, what each was answered, and which cases were acknowledged."""

    def __init__(self, client: httpx.AsyncClient, world: World) -> None:
        self.client = client
        self.world = world
        self.answers: list[Answer] = []
        self.acknowledged: dict[str, tuple[str, str]] = {}
        self.restart_began: float | None = None
        self.restart_ended: float | None = None
        self.stop = asyncio.Event()
        self.run = uuid.uuid4().hex[:8]
        self.timings: dict[str, float] = {}
        self._started = time.monotonic()

    def mark(self, event: str) -> None:
        self.timings[event] = round(time.monotonic() - self._started, 2)

    def phase(self, sent: float) -> str:
        if self.restart_began is None or sent < self.restart_began:
            return "before"
        if self.restart_ended is None or sent < self.restart_ended:
            return "during"
        return "after"

    def _record(self, client: str, phase: str, response: httpx.Response, success: int) -> None:
        problem = _problem_in(response, success)
        body = response.json() if response.headers.get("content-type") == PROBLEM_CONTENT_TYPE else {}
        replayed = response.headers.get("idempotent-replayed") == "true"
        cause = next((name for words, name in _CAUSES if words in body.get("detail", "")), "")
        self.answers.append(
            Answer(client, phase, response.status_code, body.get("code"), replayed, problem, cause)
        )

    def body(self, n: int, seq: int) -> dict[str, Any]:
        person = {"full_name": f"Người gửi {n}-{seq}", "identity_number": f"{n:04d}{seq:08d}"}
        return case(self.world.units[n % UNITS], petitioners=[person])

    async def write(self, n: int, seq: int, *, phase: str | None = None) -> httpx.Response:
        """One case, sent again with its key after each 503 until it is acknowledged."""
        key, body = f"fault-{self.run}-{n}-{seq}", self.body(n, seq)
        while True:
            sent = time.monotonic()
            response = await self.client.post(
                "/api/v1/petitions",
                json=body,
                headers={"Idempotency-Key": key, **self.world.credentials[n % 2]},
            )
            self._record(f"writer {n} case {seq}", phase or self.phase(sent), response, 201)
            if response.status_code == 201:
                self.acknowledged[key] = (response.json()["id"], response.json()["reference"])
            if response.status_code != 503:
                return response
            await asyncio.sleep(RETRY_PAUSE)

    async def writer(self, n: int) -> None:
        seq = 0
        while not self.stop.is_set():
            seq += 1
            if (await self.write(n, seq)).status_code != 201:
                return

    async def reader(self, n: int) -> None:
        while not self.stop.is_set():
            petition_id, _ = random.choice(list(self.acknowledged.values()))
            sent = time.monotonic()
            response = await self.client.get(
                f"/api/v1/petitions/{petition_id}", headers=self.world.credentials[n % 2]
            )
            self._record(f"reader {n}", self.phase(sent), response, 200)
            # Paced: reads are cheap, and unpaced they would take the event loop from the writers.
            await asyncio.sleep(READ_PAUSE)

    async def prober(self) -> None:
        """A load balancer asking whether to send traffic."""
        while not self.stop.is_set():
            sent = time.monotonic()
            self._record("probe", self.phase(sent), await self.client.get("/readyz"), 200)
            await asyncio.sleep(READ_PAUSE)

    def written_after_restart(self) -> int:
        return sum(1 for a in self.answers if a.phase == "after" and a.status == 201)


async def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {TIMEOUT} s: {what}")
        await asyncio.sleep(0.02)


async def _load_through_restart(
    app: FastAPI, load: Load, cluster: Cluster, down_for: float
) -> list[httpx.Response]:
    writers = [asyncio.create_task(load.writer(n)) for n in range(WRITERS)]
    readers: list[asyncio.Task[None]] = []
    try:
        # Every writer has written: the pool's connections are open and in use.
        await _until(lambda: len(load.acknowledged) >= 2 * WRITERS, "the load before the restart")
        load.mark("loaded")
        readers = [asyncio.create_task(load.reader(n)) for n in range(READERS)]
        readers.append(asyncio.create_task(load.prober()))
        await asyncio.sleep(0.3)
        load.restart_began = time.monotonic()
        await cluster.restart(mode="fast", down_for=down_for)
        load.restart_ended = time.monotonic()
        load.mark("restarted")
        await _until(lambda: load.written_after_restart() >= 2 * WRITERS, "writes after the restart")
        load.mark("written")
        await _until(lambda: app.state.cache.live, "the process cache's listener back")
        load.mark("listening")
    finally:
        load.stop.set()
        await asyncio.gather(*writers, *readers, return_exceptions=True)
    for task in (*writers, *readers):
        task.result()
    load.mark("stopped")
    # Once the server is back the service answers at once: a fresh burst all succeeds first time.
    burst = await asyncio.gather(*(load.write(n, 0, phase="burst") for n in range(WRITERS)))
    load.mark("burst")
    return burst


@pytest.mark.parametrize("down_for", [0.0, 1.0], ids=["restart", "down-one-second"])
async def test_writes_survive_a_database_restart(server: Cluster, tmp_path: Path, down_for: float) -> None:
    world = await _world(server, tmp_path)
    app = create_app(world.settings, spa_dist=None)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
        asyncio.timeout(2 * TIMEOUT),
    ):
        load = Load(client, world)
        burst = await _load_through_restart(app, load, server, down_for)
        sealed = await _audit_sealed(world)
        load.mark("sealed")
    stored, remembered_keys = await _stored(world)

    replayed = sum(a.replayed for a in load.answers)
    print(
        f"\n{down_for=}: {len(load.answers)} answers, {replayed} replayed, {len(stored)} cases stored; "
        f"seconds: {load.timings}\n{_summary(load.answers)}"
    )

    wrong = [a.describe() for a in load.answers if a.problem is not None]
    assert not wrong, f"{len(wrong)} answers were neither a success nor a retryable 503:\n" + "\n".join(
        wrong[:20]
    )
    assert any(a.status == 503 for a in load.answers), (
        "the restart reached no request: the test proved nothing"
    )
    late = [a.describe() for a in load.answers if a.phase in ("after", "burst") and a.status == 503]
    assert not late, "requests sent once the database was back failed:\n" + "\n".join(late[:20])
    assert all(r.status_code == 201 and "idempotent-replayed" not in r.headers for r in burst)
    acknowledged = set(load.acknowledged.values())
    assert acknowledged - stored == set(), "acknowledged cases are missing from the database"
    assert stored - acknowledged == set(), "the database holds cases no client was told of"
    assert remembered_keys == len(load.acknowledged)
    assert sealed.intact, sealed.reason
    assert sealed.unsealed == 0, f"{sealed.unsealed} audit events were never sealed after the restart"


COMMIT = b"Q\x00\x00\x00\x0cCOMMIT;\x00"  # asyncpg's COMMIT: a simple-protocol Query message


class CommitCutter:
    """A TCP proxy in front of the server that, when armed, breaks the connection of the next
    COMMIT: before the server has it ("request": nothing is kept) or after the server has
    committed and answered ("answer": the change is kept, the app never hears so)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.armed: str | None = None
        self.port = 0
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> "CommitCutter":
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._server is not None
        self._server.close()
        for task in self._connections:
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)

    async def _serve(self, app_in: asyncio.StreamReader, app_out: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        db_in, db_out = await asyncio.open_connection("127.0.0.1", self.target_port)
        answer_lost = asyncio.Event()

        async def to_server() -> None:
            while data := await app_in.read(1 << 16):
                if self.armed is not None and COMMIT in data:
                    mode, self.armed = self.armed, None
                    if mode == "request":
                        return
                    answer_lost.set()
                db_out.write(data)
                await db_out.drain()

        async def to_app() -> None:
            while data := await db_in.read(1 << 16):
                if answer_lost.is_set():
                    return  # the server's answer to COMMIT: it has committed
                app_out.write(data)
                await app_out.drain()

        pumps = [asyncio.create_task(to_server()), asyncio.create_task(to_app())]
        try:
            await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pump in pumps:
                pump.cancel()
            app_out.transport.abort()
            db_out.transport.abort()
            self._connections.discard(task)


@pytest.mark.parametrize("lost", ["request", "answer"])
async def test_a_commit_whose_answer_is_lost(server: Cluster, tmp_path: Path, lost: str) -> None:
    """Lost with its COMMIT or only with COMMIT's answer, a case is answered the same retryable
    503, which says the outcome is unknown; the retry with the same key makes the case (the COMMIT
    was lost) or replays the first answer (it was kept), and the database holds it once."""
    async with CommitCutter(server.port) as proxy:
        world = await _world(server, tmp_path, port=proxy.port)
        app = create_app(world.settings, spa_dist=None)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        headers = {"Idempotency-Key": f"commit-{lost}", **world.credentials[0]}
        body = case(world.units[0])
        async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as client:
            assert (
                await client.post(
                    "/api/v1/petitions", json=case(world.units[1]), headers={"Idempotency-Key": "warm"}
                )
            ).status_code == 201
            proxy.armed = lost
            first = await client.post("/api/v1/petitions", json=body)
            assert proxy.armed is None, "no COMMIT went through the proxy"
            kept_before_retry, _ = await _stored(world)
            retry = await client.post("/api/v1/petitions", json=body)
        await app.state.database.dispose()
    stored, _ = await _stored(world)

    assert _problem_in(first, 201) is None and first.status_code == 503, first.text
    assert "may or may not have been kept" in first.json()["detail"]
    assert len(kept_before_retry) == (1 if lost == "request" else 2)
    assert retry.status_code == 201, retry.text
    assert (retry.headers.get("idempotent-replayed") == "true") is (lost == "answer")
    assert len(stored) == 2 and (retry.json()["id"], retry.json()["reference"]) in stored
