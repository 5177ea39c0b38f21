"""Every query on reception sessions goes through here.

`ReceptionRepository.select()` is the one base query lists and gets start from: it keeps the
sessions of units inside the principal's jurisdiction, so no endpoint can forget it.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    column,
    distinct,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
    values,
)
from sqlalchemy.orm import selectinload

from api.core.external_ref import filter_external_ref
from api.core.jurisdiction import Jurisdiction
from api.core.text import escape_like, search_terms
from api.receptions.models import HostRole, Level, ReceptionKind, ReceptionSession
from api.receptions.quotas import LEVEL_ORDER, kinds_of
from api.receptions.schemas import SORTING
from api.units.models import Unit, UnitKind, UnitStatus
from api.units.scope import UnitScopedRepository, in_jurisdiction, in_subtree

if TYPE_CHECKING:
    from api.receptions.schemas import ReceptionListQuery


RECEPTION_KINDS = (ReceptionKind.REGULAR, ReceptionKind.AD_HOC)
DIALOGUE_KINDS = (ReceptionKind.DIALOGUE_CITIZENS, ReceptionKind.DIALOGUE_BUSINESSES)


@dataclass(frozen=True)
class UnitLife:
    """A unit as the compliance report needs it: who it is, its kind and when it existed."""

    id: uuid.UUID
    code: str
    name: str
    name_key: str
    kind: UnitKind
    status: UnitStatus
    valid_from: date | None
    valid_to: date | None


UNIT_LIFE = (
    Unit.id,
    Unit.code,
    Unit.name,
    Unit.name_key,
    Unit.kind,
    Unit.status,
    Unit.valid_from,
    Unit.valid_to,
)


@dataclass(frozen=True)
class UnitKey:
    """Where a unit stands in the compliance report's order."""

    rank: int  # of its level in LEVEL_ORDER
    name_key: str
    id: uuid.UUID


@dataclass(frozen=True)
class LifeGroup:
    """Units of one kind sharing their dates of life."""

    kind: UnitKind
    valid_from: date | None
    valid_to: date | None
    units: int


@dataclass(frozen=True)
class Required:
    """The days each unit of a group owes one host role over the period."""

    kind: UnitKind
    host_role: HostRole
    valid_from: date | None
    valid_to: date | None
    days: int


@dataclass(frozen=True)
class Held:
    held_days: int
    sessions: int
    citizens_received: int
    dialogues: int


@dataclass(frozen=True)
class HeldTotal:
    held_days: int
    sessions: int
    citizens_received: int
    dialogues: int
    units_compliant: int


# Per level, the spans of the period (inclusive) on which one of its rules is in force.
Windows = Mapping[Level, Sequence[tuple[date, date]]]
# Groups of units per statement: five parameters each keeps far below PostgreSQL's 32,767.
REQUIRED_CHUNK = 1000


