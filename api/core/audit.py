"""The audit log: every write, append-only, hash-chained by a sealer.

Capture. Changes to audited models are captured automatically at flush (a model opts in with
`__audit__ = "<resource type>"`), so no service can forget; actions that change no row of ours
(a sign-in, a failed one, a bulk load) are recorded explicitly with `record()`. Secret and
confidential values never enter the log: models list them in `__audit_redact__`. What an event
names beyond the reader's jurisdiction (a link to a case elsewhere) is hidden when the log is
read, by the redaction the owning domain registers for its resource type (`register_redaction`);
the stored events are never changed.

Append, without a lock. The events reach the table when the unit of work commits, in one INSERT
inside the committing transaction itself, so an event exists if and only if its change was
committed. They are inserted *unsealed* (`seq`, `prev_hash` and `hash` NULL). Chaining them there
would need the previous event's hash, that is a lock every write of the country shares, held
through COMMIT and its fsync: one write at a time (about 500 a second at 2 ms a commit), whatever
the hardware. Appending takes no lock at all.

Seal, in short transactions of its own. `seal()` takes the committed unsealed events in id order
and gives each its place in the chain (`seq`), the hash of the event before it and its own hash,
then moves the chain's head (`audit_chain_head`, one row). It locks that row (`FOR UPDATE`; on
SQLite the write lock) for its own transaction only: sealers on any number of workers and hosts
take turns and cannot fork the chain (a unique `seq` would refuse a fork anyway), and requests
never wait for them. The chain's order is the order of sealing, recorded in `seq`, not the order
of ids: an event whose transaction commits after a later id was sealed is sealed by the next run,
after it. Nothing is skipped, because "unsealed" is a state of the row that every run selects
(`seq IS NULL`), not a watermark to move past; and nothing waits for the slowest transaction in
flight (sealing strictly by id would hold every event of the country behind one long official
load). Each worker runs `run_sealer` (the app's lifespan starts it; every
`QCDC_AUDIT_SEAL_SECONDS`); `qcdc audit seal` does one pass, from cron or by hand, and tests call
`seal(session)`. A crash between append and seal loses nothing: the events wait for the next run.

Hash. SHA-256 over the previous event's hash and the event's canonical JSON, which since sealing
exists includes the event's id and `seq`, so renumbering an event is seen too. Events chained at
commit before (positions up to the head's `legacy_until`, whose `seq` is their id) keep the hashes
they were given.

Verify. `verify()` walks the sealed events by `seq` and names the first one altered (its content
does not match its hash), or whose link to the one before is broken (an event was removed, or the
chain reordered); it compares the chain's end with the head (events removed from the end, or the
end rewritten), and reports how many events are unsealed and since when. The chain makes tampering
evident, not impossible: someone able to rewrite the whole table and the head together is caught
only by a head hash kept elsewhere.

Visibility. Unsealed events are listed like sealed ones (their `seq` and `hash` null): sealing is
about tamper evidence, not about who may see what.
"""

import asyncio
import functools
import hashlib
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from time import monotonic
from typing import Any

import structlog
from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Index,
    Integer,
    String,
    Table,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from api.core import savepoints
from api.core.background import beside
from api.core.db import Base, Database, utcnow

log = structlog.get_logger(__name__)

PENDING = "qcdc_audit_pending"
REDACTED = "[redacted]"
GENESIS = "0" * 64
HEAD = 1
# Events chained per statement: a seal transaction stays a few milliseconds long.
SEAL_BATCH = 500


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        # The sealer's work list: it holds only the unsealed events, so it stays as small as the backlog.
        Index(
            "ix_audit_events_unsealed",
            "id",
            sqlite_where=text("seq IS NULL"),
            postgresql_where=text("seq IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    occurred_at: Mapped[datetime] = mapped_column(index=True)
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    actor_name: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64), index=True)
    resource_type: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str | None] = mapped_column(String(64))
    unit_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    request_id: Mapped[str | None] = mapped_column(String(128))
    client_address: Mapped[str | None] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Set by the sealer; NULL until then.
    seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64), unique=True)


