"""The audit log records every write with its actor, redacts secrets, and detects tampering."""

import uuid

import httpx
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import audit
from api.core.audit import AuditEvent
from tests.conftest import Backend
from tests.factories import PASSWORD, access_token, create_unit, create_user


async def _realistic_run(
    client: httpx.AsyncClient, anonymous_second: httpx.AsyncClient, session: AsyncSession
) -> str:
    province = await create_unit(session)
    created = await client.post(
        "/api/v1/units",
        json={"code": "AU01", "name": "Xã Nhật Ký", "kind": "commune", "parent_id": str(province.id)},
    )
    unit_id = created.json()["id"]
    await client.patch(f"/api/v1/units/{unit_id}", json={"name": "Xã Nhật Ký Mới"})
    user = await client.post(
        "/api/v1/users",
        json={
            "username": "ghi.chep",
            "full_name": "Ghi Chép",
            "password": PASSWORD,
            "unit_id": unit_id,
            "roles": ["officer"],
        },
    )
    await anonymous_second.post("/api/v1/auth/token", data={"username": "ghi.chep", "password": PASSWORD})
    await anonymous_second.post(
        "/api/v1/auth/token", data={"username": "ghi.chep", "password": "sai-mật-khẩu-rồi"}
    )
    key = await client.post(
        "/api/v1/api-keys", json={"name": "Khóa", "unit_id": unit_id, "scopes": ["units:read"]}
    )
    await client.post(f"/api/v1/api-keys/{key.json()['id']}/revoke")
    return str(user.json()["id"])


async def test_every_write_is_recorded_with_its_actor(
    client: httpx.AsyncClient, anonymous_second: httpx.AsyncClient, session: AsyncSession, admin: object
) -> None:
    # Only this run's events: tests that commit for real (several workers) leave theirs behind.
    since = await session.scalar(select(func.coalesce(func.max(AuditEvent.id), 0)))
    user_id = await _realistic_run(client, anonymous_second, session)
    events = list(
        await session.scalars(select(AuditEvent).where(AuditEvent.id > since).order_by(AuditEvent.id))
    )
    actions = [e.action for e in events]
    for expected in (
        "unit.create",
        "unit.update",
        "user.create",
        "auth.sign_in",
        "auth.sign_in_failed",
        "api_key.create",
        "api_key.update",
    ):
        assert expected in actions, (expected, actions)
    rename = next(e for e in events if e.action == "unit.update")
    assert rename.changes == {"before": {"name": "Xã Nhật Ký"}, "after": {"name": "Xã Nhật Ký Mới"}}
    assert rename.actor_type == "user" and rename.actor_name == "root-admin"
    assert rename.request_id and rename.client_address
    created_user = next(e for e in events if e.action == "user.create")
    assert created_user.changes["after"]["password_hash"] == "[redacted]"
    assert "argon2" not in str([e.changes for e in events])
    # Other tests' committed sign-ins may precede this one: find this test's by its actor.
    sign_in = next(e for e in events if e.action == "auth.sign_in" and e.actor_name == "ghi.chep")
    assert sign_in.resource_id == user_id
    failed = next(e for e in events if e.action == "auth.sign_in_failed")
    assert failed.actor_type == "anonymous" and failed.changes["reason"] == "invalid_credentials"
    key_created = next(e for e in events if e.action == "api_key.create")
    assert key_created.changes["after"]["key_hash"] == "[redacted]"
    await audit.seal(session)
    # Every event is sealed now, this run's and any an earlier test committed and left unsealed.
    every = await session.scalar(select(func.count()).select_from(AuditEvent))
    assert every is not None and every >= len(actions)
    assert await audit.verify(session) == audit.Verification(every, None, None)


