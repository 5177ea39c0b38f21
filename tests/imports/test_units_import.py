"""POST /imports of units, run by the real job runner: each format creates the villages under their
communes as the API would (audited, as the importer); a second run changes nothing; a dry run and a
failed all-or-nothing import write nothing; valid-only keeps the good rows; rows outside the
importer's jurisdiction are errors; hostile files get a problem or a failed job with their code."""

import io
import uuid
import zipfile
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

import api.imports.jobs  # noqa: F401 - registers the import kind
from api.auth.models import User
from api.core.audit import AuditEvent
from api.core.db import Database
from api.core.settings import Settings
from api.imports.templates import ERRORS_HEADER
from api.jobs import queue, runner
from api.jobs.models import Job, JobState
from api.units.models import Unit, UnitStatus
from tests.conftest import Backend, app_client
from tests.factories import access_token, create_unit, create_user
from tests.imports import files
from tests.imports.helpers import imported as _imported
from tests.imports.helpers import submit as _submit

HEADERS = ["Mã", "Tên", "Loại", "Mã đơn vị cấp trên", "Ngày bắt đầu"]


@pytest.fixture(autouse=True)
def no_queue(monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    """Jobs are run by the test itself (`runner.run`), not by a worker."""
    enqueued: list[uuid.UUID] = []

    async def enqueue(settings: Settings, job_id: uuid.UUID) -> None:
        enqueued.append(job_id)

    monkeypatch.setattr(queue, "enqueue", enqueue)
    return enqueued


@pytest.fixture
async def places(session: AsyncSession) -> dict[str, Any]:
    province = await create_unit(session, name="Tỉnh Nhập Thử", code="N01")
    commune = await create_unit(session, name="Xã Nhập", kind="commune", code="N0101", parent_id=province.id)
    other = await create_unit(session, name="Tỉnh Khác Thử", code="N02")
    elsewhere = await create_unit(session, name="Xã Khác", kind="commune", code="N0201", parent_id=other.id)
    return {
        "province": province,
        "commune": commune,
        "elsewhere": elsewhere,
        "importer": await create_user(session, roles=["admin"], unit_id=province.id),
        "officer": await create_user(session, roles=["officer"], unit_id=province.id),
    }


@pytest.fixture
async def importer(
    backend: Backend, anonymous: httpx.AsyncClient, places: dict[str, Any]
) -> httpx.AsyncClient:
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, places['importer'])}"
    return anonymous


def _villages(*rows: list[Any]) -> list[list[Any]]:
    return [HEADERS, *rows]


GOOD = _villages(
    ["N010101", "Thôn Bản Giới", "Thôn", "N0101", "01/07/2025"],
    ["N010102", "Tổ dân phố 5", "residential_group", "N0101", "2025-07-01"],
)


async def _units(session: AsyncSession, *codes: str) -> dict[str, Unit]:
    found = await session.scalars(
        select(Unit).where(Unit.code.in_(codes)).execution_options(populate_existing=True)
    )
    return {unit.code: unit for unit in found}


