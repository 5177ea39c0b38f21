"""Every query on inspection teams, scoped to the principal's jurisdiction.

A team is visible where it is organised or where it visits (any of its targets): a commune sees the
provincial team that inspects it. Only the organising unit's principals change it
(`get_for_update`, 403 `not_organiser`), and a reader who does not see the organising unit sees
only its own targets (`targets_seen`). A team is read in one statement with its organiser and its
targets' units; a list's page is one statement of the summary's columns and the organiser's name,
read as rows.
"""

import uuid
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, RowMapping, Select, exists, func, or_, select, true
from sqlalchemy.orm import joinedload

from api.core.db import json_list_contains
from api.core.errors import Forbidden, NotFound
from api.core.external_ref import external_ref_of, filter_external_ref
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import CursorCodec, Slice, paginate_rows
from api.core.text import escape_like, search_terms
from api.inspections.models import InspectionTarget, InspectionTeam, InspectionTeamEvent
from api.inspections.schemas import SORTING
from api.units.models import Unit
from api.units.scope import NamedUnits, UnitScopedRepository, in_jurisdiction

if TYPE_CHECKING:
    from api.inspections.schemas import TeamListQuery


# A list shows a team's summary (`TeamSummary`), read as rows: these columns, the sort keys, and
# what names its organising unit (`_organiser_names`).
_SUMMARY_FIELDS = (
    "id",
    "plan_id",
    "kind",
    "title",
    "status",
    "decision_number",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "topics",
    "decision_signer",
)
_LIST_COLUMNS = tuple(
    InspectionTeam.__table__.c[name]
    for name in (*_SUMMARY_FIELDS, "organising_unit_id", "created_at", "external_source", "external_id")
)
_UNITS = Unit.__table__
_ORGANISER_FIELDS = ("code", "name", "kind", "status")


def _organiser_names(source: Any) -> list[Any]:
    """What names a listed team's organising unit, looked up by id for each row of the page."""
    return [
        select(_UNITS.c[column])
        .where(_UNITS.c.id == source.c.organising_unit_id)
        .scalar_subquery()
        .label(f"organiser_{column}")
        for column in _ORGANISER_FIELDS
    ]


def _summary(row: RowMapping) -> dict[str, Any]:
    """A `TeamSummary`'s fields from a row of a page."""
    return {
        **{name: row[name] for name in _SUMMARY_FIELDS},
        "organising_unit": {
            "id": row["organising_unit_id"],
            **{column: row[f"organiser_{column}"] for column in _ORGANISER_FIELDS},
        },
        "external_ref": external_ref_of(row),
    }


def _visits(jurisdiction: Jurisdiction) -> ColumnElement[bool]:
    """The team has a target inside the jurisdiction (or the subtree a filter names)."""
    return exists().where(
        InspectionTarget.team_id == InspectionTeam.id, in_jurisdiction(jurisdiction, InspectionTarget.unit_id)
    )


