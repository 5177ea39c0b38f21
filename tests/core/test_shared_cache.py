"""Principals and reference data are kept by each worker between requests, and forgotten by every
worker the moment they change (api/core/shared_cache.py)."""

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, event, select

from api.auth.models import User, principal_key
from api.calendar.models import CalendarDay
from api.core.db import Database, create_engine
from api.core.shared_cache import ProcessCache
from api.main import create_app
from api.petitions.models import Petition
from api.units.models import LineageEdge, Reorganization, Unit
from tests.conftest import Backend
from tests.factories import access_token, create_unit, create_user
from tests.petitions.conftest import case


def test_a_value_read_while_a_change_arrived_is_not_kept() -> None:
    cache = ProcessCache()
    cache._go(live=True)
    generation = cache.generation
    cache.forget(principal_key("user", uuid.uuid4()))  # a notification arrives while reading
    cache.put("principal:user:x", "old", generation)
    assert cache.get("principal:user:x") is None
    cache.put("principal:user:x", "new", cache.generation)
    cache.put("reference:calendar", {}, cache.generation)
    assert cache.get("principal:user:x") == "new"
    cache.forget("principal:*")
    assert cache.get("principal:user:x") is None
    assert cache.get("reference:calendar") == {}


def test_nothing_is_kept_while_the_listener_is_down() -> None:
    cache = ProcessCache()
    cache.put("principal:user:y", "value", cache.generation)
    assert cache.get("principal:user:y") is None


