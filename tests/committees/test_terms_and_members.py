"""A committee's terms and members: overlapping terms, the regime of a term's first day, members'
dates, roles and eligibility, history kept, and the contact shown only to those who manage."""

from datetime import date
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.committees.conftest import (
    COMMITTEES,
    Commune,
    SignIn,
    create_commune,
    member_body,
    new_committee,
    new_member,
    new_term,
)
from tests.core.test_errors import assert_problem


async def _pic(client: httpx.AsyncClient, commune: Commune) -> tuple[str, dict[str, Any]]:
    committee = await new_committee(client, commune.unit)
    term = await new_term(client, committee["id"], date(2024, 3, 15), date(2026, 9, 15))
    return committee["id"], term


async def test_terms_never_overlap_and_record_their_regime(
    client: httpx.AsyncClient, commune: Commune
) -> None:
    committee = (await new_committee(client, commune.unit))["id"]
    url = f"{COMMITTEES}/{committee}/terms"
    old = await new_term(client, committee, date(2021, 6, 1), date(2023, 6, 1))
    assert old["regime"] == "decree-159-2016"
    # The day before Law 10/2022 took effect still belongs to Decree 159/2016; the day itself does not.
    eve = await new_term(client, committee, date(2023, 6, 30), date(2023, 7, 1))
    assert eve["regime"] == "decree-159-2016"
    current = await new_term(client, committee, date(2023, 7, 1), date(2026, 1, 1))
    assert current["regime"] == "law-10-2022"

    overlap = await client.post(url, json={"starts_on": "2022-01-01", "planned_end_on": "2022-06-01"})
    body = assert_problem(overlap, 409, "term_overlap")
    assert body["overlapping_term_id"] == old["id"]
    assert_problem(
        await client.post(url, json={"starts_on": "2027-01-01", "planned_end_on": "2026-01-01"}),
        422,
        "invalid_period",
    )
    listed = await client.get(url)
    assert [t["id"] for t in listed.json()] == [old["id"], eve["id"], current["id"]]

    # Ended early, then a new term starts the day it ended.
    ended = await client.patch(
        f"{url}/{current['id']}", json={"ended_on": "2025-06-01"}, headers={"If-Match": '"v1"'}
    )
    assert ended.status_code == 200, ended.text
    assert (ended.json()["ended_on"], ended.headers["etag"]) == ("2025-06-01", '"v2"')
    await new_term(client, committee, date(2025, 6, 1), date(2027, 12, 1))
    reopened = await client.patch(
        f"{url}/{current['id']}", json={"ended_on": None}, headers={"If-Match": '"v2"'}
    )
    assert_problem(reopened, 409, "term_overlap")


async def test_members_join_and_leave_inside_their_term(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune
) -> None:
    committee, term = await _pic(client, commune)
    url = f"{COMMITTEES}/{committee}/members"
    village = commune.villages[0]
    head = await new_member(client, committee, term["id"], role="head", represented_unit_id=str(village.id))
    assert head["represented_unit"]["name"] == village.name
    assert (head["contact"], head["votes_for"], head["voters"]) == ("0912 345 678", 86, 102)

    def post(**overrides: Any) -> Any:
        return client.post(url, json=member_body(term["id"], **overrides))

    assert_problem(await post(joined_on="2024-03-01"), 422, "date_outside_term")
    assert_problem(await post(joined_on="2026-09-15"), 422, "date_outside_term")
    assert_problem(await post(left_on="2024-03-15"), 422, "left_before_joined")
    assert_problem(await post(left_on="2024-03-01"), 422, "left_before_joined")
    assert_problem(await post(left_on="2026-10-01"), 422, "date_outside_term")
    assert_problem(await post(leaving_reason="moved"), 422, "left_on_required")
    assert_problem(await post(meeting_on=None), 422, "meeting_date_required")
    assert_problem(await post(votes_for=120), 422, "votes_exceed_voters")
    assert_problem(await post(birth_year=2027), 422, "date_in_future")
    other = await create_commune(session, 1, name="Xã Đức Long")
    elsewhere = str(other.villages[0].id)
    assert_problem(await post(represented_unit_id=elsewhere), 422, "represented_unit_outside_committee")
    assert_problem(
        await post(represented_unit_id=str(commune.unit.id)), 422, "represented_unit_outside_committee"
    )

    other_committee = await new_committee(
        client, commune.unit, kind="investment_supervision", name="Ban Giám sát đầu tư dự án đường Nà Cạn"
    )
    other_term = await new_term(client, other_committee["id"], date(2024, 5, 1), date(2025, 5, 1))
    foreign_term = await client.post(url, json=member_body(other_term["id"]))
    assert_problem(foreign_term, 422, "term_not_found")

    # Nothing refused was written: the head is the only member.
    assert [m["id"] for m in (await client.get(url)).json()] == [head["id"]]


