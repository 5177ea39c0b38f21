"""Reception sessions over HTTP: CRUD, ETags, filters, search, paging, bad input, jurisdiction."""

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.audit import AuditEvent
from api.units.models import Unit
from tests.conftest import Backend
from tests.core.test_errors import assert_problem
from tests.factories import access_token, create_reception, create_tree, create_unit, create_user

URL = "/api/v1/receptions"


def body(unit: Unit, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit_id": str(unit.id),
        "held_on": "2026-07-06",
        "kind": "regular",
        "place": "Phòng tiếp công dân UBND xã Hòa An",
        "host_name": "Nông Văn Hùng",
        "host_role": "pc_chairman",
        "citizens_received": 7,
        "cases_received": 5,
        "notes": "Đất đai, giải phóng mặt bằng",
    }
    data.update(overrides)
    return data


async def test_create_read_update_delete_with_etag(client: httpx.AsyncClient, session: AsyncSession) -> None:
    tree = await create_tree(session)
    created = await client.post(
        URL, json=body(tree["commune"], external_ref={"source": "motcua-caobang", "id": "TCD-1"})
    )
    assert created.status_code == 201, created.text
    item = created.json()
    assert created.headers["location"] == f"{URL}/{item['id']}"
    assert created.headers["etag"] == '"v1"'
    assert item["unit"] == {
        "id": str(tree["commune"].id),
        "code": tree["commune"].code,
        "name": "Xã Hòa An",
        "kind": "commune",
        "status": "active",
    }
    assert item["mode"] == "in_person"
    assert item["external_ref"] == {"source": "motcua-caobang", "id": "TCD-1"}

    read = await client.get(f"{URL}/{item['id']}")
    assert read.status_code == 200
    etag = read.headers["etag"]
    assert read.json() == item

    updated = await client.patch(
        f"{URL}/{item['id']}",
        json={"kind": "ad_hoc", "citizens_received": 9, "notes": None},
        headers={"If-Match": etag},
    )
    assert updated.status_code == 200, updated.text
    assert (updated.json()["kind"], updated.json()["citizens_received"]) == ("ad_hoc", 9)
    assert updated.json()["notes"] is None
    assert updated.headers["etag"] == '"v2"'

    stale = await client.patch(
        f"{URL}/{item['id']}", json={"citizens_received": 1}, headers={"If-Match": etag}
    )
    assert_problem(stale, 412, "precondition_failed")
    assert stale.json()["current_etag"] == '"v2"'
    assert_problem(
        await client.delete(f"{URL}/{item['id']}", headers={"If-Match": etag}), 412, "precondition_failed"
    )
    assert (await client.get(f"{URL}/{item['id']}")).json()["citizens_received"] == 9

    deleted = await client.delete(f"{URL}/{item['id']}", headers={"If-Match": '"v2"'})
    assert deleted.status_code == 204
    assert_problem(await client.get(f"{URL}/{item['id']}"), 404, "reception_not_found")

    actions = list(
        await session.scalars(
            select(AuditEvent.action).where(AuditEvent.resource_id == item["id"]).order_by(AuditEvent.id)
        )
    )
    assert actions == ["reception.create", "reception.update", "reception.delete"]


