"""A list scoped to a commune — by `within_unit_id` or by a commune officer's jurisdiction — is read
another way on PostgreSQL (the subtree's cases gathered first, then the page cut from them), so it
must page exactly like any list: every sort, cursors to the end, totals and filters."""

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from api.core import clock
from api.core.db import Database
from api.petitions.models import Petition
from api.petitions.schemas import PetitionSummary
from api.units.models import Unit
from tests.conftest import Backend, app_client
from tests.factories import access_token, create_user
from tests.petitions.conftest import move, receive

SORTS = {
    "-received_on": ("received_on", True),
    "received_on": ("received_on", False),
    "due_on": ("due_on", False),
    "-due_on": ("due_on", True),
    "reference": ("reference", False),
}


@pytest.fixture
async def cases(client: httpx.AsyncClient, tree: dict[str, Unit]) -> dict[str, Any]:
    """Cases of the commune's subtree (received there, handled there, or received by a village)
    and of elsewhere."""
    today = clock.today()

    def ago(days: int) -> str:
        return str(today - timedelta(days=days))

    commune, ward, village = tree["commune"], tree["ward"], tree["village_a"]
    subjects = {
        1: "Khiếu nại việc lấn chiếm lối đi chung",
        3: "Khiếu nại việc cấp giấy chứng nhận",
        4: "Khiếu nại đơn giá bồi thường cây trồng",
        20: "Khiếu nại quyết định xử phạt",
        45: "Khiếu nại kết quả bình xét hộ nghèo",
    }
    inside = [
        await receive(client, commune, received_on=ago(days), subject=subject)
        for days, subject in subjects.items()
    ]
    inside.append(await receive(client, village, received_on=ago(8), kind="petition"))
    forwarded = await receive(client, ward, received_on=ago(12))
    r = await move(client, forwarded["id"], "forward", ago(11), target_unit_id=str(commune.id))
    assert r.status_code == 200, r.text
    inside.append(forwarded)
    r = await move(client, inside[0]["id"], "withdraw", ago(0))
    assert r.status_code == 200, r.text
    outside = [await receive(client, ward, received_on=ago(2)), await receive(client, tree["other_commune"])]
    return {"inside": {c["id"] for c in inside}, "outside": {c["id"] for c in outside}}


async def _all_pages(client: httpx.AsyncClient, **params: Any) -> tuple[list[dict[str, Any]], int]:
    items: list[dict[str, Any]] = []
    cursor, total = None, -1
    for _ in range(20):
        query = {**params, "limit": 2, "include_total": "true", **({"cursor": cursor} if cursor else {})}
        r = await client.get("/api/v1/petitions", params=query)
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        total = body["total"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items, total
    raise AssertionError("the pages never end")


def _in_order(items: list[dict[str, Any]], field: str, descending: bool) -> bool:
    last = date.max.isoformat()
    keys = [(item[field] if item[field] is not None else last, item["id"]) for item in items]
    return keys == sorted(keys, reverse=descending)


@pytest.mark.parametrize("sort", list(SORTS))
async def test_a_communes_list_pages_in_every_order(
    client: httpx.AsyncClient, tree: dict[str, Unit], cases: dict[str, Any], sort: str
) -> None:
    items, total = await _all_pages(client, within_unit_id=str(tree["commune"].id), sort=sort)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == total == len(cases["inside"])
    assert set(ids) == cases["inside"]
    assert _in_order(items, *SORTS[sort])


async def test_a_communes_list_applies_the_other_filters(
    client: httpx.AsyncClient, tree: dict[str, Unit], cases: dict[str, Any]
) -> None:
    within = str(tree["commune"].id)
    open_items, _ = await _all_pages(client, within_unit_id=within, open="true", kind="complaint")
    assert {i["status"] for i in open_items} <= {"received", "forwarded"} and len(open_items) == 5
    overdue, total = await _all_pages(client, within_unit_id=within, deadline_state="overdue", sort="due_on")
    assert total == len(overdue) > 0 and all(i["deadline_state"] == "overdue" for i in overdue)
    found, _ = await _all_pages(client, within_unit_id=within, q="loi di")
    assert len(found) == 1


async def test_a_commune_officer_sees_the_same_list_without_asking(
    backend: Backend,
    database: Database,
    session: AsyncSession,
    tree: dict[str, Unit],
    cases: dict[str, Any],
) -> None:
    user = await create_user(
        session, username="officer-commune", roles=["officer"], unit_id=tree["commune"].id
    )
    headers = {"Authorization": f"Bearer {access_token(backend.settings, user)}"}
    async with app_client(backend.settings, database, headers) as officer:
        items, total = await _all_pages(officer, sort="-received_on")
    assert {i["id"] for i in items} == cases["inside"] and total == len(cases["inside"])
    assert _in_order(items, "received_on", True)


async def test_every_unit_filter_names_a_unit_of_the_jurisdiction(
    officer_client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    """A unit outside the jurisdiction does not exist, whichever filter names it: 404, never an
    empty list that would tell it apart from an unknown id."""
    await receive(officer_client, tree["commune"])
    for name in ("within_unit_id", "handling_unit_id"):
        r = await officer_client.get("/api/v1/petitions", params={name: str(tree["other_commune"].id)})
        assert r.status_code == 404, (name, r.text)
        assert r.json()["code"] == "unit_not_found"
        r = await officer_client.get("/api/v1/petitions", params={name: str(tree["commune"].id)})
        assert r.status_code == 200 and len(r.json()["items"]) == 1, (name, r.text)


@pytest.mark.parametrize("scope", ["commune", "everywhere"])
async def test_a_list_item_is_the_summary_the_orm_would_give(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit], cases: dict[str, Any], scope: str
) -> None:
    """A page is read as rows (no ORM object): every item is exactly what `PetitionSummary` read
    off the loaded case says, on both databases and through both ways a page is cut (a
    commune's gathered set, or the table itself)."""
    params = {"within_unit_id": str(tree["commune"].id)} if scope == "commune" else {}
    items, _ = await _all_pages(client, **params)
    assert len(items) >= len(cases["inside"])
    for item in items:
        petition = await session.scalar(
            select(Petition)
            .where(Petition.id == uuid.UUID(item["id"]))
            .options(joinedload(Petition.receiving_unit), joinedload(Petition.handling_unit))
        )
        assert petition is not None
        assert item == PetitionSummary.model_validate(petition).model_dump(mode="json")
