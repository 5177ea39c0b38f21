"""Request ids, health, readiness, metrics."""

import uuid

import httpx
import pytest
from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from api.auth.models import User
from api.core.db import Database, create_engine
from api.core.settings import Settings
from api.main import create_app
from tests.conftest import SECRET, Backend
from tests.factories import access_token, create_user


async def test_request_id_is_echoed_or_generated(client: httpx.AsyncClient) -> None:
    given = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made = await client.get("/healthz")
    assert len(made.headers["x-request-id"]) == 32
    hostile = await client.get("/healthz", headers={"X-Request-ID": "x" * 500})
    assert hostile.headers["x-request-id"] != "x" * 500


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ready"}


async def test_readiness_fails_without_database(backend: Backend, tmp_path: object) -> None:
    settings = Settings(
        environment="test",
        database_url="postgresql+asyncpg://nobody@127.0.0.1:1/none",
        secret_key=SECRET,
        data_dir=backend.settings.data_dir,
    )
    database = Database(create_engine(settings))
    app = create_app(settings, database=database, spa_dist=None)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/readyz")
    await database.dispose()
    assert response.status_code == 503
    assert response.json()["code"] == "database_unavailable"
    assert response.headers["retry-after"] == "1"


async def test_unreachable_database_is_a_retryable_503(backend: Backend, session: AsyncSession) -> None:
    """A connection that cannot be opened (server restarting, refusing, out of slots) is the same
    retryable 503 as one lost mid-query, wherever the request first needs the database."""
    user = await create_user(session, username="ops-unreachable", roles=["admin"], unit_id=None)
    settings = backend.settings.model_copy(
        update={"database_url": "postgresql+asyncpg://nobody@127.0.0.1:1/none"}
    )
    database = Database(create_engine(settings))
    app = create_app(settings, database=database, spa_dist=None)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    headers = {"Authorization": f"Bearer {access_token(backend.settings, user)}", "Idempotency-Key": "k-1"}
    async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as client:
        read = await client.get("/api/v1/units", params={"limit": 1})
        write = await client.post("/api/v1/units", json={"code": "X", "name": "X", "kind": "province"})
    await database.dispose()
    for response in (read, write):
        assert response.status_code == 503, response.text
        assert response.json()["code"] == "database_unavailable"
        assert response.headers["retry-after"] == "1"


async def test_metrics_count_requests_by_route(client: httpx.AsyncClient) -> None:
    await client.get("/api/v1/units", params={"limit": 1})
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200
    assert 'qcdc_http_requests_total{method="GET",route="/api/v1/units",status="200"}' in metrics.text
    assert "qcdc_http_request_duration_seconds_bucket" in metrics.text


async def test_lost_database_connection_is_a_retryable_503(backend: Backend) -> None:
    """A pooled connection the server dropped fails one request with 503; the next one succeeds."""
    if backend.name != "postgres":
        pytest.skip("only a server can drop a connection")
    database = Database(create_engine(backend.settings.model_copy(update={"database_pool_size": 1})))
    async with database.session() as session:
        user = await create_user(session, username=f"ops-{uuid.uuid4().hex[:8]}", roles=["viewer"])
    app = create_app(backend.settings, database=database, spa_dist=None)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    headers = {"Authorization": f"Bearer {access_token(backend.settings, user)}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as client:
        assert (await client.get("/api/v1/units", params={"limit": 1})).status_code == 200
        async with database.engine.connect() as conn:
            pid = await conn.scalar(text("SELECT pg_backend_pid()"))
        async with backend.engine.connect() as admin:
            await admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        lost = await client.get("/api/v1/units", params={"limit": 1})
        again = await client.get("/api/v1/units", params={"limit": 1})
    async with database.session() as session:
        await session.execute(delete(User).where(User.id == user.id))
    await database.dispose()
    assert lost.status_code == 503
    assert lost.json()["code"] == "database_unavailable"
    assert lost.headers["retry-after"] == "1"
    assert again.status_code == 200


async def test_no_free_connection_is_a_retryable_503(backend: Backend) -> None:
    """A request that waited the pool's whole timeout for a connection (all busy: an overload, or a
    database slow to answer) is the retryable 503, not a 500; nothing was written."""
    engine = create_async_engine(
        backend.settings.resolved_database_url, pool_size=1, max_overflow=0, pool_timeout=0.1
    )
    database = Database(engine)
    app = create_app(backend.settings, database=database, spa_dist=None)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    # A signed token: reading its principal is the request's first need of the database.
    headers = {"Authorization": f"Bearer {access_token(backend.settings, User(id=uuid.uuid4()))}"}
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as client,
        engine.connect() as held,
    ):
        await held.execute(text("SELECT 1"))
        response = await client.get("/api/v1/units", params={"limit": 1})
    await database.dispose()
    assert response.status_code == 503, response.text
    assert response.json()["code"] == "database_unavailable"
    assert response.headers["retry-after"] == "1"
