"""POST /imports of inspection plans, teams, targets and recommendations, run by the real job
runner: rows are created through the inspections services (audited, as the importer), upserted
by their external reference (targets by team and unit); a second run changes nothing and writes
no audit event; a dry run and a failed all-or-nothing import write nothing; valid-only keeps the
good rows; what the API refuses (outside the jurisdiction, outside the organiser's subtree, a team
not concluded) is a row error; the exported plan, team and recommendation lists import back
unchanged."""

import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.audit import AuditEvent
from api.core.db import Database
from api.inspections.models import InspectionPlan, InspectionRecommendation, InspectionTarget, InspectionTeam
from api.units.models import Unit
from tests.conftest import Backend
from tests.factories import (
    access_token,
    conclude_team,
    create_plan,
    create_recommendation,
    create_team,
    create_unit,
    create_user,
)
from tests.imports import files
from tests.imports.running import imported, run_jobs_here


@pytest.fixture(autouse=True)
def no_queue(monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    return run_jobs_here(monkeypatch)


@pytest.fixture
async def places(session: AsyncSession) -> dict[str, Any]:
    province = await create_unit(session, name="Tỉnh Kiểm Thử", code="K01")
    commune = await create_unit(session, name="Xã Kiểm", kind="commune", code="K0101", parent_id=province.id)
    second = await create_unit(
        session, name="Xã Kiểm Hai", kind="commune", code="K0102", parent_id=province.id
    )
    other = await create_unit(session, name="Tỉnh Khác Kiểm", code="K02")
    elsewhere = await create_unit(
        session, name="Xã Khác Kiểm", kind="commune", code="K0201", parent_id=other.id
    )
    return {
        "province": province,
        "commune": commune,
        "second": second,
        "other": other,
        "elsewhere": elsewhere,
        "importer": await create_user(session, roles=["admin"], unit_id=province.id),
        "commune_admin": await create_user(session, roles=["admin"], unit_id=commune.id),
    }


@pytest.fixture
async def importer(
    backend: Backend, anonymous: httpx.AsyncClient, places: dict[str, Any]
) -> httpx.AsyncClient:
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, places['importer'])}"
    return anonymous


class Run:
    """Imports of one resource by the importer, as jobs run to their end."""

    def __init__(
        self, client: httpx.AsyncClient, database: Database, backend: Backend, resource: str
    ) -> None:
        self.client, self.database, self.backend, self.resource = client, database, backend, resource

    async def job(self, data: bytes, **form: Any) -> dict[str, Any]:
        return await imported(self.client, self.database, self.backend.settings, data, self.resource, **form)

    async def __call__(self, rows: list[list[Any]], **form: Any) -> dict[str, Any]:
        job = await self.job(files.xlsx(rows), **form)
        assert job["state"] == "succeeded", job
        result: dict[str, Any] = job["result"]
        return result


def _counts(result: dict[str, Any]) -> tuple[int, int, int, int]:
    return (result["created"], result["updated"], result["unchanged"], result["failed"])


def _errors(result: dict[str, Any]) -> list[tuple[int, str | None, str]]:
    return [(e["row"], e["column"], e["code"]) for e in result["errors"]]


async def _audit_count(session: AsyncSession, actor: Any) -> int:
    """The inspections' audit events by `actor` (a job's own are not the rows')."""
    stmt = (
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.actor_id == actor.id, AuditEvent.resource_type.like("inspection%"))
    )
    return int(await session.scalar(stmt) or 0)


async def _by_ref(session: AsyncSession, model: Any, id_: str) -> Any:
    return await session.scalar(
        select(model).where(model.external_id == id_).execution_options(populate_existing=True)
    )


# Plans -------------------------------------------------------------------------------------------

