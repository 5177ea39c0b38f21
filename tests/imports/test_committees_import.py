"""POST /imports of committees (with their terms) and of their members, run by the real job runner:
rows upsert by external reference through the committees service (audited, as the importer); a
second run changes nothing and writes no audit event; a changed row updates; a dry run and a failed
all-or-nothing import write nothing; valid-only keeps the good rows; a refusing composition rule is
that row's error while a reported one is not; rows reaching outside the importer's jurisdiction are
errors; and the committees list exported as CSV or XLSX imports back unchanged."""

import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.committees.imports import MESSAGES_VI
from api.committees.models import Committee, CommitteeMember, CommitteeTerm
from api.core.access import SYSTEM
from api.core.audit import AuditEvent
from api.core.db import Database
from api.units import service as units_service
from tests.conftest import Backend
from tests.factories import (
    access_token,
    create_committee,
    create_committee_member,
    create_committee_term,
    create_investment_project,
    create_unit,
    create_user,
)
from tests.imports import files
from tests.imports.running import imported, run_jobs_here

COMMITTEE_HEADERS = [
    "Loại",
    "Mã đơn vị",
    "Tên",
    "Số quyết định thành lập",
    "Ngày thành lập",
    "Cơ quan quyết định",
    "Nhiệm kỳ từ ngày",
    "Nhiệm kỳ đến ngày (dự kiến)",
    "Hệ thống nguồn",
    "Mã ở hệ thống nguồn",
]
MEMBER_HEADERS = [
    "Mã Ban ở hệ thống nguồn",
    "Họ và tên",
    "Chức danh",
    "Giới tính",
    "Năm sinh",
    "Dân tộc",
    "Mã thôn, tổ dân phố đại diện",
    "Hình thức tham gia",
    "Ngày hội nghị bầu",
    "Ngày tham gia",
    "Giữ chức vụ ở xã",
    "Hệ thống nguồn",
    "Mã ở hệ thống nguồn",
]
SOURCE = "so-noi-vu"


@pytest.fixture(autouse=True)
def no_queue(monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    return run_jobs_here(monkeypatch)


@pytest.fixture
async def places(session: AsyncSession) -> dict[str, Any]:
    province = await create_unit(session, name="Tỉnh Ban Thử", code="B01")
    communes = [
        await create_unit(session, name=name, kind="commune", code=code, parent_id=province.id)
        for name, code in (("Xã Hòa An", "B0101"), ("Xã Nà Giàng", "B0102"))
    ]
    villages = [
        await create_unit(
            session, name=f"Xóm Nà {n:02d}", kind="village", code=f"B01010{n}", parent_id=communes[0].id
        )
        for n in range(1, 4)
    ]
    other = await create_unit(session, name="Tỉnh Khác Ban", code="B02")
    elsewhere = await create_unit(session, name="Xã Khác", kind="commune", code="B0201", parent_id=other.id)
    foreign = await create_committee(
        session,
        elsewhere,
        name="Ban Thanh tra nhân dân xã Khác",
        external_ref={"source": SOURCE, "id": "X-1"},
    )
    term = await create_committee_term(
        session, foreign, starts_on=date(2025, 8, 15), planned_end_on=date(2030, 8, 15)
    )
    await create_committee_member(
        session, foreign, term, full_name="Lục Văn Ngoài", external_ref={"source": SOURCE, "id": "X-M1"}
    )
    return {
        "province": province,
        "communes": communes,
        "villages": villages,
        "foreign": foreign,
        "importer": await create_user(session, roles=["admin"], unit_id=province.id),
    }


@pytest.fixture
async def importer(
    backend: Backend, anonymous: httpx.AsyncClient, places: dict[str, Any]
) -> httpx.AsyncClient:
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, places['importer'])}"
    return anonymous


def _committee_row(
    code: str, name: str, ref: str, kind: str = "Ban Thanh tra nhân dân", **overrides: Any
) -> list[Any]:
    row = {
        "kind": kind,
        "unit": code,
        "name": name,
        "document": "12/QĐ-MTTQ",
        "established_on": "10/08/2025",
        "by": f"Ủy ban MTTQ Việt Nam {name.removeprefix('Ban Thanh tra nhân dân ')}",
        "term_from": "15/08/2025",
        "term_to": "15/08/2030",
        "source": SOURCE,
        "ref": ref,
    }
    row.update(overrides)
    return list(row.values())


