"""POST /imports of petitions, run by the real job runner: cases are received with their
petitioners as the API receives them (audited, as the importer); a second run changes nothing; a
changed row updates what the update may change and refuses what is fixed at receipt; a dry run and
a failed all-or-nothing import write nothing; rows outside the jurisdiction are errors; a
denunciation's denouncers reach the confidential store and nothing else; an exported list imports
back unchanged."""

import csv
import io
import json
import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

import api.imports.jobs  # noqa: F401 - registers the import kind
from api.core.audit import AuditEvent
from api.core.db import Database
from api.core.text import fold
from api.jobs.models import Job
from api.petitions.models import DenouncerIdentity, Petition, Petitioner
from tests.conftest import Backend
from tests.factories import access_token, create_petition, create_unit, create_user
from tests.imports import files
from tests.imports.running import imported, run_jobs_here

HEADERS = [
    "Hệ thống nguồn",
    "Mã ở hệ thống nguồn",
    "Loại đơn",
    "Hình thức tiếp nhận",
    "Ngày nhận",
    "Mã đơn vị tiếp nhận",
    "Lĩnh vực",
    "Nội dung tóm tắt",
    "Nội dung",
    "Họ và tên người đứng đơn",
    "Số CCCD người đứng đơn",
    "Người đứng đơn khác",
]
COMPLAINT = [
    "motcua",
    "DV-1",
    "Khiếu nại",
    "Qua bưu chính",
    "02/03/2026",
    "Q0101",
    "land",
    "Khiếu nại quyết định thu hồi đất",
    "Ông An khiếu nại Quyết định số 12/QĐ-UBND.",
    "Nguyễn Văn An",
    "004090001234",
    "Trần Thị Bình | 004190002345; Lê Văn Cường",
]
PETITION = [
    "motcua",
    "DV-2",
    "kien nghi",
    "online_portal",
    "2026-03-05",
    "Q0101",
    "land",
    "Kiến nghị sửa đường liên thôn",
    "Bà Dung kiến nghị sửa đường.",
    "Hoàng Thị Dung",
    None,
    None,
]
DENOUNCER = "Phạm Thị Kín"
DENOUNCER_ID = "004190009999"
DENUNCIATION = [
    "motcua",
    "DV-3",
    "Tố cáo",
    "Một cửa",
    "10/03/2026",
    "Q0101",
    "land",
    "Tố cáo cán bộ địa chính",
    "Người tố cáo cho biết cán bộ địa chính nhận tiền.",
    DENOUNCER,
    DENOUNCER_ID,
    "Đỗ Văn Giấu | 004090008888 | Xóm Nà Cạn",
]
SECOND_DENOUNCER = "Đỗ Văn Giấu"


