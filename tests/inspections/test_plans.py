"""Inspection plans over HTTP: CRUD with ETags, idempotent creation, validation, lists, audit."""

from datetime import date

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.audit import AuditEvent
from api.units.models import Unit
from tests.core.test_errors import assert_problem
from tests.factories import create_plan, create_team
from tests.inspections.conftest import PLANS, SignIn, plan_body


async def test_create_read_update_delete_with_etag(client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    created = await client.post(
        PLANS, json=plan_body(tree["province"], external_ref={"source": "vpdt-caobang", "id": "KH-15"})
    )
    assert created.status_code == 201, created.text
    plan = created.json()
    assert created.headers["location"] == f"{PLANS}/{plan['id']}"
    assert created.headers["etag"] == '"v1"'
    assert plan["organising_unit"]["name"] == "Tỉnh Cao Bằng Thử"
    assert plan["topics"] == ["publicity_of_information", "people_supervise"]
    assert plan["external_ref"] == {"source": "vpdt-caobang", "id": "KH-15"}

    read = await client.get(f"{PLANS}/{plan['id']}")
    assert read.json() == plan
    etag = read.headers["etag"]
    updated = await client.patch(
        f"{PLANS}/{plan['id']}",
        json={"kind": "thematic", "topics": ["village_conventions"], "notes": None},
        headers={"If-Match": etag},
    )
    assert updated.status_code == 200, updated.text
    assert (updated.json()["kind"], updated.json()["topics"], updated.json()["notes"]) == (
        "thematic",
        ["village_conventions"],
        None,
    )
    assert updated.headers["etag"] == '"v2"'
    stale = await client.patch(f"{PLANS}/{plan['id']}", json={"year": 2027}, headers={"If-Match": etag})
    assert assert_problem(stale, 412, "precondition_failed")["current_etag"] == '"v2"'
    assert_problem(
        await client.delete(f"{PLANS}/{plan['id']}", headers={"If-Match": etag}), 412, "precondition_failed"
    )
    deleted = await client.delete(f"{PLANS}/{plan['id']}", headers={"If-Match": '"v2"'})
    assert deleted.status_code == 204
    assert_problem(await client.get(f"{PLANS}/{plan['id']}"), 404, "plan_not_found")


async def test_a_retried_post_is_answered_once(client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    headers = {"Idempotency-Key": "plan-2026-1"}
    first = await client.post(PLANS, json=plan_body(tree["province"]), headers=headers)
    again = await client.post(PLANS, json=plan_body(tree["province"]), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    listed = await client.get(PLANS, params={"include_total": "true"})
    assert listed.json()["total"] == 1
    other = await client.post(PLANS, json=plan_body(tree["province"], year=2027), headers=headers)
    assert_problem(other, 422, "idempotency_key_reused")


async def test_bad_plans_are_refused_field_by_field(
    client: httpx.AsyncClient, signed_in: SignIn, tree: dict[str, Unit]
) -> None:
    cases = [
        (plan_body(tree["province"], issued_on="2026-12-01"), "date_in_future", "issued_on"),
        (plan_body(tree["province"], topics=["land"]), "unknown_topic", "topics"),
        (plan_body(tree["province"], year=1999), "validation_failed", "year"),
        (plan_body(tree["province"], kind="monthly"), "validation_failed", "kind"),
    ]
    for body, code, field in cases:
        problem = assert_problem(await client.post(PLANS, json=body), 422, code)
        assert problem["errors"][0]["field"] == field, problem
    async with signed_in(tree["commune"]) as commune:
        foreign = await commune.post(PLANS, json=plan_body(tree["other_commune"]))
        problem = assert_problem(foreign, 422, "unit_not_found")
        assert problem["errors"][0]["field"] == "organising_unit_id"


async def test_a_plan_with_teams_is_kept(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    plan = await create_plan(session, tree["province"])
    await create_team(session, tree["commune"], [tree["village_a"]], plan_id=plan.id)
    refused = await client.delete(f"{PLANS}/{plan.id}", headers={"If-Match": '"v1"'})
    assert_problem(refused, 409, "plan_has_teams")


async def test_lists_filter_search_and_page(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    province = await create_plan(
        session, tree["province"], title="Kế hoạch giám sát việc thực hiện hương ước"
    )
    commune = await create_plan(
        session,
        tree["commune"],
        issuer="commune_steering_committee",
        kind="thematic",
        issued_on=date(2026, 1, 2),
    )
    older = await create_plan(
        session, tree["commune"], year=2025, issued_on=date(2025, 12, 20), document_number="9/KH-BCĐ"
    )
    await create_plan(session, tree["other"], title="Kế hoạch của tỉnh khác")

    async def ids(**params: str) -> list[str]:
        response = await client.get(PLANS, params=params)
        assert response.status_code == 200, response.text
        return [p["id"] for p in response.json()["items"]]

    assert await ids(within_unit_id=str(tree["commune"].id)) == [str(commune.id), str(older.id)]
    assert await ids(within_unit_id=str(tree["province"].id), year="2026") == [
        str(province.id),
        str(commune.id),
    ]
    assert await ids(kind="thematic") == [str(commune.id)]
    assert await ids(q="HUONG UOC") == [str(province.id)]
    assert await ids(q="9/kh") == [str(older.id)]
    first = await client.get(PLANS, params={"limit": "2", "sort": "issued_on"})
    second = await client.get(
        PLANS, params={"limit": "2", "sort": "issued_on", "cursor": first.json()["next_cursor"]}
    )
    paged = [p["id"] for p in first.json()["items"] + second.json()["items"]]
    assert paged[:2] == [str(older.id), str(commune.id)]
    assert len(set(paged)) == 4
    assert second.json()["next_cursor"] is None


async def test_writes_are_audited(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    created = await client.post(PLANS, json=plan_body(tree["province"]))
    await client.patch(
        f"{PLANS}/{created.json()['id']}", json={"title": "Kế hoạch mới"}, headers={"If-Match": '"v1"'}
    )
    events = (
        await session.scalars(
            select(AuditEvent).where(AuditEvent.resource_id == created.json()["id"]).order_by(AuditEvent.id)
        )
    ).all()
    assert [e.action for e in events] == ["inspection_plan.create", "inspection_plan.update"]
    assert events[0].unit_id == tree["province"].id
    assert events[1].changes["after"] == {"title": "Kế hoạch mới"}