class TeamRepository(UnitScopedRepository[InspectionTeam, "TeamListQuery"]):
    model = InspectionTeam
    sorting = SORTING
    not_found_code = "team_not_found"
    noun = "Inspection team"
    unit_columns = (InspectionTeam.organising_unit_id,)

    def visible(self, entity: Any = None) -> ColumnElement[bool]:
        """Organised inside the jurisdiction, or visiting a unit inside it. Targets are a child
        table, so the second test is an EXISTS over them rather than a column of the team."""
        if entity is not None:
            raise NotImplementedError("teams are not read through an alias")
        if self.jurisdiction.nationwide:
            return true()
        return or_(super().visible(), _visits(self.jurisdiction))

    async def find(self, key: Any) -> InspectionTeam | None:
        """The team in one statement: its organising unit, its targets and their units (a team
        visits a few units, so joining them costs less than a round trip)."""
        stmt = (
            self.select()
            .options(
                joinedload(InspectionTeam.organising_unit),
                joinedload(InspectionTeam.targets).joinedload(InspectionTarget.unit),
            )
            .where(InspectionTeam.id == key)
        )
        found: InspectionTeam | None = (await self.session.execute(stmt)).unique().scalar_one_or_none()
        return found

    def may_change(self, team: InspectionTeam) -> bool:
        """Only the organising unit's principals move or edit a team (its unit is loaded)."""
        return self.jurisdiction.covers(team.organising_unit.path)

    async def get_for_update(self, key: Any) -> InspectionTeam:
        team = await self.get(key)
        if not self.may_change(team):
            raise Forbidden(
                "The team is organised by a unit outside your jurisdiction; only that unit can change it.",
                code="not_organiser",
            )
        return team

    def targets_seen(self, team: InspectionTeam) -> list[InspectionTarget]:
        """The team's targets its reader may see: all of them for the organiser's principals, else
        those inside the reader's jurisdiction (a commune does not learn which others were visited)."""
        if self.may_change(team):
            return list(team.targets)
        return [t for t in team.targets if self.jurisdiction.covers(t.unit.path)]

    @staticmethod
    def target_of(team: InspectionTeam, target_id: uuid.UUID) -> InspectionTarget:
        found = next((t for t in team.targets if t.id == target_id), None)
        if found is None:
            raise NotFound(f"The team has no target {target_id}.", code="target_not_found")
        return found

    def filter(self, stmt: Select[Any], query: "TeamListQuery", named: NamedUnits) -> Select[Any]:
        if "within_unit_id" in named:
            within = Jurisdiction(named["within_unit_id"].path)
            stmt = stmt.where(in_jurisdiction(within, InspectionTeam.organising_unit_id))
        if "target_within_unit_id" in named:
            stmt = stmt.where(_visits(Jurisdiction(named["target_within_unit_id"].path)))
        if query.year is not None:
            stmt = stmt.where(
                InspectionTeam.planned_start >= date(query.year, 1, 1),
                InspectionTeam.planned_start < date(query.year + 1, 1, 1),
            )
        if query.plan_id is not None:
            stmt = stmt.where(InspectionTeam.plan_id == query.plan_id)
        if query.kind:
            stmt = stmt.where(InspectionTeam.kind.in_(query.kind))
        if query.status:
            stmt = stmt.where(InspectionTeam.status.in_(query.status))
        if query.topic:
            stmt = stmt.where(
                or_(*(json_list_contains(self.dialect, InspectionTeam.topics, code) for code in query.topic))
            )
        stmt = filter_external_ref(stmt, InspectionTeam, query)
        if query.q:
            for term in search_terms(query.q):
                stmt = stmt.where(InspectionTeam.search_text.like(f"%{escape_like(term)}%", escape="\\"))
        return stmt

    async def listed(self, query: "TeamListQuery", named: Mapping[str, Any]) -> tuple[Select[Any], Any]:
        """The filtered teams as the summary's columns, read from the table."""
        stmt, _ = await super().listed(query, named)
        return stmt.with_only_columns(*_LIST_COLUMNS), InspectionTeam.__table__

    async def page(  # type: ignore[override]  # a team's list items are rows, not teams
        self, query: "TeamListQuery", codec: CursorCodec, named: Mapping[str, Any] | None = None
    ) -> Slice[dict[str, Any]]:
        """One page of the list `query` describes, as `TeamSummary` fields read as rows, in one
        statement (two with `include_total`)."""
        stmt, source = await self.listed_once(query, await self.named_in(query) if named is None else named)
        page = await paginate_rows(
            self.session, stmt, SORTING, query, codec, source=source, naming=_organiser_names
        )
        return Slice([_summary(row) for row in page.items], page.next_cursor, page.total)

    async def last_event_on(self, team_id: uuid.UUID) -> date | None:
        """The date of the team's last act: a later act cannot be dated before it."""
        return await self.session.scalar(
            select(func.max(InspectionTeamEvent.effective_on)).where(InspectionTeamEvent.team_id == team_id)
        )

    async def events(self, team_id: uuid.UUID) -> list[InspectionTeamEvent]:
        rows = await self.session.scalars(
            select(InspectionTeamEvent)
            .where(InspectionTeamEvent.team_id == team_id)
            .order_by(InspectionTeamEvent.id)
        )
        return list(rows)
