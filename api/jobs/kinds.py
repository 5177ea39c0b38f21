"""The kinds of job the service itself runs (domains register theirs in their own `jobs.py`)."""

from typing import Any

from api.core import idempotency, throttle
from api.jobs import registry
from api.jobs.registry import JobContext

PURGE_EXPIRED = "purge_expired"


async def purge_expired(context: JobContext) -> dict[str, Any]:
    """Delete expired idempotency records and old rate-limit counters, in one transaction: run
    twice, the second run finds nothing left, so a retried purge has no second effect."""
    async with context.database.session() as session:
        records = await idempotency.purge_expired(session)
        counters = await throttle.purge_expired(session)
    await context.progress.set(records + counters, records + counters, force=True)
    return {"idempotency_records": records, "rate_limit_counters": counters}


registry.register(PURGE_EXPIRED, purge_expired)
