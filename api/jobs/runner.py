"""The body of every job, whichever queue carried it: `run(job_id)`.

It claims the row (a compare-and-set, so two workers never both run a job, and a job already
finished is never run again), keeps a heartbeat while the handler works, and records the outcome.
A failure with attempts left puts the job back to `queued` and raises, so that the queue library
retries it after `QCDC_JOB_RETRY_SECONDS`; the last attempt records `failed` and returns. A job
whose worker died mid-run keeps `running` with a heartbeat that stops moving: the worker's sweep
(`api/jobs/worker.py`) hands it back, and the claim accepts it once the heartbeat is stale.
"""

import asyncio
import time
import traceback
import uuid
from datetime import timedelta
from typing import Any

import structlog
from sqlalchemy import or_, select, update

from api.core import audit
from api.core.background import beside
from api.core.db import Database, utcnow
from api.core.settings import Settings
from api.jobs import liveness, registry
from api.jobs.models import Job, JobState
from api.jobs.registry import JobContext, JobError

log = structlog.get_logger(__name__)


class RetryLater(Exception):
    """Raised to the queue library: the job failed with attempts left; its row says why."""


class Progress:
    """What a handler reports as it goes (`done` of `total` rows). Written to the row at most once
    per heartbeat interval, so a loop over a million rows costs a handful of UPDATEs."""

    def __init__(self, database: Database, job_id: uuid.UUID, every: float) -> None:
        self._database = database
        self._job_id = job_id
        self._every = every
        self._written_at = 0.0
        self.done = 0
        self.total: int | None = None

    async def set(self, done: int, total: int | None = None, *, force: bool = False) -> None:
        self.done = done
        if total is not None:
            self.total = total
        if force or time.monotonic() - self._written_at >= self._every:
            await self.write()

    async def advance(self, rows: int = 1) -> None:
        await self.set(self.done + rows)

    async def write(self) -> None:
        self._written_at = time.monotonic()
        async with self._database.session() as session:
            await session.execute(
                update(Job)
                .where(Job.id == self._job_id, Job.state == JobState.RUNNING)
                .values(done=self.done, total=self.total, heartbeat_at=utcnow())
            )


async def _heartbeat(database: Database, job_id: uuid.UUID, every: float) -> None:
    """Keep the row's heartbeat fresh while the handler works, whether it reports progress or not."""
    if database.bound:
        # Bound to one outer transaction (the tests'): no other worker ever sees a heartbeat there,
        # and a beat would share that one connection with the handler's own statements.
        return
    while True:
        await asyncio.sleep(every)
        try:
            async with database.session() as session:
                await session.execute(
                    update(Job)
                    .where(Job.id == job_id, Job.state == JobState.RUNNING)
                    .values(heartbeat_at=utcnow())
                )
        except Exception:  # a lost database connection must not end the job: the next beat retries
            log.warning("job_heartbeat_failed", job_id=str(job_id), exc_info=True)


async def _claim(database: Database, settings: Settings, job_id: uuid.UUID) -> Job | None:
    """Mark the job running for this worker, or None when it is not ours to run (finished, or
    running with a live heartbeat elsewhere, or on SQLite with a live worker: `liveness`)."""
    if liveness.is_worked_on(settings, job_id):
        return None
    now = utcnow()
    stale = now - timedelta(seconds=settings.job_stale_seconds)
    async with database.session() as session:
        claimed = await session.execute(
            update(Job)
            .where(
                Job.id == job_id,
                or_(
                    Job.state == JobState.QUEUED,
                    (Job.state == JobState.RUNNING) & (Job.heartbeat_at < stale),
                ),
            )
            .values(
                state=JobState.RUNNING,
                attempts=Job.attempts + 1,
                started_at=now,
                heartbeat_at=now,
                finished_at=None,
            )
        )
        if not getattr(claimed, "rowcount", 0):
            return None
        job = await session.scalar(select(Job).where(Job.id == job_id))
        assert job is not None
        audit.record(session, "job.start", "job", job.id, job.unit_id, {"after": {"attempt": job.attempts}})
        return job


async def _finish(
    database: Database,
    job: Job,
    state: JobState,
    *,
    result: dict[str, Any] | None = None,
    error: tuple[str, str] | None = None,
    progress: Progress | None = None,
) -> None:
    values: dict[str, Any] = {"state": state, "heartbeat_at": utcnow()}
    if state != JobState.QUEUED:
        values["finished_at"] = utcnow()
    if result is not None:
        values["result"] = result
    if error is not None:
        values["error_code"], values["error_message"] = error
    if progress is not None:
        values.update(done=progress.done, total=progress.total)
    async with database.session() as session:
        await session.execute(
            update(Job).where(Job.id == job.id, Job.state == JobState.RUNNING).values(**values)
        )
        changes = {"state": state.value, **({"error_code": error[0]} if error else {})}
        audit.record(session, f"job.{state.value}", "job", job.id, job.unit_id, {"after": changes})


async def run(database: Database, settings: Settings, job_id: uuid.UUID) -> JobState | None:
    """Run one job to its outcome; None when the job was not this worker's to run."""
    job = await _claim(database, settings, job_id)
    if job is None:
        log.info("job_not_claimed", job_id=str(job_id))
        return None
    if job.attempts > settings.job_max_attempts:
        await _finish(
            database,
            job,
            JobState.FAILED,
            error=("job_attempts_exhausted", f"Gave up after {settings.job_max_attempts} attempts."),
        )
        return JobState.FAILED
    handle = registry.handler(job.kind)
    if handle is None:
        await _finish(
            database, job, JobState.FAILED, error=("job_kind_unknown", f"No handler for {job.kind}.")
        )
        return JobState.FAILED
    progress = Progress(database, job.id, settings.job_heartbeat_seconds)
    context = JobContext(job.id, job.kind, dict(job.params), job.attempts, database, settings, progress)
    try:
        # The heartbeat stops with the handler, before the outcome is written.
        with liveness.working_on(settings, job.id):
            async with beside(_heartbeat(database, job.id, settings.job_heartbeat_seconds), "job-heartbeat"):
                result = await handle(context)
    except JobError as refused:
        await _finish(
            database, job, JobState.FAILED, error=(refused.code, refused.message), progress=progress
        )
        return JobState.FAILED
    except Exception as exc:
        log.warning(
            "job_attempt_failed", job_id=str(job.id), kind=job.kind, attempt=job.attempts, exc_info=True
        )
        error = ("job_handler_failed", _describe(exc))
        if job.attempts >= settings.job_max_attempts:
            await _finish(database, job, JobState.FAILED, error=error, progress=progress)
            return JobState.FAILED
        await _finish(database, job, JobState.QUEUED, error=error, progress=progress)
        raise RetryLater(str(job.id)) from exc
    await _finish(database, job, JobState.SUCCEEDED, result=result or {}, progress=progress)
    return JobState.SUCCEEDED


def _describe(exc: BaseException) -> str:
    """The error a job shows: the exception's type and message (the traceback goes to the log)."""
    last = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return last[:2000]
