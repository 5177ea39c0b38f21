"""Every query on petitions goes through here, scoped to the principal's jurisdiction.

A case is visible where it is handled or where it was received (`unit_columns`): a commune that
forwarded a case still sees what became of it. Only the handling unit's principals change it
(`get_for_update`, 403 `not_handling_unit`). A case is read in one statement with its units,
people, clocks and links; a list's page is one statement of the summary's columns and its units'
names, read as rows (no ORM object is built for a list item).
"""

import functools
import uuid
from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    RowMapping,
    Select,
    String,
    and_,
    any_,
    bindparam,
    cast,
    func,
    or_,
    select,
    union,
)
from sqlalchemy.orm import aliased, joinedload, with_expression
from sqlalchemy.sql.selectable import CTE, CompoundSelect

from api.core import clock
from api.core.db import json_array_of
from api.core.errors import Forbidden
from api.core.external_ref import external_ref_of, filter_external_ref
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import CursorCodec, Slice, paginate_rows
from api.core.text import escape_like, search_terms
from api.core.written import written
from api.petitions.deadlines import AT_RISK_DAYS
from api.petitions.events import RECORD_ACTIONS
from api.petitions.models import (
    DeadlineState,
    DenouncerIdentity,
    Petition,
    Petitioner,
    PetitionEvent,
    PetitionLink,
)
from api.petitions.schemas import SORTING
from api.petitions.workflows import TERMINAL
from api.units.models import Unit
from api.units.scope import NamedUnits, UnitScopedRepository, in_subtree, visible_through

if TYPE_CHECKING:
    from api.petitions.schemas import PetitionListQuery


def _deadline_condition(state: DeadlineState, today: date) -> ColumnElement[bool]:
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


def _with_units(entity: Any) -> tuple[Any, ...]:
    # Many-to-one, so joined: the units come in the case's own statement.
    return (joinedload(entity.receiving_unit), joinedload(entity.handling_unit))


# A list shows a case's summary (`PetitionSummary`), read as rows: these columns, the sort keys, and
# of its two units what names them (`_unit_names`).
_SUMMARY_FIELDS = (
    "id",
    "reference",
    "kind",
    "channel",
    "status",
    "subject",
    "received_on",
    "within_authority",
    "remote_area",
    "complex",
    "instance",
    "outcome",
    "due_on",
    "settled_on",
    "settled_on_time",
)
_LIST_COLUMNS = tuple(
    Petition.__table__.c[name]
    for name in (
        *_SUMMARY_FIELDS,
        "category_code",
        "receiving_unit_id",
        "handling_unit_id",
        "due_sort",
        "created_at",
        "external_source",
        "external_id",
    )
)
_UNITS = Unit.__table__


@functools.lru_cache(maxsize=1024)
def _unit_names(source: Any) -> list[Any]:
    """The code and name of a listed case's two units, looked up by id for each row of the page
    (built once per statement `listed_once` keeps)."""
    return [
        select(_UNITS.c[column])
        .where(_UNITS.c.id == source.c[f"{role}_unit_id"])
        .scalar_subquery()
        .label(f"{role}_{column}")
        for role in ("receiving", "handling")
        for column in ("code", "name")
    ]


def _summary(row: RowMapping) -> dict[str, Any]:
    """A `PetitionSummary`'s fields from a row of a page."""
    return {
        **{name: row[name] for name in _SUMMARY_FIELDS},
        "category": row["category_code"],
        "receiving_unit": {
            "id": row["receiving_unit_id"],
            "code": row["receiving_code"],
            "name": row["receiving_name"],
        },
        "handling_unit": {
            "id": row["handling_unit_id"],
            "code": row["handling_code"],
            "name": row["handling_name"],
        },
        "external_ref": external_ref_of(row),
    }


# The other case of a link. Made once: aliasing a table builds its column collection, which for
# a case's forty columns was half the CPU of a case read when done on every request.
_LINKED = aliased(Petition, name="linked")


@functools.lru_cache(maxsize=1024)
def _links_seen(dialect: str, jurisdiction: Jurisdiction) -> Any:
    """A case's links either way, as a JSON array of `petition_id`, `reference`, `kind`, `sees`
    (whether the principal sees the other case) and `created_at`, correlated to the case being
    read (what `links()` returns, in the case's own statement). Built once per jurisdiction:
    building it on every read was some 8% of a case read's CPU."""
    other = _LINKED
    either_way = or_(
        and_(PetitionLink.petition_id == Petition.id, other.id == PetitionLink.other_id),
        and_(PetitionLink.other_id == Petition.id, other.id == PetitionLink.petition_id),
    )
    fields = {
        "petition_id": other.id,
        "reference": other.reference,
        "kind": PetitionLink.kind,
        "sees": visible_through(
            jurisdiction, [getattr(other, c.key) for c in PetitionRepository.unit_columns]
        ),
        "created_at": PetitionLink.created_at,
    }
    return (
        select(json_array_of(dialect, fields))
        .select_from(PetitionLink)
        .join(other, either_way)
        .correlate(Petition)
        .scalar_subquery()
    )


