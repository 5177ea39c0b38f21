"""Submitting jobs. A job is accepted once its row is committed; it is then enqueued
(`api.jobs.queue.enqueue`), and should that be lost the worker's sweep enqueues it."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.db import Database
from api.core.settings import Settings
from api.jobs import queue
from api.jobs.models import Job, JobState


async def submit(
    session: AsyncSession, principal: Principal, kind: str, params: dict[str, Any] | None = None
) -> Job:
    """Record a job asked for by `principal` (within its jurisdiction); the caller enqueues it once
    the session has committed (`queue.enqueue`), never before: a worker must find the row."""
    job = Job(
        # Set here, not at INSERT: the audit event of its creation is built before the flush.
        id=uuid.uuid4(),
        kind=kind,
        params=params or {},
        principal_kind=principal.kind,
        principal_id=principal.id,
        unit_id=principal.unit_id,
        unit_path=principal.unit_path,
        state=JobState.QUEUED,
        done=0,
        attempts=0,
    )
    session.add(job)
    await session.flush()
    return job


async def submit_and_enqueue(
    database: Database,
    settings: Settings,
    principal: Principal,
    kind: str,
    params: dict[str, Any] | None = None,
) -> Job:
    """Outside a request (the CLI): commit the row, then enqueue it."""
    return await submit_and_enqueue_with(queue.queue_for(settings), database, principal, kind, params)


async def submit_and_enqueue_with(
    q: queue.Queue, database: Database, principal: Principal, kind: str, params: dict[str, Any] | None = None
) -> Job:
    """The same on a given queue (a test's own)."""
    async with database.session() as session:
        job = await submit(session, principal, kind, params)
    await q.enqueue(job.id)
    return job
