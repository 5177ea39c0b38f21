"""Principals are kept by each worker between requests, and forgotten by every worker the moment
they change (api/auth/principal_cache.py)."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, event

from api.auth.models import User
from api.auth.principal_cache import EVERYONE, CachedPrincipal, PrincipalCache, user_key
from api.core.access import SYSTEM
from api.core.db import Database, create_engine
from api.main import create_app
from tests.conftest import Backend
from tests.factories import access_token, create_user


def test_a_principal_read_while_a_change_arrived_is_not_kept() -> None:
    cache = PrincipalCache()
    cache._go(live=True)
    entry = CachedPrincipal(SYSTEM, stored_at=0.0)
    generation = cache.generation
    cache.forget(user_key(uuid.uuid4()))  # a notification arrives while the row is being read
    cache.put("user:x", entry, generation)
    assert cache.get("user:x") is None
    cache.put("user:x", entry, cache.generation)
    assert cache.get("user:x") is None  # stored at 0: older than the TTL
    cache.put("user:y", CachedPrincipal(SYSTEM, stored_at=float("inf")), cache.generation)
    assert cache.get("user:y") is not None
    cache.forget(EVERYONE)
    assert cache.get("user:y") is None


def test_nothing_is_kept_while_the_listener_is_down() -> None:
    cache = PrincipalCache()
    cache.put("user:y", CachedPrincipal(SYSTEM, stored_at=float("inf")), cache.generation)
    assert cache.get("user:y") is None


@asynccontextmanager
async def worker(backend: Backend) -> AsyncIterator[tuple[httpx.AsyncClient, Any, list[str]]]:
    """One worker: its own engine, pool, principal cache and listener, like a uvicorn process."""
    database = Database(create_engine(backend.settings))
    statements: list[str] = []
    event.listen(database.engine.sync_engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    app = create_app(backend.settings, database=database, spa_dist=None)
    async with app.router.lifespan_context(app):
        for _ in range(100):
            if app.state.principals.live:
                break
            await asyncio.sleep(0.05)
        assert app.state.principals.live, "the listener did not connect"
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client, app, statements
    await database.dispose()


async def test_a_disabled_account_is_refused_by_every_worker(backend: Backend) -> None:
    if backend.name != "postgres":
        pytest.skip("notifications across workers are PostgreSQL's")
    database = Database(backend.engine)
    async with database.session() as session:
        admin = await create_user(session, username=f"cache-admin-{uuid.uuid4().hex[:6]}", roles=["admin"])
        officer = await create_user(
            session, username=f"cache-officer-{uuid.uuid4().hex[:6]}", roles=["viewer"]
        )
    as_admin = {"Authorization": f"Bearer {access_token(backend.settings, admin)}"}
    as_officer = {"Authorization": f"Bearer {access_token(backend.settings, officer)}"}
    try:
        async with worker(backend) as (a, _, _), worker(backend) as (b, b_app, b_statements):
            assert (await b.get("/api/v1/units", params={"limit": 1}, headers=as_officer)).status_code == 200
            b_statements.clear()
            assert (await b.get("/api/v1/units", params={"limit": 1}, headers=as_officer)).status_code == 200
            # Warm: the request reads only what it asked for.
            assert not [s for s in b_statements if "FROM users" in s], b_statements
            assert len(b_statements) == 1, b_statements

            read = await a.get(f"/api/v1/users/{officer.id}", headers=as_admin)
            b_app.state.principals.notified.clear()
            disabled = await a.patch(
                f"/api/v1/users/{officer.id}",
                json={"is_active": False},
                headers={**as_admin, "If-Match": read.headers["etag"]},
            )
            assert disabled.status_code == 200, disabled.text
            # PostgreSQL delivers the NOTIFY to every listener when the change commits.
            await asyncio.wait_for(b_app.state.principals.notified.wait(), timeout=5)
            refused = await b.get("/api/v1/units", params={"limit": 1}, headers=as_officer)
            assert refused.status_code == 401
            assert refused.json()["code"] == "account_disabled"
    finally:
        async with database.session() as session:
            await session.execute(delete(User).where(User.id.in_([admin.id, officer.id])))


async def test_a_rolled_back_change_tells_no_worker(backend: Backend) -> None:
    """NOTIFY belongs to the writing transaction: a change that rolls back evicts nothing."""
    if backend.name != "postgres":
        pytest.skip("notifications across workers are PostgreSQL's")
    database = Database(backend.engine)
    async with database.session() as session:
        officer = await create_user(session, username=f"cache-rb-{uuid.uuid4().hex[:6]}", roles=["viewer"])
    try:
        async with worker(backend) as (b, b_app, _):
            as_officer = {"Authorization": f"Bearer {access_token(backend.settings, officer)}"}
            assert (await b.get("/api/v1/units", params={"limit": 1}, headers=as_officer)).status_code == 200
            b_app.state.principals.notified.clear()
            async with (
                database.engine.connect() as conn,
                Database(backend.engine, bind=conn).session_factory(write=True)() as session,
            ):
                user = await session.get(User, officer.id)
                assert user is not None
                user.is_active = False
                await session.flush()
                await session.rollback()
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(b_app.state.principals.notified.wait(), timeout=0.5)
            assert b_app.state.principals.get(user_key(officer.id)) is not None
    finally:
        async with database.session() as session:
            await session.execute(delete(User).where(User.id == officer.id))
