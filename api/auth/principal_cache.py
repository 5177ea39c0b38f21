"""Principals without a round trip: each worker keeps the principals it has authenticated, and
PostgreSQL tells every worker the moment one of them changes.

Authenticating a request used to read the account (or API key) and its unit's path on every
request: a quarter of a unit read. Now a worker answers from its own memory, and stays correct
because every write that can change what a principal may do — an account disabled or deleted,
its roles, grants or unit changed, a key revoked or changed, a unit moved (which moves the paths
of every jurisdiction below it) — sends `NOTIFY qcdc_principals` in its own transaction. PostgreSQL
delivers it to every listening worker, on every machine, when (and only if) that transaction
commits; each worker then forgets that principal (or everyone, for a moved unit).

Safety rules, so that a missed notification can never leave a stale principal in use:
- a worker caches only while its listening connection is up; when it drops, the cache is emptied
  and every request reads the database again until the listener is back;
- a principal read from the database is kept only if no notification arrived while it was being
  read (a generation counter), so a change committed mid-read is not overwritten by the old row;
- entries also expire after `TTL`, a bound for anything this reasoning missed.
SQLite (one machine, the embedded default) keeps the plain read on every request: it has no
notifications, and its reads cost no network round trip.
"""

import asyncio
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import event, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session

from api.auth.models import ApiKey, User
from api.core.access import Principal
from api.units.models import Unit

log = structlog.get_logger(__name__)

CHANNEL = "qcdc_principals"
EVERYONE = "*"
TTL_SECONDS = 300.0
MAX_ENTRIES = 50_000
_CHANGED = "qcdc_principals_changed"
_RETRY_SECONDS = 1.0


def user_key(user_id: uuid.UUID) -> str:
    return f"user:{user_id}"


def api_key_key(prefix: str) -> str:
    return f"api_key:{prefix}"


@dataclass
class CachedPrincipal:
    principal: Principal
    stored_at: float
    # An API key's: its secret's digest (compared on every request), expiry and last use.
    key_hash: str | None = None
    expires_at: datetime | None = None
    last_used_at: datetime | None = None


class PrincipalCache:
    """One worker's principals, valid while its listener is up (see the module's rules)."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, CachedPrincipal] = OrderedDict()
        self.generation = 0
        self.live = False
        self.notified = asyncio.Event()

    def get(self, key: str) -> CachedPrincipal | None:
        entry = self._entries.get(key)
        if entry is None or not self.live:
            return None
        if time.monotonic() - entry.stored_at > TTL_SECONDS:
            del self._entries[key]
            return None
        return entry

    def put(self, key: str, entry: CachedPrincipal, generation: int) -> None:
        """Keep `entry`, read when the cache was at `generation`, unless anything changed since."""
        if not self.live or generation != self.generation:
            return
        self._entries[key] = entry
        self._entries.move_to_end(key)
        while len(self._entries) > MAX_ENTRIES:
            self._entries.popitem(last=False)

    def forget(self, key: str) -> None:
        self.generation += 1
        if key == EVERYONE:
            self._entries.clear()
        else:
            self._entries.pop(key, None)
        self.notified.set()

    def _go(self, live: bool) -> None:
        self.generation += 1
        self._entries.clear()
        self.live = live

    def _on_notification(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        self.forget(payload)

    async def listen(self, engine: AsyncEngine) -> None:
        """Hold a connection listening on the channel for as long as the app runs (a task the
        app's lifespan starts and cancels), reconnecting after a loss."""
        while True:
            try:
                async with engine.connect() as conn:
                    raw = (await conn.get_raw_connection()).driver_connection
                    assert raw is not None
                    closed = asyncio.Event()
                    raw.add_termination_listener(lambda _connection: closed.set())  # noqa: B023 - awaited below
                    await raw.add_listener(CHANNEL, self._on_notification)
                    self._go(live=True)
                    try:
                        await closed.wait()
                        log.warning("principal_listener_lost")
                    finally:
                        if not raw.is_closed():
                            await raw.remove_listener(CHANNEL, self._on_notification)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("principal_listener_failed", error=str(exc)[:300])
            finally:
                self._go(live=False)
            await asyncio.sleep(_RETRY_SECONDS)


def _changed_keys(session: Session) -> set[str]:
    keys: set[str] = set()
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, User):
            keys.add(user_key(obj.id))
        elif isinstance(obj, ApiKey):
            keys.add(api_key_key(obj.prefix))
        elif isinstance(obj, Unit) and (
            obj in session.deleted or inspect(obj).attrs.path.history.has_changes()
        ):
            keys.add(EVERYONE)
    return keys


@event.listens_for(Session, "before_flush")
def _collect(session: Session, _context: Any, _instances: Any) -> None:
    keys = _changed_keys(session)
    if keys:
        session.info.setdefault(_CHANGED, set()).update(keys)


@event.listens_for(Session, "after_flush")
def _notify(session: Session, _context: Any) -> None:
    """NOTIFY in the writing transaction: delivered when it commits, dropped if it rolls back."""
    keys: set[str] = session.info.pop(_CHANGED, set())
    if not keys:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    for key in sorted(keys):
        connection.execute(text("SELECT pg_notify(:channel, :key)"), {"channel": CHANNEL, "key": key})
