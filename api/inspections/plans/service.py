"""The rules of inspection plans: issued by a body of a unit of the jurisdiction, on a day that
unit existed, today or earlier, naming active topics. Services only flush."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Principal
from api.core.errors import Conflict, invalid_field
from api.core.etag import check_if_match
from api.core.external_ref import claim_external_ref
from api.core.text import searchable
from api.inspections.models import InspectionPlan
from api.inspections.plans.repository import PlanRepository
from api.inspections.plans.schemas import PlanCreate, PlanUpdate
from api.inspections.topics.service import check_topics
from api.units.models import Unit
from api.units.scope import units_in_jurisdiction
from api.units.service import check_unit_existed


def refresh_search_text(plan: InspectionPlan) -> None:
    plan.search_text = searchable(plan.title, plan.document_number)


async def _organiser(session: AsyncSession, principal: Principal, unit_id: uuid.UUID) -> Unit:
    found = await units_in_jurisdiction(session, principal.jurisdiction, {"organising_unit_id": unit_id})
    return found["organising_unit_id"]


def _check_issued_on(plan: InspectionPlan, unit: Unit) -> None:
    if plan.issued_on > clock.today():
        raise invalid_field("issued_on", "date_in_future", "A plan is recorded once it is issued.")
    check_unit_existed(unit, plan.issued_on, "issued_on")


async def create_plan(session: AsyncSession, principal: Principal, data: PlanCreate) -> InspectionPlan:
    unit = await _organiser(session, principal, data.organising_unit_id)
    await check_topics(session, principal, data.topics)
    plan = InspectionPlan(
        id=uuid.uuid4(),
        **data.model_dump(exclude={"external_ref", "topics"}),
        topics=list(dict.fromkeys(data.topics)),
    )
    _check_issued_on(plan, unit)
    await claim_external_ref(session, plan, data.external_ref, "inspection plan")
    plan.organising_unit = unit
    refresh_search_text(plan)
    session.add(plan)
    await session.flush()
    return plan


_PLAIN_FIELDS = ("year", "title", "kind", "issuer", "document_number", "issued_on", "notes")


async def update_plan(
    session: AsyncSession, principal: Principal, plan: InspectionPlan, data: PlanUpdate, if_match: str | None
) -> InspectionPlan:
    check_if_match(if_match, plan.version)
    changes = data.model_dump(exclude_unset=True)
    unit = plan.organising_unit
    if "organising_unit_id" in changes and changes["organising_unit_id"] != plan.organising_unit_id:
        unit = await _organiser(session, principal, changes["organising_unit_id"])
    if "topics" in changes:
        await check_topics(session, principal, changes["topics"], kept=plan.topics)
        plan.topics = list(dict.fromkeys(changes["topics"]))
    if "external_ref" in changes:
        await claim_external_ref(session, plan, data.external_ref, "inspection plan")
    for field in _PLAIN_FIELDS:
        if field in changes:
            setattr(plan, field, changes[field])
    if unit is not plan.organising_unit or "issued_on" in changes:
        _check_issued_on(plan, unit)
    plan.organising_unit_id = unit.id
    plan.organising_unit = unit
    refresh_search_text(plan)
    await session.flush()
    return plan


async def delete_plan(
    session: AsyncSession, principal: Principal, plan: InspectionPlan, if_match: str | None
) -> None:
    check_if_match(if_match, plan.version)
    if await PlanRepository(session, principal).has_teams(plan.id):
        raise Conflict(
            "Teams were formed under this plan; detach or delete them first.", code="plan_has_teams"
        )
    await session.delete(plan)
    await session.flush()
