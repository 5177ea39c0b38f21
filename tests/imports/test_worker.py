"""An import run by a real `qcdc worker` process on committed rows: the worker finds the kind,
rebuilds the asker, reads the stored file, and reports progress beside the import's own
transaction (on SQLite, where that transaction holds the one write lock, without waiting on it).
And the fault test of the issue: a worker killed (`kill -9`) halfway through an all-or-nothing
import leaves no row written, and the next worker runs the import again from its start, once."""

import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete, func, select

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
from tests.workers import Workers, job_row


@pytest.fixture
def worker_settings(worker_settings: Settings) -> Settings:
    """A heartbeat judged lost after 10 s, not 1: a loaded machine can hold a heartbeat back a
    second, and the kill test waits those seconds once."""
    return worker_settings.model_copy(update={"job_stale_seconds": 10.0})


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


async def _commune_and_importer(database: Database) -> User:
    async with database.session() as session:
        province = await create_unit(session, name="Tỉnh Thợ Thử", code="W01")
        await create_unit(session, name="Xã Thợ", kind="commune", code="W0101", parent_id=province.id)
        return await create_user(
            session, username=f"worker-importer-{uuid.uuid4().hex[:8]}", roles=["admin"], unit_id=province.id
        )


async def _submit_villages(database: Database, settings: Settings, user: User, count: int) -> Job:
    """An all-or-nothing import of `count` villages under the commune W0101, queued as `user`."""
    async with database.session(write=False) as session:
        asker = await principal_of(session, "user", user.id)
    assert asker is not None
    rows = [["Mã", "Tên", "Loại", "Mã đơn vị cấp trên"]]
    rows += [[f"W0101{n:04d}", f"Thôn Thợ {n}", "Thôn", "W0101"] for n in range(1, count + 1)]
    key = new_key()
    await local_storage(settings.data_dir).put(key, files.xlsx(rows))
    q = queues.make_queue(settings)
    try:
        return await jobs.submit_and_enqueue_with(
            q,
            database,
            asker,
            IMPORT,
            {"resource": "units", "mode": "all", "dry_run": False, "storage_key": key},
        )
    finally:
        await q.close()


async def _villages(database: Database) -> int:
    async with database.session(write=False) as session:
        return await session.scalar(select(func.count()).where(Unit.code.like("W0101____"))) or 0


async def test_a_worker_imports_villages_as_their_asker(
    database: Database, worker_settings: Settings, workers: Workers
) -> None:
    user = await _commune_and_importer(database)
    workers.start()
    job = await _submit_villages(database, worker_settings, user, 30)

    async def finished() -> bool:
        return (await job_row(database, job.id)).finished

    await workers.wait_for("the worker runs the import", finished, 60)
    done = await job_row(database, job.id)
    assert done.state == JobState.SUCCEEDED, (done.error_code, done.error_message)
    assert done.result is not None and (done.result["created"], done.result["failed"]) == (30, 0)
    assert (done.done, done.total) == (30, 30)
    async with database.session(write=False) as session:
        created = list(await session.scalars(select(Unit).where(Unit.code.like("W0101____"))))
        actors = set(
            await session.scalars(
                select(AuditEvent.actor_id).where(AuditEvent.resource_id.in_([str(u.id) for u in created]))
            )
        )
    assert len(created) == 30 and {u.kind for u in created} == {"village"}
    assert actors == {user.id}


async def test_kill_9_halfway_through_an_import_writes_nothing_and_the_next_worker_imports_once(
    backend: Backend, database: Database, worker_settings: Settings, workers: Workers
) -> None:
    user = await _commune_and_importer(database)
    first = workers.start()
    # Large enough to take seconds: the kill lands inside the import's transaction.
    count = 1_500
    job = await _submit_villages(database, worker_settings, user, count)

    async def halfway() -> bool:
        running = await job_row(database, job.id)
        if backend.name == "postgres":
            # Progress is written beside the import's transaction: some rows are applied, uncommitted.
            return running.state == JobState.RUNNING and 0 < running.done < count
        # On SQLite the import's transaction holds the write lock; progress is written before and
        # after it only. The file is read and the total known once the rows are being applied.
        return running.state == JobState.RUNNING and running.total == count

    await workers.wait_for("the first worker is inside the import", halfway, 60)
    # At once: on a loaded machine a pause here could let the import end before the kill.
    first.kill()  # SIGKILL: no clean-up of any kind
    first.wait()
    killed = await job_row(database, job.id)
    assert (killed.state, killed.attempts) == (JobState.RUNNING, 1), "the kill landed after the import ended"
    assert await _villages(database) == 0, "an all-or-nothing import killed halfway left rows behind"

    workers.start()

    async def finished() -> bool:
        return (await job_row(database, job.id)).finished

    await workers.wait_for("a new worker runs the import again", finished, 120)
    done = await job_row(database, job.id)
    assert done.state == JobState.SUCCEEDED, (done.error_code, done.error_message)
    assert done.result is not None and done.result["failed"] == 0
    # Once, by the second worker: on SQLite the first's mark (api/jobs/liveness.py) kept the sweep
    # off the job while it lived, however its heartbeat lagged, and the kill dropped it.
    assert done.attempts == 2
    assert done.result["created"] == count
    assert await _villages(database) == count
