"""The durable record of every job: what was asked, by whom, and how far it got.

The queue libraries (procrastinate, huey; `api/jobs/queue.py`) only carry a job's id to a worker.
This row is the truth about the job: a worker claims it here, writes its heartbeat and progress
here, and a job a worker lost (a `kill -9`) is found again here and handed back to the queue.
"""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.core.db import Base, UUIDPrimaryKey, string_enum, utcnow


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED = frozenset({JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED})


class Job(UUIDPrimaryKey, Base):
    __tablename__ = "jobs"
    __audit__ = "job"
    # Progress and heartbeats are written by plain UPDATEs (api/jobs/runner.py), never audited: what
    # the log keeps is the job's submission, start and outcome.
    __audit_ignore__ = ("heartbeat_at", "done", "total")

    kind: Mapped[str] = mapped_column(String(64))
    # Parameters of the work, as the kind's handler reads them.
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Who asked: a user, an API key, or the service itself (`system`, for periodic work).
    principal_kind: Mapped[str] = mapped_column(String(16))
    principal_id: Mapped[uuid.UUID]
    # The asker's jurisdiction when it asked (its unit and materialised path; null: the country).
    unit_id: Mapped[uuid.UUID | None]
    unit_path: Mapped[str | None] = mapped_column(String(512))
    state: Mapped[JobState] = mapped_column(string_enum(JobState), default=JobState.QUEUED)
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int | None]
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)

    @property
    def audit_unit_id(self) -> uuid.UUID | None:
        return self.unit_id

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    __table_args__ = (
        CheckConstraint("done >= 0", name="done_not_negative"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        # A principal's own jobs, newest first (GET /jobs).
        Index("ix_jobs_principal", "principal_id", "created_at"),
        # The worker's sweep looks for unfinished jobs only.
        Index("ix_jobs_state", "state"),
    )