async def test_a_second_head_is_refused_citing_the_rule(client: httpx.AsyncClient, commune: Commune) -> None:
    committee, term = await _pic(client, commune)
    url = f"{COMMITTEES}/{committee}/members"
    head = await new_member(client, committee, term["id"], role="head", full_name="Nông Văn Hải")
    second = await client.post(url, json=member_body(term["id"], role="head", joined_on="2025-01-01"))
    body = assert_problem(second, 422, "composition_rule_broken")
    assert (body["rule_id"], body["legal_basis"]) == ("pic-one-head", "Luật 10/2022/QH15, Điều 36 khoản 3")
    assert "Luật 10/2022/QH15, Điều 36 khoản 3" in body["detail"]

    deputy = await new_member(client, committee, term["id"], role="deputy_head")
    promoted = await client.patch(
        f"{url}/{deputy['id']}", json={"role": "head"}, headers={"If-Match": '"v1"'}
    )
    assert_problem(promoted, 422, "composition_rule_broken")

    # The head leaves on 1 January 2025 (history is kept); a new head from that day is accepted.
    left = await client.patch(
        f"{url}/{head['id']}",
        json={"left_on": "2025-01-01", "leaving_reason": "resignation"},
        headers={"If-Match": '"v1"'},
    )
    assert left.status_code == 200, left.text
    assert (left.json()["left_on"], left.headers["etag"]) == ("2025-01-01", '"v2"')
    assert_problem(
        await client.post(url, json=member_body(term["id"], role="head", joined_on="2024-12-31")),
        422,
        "composition_rule_broken",
    )
    successor = await new_member(client, committee, term["id"], role="head", joined_on="2025-01-01")

    everyone = (await client.get(url)).json()
    assert {m["id"] for m in everyone} == {head["id"], deputy["id"], successor["id"]}
    sitting = (await client.get(url, params={"on": "2025-06-01"})).json()
    assert {m["id"] for m in sitting} == {deputy["id"], successor["id"]}
    heads = (await client.get(url, params={"role": "head", "term_id": term["id"]})).json()
    assert [m["id"] for m in heads] == [head["id"], successor["id"]]
    got = await client.get(f"{url}/{head['id']}")
    assert (got.json()["leaving_reason"], got.headers["etag"]) == ("resignation", '"v2"')


async def test_an_ineligible_member_is_refused_naming_the_article(
    client: httpx.AsyncClient, commune: Commune
) -> None:
    committee, term = await _pic(client, commune)
    url = f"{COMMITTEES}/{committee}/members"
    refused = await client.post(url, json=member_body(term["id"], holds_commune_post=True))
    body = assert_problem(refused, 422, "member_ineligible")
    assert (body["rule_id"], body["legal_basis"]) == ("pic-no-commune-post", "Luật 10/2022/QH15, Điều 37")
    assert body["errors"][0]["field"] == "holds_commune_post"
    member = await new_member(client, committee, term["id"])
    declared = await client.patch(
        f"{url}/{member['id']}", json={"holds_commune_post": True}, headers={"If-Match": '"v1"'}
    )
    assert_problem(declared, 422, "member_ineligible")

    board = await new_committee(
        client, commune.unit, kind="investment_supervision", name="Ban Giám sát đầu tư dự án trường Nà Cạn"
    )
    board_term = await new_term(client, board["id"], date(2024, 5, 1), date(2025, 11, 1))
    related = await client.post(
        f"{COMMITTEES}/{board['id']}/members",
        json=member_body(
            board_term["id"], joined_on="2024-05-01", constituency="resident", related_to_project_party=True
        ),
    )
    body = assert_problem(related, 422, "member_ineligible")
    assert (body["rule_id"], body["legal_basis"]) == (
        "cisb-not-related-to-project",
        "Luật 10/2022/QH15, Điều 42",
    )
    assert (await client.get(f"{COMMITTEES}/{board['id']}/members")).json() == []


async def test_contact_is_shown_only_to_who_manages(
    client: httpx.AsyncClient, commune: Commune, signed_in: SignIn
) -> None:
    committee, term = await _pic(client, commune)
    member = await new_member(client, committee, term["id"])
    url = f"{COMMITTEES}/{committee}/members"
    async with signed_in(None, roles=["viewer"]) as viewer:
        assert (await viewer.get(f"{url}/{member['id']}")).json()["contact"] is None
        assert [m["contact"] for m in (await viewer.get(url)).json()] == [None]
    async with signed_in(commune.unit, roles=["committee_member"]) as manager:
        assert (await manager.get(f"{url}/{member['id']}")).json()["contact"] == "0912 345 678"
    async with signed_in(None, roles=["steering_committee"]) as steering:
        assert (await steering.get(url)).json()[0]["contact"] is None


async def test_term_dates_keep_their_members_inside(client: httpx.AsyncClient, session: AsyncSession) -> None:
    commune = await create_commune(session, 2)
    committee, term = await _pic(client, commune)
    await new_member(client, committee, term["id"], joined_on="2024-06-01")
    url = f"{COMMITTEES}/{committee}/terms/{term['id']}"
    later = await client.patch(url, json={"starts_on": "2024-07-01"}, headers={"If-Match": '"v1"'})
    assert_problem(later, 422, "members_outside_term")
    shorter = await client.patch(url, json={"ended_on": "2024-05-01"}, headers={"If-Match": '"v1"'})
    assert_problem(shorter, 422, "members_outside_term")
    extended = await client.patch(url, json={"planned_end_on": "2027-03-15"}, headers={"If-Match": '"v1"'})
    assert extended.status_code == 200, extended.text
    assert extended.json()["planned_end_on"] == "2027-03-15"