@pytest.fixture(autouse=True)
def no_queue(monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    return run_jobs_here(monkeypatch)


@pytest.fixture
async def places(session: AsyncSession) -> dict[str, Any]:
    province = await create_unit(session, name="Tỉnh Đơn Thử", code="Q01")
    commune = await create_unit(session, name="Xã Đơn", kind="commune", code="Q0101", parent_id=province.id)
    other = await create_unit(session, name="Tỉnh Đơn Khác", code="Q02")
    elsewhere = await create_unit(
        session, name="Xã Đơn Khác", kind="commune", code="Q0201", parent_id=other.id
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


def _rows(*rows: list[Any]) -> list[list[Any]]:
    return [HEADERS, *rows]


async def _run(
    client: httpx.AsyncClient, database: Database, backend: Backend, rows: list[list[Any]], **form: Any
) -> dict[str, Any]:
    return await imported(client, database, backend.settings, files.xlsx(rows), resource="petitions", **form)


async def _cases(session: AsyncSession, *ids: str) -> dict[str, Petition]:
    found = await session.scalars(
        select(Petition)
        .where(Petition.external_source == "motcua", Petition.external_id.in_(ids))
        .execution_options(populate_existing=True)
    )
    return {str(p.external_id): p for p in found}


async def _names(
    session: AsyncSession, cls: type[Petitioner | DenouncerIdentity], petition: Petition
) -> list[str]:
    rows = await session.scalars(
        select(cls.full_name).where(cls.petition_id == petition.id).order_by(cls.position)
    )
    return list(rows)


async def _audit_count(session: AsyncSession) -> int:
    """Audit events of the cases and their people (a job's own rows are audited too)."""
    stmt = select(func.count()).select_from(AuditEvent).where(AuditEvent.action.not_like("job.%"))
    return int(await session.scalar(stmt) or 0)


async def test_cases_are_received_with_their_petitioners(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    job = await _run(importer, database, backend, _rows(COMPLAINT, PETITION))
    assert job["state"] == "succeeded", job
    result = job["result"]
    assert (result["created"], result["updated"], result["unchanged"], result["failed"]) == (2, 0, 0, 0), (
        result
    )
    cases = await _cases(session, "DV-1", "DV-2")
    complaint, petition = cases["DV-1"], cases["DV-2"]
    assert (complaint.kind, complaint.channel, complaint.received_on) == (
        "complaint",
        "mail",
        date(2026, 3, 2),
    )
    assert (petition.kind, petition.channel, petition.received_on) == (
        "petition",
        "online_portal",
        date(2026, 3, 5),
    )
    assert complaint.receiving_unit_id == complaint.handling_unit_id == places["commune"].id
    assert complaint.reference.startswith("Q0101-2026-")
    assert await _names(session, Petitioner, complaint) == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    people = (await session.scalars(select(Petitioner).where(Petitioner.petition_id == complaint.id))).all()
    assert {p.full_name: p.identity_number for p in people}["Trần Thị Bình"] == "004190002345"
    events = (
        await session.execute(
            select(AuditEvent.action, AuditEvent.actor_id).where(
                AuditEvent.resource_id.in_([str(c.id) for c in cases.values()])
            )
        )
    ).all()
    assert set(events) == {("petition.create", places["importer"].id)}


async def test_a_second_run_changes_nothing_a_changed_row_updates_and_fixed_fields_are_refused(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    await _run(importer, database, backend, _rows(COMPLAINT, PETITION))
    before = {key: case.version for key, case in (await _cases(session, "DV-1", "DV-2")).items()}
    written = await _audit_count(session)
    again = (await _run(importer, database, backend, _rows(COMPLAINT, PETITION)))["result"]
    assert (again["created"], again["updated"], again["unchanged"], again["failed"]) == (0, 0, 2, 0), again
    assert {key: case.version for key, case in (await _cases(session, "DV-1", "DV-2")).items()} == before
    assert await _audit_count(session) == written
    # A new subject and one petitioner fewer: an edit of the record.
    edited = [
        *COMPLAINT[:7],
        "Khiếu nại quyết định thu hồi đất (bổ sung)",
        *COMPLAINT[8:11],
        "Trần Thị Bình | 004190002345",
    ]
    changed = (await _run(importer, database, backend, _rows(edited, PETITION)))["result"]
    assert (changed["updated"], changed["unchanged"], changed["failed"]) == (1, 1, 0), changed
    complaint = (await _cases(session, "DV-1"))["DV-1"]
    assert complaint.subject == "Khiếu nại quyết định thu hồi đất (bổ sung)"
    assert await _names(session, Petitioner, complaint) == ["Nguyễn Văn An", "Trần Thị Bình"]
    # What is fixed at receipt cannot be changed by a file.
    rekinded = [*COMPLAINT[:2], "Phản ánh", *COMPLAINT[3:]]
    refused = (await _run(importer, database, backend, _rows(rekinded)))["result"]
    assert [(e["row"], e["column"], e["code"]) for e in refused["errors"]] == [
        (2, "Loại đơn", "fixed_after_receipt")
    ]
    assert all(e["message_vi"] and e["message_en"] for e in refused["errors"])
    assert (await _cases(session, "DV-1"))["DV-1"].kind == "complaint"


async def test_a_dry_run_writes_nothing_and_reports_every_error(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    rows = _rows(
        COMPLAINT,
        [*PETITION[:2], "khiếu kiện", PETITION[3], "31/02/2026", *PETITION[5:]],
        [*PETITION[:1], "DV-4", *PETITION[2:8], None, *PETITION[9:]],
        [*PETITION[:1], "DV-5", *PETITION[2:4], "01/12/2026", *PETITION[5:]],
    )
    job = await _run(importer, database, backend, rows, dry_run=True)
    result = job["result"]
    assert (result["dry_run"], result["applied"], result["created"], result["failed"]) == (True, False, 1, 3)
    assert {(e["row"], e["column"], e["code"]) for e in result["errors"]} == {
        (3, "Loại đơn", "invalid_choice"),
        (3, "Ngày nhận", "invalid_date"),
        (4, "Nội dung", "missing_value"),
        (5, "Ngày nhận", "date_in_future"),
    }
    assert await _cases(session, "DV-1", "DV-2", "DV-4", "DV-5") == {}


async def test_all_or_nothing_writes_nothing_when_a_row_fails_and_valid_keeps_the_good_rows(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    written = await _audit_count(session)
    rows = _rows(COMPLAINT, [*PETITION[:5], "Q9999", *PETITION[6:]])
    result = (await _run(importer, database, backend, rows))["result"]
    assert (result["mode"], result["applied"], result["created"], result["failed"]) == ("all", False, 1, 1)
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (3, "Mã đơn vị tiếp nhận", "unit_not_found")
    ]
    assert await _cases(session, "DV-1", "DV-2") == {}
    assert await _audit_count(session) == written
    result = (await _run(importer, database, backend, rows, mode="valid"))["result"]
    assert (result["applied"], result["created"], result["failed"]) == (True, 1, 1)
    assert set(await _cases(session, "DV-1", "DV-2")) == {"DV-1"}


async def test_a_row_outside_the_importers_jurisdiction_is_an_error_never_a_write(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    foreign = await create_petition(
        session,
        places["elsewhere"],
        external_ref={"source": "motcua", "id": "DV-9"},
        subject="Vụ việc tỉnh khác",
    )
    rows = _rows(
        [*PETITION[:5], "Q0201", *PETITION[6:]],
        [*COMPLAINT[:1], "DV-9", *COMPLAINT[2:]],
        [*PETITION[:1], "DV-7", *PETITION[2:5], "Q0101", *PETITION[6:]],
    )
    headers_with_reference = [*HEADERS, "Số hồ sơ"]
    result = (await _run(importer, database, backend, rows, mode="valid"))["result"]
    assert [(e["row"], e["code"]) for e in result["errors"]] == [
        (2, "unit_not_found"),
        (3, "duplicate_external_ref"),
    ]
    assert result["created"] == 1
    seen = await session.scalar(
        select(Petition).where(Petition.id == foreign.id).execution_options(populate_existing=True)
    )
    assert seen is not None and (seen.subject, seen.version) == ("Vụ việc tỉnh khác", foreign.version)
    # Nor is a case elsewhere found by its reference.
    by_reference: list[list[Any]] = [
        headers_with_reference,
        [*([None] * 7), "Đổi tên", *([None] * 4), foreign.reference],
    ]
    result = (await _run(importer, database, backend, by_reference, mode="valid"))["result"]
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (2, "Số hồ sơ", "petition_not_found")
    ]


async def test_a_denunciations_denouncers_reach_the_confidential_store_and_nothing_else(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    since = await session.scalar(select(func.max(AuditEvent.id))) or 0
    bad = [*PETITION[:1], "DV-8", *PETITION[2:5], "Q9999", *PETITION[6:]]
    job = await _run(importer, database, backend, _rows(DENUNCIATION, bad), mode="valid")
    result = job["result"]
    assert (result["created"], result["failed"]) == (1, 1), result
    case = (await _cases(session, "DV-3"))["DV-3"]
    assert (case.kind, case.anonymous) == ("denunciation", False)
    # Stored apart, in order, and nowhere else.
    assert await _names(session, DenouncerIdentity, case) == [DENOUNCER, SECOND_DENOUNCER]
    assert await _names(session, Petitioner, case) == []
    secrets = (DENOUNCER, SECOND_DENOUNCER, DENOUNCER_ID, "004090008888")
    folded = [fold(s) for s in secrets]
    assert not any(f in case.search_text for f in folded)
    events = (await session.scalars(select(AuditEvent).where(AuditEvent.id > since))).all()
    assert events
    logged = json.dumps([(e.action, e.changes) for e in events], ensure_ascii=False, default=str)
    assert not any(s in logged for s in secrets)
    stored = await session.scalar(
        select(Job).where(Job.id == uuid.UUID(job["id"])).execution_options(populate_existing=True)
    )
    assert stored is not None
    kept = json.dumps([stored.result, stored.params, job], ensure_ascii=False, default=str)
    assert not any(s in kept for s in secrets)
    answer = await importer.get(f"/api/v1/imports/{job['id']}/errors.xlsx")
    assert answer.status_code == 200, answer.text
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(answer.content)).get_sheet_by_index(0).to_python()
    assert len(sheet) == 2 and not any(
        s in json.dumps(sheet, ensure_ascii=False, default=str) for s in secrets
    )
    read = await importer.get(f"/api/v1/petitions/{case.id}")
    assert read.json()["petitioners"] == [] and not any(s in read.text for s in secrets)
    # A second run compares nothing with the confidential store and changes nothing.
    written = await _audit_count(session)
    again = (await _run(importer, database, backend, _rows(DENUNCIATION)))["result"]
    assert (again["unchanged"], again["failed"]) == (1, 0), again
    assert await _audit_count(session) == written


async def test_a_failed_denunciation_row_keeps_its_denouncers_out_of_the_error_report(
    importer: httpx.AsyncClient, database: Database, backend: Backend
) -> None:
    bad = [*DENUNCIATION[:5], "Q9999", *DENUNCIATION[6:]]
    # A denouncer's cell the schema refuses is reported without quoting it.
    refused = [*DENUNCIATION[:1], "DV-6", *DENUNCIATION[2:10], "CCCD 0041-9", DENUNCIATION[11]]
    job = await _run(importer, database, backend, _rows(bad, refused), dry_run=True)
    assert job["result"]["failed"] == 2
    assert {(e["row"], e["code"]) for e in job["result"]["errors"]} == {
        (2, "unit_not_found"),
        (3, "invalid_value"),
    }
    secrets = (DENOUNCER, SECOND_DENOUNCER, DENOUNCER_ID, "004090008888", "CCCD 0041-9")
    assert not any(s in json.dumps(job, ensure_ascii=False) for s in secrets)
    answer = await importer.get(f"/api/v1/imports/{job['id']}/errors.xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(answer.content)).get_sheet_by_index(0).to_python()
    assert len(sheet) == 3 and sheet[1][5] == "Q9999" and sheet[2][1] == "DV-6"
    assert sheet[1][9:12] == ["", "", ""]
    shown = json.dumps(sheet, ensure_ascii=False, default=str)
    assert not any(s in shown for s in secrets)


@pytest.mark.parametrize("fmt", ["csv", "ndjson", "xlsx"])
async def test_the_exported_list_imports_back_unchanged(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
    fmt: str,
) -> None:
    await _run(importer, database, backend, _rows(COMPLAINT, PETITION, DENUNCIATION))
    await create_petition(
        session, places["commune"], kind="reflection", within_authority=False, complex=True, remote_area=True
    )
    before = {p.id: p.version for p in (await session.scalars(select(Petition))).all()}
    written = await _audit_count(session)
    exported = await importer.get("/api/v1/petitions", params={"format": fmt})
    assert exported.status_code == 200, exported.text
    job = await imported(importer, database, backend.settings, exported.content, resource="petitions")
    result = job["result"]
    assert (result["rows"], result["unchanged"], result["created"], result["updated"], result["failed"]) == (
        4,
        4,
        0,
        0,
        0,
    ), result
    after = {
        p.id: p.version
        for p in (await session.scalars(select(Petition).execution_options(populate_existing=True))).all()
    }
    assert after == before
    assert await _audit_count(session) == written


async def test_the_exported_list_moves_cases_by_their_external_reference(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
) -> None:
    """Another system knows a case by its own reference, not by QCDC's: the list's file, without
    QCDC's `id` and `reference`, finds each case again by `external_ref` and changes nothing."""
    await _run(importer, database, backend, _rows(COMPLAINT, PETITION, DENUNCIATION))
    before = {p.id: p.version for p in (await session.scalars(select(Petition))).all()}
    written = await _audit_count(session)
    exported = await importer.get("/api/v1/petitions", params={"format": "csv"})
    assert exported.status_code == 200, exported.text
    table = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert {"external_ref.source", "external_ref.id"} <= set(table[0])
    kept = [i for i, header in enumerate(table[0]) if header not in ("id", "reference")]
    out = io.StringIO()
    csv.writer(out).writerows([row[i] for i in kept] for row in table)
    stripped = out.getvalue().encode()
    assert not any(
        str(p.reference) in out.getvalue() for p in (await session.scalars(select(Petition))).all()
    )
    job = await imported(importer, database, backend.settings, stripped, resource="petitions")
    result = job["result"]
    assert (result["rows"], result["unchanged"], result["failed"]) == (3, 3, 0), result
    after = {
        p.id: p.version
        for p in (await session.scalars(select(Petition).execution_options(populate_existing=True))).all()
    }
    assert after == before
    assert await _audit_count(session) == written


async def test_the_template_imports_as_it_is_produced(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    await create_unit(session, name="Phường Mẫu", kind="ward", code="01273", parent_id=places["province"].id)
    template = await importer.get("/api/v1/imports/templates/petitions.xlsx")
    assert template.status_code == 200, template.text
    job = await imported(importer, database, backend.settings, template.content, resource="petitions")
    assert (job["result"]["created"], job["result"]["errors"]) == (1, []), job


async def test_a_case_found_by_its_reference_keeps_its_external_reference(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    recorded = await create_petition(session, places["commune"])
    rows = _rows([*COMPLAINT[:2], *([None] * 10)])
    rows[0] = [*rows[0], "Số hồ sơ"]
    rows[1] = [*rows[1], recorded.reference]
    result = (await _run(importer, database, backend, rows, mode="valid"))["result"]
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (2, "Mã ở hệ thống nguồn", "reference_mismatch")
    ]
    assert await _cases(session, "DV-1") == {}


async def test_a_reference_given_twice_in_a_batch_creates_the_case_then_updates_it(
    importer: httpx.AsyncClient, database: Database, backend: Backend, session: AsyncSession
) -> None:
    """The batch creates the first row's case; the second row, with the same external reference
    and another subject, is applied after it, alone, and finds the case to update."""
    again = [*COMPLAINT]
    again[HEADERS.index("Nội dung tóm tắt")] = "Khiếu nại về bồi thường khi thu hồi đất"
    job = await _run(importer, database, backend, _rows(COMPLAINT, PETITION, again))
    result = job["result"]
    assert (result["created"], result["updated"], result["failed"]) == (2, 1, 0), result
    case = (await _cases(session, "DV-1"))["DV-1"]
    assert case.subject == "Khiếu nại về bồi thường khi thu hồi đất"


async def test_a_batch_the_database_refuses_is_applied_row_by_row(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should the batch's statements fail (a reference another transaction took meanwhile), its
    savepoint is undone and each row is applied alone, with its own answer."""
    from sqlalchemy.exc import IntegrityError

    from api.petitions import service

    async def refused(*_: Any, **__: Any) -> None:
        raise IntegrityError("INSERT INTO petitions …", {}, Exception("duplicate key"))

    monkeypatch.setattr(service, "create_many", refused)
    job = await _run(importer, database, backend, _rows(COMPLAINT, PETITION))
    result = job["result"]
    assert (result["created"], result["failed"]) == (2, 0), result
    assert set(await _cases(session, "DV-1", "DV-2")) == {"DV-1", "DV-2"}


async def test_numbers_taken_by_an_undone_batch_are_given_back_and_the_counter_written_at_the_end(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The import holds its reference counters in memory (api/petitions/numbering.py): the batch
    takes numbers 1-2 and then fails, its savepoint gives them back, the rows applied one by one
    take 1 and 2 again (no gap), and the counter reaches the table at the commit, where the next
    case is numbered 3."""
    from sqlalchemy.exc import IntegrityError

    from api.core.inserts import WrittenBehind
    from api.petitions.models import ReferenceCounter

    async def refused(*_: Any, **__: Any) -> None:
        raise IntegrityError("COPY petitions", {}, Exception("duplicate key"))

    monkeypatch.setattr(WrittenBehind, "write", refused)
    job = await _run(importer, database, backend, _rows(COMPLAINT, PETITION))
    assert (job["result"]["created"], job["result"]["failed"]) == (2, 0), job["result"]
    cases = await _cases(session, "DV-1", "DV-2")
    assert sorted(c.reference_seq for c in cases.values()) == [1, 2]
    unit_id = cases["DV-1"].receiving_unit_id
    counter = await session.scalar(
        select(ReferenceCounter.last_seq).where(
            ReferenceCounter.unit_id == unit_id, ReferenceCounter.year == 2026
        )
    )
    assert counter == 2
    third = [*PETITION]
    third[HEADERS.index("Mã ở hệ thống nguồn")] = "DV-9"
    monkeypatch.undo()
    await _run(importer, database, backend, _rows(third))
    assert (await _cases(session, "DV-9"))["DV-9"].reference_seq == 3


async def test_a_batch_the_database_itself_refuses_is_undone_and_applied_row_by_row(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A case the batch's check of external references did not see (created by another
    transaction meanwhile) makes the batch's write fail in the database itself (a COPY written
    behind on PostgreSQL, an INSERT on SQLite): the savepoint is undone with the numbers it took,
    and the rows applied alone find the case to update and create the other, numbered next."""
    from api.petitions import imports as petition_imports
    from api.petitions import service

    await _run(importer, database, backend, _rows(COMPLAINT))

    async def nothing_taken(*_: Any, **__: Any) -> set[tuple[str, str]]:
        return set()

    monkeypatch.setattr(petition_imports, "taken_external_refs", nothing_taken)
    monkeypatch.setattr(service, "taken_external_refs", nothing_taken)
    again = [*COMPLAINT]
    again[HEADERS.index("Nội dung tóm tắt")] = "Khiếu nại về bồi thường khi thu hồi đất"
    result = (await _run(importer, database, backend, _rows(again, PETITION)))["result"]
    assert (result["created"], result["updated"], result["failed"]) == (1, 1, 0), result
    cases = await _cases(session, "DV-1", "DV-2")
    assert cases["DV-1"].subject == "Khiếu nại về bồi thường khi thu hồi đất"
    assert sorted(c.reference_seq for c in cases.values()) == [1, 2]
