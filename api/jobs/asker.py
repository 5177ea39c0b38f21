"""Who a job acts as: its asker, with the rights the asker holds when the job runs, never the
service's (an import writes, an export reads, as the principal who asked)."""

from sqlalchemy import select

from api.auth.authenticator import principal_of
from api.core.access import Principal
from api.jobs.models import Job
from api.jobs.registry import JobContext, JobError


async def asker(context: JobContext, gone_code: str, gone_message: str) -> Principal:
    """The job's asker as it is now; `gone_code` fails the job when its account or key no longer is."""
    async with context.database.session(write=False) as session:
        job = await session.scalar(select(Job).where(Job.id == context.id))
        if job is None:
            raise JobError("job_not_found", "The job's row is gone.")
        principal = await principal_of(session, job.principal_kind, job.principal_id)
    if principal is None:
        raise JobError(gone_code, gone_message)
    return principal
