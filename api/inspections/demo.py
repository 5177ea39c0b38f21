"""The inspections part of the demo dataset: Cao Bằng's 2026 plan and four teams in different
states (one closed with its visits, findings, conclusion and recommendations all verified closed,
one concluded whose recommendations stand in every state of their follow-up, overdue ones among
them, one in progress, one still planned), loaded through the services with acts dated up to today
only. Everything carries the demo source and "(demo)"."""

import dataclasses
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import SYSTEM, Principal
from api.core.external_ref import ExternalRef
from api.inspections import service
from api.inspections.findings import service as findings_service
from api.inspections.findings.schemas import FindingCreate
from api.inspections.models import InspectionPlan, InspectionRecommendation, InspectionTeam
from api.inspections.plans import service as plans_service
from api.inspections.plans.schemas import PlanCreate
from api.inspections.recommendations import service as recommendations_service
from api.inspections.recommendations.schemas import (
    DueIn,
    ProgressReportCreate,
    RecommendationCreate,
    RecommendationTransitionRequest,
)
from api.inspections.schemas import InspectionTargetUpdate, TeamCreate, TeamMember, TeamTransitionRequest
from api.inspections.workflows import COLLECTING, Status
from api.units.demo import DEMO_SOURCE
from api.units.models import CodeSystem, Unit, UnitStatus

# Fictional people: any likeness to real office holders is accidental.
_PROVINCIAL_MEMBERS = [
    TeamMember(full_name="Lục Thị Hằng", position="Phó Trưởng ban Dân vận Tỉnh ủy", role="leader"),
    TeamMember(full_name="Đàm Quang Vinh", organisation="Văn phòng UBND tỉnh", role="member"),
    TeamMember(full_name="Triệu Thị Mai", organisation="Ủy ban MTTQ tỉnh", role="member"),
]
_FRONT_MEMBERS = [
    TeamMember(full_name="Bế Văn Cường", position="Phó Chủ tịch Ủy ban MTTQ tỉnh", role="leader"),
    TeamMember(full_name="Hà Thị Thu", organisation="Hội Liên hiệp Phụ nữ tỉnh", role="member"),
]
_COMMUNE_MEMBERS = [
    TeamMember(full_name="Lục Văn Dũng", position="Bí thư Đảng ủy xã", role="leader"),
    TeamMember(full_name="Hà Văn Tuấn", organisation="Ủy ban MTTQ xã", role="member"),
]


async def _unit(session: AsyncSession, code: str) -> Unit | None:
    return await session.scalar(
        select(Unit).where(
            Unit.code == code,
            Unit.code_system == CodeSystem.DECISION_19_2025,
            Unit.status == UnitStatus.ACTIVE,
        )
    )


async def _loaded(session: AsyncSession) -> bool:
    found = await session.scalar(
        select(InspectionPlan.id).where(
            InspectionPlan.external_source == DEMO_SOURCE, InspectionPlan.external_id == _ref("plan-2026").id
        )
    )
    return found is not None


def _ref(name: str) -> ExternalRef:
    return ExternalRef(source=DEMO_SOURCE, id=f"inspection-{name}")


async def _act(
    session: AsyncSession, team: InspectionTeam, until: date, acts: list[tuple[str, date, dict[str, str]]]
) -> None:
    """The team's acts in order, as far as today."""
    for action, on, data in acts:
        if on > until:
            return
        request = TeamTransitionRequest.model_validate({"action": action, "effective_on": on, **data})
        await service.transition(session, SYSTEM, team, request, None)


async def _visited(
    session: AsyncSession, team: InspectionTeam, until: date, visits: list[tuple[date, date, str, str]]
) -> None:
    """Each target's record, in target order, for visits ended by today."""
    for target, (start, end, rating, notes) in zip(list(team.targets), visits, strict=True):
        if end > until:
            continue
        record = InspectionTargetUpdate(
            status="done",
            visited_from=start,
            visited_to=end,
            self_assessment_received=True,
            self_assessment_received_on=date(start.year, start.month, 1),
            rating=rating,
            notes=f"{notes} (demo)",
        )
        await service.update_target(session, SYSTEM, team, target.id, record, None)


