"""Every query on recommendations, scoped to the principal's jurisdiction.

A recommendation is visible where its owner unit lies in the jurisdiction. The owner lies in the
organising unit's subtree, so the organiser's principals see every recommendation of its teams,
and a visited or owner unit's principals only those addressed to units of theirs. The organiser's
principals change one (`get_for_update`, 403 `not_organiser`); the owner's follow it up
(`is_owner`). A read is one statement with its team's organiser and its owner; a list's page is
one statement of the summary's columns and the owner's names, read as rows.
"""

import uuid
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, RowMapping, Select, and_, func, not_, select
from sqlalchemy.orm import joinedload

from api.core import clock
from api.core.access import Principal
from api.core.errors import Forbidden, NotFound
from api.core.external_ref import external_ref_of, filter_external_ref
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import CursorCodec, Slice, paginate_rows
from api.inspections.models import (
    InspectionRecommendation,
    InspectionRecommendationEvent,
    InspectionRecommendationReport,
    InspectionTeam,
)
from api.inspections.recommendations.schemas import SORTING
from api.units.models import Unit
from api.units.scope import NamedUnits, UnitScopedRepository, in_jurisdiction, in_subtree

if TYPE_CHECKING:
    from api.inspections.recommendations.schemas import RecommendationListQuery

Recommendation = InspectionRecommendation

_SUMMARY_FIELDS = ("id", "team_id", "finding_id", "content", "due_on", "status", "verified_on")
_LIST_COLUMNS = tuple(
    Recommendation.__table__.c[name]
    for name in (
        *_SUMMARY_FIELDS,
        "owner_unit_id",
        "closed",
        "created_at",
        "external_source",
        "external_id",
    )
)
_UNITS = Unit.__table__
_OWNER_FIELDS = ("code", "name", "kind", "status")


def _owner_names(source: Any) -> list[Any]:
    """What names a listed recommendation's owner unit, looked up by id for each row of the page."""
    return [
        select(_UNITS.c[column])
        .where(_UNITS.c.id == source.c.owner_unit_id)
        .scalar_subquery()
        .label(f"owner_{column}")
        for column in _OWNER_FIELDS
    ]


def _summary(row: RowMapping) -> dict[str, Any]:
    """A `RecommendationSummary`'s fields from a row of a page."""
    return {
        **{name: row[name] for name in _SUMMARY_FIELDS},
        "owner_unit": {
            "id": row["owner_unit_id"],
            **{column: row[f"owner_{column}"] for column in _OWNER_FIELDS},
        },
        "external_ref": external_ref_of(row),
    }


def overdue(today: date | ColumnElement[date]) -> ColumnElement[bool]:
    """Past its due date and not verified closed (`today` a date, or one written into a statement)."""
    return and_(Recommendation.due_on < today, not_(Recommendation.closed))


def _organised_within(jurisdiction: Jurisdiction) -> ColumnElement[bool]:
    teams = select(InspectionTeam.id).where(in_jurisdiction(jurisdiction, InspectionTeam.organising_unit_id))
    return Recommendation.team_id.in_(teams)


def is_organiser(principal: Principal, recommendation: Recommendation) -> bool:
    """Its team's organising unit lies in the principal's jurisdiction (the team and its unit are loaded)."""
    return principal.jurisdiction.covers(recommendation.team.organising_unit.path)


def is_owner(principal: Principal, recommendation: Recommendation) -> bool:
    """The principal answers for the owner unit: its jurisdiction covers the owner but not the
    organiser, which verifies what the owner reports and so does not report for it; or it is the
    owner unit's own principal where the organiser asked itself to act."""
    if not principal.jurisdiction.covers(recommendation.owner_unit.path):
        return False
    return principal.unit_id == recommendation.owner_unit_id or not is_organiser(principal, recommendation)