PLAN_HEADERS = [
    "Hệ thống nguồn",
    "Mã ở hệ thống nguồn",
    "Năm",
    "Tên kế hoạch",
    "Loại kế hoạch",
    "Cơ quan ban hành",
    "Số văn bản",
    "Ngày ban hành",
    "Mã đơn vị tổ chức",
    "Chủ đề",
]
PLANS: list[list[Any]] = [
    PLAN_HEADERS,
    [
        "bcd-tinh",
        "KH-1",
        2026,
        "Kế hoạch kiểm tra QCDC năm 2026",
        "Hằng năm",
        "Ban Chỉ đạo tỉnh",
        "15/KH-BCĐ",
        "15/01/2026",
        "K01",
        "publicity_of_information; people_supervise",
    ],
    [
        "bcd-tinh",
        "KH-2",
        "2026",
        "Kế hoạch giám sát chuyên đề",
        "thematic",
        "commune_steering_committee",
        "3/KH-BCĐ",
        "2026-02-01",
        "K0101",
        "",
    ],
]


@pytest.fixture
def plans(importer: httpx.AsyncClient, database: Database, backend: Backend) -> Run:
    return Run(importer, database, backend, "inspection_plans")


async def test_plans_are_created_then_a_second_run_changes_nothing_and_a_changed_row_updates(
    plans: Run, session: AsyncSession, places: dict[str, Any]
) -> None:
    result = await plans(PLANS)
    assert _counts(result) == (2, 0, 0, 0), result
    first = await _by_ref(session, InspectionPlan, "KH-1")
    assert (first.year, first.kind, first.issuer, first.issued_on, first.organising_unit_id) == (
        2026,
        "annual",
        "provincial_steering_committee",
        date(2026, 1, 15),
        places["province"].id,
    )
    assert first.topics == ["publicity_of_information", "people_supervise"]
    assert first.external_ref == {"source": "bcd-tinh", "id": "KH-1"}
    events = (
        await session.execute(
            select(AuditEvent.action, AuditEvent.actor_id).where(AuditEvent.resource_id == str(first.id))
        )
    ).all()
    assert events == [("inspection_plan.create", places["importer"].id)]
    audited, version = await _audit_count(session, places["importer"]), first.version

    again = await plans(PLANS)
    assert _counts(again) == (0, 0, 2, 0), again
    assert await _audit_count(session, places["importer"]) == audited
    assert (await _by_ref(session, InspectionPlan, "KH-1")).version == version

    changed = [PLAN_HEADERS, [*PLANS[1][:3], "Kế hoạch kiểm tra QCDC năm 2026 (sửa đổi)", *PLANS[1][4:]]]
    result = await plans(changed)
    assert _counts(result) == (0, 1, 0, 0), result
    assert (
        await _by_ref(session, InspectionPlan, "KH-1")
    ).title == "Kế hoạch kiểm tra QCDC năm 2026 (sửa đổi)"
    assert await _audit_count(session, places["importer"]) == audited + 1


async def test_plans_dry_run_all_or_nothing_and_valid_only(plans: Run, session: AsyncSession) -> None:
    bad = [
        *PLANS,
        [
            "bcd-tinh",
            "KH-3",
            2026,
            "Kế hoạch lỗi",
            "hằng tuần",
            "UBND",
            "9/KH",
            "31/02/2026",
            "K01",
            "no_such_topic",
        ],
        ["bcd-tinh", "KH-4", 2026, "Kế hoạch tương lai", "annual", "UBND", "10/KH", "01/12/2026", "K01", ""],
    ]
    result = await plans(bad, dry_run=True)
    assert (result["applied"], *_counts(result)) == (False, 2, 0, 0, 2)
    assert set(_errors(result)) == {
        (4, "Loại kế hoạch", "invalid_choice"),
        (4, "Ngày ban hành", "invalid_date"),
        (5, "Ngày ban hành", "date_in_future"),
    }
    assert all(e["message_vi"] and e["message_en"] for e in result["errors"])
    assert await _by_ref(session, InspectionPlan, "KH-1") is None

    result = await plans(bad)
    assert (result["mode"], result["applied"], result["failed"]) == ("all", False, 2)
    assert await _by_ref(session, InspectionPlan, "KH-1") is None

    unknown = [
        *PLANS,
        [
            "bcd-tinh",
            "KH-5",
            2026,
            "Kế hoạch",
            "annual",
            "UBND",
            "11/KH",
            "01/03/2026",
            "K01",
            "no_such_topic",
        ],
    ]
    result = await plans(unknown, mode="valid")
    assert (result["applied"], *_counts(result)) == (True, 2, 0, 0, 1)
    assert _errors(result) == [(4, "Chủ đề", "unknown_topic")]
    assert await _by_ref(session, InspectionPlan, "KH-1") is not None
    assert await _by_ref(session, InspectionPlan, "KH-5") is None


