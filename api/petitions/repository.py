"""Every query on petitions goes through here, scoped to the principal's jurisdiction.

A case is visible where it was received or where it is handled: a commune that forwarded a case
still sees what became of it. Only the handling unit's principals move it (see `writable`).
"""

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    any_,
    func,
    insert,
    literal,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, defer, raiseload

from api.core.errors import Forbidden, NotFound
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import CursorCodec, PageQuery, Slice, SortField, Sorting, paginate
from api.core.text import escape_like, search_terms
from api.petitions.deadlines import AT_RISK_DAYS
from api.petitions.models import (
    Channel,
    Petition,
    PetitionEvent,
    PetitionKind,
    PetitionLink,
    ReferenceCounter,
    Status,
)
from api.petitions.workflows import TERMINAL
from api.units.models import Unit
from api.units.scope import in_jurisdiction, in_subtree

# Events about the record rather than the case's legal course.
RECORD_ACTIONS = ("edit", "link", "unlink", "attach", "detach")

SORTING = Sorting(
    entity=Petition,
    fields={
        "received_on": SortField("received_on", "received_on", date),
        "due_on": SortField("due_on", "due_sort", date),
        "created_at": SortField("created_at", "created_at", datetime),
        "reference": SortField("reference", "reference"),
    },
    default="-received_on",
    tiebreak=SortField("id", "id", uuid.UUID),
)


@dataclass(frozen=True)
class PetitionFilter:
    kinds: list[PetitionKind] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    deadline_states: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    within_path: str | None = None
    handling_unit_id: uuid.UUID | None = None
    received_from: date | None = None
    received_to: date | None = None
    within_authority: bool | None = None
    open: bool | None = None
    reception_id: uuid.UUID | None = None
    query: str | None = None
    external_source: str | None = None
    external_id: str | None = None
    today: date | None = None


def _deadline_condition(state: str, today: date) -> ColumnElement[bool]:
    # `due_sort` is `due_on`, or the last day there is when no limit runs: the same range on it
    # bounds an index scan, which stops at the last overdue case instead of reading every case.
    soon = today + timedelta(days=AT_RISK_DAYS)
    if state == "overdue":
        return and_(Petition.due_on < today, Petition.due_sort < today)
    if state == "at_risk":
        return and_(
            Petition.due_on >= today,
            Petition.due_on <= soon,
            Petition.due_sort >= today,
            Petition.due_sort <= soon,
        )
    return Petition.due_on > soon


def _received_or_handled_in(path: str) -> ColumnElement[bool]:
    # One CTE for both tests: PostgreSQL then reads the subtree once, not once per test.
    subtree = select(Unit.id).where(in_subtree(path)).cte("subtree")
    ids = select(subtree.c.id)
    return or_(Petition.handling_unit_id.in_(ids), Petition.receiving_unit_id.in_(ids))


def _depth(path: str) -> int:
    """0 for a province ("/<id>/"), 1 for a commune or a district, 2 for a village."""
    return path.count("/") - 2


# A list shows a case's summary: its text, people and clocks are never read from a page.
_HEAVY = ("content", "search_text")
_LIST_COLUMNS = tuple(c for c in Petition.__table__.c if c.key not in _HEAVY)


def _list_loading(entity: Any) -> tuple[Any, ...]:
    return (
        raiseload(entity.petitioners),
        raiseload(entity.deadlines),
        *(defer(getattr(entity, name), raiseload=True) for name in _HEAVY),
    )