@asynccontextmanager
async def worker(backend: Backend) -> AsyncIterator[tuple[httpx.AsyncClient, Any, list[str]]]:
    """One worker: its own engine, pool, principal cache and listener, like a uvicorn process."""
    database = Database(create_engine(backend.settings))
    statements: list[str] = []
    event.listen(database.engine.sync_engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    app = create_app(backend.settings, database=database, spa_dist=None)
    async with app.router.lifespan_context(app):
        for _ in range(100):
            if app.state.cache.live:
                break
            await asyncio.sleep(0.05)
        assert app.state.cache.live, "the listener did not connect"
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client, app, statements
    await database.dispose()


MakeUser = Callable[[str], Awaitable[User]]


@pytest.fixture
async def committed_user(backend: Backend) -> AsyncIterator[MakeUser]:
    """Accounts committed for real, as the workers of their own cannot see the test's transaction
    (deleted afterwards); PostgreSQL only, whose notifications reach the workers."""
    if backend.name != "postgres":
        pytest.skip("notifications across workers are PostgreSQL's")
    database = Database(backend.engine)
    made: list[uuid.UUID] = []

    async def make(role: str) -> User:
        async with database.session() as session:
            user = await create_user(session, username=f"cache-{role}-{uuid.uuid4().hex[:6]}", roles=[role])
        made.append(user.id)
        return user

    yield make
    async with database.session() as session:
        await session.execute(delete(User).where(User.id.in_(made)))


async def test_a_disabled_account_is_refused_by_every_worker(
    backend: Backend, committed_user: MakeUser
) -> None:
    admin, officer = await committed_user("admin"), await committed_user("viewer")
    as_admin = {"Authorization": f"Bearer {access_token(backend.settings, admin)}"}
    as_officer = {"Authorization": f"Bearer {access_token(backend.settings, officer)}"}
    async with worker(backend) as (a, _, _), worker(backend) as (b, b_app, b_statements):
        assert (await b.get("/api/v1/units", params={"limit": 1}, headers=as_officer)).status_code == 200
        b_statements.clear()
        assert (await b.get("/api/v1/units", params={"limit": 1}, headers=as_officer)).status_code == 200
        # Warm: the request reads only what it asked for.
        assert not [s for s in b_statements if "FROM users" in s], b_statements
        assert len(b_statements) == 1, b_statements

        read = await a.get(f"/api/v1/users/{officer.id}", headers=as_admin)
        b_app.state.cache.notified.clear()
        disabled = await a.patch(
            f"/api/v1/users/{officer.id}",
            json={"is_active": False},
            headers={**as_admin, "If-Match": read.headers["etag"]},
        )
        assert disabled.status_code == 200, disabled.text
        # PostgreSQL delivers the NOTIFY to every listener when the change commits.
        await asyncio.wait_for(b_app.state.cache.notified.wait(), timeout=5)
        refused = await b.get("/api/v1/units", params={"limit": 1}, headers=as_officer)
        assert refused.status_code == 401
        assert refused.json()["code"] == "account_disabled"


async def test_a_rolled_back_change_tells_no_worker(backend: Backend, committed_user: MakeUser) -> None:
    """NOTIFY belongs to the writing transaction: a change that rolls back evicts nothing."""
    officer = await committed_user("viewer")
    async with worker(backend) as (b, b_app, _):
        as_officer = {"Authorization": f"Bearer {access_token(backend.settings, officer)}"}
        assert (await b.get("/api/v1/units", params={"limit": 1}, headers=as_officer)).status_code == 200
        b_app.state.cache.notified.clear()
        async with (
            backend.engine.connect() as conn,
            Database(backend.engine, bind=conn).session_factory(write=True)() as session,
        ):
            user = await session.get(User, officer.id)
            assert user is not None
            user.is_active = False
            await session.flush()
            await session.rollback()
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(b_app.state.cache.notified.wait(), timeout=0.5)
        assert b_app.state.cache.get(principal_key("user", officer.id)) is not None


async def test_a_new_day_off_reaches_every_workers_calendar(
    backend: Backend, committed_user: MakeUser
) -> None:
    """Reference data too: worker B counts limits from the calendar it keeps; a day off added
    through worker A moves B's next count."""
    admin = await committed_user("admin")
    headers = {"Authorization": f"Bearer {access_token(backend.settings, admin)}"}
    # Monday 7 June 2027 + 1 working day: Tuesday 8 June, unless the 8th is a day off.
    count: dict[str, str | int] = {"start": "2027-06-07", "days": 1, "basis": "working"}
    day_id = None
    try:
        async with worker(backend) as (a, _, _), worker(backend) as (b, b_app, b_statements):
            assert (await b.get("/api/v1/calendar/due-date", params=count, headers=headers)).json()[
                "due_on"
            ] == "2027-06-08"
            b_statements.clear()
            assert (await b.get("/api/v1/calendar/due-date", params=count, headers=headers)).json()[
                "due_on"
            ] == "2027-06-08"
            assert not [s for s in b_statements if "calendar_days" in s], "the calendar is kept"
            b_app.state.cache.notified.clear()
            added = await a.post(
                "/api/v1/calendar/days",
                json={"day": "2027-06-08", "kind": "day_off", "name": "Nghỉ bù (thử)"},
                headers=headers,
            )
            assert added.status_code == 201, added.text
            day_id = added.json()["id"]
            await asyncio.wait_for(b_app.state.cache.notified.wait(), timeout=5)
            assert (await b.get("/api/v1/calendar/due-date", params=count, headers=headers)).json()[
                "due_on"
            ] == "2027-06-09"
    finally:
        if day_id is not None:
            async with Database(backend.engine).session() as session:
                await session.execute(delete(CalendarDay).where(CalendarDay.id == uuid.UUID(day_id)))


async def test_a_unit_a_list_names_is_forgotten_by_every_worker_when_it_moves(
    backend: Backend, committed_user: MakeUser
) -> None:
    """A list filter's unit is kept by the worker (its lookup was a third of a commune page's
    CPU). A commune moved through worker A into another province takes its village along (their
    paths rewritten in bulk, unseen by the ORM): on worker B the village is at once outside the
    first province's jurisdiction, 404, not a page cut by its old path."""
    database = Database(backend.engine)
    async with database.session() as session:
        home = await create_unit(session, kind="province")
        away = await create_unit(session, kind="province")
        commune = await create_unit(session, kind="commune", parent_id=home.id)
        village = await create_unit(session, kind="village", parent_id=commune.id)
        officer = await create_user(
            session, username=f"cache-officer-{uuid.uuid4().hex[:6]}", roles=["officer"], unit_id=home.id
        )
    admin = await committed_user("admin")
    as_admin = {"Authorization": f"Bearer {access_token(backend.settings, admin)}"}
    as_officer = {"Authorization": f"Bearer {access_token(backend.settings, officer)}"}
    listing = {"within_unit_id": str(village.id)}
    try:
        async with worker(backend) as (a, _, _), worker(backend) as (b, b_app, b_statements):
            assert (await b.get("/api/v1/petitions", params=listing, headers=as_officer)).status_code == 200
            b_statements.clear()
            assert (await b.get("/api/v1/petitions", params=listing, headers=as_officer)).status_code == 200
            assert len(b_statements) == 1, b_statements  # the page alone: the village is kept

            read = await a.get(f"/api/v1/units/{commune.id}", headers=as_admin)
            b_app.state.cache.notified.clear()
            moved = await a.patch(
                f"/api/v1/units/{commune.id}",
                json={"parent_id": str(away.id)},
                headers={**as_admin, "If-Match": read.headers["etag"]},
            )
            assert moved.status_code == 200, moved.text
            await asyncio.wait_for(b_app.state.cache.notified.wait(), timeout=5)
            refused = await b.get("/api/v1/petitions", params=listing, headers=as_officer)
            assert refused.status_code == 404, refused.text
            assert refused.json()["code"] == "unit_not_found"
    finally:
        async with database.session() as session:
            await session.execute(delete(User).where(User.id == officer.id))
            for unit in (village, commune, away, home):
                await session.execute(delete(Unit).where(Unit.id == unit.id))


async def test_a_create_names_a_kept_unit_until_it_moves_away(
    backend: Backend, committed_user: MakeUser
) -> None:
    """A create's units come from the worker's cache too (a commune's officer names it on every
    create), attached to the request's session without a statement; once the commune moves into
    another province through worker A, worker B refuses it at once (422 `unit_not_found`)."""
    database = Database(backend.engine)
    async with database.session() as session:
        home = await create_unit(session, kind="province")
        away = await create_unit(session, kind="province")
        commune = await create_unit(session, kind="commune", parent_id=home.id)
        officer = await create_user(
            session, username=f"cache-officer-{uuid.uuid4().hex[:6]}", roles=["officer"], unit_id=home.id
        )
    admin = await committed_user("admin")
    as_admin = {"Authorization": f"Bearer {access_token(backend.settings, admin)}"}
    as_officer = {"Authorization": f"Bearer {access_token(backend.settings, officer)}"}
    try:
        async with worker(backend) as (a, _, _), worker(backend) as (b, b_app, b_statements):
            for _ in range(2):
                b_statements.clear()
                created = await b.post("/api/v1/petitions", json=case(commune), headers=as_officer)
                assert created.status_code == 201, created.text
            assert not [s for s in b_statements if "FROM units" in s], b_statements
            answer = created.json()
            assert answer["receiving_unit"]["id"] == str(commune.id)
            assert answer["receiving_unit"]["name"] == commune.name
            assert answer["handling_unit"]["id"] == str(commune.id)
            # A write that changes a kept unit changes the session's copy of it, checked against
            # the row's version: a rename through worker B is written, and B names it anew.
            renamed = await b.post(
                "/api/v1/units/reorganizations",
                json={
                    "kind": "rename",
                    "effective_date": "2026-01-01",
                    "legal_basis": "NQ 1/NQ",
                    "predecessor_ids": [str(commune.id)],
                    "successors": [{"unit_id": str(commune.id), "name": "Xã Đổi Tên"}],
                },
                headers=as_admin,
            )
            assert renamed.status_code == 201, renamed.text
            await asyncio.wait_for(b_app.state.cache.notified.wait(), timeout=5)
            again = await b.post("/api/v1/petitions", json=case(commune), headers=as_officer)
            assert again.status_code == 201, again.text
            assert again.json()["receiving_unit"]["name"] == "Xã Đổi Tên"

            read = await a.get(f"/api/v1/units/{commune.id}", headers=as_admin)
            b_app.state.cache.notified.clear()
            moved = await a.patch(
                f"/api/v1/units/{commune.id}",
                json={"parent_id": str(away.id)},
                headers={**as_admin, "If-Match": read.headers["etag"]},
            )
            assert moved.status_code == 200, moved.text
            await asyncio.wait_for(b_app.state.cache.notified.wait(), timeout=5)
            refused = await b.post("/api/v1/petitions", json=case(commune), headers=as_officer)
            assert refused.status_code == 422, refused.text
            assert refused.json()["errors"][0]["field"] == "receiving_unit_id"
            assert refused.json()["code"] == "unit_not_found"
    finally:
        async with database.session() as session:
            await session.execute(delete(Petition).where(Petition.receiving_unit_id == commune.id))
            edges = select(LineageEdge.reorganization_id).where(LineageEdge.predecessor_id == commune.id)
            await session.execute(delete(Reorganization).where(Reorganization.id.in_(edges)))
            await session.execute(delete(User).where(User.id == officer.id))
            for unit in (commune, away, home):
                await session.execute(delete(Unit).where(Unit.id == unit.id))
