"""Events are appended unsealed without a lock and chained by sealers that take turns: nothing is
lost, skipped, sealed twice or forked, whatever commits when, and tampering is still named."""

import asyncio
import hashlib
import json
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, event, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from typer.testing import CliRunner, Result

from api.core import audit, clock
from api.core.audit import AuditChainHead, AuditEvent
from api.core.db import Database
from api.core.settings import get_settings
from api.main import create_app
from tests.conftest import SECRET, TEST_TODAY, Backend, database_of_its_own, run_alembic, settings_for

BEFORE_SEALING = "54a8e1059ca5"


def _event(action: str = "test.sealing", **values: Any) -> dict[str, Any]:
    """An event as a commit appends it: unsealed."""
    return {
        "occurred_at": clock.now(),
        "actor_type": "system",
        "actor_name": "system",
        "action": action,
        "resource_type": "test",
        "changes": {},
        **values,
    }


async def _append(session: AsyncSession, count: int, action: str = "test.sealing") -> list[int]:
    """Events through the real path: recorded, then inserted by the commit."""
    for i in range(count):
        audit.record(session, action, "test", i, changes={"after": {"i": i}})
    await session.commit()
    return list(await session.scalars(select(AuditEvent.id).where(AuditEvent.action == action)))


async def _positions(session: AsyncSession, ids: list[int]) -> dict[int, int | None]:
    rows = await session.execute(select(AuditEvent.id, AuditEvent.seq).where(AuditEvent.id.in_(ids)))
    return {row.id: row.seq for row in rows}


def _postgres_only(backend: Backend) -> None:
    if backend.name != "postgres":
        pytest.skip("SQLite has one writer at a time: its transactions cannot interleave")