def _principal_of(unit: Unit) -> Principal:
    """The service acting for the owner unit: owners follow up what is recommended to them, and
    the organiser (`SYSTEM`, the whole country) verifies."""
    return dataclasses.replace(SYSTEM, name=f"{unit.name} (demo)", unit_id=unit.id, unit_path=unit.path)


# A recommendation's follow-up: (day, what, data), what being an action of its workflow or
# "progress" (a progress report whose text is the data's "text").
FollowUp = list[tuple[date, str, dict[str, str]]]


async def _recommend(
    session: AsyncSession,
    team: InspectionTeam,
    owner: Unit,
    until: date,
    data: RecommendationCreate,
    follow_up: FollowUp,
) -> InspectionRecommendation | None:
    """Issue a recommendation of the concluded team and follow it up, as far as today."""
    if team.status != Status.CONCLUDED:
        return None
    recommendation = await recommendations_service.create(session, SYSTEM, team, data)
    for on, what, extra in follow_up:
        if on > until:
            break
        if what == "progress":
            report = ProgressReportCreate(text=extra["text"], reported_on=on)
            await recommendations_service.add_report(session, _principal_of(owner), recommendation, report)
            continue
        request = RecommendationTransitionRequest.model_validate(
            {"action": what, "effective_on": on, **extra}
        )
        actor = SYSTEM if what in ("verify", "reject_report") else _principal_of(owner)
        await recommendations_service.transition(session, actor, recommendation, request, None)
    return recommendation


async def _first_teams_recommendations(session: AsyncSession, team: InspectionTeam, until: date) -> None:
    """What the closed team's conclusion asked of the two wards, both done and verified before it closed."""
    first_ward, second_ward = (t.unit for t in team.targets)
    findings = {f.unit_id: f.id for f in await findings_service.listed(session, SYSTEM, team)}
    await _recommend(
        session,
        team,
        second_ward,
        until,
        RecommendationCreate(
            owner_unit_id=second_ward.id,
            finding_id=findings.get(second_ward.id),
            content="Niêm yết công khai dự toán ngân sách phường năm 2026 tại trụ sở UBND (demo)",
            due_in=DueIn(days=10, basis="working"),
            external_ref=_ref("recommendation-1-1"),
        ),
        [
            (date(2026, 5, 11), "start", {}),
            (date(2026, 5, 15), "progress", {"text": "Đã niêm yết tại trụ sở UBND phường (demo)"}),
            (date(2026, 5, 20), "report_done", {"note": "Đã niêm yết đủ tại trụ sở và các tổ dân phố"}),
            (date(2026, 5, 25), "verify", {}),
        ],
    )
    await _recommend(
        session,
        team,
        first_ward,
        until,
        RecommendationCreate(
            owner_unit_id=first_ward.id,
            finding_id=findings.get(first_ward.id),
            content="Ghi đủ số người dự trong biên bản các hội nghị nhân dân bàn và quyết định (demo)",
            due_on=date(2026, 5, 29),
            external_ref=_ref("recommendation-1-2"),
        ),
        [
            (date(2026, 5, 12), "start", {}),
            (date(2026, 5, 22), "report_done", {}),
            (date(2026, 5, 26), "verify", {}),
        ],
    )


