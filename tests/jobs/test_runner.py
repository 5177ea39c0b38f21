"""run(job_id): a job runs, reports progress and its result; a failure is retried, then `failed`
with its error; a finished job never runs again."""

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.audit import AuditEvent
from api.core.db import Database
from api.core.settings import Settings
from api.jobs import runner
from api.jobs.models import Job, JobState
from api.jobs.runner import RetryLater
from tests.conftest import Backend
from tests.factories import create_job
from tests.jobs import handlers


@pytest.fixture
def settings(backend: Backend) -> Settings:
    return backend.settings.model_copy(
        update={"job_max_attempts": 2, "job_heartbeat_seconds": 0.01, "job_retry_seconds": 0}
    )


async def _row(session: AsyncSession, job_id: uuid.UUID) -> Job:
    job = await session.scalar(select(Job).where(Job.id == job_id).execution_options(populate_existing=True))
    assert job is not None
    return job


async def test_a_job_runs_reports_progress_and_its_result(
    session: AsyncSession, database: Database, settings: Settings
) -> None:
    job = await create_job(session, kind=handlers.COUNT, params={"rows": 4})
    assert await runner.run(database, settings, job.id) == JobState.SUCCEEDED
    row = await _row(session, job.id)
    assert (row.state, row.done, row.total, row.attempts) == (JobState.SUCCEEDED, 4, 4, 1)
    assert row.result == {"rows": 4}
    assert row.error_code is None
    assert row.started_at is not None and row.finished_at is not None and row.heartbeat_at is not None
    assert row.started_at <= row.finished_at
    actions = await session.scalars(select(AuditEvent.action).where(AuditEvent.resource_id == str(job.id)))
    # (Its creation is logged when the session that created it commits: this test never does.)
    assert set(actions) >= {"job.start", "job.succeeded"}


async def test_a_finished_job_is_never_run_again(
    session: AsyncSession, database: Database, settings: Settings
) -> None:
    job = await create_job(session, kind=handlers.COUNT, params={"rows": 1})
    await runner.run(database, settings, job.id)
    assert await runner.run(database, settings, job.id) is None
    assert (await _row(session, job.id)).attempts == 1


async def test_a_failure_is_retried_then_succeeds(
    session: AsyncSession, database: Database, settings: Settings
) -> None:
    job = await create_job(session, kind=handlers.FLAKY, params={"succeed_on": 2})
    with pytest.raises(RetryLater):
        await runner.run(database, settings, job.id)
    row = await _row(session, job.id)
    assert (row.state, row.attempts, row.error_code) == (JobState.QUEUED, 1, "job_handler_failed")
    assert row.error_message == "RuntimeError: attempt 1 fails"
    # The queue library calls it again after its wait.
    assert await runner.run(database, settings, job.id) == JobState.SUCCEEDED
    row = await _row(session, job.id)
    assert (row.state, row.attempts, row.result) == (JobState.SUCCEEDED, 2, {"attempt": 2})


async def test_a_failing_handler_is_retried_then_failed_with_its_error(
    session: AsyncSession, database: Database, settings: Settings
) -> None:
    job = await create_job(session, kind=handlers.FAIL)
    with pytest.raises(RetryLater):
        await runner.run(database, settings, job.id)
    assert await runner.run(database, settings, job.id) == JobState.FAILED
    row = await _row(session, job.id)
    assert (row.state, row.attempts) == (JobState.FAILED, 2)
    assert (row.error_code, row.error_message) == ("job_handler_failed", "RuntimeError: boom")
    assert row.finished_at is not None
    assert await runner.run(database, settings, job.id) is None


async def test_a_refusal_fails_at_once(session: AsyncSession, database: Database, settings: Settings) -> None:
    job = await create_job(session, kind=handlers.REFUSE)
    assert await runner.run(database, settings, job.id) == JobState.FAILED
    row = await _row(session, job.id)
    assert (row.state, row.attempts, row.error_code) == (JobState.FAILED, 1, "test_bad_input")


async def test_an_unknown_kind_fails(session: AsyncSession, database: Database, settings: Settings) -> None:
    job = await create_job(session, kind="no_such_kind")
    assert await runner.run(database, settings, job.id) == JobState.FAILED
    assert (await _row(session, job.id)).error_code == "job_kind_unknown"


async def test_a_job_lost_too_often_is_failed(
    session: AsyncSession, database: Database, settings: Settings
) -> None:
    """Two workers died running it (attempts 2 of 2, heartbeat stale): the next claim gives up."""
    from datetime import timedelta

    from api.core.db import utcnow

    job = await create_job(
        session,
        kind=handlers.COUNT,
        state=JobState.RUNNING,
        attempts=2,
        heartbeat_at=utcnow() - timedelta(seconds=settings.job_stale_seconds + 1),
    )
    assert await runner.run(database, settings, job.id) == JobState.FAILED
    row = await _row(session, job.id)
    assert (row.attempts, row.error_code) == (3, "job_attempts_exhausted")


async def test_a_running_job_with_a_live_heartbeat_is_left_alone(
    session: AsyncSession, database: Database, settings: Settings
) -> None:
    from api.core.db import utcnow

    job = await create_job(
        session, kind=handlers.COUNT, state=JobState.RUNNING, attempts=1, heartbeat_at=utcnow()
    )
    assert await runner.run(database, settings, job.id) is None
    assert (await _row(session, job.id)).attempts == 1


async def test_the_purge_job_deletes_what_expired(
    session: AsyncSession, database: Database, settings: Settings
) -> None:
    from api.jobs.kinds import PURGE_EXPIRED

    job = await create_job(session, kind=PURGE_EXPIRED)
    assert await runner.run(database, settings, job.id) == JobState.SUCCEEDED
    row = await _row(session, job.id)
    assert set(row.result or {}) == {"idempotency_records", "rate_limit_counters", "job_files"}


async def test_the_daily_purge_is_a_job_of_the_service(
    session: AsyncSession, database: Database, settings: Settings
) -> None:
    """What the periodic task (procrastinate's or huey's) runs: a job row of `system`, run at once."""
    from api.jobs.kinds import PURGE_EXPIRED
    from api.jobs.worker import purge_expired_now

    await purge_expired_now(database, settings)
    job = await session.scalar(select(Job).where(Job.kind == PURGE_EXPIRED))
    assert job is not None
    assert (job.state, job.principal_kind, job.unit_id, job.attempts) == (
        JobState.SUCCEEDED,
        "system",
        None,
        1,
    )