async def test_a_write_is_listed_at_once_and_chained_when_sealed(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    created = await client.post(
        "/api/v1/units", json={"code": "SEAL-1", "name": "Tỉnh Niêm Phong", "kind": "province"}
    )
    unit_id = created.json()["id"]
    listed = (await client.get("/api/v1/audit-events", params={"resource_id": unit_id})).json()["items"]
    assert [(e["action"], e["seq"], e["hash"]) for e in listed] == [("unit.create", None, None)]
    waiting = await audit.verify(session)
    assert waiting.intact and waiting.unsealed >= 1 and waiting.oldest_unsealed_at is not None

    assert await audit.seal(session) >= 1
    (sealed,) = (await client.get("/api/v1/audit-events", params={"resource_id": unit_id})).json()["items"]
    assert sealed["seq"] > 0 and len(sealed["hash"]) == 64
    assert await audit.verify(session) == audit.Verification(waiting.checked + waiting.unsealed, None, None)
    assert await audit.seal(session) == 0


async def test_a_commit_appends_its_events_in_one_statement_and_takes_no_lock(
    session: AsyncSession, backend: Backend
) -> None:
    """STYLE.md 13: nothing on the write path takes a lock every write of the country shares."""
    seen: list[str] = []

    def record(_c: Any, _cursor: Any, sql: str, *_: Any) -> None:
        seen.append(sql)

    event.listen(backend.engine.sync_engine, "before_cursor_execute", record)
    try:
        for i in range(3):
            audit.record(session, "test.sealing", "test", i)
        await session.commit()
    finally:
        event.remove(backend.engine.sync_engine, "before_cursor_execute", record)
    audited = [sql for sql in seen if "audit" in sql or "lock" in sql.lower()]
    assert len(audited) == 1 and audited[0].startswith("INSERT INTO audit_events"), audited


async def test_sealing_continues_the_chain_in_id_order_of_what_is_committed(session: AsyncSession) -> None:
    await audit.seal(session)
    head = await session.scalar(select(AuditChainHead.seq))
    assert head is not None
    ids = await _append(session, 5)
    assert await audit.seal(session, limit=2) == 2
    assert await audit.seal(session) == 3
    positions = await _positions(session, ids)
    assert [positions[i] for i in sorted(ids)] == [head + 1 + n for n in range(5)]
    chain_head = (await session.execute(select(AuditChainHead.seq, AuditChainHead.event_id))).one()
    assert tuple(chain_head) == (head + 5, max(ids))


async def test_a_late_commit_below_a_sealed_id_is_sealed_after_it(session: AsyncSession) -> None:
    """The chain's order is the order of sealing: an id that becomes visible after a higher one
    was sealed is not skipped, it comes next."""
    await audit.seal(session)
    top = await session.scalar(select(func.max(AuditEvent.id))) or 0
    await session.execute(insert(AuditEvent), [_event(id=top + 20)])
    await audit.seal(session)
    await session.execute(insert(AuditEvent), [_event(id=top + 10)])
    assert await audit.seal(session) == 1
    positions = await _positions(session, [top + 10, top + 20])
    assert positions[top + 10] == positions[top + 20] + 1  # type: ignore[operator]
    assert (await audit.verify(session)).intact


async def test_tampering_with_sealed_events_is_named(session: AsyncSession) -> None:
    await _append(session, 4)
    await audit.seal(session)
    rows = (await session.execute(select(AuditEvent.id, AuditEvent.seq).order_by(AuditEvent.seq))).all()
    _, (b, sb), (c, sc), (d, _) = rows[-4:]

    async def broken(change: Callable[[], Any]) -> audit.Verification:
        savepoint = await session.begin_nested()
        await change()
        result = await audit.verify(session)
        await savepoint.rollback()
        return result

    async def swap() -> None:
        await session.execute(update(AuditEvent).where(AuditEvent.id == b).values(seq=-1))
        await session.execute(update(AuditEvent).where(AuditEvent.id == c).values(seq=sb))
        await session.execute(update(AuditEvent).where(AuditEvent.id == b).values(seq=sc))

    reordered = await broken(swap)
    assert reordered.broken_at == c and "reordered" in (reordered.reason or "")

    renumbered = await broken(
        lambda: session.execute(update(AuditEvent).where(AuditEvent.id == b).values(id=d + 1000))
    )
    assert renumbered.broken_at == d + 1000 and "altered" in (renumbered.reason or "")

    cut = await broken(lambda: session.execute(delete(AuditEvent).where(AuditEvent.id == d)))
    assert cut.broken_at == d and "removed from its end" in (cut.reason or "")

    async def rewrite_the_end() -> None:
        row = (await session.execute(select(*audit._COLUMNS).where(AuditEvent.id == d))).one()
        forged = SimpleNamespace(**{**row._mapping, "action": "test.forged"})
        digest = audit.event_digest(forged, row.prev_hash, row.seq)
        await session.execute(
            update(AuditEvent).where(AuditEvent.id == d).values(action="test.forged", hash=digest)
        )

    rewritten = await broken(rewrite_the_end)
    assert rewritten.broken_at == d and "rewritten" in (rewritten.reason or "")

    assert (await audit.verify(session)).intact


async def test_a_crash_between_append_and_seal_loses_nothing(backend: Backend) -> None:
    """Real transactions: events committed, a sealer dying before its commit, a new one sealing."""
    database = Database(backend.engine)
    async with database.session() as s:
        audit.record(s, "test.crash", "test", 1)
        audit.record(s, "test.crash", "test", 2)
    async with database.session(write=False) as s:
        ids = list(await s.scalars(select(AuditEvent.id).where(AuditEvent.action == "test.crash")))

    async def a_sealer_that_dies() -> None:
        async with database.session() as s:
            assert await audit.seal(s) >= 2
            raise RuntimeError("the worker died before its seal committed")

    with pytest.raises(RuntimeError, match="died"):
        await a_sealer_that_dies()
    async with database.session(write=False) as s:
        assert set((await _positions(s, ids)).values()) == {None}
        assert (await audit.verify(s)).unsealed >= 2

    assert await audit.seal_pending(database) >= 2
    async with database.session(write=False) as s:
        assert None not in (await _positions(s, ids)).values()
        result = await audit.verify(s)
    assert result.intact and result.unsealed == 0, result


async def test_appends_never_wait_for_a_sealer_and_sealers_take_turns(backend: Backend) -> None:
    _postgres_only(backend)
    database = Database(backend.engine)
    await audit.seal_pending(database)
    async with database.session() as s:
        audit.record(s, "test.turns", "test")
    holder = database.session_factory(write=True)()
    await holder.begin()
    try:
        assert await audit.seal(holder) >= 1  # holds the head until it commits
        # A write appends and commits while the head is held: nothing on its path waits for it.
        async with asyncio.timeout(5), database.session() as s:
            audit.record(s, "test.turns", "test")
        async with asyncio.timeout(5), database.session() as s:
            assert await audit.seal(s, wait=False) == 0  # left to the sealer at work
        waiting = asyncio.create_task(audit.seal_pending(database))
        await asyncio.sleep(0.3)
        assert not waiting.done()
        await holder.commit()
        assert await asyncio.wait_for(waiting, 5) == 1
    finally:
        await holder.close()
    async with database.session(write=False) as s:
        result = await audit.verify(s)
    assert result.intact and result.unsealed == 0, result


async def test_a_transaction_committing_after_a_later_id_was_sealed(backend: Backend) -> None:
    """Real transactions: the lower id is still in flight while a higher one commits and is
    sealed; it is sealed by the next run, after it."""
    _postgres_only(backend)
    database = Database(backend.engine)
    slow = database.session_factory(write=True)()
    await slow.begin()
    try:
        early = await slow.scalar(insert(AuditEvent).values(_event("test.late")).returning(AuditEvent.id))
        async with database.session() as s:
            audit.record(s, "test.late", "test")
        await audit.seal_pending(database)
        await slow.commit()
    finally:
        await slow.close()
    await audit.seal_pending(database)
    async with database.session(write=False) as s:
        rows = (
            await s.execute(select(AuditEvent.id, AuditEvent.seq).where(AuditEvent.action == "test.late"))
        ).all()
        result = await audit.verify(s)
    positions = dict(sorted((r.id, r.seq) for r in rows))
    later = max(positions)
    assert early is not None and early < later and positions[early] > positions[later]
    assert result.intact and result.unsealed == 0, result


async def test_appends_racing_sealers_end_in_one_chain(
    committing_client: httpx.AsyncClient, backend: Backend
) -> None:
    """Many concurrent writers (HTTP requests and transactions committing out of id order) while
    three sealers run (two leaving a busy head, one waiting for it): one unforked chain, every event sealed exactly once, none skipped."""
    _postgres_only(backend)
    database = Database(backend.engine)
    await audit.seal_pending(database)
    async with database.session(write=False) as s:
        start = await s.scalar(select(AuditChainHead.seq))
        first_id = (await s.scalar(select(func.max(AuditEvent.id)))) or 0
    assert start is not None

    late: list[AsyncSession] = [database.session_factory(write=True)() for _ in range(8)]
    late_ids: list[int] = []

    async def out_of_order() -> None:
        """Eight transactions take their ids, then commit highest id first, each once the one
        before was sealed, so lower ids keep arriving behind sealed higher ones."""
        for s in late:
            await s.begin()
            late_ids.append(
                int(await s.scalar(insert(AuditEvent).values(_event("test.race")).returning(AuditEvent.id)))  # type: ignore[arg-type]
            )
        for s, event_id in sorted(zip(late, late_ids, strict=True), key=lambda pair: -pair[1]):
            await s.commit()
            async with asyncio.timeout(10):
                while True:
                    async with database.session(write=False) as r:
                        if await r.scalar(select(AuditEvent.seq).where(AuditEvent.id == event_id)):
                            break
                    await asyncio.sleep(0.005)

    async def writer(n: int) -> None:
        async with database.session() as s:
            for i in range(3):
                audit.record(s, "test.race", "test", f"{n}-{i}")

    bodies = [
        {
            "code": f"RACE-{i}",
            "name": f"Tỉnh Đua {i}",
            "kind": "province",
            "external_ref": {"source": "committing-test", "id": f"race-{i}"},
        }
        for i in range(10)
    ]
    stop = asyncio.Event()

    async def sealer(wait: bool) -> int:
        """A worker's sealer, its failures failing the test (`run_sealer` would log and go on)."""
        sealed = 0
        while not stop.is_set():
            sealed += await audit.seal_pending(database, wait=wait)
            await asyncio.sleep(0.002)
        return sealed

    sealers = [asyncio.create_task(sealer(wait)) for wait in (False, False, True)]
    try:
        _, _, responses = await asyncio.gather(
            out_of_order(),
            asyncio.gather(*(writer(n) for n in range(16))),
            asyncio.gather(*(committing_client.post("/api/v1/units", json=b) for b in bodies)),
        )
    finally:
        stop.set()
        sealed_by_each = await asyncio.gather(*sealers)
        for s in late:
            await s.close()
    assert [r.status_code for r in responses] == [201] * len(bodies)
    sealed_by_each.append(await audit.seal_pending(database))

    async with database.session(write=False) as s:
        rows = (await s.execute(select(AuditEvent.id, AuditEvent.seq).where(AuditEvent.id > first_id))).all()
        end = await s.scalar(select(AuditChainHead.seq))
        result = await audit.verify(s)
    assert result.intact and result.unsealed == 0, result
    seqs = sorted(r.seq for r in rows)
    # Every event of the race holds one position of its own, and together they are exactly the
    # positions the chain grew by: none forked, skipped or sealed twice.
    assert seqs == list(range(start + 1, start + 1 + len(rows))) and end == start + len(rows)
    assert sum(sealed_by_each) == len(rows) >= 8 + 16 * 3 + len(bodies)
    by_id = {r.id: r.seq for r in rows}
    assert all(by_id[a] > by_id[b] for a, b in zip(sorted(late_ids), sorted(late_ids)[1:], strict=False))


async def test_the_app_seals_in_its_lifespan(backend: Backend, tmp_path: Path) -> None:
    settings = settings_for(str(backend.settings.database_url), tmp_path).model_copy(
        update={"audit_seal_seconds": 0.05}
    )
    app = create_app(settings, spa_dist=None)
    database = Database(backend.engine)
    async with app.router.lifespan_context(app):
        async with database.session() as s:
            audit.record(s, "test.lifespan", "test")
        async with asyncio.timeout(10):
            while True:
                async with database.session(write=False) as s:
                    seqs = list(
                        await s.scalars(select(AuditEvent.seq).where(AuditEvent.action == "test.lifespan"))
                    )
                if None not in seqs:
                    break
                await asyncio.sleep(0.05)


async def test_the_commands_seal_and_verify(
    backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pin_today: Callable[[date], None]
) -> None:
    from api.cli import app

    for name, value in {
        "QCDC_ENVIRONMENT": "test",
        "QCDC_DATABASE_URL": str(backend.settings.database_url),
        "QCDC_DATA_DIR": str(tmp_path),
        "QCDC_SECRET_KEY": SECRET,
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    database = Database(backend.engine)

    async def qcdc(*args: str) -> Result:
        # In a thread: the command runs an event loop of its own.
        return await asyncio.to_thread(CliRunner().invoke, app, list(args))

    try:
        async with database.session() as s:
            await s.execute(insert(AuditEvent), [_event("test.cli")])
        sealed = await qcdc("audit", "seal")
        assert sealed.exit_code == 0 and "sealed" in sealed.output, sealed.output
        verified = await qcdc("audit", "verify")
        assert verified.exit_code == 0 and "intact" in verified.output, verified.output
        assert "0 unsealed" in verified.output

        async with database.session() as s:
            await s.execute(
                insert(AuditEvent), [_event("test.cli", occurred_at=clock.now() - timedelta(hours=1))]
            )
        stale = await qcdc("audit", "verify", "--max-unsealed-age", "60")
        assert stale.exit_code == 2 and "1 unsealed" in stale.output, stale.output
        assert (await qcdc("audit", "seal")).exit_code == 0
        assert (await qcdc("audit", "verify")).exit_code == 0
    finally:
        get_settings.cache_clear()
        pin_today(TEST_TODAY)


@pytest.fixture
async def fresh_engine(backend: Backend, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A database of its own, migrated step by step."""
    async with database_of_its_own(backend, tmp_path, "chain") as engine:
        yield engine


def _chained_at_commit(prev: str, event: dict[str, Any]) -> str:
    """The hash events were given before sealing existed, written out as that code computed it."""
    fields = {k: v for k, v in event.items() if k not in ("id", "prev_hash", "hash")}
    plain = {
        k: str(v) if isinstance(v, uuid.UUID) else v.isoformat() if isinstance(v, datetime) else v
        for k, v in fields.items()
    }
    canonical = json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256((prev + canonical).encode()).hexdigest()


async def test_a_chain_made_before_sealing_stays_valid_and_is_continued(fresh_engine: AsyncEngine) -> None:
    await run_alembic(fresh_engine, "upgrade", BEFORE_SEALING)
    prev, legacy = audit.GENESIS, []
    for event_id in (1, 2, 5):  # ids with a gap, as a rolled-back transaction leaves
        event: dict[str, Any] = {
            "id": event_id,
            "occurred_at": datetime(2026, 11, 20, 8, event_id, 30, 123456, tzinfo=UTC),
            "actor_type": "user",
            "actor_id": uuid.UUID(int=event_id),
            "actor_name": "cán bộ",
            "action": "unit.update",
            "resource_type": "unit",
            "resource_id": str(uuid.UUID(int=100 + event_id)),
            "unit_id": uuid.UUID(int=200 + event_id),
            "request_id": f"r{event_id}",
            "client_address": "203.113.1.10",
            "changes": {"before": {"name": "Xã Cũ"}, "after": {"name": f"Xã Mới {event_id}"}},
        }
        event |= {"prev_hash": prev, "hash": _chained_at_commit(prev, event)}
        legacy.append(event)
        prev = event["hash"]
    async with fresh_engine.begin() as conn:
        await conn.execute(insert(AuditEvent.__table__), legacy)  # type: ignore[arg-type]
        if conn.dialect.name == "postgresql":
            await conn.execute(text("SELECT setval(pg_get_serial_sequence('audit_events', 'id'), 5)"))
    await run_alembic(fresh_engine, "upgrade", "head")

    database = Database(fresh_engine)
    async with database.session(write=False) as s:
        assert await audit.verify(s) == audit.Verification(3, None, None)
        head = (await s.execute(select(AuditChainHead.seq, AuditChainHead.legacy_until))).one()
    assert tuple(head) == (5, 5)

    async with database.session() as s:
        audit.record(s, "unit.create", "unit", uuid.uuid4())
        audit.record(s, "unit.update", "unit", uuid.uuid4(), changes={"after": {"name": "Xã Tiếp"}})
    with pytest.raises(RuntimeError, match="qcdc audit seal"):
        await run_alembic(fresh_engine, "downgrade", BEFORE_SEALING)
    assert await audit.seal_pending(database) == 2
    async with database.session(write=False) as s:
        assert await audit.verify(s) == audit.Verification(5, None, None)
        assert list(await s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq))) == [1, 2, 5, 6, 7]

    async with database.session() as s:
        await s.execute(update(AuditEvent).where(AuditEvent.id == 2).values(actor_name="người khác"))
        altered = await audit.verify(s)
        await s.execute(update(AuditEvent).where(AuditEvent.id == 2).values(actor_name="cán bộ"))
    assert altered.broken_at == 2 and "altered" in (altered.reason or "")

    await run_alembic(fresh_engine, "downgrade", BEFORE_SEALING)
    async with fresh_engine.connect() as conn:
        assert (
            await conn.execute(text("SELECT count(*) FROM audit_events WHERE hash IS NULL"))
        ).scalar() == 0


async def test_a_slow_round_makes_the_sealer_rest_in_proportion(monkeypatch: pytest.MonkeyPatch) -> None:
    """While an import's uncommitted events make each look for unsealed events slow, the sealer
    rests `SEAL_REST_FACTOR` times as long as its round took, never less than its interval (a
    fake clock: the rounds take 0.01 s, then 0.3 s)."""
    now = [0.0]
    rounds = iter([0.01, 0.3, 0.3])
    rests: list[float] = []

    async def seal_pending(*_: Any, **__: Any) -> int:
        now[0] += next(rounds)
        return 0

    async def sleep(seconds: float) -> None:
        rests.append(seconds)
        if len(rests) == 3:
            raise asyncio.CancelledError

    monkeypatch.setattr(audit, "seal_pending", seal_pending)
    monkeypatch.setattr(audit, "monotonic", lambda: now[0])
    monkeypatch.setattr(asyncio, "sleep", sleep)
    with pytest.raises(asyncio.CancelledError):
        await audit.run_sealer(SimpleNamespace(), every=1.0)  # type: ignore[arg-type]
    assert rests == pytest.approx([1.0, 0.3 * audit.SEAL_REST_FACTOR, 0.3 * audit.SEAL_REST_FACTOR])
