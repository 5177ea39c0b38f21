"""Every query on inspection plans: visible where their organising unit lies in the jurisdiction."""

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import selectinload

from api.core.external_ref import filter_external_ref
from api.core.jurisdiction import Jurisdiction
from api.core.text import escape_like, search_terms
from api.inspections.models import InspectionPlan, InspectionTeam
from api.inspections.plans.schemas import SORTING
from api.units.scope import NamedUnits, UnitScopedRepository, in_jurisdiction

if TYPE_CHECKING:
    from api.inspections.plans.schemas import PlanListQuery


class PlanRepository(UnitScopedRepository[InspectionPlan, "PlanListQuery"]):
    model = InspectionPlan
    sorting = SORTING
    not_found_code = "plan_not_found"
    noun = "Inspection plan"
    unit_columns = (InspectionPlan.organising_unit_id,)

    def select(self) -> Select[Any]:
        return super().select().options(selectinload(InspectionPlan.organising_unit))

    def filter(self, stmt: Select[Any], query: "PlanListQuery", named: NamedUnits) -> Select[Any]:
        if "within_unit_id" in named:
            within = Jurisdiction(named["within_unit_id"].path)
            stmt = stmt.where(in_jurisdiction(within, InspectionPlan.organising_unit_id))
        if query.year is not None:
            stmt = stmt.where(InspectionPlan.year == query.year)
        if query.kind:
            stmt = stmt.where(InspectionPlan.kind.in_(query.kind))
        stmt = filter_external_ref(stmt, InspectionPlan, query)
        if query.q:
            for term in search_terms(query.q):
                stmt = stmt.where(InspectionPlan.search_text.like(f"%{escape_like(term)}%", escape="\\"))
        return stmt

    async def has_teams(self, plan_id: uuid.UUID) -> bool:
        """Whether any team, visible or not, was formed under the plan."""
        return bool(await self.session.scalar(select(exists().where(InspectionTeam.plan_id == plan_id))))