async def test_tampering_is_detected(
    client: httpx.AsyncClient, anonymous_second: httpx.AsyncClient, session: AsyncSession
) -> None:
    await _realistic_run(client, anonymous_second, session)
    await audit.seal(session)
    ids = list(await session.scalars(select(AuditEvent.id).order_by(AuditEvent.seq)))
    assert (await audit.verify(session)) == audit.Verification(len(ids), None, None)
    victim = ids[len(ids) // 2]
    await session.execute(update(AuditEvent).where(AuditEvent.id == victim).values(actor_name="someone-else"))
    altered = await audit.verify(session)
    assert altered.broken_at == victim and "altered" in (altered.reason or "")
    await session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": victim})
    removed = await audit.verify(session)
    assert removed.broken_at == ids[ids.index(victim) + 1] and "removed" in (removed.reason or "")


async def test_audit_events_are_listed_within_jurisdiction(
    client: httpx.AsyncClient, anonymous_second: httpx.AsyncClient, backend: Backend, session: AsyncSession
) -> None:
    province = await create_unit(session)
    a = await client.post(
        "/api/v1/units",
        json={"code": "AU-A", "name": "Xã A", "kind": "commune", "parent_id": str(province.id)},
    )
    b = await client.post(
        "/api/v1/units",
        json={"code": "AU-B", "name": "Xã B", "kind": "commune", "parent_id": str(province.id)},
    )
    listed = await client.get(
        "/api/v1/audit-events", params={"resource_type": "unit", "action": "unit.create"}
    )
    assert {e["resource_id"] for e in listed.json()["items"]} >= {a.json()["id"], b.json()["id"]}
    steering = await create_user(
        session, username="ban-chi-dao", roles=["steering_committee"], unit_id=uuid.UUID(a.json()["id"])
    )
    anonymous_second.headers["Authorization"] = f"Bearer {access_token(backend.settings, steering)}"
    seen = await anonymous_second.get("/api/v1/audit-events")
    assert seen.status_code == 200
    assert {e["resource_id"] for e in seen.json()["items"]} == {a.json()["id"]}
    officer = await create_user(
        session, username="can-bo", roles=["officer"], unit_id=uuid.UUID(a.json()["id"])
    )
    anonymous_second.headers["Authorization"] = f"Bearer {access_token(backend.settings, officer)}"
    assert (await anonymous_second.get("/api/v1/audit-events")).status_code == 403


async def test_concurrent_writers_keep_one_chain(
    committing_client: httpx.AsyncClient, backend: Backend
) -> None:
    """Real concurrent transactions append without waiting for each other; the sealer then chains
    them into one chain (tests/audit/test_sealing.py races them against running sealers)."""
    import asyncio

    from api.core.db import Database

    bodies = [
        {
            "code": f"CC-{i}",
            "name": f"Tỉnh Song Song {i}",
            "kind": "province",
            "external_ref": {"source": "committing-test", "id": f"cc-{i}"},
        }
        for i in range(6)
    ]
    responses = await asyncio.gather(*(committing_client.post("/api/v1/units", json=b) for b in bodies))
    assert [r.status_code for r in responses] == [201] * 6
    database = Database(backend.engine)
    assert await audit.seal_pending(database) >= 6
    async with database.session(write=False) as session:
        result = await audit.verify(session)
    assert result.intact and result.unsealed == 0, result


async def test_reorganization_events_fall_in_the_units_jurisdiction(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    province = await create_unit(session)
    a = await create_unit(session, kind="commune", parent_id=province.id)
    b = await create_unit(session, kind="commune", parent_id=province.id)
    merged = await client.post(
        "/api/v1/units/reorganizations",
        json={
            "kind": "merge",
            "effective_date": "2026-01-01",
            "legal_basis": "NQ",
            "predecessor_ids": [str(a.id), str(b.id)],
            "successors": [{"unit_id": str(a.id)}],
        },
    )
    assert merged.status_code == 201
    # This reorganization's (a test that commits may have left another's).
    event = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "reorganization.create", AuditEvent.resource_id == merged.json()["id"]
        )
    )
    assert event is not None and event.unit_id == a.id