async def _fourth_team(
    session: AsyncSession, plan: InspectionPlan, province: Unit, commune: Unit, until: date
) -> None:
    """A provincial team concluded in October, whose recommendations stand in every state of their
    follow-up by late November: open and overdue, in progress after a progress report, reported done
    but overdue, and sent back by the organiser."""
    team = await service.create_team(
        session,
        SYSTEM,
        TeamCreate(
            plan_id=plan.id,
            kind="inspection",
            title="Đoàn kiểm tra số 2 của Ban Chỉ đạo tỉnh (demo)",
            organising_unit_id=province.id,
            decision_number="52/QĐ-BCĐ",
            decision_signer="Hoàng Văn Khải",
            planned_start=date(2026, 9, 7),
            planned_end=date(2026, 9, 18),
            topics=["people_discuss_and_decide", "people_supervise"],
            members=_PROVINCIAL_MEMBERS,
            target_unit_ids=[commune.id],
            external_ref=_ref("team-4"),
        ),
    )
    await _act(
        session,
        team,
        until,
        [
            ("establish", date(2026, 8, 31), {}),
            ("start", date(2026, 9, 7), {}),
            ("report", date(2026, 9, 25), {}),
            (
                "conclude",
                date(2026, 10, 2),
                {
                    "conclusion_number": "63/TB-BCĐ",
                    "conclusion_summary": "Xã Xuân Trường tổ chức chưa đầy đủ hội nghị nhân dân bàn và quyết "
                    "định; Ban Thanh tra nhân dân hoạt động còn hình thức (demo)",
                },
            ),
        ],
    )
    commune_asked: list[tuple[str, date | None, DueIn | None, FollowUp]] = [
        (
            "Tổ chức hội nghị nhân dân bàn và quyết định việc xây dựng đường giao thông nông thôn (demo)",
            None,
            DueIn(days=10, basis="working"),
            [],
        ),
        (
            "Kiện toàn Ban Thanh tra nhân dân xã, xây dựng chương trình hoạt động năm 2027 (demo)",
            None,
            DueIn(days=60, basis="calendar"),
            [
                (date(2026, 10, 7), "start", {}),
                (
                    date(2026, 10, 20),
                    "progress",
                    {"text": "Đã họp Ban Thường trực MTTQ xã thống nhất nhân sự"},
                ),
            ],
        ),
        (
            "Công khai kết quả giải quyết kiến nghị của cử tri tại các xóm (demo)",
            date(2026, 11, 13),
            None,
            [(date(2026, 10, 6), "start", {}), (date(2026, 11, 16), "report_done", {})],
        ),
    ]
    for number, (content, due_on, due_in, follow_up) in enumerate(commune_asked, start=1):
        await _recommend(
            session,
            team,
            commune,
            until,
            RecommendationCreate(
                owner_unit_id=commune.id,
                content=content,
                due_on=due_on,
                due_in=due_in,
                external_ref=_ref(f"recommendation-4-{number}"),
            ),
            follow_up,
        )
    # Addressed to the organiser's own unit: the province answers for it, and its report is sent back.
    await _recommend(
        session,
        team,
        province,
        until,
        RecommendationCreate(
            owner_unit_id=province.id,
            content="Hướng dẫn các xã quy trình tổ chức hội nghị nhân dân sau sắp xếp đơn vị hành chính (demo)",
            due_on=date(2026, 11, 30),
            external_ref=_ref("recommendation-4-4"),
        ),
        [
            (date(2026, 10, 5), "start", {}),
            (date(2026, 10, 30), "report_done", {}),
            (date(2026, 11, 4), "reject_report", {"reason": "Chưa gửi văn bản hướng dẫn đến các xã"}),
        ],
    )


