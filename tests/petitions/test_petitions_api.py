"""The petition record over the API: references, lists and their filters, search without
diacritics, duplicates, links, categories, and optimistic concurrency."""

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.db import Database
from api.units.models import Unit
from tests.conftest import Backend, app_client
from tests.factories import access_token, create_user
from tests.petitions.conftest import case, move, receive, suggestions


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
    client: httpx.AsyncClient, tree: dict[str, Unit], pin_today: Callable[[date], None]
) -> None:
    # The offsets below put one case in each deadline state in an ordinary fortnight; days off
    # near the day the suite runs (1 January, Tết) would move them, so the day is pinned to one
    # (how days off move limits is the calendar's and the deadlines' tests' business).
    pin_today(date(2026, 11, 26))
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
    suggestion = next(s for s in await suggestions(client, again) if s["id"] == first["id"])
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
    assert [s["reasons"] for s in await suggestions(client, same_person) if s["id"] == first["id"]] == [
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
    assert linked == [
        {
            "petition_id": again["id"],
            "reference": again["reference"],
            "kind": "duplicate",
            "outside_jurisdiction": False,
        }
    ]
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
    with its units, people, time limits and links; a page is one."""
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
    assert reads == 1, seen
    assert len(seen) - reads == 1, seen[reads:]


async def test_links_change_the_case_and_unlinking_takes_if_match(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    one, two = await receive(client, tree["ward"]), await receive(client, tree["ward"])
    before = (await client.get(f"/api/v1/petitions/{one['id']}")).headers["ETag"]
    r = await client.post(
        f"/api/v1/petitions/{two['id']}/links", json={"petition_id": one["id"], "kind": "related"}
    )
    assert r.status_code == 204
    after = (await client.get(f"/api/v1/petitions/{one['id']}")).headers["ETag"]
    assert after != before, "the case lists its links: its ETag changes with them"
    url = f"/api/v1/petitions/{one['id']}/links/{two['id']}"
    stale = await client.delete(url, headers={"If-Match": before})
    assert stale.status_code == 412 and stale.json()["current_etag"] == after
    assert (await client.delete(url, headers={"If-Match": after})).status_code == 204


async def test_a_category_is_replaced_only_as_last_read(client: httpx.AsyncClient) -> None:
    url = "/api/v1/petitions/categories/water_supply"
    body = {"code": "water_supply", "name_vi": "Cấp nước", "name_en": "Water supply", "position": 3}
    assert (await client.put(url, json=body, headers={"If-Match": "*"})).status_code == 412
    created = await client.put(url, json=body)
    assert created.status_code == 200 and created.headers["ETag"]
    read = await client.get(url)
    assert read.status_code == 200 and read.headers["ETag"] == created.headers["ETag"]
    renamed = await client.put(
        url, json={**body, "name_en": "Water"}, headers={"If-Match": read.headers["ETag"]}
    )
    assert renamed.status_code == 200 and renamed.headers["ETag"] != read.headers["ETag"]
    stale = await client.put(url, json={**body, "active": False}, headers={"If-Match": read.headers["ETag"]})
    assert stale.status_code == 412 and stale.json()["current_etag"] == renamed.headers["ETag"]
    assert (await client.get("/api/v1/petitions/categories/astrology")).json()["code"] == "category_not_found"


async def test_a_link_to_a_case_outside_the_jurisdiction_shows_no_foreign_id(
    client: httpx.AsyncClient,
    backend: Backend,
    database: Database,
    session: AsyncSession,
    tree: dict[str, Unit],
) -> None:
    """A nationwide administrator links a case of commune A to cases of its sibling B: A's people
    learn that a case outside their jurisdiction is linked, never which one, and cannot unlink it."""
    a_unit, b_unit = tree["commune"], tree["ward"]
    mine = await receive(client, a_unit, received_on="2026-03-02")
    theirs = await receive(client, b_unit, received_on="2026-03-03")
    theirs_too = await receive(client, b_unit, received_on="2026-03-04")
    linked = await client.post(
        f"/api/v1/petitions/{mine['id']}/links", json={"petition_id": theirs["id"], "kind": "related"}
    )
    assert linked.status_code == 204, linked.text
    linked = await client.post(
        f"/api/v1/petitions/{theirs_too['id']}/links", json={"petition_id": mine["id"], "kind": "duplicate"}
    )
    assert linked.status_code == 204, linked.text
    foreign = {theirs["id"], theirs["reference"], theirs_too["id"], theirs_too["reference"]}

    admin_a = await create_user(session, username="admin-a", roles=["admin"], unit_id=a_unit.id)
    officer_a = await create_user(session, username="officer-a", roles=["officer"], unit_id=a_unit.id)
    province_officer = await create_user(
        session, username="officer-tinh", roles=["officer"], unit_id=tree["province"].id
    )
    for user in (admin_a, officer_a):
        headers = {"Authorization": f"Bearer {access_token(backend.settings, user)}"}
        async with app_client(backend.settings, database, headers) as a:
            read = await a.get(f"/api/v1/petitions/{mine['id']}")
            events = await a.get(f"/api/v1/petitions/{mine['id']}/events")
            packet = await a.get(f"/api/v1/petitions/{mine['id']}/verification-packet")
            for response in (read, events, packet):
                assert response.status_code == 200, response.text
                assert not [f for f in foreign if f in response.text], response.url
            assert sorted(read.json()["linked"], key=lambda link: link["kind"]) == [
                {"petition_id": None, "reference": None, "kind": "duplicate", "outside_jurisdiction": True},
                {"petition_id": None, "reference": None, "kind": "related", "outside_jurisdiction": True},
            ]
            link_events = [e for e in events.json() if e["action"] == "link"]
            assert [e["data"] for e in link_events] == [
                {"petition_id": None, "outside_jurisdiction": True, "kind": "related"}
            ]
            packet_links = [e for e in packet.json()["events"] if e["action"] == "link"]
            assert [e["data"] for e in packet_links] == [
                {"petition_id": None, "outside_jurisdiction": True, "kind": "related"}
            ]
            unlink = await a.delete(f"/api/v1/petitions/{mine['id']}/links/{theirs['id']}")
            assert unlink.status_code == 404 and unlink.json()["code"] == "petition_not_found", unlink.text
        if user is admin_a:
            async with app_client(backend.settings, database, headers) as a:
                audit = await a.get("/api/v1/audit-events", params={"resource_type": "petition_link"})
            assert audit.status_code == 200, audit.text
            rows = audit.json()["items"]
            assert rows and not [f for f in foreign if f in audit.text]
            assert rows[0]["changes"]["after"]["petition_id"] == mine["id"]
            assert rows[0]["changes"]["after"]["other_id"] is None
            assert rows[0]["changes"]["after"]["other_outside_jurisdiction"] is True

    # Whoever sees both cases sees the link whole, and may undo it.
    whole = (await client.get(f"/api/v1/petitions/{mine['id']}")).json()["linked"]
    assert {link["petition_id"] for link in whole} == {theirs["id"], theirs_too["id"]}
    assert not any(link["outside_jurisdiction"] for link in whole)
    audit = (await client.get("/api/v1/audit-events", params={"resource_type": "petition_link"})).json()
    assert {r["changes"]["after"]["other_id"] for r in audit["items"]} >= {theirs["id"]}
    headers = {"Authorization": f"Bearer {access_token(backend.settings, province_officer)}"}
    async with app_client(backend.settings, database, headers) as province:
        undone = await province.delete(f"/api/v1/petitions/{mine['id']}/links/{theirs['id']}")
        assert undone.status_code == 204, undone.text
    remaining = (await client.get(f"/api/v1/petitions/{mine['id']}")).json()["linked"]
    assert [link["petition_id"] for link in remaining] == [theirs_too["id"]]


async def test_concurrent_first_cases_of_a_year_all_get_numbers(
    committing_client: httpx.AsyncClient, backend: Backend
) -> None:
    """Real concurrent transactions creating a unit's first cases of the year: none is refused
    for being concurrent (the year's counter row is created by an upsert), and the numbers run
    1..n without a gap or a repeat."""
    import asyncio
    import uuid

    from sqlalchemy import delete

    from api.petitions.models import Petition

    created = await committing_client.post(
        "/api/v1/units",
        json={
            "code": "CC-REF",
            "name": "Xã Đồng Thời",
            "kind": "province",
            "external_ref": {"source": "committing-test", "id": "cc-ref"},
        },
    )
    assert created.status_code == 201, created.text
    unit_id = uuid.UUID(created.json()["id"])
    body = {
        "kind": "complaint",
        "channel": "mail",
        "received_on": "2026-03-02",
        "receiving_unit_id": str(unit_id),
        "subject": "Khiếu nại quyết định thu hồi đất",
        "content": "Khiếu nại về việc thu hồi đất nông nghiệp.",
        "category": "land",
        "petitioners": [{"full_name": "Nguyễn Văn An"}],
    }
    try:
        responses = await asyncio.gather(
            *(committing_client.post("/api/v1/petitions", json=body) for _ in range(8))
        )
        assert [r.status_code for r in responses] == [201] * 8, [
            r.text for r in responses if r.status_code != 201
        ]
        assert sorted(r.json()["reference"] for r in responses) == [
            f"CC-REF-2026-{n:06d}" for n in range(1, 9)
        ]
    finally:
        async with backend.engine.begin() as conn:
            await conn.execute(delete(Petition).where(Petition.receiving_unit_id == unit_id))


async def test_a_case_read_in_one_statement_answers_what_the_separate_reads_did(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    """The links read inside the case's statement (JSON built by the database) give the same
    answer, to the byte, as the separate links query, for a reader who sees every linked case and
    for one who sees some of them."""
    from api.core.access import SYSTEM, Principal
    from api.core.permissions import Permission
    from api.petitions import service
    from api.petitions.repository import PetitionRepository

    mine = await receive(client, tree["commune"], received_on="2026-03-02")
    own = await receive(client, tree["commune"], received_on="2026-03-03")
    foreign = await receive(client, tree["ward"], received_on="2026-03-04")
    for other, kind in ((own, "related"), (foreign, "duplicate")):
        r = await client.post(
            f"/api/v1/petitions/{mine['id']}/links", json={"petition_id": other["id"], "kind": kind}
        )
        assert r.status_code == 204, r.text
    commune_reader = Principal(
        kind="user",
        id=uuid.uuid4(),
        name="reader",
        unit_id=tree["commune"].id,
        unit_path=tree["commune"].path,
        permissions=frozenset({Permission.PETITIONS_READ}),
    )
    for principal in (SYSTEM, commune_reader):
        petition = await PetitionRepository(session, principal).get(uuid.UUID(mine["id"]))
        assert petition.links_seen is not None
        in_one = await service.read(session, principal, petition)
        petition.links_seen = None
        separately = await service.read(session, principal, petition)
        assert in_one.model_dump_json() == separately.model_dump_json()
        assert len(in_one.linked) == 2
        session.expunge_all()
