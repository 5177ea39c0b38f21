"""What a worker keeps between requests, and how every worker forgets it the moment it changes.

Three things are read on nearly every request and change rarely: who the principal is (an
account, its roles, grants and jurisdiction's path, or an API key), the unit a list filter names
(a commune's cases, a province's units) and the reference data the law gives (time limits, the
working-day calendar, categories). Each worker keeps them in a
`ProcessCache`, and stays correct because every write that changes one of them sends
`NOTIFY qcdc_changes` naming what changed, in its own transaction: PostgreSQL delivers it to every
listening worker, on every machine, when (and only if) that transaction commits, and each worker
forgets those entries.

A model says what its rows' changes make stale with `cache_keys()` (checked at every flush, for
new, changed and deleted rows): an exact key (`principal:user:<id>`), or a prefix ending in `*`
(`principal:*` after a unit moved, which moves every jurisdiction below it).

Safety rules, so that a missed notification never leaves a stale entry in use:
- a worker keeps entries only while its listening connection is up; when it drops, the cache is
  emptied and every request reads the database until the listener is back;
- a value read from the database is kept only if no notification arrived while it was being
  read (a generation counter), so a change committed mid-read is not overwritten by the old value;
- entries also expire after `TTL_SECONDS`, a bound for anything this reasoning missed.
SQLite (one machine, the embedded default) keeps nothing: it has no notifications, and its reads
cost no network round trip. Nor does a database bound to one outer transaction (the tests').
"""

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import structlog
from sqlalchemy import event, text
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session

from api.core import savepoints

log = structlog.get_logger(__name__)

CHANNEL = "qcdc_changes"
TTL_SECONDS = 300.0
MAX_ENTRIES = 50_000
SESSION_KEY = "qcdc_process_cache"
_CHANGED = "qcdc_cache_changed"
_RETRY_SECONDS = 1.0
T = TypeVar("T")
M = TypeVar("M")


