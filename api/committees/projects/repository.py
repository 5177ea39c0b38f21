"""Every query on investment projects: a project is visible through the units it is located in (any
of them inside the principal's jurisdiction)."""

import uuid
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, exists, or_, select
from sqlalchemy.orm import selectinload

from api.committees.models import Committee, CommitteeStatus
from api.committees.projects.models import InvestmentProject, InvestmentProjectUnit
from api.committees.projects.schemas import SORTING
from api.core.external_ref import filter_external_ref
from api.core.jurisdiction import Jurisdiction
from api.core.text import escape_like, search_terms
from api.units.models import Unit
from api.units.scope import UnitScopedRepository, in_jurisdiction

if TYPE_CHECKING:
    from api.committees.projects.schemas import ProjectListQuery

Project = InvestmentProject
Location = InvestmentProjectUnit


def located_in(jurisdiction: Jurisdiction) -> ColumnElement[bool]:
    """SQL: the project has a location unit inside the jurisdiction (or subtree)."""
    condition: ColumnElement[bool] = exists().where(
        Location.project_id == Project.id, in_jurisdiction(jurisdiction, Location.unit_id)
    )
    return condition


def under_way(day: date) -> ColumnElement[bool]:
    """SQL: the project is under way on `day` (started, not ended)."""
    condition: ColumnElement[bool] = (Project.starts_on <= day) & or_(
        Project.actual_end_on.is_(None), Project.actual_end_on > day
    )
    return condition


class ProjectRepository(UnitScopedRepository[InvestmentProject, "ProjectListQuery"]):
    model = InvestmentProject
    sorting = SORTING
    not_found_code = "project_not_found"
    noun = "Investment project"
    unit_columns = (InvestmentProject.unit_id,)

    def visible(self, entity: Any = None) -> ColumnElement[bool]:
        return located_in(self.jurisdiction)

    def select(self) -> Select[Any]:
        return (
            super()
            .select()
            .options(
                selectinload(Project.locations).selectinload(Location.unit),
                selectinload(Project.boards),
            )
        )

    def filter(self, stmt: Select[Any], query: "ProjectListQuery", named: Mapping[str, Unit]) -> Select[Any]:
        if "within_unit_id" in named:
            stmt = stmt.where(located_in(Jurisdiction(named["within_unit_id"].path)))
        if query.capital_source:
            stmt = stmt.where(Project.capital_source.in_(list(query.capital_source)))
        if query.under_way_on is not None:
            stmt = stmt.where(under_way(query.under_way_on))
        stmt = filter_external_ref(stmt, Project, query)
        if query.q:
            for term in search_terms(query.q):
                stmt = stmt.where(Project.search_text.like(f"%{escape_like(term)}%", escape="\\"))
        return stmt

    async def with_external_ref(self, source: str, external_id: str) -> InvestmentProject | None:
        """The project holding an integrator's reference, in the jurisdiction (a board's import names it)."""
        found: InvestmentProject | None = await self.session.scalar(
            self.select().where(Project.external_source == source, Project.external_id == external_id)
        )
        return found

    async def active_board(
        self, project_id: uuid.UUID, other_than: uuid.UUID | None = None
    ) -> Committee | None:
        """The project's active board, wherever it lies (one per project across the country)."""
        stmt = select(Committee).where(
            Committee.project_id == project_id, Committee.status == CommitteeStatus.ACTIVE
        )
        if other_than is not None:
            stmt = stmt.where(Committee.id != other_than)
        found: Committee | None = await self.session.scalar(stmt.limit(1))
        return found
