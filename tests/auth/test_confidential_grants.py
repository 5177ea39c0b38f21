"""Who may give the right to read denouncers' identities (`petitions:confidential`, a state secret):
only a holder of `users:grant_confidential`, inside its jurisdiction, never to itself; every grant
and revocation is audited, and a steering committee lists the holders of its jurisdiction."""

import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service
from api.auth.models import ApiKey, User
from api.core.audit import PENDING
from api.core.db import Database
from api.core.security import digest
from api.units.models import Unit
from tests.conftest import Backend, app_client
from tests.factories import PASSWORD, access_token, create_unit, create_user

CONFIDENTIAL = "petitions:confidential"
GRANTOR = "users:grant_confidential"


class People:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def build(self) -> "People":
        s = self.session
        self.province: Unit = await create_unit(s, name="Tỉnh Thử")
        self.commune: Unit = await create_unit(s, name="Xã Thử", kind="commune", parent_id=self.province.id)
        self.other: Unit = await create_unit(s, name="Tỉnh Khác")
        self.admin = await create_user(s, username="admin-tinh", roles=["admin"], unit_id=self.province.id)
        self.grantor = await create_user(
            s, username="truong-ban", roles=["admin"], grants=[GRANTOR], unit_id=self.province.id
        )
        self.officer = await create_user(s, username="can-bo-xa", roles=["officer"], unit_id=self.commune.id)
        self.elsewhere = await create_user(
            s, username="can-bo-khac", roles=["officer"], unit_id=self.other.id
        )
        self.committee = await create_user(
            s, username="ban-chi-dao", roles=["steering_committee"], unit_id=self.province.id
        )
        return self


@pytest.fixture
async def people(session: AsyncSession) -> People:
    return await People(session).build()


@pytest.fixture
async def as_user(backend: Backend, database: Database) -> AsyncIterator[Any]:
    """Opens a client signed in as a given user."""
    async with AsyncExitStack() as stack:

        async def open_for(user: User) -> httpx.AsyncClient:
            headers = {"Authorization": f"Bearer {access_token(backend.settings, user)}"}
            return await stack.enter_async_context(app_client(backend.settings, database, headers))

        yield open_for


