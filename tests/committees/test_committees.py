"""Committees over HTTP: create, read, update with ETags, filters, search, paging, bad input,
jurisdiction, idempotency and audit."""

from datetime import date

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.audit import AuditEvent
from tests.committees.conftest import (
    COMMITTEES,
    Commune,
    SignIn,
    committee_body,
    create_commune,
    new_committee,
    new_term,
)
from tests.core.test_errors import assert_problem
from tests.factories import create_unit


async def test_create_read_update_with_etag(client: httpx.AsyncClient, commune: Commune) -> None:
    created = await client.post(
        COMMITTEES,
        json=committee_body(commune.unit, external_ref={"source": "mttq-caobang", "id": "BTTND-1"}),
    )
    assert created.status_code == 201, created.text
    item = created.json()
    assert created.headers["location"] == f"{COMMITTEES}/{item['id']}"
    assert created.headers["etag"] == '"v1"'
    assert item["unit"]["name"] == "Xã Hòa An"
    assert (item["kind"], item["status"], item["dissolved_on"]) == ("people_inspection", "active", None)
    assert item["external_ref"] == {"source": "mttq-caobang", "id": "BTTND-1"}

    read = await client.get(f"{COMMITTEES}/{item['id']}")
    assert read.status_code == 200
    assert read.json() == item

    stale = await client.patch(
        f"{COMMITTEES}/{item['id']}", json={"notes": "x"}, headers={"If-Match": '"v0"'}
    )
    assert_problem(stale, 412, "precondition_failed")
    dissolved = await client.patch(
        f"{COMMITTEES}/{item['id']}", json={"dissolved_on": "2026-10-01"}, headers={"If-Match": '"v1"'}
    )
    assert dissolved.status_code == 200, dissolved.text
    assert (dissolved.json()["status"], dissolved.headers["etag"]) == ("dissolved", '"v2"')
    # Once dissolved, the commune may have a new PIC.
    await new_committee(client, commune.unit, name="Ban Thanh tra nhân dân xã Hòa An (mới)")


async def test_bad_input_is_refused(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune
) -> None:
    assert_problem(
        await client.post(COMMITTEES, json=committee_body(commune.province)), 422, "unit_kind_mismatch"
    )
    assert_problem(
        await client.post(COMMITTEES, json=committee_body(commune.unit, kind="people_inspection_agency")),
        422,
        "unit_kind_mismatch",
    )
    assert_problem(
        await client.post(COMMITTEES, json=committee_body(commune.unit, established_on="2026-12-01")),
        422,
        "date_in_future",
    )
    pic = await new_committee(client, commune.unit)
    assert_problem(await client.post(COMMITTEES, json=committee_body(commune.unit)), 409, "committee_exists")
    # A commune has a board per investment project.
    for n in (1, 2):
        await new_committee(
            client, commune.unit, kind="investment_supervision", name=f"Ban Giám sát đầu tư dự án đường {n}"
        )
    early = await client.patch(
        f"{COMMITTEES}/{pic['id']}", json={"dissolved_on": "2024-01-01"}, headers={"If-Match": '"v1"'}
    )
    assert_problem(early, 422, "invalid_period")
    agency = await create_unit(session, name="Sở Tư pháp Thử", kind="agency", parent_id=commune.province.id)
    await new_committee(
        client, agency, kind="people_inspection_agency", name="Ban Thanh tra nhân dân Sở Tư pháp"
    )


