"""Reference numbers: each receiving unit numbers its cases of a year 1, 2, 3… (`<unit
code>-<year>-<number>`), with no gap and no number given twice.

A unit's year has a counter row (`petition_reference_counters`). A create moves it on in its own
transaction (`next_reference_seq`): the row's lock makes concurrent creates in one unit wait for
each other, and a create rolled back gives its number back. The year's first case creates the row
from the largest number already given (a restored database keeps its numbers).

An import's one long transaction (one with its own cache, `ProcessCache.for_one_transaction`)
holds its counters instead (`_Held`): it locks each at its first use, moves it on in memory, and
writes it back once, at its commit. Moved on in the table at every batch, a counter left a row
version per batch that every later read of it walked until the commit (PostgreSQL keeps them all
for an open transaction), one of the causes of a million-case import's slowdown
(bench/README.md). What a savepoint rolled back had taken is given back
(api/core/savepoints.py).
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Table, bindparam, event, func, select, text, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from api.core import savepoints
from api.core.db import dialect_insert
from api.core.shared_cache import own_cache
from api.petitions.models import Petition, ReferenceCounter

Key = tuple[uuid.UUID, int]

# Built once, on the table (no session holds a counter object, so the ORM's bookkeeping of one is
# pure cost on every create).
_COUNTERS: Table = ReferenceCounter.__table__  # type: ignore[assignment]  # a mapped class's is a Table
_THIS_COUNTER = (
    _COUNTERS.c.unit_id == bindparam("counter_unit"),
    _COUNTERS.c.year == bindparam("counter_year"),
)
_MOVE_ON = (
    update(_COUNTERS).where(*_THIS_COUNTER).values(last_seq=_COUNTERS.c.last_seq + bindparam("counter_count"))
)
_NEXT_SEQ = _MOVE_ON.returning(_COUNTERS.c.last_seq)
_SET_LAST = update(_COUNTERS).where(*_THIS_COUNTER).values(last_seq=bindparam("counter_last"))
_HELD = "qcdc_held_reference_counters"


@dataclass
class _Held:
    """The counters a long transaction holds: the last number taken of each, and what the table
    says (what its commit must change)."""

    last: dict[Key, int] = field(default_factory=dict)
    written: dict[Key, int] = field(default_factory=dict)


def _held(session: AsyncSession) -> _Held | None:
    info = session.sync_session.info
    if _HELD not in info and own_cache(session.sync_session) is None:
        return None
    held: _Held = info.setdefault(_HELD, _Held())
    return held


def _from_largest_given(unit_id: uuid.UUID, year: int, count: int) -> object:
    """The largest number given in the unit's year (0 if none), plus `count`."""
    return (
        select(func.coalesce(func.max(Petition.reference_seq), 0) + count)
        .where(Petition.receiving_unit_id == unit_id, Petition.reference_year == year)
        .scalar_subquery()
    )


async def _move_on(session: AsyncSession, unit_id: uuid.UUID, year: int, count: int) -> int:
    """Move the counter on by `count` in the table, creating it for the year's first case: the
    last number taken. The first case's upsert makes concurrent first cases queue on the row
    like any others instead of failing on its primary key."""
    params = {"counter_unit": unit_id, "counter_year": year, "counter_count": count}
    seq = await session.scalar(_NEXT_SEQ, params)
    if seq is not None:
        return int(seq)
    insert = dialect_insert(session.get_bind().dialect.name)
    first = (
        insert(ReferenceCounter)
        .values(unit_id=unit_id, year=year, last_seq=_from_largest_given(unit_id, year, count))
        .on_conflict_do_update(
            index_elements=["unit_id", "year"], set_={"last_seq": ReferenceCounter.last_seq + count}
        )
        .returning(ReferenceCounter.last_seq)
    )
    return int((await session.execute(first)).scalar_one())


async def next_reference_seq(session: AsyncSession, unit_id: uuid.UUID, year: int, count: int = 1) -> int:
    """Take the next `count` numbers of a unit's year; the last of them."""
    held = _held(session)
    key = (unit_id, year)
    if held is None:
        return await _move_on(session, unit_id, year, count)
    if key not in held.last:
        held.last[key] = held.written[key] = await _move_on(session, unit_id, year, 0)
    held.last[key] += count
    return held.last[key]


