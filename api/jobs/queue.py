"""The job queue: two maintained libraries behind one small interface, chosen by the database.

The rest of the code never imports procrastinate or huey: it calls `enqueue(settings, job_id)`
after committing a job's row, and `qcdc worker` calls `run_worker(settings)`.

**PostgreSQL: procrastinate** (production: several stateless API processes and job workers on
one PostgreSQL). Its queue is a table of the same database, so it needs no other server; workers
wake on LISTEN/NOTIFY and take a job with `SELECT … FOR UPDATE SKIP LOCKED` (never twice, never
blocked by each other); it has retries with a wait, periodic tasks deferred once for the whole
fleet (a unique row per period, however many workers), worker heartbeats, and a documented way
to retry the jobs of a worker that died (`get_stalled_jobs` then `retry_job`), which the sweep
calls. It talks to PostgreSQL through psycopg 3 (`psycopg[binary,pool]`), beside the asyncpg the
API uses; its schema is installed by our Alembic migration (`qcdc migrate`).

**SQLite: huey** with its SQLite storage (`SqliteHuey`), a file beside the database
(`<data_dir>/jobs-queue.sqlite3`): the embedded default needs no server. Huey removes a message
when a task starts, so a worker killed mid-task loses the message: the job is found again from
our own `jobs` table (the sweep below), not from huey.

**Recovery, both backends.** The `jobs` row is the truth. The worker sweeps when it starts and
every few seconds: a job left `running` whose heartbeat is older than `QCDC_JOB_STALE_SECONDS`,
or `queued` that long with no message in the queue, is put back to `queued` and enqueued again;
the claim in `api/jobs/runner.py` is a compare-and-set, so a job never runs twice at once and a
finished job never runs again, and each attempt is counted against `QCDC_JOB_MAX_ATTEMPTS`.
"""

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import cache
from typing import Any, Protocol

import structlog
from sqlalchemy import ColumnElement, and_, func, select, update
from sqlalchemy.engine import make_url

from api.core.db import Database, create_engine, utcnow
from api.core.settings import Settings
from api.jobs import liveness, runner
from api.jobs.models import Job, JobState

log = structlog.get_logger(__name__)

RUN_JOB = "qcdc.run_job"
PURGE_DAILY = "qcdc.purge_expired_daily"
QUEUE = "qcdc"
# Daily, at 03:15 (UTC): the quiet hour of Vietnam's working day is long past.
PURGE_CRON = "15 3 * * *"

Periodic = Callable[[Database, Settings], Awaitable[None]]


class Queue(Protocol):
    async def enqueue(self, job_id: uuid.UUID) -> None: ...

    async def pending_ids(self) -> set[uuid.UUID]:
        """Jobs that have a message waiting in the queue (or a retry scheduled)."""

    async def recover_stalled(self) -> int:
        """Hand back to the queue what the library itself knows a dead worker held."""

    def run_worker(self, periodic: Periodic) -> None:
        """Work until SIGINT or SIGTERM (blocking; the process's main thread)."""

    async def close(self) -> None:
        """Release the connections an enqueuing process opened."""


def huey_file(settings: Settings) -> str:
    return str(settings.data_dir / "jobs-queue.sqlite3")


def psycopg_conninfo(url: str) -> str:
    """procrastinate's connection string: the database URL without SQLAlchemy's driver name.
    (Options are passed on as they are: write libpq's, such as `sslmode`, in QCDC_DATABASE_URL's
    query when procrastinate must see them.)"""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _run_in_own_database(settings: Settings, job_id: uuid.UUID) -> None:
    """A huey task: huey's workers are threads without an event loop, so each job gets one, with
    an engine of its own (a few milliseconds, nothing beside a job's work)."""

    async def go() -> None:
        database = Database(create_engine(settings))
        try:
            await runner.run(database, settings, job_id)
        finally:
            await database.dispose()

    asyncio.run(go())