async def test_a_plan_row_outside_the_jurisdiction_is_an_error_never_a_write(
    plans: Run, session: AsyncSession, places: dict[str, Any]
) -> None:
    held = await create_plan(
        session,
        places["other"],
        external_ref={"source": "bcd-tinh", "id": "KH-9"},
        title="Kế hoạch tỉnh khác",
    )
    rows = [
        PLAN_HEADERS,
        [*PLANS[1][:8], "K0201", ""],
        ["bcd-tinh", "KH-9", 2026, "Kế hoạch đổi tên", "annual", "UBND", "1/KH", "01/03/2026", "K01", ""],
    ]
    result = await plans(rows, mode="valid")
    assert _errors(result) == [
        (2, "Mã đơn vị tổ chức", "unit_not_found"),
        (3, "Mã ở hệ thống nguồn", "duplicate_external_ref"),
    ]
    assert (await _by_ref(session, InspectionPlan, "KH-9")).title == held.title
    assert await _by_ref(session, InspectionPlan, "KH-1") is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ndjson"])
async def test_an_exported_plan_list_imports_back_unchanged(
    plans: Run, importer: httpx.AsyncClient, session: AsyncSession, fmt: str
) -> None:
    assert _counts(await plans(PLANS)) == (2, 0, 0, 0)
    exported = await importer.get(f"/api/v1/inspections/plans?format={fmt}")
    assert exported.status_code == 200, exported.text
    job = await plans.job(exported.content)
    result = job["result"]
    assert result is not None, job["error"]
    assert _counts(result) == (0, 0, 2, 0), result
    assert result["ignored_columns"], result


# Teams -------------------------------------------------------------------------------------------

TEAM_HEADERS = [
    "Hệ thống nguồn",
    "Mã ở hệ thống nguồn",
    "Mã kế hoạch ở hệ thống nguồn",
    "Loại đoàn",
    "Tên đoàn",
    "Mã đơn vị tổ chức",
    "Số quyết định",
    "Ngày bắt đầu dự kiến",
    "Ngày kết thúc dự kiến",
    "Chủ đề",
    "Trưởng đoàn",
    "Thành viên",
]
TEAMS: list[list[Any]] = [
    TEAM_HEADERS,
    [
        "bcd-tinh",
        "DKT-1",
        "KH-1",
        "Kiểm tra",
        "Đoàn kiểm tra QCDC tại xã Kiểm",
        "K01",
        "25/QĐ-BCĐ",
        "07/09/2026",
        "18/09/2026",
        "publicity_of_information",
        "Hoàng Thị Lan - Phó Trưởng ban Dân vận Tỉnh ủy - Ban Dân vận Tỉnh ủy",
        "Nông Văn Hải - Phó Chủ tịch - Ủy ban MTTQ tỉnh; Lý Thị Mai",
    ],
    [
        "bcd-tinh",
        "DGS-2",
        "",
        "supervision",
        "Đoàn giám sát đột xuất",
        "K0101",
        "",
        "2026-10-01",
        "2026-10-05",
        "",
        "",
        "",
    ],
]