def refused(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    return body


async def test_only_a_grantor_grants_the_confidential_read(
    client: httpx.AsyncClient, people: People, as_user: Any, session: AsyncSession
) -> None:
    admin = await as_user(people.admin)
    url = f"/api/v1/users/{people.officer.id}"

    # An administrator, even of the whole country, may not hand out the state secret...
    for who in (admin, client):
        body = refused(await who.patch(url, json={"grants": [CONFIDENTIAL]}), 403, "permission_denied")
        assert body["required_permission"] == GRANTOR
    new_user = {
        "username": "thanh.tra",
        "full_name": "Thanh tra viên",
        "password": PASSWORD,
        "unit_id": str(people.commune.id),
        "roles": ["officer"],
        "grants": [CONFIDENTIAL],
    }
    refused(await admin.post("/api/v1/users", json=new_user), 403, "permission_denied")
    # ...nor give it to itself.
    refused(
        await admin.patch(f"/api/v1/users/{people.admin.id}", json={"grants": [CONFIDENTIAL]}),
        403,
        "permission_denied",
    )
    # Other changes of a holder's record need no grantor when the grants stay as they are.
    await session.refresh(people.officer)
    assert people.officer.grants == []

    grantor = await as_user(people.grantor)
    granted = await grantor.patch(url, json={"grants": [CONFIDENTIAL]})
    assert granted.status_code == 200, granted.text
    assert granted.json()["grants"] == [CONFIDENTIAL]
    renamed = await admin.patch(url, json={"full_name": "Cán bộ xã", "grants": [CONFIDENTIAL]})
    assert renamed.status_code == 200, renamed.text
    created = await grantor.post("/api/v1/users", json=new_user)
    assert created.status_code == 201, created.text

    # Never to itself, never outside its jurisdiction, and the right to grant only from the top.
    refused(
        await grantor.patch(f"/api/v1/users/{people.grantor.id}", json={"grants": [GRANTOR, CONFIDENTIAL]}),
        403,
        "cannot_grant_self",
    )
    refused(
        await grantor.patch(f"/api/v1/users/{people.elsewhere.id}", json={"grants": [CONFIDENTIAL]}),
        404,
        "user_not_found",
    )
    refused(
        await grantor.patch(url, json={"grants": [CONFIDENTIAL, GRANTOR]}),
        403,
        "nationwide_only",
    )
    revoked = await grantor.patch(url, json={"grants": []})
    assert revoked.status_code == 200 and revoked.json()["grants"] == []

    # Every grant and revocation is in the audit log: who gave what to whom.
    audit = await client.get("/api/v1/audit-events", params={"resource_id": str(people.officer.id)})
    events = [(e["action"], e["actor_name"], e["changes"]) for e in audit.json()["items"]]
    grants = [e for e in events if e[0] in ("user.grant", "user.revoke")]
    expected = {"permission": CONFIDENTIAL, "user_id": str(people.officer.id), "username": "can-bo-xa"}
    assert grants == [
        ("user.revoke", "truong-ban", {"after": expected}),
        ("user.grant", "truong-ban", {"after": expected}),
    ]
    created_events = await client.get(
        "/api/v1/audit-events", params={"resource_id": created.json()["id"], "action": "user.grant"}
    )
    assert [e["actor_name"] for e in created_events.json()["items"]] == ["truong-ban"]
    # The province sees them too: they fall in the person's unit.
    own = await grantor.get("/api/v1/audit-events", params={"action": "user.grant"})
    assert {e["unit_id"] for e in own.json()["items"]} == {str(people.commune.id)}


async def test_keys_never_hold_the_confidential_permissions(
    client: httpx.AsyncClient, people: People, as_user: Any, session: AsyncSession
) -> None:
    """A key is a system, not a named person: even a holder cannot pass the secret on to one."""
    holder = await create_user(
        session, username="giu-ca-hai", roles=["admin"], grants=[CONFIDENTIAL, GRANTOR], unit_id=None
    )
    as_holder = await as_user(holder)
    for who, scope, code in (
        (client, CONFIDENTIAL, "scope_exceeds_creator"),
        (as_holder, CONFIDENTIAL, "personal_permission"),
        (as_holder, GRANTOR, "personal_permission"),
    ):
        body = {"name": "Hệ thống", "unit_id": str(people.province.id), "scopes": ["petitions:read", scope]}
        refused(await who.post("/api/v1/api-keys", json=body), 422, code)
    # A key made before the rule keeps none of them.
    session.add(
        ApiKey(
            id=uuid.uuid4(),
            name="Cũ",
            prefix="oooooooo",
            key_hash=digest("o" * 43),
            unit_id=people.province.id,
            scopes=["petitions:read", CONFIDENTIAL],
        )
    )
    await session.flush()
    me = await client.get("/api/v1/auth/me", headers={"X-API-Key": "qcdc_oooooooo_" + "o" * 43})
    assert me.json()["permissions"] == ["petitions:read"]


async def test_a_steering_committee_lists_the_holders_of_its_jurisdiction(
    client: httpx.AsyncClient, people: People, as_user: Any, session: AsyncSession
) -> None:
    for user in (people.officer, people.elsewhere):
        user.grants = [CONFIDENTIAL]
    inactive = await create_user(
        session, username="da-nghi", grants=[CONFIDENTIAL], unit_id=people.commune.id, is_active=False
    )
    await session.flush()
    committee = await as_user(people.committee)
    url = "/api/v1/users/confidential-holders"
    first = await committee.get(url, params={"limit": 1})
    assert first.status_code == 200, first.text
    rest = await committee.get(url, params={"limit": 1, "cursor": first.json()["next_cursor"]})
    names = [u["username"] for u in first.json()["items"] + rest.json()["items"]]
    assert names == ["can-bo-xa", "da-nghi"] and rest.json()["next_cursor"] is None
    active = await committee.get(url, params={"is_active": True})
    assert [u["username"] for u in active.json()["items"]] == ["can-bo-xa"]
    grantors = await committee.get(url, params={"permission": GRANTOR})
    assert [u["username"] for u in grantors.json()["items"]] == ["truong-ban"]
    refused(await committee.get(url, params={"permission": "units:read"}), 422, "validation_failed")
    everyone = await client.get(url)
    assert {u["username"] for u in everyone.json()["items"]} == {
        "can-bo-xa",
        "can-bo-khac",
        inactive.username,
    }
    viewer = await create_user(session, username="xem", roles=["viewer"], unit_id=people.province.id)
    refused(await (await as_user(viewer)).get(url), 403, "permission_denied")


async def test_the_operator_appoints_the_first_grantor(session: AsyncSession, people: People) -> None:
    """`qcdc users grant <username> users:grant_confidential`: the bootstrap administrator holds
    neither permission; whoever runs the server appoints the first grantor, and it is audited."""
    user = await service.operator_grant(session, "admin-tinh", GRANTOR, grant=True)
    assert user.grants == [GRANTOR]
    pending = session.sync_session.info[PENDING]
    assert [
        (e["changes"]["after"]["permission"], e["actor"].name) for e in pending if e["action"] == "user.grant"
    ] == [(GRANTOR, "qcdc users grant")]
    again = await service.operator_grant(session, "admin-tinh", GRANTOR, grant=False)
    assert again.grants == []
    with pytest.raises(service.GrantRefused):
        await service.operator_grant(session, "admin-tinh", "units:write", grant=True)
    with pytest.raises(service.GrantRefused):
        await service.operator_grant(session, "khong-co", GRANTOR, grant=True)
    assert (await session.scalar(select(User.grants).where(User.username == "admin-tinh"))) == []