class ReceptionRepository(UnitScopedRepository[ReceptionSession, "ReceptionListQuery"]):
    """Sessions of units inside the principal's jurisdiction."""

    model = ReceptionSession
    sorting = SORTING
    not_found_code = "reception_not_found"
    noun = "Reception session"
    unit_columns = (ReceptionSession.unit_id,)

    def select(self) -> Select[Any]:
        return super().select().options(selectinload(ReceptionSession.unit))

    async def ids_of(
        self, *, source: str | None = None, external_id: str | None = None, id: uuid.UUID | None = None
    ) -> list[uuid.UUID]:
        """The visible sessions an import's row names: by an integrator's reference, or by id."""
        stmt = self.scope(select(ReceptionSession.id))
        if source is not None and external_id is not None:
            stmt = stmt.where(
                ReceptionSession.external_source == source, ReceptionSession.external_id == external_id
            )
        elif id is not None:
            stmt = stmt.where(ReceptionSession.id == id)
        else:
            return []
        return list(await self.session.scalars(stmt))

    def filter(
        self, stmt: Select[Any], query: "ReceptionListQuery", named: Mapping[str, Unit]
    ) -> Select[Any]:
        if "within_unit_id" in named:
            within = Jurisdiction(named["within_unit_id"].path)
            stmt = stmt.where(in_jurisdiction(within, ReceptionSession.unit_id))
        if query.unit_id is not None:
            stmt = stmt.where(ReceptionSession.unit_id == query.unit_id)
        if query.mode is not None:
            stmt = stmt.where(ReceptionSession.mode == query.mode)
        stmt = filter_external_ref(stmt, ReceptionSession, query)
        if query.host_role:
            stmt = stmt.where(ReceptionSession.host_role.in_(list(query.host_role)))
        if query.kind:
            stmt = stmt.where(ReceptionSession.kind.in_(list(query.kind)))
        if query.held_from is not None:
            stmt = stmt.where(ReceptionSession.held_on >= query.held_from)
        if query.held_to is not None:
            stmt = stmt.where(ReceptionSession.held_on <= query.held_to)
        if query.q:
            for term in search_terms(query.q):
                stmt = stmt.where(ReceptionSession.search_text.like(f"%{escape_like(term)}%", escape="\\"))
        return stmt

    def _units_in_scope(self, scope_path: str | None) -> list[ColumnElement[bool]]:
        return [in_subtree(path) for path in (self.jurisdiction.unit_path, scope_path) if path is not None]

    def _owing(self, windows: Windows) -> ColumnElement[bool]:
        """Units of a level whose life meets a day on which one of its rules is in force: exactly the
        units that have a row in the compliance report."""
        return or_(
            *(
                and_(Unit.kind.in_(kinds_of(frozenset([level]))), _meets(days))
                for level, days in windows.items()
            )
        )

    async def compliance_units(
        self,
        scope_path: str | None,
        windows: Windows,
        after: UnitKey | None,
        inclusive: bool,
        limit: int,
    ) -> list[UnitLife]:
        """The next `limit` units of the compliance report in its order (level, name, id), after the
        unit `after` (or from it, `inclusive`). One statement: a branch per kind, each an ordered
        range of ix_units_kind_name (or of the subtree's paths, when that is smaller) cut at
        `limit`, and the branches' few rows put in order."""
        branches = []
        for rank, level in enumerate(LEVEL_ORDER):
            if level not in windows or (after is not None and rank < after.rank):
                continue
            for kind in kinds_of(frozenset([level])):
                conditions = [*self._units_in_scope(scope_path), Unit.kind == kind, _meets(windows[level])]
                if after is not None and rank == after.rank:
                    step = Unit.id >= after.id if inclusive else Unit.id > after.id
                    conditions.append(
                        or_(Unit.name_key > after.name_key, and_(Unit.name_key == after.name_key, step))
                    )
                branch = (
                    select(literal(rank, Integer).label("rank"), *UNIT_LIFE)
                    .where(*conditions)
                    .order_by(Unit.name_key, Unit.id)
                    .limit(limit)
                )
                branches.append(branch)
        if not branches:
            return []
        if len(branches) == 1:
            stmt = branches[0]
        else:
            merged = union_all(*(select(b.subquery()) for b in branches)).subquery()
            stmt = select(merged).order_by(merged.c.rank, merged.c.name_key, merged.c.id).limit(limit)
        return [UnitLife(*row[1:]) for row in await self.session.execute(stmt)]

    async def life_groups(self, scope_path: str | None, windows: Windows) -> list[LifeGroup]:
        """The report's units counted by kind and dates of life: units of one level mostly share
        them, so what the rules ask is computed once per group, not once per unit."""
        if not windows:
            return []
        stmt = (
            select(Unit.kind, Unit.valid_from, Unit.valid_to, func.count())
            .where(*self._units_in_scope(scope_path), self._owing(windows))
            .group_by(Unit.kind, Unit.valid_from, Unit.valid_to)
        )
        return [
            LifeGroup(UnitKind(kind), start, end, n)
            for kind, start, end, n in await self.session.execute(stmt)
        ]

    def _held(self, roles: Sequence[HostRole], start: date, end: date) -> Select[*tuple[Any, ...]]:
        """Per unit and host role: the distinct days of regular and ad hoc receptions in [start,
        end], their sessions and citizens, and the dialogues."""
        reception = ReceptionSession.kind.in_(RECEPTION_KINDS)
        dialogue = ReceptionSession.kind.in_(DIALOGUE_KINDS)
        return (
            select(
                ReceptionSession.unit_id,
                ReceptionSession.host_role,
                func.count(distinct(case((reception, ReceptionSession.held_on)))).label("days"),
                func.sum(case((reception, 1), else_=0)).label("sessions"),
                func.sum(case((reception, ReceptionSession.citizens_received), else_=0)).label("citizens"),
                func.sum(case((dialogue, 1), else_=0)).label("dialogues"),
            )
            .where(
                ReceptionSession.host_role.in_(list(roles)),
                ReceptionSession.held_on >= start,
                ReceptionSession.held_on <= end,
            )
            .group_by(ReceptionSession.unit_id, ReceptionSession.host_role)
        )

    async def held_by_unit_and_role(
        self, unit_ids: Sequence[uuid.UUID], roles: Sequence[HostRole], start: date, end: date
    ) -> dict[tuple[uuid.UUID, HostRole], Held]:
        """What these units' hosts held in [start, end] (one grouped query over their sessions)."""
        if not unit_ids or not roles:
            return {}
        stmt = self._held(roles, start, end).where(ReceptionSession.unit_id.in_(list(unit_ids)))
        return {
            (unit_id, HostRole(role)): Held(int(days), int(sessions), int(citizens), int(dialogues))
            for unit_id, role, days, sessions, citizens, dialogues in await self.session.execute(stmt)
        }

    async def held_totals(
        self,
        scope_path: str | None,
        roles: Sequence[HostRole],
        start: date,
        end: date,
        required: Sequence[Required],
    ) -> dict[tuple[UnitKind, HostRole], HeldTotal]:
        """Over every unit of the report, per kind and host role: the sums of what was held, and the
        units whose held days reach the days required of them (`required`: the days each group of
        units owes, joined on the unit's kind and dates of life; a group absent has no row)."""
        totals: dict[tuple[UnitKind, HostRole], HeldTotal] = {}
        if not roles:
            return totals
        for first in range(0, len(required), REQUIRED_CHUNK):
            chunk = required[first : first + REQUIRED_CHUNK]
            owed = (
                values(
                    column("kind", String),
                    column("host_role", String),
                    column("valid_from", Date),
                    column("valid_to", Date),
                    column("required", Integer),
                    name="owed",
                )
                .data(
                    [
                        (r.kind.value, r.host_role.value, _date(r.valid_from), _date(r.valid_to), r.days)
                        for r in chunk
                    ]
                )
                .cte("owed")
            )
            held = (
                self._held(roles, start, end)
                .add_columns(Unit.kind, Unit.valid_from, Unit.valid_to)
                .join(Unit, Unit.id == ReceptionSession.unit_id)
                .where(*self._units_in_scope(scope_path), Unit.kind.in_({r.kind for r in chunk}))
                .group_by(Unit.kind, Unit.valid_from, Unit.valid_to)
                .subquery("held")
            )
            compliant = and_(owed.c.required > 0, held.c.days >= owed.c.required)
            stmt = (
                select(
                    owed.c.kind,
                    owed.c.host_role,
                    func.sum(held.c.days),
                    func.sum(held.c.sessions),
                    func.sum(held.c.citizens),
                    func.sum(held.c.dialogues),
                    func.sum(case((compliant, 1), else_=0)),
                )
                .select_from(held)
                .join(
                    owed,
                    and_(
                        owed.c.kind == held.c.kind,
                        owed.c.host_role == held.c.host_role,
                        owed.c.valid_from.is_not_distinct_from(held.c.valid_from),
                        owed.c.valid_to.is_not_distinct_from(held.c.valid_to),
                    ),
                )
                .group_by(owed.c.kind, owed.c.host_role)
            )
            for kind, role, days, sessions, citizens, dialogues, reached in await self.session.execute(stmt):
                key = (UnitKind(kind), HostRole(role))
                before = totals.get(key, HeldTotal(0, 0, 0, 0, 0))
                totals[key] = HeldTotal(
                    before.held_days + int(days),
                    before.sessions + int(sessions),
                    before.citizens_received + int(citizens),
                    before.dialogues + int(dialogues),
                    before.units_compliant + int(reached),
                )
        return totals


def _meets(days: Sequence[tuple[date, date]]) -> ColumnElement[bool]:
    """The unit's life meets one of these spans of days (each inclusive)."""
    return or_(
        *(
            and_(
                or_(Unit.valid_from.is_(None), Unit.valid_from <= last),
                or_(Unit.valid_to.is_(None), Unit.valid_to > first),
            )
            for first, last in days
        )
    )


def _date(day: date | None) -> Any:
    # A NULL typed as a date: PostgreSQL would type a VALUES column of NULLs as text otherwise.
    return cast(null(), Date) if day is None else day
