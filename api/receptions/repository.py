"""Every query on reception sessions goes through here.

`ReceptionRepository.select()` is the one base query lists and gets start from: it keeps the
sessions of units inside the principal's jurisdiction, so no endpoint can forget it.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, case, distinct, func, or_, select
from sqlalchemy.orm import selectinload

from api.core.external_ref import filter_external_ref
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import SortField, Sorting
from api.core.text import escape_like, search_terms
from api.receptions.models import HostRole, ReceptionKind, ReceptionSession
from api.units.models import Unit, UnitKind, UnitStatus
from api.units.scope import UnitScopedRepository, in_jurisdiction, in_subtree

if TYPE_CHECKING:
    from api.receptions.schemas import ReceptionListQuery

SORTING = Sorting(
    entity=ReceptionSession,
    fields={
        "held_on": SortField("held_on", "held_on", date),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="-held_on",
    tiebreak=SortField("id", "id", uuid.UUID),
)

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


@dataclass(frozen=True)
class Held:
    held_days: int
    sessions: int
    citizens_received: int
    dialogues: int


class ReceptionRepository(UnitScopedRepository[ReceptionSession, "ReceptionListQuery"]):
    """Sessions of units inside the principal's jurisdiction."""

    model = ReceptionSession
    sorting = SORTING
    not_found_code = "reception_not_found"
    noun = "Reception session"
    unit_columns = (ReceptionSession.unit_id,)

    def select(self) -> Select[Any]:
        return super().select().options(selectinload(ReceptionSession.unit))

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

    def _units_in_scope(self, scope_path: str | None, kinds: Sequence[UnitKind]) -> list[Any]:
        conditions: list[Any] = [Unit.kind.in_(list(kinds))]
        for path in (self.jurisdiction.unit_path, scope_path):
            if path is not None:
                conditions.append(in_subtree(path))
        return conditions

    async def units_alive(
        self, scope_path: str | None, kinds: Sequence[UnitKind], start: date, end: date
    ) -> list[UnitLife]:
        """Units of these kinds in the subtree that existed at some time in [start, end]."""
        stmt = select(
            Unit.id,
            Unit.code,
            Unit.name,
            Unit.name_key,
            Unit.kind,
            Unit.status,
            Unit.valid_from,
            Unit.valid_to,
        ).where(
            *self._units_in_scope(scope_path, kinds),
            or_(Unit.valid_from.is_(None), Unit.valid_from <= end),
            or_(Unit.valid_to.is_(None), Unit.valid_to > start),
        )
        return [UnitLife(*row) for row in await self.session.execute(stmt)]

    async def held_by_unit_and_role(
        self,
        scope_path: str | None,
        kinds: Sequence[UnitKind],
        roles: Sequence[HostRole],
        start: date,
        end: date,
    ) -> dict[tuple[uuid.UUID, HostRole], Held]:
        """One grouped query over the whole subtree: per unit and host role, the distinct days of
        regular and ad hoc receptions, their sessions and citizens, and the dialogues."""
        reception = ReceptionSession.kind.in_(RECEPTION_KINDS)
        dialogue = ReceptionSession.kind.in_(DIALOGUE_KINDS)
        stmt = (
            select(
                ReceptionSession.unit_id,
                ReceptionSession.host_role,
                func.count(distinct(case((reception, ReceptionSession.held_on)))),
                func.sum(case((reception, 1), else_=0)),
                func.sum(case((reception, ReceptionSession.citizens_received), else_=0)),
                func.sum(case((dialogue, 1), else_=0)),
            )
            .join(Unit, Unit.id == ReceptionSession.unit_id)
            .where(
                *self._units_in_scope(scope_path, kinds),
                ReceptionSession.host_role.in_(list(roles)),
                ReceptionSession.held_on >= start,
                ReceptionSession.held_on <= end,
            )
            .group_by(ReceptionSession.unit_id, ReceptionSession.host_role)
        )
        return {
            (unit_id, HostRole(role)): Held(int(days), int(sessions), int(citizens), int(dialogues))
            for unit_id, role, days, sessions, citizens, dialogues in await self.session.execute(stmt)
        }
