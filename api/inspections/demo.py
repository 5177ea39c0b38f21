"""The inspections part of the demo dataset: Cao Bằng's 2026 plan and three teams in different
states (one closed with its visits, findings and conclusion recorded, one in progress, one still
planned), loaded through the services with acts dated up to today only. Everything carries the demo
source and "(demo)"."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import SYSTEM
from api.core.external_ref import ExternalRef
from api.inspections import service
from api.inspections.findings import service as findings_service
from api.inspections.findings.schemas import FindingCreate
from api.inspections.models import InspectionPlan, InspectionTeam
from api.inspections.plans import service as plans_service
from api.inspections.plans.schemas import PlanCreate
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
    return 4
