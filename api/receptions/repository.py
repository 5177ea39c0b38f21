"""Every query on reception sessions goes through here.

`ReceptionRepository.select()` is the one base query lists and gets start from: it keeps the
sessions of units inside the principal's jurisdiction, so no endpoint can forget it.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, case, distinct, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from api.core.errors import NotFound
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import CursorCodec, PageQuery, SortField, Sorting, paginate
from api.core.text import escape_like, search_terms
from api.receptions.models import HostRole, ReceptionKind, ReceptionMode, ReceptionSession
from api.units.models import Unit, UnitKind, UnitStatus
from api.units.repository import in_jurisdiction, in_subtree

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
class ReceptionFilter:
    within_path: str | None = None
    unit_id: uuid.UUID | None = None
    host_roles: Sequence[HostRole] = ()
    kinds: Sequence[ReceptionKind] = ()
    mode: ReceptionMode | None = None
    held_from: date | None = None
    held_to: date | None = None
    query: str | None = None
    external_source: str | None = None
    external_id: str | None = None


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


class ReceptionRepository:
    def __init__(self, session: AsyncSession, jurisdiction: Jurisdiction) -> None:
        self.session = session
        self.jurisdiction = jurisdiction

    def select(self) -> Select[ReceptionSession]:
        """Every session query starts here, inside the principal's jurisdiction."""
        stmt = select(ReceptionSession).options(selectinload(ReceptionSession.unit))
        if not self.jurisdiction.nationwide:
            stmt = stmt.where(in_jurisdiction(self.jurisdiction, ReceptionSession.unit_id))
        return stmt

    async def get(self, reception_id: uuid.UUID) -> ReceptionSession:
        found = await self.session.scalar(self.select().where(ReceptionSession.id == reception_id))
        if found is None:
            raise NotFound(f"Reception session {reception_id} does not exist.", code="reception_not_found")
        return found

    def filtered(self, f: ReceptionFilter) -> Select[ReceptionSession]:
        stmt = self.select()
        if f.within_path is not None:
            stmt = stmt.where(in_jurisdiction(Jurisdiction(f.within_path), ReceptionSession.unit_id))
        for column, value in (
            (ReceptionSession.unit_id, f.unit_id),
            (ReceptionSession.mode, f.mode),
            (ReceptionSession.external_source, f.external_source),
            (ReceptionSession.external_id, f.external_id),
        ):
            if value is not None:
                stmt = stmt.where(column == value)
        if f.host_roles:
            stmt = stmt.where(ReceptionSession.host_role.in_(list(f.host_roles)))
        if f.kinds:
            stmt = stmt.where(ReceptionSession.kind.in_(list(f.kinds)))
        if f.held_from is not None:
            stmt = stmt.where(ReceptionSession.held_on >= f.held_from)
        if f.held_to is not None:
            stmt = stmt.where(ReceptionSession.held_on <= f.held_to)
        if f.query:
            for term in search_terms(f.query):
                stmt = stmt.where(ReceptionSession.search_text.like(f"%{escape_like(term)}%", escape="\\"))
        return stmt

    async def page(self, f: ReceptionFilter, page: PageQuery, codec: CursorCodec) -> dict[str, Any]:
        return await paginate(self.session, self.filtered(f), SORTING, page, codec)

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