class HueyQueue:
    def __init__(self, settings: Settings) -> None:
        from huey import SqliteHuey, crontab

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.huey = SqliteHuey(name=QUEUE, filename=huey_file(settings))
        self.periodic: Periodic | None = None
        # Retries are the library's, their count is ours: the row gives up after
        # QCDC_JOB_MAX_ATTEMPTS (api/jobs/runner.py), so huey is allowed as many.
        self._run_job = self.huey.task(
            retries=settings.job_max_attempts, retry_delay=settings.job_retry_seconds, name=RUN_JOB
        )(lambda job_id: _run_in_own_database(settings, uuid.UUID(job_id)))
        hour, minute = PURGE_CRON.split()[1], PURGE_CRON.split()[0]
        self.huey.periodic_task(crontab(minute=minute, hour=hour), name=PURGE_DAILY)(self._purge_daily)

    def _purge_daily(self) -> None:
        async def go() -> None:
            database = Database(create_engine(self.settings))
            try:
                if self.periodic is not None:
                    await self.periodic(database, self.settings)
            finally:
                await database.dispose()

        asyncio.run(go())

    async def enqueue(self, job_id: uuid.UUID) -> None:
        # Huey's SQLite storage is synchronous: its INSERT runs off the event loop.
        await asyncio.to_thread(self._run_job, str(job_id))

    async def pending_ids(self) -> set[uuid.UUID]:
        def read() -> set[uuid.UUID]:
            tasks = [*self.huey.pending(), *self.huey.scheduled()]
            return {uuid.UUID(task.args[0]) for task in tasks if task.name == RUN_JOB and task.args}

        return await asyncio.to_thread(read)

    async def recover_stalled(self) -> int:
        return 0  # huey keeps nothing of a started task: the sweep recovers from the jobs table

    async def close(self) -> None:
        return None

    def run_worker(self, periodic: Periodic) -> None:
        self.periodic = periodic
        # One thread: the embedded default is one machine, and SQLite takes one writer at a time.
        consumer = self.huey.create_consumer(workers=1, periodic=True, initial_delay=0.1, max_delay=1.0)
        consumer.run()


class ProcrastinateQueue:
    def __init__(self, settings: Settings) -> None:
        import procrastinate

        self.settings = settings
        self.app = procrastinate.App(
            connector=procrastinate.PsycopgConnector(
                conninfo=psycopg_conninfo(settings.resolved_database_url)
            )
        )
        self._opened = False
        self._lock = asyncio.Lock()
        self.database: Database | None = None
        self.periodic: Periodic | None = None
        retry = procrastinate.RetryStrategy(
            max_attempts=settings.job_max_attempts, wait=settings.job_retry_seconds
        )

        @self.app.task(name=RUN_JOB, queue=QUEUE, retry=retry)
        async def run_job(job_id: str) -> None:
            assert self.database is not None
            await runner.run(self.database, settings, uuid.UUID(job_id))

        # Deferred once per period for the whole fleet: procrastinate records each period's
        # defer in a table of its own, so every worker may try and one succeeds.
        @self.app.periodic(cron=PURGE_CRON, periodic_id="purge_expired")
        @self.app.task(name=PURGE_DAILY, queue=QUEUE)
        async def purge_daily(timestamp: int) -> None:  # noqa: ARG001 - procrastinate passes the period
            if self.periodic is not None and self.database is not None:
                await self.periodic(self.database, settings)

        self._run_job = run_job

    async def _open(self) -> None:
        async with self._lock:
            if not self._opened:
                await self.app.open_async()
                self._opened = True

    async def enqueue(self, job_id: uuid.UUID) -> None:
        await self._open()
        await self._run_job.defer_async(job_id=str(job_id))

    async def pending_ids(self) -> set[uuid.UUID]:
        await self._open()
        rows = await self.app.connector.execute_query_all_async(
            "SELECT args->>'job_id' AS job_id FROM procrastinate_jobs "
            "WHERE task_name = %(task)s AND status IN ('todo', 'doing')",
            task=RUN_JOB,
        )
        return {uuid.UUID(row["job_id"]) for row in rows if row["job_id"]}

    async def recover_stalled(self) -> int:
        await self._open()
        manager = self.app.job_manager
        stalled = list(
            await manager.get_stalled_jobs(seconds_since_heartbeat=self.settings.job_stale_seconds)
        )
        for job in stalled:
            await manager.retry_job(job)
        return len(stalled)

    async def close(self) -> None:
        async with self._lock:
            if self._opened:
                await self.app.close_async()
                self._opened = False

    def run_worker(self, periodic: Periodic) -> None:
        self.periodic = periodic
        asyncio.run(self._work())

    async def _work(self) -> None:
        from api.jobs.worker import sweeping

        self.database = Database(create_engine(self.settings))
        beat = min(10.0, self.settings.job_stale_seconds / 3)
        try:
            await self._open()
            async with sweeping(self, self.database, self.settings):
                await self.app.run_worker_async(
                    queues=[QUEUE],
                    wait=True,
                    update_heartbeat_interval=beat,
                    stalled_worker_timeout=self.settings.job_stale_seconds,
                    fetch_job_polling_interval=min(5.0, self.settings.job_stale_seconds),
                )
        finally:
            await self.close()
            await self.database.dispose()