@pytest.fixture
async def teams(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> Run:
    await create_plan(session, places["province"], external_ref={"source": "bcd-tinh", "id": "KH-1"})
    return Run(importer, database, backend, "inspection_teams")


async def test_teams_are_created_with_their_plan_and_members_then_unchanged_then_updated(
    teams: Run, session: AsyncSession, places: dict[str, Any]
) -> None:
    result = await teams(TEAMS)
    assert _counts(result) == (2, 0, 0, 0), result
    team = await _by_ref(session, InspectionTeam, "DKT-1")
    plan = await _by_ref(session, InspectionPlan, "KH-1")
    assert (team.plan_id, team.kind, team.status, team.organising_unit_id) == (
        plan.id,
        "inspection",
        "planned",
        places["province"].id,
    )
    assert (team.planned_start, team.planned_end, team.decision_number) == (
        date(2026, 9, 7),
        date(2026, 9, 18),
        "25/QĐ-BCĐ",
    )
    assert team.members == [
        {
            "full_name": "Hoàng Thị Lan",
            "position": "Phó Trưởng ban Dân vận Tỉnh ủy",
            "organisation": "Ban Dân vận Tỉnh ủy",
            "role": "leader",
            "user_id": None,
        },
        {
            "full_name": "Nông Văn Hải",
            "position": "Phó Chủ tịch",
            "organisation": "Ủy ban MTTQ tỉnh",
            "role": "member",
            "user_id": None,
        },
        {
            "full_name": "Lý Thị Mai",
            "position": None,
            "organisation": None,
            "role": "member",
            "user_id": None,
        },
    ]
    ad_hoc = await _by_ref(session, InspectionTeam, "DGS-2")
    assert (ad_hoc.plan_id, ad_hoc.members, ad_hoc.topics) == (None, [], [])
    events = (
        await session.execute(
            select(AuditEvent.action, AuditEvent.actor_id).where(AuditEvent.resource_id == str(team.id))
        )
    ).all()
    assert events == [("inspection_team.create", places["importer"].id)]

    # An account linked to a member since stays linked: a spreadsheet does not name accounts.
    team.members = [{**team.members[0], "user_id": str(places["importer"].id)}, *team.members[1:]]
    await session.flush()
    audited, version = await _audit_count(session, places["importer"]), team.version
    again = await teams(TEAMS)
    assert _counts(again) == (0, 0, 2, 0), again
    assert await _audit_count(session, places["importer"]) == audited
    assert (await _by_ref(session, InspectionTeam, "DKT-1")).version == version

    changed = [
        TEAM_HEADERS,
        [*TEAMS[1][:8], "20/09/2026", *TEAMS[1][9:11], "Nông Văn Hải - Phó Chủ tịch - Ủy ban MTTQ tỉnh"],
    ]
    result = await teams(changed)
    assert _counts(result) == (0, 1, 0, 0), result
    team = await _by_ref(session, InspectionTeam, "DKT-1")
    assert team.planned_end == date(2026, 9, 20)
    assert [(m["full_name"], m["user_id"]) for m in team.members] == [
        ("Hoàng Thị Lan", str(places["importer"].id)),
        ("Nông Văn Hải", None),
    ]


async def test_teams_import_from_ndjson_with_english_headers_and_a_blank_plan_keeps_the_plan(
    teams: Run, session: AsyncSession
) -> None:
    record = {
        "External source": "bcd-tinh",
        "External ID": "DKT-1",
        "Plan external ID": "KH-1",
        "Kind": "inspection",
        "Title": "Đoàn kiểm tra QCDC",
        "Organising unit code": "K01",
        "Planned start": "2026-09-07",
        "Planned end": "2026-09-18",
        "Leader": "Hoàng Thị Lan",
    }
    job = await teams.job(files.ndjson([record]))
    assert _counts(job["result"]) == (1, 0, 0, 0), job
    plan_id = (await _by_ref(session, InspectionTeam, "DKT-1")).plan_id
    assert plan_id is not None
    job = await teams.job(files.ndjson([{**record, "Plan external ID": ""}]))
    assert _counts(job["result"]) == (0, 0, 1, 0), job
    assert (await _by_ref(session, InspectionTeam, "DKT-1")).plan_id == plan_id


async def test_teams_dry_run_all_or_nothing_and_valid_only(
    teams: Run, session: AsyncSession, places: dict[str, Any]
) -> None:
    # The province's plan carried out by a commune's team is fine; the commune's plan by a
    # provincial team is not.
    await create_plan(session, places["commune"], external_ref={"source": "bcd-tinh", "id": "KH-XA"})
    bad = [
        *TEAMS,
        [*TEAMS[1][:2][:1], "DKT-3", "KH-XA", *TEAMS[1][3:]],
        [*TEAMS[1][:1], "DKT-4", "", *TEAMS[1][3:7], "18/09/2026", "07/09/2026", *TEAMS[1][9:]],
        [*TEAMS[1][:1], "DKT-5", "", *TEAMS[1][3:10], "A - x - y", "B - z - w"],
    ]
    bad[-1][-1] = "Trần Văn B"
    bad[-1][-2] = "Trần Văn A"
    result = await teams(bad, dry_run=True)
    assert (result["applied"], *_counts(result)) == (False, 3, 0, 0, 2)
    assert set(_errors(result)) == {
        (4, "Mã kế hoạch ở hệ thống nguồn", "plan_of_another_organiser"),
        (5, "Ngày kết thúc dự kiến", "invalid_period"),
    }
    assert await _by_ref(session, InspectionTeam, "DKT-1") is None

    result = await teams(bad)
    assert (result["applied"], result["failed"]) == (False, 2)
    assert await _by_ref(session, InspectionTeam, "DKT-1") is None

    result = await teams(bad, mode="valid")
    assert (result["applied"], *_counts(result)) == (True, 3, 0, 0, 2)
    assert await _by_ref(session, InspectionTeam, "DKT-5") is not None
    assert await _by_ref(session, InspectionTeam, "DKT-3") is None


async def test_a_team_row_outside_the_jurisdiction_is_an_error_never_a_write(
    teams: Run,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> None:
    elsewhere = await create_team(
        session,
        places["other"],
        [],
        external_ref={"source": "bcd-tinh", "id": "DKT-9"},
        title="Đoàn tỉnh khác",
    )
    visiting = await create_team(
        session,
        places["province"],
        [places["commune"]],
        external_ref={"source": "bcd-tinh", "id": "DKT-8"},
        title="Đoàn tỉnh đến xã",
    )
    rows = [
        TEAM_HEADERS,
        [*TEAMS[1][:5], "K0201", *TEAMS[1][6:]],
        [*TEAMS[1][:1], "DKT-9", "", *TEAMS[1][3:5], "K01", *TEAMS[1][6:]],
        [*TEAMS[1][:1], "DKT-X", "KH-OTHER", *TEAMS[1][3:]],
    ]
    result = await teams(rows, mode="valid")
    assert _errors(result) == [
        (2, "Mã đơn vị tổ chức", "unit_not_found"),
        (3, "Mã ở hệ thống nguồn", "duplicate_external_ref"),
        (4, "Mã kế hoạch ở hệ thống nguồn", "plan_not_found"),
    ]
    assert (await _by_ref(session, InspectionTeam, "DKT-9")).title == elsewhere.title
    # A commune sees the provincial team visiting it, but does not change it.
    teams.client.headers["Authorization"] = (
        f"Bearer {access_token(backend.settings, places['commune_admin'])}"
    )
    rows = [TEAM_HEADERS, [*TEAMS[1][:1], "DKT-8", "", *TEAMS[1][3:5], "K0101", *TEAMS[1][6:]]]
    result = await teams(rows, mode="valid")
    assert _errors(result) == [(2, None, "not_organiser")]
    assert (await _by_ref(session, InspectionTeam, "DKT-8")).title == visiting.title


async def _versions(session: AsyncSession, model: Any) -> dict[Any, int]:
    found = await session.scalars(select(model).execution_options(populate_existing=True))
    return {record.id: record.version for record in found}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ndjson"])
async def test_an_exported_team_list_imports_back_unchanged(
    teams: Run, importer: httpx.AsyncClient, session: AsyncSession, places: dict[str, Any], fmt: str
) -> None:
    """The list item carries the team's `external_ref` (and signer): its export names each team
    again. The file holds no members and no plan reference, so those stay as they are."""
    signed = [[*TEAMS[0], "Người ký quyết định"], [*TEAMS[1], "Nông Thị Thu"], [*TEAMS[2], ""]]
    assert _counts(await teams(signed)) == (2, 0, 0, 0)
    before = await _versions(session, InspectionTeam)
    audited = await _audit_count(session, places["importer"])
    exported = await importer.get(f"/api/v1/inspections/teams?format={fmt}")
    assert exported.status_code == 200, exported.text
    job = await teams.job(exported.content)
    result = job["result"]
    assert result is not None, job["error"]
    assert (result["rows"], *_counts(result)) == (2, 0, 0, 2, 0), [e["message_en"] for e in result["errors"]]
    assert await _versions(session, InspectionTeam) == before
    assert await _audit_count(session, places["importer"]) == audited
    team = await _by_ref(session, InspectionTeam, "DKT-1")
    assert (team.decision_signer, len(team.members), team.plan_id is not None) == ("Nông Thị Thu", 3, True)


# Targets -----------------------------------------------------------------------------------------

TARGET_HEADERS = [
    "Hệ thống nguồn của đoàn",
    "Mã đoàn ở hệ thống nguồn",
    "Mã đơn vị được kiểm tra",
    "Trạng thái",
    "Từ ngày",
    "Đến ngày",
    "Đã nhận báo cáo tự kiểm tra",
    "Ngày nhận báo cáo tự kiểm tra",
    "Xếp loại",
]
TARGETS: list[list[Any]] = [
    TARGET_HEADERS,
    ["bcd-tinh", "DKT-1", "K0101", "Đã kiểm tra", "08/09/2026", "09/09/2026", "Có", "01/09/2026", "Khá"],
    ["bcd-tinh", "DKT-1", "K0102", "Dự kiến", "", "", "", "", ""],
]


@pytest.fixture
async def targets(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> Run:
    await create_team(session, places["province"], [], external_ref={"source": "bcd-tinh", "id": "DKT-1"})
    await create_team(session, places["commune"], [], external_ref={"source": "bcd-tinh", "id": "DKT-XA"})
    return Run(importer, database, backend, "inspection_targets")


async def _targets(session: AsyncSession, ref: str) -> dict[str, InspectionTarget]:
    """A team's targets as stored now, by their unit's code."""
    rows = await session.execute(
        select(Unit.code, InspectionTarget)
        .join(InspectionTarget, InspectionTarget.unit_id == Unit.id)
        .join(InspectionTeam, InspectionTeam.id == InspectionTarget.team_id)
        .where(InspectionTeam.external_id == ref)
        .execution_options(populate_existing=True)
    )
    return {row[0]: row[1] for row in rows}


async def test_targets_are_added_to_their_team_with_their_visit_then_unchanged_then_updated(
    targets: Run, session: AsyncSession, places: dict[str, Any]
) -> None:
    result = await targets(TARGETS)
    assert _counts(result) == (2, 0, 0, 0), result
    found = await _targets(session, "DKT-1")
    visited = found["K0101"]
    assert (visited.status, visited.visited_from, visited.visited_to, visited.rating) == (
        "done",
        date(2026, 9, 8),
        date(2026, 9, 9),
        "fair",
    )
    assert (visited.self_assessment_received, visited.self_assessment_received_on) == (True, date(2026, 9, 1))
    assert (found["K0102"].status, found["K0102"].position) == ("planned", 1)
    actions = set(
        await session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == places["importer"].id))
    )
    assert {"inspection_team_target.create", "inspection_team_target.update"} <= actions
    audited = await _audit_count(session, places["importer"])

    again = await targets(TARGETS)
    assert _counts(again) == (0, 0, 2, 0), again
    assert await _audit_count(session, places["importer"]) == audited

    changed = [TARGET_HEADERS, ["bcd-tinh", "DKT-1", "K0102", "cancelled", "", "", "", "", ""]]
    assert _counts(await targets(changed)) == (0, 1, 0, 0)
    found = await _targets(session, "DKT-1")
    assert (found["K0102"].status, found["K0101"].status) == ("cancelled", "done")


async def test_target_rows_the_api_refuses_are_errors_and_all_or_nothing_writes_none(
    targets: Run, session: AsyncSession
) -> None:
    rows = [
        *TARGETS,
        # The commune's team cannot visit its neighbour.
        ["bcd-tinh", "DKT-XA", "K0102", "", "", "", "", "", ""],
        ["bcd-tinh", "DKT-1", "K0201", "", "", "", "", "", ""],
        ["bcd-tinh", "DKT-404", "K0101", "", "", "", "", "", ""],
        ["bcd-tinh", "DKT-1", "K01", "done", "09/09/2026", "08/09/2026", "", "", ""],
        ["bcd-tinh", "DKT-XA", "K0101", "done", "01/12/2026", "", "", "", ""],
    ]
    result = await targets(rows, dry_run=True)
    assert (result["applied"], *_counts(result)) == (False, 2, 0, 0, 5)
    assert _errors(result) == [
        (4, "Mã đơn vị được kiểm tra", "target_outside_organiser"),
        (5, "Mã đơn vị được kiểm tra", "unit_not_found"),
        (6, "Mã đoàn ở hệ thống nguồn", "team_not_found"),
        (7, "Đến ngày", "invalid_period"),
        (8, "Từ ngày", "date_in_future"),
    ]
    result = await targets(rows)
    assert (result["applied"], result["failed"]) == (False, 5)
    assert await _targets(session, "DKT-1") == {}
    assert await _targets(session, "DKT-XA") == {}
    result = await targets(rows, mode="valid")
    assert (result["applied"], result["created"]) == (True, 2)
    assert set(await _targets(session, "DKT-1")) == {"K0101", "K0102"}
    assert await _targets(session, "DKT-XA") == {}


# Recommendations ---------------------------------------------------------------------------------

REC_HEADERS = [
    "Hệ thống nguồn",
    "Mã ở hệ thống nguồn",
    "Mã đoàn ở hệ thống nguồn",
    "Mã đơn vị thực hiện",
    "Nội dung",
    "Hạn thực hiện",
]
RECOMMENDATIONS: list[list[Any]] = [
    REC_HEADERS,
    ["bcd-tinh", "KN-1", "DKT-1", "K0101", "Niêm yết công khai dự toán ngân sách xã", "29/05/2026"],
    ["bcd-tinh", "KN-2", "DKT-1", "K01", "Chỉ đạo các xã rà soát hương ước", "2026-06-30"],
]


@pytest.fixture
async def recommendations(
    importer: httpx.AsyncClient,
    database: Database,
    backend: Backend,
    session: AsyncSession,
    places: dict[str, Any],
) -> Run:
    team = await create_team(
        session, places["province"], [places["commune"]], external_ref={"source": "bcd-tinh", "id": "DKT-1"}
    )
    await conclude_team(session, team)
    await create_team(session, places["province"], [], external_ref={"source": "bcd-tinh", "id": "DKT-OPEN"})
    return Run(importer, database, backend, "inspection_recommendations")


async def test_recommendations_are_issued_then_unchanged_then_updated(
    recommendations: Run, session: AsyncSession, places: dict[str, Any]
) -> None:
    result = await recommendations(RECOMMENDATIONS)
    assert _counts(result) == (2, 0, 0, 0), result
    first = await _by_ref(session, InspectionRecommendation, "KN-1")
    team = await _by_ref(session, InspectionTeam, "DKT-1")
    assert (first.team_id, first.owner_unit_id, first.due_on, first.status, first.issued_on) == (
        team.id,
        places["commune"].id,
        date(2026, 5, 29),
        "open",
        date(2026, 4, 24),
    )
    events = (
        await session.execute(
            select(AuditEvent.action, AuditEvent.actor_id).where(AuditEvent.resource_id == str(first.id))
        )
    ).all()
    assert events == [("inspection_recommendation.create", places["importer"].id)]
    audited = await _audit_count(session, places["importer"])

    again = await recommendations(RECOMMENDATIONS)
    assert _counts(again) == (0, 0, 2, 0), again
    assert await _audit_count(session, places["importer"]) == audited

    changed = [REC_HEADERS, [*RECOMMENDATIONS[1][:5], "15/06/2026"]]
    assert _counts(await recommendations(changed)) == (0, 1, 0, 0)
    assert (await _by_ref(session, InspectionRecommendation, "KN-1")).due_on == date(2026, 6, 15)


async def test_recommendation_rows_the_api_refuses_are_errors_never_writes(
    recommendations: Run, session: AsyncSession, places: dict[str, Any]
) -> None:
    other_team = await create_team(
        session,
        places["other"],
        [places["elsewhere"]],
        external_ref={"source": "bcd-tinh", "id": "DKT-OTHER"},
    )
    await conclude_team(session, other_team)
    held = await create_recommendation(
        session, other_team, places["elsewhere"], external_ref={"source": "bcd-tinh", "id": "KN-9"}
    )
    rows = [
        *RECOMMENDATIONS,
        ["bcd-tinh", "KN-3", "DKT-OPEN", "K0101", "Kiến nghị sớm", "30/12/2026"],
        ["bcd-tinh", "KN-4", "DKT-1", "K0201", "Ngoài địa bàn", "30/06/2026"],
        ["bcd-tinh", "KN-5", "DKT-1", "K0101", "Hạn trước kết luận", "01/04/2026"],
        ["bcd-tinh", "KN-6", "DKT-OTHER", "K0101", "Đoàn tỉnh khác", "30/06/2026"],
        ["bcd-tinh", "KN-9", "DKT-1", "K0101", "Mã đã dùng ở tỉnh khác", "30/06/2026"],
    ]
    result = await recommendations(rows, dry_run=True)
    assert (result["applied"], *_counts(result)) == (False, 2, 0, 0, 5)
    assert _errors(result) == [
        (4, None, "team_not_concluded"),
        (5, "Mã đơn vị thực hiện", "unit_not_found"),
        (6, "Hạn thực hiện", "due_before_conclusion"),
        (7, "Mã đoàn ở hệ thống nguồn", "team_not_found"),
        (8, "Mã ở hệ thống nguồn", "duplicate_external_ref"),
    ]
    assert await _by_ref(session, InspectionRecommendation, "KN-1") is None
    result = await recommendations(rows)
    assert (result["applied"], result["failed"]) == (False, 5)
    assert await _by_ref(session, InspectionRecommendation, "KN-1") is None
    result = await recommendations(rows, mode="valid")
    assert (result["applied"], result["created"]) == (True, 2)
    assert (await _by_ref(session, InspectionRecommendation, "KN-9")).content == held.content


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ndjson"])
async def test_an_exported_recommendation_list_imports_back_unchanged(
    recommendations: Run,
    importer: httpx.AsyncClient,
    session: AsyncSession,
    places: dict[str, Any],
    fmt: str,
) -> None:
    """The list item carries the recommendation's `external_ref` and its team's id: the export
    names the team by `team_id`, which the import reads within the jurisdiction."""
    assert _counts(await recommendations(RECOMMENDATIONS)) == (2, 0, 0, 0)
    before = await _versions(session, InspectionRecommendation)
    audited = await _audit_count(session, places["importer"])
    exported = await importer.get(f"/api/v1/inspections/recommendations?format={fmt}")
    assert exported.status_code == 200, exported.text
    job = await recommendations.job(exported.content)
    result = job["result"]
    assert result is not None, job["error"]
    assert (result["rows"], *_counts(result)) == (2, 0, 0, 2, 0), [e["message_en"] for e in result["errors"]]
    assert await _versions(session, InspectionRecommendation) == before
    assert await _audit_count(session, places["importer"]) == audited


async def test_a_recommendations_team_named_by_id_is_one_the_importer_organises(
    recommendations: Run, session: AsyncSession, places: dict[str, Any]
) -> None:
    team = await _by_ref(session, InspectionTeam, "DKT-1")
    other = await create_team(
        session, places["other"], [places["elsewhere"]], external_ref={"source": "bcd-tinh", "id": "DKT-O"}
    )
    headers = ["Hệ thống nguồn", "Mã ở hệ thống nguồn", "team_id", *REC_HEADERS[2:]]
    rows = [
        headers,
        ["bcd-tinh", "KN-1", str(team.id), "", "K0101", "Theo mã định danh", "29/05/2026"],
        ["bcd-tinh", "KN-2", str(other.id), "", "K0101", "Đoàn tỉnh khác", "29/05/2026"],
        ["bcd-tinh", "KN-3", str(team.id), "DKT-OPEN", "K0101", "Hai đoàn khác nhau", "29/05/2026"],
        ["bcd-tinh", "KN-4", "không-phải-mã", "", "K0101", "Mã hỏng", "29/05/2026"],
        ["bcd-tinh", "KN-5", "", "", "K0101", "Không có đoàn", "29/05/2026"],
    ]
    result = await recommendations(rows, mode="valid")
    assert _counts(result) == (1, 0, 0, 4), result
    assert _errors(result) == [
        (3, "Mã định danh đoàn", "team_not_found"),
        (4, "Mã định danh đoàn", "reference_mismatch"),
        (5, "Mã định danh đoàn", "invalid_value"),
        (6, "Mã đoàn ở hệ thống nguồn", "missing_value"),
    ]
    assert (await _by_ref(session, InspectionRecommendation, "KN-1")).team_id == team.id