async def test_villages_are_created_under_their_communes_from_xlsx(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    job = await _imported(importer, database, backend.settings, files.xlsx(GOOD))
    assert job["state"] == "succeeded", job
    result = job["result"]
    assert (result["created"], result["updated"], result["unchanged"], result["failed"]) == (2, 0, 0, 0)
    assert (result["applied"], result["format"], result["errors"], result["error_total"]) == (
        True,
        "xlsx",
        [],
        0,
    )
    assert job["progress"] == {"done": 2, "total": 2}
    units = await _units(session, "N010101", "N010102")
    assert units["N010101"].name == "Thôn Bản Giới"
    assert (units["N010101"].kind, units["N010102"].kind) == ("village", "residential_group")
    assert {u.parent_id for u in units.values()} == {places["commune"].id}
    assert {u.valid_from for u in units.values()} == {date(2025, 7, 1)}
    events = (
        await session.execute(
            select(AuditEvent.action, AuditEvent.actor_id).where(
                AuditEvent.resource_id.in_([str(u.id) for u in units.values()])
            )
        )
    ).all()
    assert set(events) == {("unit.create", places["importer"].id)}


async def test_a_second_run_of_the_same_file_changes_nothing_and_a_changed_row_updates(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    data = files.xlsx(GOOD)
    await _imported(importer, database, backend.settings, data)
    before = {code: unit.version for code, unit in (await _units(session, "N010101", "N010102")).items()}
    again = (await _imported(importer, database, backend.settings, data))["result"]
    assert (again["created"], again["updated"], again["unchanged"], again["failed"]) == (0, 0, 2, 0)
    after = await _units(session, "N010101", "N010102")
    assert {code: unit.version for code, unit in after.items()} == before
    renamed = _villages(["N010101", "Thôn Bản Giới Mới", "village", "N0101", "01/07/2025"])
    changed = (await _imported(importer, database, backend.settings, files.xlsx(renamed)))["result"]
    assert (changed["created"], changed["updated"], changed["unchanged"]) == (0, 1, 0)
    assert (await _units(session, "N010101"))["N010101"].name == "Thôn Bản Giới Mới"


async def test_csv_and_ndjson_import_the_same_way(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    csv_file = files.csv_text(GOOD, ";").encode("utf-8-sig")
    assert (await _imported(importer, database, backend.settings, csv_file))["result"]["created"] == 2
    # English headers (and keys) are accepted as well.
    records = [
        {"code": "N010103", "name": "Thôn Nà Cạn", "kind": "village", "Parent code": "N0101"},
        {"code": "N010101", "name": "Thôn Bản Giới", "kind": "village", "Parent code": "N0101"},
    ]
    result = (await _imported(importer, database, backend.settings, files.ndjson(records)))["result"]
    assert (result["format"], result["created"], result["unchanged"], result["failed"]) == ("ndjson", 1, 1, 0)
    assert set(await _units(session, "N010101", "N010102", "N010103")) == {"N010101", "N010102", "N010103"}


async def test_a_tcvn3_column_is_converted_and_reported(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    legacy = b"Ma,Ten,Loai,Ma don vi cap tren\nN010104,Th\xabn B\xb6n Gi\xedi,village,N0101\nN010105,X\xe3m N\xb5 L\xdf,village,N0101\n"
    result = (await _imported(importer, database, backend.settings, legacy))["result"]
    assert result["created"] == 2, result
    assert result["conversions"] == [{"column": "Ten", "from": "tcvn3"}]
    assert result["encoding"] == "windows-1258"
    names = {u.code: u.name for u in (await _units(session, "N010104", "N010105")).values()}
    assert names == {"N010104": "Thôn Bản Giới", "N010105": "Xóm Nà Lò"}


async def test_a_dry_run_writes_nothing_and_reports_every_error(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    rows = _villages(
        *GOOD[1:],
        ["N010106", "", "village", "N0101", "31/02/2025"],
        ["N010107", "Thôn Lạ", "hamlet", "N0101", ""],
    )
    job = await _imported(importer, database, backend.settings, files.xlsx(rows), dry_run=True)
    result = job["result"]
    assert (result["dry_run"], result["applied"], result["created"], result["failed"]) == (True, False, 2, 2)
    found = {(e["row"], e["column"], e["code"]) for e in result["errors"]}
    assert found == {
        (4, "Tên", "missing_value"),
        (4, "Ngày bắt đầu", "invalid_date"),
        (5, "Loại", "invalid_choice"),
    }
    assert all(e["message_vi"] and e["message_en"] for e in result["errors"])
    assert await _units(session, "N010101", "N010102") == {}


async def test_all_or_nothing_writes_nothing_when_a_row_fails_and_valid_keeps_the_good_rows(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    rows = _villages(*GOOD[1:], ["N010108", "Thôn Lỗi", "village", "N9999", ""])
    result = (await _imported(importer, database, backend.settings, files.xlsx(rows)))["result"]
    assert (result["mode"], result["applied"], result["created"], result["failed"]) == ("all", False, 2, 1)
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (4, "Mã đơn vị cấp trên", "parent_not_found")
    ]
    assert await _units(session, "N010101", "N010102", "N010108") == {}
    written = select(AuditEvent).where(
        AuditEvent.action == "unit.create", AuditEvent.actor_id == places["importer"].id
    )
    assert not (await session.scalars(written)).first()
    result = (await _imported(importer, database, backend.settings, files.xlsx(rows), mode="valid"))["result"]
    assert (result["applied"], result["created"], result["failed"]) == (True, 2, 1)
    assert set(await _units(session, "N010101", "N010102", "N010108")) == {"N010101", "N010102"}


async def test_a_row_outside_the_importers_jurisdiction_is_an_error_never_a_write(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    rows = _villages(["N020101", "Thôn Ngoài", "village", "N0201", ""])
    result = (await _imported(importer, database, backend.settings, files.xlsx(rows), mode="valid"))["result"]
    assert [(e["row"], e["code"]) for e in result["errors"]] == [(2, "parent_not_found")]
    # A code taken by a unit elsewhere is not this importer's to update either.
    rows = _villages(["N0201", "Xã Khác Đổi Tên", "commune", "N01", ""])
    result = (await _imported(importer, database, backend.settings, files.xlsx(rows), mode="valid"))["result"]
    assert [(e["row"], e["code"]) for e in result["errors"]] == [(2, "duplicate_code")]
    assert (await _units(session, "N0201"))["N0201"].name == "Xã Khác"
    assert await _units(session, "N020101") == {}


async def test_the_resources_write_permission_is_needed_at_submission_and_when_run(
    backend: Backend,
    anonymous: httpx.AsyncClient,
    database: Database,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, places['officer'])}"
    refused = await _submit(anonymous, files.xlsx(GOOD))
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    importer: User = places["importer"]
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, importer)}"
    submitted = await _submit(anonymous, files.xlsx(GOOD))
    assert submitted.status_code == 202
    importer.roles = ["officer"]  # demoted before the worker runs the job
    await session.flush()
    job_id = uuid.UUID(submitted.json()["id"])
    assert await runner.run(database, backend.settings, job_id) == JobState.FAILED
    job = await session.scalar(select(Job).where(Job.id == job_id).execution_options(populate_existing=True))
    assert job is not None and job.error_code == "permission_denied"
    assert await _units(session, "N010101") == {}


async def test_unknown_resource_is_a_422(importer: httpx.AsyncClient) -> None:
    answer = await importer.post(
        "/api/v1/imports", files={"file": ("a.csv", b"a\n1\n")}, data={"resource": "spaceships"}
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "unknown_import_resource")


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        (files.XLS, 415, "unsupported_import_format"),
        (files.ods(), 415, "unsupported_import_format"),
        (files.GARBAGE, 415, "unreadable_file"),
        (b"", 422, "empty_file"),
    ],
)
async def test_files_that_are_not_ours_are_refused_at_once(
    importer: httpx.AsyncClient, session: AsyncSession, data: bytes, status: int, code: str
) -> None:
    answer = await _submit(importer, data)
    assert (answer.status_code, answer.json()["code"]) == (status, code), answer.text
    assert not (await session.scalars(select(Job).where(Job.kind == "import"))).first()


@pytest.fixture
async def small(
    backend: Backend, database: Database, places: dict[str, Any]
) -> AsyncIterator[httpx.AsyncClient]:
    """An app whose imports take 64 KiB files that unpack to 1 MiB at most."""
    settings = backend.settings.model_copy(
        update={"import_max_bytes": 64 * 1024, "import_max_unpacked_bytes": 1024 * 1024}
    )
    headers = {"Authorization": f"Bearer {access_token(settings, places['importer'])}"}
    async with app_client(settings, database, headers) as client:
        yield client


async def test_too_large_files_and_zip_bombs_are_413(small: httpx.AsyncClient) -> None:
    answer = await _submit(small, b"Ma\n" + b"1\n" * 40_000, "big.csv")
    assert (answer.status_code, answer.json()["code"]) == (413, "payload_too_large")
    answer = await _submit(small, files.zip_bomb(4 * 1024 * 1024))
    assert (answer.status_code, answer.json()["code"]) == (413, "zip_bomb")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (files.xlsx([["Mã", "", "Tên"], ["01", "x", "Thôn"]], merge_header=True), "merged_header"),
        (files.xlsx([["Mã", "Tên"], ["N010101", "Thôn"]]), "missing_column"),
        (
            files.xlsx([["Mã", "Code", "Tên", "Loại"], ["N010101", "N010101", "Thôn", "village"]]),
            "duplicate_header",
        ),
        (b'{"code": "1"}\nnot json\n', "invalid_ndjson"),
    ],
)
async def test_files_unfit_inside_fail_their_job_with_the_reason(
    importer: httpx.AsyncClient, database: Database, backend: Backend, data: bytes, code: str
) -> None:
    job = await _imported(importer, database, backend.settings, data)
    assert (job["state"], job["error"]["code"]) == ("failed", code), job
    assert job["result"] is None


