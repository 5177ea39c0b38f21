"""An import run by a real `qcdc worker` process on committed rows: the worker finds the kind,
rebuilds the asker, reads the stored file, and reports progress beside the import's own
transaction (on SQLite, where that transaction holds the one write lock, without waiting on it)."""

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from api.auth.authenticator import principal_of
from api.auth.models import User
from api.core.audit import AuditEvent
from api.core.db import Database
from api.core.settings import Settings
from api.core.storage import local_storage, new_key
from api.imports.service import IMPORT
from api.jobs import queue as queues
from api.jobs import service as jobs
from api.jobs.models import Job, JobState
from api.units.models import Unit
from tests.conftest import Backend
from tests.factories import create_unit, create_user
from tests.imports import files
from tests.jobs.test_fault import FAST, Workers, _job, _wait_for


@pytest.fixture
def settings(backend: Backend, tmp_path: Path) -> Settings:
    return backend.settings.model_copy(update={**FAST, "data_dir": tmp_path})


@pytest.fixture
def workers(settings: Settings, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(settings, tmp_path / "workers.log")
    yield started
    started.stop_all()


@pytest.fixture
async def database(backend: Backend) -> AsyncIterator[Database]:
    """Real commits, undone afterwards: the units, the user, the job and their audit events."""
    database = Database(backend.engine)
    yield database
    async with backend.engine.begin() as conn:
        units = [str(u) for u in await conn.scalars(select(Unit.id).where(Unit.code.like("W0%")))]
        job_ids = [str(j) for j in await conn.scalars(select(Job.id).where(Job.kind == IMPORT))]
        users = [
            str(u) for u in await conn.scalars(select(User.id).where(User.username.like("worker-importer-%")))
        ]
        await conn.execute(delete(AuditEvent).where(AuditEvent.resource_id.in_(units + job_ids + users)))
        await conn.execute(delete(Job).where(Job.kind == IMPORT))
        await conn.execute(delete(User).where(User.username.like("worker-importer-%")))
        for depth in (2, 1, 0):
            await conn.execute(delete(Unit).where(Unit.code.like("W0%"), Unit.depth == depth))


async def test_a_worker_imports_villages_as_their_asker(
    database: Database, settings: Settings, workers: Workers
) -> None:
    async with database.session() as session:
        province = await create_unit(session, name="Tỉnh Thợ Thử", code="W01")
        await create_unit(session, name="Xã Thợ", kind="commune", code="W0101", parent_id=province.id)
        user = await create_user(
            session, username=f"worker-importer-{uuid.uuid4().hex[:8]}", roles=["admin"], unit_id=province.id
        )
    async with database.session(write=False) as session:
        asker = await principal_of(session, "user", user.id)
    assert asker is not None
    rows = [["Mã", "Tên", "Loại", "Mã đơn vị cấp trên"]]
    rows += [[f"W0101{n:02d}", f"Thôn Thợ {n}", "Thôn", "W0101"] for n in range(1, 31)]
    key = new_key()
    await local_storage(settings.data_dir).put(key, files.xlsx(rows))
    workers.start()
    q = queues.make_queue(settings)
    try:
        job = await jobs.submit_and_enqueue_with(
            q,
            database,
            asker,
            IMPORT,
            {"resource": "units", "mode": "all", "dry_run": False, "storage_key": key},
        )
    finally:
        await q.close()

    async def finished() -> bool:
        return (await _job(database, job.id)).finished

    await _wait_for("the worker runs the import", finished, 60, workers.log)
    done = await _job(database, job.id)
    assert done.state == JobState.SUCCEEDED, (done.error_code, done.error_message)
    assert done.result is not None and (done.result["created"], done.result["failed"]) == (30, 0)
    assert (done.done, done.total) == (30, 30)
    async with database.session(write=False) as session:
        created = list(await session.scalars(select(Unit).where(Unit.code.like("W0101__"))))
        actors = set(
            await session.scalars(
                select(AuditEvent.actor_id).where(AuditEvent.resource_id.in_([str(u.id) for u in created]))
            )
        )
    assert len(created) == 30 and {u.kind for u in created} == {"village"}
    assert actors == {user.id}
