"""POST /imports of reception sessions, run by the real job runner: sessions are recorded as the
API records them (audited, as the importer); a second run changes nothing and a changed row
updates; a dry run and a failed all-or-nothing import write nothing; rows outside the
jurisdiction are errors; an exported list imports back unchanged."""

import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

import api.imports.jobs  # noqa: F401 - registers the import kind
from api.core.audit import AuditEvent
from api.core.db import Database
from api.receptions.models import ReceptionSession
from tests.conftest import Backend
from tests.factories import access_token, create_reception, create_unit, create_user
from tests.imports import files
from tests.imports.running import imported, run_jobs_here

HEADERS = [
    "Hệ thống nguồn",
    "Mã ở hệ thống nguồn",
    "Mã đơn vị",
    "Ngày tiếp",
    "Loại",
    "Hình thức",
    "Địa điểm",
    "Người chủ trì",
    "Chức vụ người chủ trì",
    "Số lượt công dân",
    "Số vụ việc",
    "Ghi chú",
]
REGULAR = [
    "so-tiep-dan",
    "TCD-1",
    "R0101",
    "06/07/2026",
    "Định kỳ",
    "Trực tiếp",
    "Trụ sở UBND xã",
    "Nông Văn Hùng",
    "Chủ tịch UBND",
    7,
    5,
    "Đất đai",
]
DIALOGUE = [
    "so-tiep-dan",
    "TCD-2",
    "R01",
    "2026-08-14",
    "dialogue_businesses",
    "online",
    "Hội trường tỉnh",
    "Bế Thị Lan",
    "pc_vice_chairman",
    None,
    None,
    None,
]


@pytest.fixture(autouse=True)
def no_queue(monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    return run_jobs_here(monkeypatch)


@pytest.fixture
async def places(session: AsyncSession) -> dict[str, Any]:
    province = await create_unit(session, name="Tỉnh Tiếp Thử", code="R01")
    commune = await create_unit(session, name="Xã Tiếp", kind="commune", code="R0101", parent_id=province.id)
    other = await create_unit(session, name="Tỉnh Tiếp Khác", code="R02")
    elsewhere = await create_unit(
        session, name="Xã Tiếp Khác", kind="commune", code="R0201", parent_id=other.id
    )
    return {
        "province": province,
        "commune": commune,
        "elsewhere": elsewhere,
        "importer": await create_user(session, roles=["admin"], unit_id=province.id),
    }


@pytest.fixture
async def importer(
    backend: Backend, anonymous: httpx.AsyncClient, places: dict[str, Any]
) -> httpx.AsyncClient:
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, places['importer'])}"
    return anonymous


async def _run(
    client: httpx.AsyncClient, database: Database, backend: Backend, *rows: list[Any], **form: Any
) -> dict[str, Any]:
    data = files.xlsx([HEADERS, *rows])
    return await imported(client, database, backend.settings, data, resource="receptions", **form)


async def _sessions(session: AsyncSession, *ids: str) -> dict[str, ReceptionSession]:
    found = await session.scalars(
        select(ReceptionSession)
        .where(ReceptionSession.external_source == "so-tiep-dan", ReceptionSession.external_id.in_(ids))
        .execution_options(populate_existing=True)
    )
    return {str(r.external_id): r for r in found}


async def _audit_count(session: AsyncSession) -> int:
    """Audit events of the sessions (a job's own rows are audited too)."""
    stmt = select(func.count()).select_from(AuditEvent).where(AuditEvent.action.like("reception.%"))
    return int(await session.scalar(stmt) or 0)