async def _hold(session: AsyncSession, held: _Held, keys: list[Key]) -> None:
    """Lock the counters of `keys` the transaction does not hold yet, in key order so that two
    transactions cannot deadlock, and hold them; a year's first case creates its counter."""
    wanted = sorted(key for key in keys if key not in held.last)
    if not wanted:
        return
    locked = await session.execute(
        select(_COUNTERS.c.unit_id, _COUNTERS.c.year, _COUNTERS.c.last_seq)
        .where(tuple_(_COUNTERS.c.unit_id, _COUNTERS.c.year).in_(wanted))
        .order_by(_COUNTERS.c.unit_id, _COUNTERS.c.year)
        .with_for_update()
    )
    for unit_id, year, last in locked:
        held.last[(unit_id, year)] = held.written[(unit_id, year)] = last
    if missing := [key for key in wanted if key not in held.last]:
        for unit_id, year, last in await _first_counters(session, missing):
            held.last[(unit_id, year)] = held.written[(unit_id, year)] = last


# The counters of many years' first cases created in one statement (the upsert locks each), each
# from the largest number its unit's year has given; one another transaction created meanwhile is
# taken as it is.
_FIRST_COUNTERS = text(
    """
    INSERT INTO petition_reference_counters (unit_id, year, last_seq)
    SELECT k.unit_id, k.year, coalesce(
        (SELECT max(p.reference_seq) FROM petitions p
         WHERE p.receiving_unit_id = k.unit_id AND p.reference_year = k.year), 0)
    FROM unnest(CAST(:units AS uuid[]), CAST(:years AS integer[])) AS k(unit_id, year)
    ORDER BY k.unit_id, k.year
    ON CONFLICT (unit_id, year) DO UPDATE SET last_seq = petition_reference_counters.last_seq
    RETURNING unit_id, year, last_seq
    """
)


async def _first_counters(session: AsyncSession, keys: list[Key]) -> list[tuple[uuid.UUID, int, int]]:
    """Create the counters of `keys` (sorted) and lock them: their last numbers. On PostgreSQL in
    one statement (one a key cost an import's first 100,000 cases a fifth of their time); SQLite,
    which has no arrays, one at a time."""
    if session.get_bind().dialect.name != "postgresql":
        return [(unit_id, year, await _move_on(session, unit_id, year, 0)) for unit_id, year in keys]
    params = {"units": [unit_id for unit_id, _ in keys], "years": [year for _, year in keys]}
    return [(row.unit_id, row.year, row.last_seq) for row in await session.execute(_FIRST_COUNTERS, params)]


async def take_reference_seqs(session: AsyncSession, counts: Mapping[Key, int]) -> dict[Key, int]:
    """The first of `n` consecutive numbers for each `(unit, year): n`, taken at once (an import's
    batch of new cases)."""
    held = _held(session)
    if held is None:
        return {
            key: await _move_on(session, *key, count) - count + 1 for key, count in sorted(counts.items())
        }
    await _hold(session, held, list(counts))
    firsts = {}
    for key, count in counts.items():
        firsts[key] = held.last[key] + 1
        held.last[key] += count
    return firsts


@event.listens_for(Session, "before_commit")
def _write_back(session: Session) -> None:
    """The held counters into the table, as the transaction commits (a savepoint's release is
    announced as a commit too: it writes nothing). Held no longer: the numbers are the table's
    again once the locks are released."""
    if session.in_nested_transaction():
        return
    held: _Held | None = session.info.pop(_HELD, None)
    if held is None:
        return
    moved = [
        {"counter_unit": unit_id, "counter_year": year, "counter_last": last}
        for (unit_id, year), last in held.last.items()
        if held.written.get((unit_id, year)) != last
    ]
    if moved:
        session.execute(_SET_LAST, moved)


@event.listens_for(Session, "after_soft_rollback")
def _let_go(session: Session, previous_transaction: SessionTransaction) -> None:
    """A transaction rolled back whole took no number (a savepoint's is `_give_back`)."""
    if not previous_transaction.nested:
        session.info.pop(_HELD, None)


def _taken(session: Session) -> tuple[dict[Key, int], dict[Key, int]] | None:
    held: _Held | None = session.info.get(_HELD)
    return None if held is None else (dict(held.last), dict(held.written))


def _give_back(session: Session, mark: tuple[dict[Key, int], dict[Key, int]] | None) -> None:
    held: _Held | None = session.info.get(_HELD)
    if held is not None:
        held.last, held.written = mark if mark is not None else ({}, {})


savepoints.keeps(_taken, _give_back)