# What a case's answer shows of a linked case, and of a likely duplicate of a new case.
_LINK_COLUMNS: tuple[Any, ...] = (Petition.id.label("petition_id"), Petition.reference, PetitionLink.kind)
_SUGGESTED_COLUMNS: tuple[Any, ...] = (
    Petition.id,
    Petition.reference,
    Petition.subject,
    Petition.received_on,
    Petition.status,
)


class PetitionRepository(UnitScopedRepository[Petition, "PetitionListQuery"]):
    model = Petition
    sorting = SORTING
    not_found_code = "petition_not_found"
    noun = "Petition"
    unit_columns = (Petition.handling_unit_id, Petition.receiving_unit_id)

    async def find(self, key: Any) -> Petition | None:
        """The whole case in one statement: its units, petitioners, time limits and links (a case
        has a few of each, so joining them costs less than a round trip per collection)."""
        stmt = (
            self.select()
            .options(
                *_with_units(Petition),
                joinedload(Petition.petitioners),
                joinedload(Petition.deadlines),
                with_expression(Petition.links_seen, _links_seen(self.dialect, self.jurisdiction)),
            )
            .where(Petition.id == key)
        )
        found: Petition | None = (await self.session.execute(stmt)).unique().scalar_one_or_none()
        return found

    async def ids_of(
        self, *, source: str | None = None, external_id: str | None = None, reference: str | None = None
    ) -> list[uuid.UUID]:
        """The visible cases an import's row names: by an integrator's reference, or by the case's
        own reference (`04-2026-000123`), whichever is given."""
        stmt = self.scope(select(Petition.id))
        if source is not None and external_id is not None:
            stmt = stmt.where(Petition.external_source == source, Petition.external_id == external_id)
        elif reference is not None:
            stmt = stmt.where(Petition.reference == reference)
        else:
            return []
        return list(await self.session.scalars(stmt.limit(2)))

    def may_change(self, petition: Petition) -> bool:
        """Only the handling unit's principals move or edit a case (its units are loaded)."""
        return self.jurisdiction.covers(petition.handling_unit.path)

    async def get_for_update(self, key: Any) -> Petition:
        petition = await self.get(key)
        if not self.may_change(petition):
            raise Forbidden(
                "The case is handled by a unit outside your jurisdiction; only that unit can change it.",
                code="not_handling_unit",
            )
        return petition

    def filter(self, stmt: Select[Any], query: "PetitionListQuery", named: NamedUnits) -> Select[Any]:
        if query.kind:
            stmt = stmt.where(Petition.kind.in_(query.kind))
        if query.status:
            stmt = stmt.where(Petition.status.in_(query.status))
        if query.category:
            stmt = stmt.where(Petition.category_code.in_(query.category))
        if query.channel:
            stmt = stmt.where(Petition.channel.in_(query.channel))
        if query.deadline_state:
            today = clock.today()
            stmt = stmt.where(or_(*[_deadline_condition(s, today) for s in query.deadline_state]))
        if "within_unit_id" in named:
            stmt = stmt.where(_received_or_handled_in(named["within_unit_id"].path))
        if query.handling_unit_id is not None:
            stmt = stmt.where(Petition.handling_unit_id == query.handling_unit_id)
        if query.received_from is not None:
            stmt = stmt.where(Petition.received_on >= query.received_from)
        if query.received_to is not None:
            stmt = stmt.where(Petition.received_on <= query.received_to)
        if query.within_authority is not None:
            stmt = stmt.where(Petition.within_authority.is_(query.within_authority))
        if query.open is not None:
            terminal = Petition.status.in_(TERMINAL)
            stmt = stmt.where(~terminal if query.open else terminal)
        if query.reception_id is not None:
            stmt = stmt.where(Petition.reception_id == query.reception_id)
        stmt = filter_external_ref(stmt, Petition, query)
        if query.q:
            for term in search_terms(query.q):
                # Written into the statement, not bound: a bound pattern lets PostgreSQL switch to its
                # generic plan after a connection's fifth search, which guesses 25 matches for any
                # pattern and reads the trigram index even for common words (7 ms → 1.5 s at a
                # million cases). Each distinct pattern is planned for what it is.
                pattern = written(f"%{escape_like(term)}%", String)
                stmt = stmt.where(Petition.search_text.like(pattern, escape="\\"))
        return stmt

    async def listed(self, query: "PetitionListQuery", named: Mapping[str, Any]) -> tuple[Select[Any], Any]:
        """The cases a page is cut from, as the columns of a list item (`_LIST_COLUMNS`), and what
        the sort columns are taken from (the table, or the gathered set).

        On PostgreSQL a subtree below a province — a commune's cases, or everything a commune
        officer may see — is first gathered through the unit indexes into a small set of sort
        keys, and the page is cut from that. Left to itself the planner walks the whole table in
        date order and tests each case against the subtree, because "handled here OR received
        here" over a subquery cannot use an index: a commune holds 0.3% of the cases, so its first
        page costs ~17,000 rows and its 40th the whole table (65 ms and 1.4 s at a million
        cases). A province's share is large enough for that walk to find a page quickly, so a
        province keeps it."""
        within = named.get("within_unit_id")
        paths = (within.path if within is not None else None, self.jurisdiction.unit_path)
        scope = max(filter(None, paths), key=_depth, default=None)
        if scope is None or _depth(scope) < 1 or self.dialect != "postgresql":
            stmt, _ = await super().listed(query, named)
            return stmt.with_only_columns(*_LIST_COLUMNS), Petition.__table__
        ids = func.array(select(Unit.id).where(in_subtree(scope)).scalar_subquery())
        others = {name: unit for name, unit in named.items() if name != "within_unit_id"}
        hits = (
            self.filter(self.select(), query, others)
            .where(or_(Petition.handling_unit_id == any_(ids), Petition.receiving_unit_id == any_(ids)))
            .with_only_columns(*_LIST_COLUMNS)
            .cte("hits")
            .prefix_with("MATERIALIZED", dialect="postgresql")
        )
        return select(hits), hits

    async def page(  # type: ignore[override]  # a case's list items are rows, not cases
        self, query: "PetitionListQuery", codec: CursorCodec, named: Mapping[str, Any] | None = None
    ) -> Slice[dict[str, Any]]:
        """One page of the list `query` describes, as `PetitionSummary` fields read as rows, in one
        statement (two with `include_total`)."""
        stmt, source = await self.listed_once(query, await self.named_in(query) if named is None else named)
        page = await paginate_rows(
            self.session, stmt, SORTING, query, codec, source=source, naming=_unit_names
        )
        return Slice([_summary(row) for row in page.items], page.next_cursor, page.total)

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

    async def links(self, petition_id: uuid.UUID) -> list[Row[Any]]:
        """Links either way, oldest first: the other case's `petition_id`, `reference` and the link's
        `kind`, and whether the principal `sees` that case (the caller must not show the id or
        reference of one it cannot)."""
        other = or_(
            and_(PetitionLink.petition_id == petition_id, Petition.id == PetitionLink.other_id),
            and_(PetitionLink.other_id == petition_id, Petition.id == PetitionLink.petition_id),
        )
        columns: tuple[Any, ...] = (*_LINK_COLUMNS, self.visible().self_group().label("sees"))
        rows = await self.session.execute(
            select(*columns).join(Petition, other).order_by(PetitionLink.created_at, Petition.id)
        )
        return list(rows)

    async def visible_ids(self, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these cases the principal can see."""
        if self.jurisdiction.nationwide or not ids:
            return set(ids)
        return set(await self.session.scalars(self.scope(select(Petition.id)).where(Petition.id.in_(ids))))

    async def link_between(self, petition_id: uuid.UUID, other_id: uuid.UUID) -> PetitionLink | None:
        """The link of two cases, whichever way it was made."""
        found: PetitionLink | None = await self.session.scalar(
            select(PetitionLink).where(
                or_(
                    and_(PetitionLink.petition_id == petition_id, PetitionLink.other_id == other_id),
                    and_(PetitionLink.petition_id == other_id, PetitionLink.other_id == petition_id),
                )
            )
        )
        return found

    async def denouncers(self, petition_id: uuid.UUID) -> list[DenouncerIdentity]:
        """A denunciation's denouncers: read only to answer `/identity` or to mask them."""
        rows = await self.session.scalars(
            select(DenouncerIdentity)
            .where(DenouncerIdentity.petition_id == petition_id)
            .order_by(DenouncerIdentity.position)
        )
        return list(rows)

    def _compared_with(
        self, petition: Petition, since: date, *, denouncers: bool, per_unit: int
    ) -> tuple[CompoundSelect[Any], CTE]:
        """The ids a case is compared with, and the cases naming one of its people.

        Compared: the newest `per_unit` cases received since `since` by its receiving unit and as
        many handled by its handling unit — each a backward range scan of that unit's index on
        `received_on`, so what is read is bounded whatever the unit's history — and the cases
        naming a person with one of the case's identity digests, through the digest indexes.
        Denouncers count on either side only when asked (only for those allowed to know who
        denounced): otherwise a denunciation has no people to match, and no case matches one."""

        def newest(unit_column: Any, unit_id: uuid.UUID) -> Select[Any]:
            # A subquery of its own: SQLite allows no LIMIT on a member of a UNION.
            cases = (
                select(Petition.id)
                .where(unit_column == unit_id, Petition.received_on >= since, Petition.id != petition.id)
                .order_by(Petition.received_on.desc())
                .limit(per_unit)
                .subquery()
            )
            return select(cases.c.id)

        recent = (
            newest(Petition.receiving_unit_id, petition.receiving_unit_id),
            newest(Petition.handling_unit_id, petition.handling_unit_id),
        )
        own: Any = select(Petitioner.identity_digest).where(Petitioner.petition_id == petition.id)
        if denouncers:
            own = union(
                own,
                select(DenouncerIdentity.identity_digest).where(DenouncerIdentity.petition_id == petition.id),
            )
        named: Any = select(Petitioner.petition_id).where(Petitioner.identity_digest.in_(own))
        if denouncers:
            named = union(
                named, select(DenouncerIdentity.petition_id).where(DenouncerIdentity.identity_digest.in_(own))
            )
        same = named.cte("same_person")
        return union(*recent, select(same.c.petition_id)), same

    def _duplicate_rows(
        self, petition: Petition, since: date, *, denouncers: bool, per_unit: int
    ) -> tuple[Select[Any], ColumnElement[bool]]:
        """The compared cases the principal sees, received since `since`, with what a suggestion
        shows of them and whether they name the same person (also returned, to filter and sort on)."""
        compared, same = self._compared_with(petition, since, denouncers=denouncers, per_unit=per_unit)
        same_person: ColumnElement[bool] = Petition.id.in_(select(same.c.petition_id))
        stmt = self.scope(select(*_SUGGESTED_COLUMNS, same_person.label("same_person"))).where(
            Petition.id.in_(compared), Petition.id != petition.id, Petition.received_on >= since
        )
        return stmt, same_person

    async def similar(
        self,
        petition: Petition,
        since: date,
        *,
        denouncers: bool,
        per_unit: int,
        threshold: float,
        limit: int,
    ) -> list[Row[Any]]:
        """PostgreSQL: the likely duplicates of a case in one statement, most likely first (more
        reasons, then more alike, then newer) — the compared cases (`_compared_with`) naming the
        same person or whose searched words have a trigram `similarity` (pg_trgm) to the case's of
        at least `threshold`.

        The similarity is computed on the compared rows only, never through the trigram index:
        `search_text % :words` lets the planner read the index's posting lists of every trigram of
        the case, which the words petitions share make most of the table (5.5 s at a million
        cases, against 20 ms for the 200 newest cases of a busy ward)."""
        stmt, same_person = self._duplicate_rows(petition, since, denouncers=denouncers, per_unit=per_unit)
        # One parameter, however many times the statement names the case's words.
        score = func.similarity(Petition.search_text, bindparam("words", petition.search_text, String))
        similar = score >= threshold
        reasons = cast(same_person, Integer) + cast(similar, Integer)
        stmt = (
            stmt.add_columns(score.label("similarity"))
            .where(or_(same_person, similar))
            .order_by(reasons.desc(), score.desc(), Petition.received_on.desc(), Petition.id)
            .limit(limit)
        )
        return list(await self.session.execute(stmt))

    async def compared(
        self, petition: Petition, since: date, *, denouncers: bool, per_unit: int
    ) -> list[Row[Any]]:
        """SQLite, which has no trigrams: the compared cases (`_compared_with`) in one statement,
        with their subjects and whether they name the same person, newest first, for the caller
        to score their subjects."""
        stmt, _ = self._duplicate_rows(petition, since, denouncers=denouncers, per_unit=per_unit)
        return list(await self.session.execute(stmt.order_by(Petition.received_on.desc(), Petition.id)))