def make_queue(settings: Settings) -> Queue:
    """A new queue for the settings' database (tests; everything else shares `queue_for`'s)."""
    return HueyQueue(settings) if settings.is_sqlite else ProcrastinateQueue(settings)


@cache
def _queue_for(url: str, data_dir: str) -> Queue:
    return make_queue(_settings_by_key[(url, data_dir)])


_settings_by_key: dict[tuple[str, str], Settings] = {}


def queue_for(settings: Settings) -> Queue:
    """The queue of the settings' database (one per process and database)."""
    key = (settings.resolved_database_url, str(settings.data_dir))
    _settings_by_key.setdefault(key, settings)
    return _queue_for(*key)


async def enqueue(settings: Settings, job_id: uuid.UUID) -> None:
    """Hand a committed job to the queue. Should this fail (the queue unreachable), the row stays
    `queued` and the worker's sweep enqueues it: an accepted job is never lost."""
    await queue_for(settings).enqueue(job_id)


def _lost(settings: Settings) -> ColumnElement[bool]:
    """Unfinished, and no sign of life for QCDC_JOB_STALE_SECONDS (no heartbeat since, or, never
    started, created before that)."""
    stale = utcnow() - timedelta(seconds=settings.job_stale_seconds)
    return and_(
        Job.state.in_([JobState.RUNNING, JobState.QUEUED]),
        func.coalesce(Job.heartbeat_at, Job.created_at) < stale,
    )


async def orphans(database: Database, settings: Settings, pending: set[uuid.UUID]) -> list[uuid.UUID]:
    """Unfinished jobs nobody is working on: `running` with a stale heartbeat (on SQLite, and no
    process holding its mark: `liveness`), or `queued` for longer than that with no message
    waiting (lost between commit and enqueue, or with a worker)."""
    async with database.session(write=False) as session:
        found = await session.scalars(select(Job.id).where(_lost(settings)))
        return [
            job_id
            for job_id in found
            if job_id not in pending and not liveness.is_worked_on(settings, job_id)
        ]


async def requeue(database: Database, settings: Settings, job_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """Put lost jobs back to `queued`, their heartbeat now (the sweep's own mark, so the next sweep
    leaves them to the queue for a while); the ones still lost when updated, that is: a job a
    worker claimed since `orphans` read it is left alone (compare-and-set)."""
    requeued = []
    async with database.session() as session:
        for job_id in job_ids:
            done = await session.execute(
                update(Job)
                .where(Job.id == job_id, _lost(settings))
                .values(state=JobState.QUEUED, heartbeat_at=utcnow())
            )
            if getattr(done, "rowcount", 0):
                requeued.append(job_id)
    return requeued


def describe(settings: Settings) -> dict[str, Any]:
    """Which library carries the jobs, for the worker's first log line."""
    if settings.is_sqlite:
        return {"queue": "huey", "storage": huey_file(settings)}
    return {"queue": "procrastinate", "queue_name": QUEUE}
