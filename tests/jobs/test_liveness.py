"""On SQLite a running job's worker holds a mark the kernel drops when the process dies, so that a
long import (whose transaction holds back the heartbeat) is neither swept nor claimed again while
it runs, and is as soon as its worker is gone; on PostgreSQL the heartbeat alone tells."""

import os
import signal
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.db import Database, utcnow
from api.core.settings import Settings
from api.jobs import liveness, queue, runner
from api.jobs.models import JobState
from tests.conftest import Backend
from tests.factories import create_job
from tests.jobs import handlers

HOLD = """
import sys, time, uuid
from pathlib import Path
from api.core.settings import Settings
from api.jobs import liveness
mark = liveness.working_on(Settings(data_dir=Path(sys.argv[1]), database_url=sys.argv[2]), uuid.UUID(sys.argv[3]))
mark.__enter__()
print("held", flush=True)
time.sleep(120)
"""


def _holder(settings: Settings, job_id: uuid.UUID) -> subprocess.Popen[str]:
    """Another process working on the job: it holds the mark until it is killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(settings.data_dir), str(settings.database_url), str(job_id)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


def test_the_mark_is_held_while_working_and_dropped_with_the_process(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'q.sqlite3'}")
    job_id = uuid.uuid4()
    assert not liveness.is_worked_on(settings, job_id)
    with liveness.working_on(settings, job_id):
        assert liveness.is_worked_on(settings, job_id)
    assert not liveness.is_worked_on(settings, job_id)
    holder = _holder(settings, job_id)
    try:
        assert liveness.is_worked_on(settings, job_id)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    assert not liveness.is_worked_on(settings, job_id)
    on_postgres = settings.model_copy(update={"database_url": "postgresql+asyncpg://u@localhost/q"})
    with liveness.working_on(on_postgres, job_id):
        assert not liveness.is_worked_on(on_postgres, job_id)


async def test_a_job_whose_worker_lives_is_neither_swept_nor_claimed_however_stale(
    session: AsyncSession, database: Database, backend: Backend, tmp_path: Path
) -> None:
    settings = backend.settings.model_copy(update={"data_dir": tmp_path})
    stale = utcnow() - timedelta(seconds=settings.job_stale_seconds + 1)
    job = await create_job(
        session, kind=handlers.COUNT, state=JobState.RUNNING, attempts=1, heartbeat_at=stale
    )
    if not settings.is_sqlite:
        assert await queue.orphans(database, settings, set()) == [job.id]
        return
    holder = _holder(settings, job.id)
    try:
        assert await queue.orphans(database, settings, set()) == []
        assert await runner.run(database, settings, job.id) is None
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    assert await queue.orphans(database, settings, set()) == [job.id]
