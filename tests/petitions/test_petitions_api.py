"""The petition record over the API: references, lists and their filters, search without
diacritics, duplicates, links, categories, and optimistic concurrency."""

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import event

from api.core import clock
from api.units.models import Unit
from tests.conftest import Backend
from tests.petitions.conftest import case, move, receive


async def test_references_count_per_receiving_unit_and_year(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    ward, commune = tree["ward"], tree["commune"]
    a = await receive(client, ward, received_on="2025-12-30")
    b = await receive(client, ward, received_on="2026-01-02")
    c = await receive(client, ward, received_on="2026-01-03")
    d = await receive(client, commune, received_on="2026-01-03")
    assert a["reference"] == f"{ward.code}-2025-000001"
    assert b["reference"] == f"{ward.code}-2026-000001"
    assert c["reference"] == f"{ward.code}-2026-000002"
    assert d["reference"] == f"{commune.code}-2026-000001"


async def test_bad_input_is_a_clear_problem(client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    r = await client.post("/api/v1/petitions", json=case(tree["ward"], category="astrology"))
    assert r.status_code == 422 and r.json()["code"] == "unknown_category"
    assert r.json()["errors"][0]["field"] == "category"
    future = str(clock.today() + timedelta(days=1))
    r = await client.post("/api/v1/petitions", json=case(tree["ward"], received_on=future))
    assert r.status_code == 422 and r.json()["code"] == "date_in_future"
    r = await client.post("/api/v1/petitions", json=case(tree["ward"], kind="rumour"))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "kind"
    r = await client.post("/api/v1/petitions", json={**case(tree["ward"]), "surprise": 1})
    assert r.status_code == 422


async def test_lists_filter_by_deadline_state_kind_unit_and_words(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    today = clock.today()
    overdue = await receive(client, tree["ward"], received_on=str(today - timedelta(days=40)))
    at_risk = await receive(
        client,
        tree["ward"],
        received_on=str(today - timedelta(days=7)),
        subject="Phản ánh ô nhiễm môi trường",
    )
    on_track = await receive(client, tree["commune"], kind="petition", received_on=str(today), petitioners=[])
    done = await receive(client, tree["commune"], received_on=str(today - timedelta(days=3)))
    await move(client, done["id"], "withdraw")

    async def ids(**params: str | list[str]) -> list[str]:
        r = await client.get("/api/v1/petitions", params=params)
        assert r.status_code == 200, r.text
        return [p["id"] for p in r.json()["items"]]

    assert await ids(deadline_state="overdue") == [overdue["id"]]
    assert await ids(deadline_state="at_risk") == [at_risk["id"]]
    assert set(await ids(deadline_state=["at_risk", "on_track"])) == {at_risk["id"], on_track["id"]}
    assert await ids(kind="petition") == [on_track["id"]]
    assert set(await ids(within_unit_id=str(tree["commune"].id))) == {on_track["id"], done["id"]}
    assert await ids(open="false") == [done["id"]]
    assert await ids(status="withdrawn") == [done["id"]]
    # Without diacritics, any order of words.
    assert await ids(q="moi truong o nhiem") == [at_risk["id"]]
    assert await ids(q="NGUYEN VAN AN", kind="complaint", open="true") == [at_risk["id"], overdue["id"]]
    # Most urgent first; cases with nothing running come last.
    assert (await ids(sort="due_on"))[:3] == [overdue["id"], at_risk["id"], on_track["id"]]
    first = await client.get("/api/v1/petitions", params={"limit": 2, "include_total": "true"})
    assert first.json()["total"] == 4 and first.json()["next_cursor"]
    rest = await client.get("/api/v1/petitions", params={"limit": 2, "cursor": first.json()["next_cursor"]})
    seen = [p["id"] for p in first.json()["items"] + rest.json()["items"]]
    assert len(set(seen)) == 4


async def test_duplicates_are_suggested_and_linked(client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    first = await receive(client, tree["ward"], received_on="2026-03-02")
    again = await receive(
        client,
        tree["ward"],
        received_on="2026-03-20",
        subject="Khiếu nại quyết định thu hồi đất",
        content="Ông An khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi đất nông nghiệp tại xóm Nà Cạn (lần 2).",
        petitioners=[{"full_name": "Nguyễn Văn An"}],
    )
    suggestion = next(s for s in again["duplicate_suggestions"] if s["id"] == first["id"])
    assert suggestion["reasons"] == ["similar_content"] and suggestion["similarity"] >= 0.5
    same_person = await receive(
        client,
        tree["commune"],
        received_on="2026-04-01",
        subject="Đề nghị hỗ trợ hộ nghèo",
        content="Đề nghị xem xét hỗ trợ.",
        category="social_policy",
        petitioners=[{"full_name": "Nguyen Van An", "identity_number": "004090001234"}],
    )
    assert [s["reasons"] for s in same_person["duplicate_suggestions"] if s["id"] == first["id"]] == [
        ["same_identity_number"]
    ]
    r = await client.post(
        f"/api/v1/petitions/{again['id']}/links", json={"petition_id": first["id"], "kind": "duplicate"}
    )
    assert r.status_code == 204
    r = await client.post(
        f"/api/v1/petitions/{first['id']}/links", json={"petition_id": again["id"], "kind": "related"}
    )
    assert r.status_code == 409 and r.json()["code"] == "already_linked"
    linked = (await client.get(f"/api/v1/petitions/{first['id']}")).json()["linked"]
    assert linked == [{"petition_id": again["id"], "reference": again["reference"], "kind": "duplicate"}]
    r = await client.delete(f"/api/v1/petitions/{first['id']}/links/{again['id']}")
    assert r.status_code == 204
    assert (await client.get(f"/api/v1/petitions/{again['id']}")).json()["linked"] == []


async def test_updates_need_a_fresh_etag(client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    p = await receive(client, tree["ward"])
    r = await client.get(f"/api/v1/petitions/{p['id']}")
    etag = r.headers["ETag"]
    moved = await move(client, p["id"], "accept")
    assert moved.headers["ETag"] != etag
    stale = await client.patch(
        f"/api/v1/petitions/{p['id']}", json={"subject": "Mới"}, headers={"If-Match": etag}
    )
    assert stale.status_code == 412
    fresh = await client.patch(
        f"/api/v1/petitions/{p['id']}",
        json={"subject": "Khiếu nại (đã bổ sung)", "category": "compensation"},
        headers={"If-Match": moved.headers["ETag"]},
    )
    assert fresh.status_code == 200 and fresh.json()["category"] == "compensation"
    events = (await client.get(f"/api/v1/petitions/{p['id']}/events")).json()
    assert events[-1]["action"] == "edit" and events[-1]["data"]["fields"] == ["category", "subject"]


async def test_categories_are_configurable_by_a_nationwide_admin(client: httpx.AsyncClient) -> None:
    codes = [c["code"] for c in (await client.get("/api/v1/petitions/categories")).json()]
    assert codes[:2] == ["land", "compensation"] and "other" in codes
    r = await client.put(
        "/api/v1/petitions/categories/water_supply",
        json={"code": "water_supply", "name_vi": "Cấp nước", "name_en": "Water supply", "position": 3},
    )
    assert r.status_code == 200, r.text
    r = await client.put(
        "/api/v1/petitions/categories/land",
        json={"code": "land", "name_vi": "Đất đai", "name_en": "Land", "active": False},
    )
    assert r.status_code == 200 and r.json()["active"] is False


async def test_a_case_and_a_list_cost_a_fixed_number_of_statements(
    client: httpx.AsyncClient, tree: dict[str, Unit], backend: Backend
) -> None:
    """The hot path's round trips (STYLE.md 13), whatever a case holds: a case is one statement
    with its units, one each for its people, its time limits and its links; a page is one."""
    first = await receive(client, tree["ward"])
    other = await receive(client, tree["ward"], subject="Phản ánh khác", content="Nội dung khác.")
    r = await client.post(
        f"/api/v1/petitions/{first['id']}/links", json={"petition_id": other["id"], "kind": "related"}
    )
    assert r.status_code == 204, r.text
    seen: list[str] = []

    def record(_c: Any, _cursor: Any, sql: str, *_: Any) -> None:
        if "petition" in sql:
            seen.append(sql)

    event.listen(backend.engine.sync_engine, "before_cursor_execute", record)
    try:
        case = await client.get(f"/api/v1/petitions/{first['id']}")
        reads = len(seen)
        page = await client.get("/api/v1/petitions", params={"within_unit_id": str(tree["province"].id)})
    finally:
        event.remove(backend.engine.sync_engine, "before_cursor_execute", record)
    assert case.status_code == 200 and page.status_code == 200
    assert case.json()["receiving_unit"]["code"] == tree["ward"].code
    assert len(case.json()["petitioners"]) == 1 and case.json()["linked"]
    assert reads == 4, seen
    assert len(seen) - reads == 1, seen[reads:]
