"""The committees part of the demo dataset, Cao Bằng-like: a People's Inspection Committee in each demo
commune with one member per village or residential group (Xuân Trường's Pác Ngòi has none, so that
commune shows non-compliant), one agency PIC, and two investment projects with their boards, one project
ended and its board dissolved. Loaded through the services, acts dated up to today only; everything
carries the demo source and "(demo)".

`demo_committees(session)` returns the demo committees, for the activities and recommendations part of
the demo (written elsewhere) to be seeded after this one: see `load`."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from api.committees import service
from api.committees.activities.demo import seed_activities
from api.committees.models import Committee, CommitteeKind, CommitteeTerm
from api.committees.projects import service as projects_service
from api.committees.projects.repository import ProjectRepository
from api.committees.projects.schemas import ProjectCreate, ProjectUpdate
from api.committees.schemas import CommitteeCreate, CommitteeMemberCreate, CommitteeTermCreate
from api.core import clock
from api.core.access import SYSTEM
from api.core.external_ref import ExternalRef
from api.units import service as units_service
from api.units.demo import DEMO_SOURCE
from api.units.models import CodeSystem, Unit, UnitKind, UnitStatus
from api.units.rules import VILLAGE_LEVEL
from api.units.schemas import UnitCreate

# Fictional people: any likeness to real people is accidental. (name, gender, year of birth, ethnicity)
_PEOPLE = [
    ("Nông Văn Hải", "male", 1968, "Tày"),
    ("Hoàng Thị Lan", "female", 1975, "Tày"),
    ("Lương Văn Thắng", "male", 1980, "Nùng"),
    ("Đàm Thị Huệ", "female", 1983, "Nùng"),
    ("Bế Văn Tuấn", "male", 1971, "Tày"),
    ("Triệu Thị Mai", "female", 1986, "Dao"),
    ("Lục Văn Bình", "male", 1965, "Tày"),
    ("Hà Thị Thoa", "female", 1978, "Nùng"),
]
# The demo communes (2025 codes of api/units/demo.py) and when their PIC's term started.
_COMMUNES = ("01273", "01279", "01339")
TERM_START, TERM_END = date(2025, 8, 15), date(2027, 8, 15)
# Xuân Trường: the village left without a representative.
_UNREPRESENTED = "Xóm Pác Ngòi (demo)"


@dataclass(frozen=True)
class _Project:
    key: str
    name: str
    investor: str
    capital_source: str
    total_investment: int
    starts_on: date
    planned_end_on: date
    ended_on: date | None
    board_on: date


_PROJECTS = [
    _Project(
        "road-ban-chang",
        "Đường giao thông nông thôn xóm Bản Chang (demo)",
        "Ủy ban nhân dân xã Xuân Trường",
        "state_budget",
        4_500_000_000,
        date(2026, 3, 2),
        date(2027, 3, 31),
        None,
        date(2026, 3, 10),
    ),
    _Project(
        "hall-lung-ri",
        "Nhà văn hóa xóm Lũng Rì (demo)",
        "Ủy ban nhân dân xã Xuân Trường",
        "community_contribution",
        850_000_000,
        date(2025, 9, 1),
        date(2026, 6, 30),
        date(2026, 7, 15),
        date(2025, 9, 5),
    ),
]


def _ref(name: str) -> ExternalRef:
    return ExternalRef(source=DEMO_SOURCE, id=f"committee-{name}")


async def _commune(session: AsyncSession, code: str) -> Unit | None:
    return await session.scalar(
        select(Unit).where(
            Unit.code == code,
            Unit.code_system == CodeSystem.DECISION_19_2025,
            Unit.status == UnitStatus.ACTIVE,
        )
    )


async def _villages(session: AsyncSession, commune: Unit, day: date) -> list[Unit]:
    stmt = select(Unit).where(
        Unit.parent_id == commune.id,
        Unit.kind.in_(list(VILLAGE_LEVEL)),
        Unit.status == UnitStatus.ACTIVE,
        (Unit.valid_from.is_(None)) | (Unit.valid_from <= day),
    )
    return list(await session.scalars(stmt.order_by(Unit.code)))


async def demo_committees(session: AsyncSession) -> list[Committee]:
    """The demo committees (PICs, the agency PIC and the boards), by name, with their unit loaded."""
    stmt = (
        select(Committee)
        .where(Committee.external_source == DEMO_SOURCE, Committee.external_id.like("committee-%"))
        .options(selectinload(Committee.unit), selectinload(Committee.project))
        .order_by(Committee.name_key, Committee.id)
    )
    return list(await session.scalars(stmt))


async def _members(
    session: AsyncSession,
    committee: Committee,
    term: CommitteeTerm,
    key: str,
    represented: list[Unit | None],
    joined_on: date,
    elected: bool,
    constituencies: list[str] | None = None,
) -> int:
    """One member per entry of `represented` (a village, or None): the first the head, the second the deputy."""
    for n, village in enumerate(represented):
        name, gender, born, ethnicity = _PEOPLE[n % len(_PEOPLE)]
        await service.create_member(
            session,
            SYSTEM,
            committee,
            CommitteeMemberCreate(
                term_id=term.id,
                full_name=name,
                gender=gender,
                birth_year=born,
                ethnicity=ethnicity,
                occupation="Nông dân" if n % 2 else "Cán bộ hưu trí",
                role="head" if n == 0 else "deputy_head" if n == 1 else "member",
                represented_unit_id=village.id if village is not None else None,
                constituency=constituencies[n] if constituencies else None,
                joined_by="village_meeting_election" if elected else "appointment",
                meeting_on=date.fromordinal(joined_on.toordinal() - 5) if elected else None,
                votes_for=80 + n if elected else None,
                voters=100 if elected else None,
                joined_on=joined_on,
                external_ref=_ref(f"{key}-member-{n + 1}"),
            ),
        )
    return len(represented)


async def load(session: AsyncSession, today: date | None = None) -> int:
    """Add the demo committees and projects (after the demo units); returns how many records it created."""
    until = today or clock.today()
    province = await _commune(session, "04")
    if province is None or await demo_committees(session):
        return 0
    created = 0
    for code in _COMMUNES:
        commune = await _commune(session, code)
        if commune is None:
            continue
        villages = await _villages(session, commune, until)
        if code == "01339":
            villages = [v for v in villages if v.name != _UNREPRESENTED]
        # At least 5 members: villages beyond the first send a second member where there are fewer.
        represented: list[Unit | None] = list(villages)
        while len(represented) < 5:
            represented.append(villages[len(represented) % len(villages)] if villages else None)
        committee = await service.create_committee(
            session,
            SYSTEM,
            CommitteeCreate(
                kind="people_inspection",
                unit_id=commune.id,
                name=f"Ban Thanh tra nhân dân {commune.name} (demo)",
                established_document=f"{code[-2:]}/QĐ-MTTQ",
                established_on=TERM_START,
                established_by=f"Ủy ban MTTQ Việt Nam {commune.name}",
                external_ref=_ref(f"pic-{code}"),
            ),
        )
        term = await service.create_term(
            session, SYSTEM, committee, CommitteeTermCreate(starts_on=TERM_START, planned_end_on=TERM_END)
        )
        created += 2 + await _members(session, committee, term, f"pic-{code}", represented, TERM_START, True)

    # An agency's PIC: the provincial Department of Construction.
    agency = await units_service.create_unit(
        session,
        SYSTEM,
        UnitCreate(
            code="04.SXD",
            name="Sở Xây dựng tỉnh Cao Bằng (demo)",
            kind=UnitKind.AGENCY,
            parent_id=province.id,
            valid_from=date(2025, 7, 1),
            external_ref=ExternalRef(source=DEMO_SOURCE, id="04.SXD"),
        ),
    )
    agency_pic = await service.create_committee(
        session,
        SYSTEM,
        CommitteeCreate(
            kind="people_inspection_agency",
            unit_id=agency.id,
            name="Ban Thanh tra nhân dân Sở Xây dựng (demo)",
            established_document="03/QĐ-CĐ",
            established_on=date(2025, 9, 1),
            established_by="Ban Chấp hành Công đoàn Sở Xây dựng",
            external_ref=_ref("pic-agency-sxd"),
        ),
    )
    agency_term = await service.create_term(
        session,
        SYSTEM,
        agency_pic,
        CommitteeTermCreate(starts_on=date(2025, 9, 1), planned_end_on=date(2030, 9, 1)),
    )
    created += 3 + await _members(
        session, agency_pic, agency_term, "pic-agency-sxd", [None] * 5, date(2025, 9, 1), False
    )

    # Two projects in Xuân Trường with their boards; the one ended has its board dissolved.
    xuan_truong = await _commune(session, "01339")
    if xuan_truong is not None:
        for spec in _PROJECTS:
            if spec.starts_on > until:
                continue
            project = await projects_service.create_project(
                session,
                SYSTEM,
                ProjectCreate(
                    name=spec.name,
                    investor=spec.investor,
                    capital_source=spec.capital_source,
                    total_investment=spec.total_investment,
                    location_unit_ids=[xuan_truong.id],
                    starts_on=spec.starts_on,
                    planned_end_on=spec.planned_end_on,
                    external_ref=ExternalRef(source=DEMO_SOURCE, id=f"project-{spec.key}"),
                ),
            )
            board = await service.create_committee(
                session,
                SYSTEM,
                CommitteeCreate(
                    kind="investment_supervision",
                    unit_id=xuan_truong.id,
                    name=f"Ban Giám sát đầu tư của cộng đồng công trình {spec.name}",
                    established_document="07/QĐ-MTTQ",
                    established_on=spec.board_on,
                    established_by="Ủy ban MTTQ Việt Nam xã Xuân Trường",
                    project_id=project.id,
                    external_ref=_ref(f"cisb-{spec.key}"),
                ),
            )
            board_term = await service.create_term(
                session,
                SYSTEM,
                board,
                CommitteeTermCreate(starts_on=spec.board_on, planned_end_on=spec.planned_end_on),
            )
            created += 3 + await _members(
                session,
                board,
                board_term,
                f"cisb-{spec.key}",
                [None] * 5,
                spec.board_on,
                False,
                ["front", "people_inspection", "resident", "resident", "resident"],
            )
            if spec.ended_on is not None and spec.ended_on <= until:
                loaded = await ProjectRepository(session, SYSTEM).get(project.id)
                await projects_service.update_project(
                    session, SYSTEM, loaded, ProjectUpdate(actual_end_on=spec.ended_on), None
                )
    pics = [c for c in await demo_committees(session) if c.kind == CommitteeKind.PEOPLE_INSPECTION]
    return created + await seed_activities(session, pics)