async def test_too_many_rows_fail_the_job(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    settings = backend.settings.model_copy(update={"import_max_rows": 1})
    submitted = await _submit(importer, files.xlsx(GOOD))
    job_id = uuid.UUID(submitted.json()["id"])
    assert await runner.run(database, settings, job_id) == JobState.FAILED
    job = await session.scalar(select(Job).where(Job.id == job_id).execution_options(populate_existing=True))
    assert job is not None and job.error_code == "too_many_rows"


async def test_a_huge_cell_is_a_row_error(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    rows = _villages(["N010109", "x" * 40_000, "village", "N0101", ""], *GOOD[1:])
    result = (
        await _imported(importer, database, backend.settings, files.csv_text(rows).encode(), mode="valid")
    )["result"]
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [(2, "Tên", "cell_too_long")]
    assert result["created"] == 2
    assert (await _units(session, "N010101"))["N010101"].status == UnitStatus.ACTIVE


async def test_the_error_report_holds_the_failed_rows_marked_and_imports_again(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    rows = _villages(*GOOD[1:], ["N010110", "Thôn Sai", "village", "N9999", "31/02/2025"])
    job = await _imported(importer, database, backend.settings, files.xlsx(rows), dry_run=True)
    answer = await importer.get(f"/api/v1/imports/{job['id']}/errors.xlsx")
    assert answer.status_code == 200, answer.text
    assert 'filename="loi-thon.xlsx"' in answer.headers["content-disposition"]
    report = answer.content
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(report)).get_sheet_by_index(0).to_python()
    assert sheet[0] == [*HEADERS, ERRORS_HEADER]
    assert len(sheet) == 2 and sheet[1][:4] == ["N010110", "Thôn Sai", "village", "N9999"]
    assert "invalid_date" in str(sheet[1][5])
    with zipfile.ZipFile(io.BytesIO(report)) as archive:
        assert any(name.startswith("xl/comments") for name in archive.namelist())
    again = (await _imported(importer, database, backend.settings, report, dry_run=True))["result"]
    assert again["ignored_columns"] == [ERRORS_HEADER]
    assert {e["code"] for e in again["errors"]} == {"invalid_date"}
    # Only its asker reads it; a job still queued has nothing to report.
    importer.headers["Authorization"] = f"Bearer {access_token(backend.settings, places['officer'])}"
    assert (await importer.get(f"/api/v1/imports/{job['id']}/errors.xlsx")).status_code == 404
    importer.headers["Authorization"] = f"Bearer {access_token(backend.settings, places['importer'])}"
    queued = (await _submit(importer, files.xlsx(GOOD))).json()["id"]
    unfinished = await importer.get(f"/api/v1/imports/{queued}/errors.xlsx")
    assert (unfinished.status_code, unfinished.json()["code"]) == (409, "import_report_unavailable")


async def test_a_row_moves_a_unit_to_another_parent_and_sets_its_external_reference(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    second = await create_unit(
        session, name="Xã Nhập Hai", kind="commune", code="N0102", parent_id=places["province"].id
    )
    await _imported(importer, database, backend.settings, files.xlsx(GOOD))
    moved = [
        [*HEADERS, "Hệ thống nguồn", "Mã ở hệ thống nguồn"],
        ["N010101", "Thôn Bản Giới", "village", "N0102", "01/07/2025", "so-noi-vu", "TH-1"],
    ]
    result = (await _imported(importer, database, backend.settings, files.xlsx(moved)))["result"]
    assert (result["updated"], result["failed"]) == (1, 0), result
    unit = (await _units(session, "N010101"))["N010101"]
    assert (unit.parent_id, unit.external_ref) == (second.id, {"source": "so-noi-vu", "id": "TH-1"})
    assert unit.path.startswith(second.path)
    again = (await _imported(importer, database, backend.settings, files.xlsx(moved)))["result"]
    assert (again["updated"], again["unchanged"]) == (0, 1)
