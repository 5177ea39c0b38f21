"""HTTP routes of /api/v1/jobs: a principal's jobs, their state and their progress as it happens."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from api.core.access import Authenticated, Principal
from api.core.db import Database
from api.core.exports import exportable
from api.core.pagination import Cursors
from api.core.repository import current, repository
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import UnitOfWorkRoute
from api.jobs.models import FINISHED, Job
from api.jobs.repository import JobRepository
from api.jobs.schemas import JOB_ID_EXAMPLE, JobListQuery, JobRead

Jobs = Annotated[JobRepository, repository(JobRepository)]
CurrentJob = Annotated[Job, current(JobRepository, "job_id")]

router = APIRouter(prefix="/jobs", tags=["jobs"], route_class=UnitOfWorkRoute)

NOT_FOUND = problems(404, codes={404: ["job_not_found"]})
# How often the event stream reads the row: progress is written at most every heartbeat anyway.
POLL_SECONDS = 0.5

# One event of the stream, as `text/event-stream` describes each (OpenAPI 3.1 reads the media type's
# schema as the schema of one event, 3.2 calls it `itemSchema`): its `event` name, and its `data`,
# the job as JSON.
EVENT_EXAMPLE = {
    "event": "job",
    "data": f'{{"id": "{JOB_ID_EXAMPLE}", "kind": "purge_expired", "state": "running", '
    '"progress": {"done": 1200, "total": 5000}, "attempts": 1}',
}
EVENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["event", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["job"], "description": "Always `job`."},
        "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": {"$ref": "#/components/schemas/JobRead"},
            "description": "The job as `GET /jobs/{job_id}` answers it, as JSON.",
        },
        "id": {"type": "string"},
        "retry": {"type": "integer", "minimum": 0},
    },
}
STREAMED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-Sent Events: an `event: job` whose `data` is the job (as `GET /jobs/{job_id}` "
        "answers it) at once and each time its state or progress changes; the stream ends after the "
        "event of a finished job (`succeeded`, `failed` or `cancelled`). The schema is that of one event.",
        "content": {"text/event-stream": {"schema": EVENT_SCHEMA, "example": EVENT_EXAMPLE}},
    }
}


@router.get(
    "",
    operation_id="jobs-list",
    summary="List one's jobs",
    response_model=Page[JobRead],
)
@exportable
async def list_jobs(
    jobs: Jobs,
    cursors: Cursors,
    query: Annotated[JobListQuery, Query()],
    _: Principal = Authenticated(),
) -> Page[JobRead]:
    """The jobs the caller asked for, newest first (a nationwide administrator sees every job,
    the service's own periodic ones too), filtered by state and kind, one page at a time."""
    page = await jobs.page(query, cursors)
    return Page[JobRead](
        items=[JobRead.of(job) for job in page.items], next_cursor=page.next_cursor, total=page.total
    )


@router.get(
    "/{job_id:uuid}",
    operation_id="jobs-get",
    summary="Get a job",
    response_model=JobRead,
    responses=NOT_FOUND,
)
async def get_job(job: CurrentJob, _: Principal = Authenticated()) -> JobRead:
    """One job: its state, progress, timing, and its result or error. Another principal's job is a
    404 (unless the caller is a nationwide administrator)."""
    return JobRead.of(job)


@router.get(
    "/{job_id:uuid}/events",
    operation_id="jobs-events-get",
    summary="Follow a job's progress",
    response_class=EventSourceResponse,
    responses={**STREAMED, **NOT_FOUND},
)
async def job_events(
    request: Request, job: CurrentJob, principal: Principal = Authenticated()
) -> EventSourceResponse:
    """The job's state and progress as Server-Sent Events, for the SPA's progress bars: one event at
    once, one per change, and the stream ends when the job has finished."""
    database: Database = request.app.state.database
    # Read now: the request's session ends (and forgets the row) before the stream begins.
    return EventSourceResponse(_events(database, principal, JobRead.of(job)), ping=15)


async def _events(database: Database, principal: Principal, job: JobRead) -> AsyncIterator[ServerSentEvent]:
    """Read the row (in the caller's scope) every POLL_SECONDS and send it when it changed. The
    request's own transaction has ended by now: each read is a short session of its own."""
    last: tuple[Any, ...] | None = None
    current_job: JobRead | None = job
    while current_job is not None:
        seen = (current_job.state, current_job.progress, current_job.attempts)
        if seen != last:
            last = seen
            yield ServerSentEvent(data=current_job.model_dump_json(), event="job")
        if current_job.state in FINISHED:
            return
        await asyncio.sleep(POLL_SECONDS)
        current_job = await _reload(database, principal, current_job.id)


async def _reload(database: Database, principal: Principal, job_id: uuid.UUID) -> JobRead | None:
    async with database.session(write=False) as session:
        found = await JobRepository(session, principal).find(job_id)
        return JobRead.of(found) if found is not None else None
