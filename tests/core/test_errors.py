"""Every error the API can return is RFC 9457 problem+json with a stable code, never a stack trace."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.db import Database
from api.main import create_app
from tests.conftest import Backend

PROBLEM = "application/problem+json"


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"urn:qcdc:problem:{code}"
    assert body["title"]
    assert body["detail"]
    assert body["request_id"] == response.headers["x-request-id"]
    return body


async def assert_unknown_routes_and_methods(client: httpx.AsyncClient) -> None:
    """What no route takes, answered alike with or without the SPA's catch-all behind the API."""
    assert_problem(await client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_problem(await client.delete("/api/v1/nothing-here"), 404, "not_found")
    # An id that is not an id names nothing, whatever the method (never 405 for a declared one).
    for method in ("GET", "PATCH", "DELETE"):
        assert_problem(await client.request(method, "/api/v1/units/null,null"), 404, "not_found")
    # A path the contract declares only for other methods.
    token = await client.get("/api/v1/auth/token")
    assert_problem(token, 405, "method_not_allowed")
    assert token.headers["allow"] == "POST"
    put = await client.put("/api/v1/units")
    assert_problem(put, 405, "method_not_allowed")
    assert put.headers["allow"] == "GET, POST"
    # Every method of the path, not only those of the first route that matched it.
    one = await client.put("/api/v1/units/0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11")
    assert_problem(one, 405, "method_not_allowed")
    assert one.headers["allow"] == "GET, PATCH, DELETE"
    patch = await client.patch("/api/v1/units/reorganizations", json={})
    assert_problem(patch, 405, "method_not_allowed")
    assert patch.headers["allow"] == "GET, POST"


async def test_unknown_route_and_method(client: httpx.AsyncClient) -> None:
    await assert_unknown_routes_and_methods(client)


async def test_validation_errors_name_each_field(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/units", json={"code": "", "kind": "castle", "latitude": "north", "extra": 1}
    )
    body = assert_problem(response, 422, "validation_failed")
    fields = {(e["in"], e["field"], e["code"]) for e in body["errors"]}
    assert ("body", "name", "missing") in fields
    assert ("body", "kind", "enum") in fields
    assert ("body", "code", "string_too_short") in fields
    assert ("body", "latitude", "float_type") in fields
    assert ("body", "extra", "extra_forbidden") in fields
    assert {"#/name", "#/extra"} <= {e["pointer"] for e in body["errors"]}
    assert_problem(await client.get("/api/v1/units/not-a-uuid"), 404, "not_found")


async def test_malformed_json_and_wrong_types(client: httpx.AsyncClient) -> None:
    malformed = await client.post(
        "/api/v1/units", content=b'{"code": ', headers={"content-type": "application/json"}
    )
    assert_problem(malformed, 400, "malformed_json")
    not_object = await client.post("/api/v1/units", json=["a"])
    assert_problem(not_object, 422, "validation_failed")
    wrong_type = await client.post("/api/v1/units", json={"code": 5, "name": ["x"], "kind": "province"})
    assert_problem(wrong_type, 422, "validation_failed")


async def test_oversized_body_is_413(client: httpx.AsyncClient) -> None:
    big = b'{"name": "' + b"x" * 2_000_000 + b'"}'
    assert_problem(
        await client.post("/api/v1/units", content=big, headers={"content-type": "application/json"}),
        413,
        "payload_too_large",
    )

    async def stream() -> AsyncIterator[bytes]:
        for _ in range(40):
            yield b"x" * 65536

    chunked = await client.post(
        "/api/v1/units", content=stream(), headers={"content-type": "application/json"}
    )
    assert_problem(chunked, 413, "payload_too_large")


async def test_unexpected_error_is_500_without_internals(backend: Backend, database: Database) -> None:
    app = create_app(backend.settings, database=database, spa_dist=None)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret table users_passwords exploded")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/boom")
    body = assert_problem(response, 500, "internal_error")
    assert "secret" not in response.text
    assert "Traceback" not in response.text
    assert body["detail"] == "An unexpected error occurred. Quote the request id when reporting it."


async def test_database_constraint_race_is_409_not_500(
    client: httpx.AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the unique index catches what the service's check missed (a race), the answer is 409."""
    from api.units.repository import UnitRepository
    from tests.factories import create_unit

    province = await create_unit(session)
    await create_unit(session, code="R1", kind="commune", parent_id=province.id)

    async def never_taken(*_: object) -> bool:
        return False

    monkeypatch.setattr(UnitRepository, "code_taken", never_taken)
    response = await client.post(
        "/api/v1/units",
        json={"code": "R1", "name": "Xã Đua", "kind": "commune", "parent_id": str(province.id)},
    )
    body = assert_problem(response, 409, "constraint_violation")
    assert "INSERT" not in response.text
    assert "units" not in str(body["detail"])