COMMITTEES = [
    COMMITTEE_HEADERS,
    _committee_row("B0101", "Ban Thanh tra nhân dân xã Hòa An", "BAN-1"),
    _committee_row("B0102", "Ban Thanh tra nhân dân xã Nà Giàng", "BAN-2"),
]


def _member_row(
    name: str, role: str, village: str | None, ref: str, committee: str | None = "BAN-1", **overrides: Any
) -> list[Any]:
    row = {
        "committee": committee,
        "name": name,
        "role": role,
        "gender": "Nữ",
        "birth_year": "1978",
        "ethnicity": "Tày",
        "village": village,
        "joined_by": "Bầu tại hội nghị thôn, tổ dân phố",
        "meeting_on": "10/08/2025",
        "joined_on": "15/08/2025",
        "post": "Không",
        "source": SOURCE,
        "ref": ref,
    }
    row.update(overrides)
    return list(row.values())


MEMBERS = [
    MEMBER_HEADERS,
    _member_row("Hoàng Thị Lan", "Trưởng ban", "B010101", "TV-1"),
    _member_row("Nông Văn Minh", "Phó Trưởng ban", "B010102", "TV-2", gender="Nam"),
    _member_row("Lý Thị Hoa", "Ủy viên", "B010103", "TV-3"),
]


async def _committees(session: AsyncSession) -> dict[str, Committee]:
    found = await session.scalars(
        select(Committee)
        .where(Committee.external_source == SOURCE, Committee.external_id.like("BAN-%"))
        .execution_options(populate_existing=True)
    )
    return {c.external_id or "": c for c in found}


async def _members(session: AsyncSession) -> dict[str, CommitteeMember]:
    found = await session.scalars(
        select(CommitteeMember)
        .where(CommitteeMember.external_source == SOURCE, CommitteeMember.external_id.like("TV-%"))
        .execution_options(populate_existing=True)
    )
    return {m.external_id or "": m for m in found}


async def _terms(session: AsyncSession, committee: Committee) -> list[CommitteeTerm]:
    found = await session.scalars(
        select(CommitteeTerm)
        .where(CommitteeTerm.committee_id == committee.id)
        .order_by(CommitteeTerm.starts_on)
        .execution_options(populate_existing=True)
    )
    return list(found)


async def _events(session: AsyncSession, actor: uuid.UUID) -> list[tuple[str, str | None]]:
    """The committees' audit events the importer wrote (each submission writes its `job.create` too)."""
    rows = await session.execute(
        select(AuditEvent.action, AuditEvent.resource_id)
        .where(AuditEvent.actor_id == actor, AuditEvent.action.like("committee%"))
        .order_by(AuditEvent.id)
    )
    return [(action, resource) for action, resource in rows.all()]


def _counts(result: dict[str, Any]) -> tuple[int, int, int, int]:
    return (result["created"], result["updated"], result["unchanged"], result["failed"])


