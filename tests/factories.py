"""Factories: `create_x(session, **overrides)` builds a valid object through the service layer."""

import itertools
import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import User
from api.committees import service as committees_service
from api.committees.models import Committee, CommitteeMember, CommitteeTerm
from api.committees.projects import service as projects_service
from api.committees.projects.models import InvestmentProject
from api.committees.projects.schemas import ProjectCreate
from api.committees.schemas import CommitteeCreate, CommitteeMemberCreate, CommitteeTermCreate
from api.core.access import SYSTEM, Principal
from api.core.permissions import Permission
from api.core.security import create_access_token, hash_password
from api.core.settings import Settings
from api.inspections import service as inspections_service
from api.inspections.models import InspectionPlan, InspectionRecommendation, InspectionTeam
from api.inspections.plans import service as plans_service
from api.inspections.plans.schemas import PlanCreate
from api.inspections.recommendations import service as recommendations_service
from api.inspections.recommendations.schemas import RecommendationCreate
from api.inspections.schemas import TeamCreate, TeamTransitionRequest
from api.jobs.models import Job, JobState
from api.petitions import service as petitions_service
from api.petitions.models import Petition
from api.petitions.schemas import PetitionCreate
from api.receptions import service as receptions_service
from api.receptions.models import ReceptionSession
from api.receptions.schemas import ReceptionCreate
from api.units import service
from api.units.models import Unit
from api.units.schemas import UnitCreate

_codes = itertools.count(1)
_users = itertools.count(1)
PASSWORD = "mật-khẩu-thử-đủ-dài-2026"
# argon2 is slow on purpose: hash the tests' one password once.
PASSWORD_HASH = hash_password(PASSWORD)


async def create_user(session: AsyncSession, **overrides: Any) -> User:
    n = next(_users)
    data: dict[str, Any] = {
        "id": uuid.uuid4(),
        "username": f"user{n}",
        "full_name": f"Người dùng {n}",
        "password_hash": PASSWORD_HASH,
        "unit_id": None,
        "roles": ["viewer"],
        "grants": [],
        "is_active": True,
    }
    data.update(overrides)
    user = User(**data)
    session.add(user)
    await session.flush()
    return user


def access_token(settings: Settings, user: User, ttl: timedelta = timedelta(minutes=15)) -> str:
    token, _ = create_access_token(settings.resolved_secret_key, user.id, ttl)
    return token


async def create_unit(session: AsyncSession, **overrides: Any) -> Unit:
    n = next(_codes)
    data: dict[str, Any] = {"code": f"T{n:05d}", "name": f"Đơn vị thử {n}", "kind": "province"}
    data.update(overrides)
    return await service.create_unit(session, SYSTEM, UnitCreate(**data))


async def create_tree(session: AsyncSession) -> dict[str, Unit]:
    """A province with two communes, one with two villages, and a sibling province."""
    province = await create_unit(session, name="Tỉnh Cao Bằng Thử", kind="province")
    ward = await create_unit(session, name="Phường Thục Phán", kind="ward", parent_id=province.id)
    commune = await create_unit(session, name="Xã Hòa An", kind="commune", parent_id=province.id)
    village_a = await create_unit(session, name="Xóm Nà Cạn", kind="village", parent_id=commune.id)
    village_b = await create_unit(session, name="Xóm Bản Chang", kind="village", parent_id=commune.id)
    other = await create_unit(session, name="Tỉnh Lạng Sơn Thử", kind="province")
    other_commune = await create_unit(session, name="Xã Hữu Lũng", kind="commune", parent_id=other.id)
    return {
        "province": province,
        "ward": ward,
        "commune": commune,
        "village_a": village_a,
        "village_b": village_b,
        "other": other,
        "other_commune": other_commune,
    }


async def create_reception(session: AsyncSession, unit: Unit, **overrides: Any) -> ReceptionSession:
    """A regular reception by the unit's People's Committee chairman, as a nationwide principal records it."""
    data: dict[str, Any] = {
        "unit_id": unit.id,
        "held_on": date(2026, 7, 6),
        "kind": "regular",
        "place": f"Trụ sở {unit.name}",
        "host_name": "Nông Văn Hùng",
        "host_role": "pc_chairman",
        "citizens_received": 3,
        "cases_received": 2,
    }
    data.update(overrides)
    return await receptions_service.create_reception(session, SYSTEM, ReceptionCreate(**data))


SYSTEM_PRINCIPAL = Principal(
    kind="system",
    id=uuid.UUID(int=0),
    name="tests",
    unit_id=None,
    unit_path=None,
    permissions=frozenset(Permission),
)


async def create_petition(session: AsyncSession, unit: Unit, **overrides: Any) -> Petition:
    """A complaint received by `unit`, recorded through the service as a nationwide principal."""
    data: dict[str, Any] = {
        "kind": "complaint",
        "channel": "mail",
        "received_on": date(2026, 3, 2),
        "receiving_unit_id": unit.id,
        "subject": "Khiếu nại thử",
        "content": "Nội dung khiếu nại thử.",
        "category": "land",
    }
    data.update(overrides)
    return await petitions_service.create(session, SYSTEM_PRINCIPAL, PetitionCreate(**data), "test-key")


async def create_plan(session: AsyncSession, organiser: Unit, **overrides: Any) -> InspectionPlan:
    """An annual plan of `organiser`'s steering committee, recorded by a nationwide principal."""
    data: dict[str, Any] = {
        "year": 2026,
        "title": "Kế hoạch kiểm tra thực hiện QCDC năm 2026",
        "kind": "annual",
        "issuer": "provincial_steering_committee",
        "document_number": "15/KH-BCĐ",
        "issued_on": date(2026, 1, 15),
        "organising_unit_id": organiser.id,
        "topics": ["publicity_of_information"],
    }
    data.update(overrides)
    return await plans_service.create_plan(session, SYSTEM_PRINCIPAL, PlanCreate(**data))


