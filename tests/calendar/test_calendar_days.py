"""The working-day calendar is nationwide reference data: every principal reads it, a nationwide
administrator alone changes it."""

import uuid

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import Backend
from tests.factories import access_token, create_tree, create_user

DAYS = "/api/v1/calendar/days"
NEW_DAY = {"day": "2027-01-06", "kind": "day_off", "name": "Nghỉ thử"}


@pytest.fixture
async def commune_admin(
    backend: Backend, anonymous_second: httpx.AsyncClient, session: AsyncSession
) -> httpx.AsyncClient:
    tree = await create_tree(session)
    admin = await create_user(session, username="qtv-xa-lich", roles=["admin"], unit_id=tree["commune"].id)
    anonymous_second.headers["Authorization"] = f"Bearer {access_token(backend.settings, admin)}"
    return anonymous_second


async def test_only_a_nationwide_administrator_changes_the_calendar(
    client: httpx.AsyncClient, commune_admin: httpx.AsyncClient
) -> None:
    created = await client.post(DAYS, json=NEW_DAY)
    assert created.status_code == 201, created.text
    day, etag = created.json(), created.headers["ETag"]
    # A commune's administrator reads the calendar like everyone ...
    listed = await commune_admin.get(DAYS, params={"year": 2027})
    assert listed.status_code == 200 and day["id"] in {d["id"] for d in listed.json()}
    # ... but neither adds, changes nor removes a day.
    refused = [
        await commune_admin.post(DAYS, json={**NEW_DAY, "day": "2027-01-07"}),
        await commune_admin.put(f"{DAYS}/{day['id']}", json=NEW_DAY, headers={"If-Match": etag}),
        await commune_admin.delete(f"{DAYS}/{day['id']}", headers={"If-Match": etag}),
    ]
    assert [(r.status_code, r.json()["code"]) for r in refused] == [(403, "nationwide_only")] * 3
    assert (await client.get(DAYS, params={"year": 2027})).json() == listed.json()


async def test_a_refused_change_says_nothing_of_which_days_exist(
    client: httpx.AsyncClient, commune_admin: httpx.AsyncClient
) -> None:
    """Refused before anything is looked up, as every reference data (the quota and deadline rules):
    a day that does not exist is the same 403, not a 404."""
    nothing = f"{DAYS}/{uuid.uuid4()}"
    refused = [
        await commune_admin.put(nothing, json=NEW_DAY, headers={"If-Match": '"v1"'}),
        await commune_admin.delete(nothing, headers={"If-Match": '"v1"'}),
    ]
    assert [(r.status_code, r.json()["code"]) for r in refused] == [(403, "nationwide_only")] * 2
    missing = await client.delete(nothing, headers={"If-Match": '"v1"'})
    assert (missing.status_code, missing.json()["code"]) == (404, "calendar_day_not_found")
