"""The daily purge deletes the files of jobs finished longer ago than the retention — an import's
upload (which may name denouncers outside the confidential store) and an export's file — and
marks their rows; the error report and the download then answer 409; a second purge does nothing."""

import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

import api.exports.jobs  # noqa: F401 - registers the export kind
from api.core import clock
from api.core.db import Database
from api.core.settings import Settings
from api.core.storage import local_storage
from api.jobs import runner
from api.jobs.kinds import purge_job_files
from api.jobs.models import Job
from tests.conftest import Backend
from tests.factories import access_token, create_unit, create_user
from tests.imports import files
from tests.imports.running import imported, run_jobs_here


@pytest.fixture(autouse=True)
def no_queue(monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    return run_jobs_here(monkeypatch)


async def test_old_job_files_are_purged_once(
    backend: Backend, session: AsyncSession, database: Database, anonymous: httpx.AsyncClient
) -> None:
    settings: Settings = backend.settings
    province = await create_unit(session, name="Tỉnh Lưu Thử", code="L01")
    await create_unit(session, name="Xã Lưu", kind="commune", code="L0101", parent_id=province.id)
    user = await create_user(session, roles=["admin"], unit_id=province.id)
    anonymous.headers["Authorization"] = f"Bearer {access_token(settings, user)}"
    bad = files.xlsx([["Mã", "Tên", "Loại", "Mã đơn vị cấp trên"], ["L010101", "Thôn Lưu", "Thôn", "L9999"]])
    imported_job = await imported(anonymous, database, settings, bad, mode="valid")
    exported = await anonymous.post("/api/v1/exports", json={"list": "/api/v1/units", "format": "csv"})
    await runner.run(database, settings, uuid.UUID(exported.json()["id"]))
    ids = [uuid.UUID(imported_job["id"]), uuid.UUID(exported.json()["id"])]
    keys = [str((await session.get(Job, job_id)).params["storage_key"]) for job_id in ids]  # type: ignore[union-attr]
    storage = local_storage(settings.data_dir)
    assert [await storage.exists(k) for k in keys] == [True, True]
    assert (await anonymous.get(f"/api/v1/imports/{ids[0]}/errors.xlsx")).status_code == 200

    # Within the retention nothing goes.
    assert await purge_job_files(database, settings) == 0
    past = clock.now() - timedelta(hours=settings.job_file_retention_hours + 1)
    await session.execute(update(Job).where(Job.id.in_(ids)).values(finished_at=past))
    await session.flush()

    assert await purge_job_files(database, settings) == 2
    assert [await storage.exists(k) for k in keys] == [False, False]
    rows = (
        await session.scalars(select(Job).where(Job.id.in_(ids)).execution_options(populate_existing=True))
    ).all()
    assert all(job.params.get("file_purged") and "storage_key" not in job.params for job in rows)
    report = await anonymous.get(f"/api/v1/imports/{ids[0]}/errors.xlsx")
    assert (report.status_code, report.json()["code"]) == (409, "import_report_unavailable")
    download = await anonymous.get(f"/api/v1/exports/{ids[1]}/file")
    assert (download.status_code, download.json()["code"]) == (409, "export_not_ready")
    assert await purge_job_files(database, settings) == 0
