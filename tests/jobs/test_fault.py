"""The fault test: a real worker process is killed (`kill -9`) while a job runs; a new worker
finds the job again and completes it, once. On SQLite the queue is huey's file, on PostgreSQL
procrastinate's tables: each backend's recovery is exercised."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from api.core.access import SYSTEM
from api.core.db import Database
from api.core.settings import Settings
from api.jobs import queue as queues
from api.jobs import service
from api.jobs.models import JobState
from tests.conftest import Backend
from tests.jobs import handlers
from tests.jobs.handlers import forget_test_jobs
from tests.workers import Workers, job_row


@pytest.fixture
async def database(backend: Backend) -> AsyncIterator[Database]:
    """Real commits: the worker processes must see the rows (deleted again afterwards)."""
    database = Database(backend.engine)
    yield database
    await forget_test_jobs(backend)


async def test_a_job_survives_kill_9_of_its_worker(
    database: Database, worker_settings: Settings, workers: Workers, tmp_path: Path
) -> None:
    folder = tmp_path / "job"
    folder.mkdir()
    first = workers.start()
    q = queues.make_queue(worker_settings)
    try:
        job = await service.submit_and_enqueue_with(
            q, database, SYSTEM, handlers.WAIT_FOR_MARKER, {"dir": str(folder)}
        )
    finally:
        await q.close()

    async def started() -> bool:
        return (folder / "started-1").exists()

    await workers.wait_for("the first worker starts the job", started, 30)
    first.kill()  # SIGKILL: no clean-up of any kind
    first.wait()
    lost = await job_row(database, job.id)
    assert (lost.state, lost.attempts) == (JobState.RUNNING, 1)

    (folder / "marker").touch()
    workers.start()

    async def finished() -> bool:
        return (await job_row(database, job.id)).finished

    await workers.wait_for("a new worker completes the job", finished, 30)
    done = await job_row(database, job.id)
    assert done.state == JobState.SUCCEEDED, (done.error_code, done.error_message)
    assert done.attempts == 2
    assert done.result == {"attempt": 2}
    # One effect: the killed run never reached it, the second run wrote it once.
    assert (folder / "effects").read_text().splitlines() == [f"{job.id} attempt 2"]


async def test_a_job_is_run_by_a_worker(
    database: Database, worker_settings: Settings, workers: Workers
) -> None:
    """The plain path through the real queue: enqueued, taken by a worker, done."""
    workers.start()
    q = queues.make_queue(worker_settings)
    try:
        job = await service.submit_and_enqueue_with(q, database, SYSTEM, handlers.COUNT, {"rows": 5})
    finally:
        await q.close()

    async def finished() -> bool:
        return (await job_row(database, job.id)).finished

    await workers.wait_for("the worker runs the job", finished, 30)
    done = await job_row(database, job.id)
    assert (done.state, done.done, done.total, done.result) == (JobState.SUCCEEDED, 5, 5, {"rows": 5})