class ProcessCache:
    """One worker's entries, valid while its listener is up (see the module's rules)."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self.generation = 0
        self.live = False
        self.notified = asyncio.Event()
        # A cache of one transaction's (`for_one_transaction`) hears no notifications: it forgets
        # what the transaction's own writes make stale as they are flushed.
        self.of_one_transaction = False

    @classmethod
    def for_one_transaction(cls) -> "ProcessCache":
        """A cache for one long transaction of a job (an import's), on either database: what it
        reads of the data above (units, rules, the calendar, categories) is read once, not once
        per row. Other transactions' changes stay unseen, as in any transaction that read them
        once (they are bounded by `TTL_SECONDS`); its own changes are forgotten as they are
        flushed, and all of it when the transaction is rolled back to a savepoint."""
        cache = cls()
        cache.live = True
        cache.of_one_transaction = True
        return cache

    def clear(self) -> None:
        """Forget everything (a transaction's cache, after a rollback to a savepoint undid changes
        it may have read)."""
        self._go(live=self.live)

    def get(self, key: str) -> Any | None:
        found = self._entries.get(key)
        if found is None or not self.live:
            return None
        stored_at, value = found
        if time.monotonic() - stored_at > TTL_SECONDS:
            del self._entries[key]
            return None
        return value

    def put(self, key: str, value: Any, generation: int) -> None:
        """Keep `value`, read when the cache was at `generation`, unless anything changed since."""
        if not self.live or generation != self.generation:
            return
        self._entries[key] = (time.monotonic(), value)
        self._entries.move_to_end(key)
        while len(self._entries) > MAX_ENTRIES:
            self._entries.popitem(last=False)

    async def get_or_read(self, key: str, read: Callable[[], Awaitable[T]]) -> T:
        """The kept value of `key`, or `read()`'s (kept for the next request when it may be)."""
        found = self.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        generation = self.generation
        value = await read()
        self.put(key, value, generation)
        return value

    def forget(self, key: str) -> None:
        self.generation += 1
        if key.endswith("*"):
            prefix = key[:-1]
            for stale in [k for k in self._entries if k.startswith(prefix)]:
                del self._entries[stale]
        else:
            self._entries.pop(key, None)
        self.notified.set()

    def _go(self, live: bool) -> None:
        self.generation += 1
        self._entries.clear()
        self.live = live

    def _on_notification(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        for key in payload.split("\n"):
            self.forget(key)

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
                        log.warning("cache_listener_lost")
                    finally:
                        if not raw.is_closed():
                            await raw.remove_listener(CHANNEL, self._on_notification)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # any failure: read the database until back
                log.warning("cache_listener_failed", error=str(exc)[:300])
            finally:
                self._go(live=False)
            await asyncio.sleep(_RETRY_SECONDS)


def cache_of(session: AsyncSession) -> ProcessCache | None:
    """The worker's cache a request's session carries (the unit of work attaches it); None for
    commands and jobs, which read the database."""
    found = session.sync_session.info.get(SESSION_KEY)
    return found if isinstance(found, ProcessCache) else None


async def cached(
    session: AsyncSession, key: str, read: Callable[[], Awaitable[T]], *, kept: Callable[[T], T] | None = None
) -> T:
    """`read()`'s value, from the worker's cache when the session carries one; `kept` turns what is
    read into what the cache may keep (e.g. `detached_copies`), only when it is kept."""
    cache = cache_of(session)
    if cache is None:
        return await read()
    if kept is None:
        return await cache.get_or_read(key, read)

    async def read_kept() -> T:
        return kept(await read())

    return await cache.get_or_read(key, read_kept)


async def announce(session: AsyncSession, *keys: str) -> None:
    """Make every worker forget `keys` when this transaction commits, for a change the ORM does not
    see (a bulk `UPDATE`); changes of mapped objects announce themselves (`cache_keys`)."""
    _forget_own(session.sync_session, set(keys))
    if session.get_bind().dialect.name == "postgresql" and keys:
        await session.execute(
            text("SELECT pg_notify(:channel, :keys)"), {"channel": CHANNEL, "keys": "\n".join(sorted(keys))}
        )


def detached_copy(row: M) -> M:
    """A copy of `row` that belongs to no session (see `detached_copies`)."""
    mapper = sa_inspect(row).mapper
    copy: M = mapper.class_(**{attr.key: getattr(row, attr.key) for attr in mapper.column_attrs})
    return copy


def detached_copies(rows: list[M]) -> list[M]:
    """Copies of `rows` that belong to no session, to be kept by the worker and read by any
    request (the session's own instances stay the session's; nothing may write through these)."""
    return [detached_copy(row) for row in rows]


def _forget_own(session: Session, keys: set[str]) -> None:
    """A transaction's own cache forgets at once what the transaction changed (a worker's waits
    for the commit's notification: other requests must not see the change before it commits)."""
    if (cache := own_cache(session)) is not None:
        for key in keys:
            cache.forget(key)


def own_cache(session: Session) -> ProcessCache | None:
    """The cache of the session's one long transaction (`for_one_transaction`), if it has one."""
    cache = session.info.get(SESSION_KEY)
    return cache if isinstance(cache, ProcessCache) and cache.of_one_transaction else None


def _clear_own(session: Session, _mark: None) -> None:
    # What the undone rows had read or changed may be in the transaction's cache.
    if (cache := own_cache(session)) is not None:
        cache.clear()


savepoints.keeps(lambda _session: None, _clear_own)


@event.listens_for(Session, "before_flush")
def _collect(session: Session, _context: Any, _instances: Any) -> None:
    keys: set[str] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        stale = getattr(obj, "cache_keys", None)
        if stale is not None:
            keys |= stale()
    if keys:
        session.info.setdefault(_CHANGED, set()).update(keys)


@event.listens_for(Session, "after_flush")
def _notify(session: Session, _context: Any) -> None:
    """NOTIFY in the writing transaction: delivered when it commits, dropped if it rolls back."""
    keys: set[str] = session.info.pop(_CHANGED, set())
    if not keys:
        return
    _forget_own(session, keys)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        payload = "\n".join(sorted(keys))
        connection.execute(text("SELECT pg_notify(:channel, :keys)"), {"channel": CHANNEL, "keys": payload})