async def create_team(
    session: AsyncSession, organiser: Unit, targets: list[Unit], **overrides: Any
) -> InspectionTeam:
    """A planned inspection team of `organiser` visiting `targets`, led by one leader."""
    data: dict[str, Any] = {
        "kind": "inspection",
        "title": f"Đoàn kiểm tra QCDC tại {organiser.name}",
        "organising_unit_id": organiser.id,
        "planned_start": date(2026, 9, 7),
        "planned_end": date(2026, 9, 18),
        "topics": ["publicity_of_information", "village_conventions"],
        "members": [
            {"full_name": "Hoàng Thị Lan", "role": "leader"},
            {"full_name": "Nông Văn Hải", "role": "member"},
        ],
        "target_unit_ids": [t.id for t in targets],
    }
    data.update(overrides)
    return await inspections_service.create_team(session, SYSTEM_PRINCIPAL, TeamCreate(**data))


# Friday 24 April 2026: the next working days skip 27/4, 30/4 and 1/5 (days off) and the weekend.
CONCLUDED_ON = date(2026, 4, 24)


async def conclude_team(
    session: AsyncSession, team: InspectionTeam, on: date = CONCLUDED_ON
) -> InspectionTeam:
    """Move a planned team through to its conclusion dated `on`, its earlier acts a few days before."""
    acts = [("establish", 20), ("start", 15), ("report", 5), ("conclude", 0)]
    for action, days_before in acts:
        request = TeamTransitionRequest(
            action=action,
            effective_on=on - timedelta(days=days_before),
            decision_number="25/QĐ-BCĐ",
            conclusion_number="41/TB-BCĐ",
            conclusion_summary="Thực hiện cơ bản đầy đủ; còn chậm niêm yết dự toán ngân sách",
        )
        team = await inspections_service.transition(session, SYSTEM_PRINCIPAL, team, request, None)
    return team


async def create_recommendation(
    session: AsyncSession, team: InspectionTeam, owner: Unit, **overrides: Any
) -> InspectionRecommendation:
    """A recommendation of the concluded `team` to `owner`, due 29 May 2026, issued nationwide."""
    data: dict[str, Any] = {
        "owner_unit_id": owner.id,
        "content": "Niêm yết công khai dự toán ngân sách tại trụ sở UBND",
        "due_on": date(2026, 5, 29),
    }
    data.update(overrides)
    return await recommendations_service.create(session, SYSTEM_PRINCIPAL, team, RecommendationCreate(**data))


async def create_committee(session: AsyncSession, unit: Unit, **overrides: Any) -> Committee:
    """The People's Inspection Committee of `unit` (a commune), recorded by a nationwide principal."""
    data: dict[str, Any] = {
        "kind": "people_inspection",
        "unit_id": unit.id,
        "name": f"Ban Thanh tra nhân dân {unit.name}",
        "established_document": "12/QĐ-MTTQ",
        "established_on": date(2024, 3, 15),
        "established_by": f"Ủy ban MTTQ Việt Nam {unit.name}",
    }
    data.update(overrides)
    return await committees_service.create_committee(session, SYSTEM_PRINCIPAL, CommitteeCreate(**data))


async def create_committee_term(
    session: AsyncSession, committee: Committee, **overrides: Any
) -> CommitteeTerm:
    """A term from 15 March 2024, planned for two and a half years (Cao Bằng's village heads' term)."""
    data: dict[str, Any] = {"starts_on": date(2024, 3, 15), "planned_end_on": date(2026, 9, 15)}
    data.update(overrides)
    return await committees_service.create_term(
        session, SYSTEM_PRINCIPAL, committee, CommitteeTermCreate(**data)
    )


async def create_committee_member(
    session: AsyncSession, committee: Committee, term: CommitteeTerm, **overrides: Any
) -> CommitteeMember:
    """A member appointed on the term's first day."""
    data: dict[str, Any] = {
        "term_id": term.id,
        "full_name": "Hoàng Thị Lan",
        "role": "member",
        "joined_by": "appointment",
        "joined_on": term.starts_on,
    }
    data.update(overrides)
    return await committees_service.create_member(
        session, SYSTEM_PRINCIPAL, committee, CommitteeMemberCreate(**data)
    )


async def create_investment_project(session: AsyncSession, unit: Unit, **overrides: Any) -> InvestmentProject:
    """An investment project under way in `unit` (a commune) since 2 March 2026."""
    data: dict[str, Any] = {
        "name": f"Đường giao thông nông thôn {unit.name}",
        "investor": f"Ủy ban nhân dân {unit.name}",
        "capital_source": "state_budget",
        "total_investment": 4_500_000_000,
        "location_unit_ids": [unit.id],
        "starts_on": date(2026, 3, 2),
    }
    data.update(overrides)
    return await projects_service.create_project(session, SYSTEM_PRINCIPAL, ProjectCreate(**data))


async def create_job(session: AsyncSession, owner: User | None = None, **overrides: Any) -> Job:
    """A queued job asked for by `owner` (the service itself when None)."""
    data: dict[str, Any] = {
        "id": uuid.uuid4(),
        "kind": "test_count",
        "params": {},
        "principal_kind": "user" if owner else "system",
        "principal_id": owner.id if owner else uuid.UUID(int=0),
        "unit_id": owner.unit_id if owner else None,
        "state": JobState.QUEUED,
        "done": 0,
        "attempts": 0,
    }
    data.update(overrides)
    job = Job(**data)
    session.add(job)
    await session.flush()
    return job