class AuditChainHead(Base):
    """The chain's last sealed position: the row every sealer locks while it seals, and what
    `verify` compares the end of the chain with."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    event_id: Mapped[int | None] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    # Positions chained at commit before sealing existed: their hashes cover neither id nor seq.
    legacy_until: Mapped[int] = mapped_column(BigInteger)
    sealed_at: Mapped[datetime | None]


@dataclass(frozen=True)
class Actor:
    type: str  # user, api_key, system, anonymous
    id: uuid.UUID | None = None
    name: str | None = None
    request_id: str | None = None
    client_address: str | None = None


SYSTEM = Actor("system", name="system")


# Values JSON keeps as they are (by exact type: an Enum of str is not one).
_PLAIN = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record(
    session: AsyncSession | Session,
    action: str,
    resource_type: str,
    resource_id: Any = None,
    unit_id: uuid.UUID | None = None,
    changes: dict[str, Any] | None = None,
    actor: "Actor | None" = None,
) -> None:
    """Queue an event; it is written when the session commits (by `actor`, else the session's)."""
    info = session.info if isinstance(session, Session) else session.sync_session.info
    info.setdefault(PENDING, []).append(
        {
            "occurred_at": utcnow(),
            "action": action,
            "resource_type": resource_type,
            "resource_id": None if resource_id is None else str(resource_id),
            "unit_id": unit_id,
            "changes": changes or {},
            "actor": actor,
        }
    )


def _queued(session: Session) -> int:
    return len(session.info.get(PENDING, []))


def _forget_since(session: Session, mark: int) -> None:
    """Drop the events queued since `mark`: their changes were rolled back to a savepoint (a row
    of an import that failed), so they never happened."""
    del session.info.get(PENDING, [])[mark:]


savepoints.keeps(_queued, _forget_since)


@functools.cache
def _column_keys(mapper: Any) -> tuple[str, ...]:
    """The model's column attributes (the mapper rebuilds its collection on every read)."""
    return tuple(attr.key for attr in mapper.column_attrs)


@functools.cache
def _audited(mapper: Any) -> tuple[tuple[str, bool], ...]:
    """The model's column attributes its events show, each with whether its value is redacted
    (read once per model: an import captures a few events per row)."""
    cls = mapper.class_
    redact = set(getattr(cls, "__audit_redact__", ()))
    ignore = set(getattr(cls, "__audit_ignore__", ())) | {"updated_at", "created_at", "version"}
    return tuple((key, key in redact) for key in _column_keys(mapper) if key not in ignore)


def _diff(obj: Any, creating: bool) -> dict[str, Any]:
    state = inspect(obj)
    if creating:
        values = state.dict
        return {
            "after": {
                key: REDACTED if redacted else _plain(value)
                for key, redacted in _audited(state.mapper)
                if (value := values.get(key)) is not None
            }
        }
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, redacted in _audited(state.mapper):
        history = state.attrs[key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            before[key] = REDACTED if redacted else _plain(old)
            after[key] = REDACTED if redacted else _plain(new)
    return {"before": before, "after": after}


def capture(session: Session, obj: Any, action: str) -> None:
    """Queue the event of `action` (create, update, delete) on `obj`, if its model is audited."""
    kind = getattr(obj, "__audit__", None)
    if kind is None or (action == "update" and not session.is_modified(obj)):
        return
    changes = _diff(obj, creating=action == "create") if action != "delete" else {}
    if action == "update" and not changes.get("after"):
        return
    unit_id = getattr(obj, "audit_unit_id", None)
    record(session, f"{kind}.{action}", kind, getattr(obj, "id", None), unit_id, changes)


@event.listens_for(Session, "before_flush")
def _capture(session: Session, _context: Any, _instances: Any) -> None:
    for action, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            capture(session, obj, action)


def _digest(prev_hash: str, fields: Mapping[str, Any]) -> str:
    canonical = json.dumps(
        {k: _plain(v) for k, v in fields.items()},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


_HASHED = (
    "occurred_at",
    "actor_type",
    "actor_id",
    "actor_name",
    "action",
    "resource_type",
    "resource_id",
    "unit_id",
    "request_id",
    "client_address",
    "changes",
)
# What the sealer and `verify` read of an event: its content, id and links, never an ORM object
# (an identity map could answer with what a session holds instead of what the table holds).
_COLUMNS = tuple(getattr(AuditEvent, name) for name in ("id", "seq", "prev_hash", "hash", *_HASHED))


def event_digest(event_row: Any, prev_hash: str, seq: int, legacy: bool = False) -> str:
    """The hash of an event at position `seq` after `prev_hash` (`legacy`: as chained at commit
    before sealing existed, without its id and position)."""
    fields = {f: getattr(event_row, f) for f in _HASHED}
    if not legacy:
        fields |= {"id": event_row.id, "seq": seq}
    return _digest(prev_hash, fields)


ACTOR = "qcdc_audit_actor"


def set_actor(session: AsyncSession | Session, actor: Actor) -> None:
    """Who the session's events are attributed to (the unit of work sets the request's principal)."""
    info = session.info if isinstance(session, Session) else session.sync_session.info
    info[ACTOR] = actor


EVENTS: Table = AuditEvent.__table__  # type: ignore[assignment]  # a mapped class's is a Table
_INSERT_EVENTS = insert(EVENTS)


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    """Insert the queued events, unsealed, in the committing transaction itself: one statement,
    no lock (the sealer chains them later).

    A sync listener: under an AsyncSession it runs inside SQLAlchemy's greenlet, where the sync
    API may do I/O. Every commit path (requests, commands, jobs) passes through here."""
    session.flush()
    rows = pending_rows(session)
    if rows:
        # Into the table, not through the ORM's bulk insert (which costs a create's commit more CPU
        # than the statement): every row has the same keys, so this is one statement.
        session.execute(_INSERT_EVENTS, rows)


def _as_read_back(value: Any) -> Any:
    """`value` as it reads back from JSON (`json.loads(json.dumps(value, default=str))`), without
    the text between for what is already plain: the round trip was a tenth of an import's audit."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict and all(type(key) is str for key in value):
        return {key: item if type(item) in _PLAIN else _as_read_back(item) for key, item in value.items()}
    if kind is list:
        return [item if type(item) in _PLAIN else _as_read_back(item) for item in value]
    return json.loads(json.dumps(value, default=str))


def pending_rows(session: Session) -> list[dict[str, Any]]:
    """The queued events as rows of `audit_events`, taken off the queue: the caller inserts them
    in the transaction (the commit does, or a write that sends its own rows in one statement,
    `api.core.inserts`)."""
    pending: list[dict[str, Any]] = session.info.pop(PENDING, [])
    actor: Actor = session.info.get(ACTOR, SYSTEM)
    rows = []
    for item in pending:
        who: Actor = item.pop("actor", None) or actor
        rows.append(
            {
                **item,
                "actor_type": who.type,
                "actor_id": who.id,
                "actor_name": who.name,
                "request_id": who.request_id,
                "client_address": who.client_address,
                # Stored as plain JSON values, which is what the sealer reads back and hashes.
                "changes": _as_read_back(item["changes"]),
            }
        )
    return rows


class ChainHeadMissing(RuntimeError):
    """The `audit_chain_head` row is gone: nothing can be sealed until it is restored."""


async def seal(session: AsyncSession, *, limit: int | None = None, wait: bool = True) -> int:
    """Chain the committed unsealed events, oldest id first (at most `limit`), in the session's
    transaction, which the caller commits; the number sealed.

    The head row stays locked until that transaction ends, so keep it short. Another sealer holding
    it is waited for, or with `wait=False` left to do the work (0 is returned)."""
    head = (
        await session.execute(
            select(AuditChainHead.seq, AuditChainHead.hash)
            .where(AuditChainHead.id == HEAD)
            .with_for_update(skip_locked=not wait)
        )
    ).one_or_none()
    if head is None:
        if wait or await session.scalar(select(AuditChainHead.id)) is None:
            raise ChainHeadMissing("the audit chain's head row (audit_chain_head) is missing")
        return 0
    seq, prev, last_id, sealed = head.seq, head.hash, None, 0
    while limit is None or sealed < limit:
        take = SEAL_BATCH if limit is None else min(SEAL_BATCH, limit - sealed)
        rows = (
            await session.execute(
                select(*_COLUMNS).where(AuditEvent.seq.is_(None)).order_by(AuditEvent.id).limit(take)
            )
        ).all()
        links = []
        for row in rows:
            seq += 1
            digest = event_digest(row, prev, seq)
            links.append({"id": row.id, "seq": seq, "prev_hash": prev, "hash": digest})
            prev, last_id = digest, row.id
        if links:
            await session.execute(update(AuditEvent), links)
            sealed += len(links)
        if len(rows) < take:
            break
    if sealed:
        await session.execute(
            update(AuditChainHead)
            .where(AuditChainHead.id == HEAD)
            .values(seq=seq, hash=prev, event_id=last_id, sealed_at=utcnow())
        )
    return sealed


async def seal_pending(database: Database, *, batch: int = SEAL_BATCH, wait: bool = True) -> int:
    """Seal every event committed so far, `batch` at a time, each batch in a short transaction of
    its own; the number sealed. (With `wait=False` it leaves the work to a sealer already at it.)"""
    total = 0
    while True:
        async with database.session(write=False) as probe:
            # A read first: on SQLite a seal transaction takes the write lock, even to find nothing.
            if await probe.scalar(select(AuditEvent.id).where(AuditEvent.seq.is_(None)).limit(1)) is None:
                return total
        async with database.session() as session:
            sealed = await seal(session, limit=batch, wait=wait)
        total += sealed
        if sealed < batch:
            return total


# A sealer rests at least this many times as long as its last round took. The look for unsealed
# events walks the unsealed index, and a long import's events sit there uncommitted, each one
# visited and passed over on every round: a million-case import's three million made each look a
# second of the database's time, every second, on every worker. Resting in proportion keeps the
# sealers to a twentieth of the time however long the look gets (events are sealed later meanwhile).
SEAL_REST_FACTOR = 20


async def run_sealer(database: Database, every: float = 1.0) -> None:
    """Seal new events every `every` seconds, or less often while a round is slow
    (`SEAL_REST_FACTOR`), until cancelled (each worker runs one; they take turns on the head,
    and a busy head is left to the sealer holding it)."""
    while True:
        started = monotonic()
        try:
            sealed = await seal_pending(database, wait=False)
            if sealed:
                log.debug("audit_sealed", events=sealed)
        except Exception:
            log.exception("audit_seal_failed")
        await asyncio.sleep(max(every, (monotonic() - started) * SEAL_REST_FACTOR))


@asynccontextmanager
async def sealing(database: Database, every: float) -> AsyncIterator[None]:
    """Run the sealer beside the app while the block runs (`every` 0: not at all, cron seals)."""
    if every <= 0:
        yield
        return
    async with beside(run_sealer(database, every), "audit-sealer"):
        yield


# (session, the reader's Principal, the `changes` of a page's events of one resource type) → those
# changes as the reader sees them, in their order. (The Principal is not named: api.core.access
# imports this module.)
Redaction = Callable[[AsyncSession, Any, list[dict[str, Any]]], Awaitable[list[dict[str, Any]]]]
_REDACTIONS: dict[str, Redaction] = {}


def register_redaction(resource_type: str, redact: Redaction) -> None:
    """How a reader short of the whole country sees the events of `resource_type`: the domain
    that owns the resource registers it where it defines it (at import), the log's reader calls it."""
    _REDACTIONS[resource_type] = redact


def redaction(resource_type: str) -> Redaction | None:
    return _REDACTIONS.get(resource_type)


@dataclass(frozen=True)
class Verification:
    checked: int
    broken_at: int | None
    reason: str | None
    unsealed: int = 0
    oldest_unsealed_at: datetime | None = None

    @property
    def intact(self) -> bool:
        return self.reason is None


async def verify(session: AsyncSession, batch: int = 5000) -> Verification:
    """Walk the sealed events in chain order; the first one whose links or content do not add up,
    and how many events wait unsealed (the oldest since when)."""
    head = (
        await session.execute(
            select(
                AuditChainHead.seq, AuditChainHead.event_id, AuditChainHead.hash, AuditChainHead.legacy_until
            ).where(AuditChainHead.id == HEAD)
        )
    ).one_or_none()
    prev, checked, after = GENESIS, 0, 0

    async def result(broken_at: int | None = None, reason: str | None = None) -> Verification:
        unsealed, oldest = (
            await session.execute(
                select(func.count(), func.min(AuditEvent.occurred_at)).where(AuditEvent.seq.is_(None))
            )
        ).one()
        return Verification(checked, broken_at, reason, unsealed, oldest)

    if head is None:
        return await result(None, "the chain's head row (audit_chain_head) is missing")
    while True:
        rows = (
            await session.execute(
                select(*_COLUMNS).where(AuditEvent.seq > after).order_by(AuditEvent.seq).limit(batch)
            )
        ).all()
        if not rows:
            break
        for row in rows:
            if row.prev_hash != prev:
                return await result(
                    row.id, "its link to the previous event is broken (an event was removed or reordered)"
                )
            if event_digest(row, prev, row.seq, legacy=row.seq <= head.legacy_until) != row.hash:
                return await result(row.id, "its content does not match its hash (it was altered)")
            if row.seq == head.seq and row.hash != head.hash:
                return await result(row.id, "it is not the event sealed at the end of the chain (rewritten)")
            prev, checked, after = row.hash, checked + 1, row.seq
    if after < head.seq:
        return await result(
            head.event_id,
            f"the chain ends at position {after} but was sealed up to {head.seq} "
            "(events were removed from its end)",
        )
    return await result()