class PetitionRepository:
    def __init__(self, session: AsyncSession, jurisdiction: Jurisdiction) -> None:
        self.session = session
        self.jurisdiction = jurisdiction

    def visible(self) -> ColumnElement[bool] | None:
        if self.jurisdiction.nationwide:
            return None
        return or_(
            in_jurisdiction(self.jurisdiction, Petition.handling_unit_id),
            in_jurisdiction(self.jurisdiction, Petition.receiving_unit_id),
        )

    def select(self) -> Select[Petition]:
        """Every petition query starts here, inside the principal's jurisdiction."""
        stmt = select(Petition)
        condition = self.visible()
        return stmt if condition is None else stmt.where(condition)

    async def get(self, petition_id: uuid.UUID) -> Petition:
        petition = await self.session.scalar(self.select().where(Petition.id == petition_id))
        if petition is None:
            raise NotFound(f"Petition {petition_id} does not exist.", code="petition_not_found")
        return petition

    async def writable(self, petition_id: uuid.UUID) -> Petition:
        """A case the principal may change: its handling unit lies in the jurisdiction."""
        petition = await self.get(petition_id)
        handler = await self.session.get(Unit, petition.handling_unit_id)
        if handler is None or not self.jurisdiction.covers(handler.path):
            raise Forbidden(
                "The case is handled by a unit outside your jurisdiction; only that unit can change it.",
                code="not_handling_unit",
            )
        return petition

    def filtered(self, f: PetitionFilter) -> Select[Petition]:
        stmt = self.select()
        if f.kinds:
            stmt = stmt.where(Petition.kind.in_(f.kinds))
        if f.statuses:
            stmt = stmt.where(Petition.status.in_(f.statuses))
        if f.categories:
            stmt = stmt.where(Petition.category_code.in_(f.categories))
        if f.channels:
            stmt = stmt.where(Petition.channel.in_(f.channels))
        if f.deadline_states and f.today is not None:
            stmt = stmt.where(or_(*[_deadline_condition(s, f.today) for s in f.deadline_states]))
        if f.within_path is not None:
            stmt = stmt.where(_received_or_handled_in(f.within_path))
        if f.handling_unit_id is not None:
            stmt = stmt.where(Petition.handling_unit_id == f.handling_unit_id)
        if f.received_from is not None:
            stmt = stmt.where(Petition.received_on >= f.received_from)
        if f.received_to is not None:
            stmt = stmt.where(Petition.received_on <= f.received_to)
        if f.within_authority is not None:
            stmt = stmt.where(Petition.within_authority.is_(f.within_authority))
        if f.open is not None:
            terminal = Petition.status.in_(TERMINAL)
            stmt = stmt.where(~terminal if f.open else terminal)
        if f.reception_id is not None:
            stmt = stmt.where(Petition.reception_id == f.reception_id)
        if f.external_source is not None:
            stmt = stmt.where(Petition.external_source == f.external_source)
        if f.external_id is not None:
            stmt = stmt.where(Petition.external_id == f.external_id)
        if f.query:
            for term in search_terms(f.query):
                # Written into the statement, not bound: a bound pattern lets PostgreSQL switch to its
                # generic plan after a connection's fifth search, which guesses 25 matches for any
                # pattern and reads the trigram index even for common words (7 ms → 1.5 s at a
                # million cases). Each distinct pattern is planned for what it is.
                pattern = literal(f"%{escape_like(term)}%", String, literal_execute=True)
                stmt = stmt.where(Petition.search_text.like(pattern, escape="\\"))
        return stmt

    async def page(self, f: PetitionFilter, page: PageQuery, codec: CursorCodec) -> Slice[Petition]:
        """One page of the cases matching `f`, in the fields of a `Page` (list items: no content,
        petitioners or time limits, which a list never shows).

        On PostgreSQL a subtree below a province — a commune's cases, or everything a commune
        officer may see — is first gathered through the unit indexes into a small set of sort
        keys, and the page is cut from that. Left to itself the planner walks the whole table in
        date order and tests each case against the subtree, because "handled here OR received
        here" over a subquery cannot use an index: a commune holds 0.3% of the cases, so its first
        page costs ~17,000 rows and its 40th the whole table (65 ms and 1.4 s at a million
        cases). A province's share is large enough for that walk to find a page quickly, so a
        province keeps it."""
        stmt = self.filtered(f)
        scope = max(filter(None, (f.within_path, self.jurisdiction.unit_path)), key=_depth, default=None)
        if scope is None or _depth(scope) < 1 or self._dialect() != "postgresql":
            return await paginate(self.session, stmt.options(*_list_loading(Petition)), SORTING, page, codec)
        ids = func.array(select(Unit.id).where(in_subtree(scope)).scalar_subquery())
        hits = (
            self.filtered(replace(f, within_path=None))
            .where(or_(Petition.handling_unit_id == any_(ids), Petition.receiving_unit_id == any_(ids)))
            .with_only_columns(*_LIST_COLUMNS)
            .cte("hits")
            .prefix_with("MATERIALIZED", dialect="postgresql")
        )
        case = aliased(Petition, hits)
        return await paginate(
            self.session, select(case).options(*_list_loading(case)), SORTING, page, codec, entity=case
        )

    def _dialect(self) -> str:
        bind = self.session.bind
        return bind.dialect.name if bind is not None else ""

    async def next_reference_seq(self, unit_id: uuid.UUID, year: int) -> int:
        """Atomically take the next number of a unit's year (the row lock serialises writers)."""
        seq = await self.session.scalar(
            update(ReferenceCounter)
            .where(ReferenceCounter.unit_id == unit_id, ReferenceCounter.year == year)
            .values(last_seq=ReferenceCounter.last_seq + 1)
            .returning(ReferenceCounter.last_seq)
        )
        if seq is not None:
            return int(seq)
        # First case of the year: start the counter from what exists (a restored database).
        existing = await self.session.scalar(
            select(func.max(Petition.reference_seq)).where(
                Petition.receiving_unit_id == unit_id, Petition.reference_year == year
            )
        )
        seq = (existing or 0) + 1
        await self.session.execute(insert(ReferenceCounter).values(unit_id=unit_id, year=year, last_seq=seq))
        return seq

    async def last_event_on(self, petition_id: uuid.UUID) -> date | None:
        """The date of the case's last legal act: its receipt or a workflow move (an edit, a link
        or a file attached today does not stop a decision from being recorded with its own date)."""
        return await self.session.scalar(
            select(func.max(PetitionEvent.effective_on)).where(
                PetitionEvent.petition_id == petition_id, PetitionEvent.action.not_in(RECORD_ACTIONS)
            )
        )

    async def events(self, petition_id: uuid.UUID) -> list[PetitionEvent]:
        rows = await self.session.scalars(
            select(PetitionEvent).where(PetitionEvent.petition_id == petition_id).order_by(PetitionEvent.id)
        )
        return list(rows)

    async def links(self, petition_id: uuid.UUID) -> list[tuple[PetitionLink, uuid.UUID, str, bool]]:
        """Links either way: each with the other case's id and reference, and whether the principal
        can see that case (the caller must not show the id or reference of one it cannot)."""
        other = or_(
            and_(PetitionLink.petition_id == petition_id, Petition.id == PetitionLink.other_id),
            and_(PetitionLink.other_id == petition_id, Petition.id == PetitionLink.petition_id),
        )
        visible = self.visible()
        seen = (true() if visible is None else visible.self_group()).label("seen")
        stmt = (
            select(PetitionLink, Petition.id, Petition.reference, seen)
            .join(Petition, other)
            .order_by(PetitionLink.created_at, Petition.id)
        )
        return [
            (link, other_id, reference, bool(ok))
            for link, other_id, reference, ok in await self.session.execute(stmt)
        ]

    async def visible_ids(self, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these cases the principal can see."""
        condition = self.visible()
        if condition is None or not ids:
            return set(ids)
        rows = await self.session.scalars(select(Petition.id).where(Petition.id.in_(ids), condition))
        return set(rows)
