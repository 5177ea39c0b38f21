"""Idempotency-Key: one write per key, replayed answers, refused reuse, and concurrent retries."""

import asyncio
import uuid

import httpx
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.units.models import Unit
from tests.conftest import Backend
from tests.factories import create_unit


async def _count_code(session: AsyncSession, code: str) -> int:
    return int(await session.scalar(select(func.count()).select_from(Unit).where(Unit.code == code)) or 0)


async def test_retry_returns_first_answer_without_second_write(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    province = await create_unit(session)
    body = {"code": "44001", "name": "Xã Một Lần", "kind": "commune", "parent_id": str(province.id)}
    headers = {"Idempotency-Key": "key-1"}
    first = await client.post("/api/v1/units", json=body, headers=headers)
    assert first.status_code == 201
    # Same JSON, other key order and spacing: the same request.
    retry = await client.post(
        "/api/v1/units",
        content=(
            f'{{"kind":"commune", "name":"Xã Một Lần","code":"44001","parent_id":"{province.id}"}}'
        ).encode(),
        headers={**headers, "content-type": "application/json"},
    )
    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["location"] == first.headers["location"]
    assert retry.headers["etag"] == first.headers["etag"]
    assert retry.headers["idempotent-replayed"] == "true"
    assert await _count_code(session, "44001") == 1


async def test_same_key_other_body_is_422(client: httpx.AsyncClient, session: AsyncSession) -> None:
    province = await create_unit(session)
    headers = {"Idempotency-Key": "key-2"}
    body = {"code": "44002", "name": "Xã Hai", "kind": "commune", "parent_id": str(province.id)}
    assert (await client.post("/api/v1/units", json=body, headers=headers)).status_code == 201
    other = await client.post("/api/v1/units", json={**body, "name": "Xã Khác"}, headers=headers)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"


async def test_failed_request_does_not_consume_the_key(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    province = await create_unit(session)
    headers = {"Idempotency-Key": "key-3"}
    body = {"code": "44003", "name": "Xã Ba", "kind": "village", "parent_id": str(province.id)}
    assert (await client.post("/api/v1/units", json=body, headers=headers)).status_code == 422
    fixed = await client.post("/api/v1/units", json={**body, "kind": "commune"}, headers=headers)
    assert fixed.status_code == 201


async def test_keys_apply_to_every_post(client: httpx.AsyncClient, session: AsyncSession) -> None:
    province = await create_unit(session)
    a = await create_unit(session, kind="commune", parent_id=province.id)
    b = await create_unit(session, kind="commune", parent_id=province.id)
    body = {
        "kind": "merge",
        "effective_date": "2026-01-01",
        "legal_basis": "NQ",
        "predecessor_ids": [str(a.id), str(b.id)],
        "successors": [{"unit_id": str(a.id)}],
    }
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    first = await client.post("/api/v1/units/reorganizations", json=body, headers=headers)
    again = await client.post("/api/v1/units/reorganizations", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    listed = await client.get("/api/v1/units/reorganizations", params={"within_unit_id": str(province.id)})
    assert len(listed.json()["items"]) == 1


async def test_concurrent_retries_write_exactly_once(
    committing_client: httpx.AsyncClient, backend: Backend
) -> None:
    async with backend.engine.begin() as conn:
        await conn.execute(text("DELETE FROM units WHERE external_source = 'committing-test'"))
    body = {
        "code": "CONC-1",
        "name": "Tỉnh Đồng Thời",
        "kind": "province",
        "external_ref": {"source": "committing-test", "id": "conc-1"},
    }
    headers = {"Idempotency-Key": f"concurrent-{uuid.uuid4()}"}
    responses = await asyncio.gather(
        *(committing_client.post("/api/v1/units", json=body, headers=headers) for _ in range(8))
    )
    assert [r.status_code for r in responses] == [201] * 8, [r.text for r in responses]
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 7
    async with backend.engine.connect() as conn:
        count = await conn.scalar(text("SELECT count(*) FROM units WHERE code = 'CONC-1'"))
    assert count == 1


async def test_keys_are_never_shared_between_principals(
    client: httpx.AsyncClient, anonymous_second: httpx.AsyncClient, backend: Backend, session: AsyncSession
) -> None:
    from tests.factories import access_token, create_user

    other = await create_user(session, username="admin-khac", roles=["admin"], unit_id=None)
    anonymous_second.headers["Authorization"] = f"Bearer {access_token(backend.settings, other)}"
    province = await create_unit(session)
    headers = {"Idempotency-Key": "shared-key"}
    first = await client.post(
        "/api/v1/units",
        headers=headers,
        json={"code": "44101", "name": "Xã Một", "kind": "commune", "parent_id": str(province.id)},
    )
    second = await anonymous_second.post(
        "/api/v1/units",
        headers=headers,
        json={"code": "44102", "name": "Xã Hai", "kind": "commune", "parent_id": str(province.id)},
    )
    assert first.status_code == second.status_code == 201
    assert "idempotent-replayed" not in second.headers