class RecommendationRepository(UnitScopedRepository[Recommendation, "RecommendationListQuery"]):
    model = Recommendation
    sorting = SORTING
    not_found_code = "recommendation_not_found"
    noun = "Recommendation"
    unit_columns = (Recommendation.owner_unit_id,)

    async def find(self, key: Any) -> Recommendation | None:
        """The recommendation in one statement, with its owner and its team's organising unit
        (who may do what depends on both)."""
        stmt = (
            self.select()
            .options(
                joinedload(Recommendation.owner_unit),
                joinedload(Recommendation.team).joinedload(InspectionTeam.organising_unit),
            )
            .where(Recommendation.id == key)
        )
        found: Recommendation | None = (await self.session.execute(stmt)).unique().scalar_one_or_none()
        return found

    async def get_for_update(self, key: Any) -> Recommendation:
        """Only the organising unit's principals change a recommendation's record."""
        found = await self.get(key)
        if not is_organiser(self.principal, found):
            raise Forbidden(
                "The recommendation's team is organised by a unit outside your jurisdiction; only that "
                "unit changes it.",
                code="not_organiser",
            )
        return found

    async def of_team(self, team_id: uuid.UUID) -> list[Recommendation]:
        """The team's recommendations the principal sees, what is still followed up first, by due date."""
        stmt = (
            self.select()
            .options(joinedload(Recommendation.owner_unit))
            .where(Recommendation.team_id == team_id)
            .order_by(Recommendation.closed, Recommendation.due_on, Recommendation.id)
        )
        return list((await self.session.scalars(stmt)).unique())

    def filter(self, stmt: Select[Any], query: "RecommendationListQuery", named: NamedUnits) -> Select[Any]:
        if "owner_within_unit_id" in named:
            owners = Jurisdiction(named["owner_within_unit_id"].path)
            stmt = stmt.where(in_jurisdiction(owners, Recommendation.owner_unit_id))
        if "within_unit_id" in named:
            stmt = stmt.where(_organised_within(Jurisdiction(named["within_unit_id"].path)))
        if query.team_id is not None:
            stmt = stmt.where(Recommendation.team_id == query.team_id)
        if query.status:
            stmt = stmt.where(Recommendation.status.in_(query.status))
        if query.overdue is not None:
            late = overdue(clock.today())
            stmt = stmt.where(late if query.overdue else not_(late))
        if query.due_before is not None:
            stmt = stmt.where(Recommendation.due_on < query.due_before)
        if query.due_after is not None:
            stmt = stmt.where(Recommendation.due_on > query.due_after)
        return filter_external_ref(stmt, Recommendation, query)

    async def listed(
        self, query: "RecommendationListQuery", named: Mapping[str, Any]
    ) -> tuple[Select[Any], Any]:
        """The filtered recommendations as the summary's columns, read from the table."""
        stmt, _ = await super().listed(query, named)
        return stmt.with_only_columns(*_LIST_COLUMNS), Recommendation.__table__

    async def page(  # type: ignore[override]  # list items are rows, not recommendations
        self, query: "RecommendationListQuery", codec: CursorCodec, named: Mapping[str, Any] | None = None
    ) -> Slice[dict[str, Any]]:
        """One page of the list `query` describes, as `RecommendationSummary` fields read as rows,
        in one statement (two with `include_total`)."""
        stmt, source = await self.listed_once(query, await self.named_in(query) if named is None else named)
        page = await paginate_rows(
            self.session, stmt, SORTING, query, codec, source=source, naming=_owner_names
        )
        return Slice([_summary(row) for row in page.items], page.next_cursor, page.total)

    async def open_count(self, team_id: uuid.UUID) -> int:
        """How many of the team's recommendations, seen or not, are not verified closed yet."""
        found = await self.session.scalar(
            select(func.count())
            .select_from(Recommendation)
            .where(Recommendation.team_id == team_id, not_(Recommendation.closed))
        )
        return int(found or 0)

    async def owners_outside(self, team_id: uuid.UUID, path: str) -> int:
        """How many of the team's recommendations, seen or not, are addressed outside the subtree at `path`."""
        found = await self.session.scalar(
            select(func.count())
            .select_from(Recommendation)
            .join(Unit, Unit.id == Recommendation.owner_unit_id)
            .where(Recommendation.team_id == team_id, not_(in_subtree(path)))
        )
        return int(found or 0)

    async def last_event_on(self, recommendation_id: uuid.UUID) -> date | None:
        return await self.session.scalar(
            select(func.max(InspectionRecommendationEvent.effective_on)).where(
                InspectionRecommendationEvent.recommendation_id == recommendation_id
            )
        )

    async def events(self, recommendation_id: uuid.UUID) -> list[InspectionRecommendationEvent]:
        rows = await self.session.scalars(
            select(InspectionRecommendationEvent)
            .where(InspectionRecommendationEvent.recommendation_id == recommendation_id)
            .order_by(InspectionRecommendationEvent.id)
        )
        return list(rows)

    async def report(
        self, recommendation_id: uuid.UUID, report_id: uuid.UUID
    ) -> InspectionRecommendationReport:
        """One progress report of the recommendation (404 `report_not_found` otherwise)."""
        found: InspectionRecommendationReport | None = await self.session.scalar(
            select(InspectionRecommendationReport).where(
                InspectionRecommendationReport.recommendation_id == recommendation_id,
                InspectionRecommendationReport.id == report_id,
            )
        )
        if found is None:
            raise NotFound(f"The recommendation has no progress report {report_id}.", code="report_not_found")
        return found

    async def reports(self, recommendation_id: uuid.UUID) -> list[InspectionRecommendationReport]:
        rows = await self.session.scalars(
            select(InspectionRecommendationReport)
            .where(InspectionRecommendationReport.recommendation_id == recommendation_id)
            .order_by(InspectionRecommendationReport.reported_on, InspectionRecommendationReport.created_at)
        )
        return list(rows)