async def test_sessions_are_recorded_as_the_api_records_them(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    job = await _run(importer, database, backend, REGULAR, DIALOGUE)
    assert job["state"] == "succeeded", job
    result = job["result"]
    assert (result["created"], result["updated"], result["unchanged"], result["failed"]) == (2, 0, 0, 0), (
        result
    )
    found = await _sessions(session, "TCD-1", "TCD-2")
    regular, dialogue = found["TCD-1"], found["TCD-2"]
    assert (regular.unit_id, regular.held_on, regular.kind, regular.mode, regular.host_role) == (
        places["commune"].id,
        date(2026, 7, 6),
        "regular",
        "in_person",
        "pc_chairman",
    )
    assert (regular.citizens_received, regular.cases_received, regular.notes) == (7, 5, "Đất đai")
    assert (dialogue.unit_id, dialogue.kind, dialogue.mode, dialogue.citizens_received, dialogue.notes) == (
        places["province"].id,
        "dialogue_businesses",
        "online",
        0,
        None,
    )
    events = (
        await session.execute(
            select(AuditEvent.action, AuditEvent.actor_id).where(
                AuditEvent.resource_id.in_([str(r.id) for r in found.values()])
            )
        )
    ).all()
    assert set(events) == {("reception.create", places["importer"].id)}


async def test_a_second_run_changes_nothing_and_a_changed_row_updates(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    await _run(importer, database, backend, REGULAR, DIALOGUE)
    before = {key: r.version for key, r in (await _sessions(session, "TCD-1", "TCD-2")).items()}
    written = await _audit_count(session)
    again = (await _run(importer, database, backend, REGULAR, DIALOGUE))["result"]
    assert (again["created"], again["updated"], again["unchanged"], again["failed"]) == (0, 0, 2, 0), again
    assert {key: r.version for key, r in (await _sessions(session, "TCD-1", "TCD-2")).items()} == before
    assert await _audit_count(session) == written
    moved = [*REGULAR[:2], "R01", "07/07/2026", *REGULAR[4:9], 9, *REGULAR[10:]]
    changed = (await _run(importer, database, backend, moved, DIALOGUE))["result"]
    assert (changed["updated"], changed["unchanged"], changed["failed"]) == (1, 1, 0), changed
    regular = (await _sessions(session, "TCD-1"))["TCD-1"]
    assert (regular.unit_id, regular.held_on, regular.citizens_received) == (
        places["province"].id,
        date(2026, 7, 7),
        9,
    )
    assert await _audit_count(session) == written + 1


async def test_a_dry_run_writes_nothing_and_reports_every_error(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    job = await _run(
        importer,
        database,
        backend,
        REGULAR,
        [*DIALOGUE[:3], "31/02/2026", "họp dân", *DIALOGUE[5:]],
        [*DIALOGUE[:1], "TCD-3", *DIALOGUE[2:7], None, *DIALOGUE[8:]],
        [*DIALOGUE[:1], "TCD-4", *DIALOGUE[2:3], "30/11/2026", *DIALOGUE[4:9], -1, *DIALOGUE[10:]],
        dry_run=True,
    )
    result = job["result"]
    assert (result["dry_run"], result["applied"], result["created"], result["failed"]) == (True, False, 1, 3)
    assert {(e["row"], e["column"], e["code"]) for e in result["errors"]} == {
        (3, "Ngày tiếp", "invalid_date"),
        (3, "Loại", "invalid_choice"),
        (4, "Người chủ trì", "missing_value"),
        (5, "Số lượt công dân", "invalid_value"),
    }
    assert await _sessions(session, "TCD-1", "TCD-2", "TCD-3", "TCD-4") == {}


async def test_all_or_nothing_writes_nothing_when_a_row_fails_and_valid_keeps_the_good_rows(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    written = await _audit_count(session)
    future = [*DIALOGUE[:3], "01/12/2026", *DIALOGUE[4:]]
    result = (await _run(importer, database, backend, REGULAR, future))["result"]
    assert (result["mode"], result["applied"], result["created"], result["failed"]) == ("all", False, 1, 1)
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (3, "Ngày tiếp", "date_in_future")
    ]
    assert await _sessions(session, "TCD-1", "TCD-2") == {}
    assert await _audit_count(session) == written
    result = (await _run(importer, database, backend, REGULAR, future, mode="valid"))["result"]
    assert (result["applied"], result["created"], result["failed"]) == (True, 1, 1)
    assert set(await _sessions(session, "TCD-1", "TCD-2")) == {"TCD-1"}


async def test_a_row_outside_the_importers_jurisdiction_is_an_error_never_a_write(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    foreign = await create_reception(
        session, places["elsewhere"], external_ref={"source": "so-tiep-dan", "id": "TCD-9"}, place="Xã khác"
    )
    result = (
        await _run(
            importer,
            database,
            backend,
            [*REGULAR[:2], "R0201", *REGULAR[3:]],
            [*REGULAR[:1], "TCD-9", *REGULAR[2:]],
            mode="valid",
        )
    )["result"]
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (2, "Mã đơn vị", "unit_not_found"),
        (3, None, "duplicate_external_ref"),
    ]
    # Nor is a session elsewhere found by its id.
    by_id = [["Mã định danh", "Địa điểm"], [str(foreign.id), "Đổi chỗ"]]
    data = files.xlsx(by_id)
    result = (
        await imported(importer, database, backend.settings, data, resource="receptions", mode="valid")
    )["result"]
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (2, "Mã định danh", "reception_not_found")
    ]
    seen = await session.scalar(
        select(ReceptionSession)
        .where(ReceptionSession.id == foreign.id)
        .execution_options(populate_existing=True)
    )
    assert seen is not None and (seen.place, seen.version) == ("Xã khác", foreign.version)
    assert await _sessions(session, "TCD-1") == {}


@pytest.mark.parametrize("fmt", ["csv", "ndjson", "xlsx"])
async def test_the_exported_list_imports_back_unchanged(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
    fmt: str,
) -> None:
    await _run(importer, database, backend, REGULAR, DIALOGUE)
    # One recorded in the app, with no external reference: found again by its id.
    await create_reception(session, places["commune"], kind="ad_hoc", notes="=1+1 không phải công thức")
    before = {r.id: r.version for r in (await session.scalars(select(ReceptionSession))).all()}
    exported = await importer.get("/api/v1/receptions", params={"format": fmt})
    assert exported.status_code == 200, exported.text
    job = await imported(importer, database, backend.settings, exported.content, resource="receptions")
    result = job["result"]
    assert (result["rows"], result["unchanged"], result["created"], result["updated"], result["failed"]) == (
        3,
        3,
        0,
        0,
        0,
    ), result
    after = await session.scalars(select(ReceptionSession).execution_options(populate_existing=True))
    assert {r.id: r.version for r in after} == before


async def test_the_template_imports_as_it_is_produced(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    await create_unit(session, name="Phường Mẫu", kind="ward", code="01273", parent_id=places["province"].id)
    template = await importer.get("/api/v1/imports/templates/receptions.xlsx")
    assert template.status_code == 200, template.text
    job = await imported(importer, database, backend.settings, template.content, resource="receptions")
    assert (job["result"]["created"], job["result"]["errors"]) == (1, []), job


async def test_a_session_found_by_its_id_takes_the_rows_external_reference(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    recorded = await create_reception(session, places["commune"])
    rows = [
        ["Mã định danh", "Hệ thống nguồn", "Mã ở hệ thống nguồn"],
        [str(recorded.id), "so-tiep-dan", "TCD-5"],
    ]
    data = files.xlsx(rows)
    result = (await imported(importer, database, backend.settings, data, resource="receptions"))["result"]
    assert (result["created"], result["updated"], result["failed"]) == (0, 1, 0), result
    assert set(await _sessions(session, "TCD-5")) == {"TCD-5"}
    again = (await imported(importer, database, backend.settings, data, resource="receptions"))["result"]
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 1), again
