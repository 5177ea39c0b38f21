"""The audit log: every write, append-only and hash-chained.

Changes to audited models are captured automatically at flush (a model opts in with
`__audit__ = "<resource type>"`), so no service can forget; actions that change no row of ours
(a sign-in, a failed one, a bulk load) are recorded explicitly with `record()`. The events reach
the table when the request's unit of work commits, in the same transaction as the change, each
carrying the hash of the one before it: altering or deleting any event breaks the chain, and
`qcdc audit verify` names the first broken link. Secret and confidential values never enter the
log: models list them in `__audit_redact__`. What an event names beyond the reader's jurisdiction
(a link to a case elsewhere) is hidden when the log is read, by the redaction the owning domain
registers for its resource type (`register_redaction`); the stored events are never changed.
"""

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, String, event, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from api.core.db import Base, utcnow

PENDING = "qcdc_audit_pending"
REDACTED = "[redacted]"
GENESIS = "0" * 64
# Any constant: the advisory lock that serialises appends to the chain on PostgreSQL.
_CHAIN_LOCK = 7_152_025


class AuditEvent(Base):
    __tablename__ = "audit_events"

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
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


@dataclass(frozen=True)
class Actor:
    type: str  # user, api_key, system, anonymous
    id: uuid.UUID | None = None
    name: str | None = None
    request_id: str | None = None
    client_address: str | None = None


SYSTEM = Actor("system", name="system")


def _plain(value: Any) -> Any:
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


def _diff(obj: Any, creating: bool) -> dict[str, Any]:
    redact: set[str] = set(getattr(obj, "__audit_redact__", ()))
    ignore: set[str] = set(getattr(obj, "__audit_ignore__", ())) | {"updated_at", "created_at", "version"}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key in ignore:
            continue
        history = inspect(obj).attrs[attr.key].history
        if creating:
            value = getattr(obj, attr.key)
            if value is not None:
                after[attr.key] = REDACTED if attr.key in redact else _plain(value)
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            before[attr.key] = REDACTED if attr.key in redact else _plain(old)
            after[attr.key] = REDACTED if attr.key in redact else _plain(new)
    return {"before": before, "after": after} if not creating else {"after": after}


@event.listens_for(Session, "before_flush")
def _capture(session: Session, _context: Any, _instances: Any) -> None:
    for action, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            kind = getattr(obj, "__audit__", None)
            if kind is None or (action == "update" and not session.is_modified(obj)):
                continue
            changes = _diff(obj, creating=action == "create") if action != "delete" else {}
            if action == "update" and not changes.get("after"):
                continue
            unit_id = getattr(obj, "audit_unit_id", None)
            record(session, f"{kind}.{action}", kind, getattr(obj, "id", None), unit_id, changes)


def _digest(prev_hash: str, fields: dict[str, Any]) -> str:
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


def event_digest(event_row: AuditEvent) -> str:
    return _digest(event_row.prev_hash, {f: getattr(event_row, f) for f in _HASHED})


ACTOR = "qcdc_audit_actor"


def set_actor(session: AsyncSession | Session, actor: Actor) -> None:
    """Who the session's events are attributed to (the unit of work sets the request's principal)."""
    info = session.info if isinstance(session, Session) else session.sync_session.info
    info[ACTOR] = actor


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    """Chain and insert the queued events in the committing transaction itself.

    A sync listener: under an AsyncSession it runs inside SQLAlchemy's greenlet, where the sync
    API may do I/O. Every commit path (requests, commands, jobs) passes through here."""
    session.flush()
    pending: list[dict[str, Any]] = session.info.pop(PENDING, [])
    if not pending:
        return
    actor: Actor = session.info.get(ACTOR, SYSTEM)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    prev = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)) or GENESIS
    for item in pending:
        who: Actor = item.pop("actor", None) or actor
        row = AuditEvent(
            actor_type=who.type,
            actor_id=who.id,
            actor_name=who.name,
            request_id=who.request_id,
            client_address=who.client_address,
            prev_hash=prev,
            hash="",
            **item,
        )
        # The stored (JSON round-tripped) form is what verification reads back.
        row.changes = json.loads(json.dumps(row.changes, default=str))
        row.hash = event_digest(row)
        session.add(row)
        session.flush()
        prev = row.hash


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


async def verify(session: AsyncSession, batch: int = 5000) -> Verification:
    """Walk the chain from the start; the first event whose links or content do not add up."""
    prev, checked, after_id = GENESIS, 0, 0
    while True:
        rows = list(
            await session.scalars(
                select(AuditEvent).where(AuditEvent.id > after_id).order_by(AuditEvent.id).limit(batch)
            )
        )
        if not rows:
            return Verification(checked, None, None)
        for row in rows:
            if row.prev_hash != prev:
                return Verification(
                    checked, row.id, "its link to the previous event is broken (an event was removed)"
                )
            if event_digest(row) != row.hash:
                return Verification(checked, row.id, "its content does not match its hash (it was altered)")
            prev, checked, after_id = row.hash, checked + 1, row.id
