"""The composition rules as data: listed by the day they are in force, changed only by a nationwide
administrator, and applied at once (a rule turned to `refuse` refuses)."""

from datetime import date

import httpx

from tests.committees.conftest import COMMITTEES, Commune, SignIn, new_committee, new_member, new_term
from tests.core.test_errors import assert_problem

RULES = f"{COMMITTEES}/composition-rules"


async def _codes(client: httpx.AsyncClient, **params: str) -> set[str]:
    response = await client.get(RULES, params=params)
    assert response.status_code == 200, response.text
    return {r["id"] for r in response.json()}


async def test_rules_in_force_on_each_side_of_1_july_2023(client: httpx.AsyncClient) -> None:
    before = await _codes(client, as_of="2023-06-30", committee_kind="people_inspection")
    after = await _codes(client, as_of="2023-07-01", committee_kind="people_inspection")
    assert before == {
        "pic-2016-min-members",
        "pic-2016-max-members",
        "pic-2016-one-head",
        "pic-2016-term-years",
    }
    assert after == {
        "pic-min-members",
        "pic-one-per-village",
        "pic-max-members-few-villages",
        "pic-max-deputy-heads",
        "pic-one-head",
        "pic-no-commune-post",
    }
    assert await _codes(client, as_of="2023-06-30", committee_kind="investment_supervision") == set()
    every = (await client.get(RULES)).json()
    assert len(every) == 19
    by_id = {r["id"]: r for r in every}
    assert by_id["pic-2016-max-members"] | {"note": None} == {
        "id": "pic-2016-max-members",
        "committee_kind": "people_inspection",
        "requirement": "max_members",
        "value": 11,
        "applies_below_villages": None,
        "enforcement": "report",
        "regime": "decree-159-2016",
        "valid_from": "2017-01-15",
        "valid_to": "2023-07-01",
        "legal_basis": "Nghị định 159/2016/NĐ-CP",
        "note": None,
    }
    assert by_id["agency-pic-max-members"]["value"] == 9
    assert by_id["cisb-max-resident-members"]["legal_basis"] == "Nghị định 59/2023/NĐ-CP, Điều 17"
    assert {r["enforcement"] for r in every if r["requirement"] in ("no_commune_post", "max_heads")} == {
        "refuse"
    }


async def test_a_rule_turned_to_refuse_refuses(client: httpx.AsyncClient, commune: Commune) -> None:
    changed = await client.patch(
        f"{RULES}/pic-max-deputy-heads", json={"enforcement": "refuse"}, headers={"If-Match": '"v1"'}
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["enforcement"], changed.headers["etag"]) == ("refuse", '"v2"')
    committee = (await new_committee(client, commune.unit))["id"]
    term = (await new_term(client, committee, date(2024, 3, 15), date(2026, 9, 15)))["id"]
    for n in range(2):
        await new_member(client, committee, term, full_name=f"Phó ban {n}", role="deputy_head")
    third = await client.post(
        f"{COMMITTEES}/{committee}/members",
        json={
            "term_id": term,
            "full_name": "Phó ban 3",
            "role": "deputy_head",
            "joined_by": "appointment",
            "joined_on": "2024-04-01",
        },
    )
    body = assert_problem(third, 422, "composition_rule_broken")
    assert body["rule_id"] == "pic-max-deputy-heads"
    assert "3 deputy heads, more than 2" in body["detail"]


async def test_only_a_nationwide_administrator_changes_rules(
    client: httpx.AsyncClient, commune: Commune, signed_in: SignIn
) -> None:
    body = {
        "id": "pic-max-deputy-heads-2027",
        "committee_kind": "people_inspection",
        "requirement": "max_deputy_heads",
        "value": 3,
        "enforcement": "report",
        "regime": "law-10-2022",
        "legal_basis": "Nghị định thử, Điều 1",
        "valid_from": "2027-01-01",
    }
    async with signed_in(commune.unit, roles=["admin"]) as local:
        assert_problem(await local.post(RULES, json=body), 403, "nationwide_only")
        refused = await local.patch(f"{RULES}/pic-one-head", json={"value": 2}, headers={"If-Match": '"v1"'})
        assert_problem(refused, 403, "nationwide_only")
    created = await client.post(RULES, json=body)
    assert created.status_code == 201, created.text
    assert created.headers["location"] == f"{RULES}/pic-max-deputy-heads-2027"
    assert_problem(await client.post(RULES, json=body), 409, "duplicate_composition_rule")
    assert_problem(
        await client.post(
            RULES, json={**body, "id": "x-min", "requirement": "min_members", "enforcement": "refuse"}
        ),
        422,
        "rule_not_refusable",
    )
    assert_problem(
        await client.post(RULES, json={**body, "id": "x-village", "requirement": "one_per_village"}),
        422,
        "invalid_rule_value",
    )
    assert_problem(
        await client.post(RULES, json={**body, "id": "x-dates", "valid_to": "2026-01-01"}),
        422,
        "invalid_validity",
    )
    assert_problem(
        await client.patch(f"{RULES}/nothing-here", json={"value": 2}, headers={"If-Match": '"v1"'}),
        404,
        "composition_rule_not_found",
    )
