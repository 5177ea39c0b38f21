"""Database-backed rate limits: 429 problem with Retry-After, counted across requests that fail."""

from datetime import timedelta

import httpx
from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.db import Database
from api.core.throttle import RateLimit
from api.core.unit_of_work import Public, UnitOfWorkRoute
from api.main import create_app
from tests.conftest import Backend


async def test_limit_answers_429_with_retry_after(backend: Backend, database: Database) -> None:
    app = create_app(backend.settings, database=database, spa_dist=None)
    limit = RateLimit("test-route", limit=2, window=timedelta(minutes=10))

    router = APIRouter(route_class=UnitOfWorkRoute)

    @router.get("/limited", dependencies=[Depends(limit)])
    async def limited(_: None = Public()) -> dict[str, str]:
        return {"ok": "yes"}

    app.include_router(router)

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        statuses = [(await client.get("/limited")).status_code for _ in range(2)]
        refused = await client.get("/limited")
    assert statuses == [200, 200]
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused.headers["retry-after"]) <= 600


async def test_counter_survives_the_requests_rollback(client: httpx.AsyncClient) -> None:
    """Refused (422) official loads still count: the counter commits on its own."""
    for _ in range(10):
        assert (await client.post("/api/v1/units/official-loads", json={"edition": "bad"})).status_code == 422
    limited = await client.post(
        "/api/v1/units/official-loads", json={"edition": "2025", "province_code": "04"}
    )
    assert limited.status_code == 429


async def test_purge_drops_only_what_has_expired(session: AsyncSession) -> None:
    from datetime import UTC, datetime

    from api.core import idempotency, throttle
    from api.core.idempotency import IdempotencyRecord
    from api.core.throttle import RateLimitCounter

    now = datetime.now(UTC)
    session.add_all(
        [
            IdempotencyRecord(scope="s", key="old", fingerprint="f", expires_at=now - timedelta(minutes=1)),
            IdempotencyRecord(scope="s", key="new", fingerprint="f", expires_at=now + timedelta(hours=1)),
            RateLimitCounter(bucket="b", window_start=now - timedelta(days=2), count=3),
            RateLimitCounter(bucket="b", window_start=now, count=1),
        ]
    )
    await session.flush()
    assert await idempotency.purge_expired(session) == 1
    assert await throttle.purge_expired(session) == 1
