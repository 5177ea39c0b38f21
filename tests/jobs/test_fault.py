"""The fault test: a real worker process is killed (`kill -9`) while a job runs; a new worker
finds the job again and completes it, once. On SQLite the queue is huey's file, on PostgreSQL
procrastinate's tables: each backend's recovery is exercised."""

import asyncio
import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from api.core.access import SYSTEM
from api.core.db import Database
from api.core.settings import PROJECT_ROOT, Settings
from api.jobs import queue as queues
from api.jobs import service
from api.jobs.models import Job, JobState
from tests.conftest import SECRET, Backend
from tests.jobs import handlers
from tests.jobs.handlers import forget_test_jobs

# Small enough for a test of seconds: a lost job is seen after a second without a heartbeat.
FAST = {
    "job_stale_seconds": 1.0,
    "job_heartbeat_seconds": 0.2,
    "job_retry_seconds": 0,
    "job_max_attempts": 3,
}


def _environment(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QCDC_")}
    env.update(
        {
            "QCDC_ENVIRONMENT": "test",
            "QCDC_DATABASE_URL": settings.resolved_database_url,
            "QCDC_DATA_DIR": str(settings.data_dir),
            "QCDC_SECRET_KEY": SECRET,
            "QCDC_LOG_LEVEL": "WARNING",
            "QCDC_JOB_MODULES": json.dumps(["tests.jobs.handlers"]),
            **{f"QCDC_{name.upper()}": str(value) for name, value in FAST.items()},
        }
    )
    return env


class Workers:
    """`qcdc worker` processes started by a test, each stopped (or killed) by it."""

    def __init__(self, settings: Settings, log: Path) -> None:
        self.settings = settings
        self.log = log
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "api.cli", "worker"],
                cwd=PROJECT_ROOT,
                env=_environment(self.settings),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.running.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture
def settings(backend: Backend, tmp_path: Path) -> Settings:
    return backend.settings.model_copy(update={**FAST, "data_dir": tmp_path})


@pytest.fixture
def workers(settings: Settings, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(settings, tmp_path / "workers.log")
    yield started
    started.stop_all()


@pytest.fixture
async def database(backend: Backend) -> AsyncIterator[Database]:
    """Real commits: the worker processes must see the rows (deleted again afterwards)."""
    database = Database(backend.engine)
    yield database
    await forget_test_jobs(backend)


async def _wait_for(what: str, check: Callable[[], Awaitable[bool]], seconds: float, log: Path) -> None:
    try:
        async with asyncio.timeout(seconds):
            # Another process changes what is watched: nothing here could set an Event.
            while not await check():  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    except TimeoutError:
        said = await asyncio.to_thread(log.read_text)
        raise AssertionError(f"{what} within {seconds} s; the workers said:\n{said[-4000:]}") from None


async def _job(database: Database, job_id: uuid.UUID) -> Job:
    async with database.session(write=False) as session:
        job = await session.scalar(select(Job).where(Job.id == job_id))
        assert job is not None
        return job


async def test_a_job_survives_kill_9_of_its_worker(
    database: Database, settings: Settings, workers: Workers, tmp_path: Path
) -> None:
    folder = tmp_path / "job"
    folder.mkdir()
    first = workers.start()
    q = queues.make_queue(settings)
    try:
        job = await service.submit_and_enqueue_with(
            q, database, SYSTEM, handlers.WAIT_FOR_MARKER, {"dir": str(folder)}
        )
    finally:
        await q.close()

    async def started() -> bool:
        return (folder / "started-1").exists()

    await _wait_for("the first worker starts the job", started, 30, workers.log)
    first.kill()  # SIGKILL: no clean-up of any kind
    first.wait()
    lost = await _job(database, job.id)
    assert (lost.state, lost.attempts) == (JobState.RUNNING, 1)

    (folder / "marker").touch()
    workers.start()

    async def finished() -> bool:
        return (await _job(database, job.id)).finished

    await _wait_for("a new worker completes the job", finished, 30, workers.log)
    done = await _job(database, job.id)
    assert done.state == JobState.SUCCEEDED, (done.error_code, done.error_message)
    assert done.attempts == 2
    assert done.result == {"attempt": 2}
    # One effect: the killed run never reached it, the second run wrote it once.
    assert (folder / "effects").read_text().splitlines() == [f"{job.id} attempt 2"]


async def test_a_job_is_run_by_a_worker(database: Database, settings: Settings, workers: Workers) -> None:
    """The plain path through the real queue: enqueued, taken by a worker, done."""
    workers.start()
    q = queues.make_queue(settings)
    try:
        job = await service.submit_and_enqueue_with(q, database, SYSTEM, handlers.COUNT, {"rows": 5})
    finally:
        await q.close()

    async def finished() -> bool:
        return (await _job(database, job.id)).finished

    await _wait_for("the worker runs the job", finished, 30, workers.log)
    done = await _job(database, job.id)
    assert (done.state, done.done, done.total, done.result) == (JobState.SUCCEEDED, 5, 5, {"rows": 5})