async def test_move_to_another_unit_and_search_keys_follow(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    reception = await create_reception(session, tree["commune"], place="Nhà văn hóa xóm Nà Cạn")
    moved = await client.patch(
        f"{URL}/{reception.id}", json={"unit_id": str(tree["ward"].id), "place": "Phường Thục Phán"}
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["unit"]["name"] == "Phường Thục Phán"
    found = await client.get(URL, params={"q": "thuc phan"})
    assert [i["id"] for i in found.json()["items"]] == [str(reception.id)]
    assert (await client.get(URL, params={"q": "na can"})).json()["items"] == []


async def test_validation_errors_name_each_field(client: httpx.AsyncClient, session: AsyncSession) -> None:
    tree = await create_tree(session)
    bad = await client.post(
        URL,
        json={
            "unit_id": "not-a-uuid",
            "held_on": "2026-02-30",
            "kind": "party",
            "host_role": "king",
            "citizens_received": -1,
            "cases_received": 1.5,
            "place": "",
            "surprise": True,
        },
    )
    problem = assert_problem(bad, 422, "validation_failed")
    fields = {(e["in"], e["field"], e["code"]) for e in problem["errors"]}
    assert {
        ("body", "unit_id", "uuid_parsing"),
        ("body", "held_on", "date_from_datetime_parsing"),
        ("body", "kind", "enum"),
        ("body", "host_role", "enum"),
        ("body", "citizens_received", "greater_than_equal"),
        ("body", "cases_received", "int_type"),
        ("body", "place", "string_too_short"),
        ("body", "host_name", "missing"),
        ("body", "surprise", "extra_forbidden"),
    } <= fields
    assert "#/citizens_received" in {e["pointer"] for e in problem["errors"]}

    reception = await create_reception(session, tree["commune"])
    null = await client.patch(f"{URL}/{reception.id}", json={"host_name": None})
    assert_problem(null, 422, "validation_failed")
    negative = await client.patch(f"{URL}/{reception.id}", json={"cases_received": -3})
    assert negative.json()["errors"][0]["field"] == "cases_received"


async def test_dates_must_be_past_and_inside_the_unit_life(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    province = await create_unit(session)
    commune = await create_unit(session, kind="commune", parent_id=province.id, valid_from=date(2025, 7, 1))
    tomorrow = clock.today() + timedelta(days=1)
    future = await client.post(URL, json=body(commune, held_on=tomorrow.isoformat()))
    problem = assert_problem(future, 422, "date_in_future")
    assert problem["errors"] == [
        {
            "in": "body",
            "field": "held_on",
            "pointer": "#/held_on",
            "code": "date_in_future",
            "message": "Record a session on or after the day it is held.",
        }
    ]
    assert (await client.post(URL, json=body(commune, held_on=clock.today().isoformat()))).status_code == 201
    before = await client.post(URL, json=body(commune, held_on="2025-06-30"))
    assert_problem(before, 422, "date_outside_unit_life")
    assert (await client.post(URL, json=body(commune, held_on="2025-07-01"))).status_code == 201

    # A retired unit keeps its history but gets no session after its last day.
    legacy = await create_unit(session, kind="commune", parent_id=province.id)
    legacy.valid_to = date(2025, 7, 1)
    await session.flush()
    assert (await client.post(URL, json=body(legacy, held_on="2025-06-30"))).status_code == 201
    assert_problem(
        await client.post(URL, json=body(legacy, held_on="2025-07-01")), 422, "date_outside_unit_life"
    )
    reception = await create_reception(session, commune, held_on=date(2025, 8, 1))
    moved = await client.patch(f"{URL}/{reception.id}", json={"unit_id": str(legacy.id)})
    assert_problem(moved, 422, "date_outside_unit_life")


async def test_unknown_unit_and_duplicate_external_ref(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    unknown = await client.post(URL, json=body(tree["commune"], unit_id=str(uuid.uuid4())))
    problem = assert_problem(unknown, 422, "unit_not_found")
    assert problem["errors"][0]["field"] == "unit_id"
    ref = {"source": "motcua", "id": "A-1"}
    assert (await client.post(URL, json=body(tree["commune"], external_ref=ref))).status_code == 201
    duplicate = await client.post(URL, json=body(tree["ward"], external_ref=ref))
    assert_problem(duplicate, 409, "duplicate_external_ref")
    other = await create_reception(session, tree["ward"])
    taken = await client.patch(f"{URL}/{other.id}", json={"external_ref": ref})
    assert_problem(taken, 409, "duplicate_external_ref")
    assert_problem(await client.get(f"{URL}/{uuid.uuid4()}"), 404, "reception_not_found")
    # Upsert by external reference: find it, then PATCH it.
    found = await client.get(URL, params={"external_source": "motcua", "external_id": "A-1"})
    assert [i["external_ref"] for i in found.json()["items"]] == [ref]


async def test_filters_search_sort_and_pages(client: httpx.AsyncClient, session: AsyncSession) -> None:
    tree = await create_tree(session)
    chairman = await create_reception(
        session, tree["commune"], held_on=date(2026, 6, 2), host_name="Nông Văn Hùng"
    )
    secretary = await create_reception(
        session,
        tree["commune"],
        held_on=date(2026, 6, 9),
        host_name="Bế Thị Lan",
        host_role="party_secretary",
        notes="Tranh chấp đất đai",
    )
    dialogue = await create_reception(
        session, tree["ward"], held_on=date(2026, 7, 15), kind="dialogue_businesses", mode="online"
    )
    village = await create_reception(
        session, tree["village_a"], held_on=date(2026, 5, 20), host_role="officer"
    )
    foreign = await create_reception(session, tree["other_commune"], held_on=date(2026, 6, 3))

    async def ids(**params: Any) -> list[str]:
        response = await client.get(URL, params=params)
        assert response.status_code == 200, response.text
        return [i["id"] for i in response.json()["items"]]

    assert await ids() == [str(r.id) for r in (dialogue, secretary, foreign, chairman, village)]
    assert await ids(sort="held_on") == [str(r.id) for r in (village, chairman, foreign, secretary, dialogue)]
    assert set(await ids(within_unit_id=str(tree["commune"].id))) == {
        str(r.id) for r in (chairman, secretary, village)
    }
    assert await ids(unit_id=str(tree["ward"].id)) == [str(dialogue.id)]
    assert await ids(host_role=["party_secretary", "officer"]) == [str(secretary.id), str(village.id)]
    assert await ids(kind=["dialogue_businesses", "dialogue_citizens"]) == [str(dialogue.id)]
    assert await ids(mode="online") == [str(dialogue.id)]
    assert await ids(held_from="2026-06-03", held_to="2026-06-09") == [str(secretary.id), str(foreign.id)]
    assert await ids(q="BE THI lan") == [str(secretary.id)]
    assert await ids(q="dat dai tranh") == [str(secretary.id)]
    assert await ids(q="100%_") == []

    first = (await client.get(URL, params={"limit": 2, "include_total": "true", "sort": "created_at"})).json()
    assert first["total"] == 5
    second = (
        await client.get(URL, params={"limit": 2, "sort": "created_at", "cursor": first["next_cursor"]})
    ).json()
    third = (
        await client.get(URL, params={"limit": 2, "sort": "created_at", "cursor": second["next_cursor"]})
    ).json()
    assert third["next_cursor"] is None
    assert len({i["id"] for page in (first, second, third) for i in page["items"]}) == 5

    assert_problem(await client.get(URL, params={"sort": "place"}), 422, "invalid_sort")
    assert_problem(await client.get(URL, params={"cursor": "bogus"}), 400, "invalid_cursor")
    assert_problem(await client.get(URL, params={"within_unit_id": str(uuid.uuid4())}), 404, "unit_not_found")
    bad = await client.get(URL, params={"kind": "feast", "held_from": "yesterday"})
    problem = assert_problem(bad, 422, "validation_failed")
    assert {(e["in"], e["field"]) for e in problem["errors"]} == {("query", "kind.0"), ("query", "held_from")}


@pytest.fixture
async def officer_client(
    backend: Backend, anonymous: httpx.AsyncClient, session: AsyncSession
) -> tuple[httpx.AsyncClient, dict[str, Unit]]:
    """A client signed in as an officer of Xã Hòa An (the tree's commune)."""
    tree = await create_tree(session)
    officer = await create_user(
        session, username="canbo-hoa-an", roles=["officer"], unit_id=tree["commune"].id
    )
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, officer)}"
    return anonymous, tree


async def test_a_commune_officer_sees_and_changes_only_its_subtree(
    officer_client: tuple[httpx.AsyncClient, dict[str, Unit]], session: AsyncSession
) -> None:
    client, tree = officer_client
    own = await create_reception(session, tree["commune"])
    below = await create_reception(session, tree["village_a"], host_role="officer")
    sibling = await create_reception(session, tree["ward"])
    foreign = await create_reception(session, tree["other_commune"])

    listed = (await client.get(URL)).json()["items"]
    assert {i["id"] for i in listed} == {str(own.id), str(below.id)}
    for outside in (sibling, foreign):
        assert_problem(await client.get(f"{URL}/{outside.id}"), 404, "reception_not_found")
        assert_problem(
            await client.patch(f"{URL}/{outside.id}", json={"citizens_received": 0}),
            404,
            "reception_not_found",
        )
        assert_problem(await client.delete(f"{URL}/{outside.id}"), 404, "reception_not_found")
        await session.refresh(outside)
        assert (outside.citizens_received, outside.version) == (3, 1)
    assert_problem(await client.post(URL, json=body(tree["ward"])), 422, "unit_not_found")
    assert_problem(
        await client.patch(f"{URL}/{own.id}", json={"unit_id": str(tree["ward"].id)}), 422, "unit_not_found"
    )
    assert_problem(
        await client.get(URL, params={"within_unit_id": str(tree["ward"].id)}), 404, "unit_not_found"
    )
    # Every unit filter treats an outside unit the same way: it does not exist.
    assert_problem(await client.get(URL, params={"unit_id": str(tree["ward"].id)}), 404, "unit_not_found")

    created = await client.post(URL, json=body(tree["village_a"], host_role="officer"))
    assert created.status_code == 201, created.text
    changed = await client.patch(f"{URL}/{own.id}", json={"host_role": "party_secretary"})
    assert changed.status_code == 200


async def test_viewers_read_but_do_not_write(
    backend: Backend, anonymous: httpx.AsyncClient, session: AsyncSession
) -> None:
    tree = await create_tree(session)
    reception = await create_reception(session, tree["commune"])
    viewer = await create_user(session, username="xem", roles=["viewer"], unit_id=tree["province"].id)
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, viewer)}"
    assert (await anonymous.get(f"{URL}/{reception.id}")).status_code == 200
    refused = await anonymous.post(URL, json=body(tree["commune"]))
    assert_problem(refused, 403, "permission_denied")
    assert refused.json()["required_permission"] == "receptions:write"
    committee = await create_user(
        session, username="btt", roles=["committee_member"], unit_id=tree["commune"].id
    )
    anonymous.headers["Authorization"] = f"Bearer {access_token(backend.settings, committee)}"
    assert_problem(await anonymous.get(URL), 403, "permission_denied")