async def load(session: AsyncSession, today: date | None = None) -> int:
    """Add the demo plan and teams (after the official units); returns how many records it created."""
    until = today or clock.today()
    province, thuc_phan, nung_tri_cao, xuan_truong = [
        await _unit(session, code) for code in ("04", "01273", "01279", "01339")
    ]
    if province is None or thuc_phan is None or nung_tri_cao is None or xuan_truong is None:
        return 0
    if await _loaded(session):
        return 0
    plan = await plans_service.create_plan(
        session,
        SYSTEM,
        PlanCreate(
            year=2026,
            title="Kế hoạch kiểm tra, giám sát thực hiện dân chủ ở cơ sở năm 2026 (demo)",
            kind="annual",
            issuer="provincial_steering_committee",
            document_number="12/KH-BCĐ",
            issued_on=date(2026, 1, 20),
            organising_unit_id=province.id,
            topics=[
                "publicity_of_information",
                "people_discuss_and_decide",
                "people_supervise",
                "village_conventions",
            ],
            external_ref=_ref("plan-2026"),
        ),
    )
    first = await service.create_team(
        session,
        SYSTEM,
        TeamCreate(
            plan_id=plan.id,
            kind="inspection",
            title="Đoàn kiểm tra số 1 của Ban Chỉ đạo tỉnh (demo)",
            organising_unit_id=province.id,
            decision_number="35/QĐ-BCĐ",
            decision_signer="Hoàng Văn Khải",
            planned_start=date(2026, 4, 6),
            planned_end=date(2026, 4, 17),
            topics=["publicity_of_information", "people_discuss_and_decide"],
            members=_PROVINCIAL_MEMBERS,
            target_unit_ids=[thuc_phan.id, nung_tri_cao.id],
            external_ref=_ref("team-1"),
        ),
    )
    await _act(
        session,
        first,
        until,
        [
            ("establish", date(2026, 3, 30), {}),
            ("start", date(2026, 4, 6), {}),
            ("report", date(2026, 4, 24), {"note": "Báo cáo kết quả kiểm tra (demo)"}),
        ],
    )
    # Visits are recorded while the team is open, before its conclusion.
    await _visited(
        session,
        first,
        until,
        [
            (date(2026, 4, 7), date(2026, 4, 8), "good", "Công khai đầy đủ, đúng hạn"),
            (
                date(2026, 4, 14),
                date(2026, 4, 15),
                "fair",
                "Chưa niêm yết công khai dự toán ngân sách phường",
            ),
        ],
    )
    if first.status in COLLECTING:
        # What the team found, one finding per target visited by today, before its conclusion.
        for target, visited_to, severity, description in zip(
            list(first.targets),
            (date(2026, 4, 8), date(2026, 4, 15)),
            ("minor", "moderate"),
            (
                "Biên bản hội nghị nhân dân bàn và quyết định chưa ghi đủ số người dự (demo)",
                "Chưa niêm yết công khai dự toán ngân sách phường năm 2026 tại trụ sở (demo)",
            ),
            strict=True,
        ):
            if visited_to > until:
                continue
            await findings_service.create_finding(
                session,
                SYSTEM,
                first,
                FindingCreate(
                    target_id=target.id,
                    topic="publicity_of_information"
                    if severity == "moderate"
                    else "people_discuss_and_decide",
                    description=description,
                    severity=severity,
                ),
                None,
            )
    await _act(
        session,
        first,
        until,
        [
            (
                "conclude",
                date(2026, 5, 8),
                {
                    "conclusion_number": "41/TB-BCĐ",
                    "conclusion_summary": "Phường Thục Phán thực hiện tốt công khai thông tin; còn chậm niêm "
                    "yết dự toán ngân sách (demo)",
                },
            ),
        ],
    )
    if first.status == Status.CONCLUDED:
        await service.update_target(
            session,
            SYSTEM,
            first,
            first.targets[1].id,
            InspectionTargetUpdate(conclusion="Đề nghị niêm yết công khai dự toán ngân sách phường (demo)"),
            None,
        )
        await _first_teams_recommendations(session, first, until)
    await _act(session, first, until, [("close", date(2026, 5, 29), {})])
    second = await service.create_team(
        session,
        SYSTEM,
        TeamCreate(
            plan_id=plan.id,
            kind="supervision",
            title="Đoàn giám sát của Ủy ban MTTQ tỉnh (demo)",
            organising_unit_id=province.id,
            planned_start=date(2026, 10, 12),
            planned_end=date(2026, 10, 23),
            topics=["people_supervise", "pic_and_cisb"],
            members=_FRONT_MEMBERS,
            target_unit_ids=[xuan_truong.id],
            external_ref=_ref("team-2"),
        ),
    )
    await _act(
        session,
        second,
        until,
        [
            (
                "establish",
                date(2026, 10, 5),
                {"decision_number": "18/QĐ-MTTQ", "decision_signer": "Nông Thị Thu"},
            ),
            ("start", date(2026, 10, 12), {}),
        ],
    )
    await service.create_team(
        session,
        SYSTEM,
        TeamCreate(
            kind="thematic_survey",
            title="Đoàn khảo sát việc thực hiện hương ước, quy ước (demo)",
            organising_unit_id=xuan_truong.id,
            planned_start=date(2026, 12, 7),
            planned_end=date(2026, 12, 11),
            topics=["village_conventions"],
            members=_COMMUNE_MEMBERS,
            target_unit_ids=[xuan_truong.id],
            external_ref=_ref("team-3"),
        ),
    )
    await _fourth_team(session, plan, province, xuan_truong, until)
    return 5