async def test_committees_and_their_terms_are_created_a_second_run_changes_nothing_and_a_change_updates(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    data = files.xlsx(COMMITTEES)
    job = await imported(importer, database, backend.settings, data, "committees")
    assert job["state"] == "succeeded", job
    assert _counts(job["result"]) == (2, 0, 0, 0), job["result"]
    made = await _committees(session)
    hoa_an = made["BAN-1"]
    assert (hoa_an.kind, hoa_an.unit_id, hoa_an.name) == (
        "people_inspection",
        places["communes"][0].id,
        "Ban Thanh tra nhân dân xã Hòa An",
    )
    assert (hoa_an.established_document, hoa_an.established_on, hoa_an.established_by) == (
        "12/QĐ-MTTQ",
        date(2025, 8, 10),
        "Ủy ban MTTQ Việt Nam xã Hòa An",
    )
    [term] = await _terms(session, hoa_an)
    assert (term.starts_on, term.planned_end_on, term.ended_on, term.regime) == (
        date(2025, 8, 15),
        date(2030, 8, 15),
        None,
        "law-10-2022",
    )
    events = await _events(session, places["importer"].id)
    assert sorted(action for action, _ in events) == [
        "committee.create",
        "committee.create",
        "committee_term.create",
        "committee_term.create",
    ]

    again = (await imported(importer, database, backend.settings, data, "committees"))["result"]
    assert _counts(again) == (0, 0, 2, 0)
    assert await _events(session, places["importer"].id) == events
    assert {ref: c.version for ref, c in (await _committees(session)).items()} == {"BAN-1": 1, "BAN-2": 1}

    # A renamed committee whose term ended early, and a second term from that day: a row per term.
    changed = [
        [*COMMITTEE_HEADERS, "Nhiệm kỳ kết thúc ngày"],
        [*_committee_row("B0101", "Ban Thanh tra nhân dân xã Hòa An Mới", "BAN-1"), "01/10/2026"],
        [
            *_committee_row("B0101", "Ban Thanh tra nhân dân xã Hòa An Mới", "BAN-1", term_from="2026-10-01"),
            None,
        ],
        [*COMMITTEES[2], None],
    ]
    result = (await imported(importer, database, backend.settings, files.xlsx(changed), "committees"))[
        "result"
    ]
    assert _counts(result) == (0, 2, 1, 0), result
    hoa_an = (await _committees(session))["BAN-1"]
    assert hoa_an.name == "Ban Thanh tra nhân dân xã Hòa An Mới"
    assert [(t.starts_on, t.ended_on, t.planned_end_on) for t in await _terms(session, hoa_an)] == [
        (date(2025, 8, 15), date(2026, 10, 1), date(2030, 8, 15)),
        (date(2026, 10, 1), None, date(2030, 8, 15)),
    ]
    new_events = (await _events(session, places["importer"].id))[len(events) :]
    assert sorted(action for action, _ in new_events) == [
        "committee.update",
        "committee_term.create",
        "committee_term.update",
    ]


async def test_members_sit_in_the_term_in_force_on_their_joining_day_and_update_by_reference(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    await imported(importer, database, backend.settings, files.xlsx(COMMITTEES), "committees")
    hoa_an = (await _committees(session))["BAN-1"]
    [term] = await _terms(session, hoa_an)
    before = len(await _events(session, places["importer"].id))
    data = files.csv_text(MEMBERS, ";").encode("utf-8")
    job = await imported(importer, database, backend.settings, data, "committee_members")
    # Three members of a commune with three villages: fewer than the five the law asks for, which
    # the compliance check reports; it is no import error.
    assert _counts(job["result"]) == (3, 0, 0, 0), job["result"]
    members = await _members(session)
    lan = members["TV-1"]
    assert (lan.committee_id, lan.term_id, lan.role, lan.gender, lan.birth_year) == (
        hoa_an.id,
        term.id,
        "head",
        "female",
        1978,
    )
    assert (lan.joined_by, lan.meeting_on, lan.joined_on, lan.holds_commune_post) == (
        "village_meeting_election",
        date(2025, 8, 10),
        date(2025, 8, 15),
        False,
    )
    assert lan.represented_unit_id is not None
    assert (members["TV-2"].role, members["TV-2"].gender, members["TV-3"].role) == (
        "deputy_head",
        "male",
        "member",
    )
    events = (await _events(session, places["importer"].id))[before:]
    assert sorted(action for action, _ in events) == ["committee_member.create"] * 3
    compliance = await importer.get(f"/api/v1/committees/{hoa_an.id}/compliance")
    assert compliance.json()["compliant"] is False

    # A village merged away keeps its representative's record as it was.
    await units_service.retire_unit(session, SYSTEM, places["villages"][2], date(2026, 11, 1), None)
    again = (await imported(importer, database, backend.settings, data, "committee_members"))["result"]
    assert _counts(again) == (0, 0, 3, 0)
    assert len(await _events(session, places["importer"].id)) == before + 3

    left = [
        [*MEMBER_HEADERS, "Ngày thôi tham gia", "Lý do thôi"],
        [*MEMBERS[3], "01/11/2026", "Xin thôi"],
    ]
    result = (await imported(importer, database, backend.settings, files.xlsx(left), "committee_members"))[
        "result"
    ]
    assert _counts(result) == (0, 1, 0, 0), result
    hoa = (await _members(session))["TV-3"]
    assert (hoa.left_on, hoa.leaving_reason, hoa.version) == (date(2026, 11, 1), "resignation", 2)


async def test_a_dry_run_writes_nothing_and_reports_every_error(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    rows = [
        *COMMITTEES,
        _committee_row("B0101", "Ban Sai", "BAN-3", kind="Ban Chấp hành", established_on="31/02/2025"),
        _committee_row("B0101", "Ban Sai Hai", "BAN-4", kind="investment_supervision", term_to="01/01/2025"),
    ]
    job = await imported(importer, database, backend.settings, files.xlsx(rows), "committees", dry_run=True)
    result = job["result"]
    assert (result["dry_run"], result["applied"]) == (True, False)
    assert _counts(result) == (2, 0, 0, 2)
    assert {(e["row"], e["column"], e["code"]) for e in result["errors"]} == {
        (4, "Loại", "invalid_choice"),
        (4, "Ngày thành lập", "invalid_date"),
        (5, "Nhiệm kỳ đến ngày (dự kiến)", "invalid_period"),
    }
    assert all(e["message_vi"] and e["message_en"] for e in result["errors"])
    assert await _committees(session) == {}
    assert await _events(session, places["importer"].id) == []


async def test_all_or_nothing_writes_nothing_when_a_rule_refuses_a_row_and_valid_keeps_the_others(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    await imported(importer, database, backend.settings, files.xlsx(COMMITTEES), "committees")
    before = len(await _events(session, places["importer"].id))
    rows = [
        *MEMBERS,
        # A second head while the first sits: Law 10/2022, Art. 36(3) refuses it.
        _member_row("Đàm Văn Hai", "Trưởng ban", None, "TV-4"),
        # Holding a commune post: Art. 37 refuses it.
        _member_row("Bế Thị Xã", "Ủy viên", None, "TV-5", post="Có"),
        # Joining before the committee's term.
        _member_row("Triệu Văn Sớm", "Ủy viên", None, "TV-6", joined_on="2025-01-01", meeting_on=None),
    ]
    data = files.xlsx(rows)
    result = (await imported(importer, database, backend.settings, data, "committee_members"))["result"]
    assert (result["mode"], result["applied"]) == ("all", False)
    assert _counts(result) == (3, 0, 0, 3)
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (5, "Chức danh", "composition_rule_broken"),
        (6, "Giữ chức vụ ở xã", "member_ineligible"),
        (7, "Ngày tham gia", "term_not_found"),
    ]
    assert "pic-one-head" in result["errors"][0]["message_en"]
    assert result["errors"][0]["message_vi"] == MESSAGES_VI["composition_rule_broken"]
    assert await _members(session) == {}
    assert len(await _events(session, places["importer"].id)) == before

    result = (await imported(importer, database, backend.settings, data, "committee_members", mode="valid"))[
        "result"
    ]
    assert (result["applied"], *_counts(result)) == (True, 3, 0, 0, 3)
    assert set(await _members(session)) == {"TV-1", "TV-2", "TV-3"}


async def test_rows_reaching_outside_the_importers_jurisdiction_are_errors_never_writes(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    await imported(importer, database, backend.settings, files.xlsx(COMMITTEES), "committees")
    rows = [
        COMMITTEE_HEADERS,
        # A commune of another province.
        _committee_row("B0201", "Ban Thanh tra nhân dân xã Khác", "BAN-9"),
        # A reference that a committee of another province holds.
        _committee_row("B0102", "Ban Giám sát đầu tư xã Nà Giàng", "X-1", kind="investment_supervision"),
    ]
    result = (
        await imported(importer, database, backend.settings, files.xlsx(rows), "committees", mode="valid")
    )["result"]
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (2, "Mã đơn vị", "unit_not_found"),
        (3, "Mã ở hệ thống nguồn", "duplicate_external_ref"),
    ]
    rows = [
        MEMBER_HEADERS,
        # The committee of another province, named by its reference.
        _member_row("Lục Văn Khách", "Ủy viên", None, "TV-7", committee="X-1"),
        # A member's reference that a member there holds.
        _member_row("Lục Văn Ngoài", "Ủy viên", None, "X-M1"),
        # A unit of another province.
        _member_row("Ma Văn Lạc", "Ủy viên", "B0201", "TV-8"),
    ]
    result = (
        await imported(
            importer, database, backend.settings, files.xlsx(rows), "committee_members", mode="valid"
        )
    )["result"]
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (2, "Mã Ban ở hệ thống nguồn", "committee_not_found"),
        (3, "Mã ở hệ thống nguồn", "duplicate_external_ref"),
        (4, "Mã thôn, tổ dân phố đại diện", "unit_not_found"),
    ]
    foreign = await session.scalar(
        select(Committee)
        .where(Committee.id == places["foreign"].id)
        .execution_options(populate_existing=True)
    )
    assert foreign is not None and (foreign.name, foreign.version) == ("Ban Thanh tra nhân dân xã Khác", 1)
    count = (
        select(func.count()).select_from(CommitteeMember).where(CommitteeMember.unit_id == foreign.unit_id)
    )
    assert await session.scalar(count) == 1
    assert await _members(session) == {}


@pytest.mark.parametrize("format", ["csv", "xlsx"])
async def test_the_exported_committees_list_imports_back_unchanged(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
    format: str,
) -> None:
    # Nà Giàng's committee dissolved, then the commune merged away: both stay in the list.
    rows = [[*COMMITTEES[0], "Ngày giải thể"], [*COMMITTEES[1], None], [*COMMITTEES[2], "01/10/2026"]]
    result = (await imported(importer, database, backend.settings, files.xlsx(rows), "committees"))["result"]
    assert _counts(result) == (2, 0, 0, 0), result
    await units_service.retire_unit(session, SYSTEM, places["communes"][1], date(2026, 10, 1), None)
    events = await _events(session, places["importer"].id)
    assert sorted(action for action, _ in events) == [
        "committee.create",
        "committee.create",
        "committee.update",
        "committee_term.create",
        "committee_term.create",
    ]
    exported = await importer.get("/api/v1/committees", params={"format": format})
    assert exported.status_code == 200, exported.text
    job = await imported(importer, database, backend.settings, exported.content, "committees")
    result = job["result"]
    assert _counts(result) == (0, 0, 2, 0), result
    assert await _events(session, places["importer"].id) == events


@pytest.mark.parametrize("format", ["csv", "xlsx", "ndjson"])
async def test_the_exported_members_list_imports_back_unchanged(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
    format: str,
) -> None:
    """`GET /committees/all-members` is an exportable page of every committee's members: its file
    names each member's committee by `committee_id` and imports back with nothing changed."""
    await imported(importer, database, backend.settings, files.xlsx(COMMITTEES), "committees")
    left = [*MEMBERS[0], "Ngày thôi tham gia", "Lý do thôi"]
    rows = [left, *([*row, None, None] for row in MEMBERS[1:3]), [*MEMBERS[3], "01/10/2026", "Xin thôi"]]
    job = await imported(importer, database, backend.settings, files.xlsx(rows), "committee_members")
    assert _counts(job["result"]) == (3, 0, 0, 0), job["result"]
    versions = {m.id: m.version for m in (await _members(session)).values()}
    events = await _events(session, places["importer"].id)
    exported = await importer.get("/api/v1/committees/all-members", params={"format": format})
    assert exported.status_code == 200, exported.text
    assert "Lục Văn Ngoài" not in exported.content.decode("utf-8", "ignore")
    job = await imported(importer, database, backend.settings, exported.content, "committee_members")
    result = job["result"]
    assert result is not None, job["error"]
    assert (result["rows"], *_counts(result)) == (3, 0, 0, 3, 0), result["errors"]
    assert {m.id: m.version for m in (await _members(session)).values()} == versions
    assert await _events(session, places["importer"].id) == events


async def test_a_members_committee_named_by_id_is_one_of_the_jurisdiction(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    await imported(importer, database, backend.settings, files.xlsx(COMMITTEES), "committees")
    committees = await _committees(session)
    hoa_an, na_giang = committees["BAN-1"], committees["BAN-2"]
    headers = [*MEMBER_HEADERS, "committee_id"]
    rows = [
        headers,
        [*_member_row("Hoàng Thị Lan", "Trưởng ban", "B010101", "TV-1", committee=None), str(hoa_an.id)],
        [*_member_row("Lục Văn Xa", "Ủy viên", None, "TV-2", committee=None), str(places["foreign"].id)],
        [*_member_row("Lý Thị Hoa", "Ủy viên", None, "TV-3"), str(na_giang.id)],
        [*_member_row("Mã Văn Hỏng", "Ủy viên", None, "TV-4", committee=None), "BAN-1"],
        [*_member_row("Không Có Ban", "Ủy viên", None, "TV-5", committee=None), None],
    ]
    job = await imported(
        importer, database, backend.settings, files.xlsx(rows), "committee_members", mode="valid"
    )
    result = job["result"]
    assert _counts(result) == (1, 0, 0, 4), result
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (3, "Mã định danh Ban", "committee_not_found"),
        (4, "Mã định danh Ban", "reference_mismatch"),
        (5, "Mã định danh Ban", "invalid_value"),
        (6, "Mã Ban ở hệ thống nguồn", "missing_value"),
    ]
    assert (await _members(session))["TV-1"].committee_id == hoa_an.id


async def test_a_supervision_board_names_its_project_by_id_or_external_reference(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    commune = places["communes"][1]
    road = await create_investment_project(session, commune, external_ref={"source": SOURCE, "id": "DA-1"})
    hall = await create_investment_project(session, commune, name="Nhà văn hóa xóm")
    rows = [
        [*COMMITTEE_HEADERS, "Dự án"],
        [
            *_committee_row(
                "B0102", "Ban Giám sát đầu tư đường xã", "BAN-5", kind="Ban Giám sát đầu tư của cộng đồng"
            ),
            "DA-1",
        ],
        [
            *_committee_row(
                "B0102", "Ban Giám sát đầu tư nhà văn hóa", "BAN-6", kind="investment_supervision"
            ),
            str(hall.id),
        ],
        [
            *_committee_row("B0102", "Ban Giám sát đầu tư khác", "BAN-7", kind="investment_supervision"),
            "DA-9",
        ],
    ]
    result = (
        await imported(importer, database, backend.settings, files.xlsx(rows), "committees", mode="valid")
    )["result"]
    assert _counts(result) == (2, 0, 0, 1), result
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (4, "Dự án", "project_not_found")
    ]
    boards = await _committees(session)
    assert (boards["BAN-5"].kind, boards["BAN-5"].project_id, boards["BAN-6"].project_id) == (
        "investment_supervision",
        road.id,
        hall.id,
    )
    # A board never changes project: a row naming another one for it is an error.
    moved = [rows[0], [*rows[1][:-1], str(hall.id)]]
    result = (await imported(importer, database, backend.settings, files.xlsx(moved), "committees"))["result"]
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (2, "Dự án", "project_cannot_change")
    ]
    again = (await imported(importer, database, backend.settings, files.xlsx(rows[:3]), "committees"))[
        "result"
    ]
    assert _counts(again) == (0, 0, 2, 0)


async def test_the_templates_import_as_they_are_produced(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    await create_unit(session, name="Xã Mẫu", kind="commune", code="01273", parent_id=places["province"].id)
    for resource in ("committees", "committee_members"):
        template = await importer.get(f"/api/v1/imports/templates/{resource}.xlsx")
        assert template.status_code == 200, template.text
        job = await imported(importer, database, backend.settings, template.content, resource)
        assert (job["state"], job["result"]["created"], job["result"]["errors"]) == ("succeeded", 1, []), job
    member = await session.scalar(
        select(CommitteeMember).where(CommitteeMember.external_id == "BTTND-01273-TV01")
    )
    assert member is not None and (member.full_name, member.role, member.joined_on) == (
        "Hoàng Thị Lan",
        "member",
        date(2024, 3, 15),
    )
