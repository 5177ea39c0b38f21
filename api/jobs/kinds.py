"""The kinds of job the service itself runs (domains register theirs in their own `jobs.py`)."""

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from api.core import clock, idempotency, throttle
from api.core.db import Database
from api.core.settings import Settings
from api.core.storage import local_storage
from api.jobs import registry
from api.jobs.models import Job
from api.jobs.registry import JobContext

PURGE_EXPIRED = "purge_expired"


async def purge_expired(context: JobContext) -> dict[str, Any]:
    """Delete expired idempotency records and old rate-limit counters, in one transaction, then the
    files of jobs finished longer ago than `QCDC_JOB_FILE_RETENTION_HOURS`: run twice, the second
    run finds nothing left, so a retried purge has no second effect."""
    async with context.database.session() as session:
        records = await idempotency.purge_expired(session)
        counters = await throttle.purge_expired(session)
    files = await purge_job_files(context.database, context.settings)
    done = records + counters + files
    await context.progress.set(done, done, force=True)
    return {"idempotency_records": records, "rate_limit_counters": counters, "job_files": files}


async def purge_job_files(database: Database, settings: Settings) -> int:
    """Delete the stored file of every job finished before the retention (a job's `storage_key`:
    an import's upload, an export's file) and forget its key, the row marked `file_purged`. The
    file goes first: a purge killed in between deletes an already missing file next time."""
    cutoff = clock.now() - timedelta(hours=settings.job_file_retention_hours)
    storage = local_storage(settings.data_dir)
    async with database.session() as session:
        kept = await session.scalars(
            select(Job).where(Job.finished_at < cutoff, Job.params["storage_key"].as_string().is_not(None))
        )
        purged = 0
        for job in kept:
            await storage.delete(str(job.params["storage_key"]))
            job.params = {k: v for k, v in job.params.items() if k != "storage_key"} | {"file_purged": True}
            purged += 1
    return purged


registry.register(PURGE_EXPIRED, purge_expired)