async def test_lists_filter_search_and_page(client: httpx.AsyncClient, session: AsyncSession) -> None:
    hoa_an = await create_commune(session, 3, name="Xã Hòa An")
    other = await create_commune(session, 2, name="Xã Đức Long")
    pic = await new_committee(client, hoa_an.unit)
    cisb = await new_committee(
        client, hoa_an.unit, kind="investment_supervision", name="Ban Giám sát đầu tư cộng đồng dự án Nà Cạn"
    )
    far = await new_committee(client, other.unit, name="Ban Thanh tra nhân dân xã Đức Long")
    await new_term(client, pic["id"], date(2024, 3, 15), date(2026, 9, 15))
    await new_term(client, far["id"], date(2021, 6, 1), date(2023, 6, 1))

    async def ids(**params: str) -> list[str]:
        response = await client.get(COMMITTEES, params=params)
        assert response.status_code == 200, response.text
        return [i["id"] for i in response.json()["items"]]

    assert await ids(within_unit_id=str(hoa_an.province.id)) == [cisb["id"], pic["id"]]
    assert await ids(kind="people_inspection", within_unit_id=str(hoa_an.province.id)) == [pic["id"]]
    assert await ids(unit_id=str(other.unit.id)) == [far["id"]]
    assert set(await ids(in_term_on="2025-01-01")) == {pic["id"]}
    assert set(await ids(in_term_on="2022-01-01")) == {far["id"]}
    assert await ids(in_term_on="2026-09-15") == []  # the planned end is exclusive
    assert await ids(q="thanh tra duc long") == [far["id"]]
    assert await ids(q="NÀ CẠN") == [cisb["id"]]
    assert await ids(external_source="nowhere") == []

    first = await client.get(COMMITTEES, params={"limit": 2, "include_total": "true", "sort": "name"})
    body = first.json()
    assert (len(body["items"]), body["total"]) == (2, 3)
    rest = await client.get(COMMITTEES, params={"limit": 2, "sort": "name", "cursor": body["next_cursor"]})
    assert [i["id"] for i in body["items"] + rest.json()["items"]] == [cisb["id"], far["id"], pic["id"]]
    assert rest.json()["next_cursor"] is None
    assert_problem(await client.get(COMMITTEES, params={"in_term_on": "tomorrow"}), 422, "validation_failed")


async def test_a_principal_sees_and_changes_only_its_subtree(
    client: httpx.AsyncClient, session: AsyncSession, signed_in: SignIn
) -> None:
    mine = await create_commune(session, 2, name="Xã Hòa An")
    theirs = await create_commune(session, 2, name="Xã Đức Long")
    own = await new_committee(client, mine.unit)
    foreign = await new_committee(client, theirs.unit, name="Ban Thanh tra nhân dân xã Đức Long")
    async with signed_in(mine.unit, roles=["committee_member"]) as member:
        listed = await member.get(COMMITTEES)
        assert [i["id"] for i in listed.json()["items"]] == [own["id"]]
        assert_problem(await member.get(f"{COMMITTEES}/{foreign['id']}"), 404, "committee_not_found")
        assert_problem(
            await member.get(COMMITTEES, params={"within_unit_id": str(theirs.unit.id)}),
            404,
            "unit_not_found",
        )
        refused = await member.post(COMMITTEES, json=committee_body(theirs.unit))
        assert_problem(refused, 422, "unit_not_found")
        changed = await member.patch(
            f"{COMMITTEES}/{own['id']}", json={"notes": "Họp định kỳ hằng quý"}, headers={"If-Match": '"v1"'}
        )
        assert changed.status_code == 200, changed.text
    async with signed_in(mine.unit, roles=["officer"]) as officer:
        # An officer holds no committees permission.
        assert_problem(await officer.get(COMMITTEES), 403, "permission_denied")


async def test_posts_are_idempotent_and_writes_audited(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune
) -> None:
    headers = {"Idempotency-Key": "committee-hoa-an-1"}
    first = await client.post(COMMITTEES, json=committee_body(commune.unit), headers=headers)
    again = await client.post(COMMITTEES, json=committee_body(commune.unit), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    committee_id = first.json()["id"]
    term = await new_term(client, committee_id, date(2024, 3, 15), date(2026, 9, 15))
    member = await client.post(
        f"{COMMITTEES}/{committee_id}/members",
        json={
            "term_id": term["id"],
            "full_name": "Nông Văn Hải",
            "contact": "0912 000 111",
            "role": "head",
            "joined_by": "appointment",
            "joined_on": "2024-03-15",
        },
    )
    assert member.status_code == 201, member.text
    events = (
        await session.execute(
            select(AuditEvent.action, AuditEvent.unit_id, AuditEvent.changes).order_by(AuditEvent.id)
        )
    ).all()
    ours = [(action, unit_id) for action, unit_id, _ in events if action.startswith("committee")]
    assert ours == [
        ("committee.create", commune.unit.id),
        ("committee_term.create", commune.unit.id),
        ("committee_member.create", commune.unit.id),
    ]
    member_changes = next(changes for action, _, changes in events if action == "committee_member.create")
    assert "0912 000 111" not in str(member_changes)
