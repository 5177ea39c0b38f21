"""Signing in and out, token expiry, refresh rotation with reuse detection, throttling, API keys."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from structlog.testing import capture_logs

from api.auth.models import ApiKey
from api.core.security import digest
from tests.conftest import Backend
from tests.factories import PASSWORD, access_token, create_unit, create_user


async def _sign_in(client: httpx.AsyncClient, username: str, password: str = PASSWORD) -> httpx.Response:
    return await client.post("/api/v1/auth/token", data={"username": username, "password": password})


async def test_sign_in_me_and_permissions(anonymous: httpx.AsyncClient, session: AsyncSession) -> None:
    commune = await create_unit(session, kind="province", name="Tỉnh Thử")
    await create_user(
        session, username="lan", full_name="Nguyễn Thị Lan", roles=["officer"], unit_id=commune.id
    )
    signed = await _sign_in(anonymous, "LAN ")
    assert signed.status_code == 200, signed.text
    tokens = signed.json()
    assert tokens["token_type"] == "bearer" and tokens["expires_in"] == 900
    me = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    body = me.json()
    assert body["full_name"] == "Nguyễn Thị Lan" and body["roles"] == ["officer"]
    assert body["unit"]["name"] == "Tỉnh Thử"
    assert "petitions:write" in body["permissions"] and "units:write" not in body["permissions"]
    matrix = await anonymous.get(
        "/api/v1/auth/permissions", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    roles = {r["role"]: r["permissions"] for r in matrix.json()["roles"]}
    assert "petitions:confidential" not in roles["admin"]
    assert "users:grant_confidential" not in roles["admin"]
    assert matrix.json()["grantable"] == ["petitions:confidential", "users:grant_confidential"]


async def test_wrong_password_and_unknown_account_look_the_same(
    anonymous: httpx.AsyncClient, session: AsyncSession
) -> None:
    await create_user(session, username="binh")
    wrong = await _sign_in(anonymous, "binh", "mật-khẩu-sai-hoàn-toàn")
    unknown = await _sign_in(anonymous, "khong-ai-ca", "mật-khẩu-sai-hoàn-toàn")
    assert wrong.status_code == unknown.status_code == 401
    strip = ("request_id",)
    assert {k: v for k, v in wrong.json().items() if k not in strip} == {
        k: v for k, v in unknown.json().items() if k not in strip
    }
    assert wrong.json()["code"] == "invalid_credentials"


async def test_disabled_account_and_expired_token(
    anonymous: httpx.AsyncClient, backend: Backend, session: AsyncSession
) -> None:
    user = await create_user(session, username="cuong")
    token = access_token(backend.settings, user)
    ok = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200
    user.is_active = False
    await session.flush()
    refused = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401 and refused.json()["code"] == "account_disabled"
    signed = await _sign_in(anonymous, "cuong")
    assert signed.status_code == 401 and signed.json()["code"] == "account_disabled"
    expired = access_token(backend.settings, user, ttl=timedelta(seconds=-1))
    late = await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {expired}"})
    assert late.status_code == 401 and late.json()["code"] == "invalid_token"
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert (
        await anonymous.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {forged}"})
    ).status_code == 401


async def test_refresh_rotates_and_reuse_closes_the_session(
    anonymous: httpx.AsyncClient, session: AsyncSession
) -> None:
    await create_user(session, username="dung")
    first = (await _sign_in(anonymous, "dung")).json()
    second = await anonymous.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    reused = await anonymous.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401 and reused.json()["code"] == "refresh_token_reused"
    # The thief's replay closed the family: the legitimate newest token is revoked too.
    after = await anonymous.post("/api/v1/auth/refresh", json={"refresh_token": rotated["refresh_token"]})
    assert after.status_code == 401 and after.json()["code"] == "invalid_refresh_token"


async def test_logout_ends_the_session(anonymous: httpx.AsyncClient, session: AsyncSession) -> None:
    await create_user(session, username="giang")
    tokens = (await _sign_in(anonymous, "giang")).json()
    assert (
        await anonymous.post("/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]})
    ).status_code == 204
    again = await anonymous.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert again.status_code == 401


async def test_failed_sign_ins_are_throttled(committing_client: httpx.AsyncClient, backend: Backend) -> None:
    """Real transactions: the counters must outlive each refused request."""
    from api.core.db import Database

    database = Database(backend.engine)
    async with database.session() as s:
        user = await create_user(s, username=f"throttled-{uuid.uuid4().hex[:6]}")
    client = committing_client
    client.headers.pop("Authorization")
    statuses = [(await _sign_in(client, user.username, "sai-mật-khẩu-lần-nữa")).status_code for _ in range(5)]
    assert statuses == [401] * 5
    blocked = await _sign_in(client, user.username)
    assert blocked.status_code == 429
    assert blocked.json()["code"] == "rate_limited"
    assert int(blocked.headers["retry-after"]) > 0
    # Another account from the same address is not locked out by these failures.
    async with database.session() as s:
        other = await create_user(s, username=f"other-{uuid.uuid4().hex[:6]}")
    assert (await _sign_in(client, other.username)).status_code == 200


async def test_api_keys_shown_once_used_revoked_and_expired(
    client: httpx.AsyncClient, anonymous_second: httpx.AsyncClient, session: AsyncSession
) -> None:
    province = await create_unit(session)
    created = await client.post(
        "/api/v1/api-keys",
        json={
            "name": "Cổng một cửa",
            "unit_id": str(province.id),
            "scopes": ["units:read"],
        },
    )
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    assert key.startswith("qcdc_") and created.json()["prefix"] in key
    shown = await client.get(f"/api/v1/api-keys/{created.json()['id']}")
    assert "key" not in shown.json()
    use = await anonymous_second.get(f"/api/v1/units/{province.id}", headers={"X-API-Key": key})
    assert use.status_code == 200
    revoked = await client.post(f"/api/v1/api-keys/{created.json()['id']}/revoke")
    assert revoked.json()["revoked_at"] is not None
    after = await anonymous_second.get(f"/api/v1/units/{province.id}", headers={"X-API-Key": key})
    assert after.status_code == 401 and after.json()["code"] == "invalid_api_key"

    secret = "e" * 43
    session.add(
        ApiKey(
            id=uuid.uuid4(),
            name="Hết hạn",
            prefix="eeeeeeee",
            key_hash=digest(secret),
            unit_id=None,
            scopes=["units:read"],
            expires_at=datetime.now(UTC) - timedelta(minutes=1),
        )
    )
    await session.flush()
    expired = await anonymous_second.get("/api/v1/units", headers={"X-API-Key": f"qcdc_eeeeeeee_{secret}"})
    assert expired.status_code == 401
    too_much = await client.post(
        "/api/v1/api-keys",
        json={
            "name": "Quá quyền",
            "unit_id": None,
            "scopes": ["petitions:confidential"],
        },
    )
    assert too_much.status_code == 422 and too_much.json()["code"] == "scope_exceeds_creator"


async def test_users_are_managed_within_jurisdiction(
    client: httpx.AsyncClient, anonymous_second: httpx.AsyncClient, backend: Backend, session: AsyncSession
) -> None:
    province = await create_unit(session)
    commune = await create_unit(session, kind="commune", parent_id=province.id)
    created = await client.post(
        "/api/v1/users",
        json={
            "username": "Hoa.NT",
            "full_name": "Nguyễn Thị Hoa",
            "password": PASSWORD,
            "unit_id": str(commune.id),
            "roles": ["officer"],
        },
    )
    assert created.status_code == 201, created.text
    assert created.json()["username"] == "hoa.nt"
    dup = await client.post(
        "/api/v1/users",
        json={
            "username": "hoa.nt",
            "full_name": "X",
            "password": PASSWORD,
            "unit_id": str(commune.id),
            "roles": ["viewer"],
        },
    )
    assert dup.status_code == 409
    signed = await anonymous_second.post(
        "/api/v1/auth/token", data={"username": "hoa.nt", "password": PASSWORD}
    )
    assert signed.status_code == 200
    etag = (await client.get(f"/api/v1/users/{created.json()['id']}")).headers["etag"]
    disabled = await client.patch(
        f"/api/v1/users/{created.json()['id']}", json={"is_active": False}, headers={"If-Match": etag}
    )
    assert disabled.status_code == 200 and disabled.json()["is_active"] is False
    again = await anonymous_second.post(
        "/api/v1/auth/token", data={"username": "hoa.nt", "password": PASSWORD}
    )
    assert again.json()["code"] == "account_disabled"

    # A provincial administrator sees the commune's people, not the nationwide ones.
    provincial = await create_user(session, username="admin-tinh", roles=["admin"], unit_id=province.id)
    anonymous_second.headers["Authorization"] = f"Bearer {access_token(backend.settings, provincial)}"
    names = {u["username"] for u in (await anonymous_second.get("/api/v1/users")).json()["items"]}
    assert names == {"hoa.nt", "admin-tinh"}
    above = await anonymous_second.post(
        "/api/v1/users",
        json={
            "username": "quan.tri",
            "full_name": "X",
            "password": PASSWORD,
            "unit_id": None,
            "roles": ["admin"],
        },
    )
    assert above.status_code == 422 and above.json()["code"] == "unit_outside_jurisdiction"
    self_demote = await anonymous_second.patch(f"/api/v1/users/{provincial.id}", json={"roles": ["viewer"]})
    assert self_demote.status_code == 422 and self_demote.json()["code"] == "cannot_demote_self"


def test_documented_matrix_matches_the_code() -> None:
    from api.auth.permissions import GRANTABLE, ROLE_PERMISSIONS, Role
    from api.core.permissions import Permission
    from api.core.settings import PROJECT_ROOT

    doc = (PROJECT_ROOT / "docs" / "security.md").read_text()
    for permission in Permission:
        cells = [
            "✓" if permission in ROLE_PERMISSIONS[r] else ("grant" if permission in GRANTABLE else "")
            for r in Role
        ]
        row = f"| `{permission.value}` | " + " | ".join(cells) + " |"
        assert row in doc, row


async def test_security_headers_on_every_response(anonymous: httpx.AsyncClient) -> None:
    for response in (await anonymous.get("/healthz"), await anonymous.get("/api/v1/units")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_an_api_key_is_noted_as_used_whatever_the_answer(
    anonymous: httpx.AsyncClient, session: AsyncSession
) -> None:
    """A key's last use is written after the request's own transaction, once it has committed or
    rolled back (a read, a refused write): the request used the key all the same, and noting it
    raises nothing."""
    keys = []
    for letter in "uv":
        secret = letter * 43
        key = ApiKey(
            id=uuid.uuid4(),
            name=f"Cổng thử {letter}",
            prefix=letter * 8,
            key_hash=digest(secret),
            unit_id=None,
            scopes=["units:read"],
        )
        session.add(key)
        keys.append((key, {"X-API-Key": f"qcdc_{letter * 8}_{secret}"}))
    await session.flush()
    (reader, read_with), (refused, refused_with) = keys
    with capture_logs() as logged:
        read = await anonymous.get("/api/v1/units", headers=read_with)
        write = await anonymous.post("/api/v1/units", json={}, headers=refused_with)
    assert (read.status_code, write.status_code) == (200, 403), write.text
    assert [e for e in logged if e["event"] == "deferred_write_failed"] == []
    for key in (reader, refused):
        await session.refresh(key)
        assert key.last_used_at is not None, key.name


async def test_users_are_found_by_name_with_or_without_diacritics(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    """`q` finds every word in the username, the full name or the email, diacritics or not."""
    province = await create_unit(session)
    lan = await create_user(session, username="canbo01", full_name="Nguyễn Thị Lân", unit_id=province.id)
    await create_user(session, username="canbo02", full_name="Trần Văn Lâm", unit_id=province.id)
    await create_user(
        session, username="hoa", full_name="Lê Hoa", email="le.hoa@sonoivu.gov.vn", unit_id=province.id
    )

    async def found(q: str) -> set[str]:
        response = await client.get("/api/v1/users", params={"q": q, "limit": 50})
        assert response.status_code == 200, response.text
        return {u["username"] for u in response.json()["items"]}

    assert await found("Lân") == {"canbo01"}
    assert await found("nguyen lan") == {"canbo01"}
    assert await found("LAN") == {"canbo01"}
    assert await found("sonoivu") == {"hoa"}  # the email
    assert await found("van lam") == {"canbo02"}
    assert await found("thi lam") == set()
    # Kept in step when the name changes.
    etag = (await client.get(f"/api/v1/users/{lan.id}")).headers["etag"]
    renamed = await client.patch(
        f"/api/v1/users/{lan.id}", json={"full_name": "Nguyễn Thị Lụa"}, headers={"If-Match": etag}
    )
    assert renamed.status_code == 200, renamed.text
    assert await found("lua") == {"canbo01"} and await found("Lân") == set()
