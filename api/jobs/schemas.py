"""Answers of /api/v1/jobs."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Schema
from api.jobs.models import Job, JobState

SORTING = Sorting(
    entity=Job,
    fields={"created_at": SortField("created_at", "created_at", datetime)},
    default="-created_at",
    tiebreak=SortField("id", "id", uuid.UUID),
)

JOB_ID_EXAMPLE = "7d0c2b1e-4a5f-4c3d-9e8b-1a2b3c4d5e6f"


class JobFailure(Schema):
    code: str = Field(
        description="Stable machine code: `job_handler_failed` (an unexpected failure, retried until "
        "attempts run out), `job_attempts_exhausted` (its worker was lost too often), `job_kind_unknown`, "
        "or a code of the job's kind.",
        examples=["job_handler_failed"],
    )
    message: str = Field(
        description="What went wrong, in English.", examples=["OperationalError: disk I/O error"]
    )


class JobProgress(Schema):
    done: int = Field(description="Rows (or steps) done so far.", examples=[1200])
    total: int | None = Field(description="Rows in all, once the job knows.", examples=[5000])


class JobRead(Schema):
    id: uuid.UUID = Field(examples=[JOB_ID_EXAMPLE])
    kind: str = Field(
        description="What the job does: `purge_expired` (the daily purge), `import` (a file's rows, "
        "docs/imports.md), `export` (a list too large for a request, `POST /exports`).",
        examples=["purge_expired"],
    )
    state: JobState = Field(
        description="`queued` → `running` → `succeeded` or `failed` (or `cancelled`); a failure with "
        "attempts left goes back to `queued`.",
        examples=["succeeded"],
    )
    progress: JobProgress
    attempts: int = Field(
        description="Runs started so far (a retry or a lost worker adds one).", examples=[1]
    )
    principal_kind: str = Field(
        description="`user`, `api_key` or `system` (periodic work).", examples=["user"]
    )
    principal_id: uuid.UUID = Field(
        description="Who asked.", examples=["0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"]
    )
    unit_id: uuid.UUID | None = Field(
        description="The asker's unit (its jurisdiction); null for the whole country.", examples=[None]
    )
    created_at: datetime = Field(examples=["2026-11-26T03:15:00Z"])
    started_at: datetime | None = Field(examples=["2026-11-26T03:15:01Z"])
    finished_at: datetime | None = Field(examples=["2026-11-26T03:15:02Z"])
    heartbeat_at: datetime | None = Field(
        description="Last sign of life of the worker running it.", examples=["2026-11-26T03:15:02Z"]
    )
    result: dict[str, Any] | None = Field(
        description="What a succeeded job produced (its kind says what): an import's counts and errors "
        "per row, an export's `rows`, `filename`, `size` and `download` (the file's path on this API).",
        examples=[{"idempotency_records": 12, "rate_limit_counters": 3, "job_files": 2}],
    )
    error: JobFailure | None = Field(description="Why the last attempt failed.", examples=[None])

    @classmethod
    def of(cls, job: Job) -> "JobRead":
        """The answer for a job: its columns, with progress and error as the objects they are."""
        error = JobFailure(code=job.error_code, message=job.error_message or "") if job.error_code else None
        return cls.from_model(job, progress=JobProgress(done=job.done, total=job.total), error=error)


class JobListQuery(PageQuery):
    sort: str | None = sort_parameter(SORTING)
    state: list[JobState] = Field(default_factory=list, description="Only jobs in these states (repeat).")
    kind: list[str] = Field(
        default_factory=list, description="Only jobs of these kinds (repeat).", examples=[["purge_expired"]]
    )
