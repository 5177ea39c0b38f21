"""Composition rules applied to committees on concrete dates, on both sides of 1 July 2023: what a
committee's compliance says of each rule, and which breaches are accepted and only reported."""

from datetime import date
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.committees.conftest import COMMITTEES, Commune, create_commune, new_committee, new_member, new_term
from tests.factories import create_unit


async def _compliance(client: httpx.AsyncClient, committee: str, as_of: str) -> dict[str, Any]:
    response = await client.get(f"{COMMITTEES}/{committee}/compliance", params={"as_of": as_of})
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _rules(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["rule_id"]: r for r in report["rules"]}


def _broken(report: dict[str, Any]) -> set[str]:
    return {r["rule_id"] for r in report["rules"] if not r["holds"]}


async def _elect(
    client: httpx.AsyncClient, committee: str, term: str, commune: Commune, joined_on: str, **extra: Any
) -> list[dict[str, Any]]:
    """One member per village: the first is the head, the next two deputies."""
    roles = ["head", "deputy_head", "deputy_head"]
    return [
        await new_member(
            client,
            committee,
            term,
            full_name=f"Thành viên {n}",
            role=roles[n] if n < len(roles) else "member",
            represented_unit_id=str(village.id),
            meeting_on=joined_on,
            joined_on=joined_on,
            **extra,
        )
        for n, village in enumerate(commune.villages)
    ]


async def test_a_commune_with_7_villages_elects_a_7_member_pic(
    client: httpx.AsyncClient, commune: Commune
) -> None:
    committee = (await new_committee(client, commune.unit))["id"]
    term = await new_term(client, committee, date(2024, 3, 15), date(2026, 9, 15))
    members = await _elect(client, committee, term["id"], commune, "2024-03-15")

    report = await _compliance(client, committee, "2025-01-01")
    assert (report["compliant"], report["members"], report["villages"]) == (True, 7, 7)
    assert (report["term_id"], report["regime"], report["reasons"]) == (term["id"], "law-10-2022", [])
    rules = _rules(report)
    assert set(rules) == {
        "pic-min-members",
        "pic-one-per-village",
        "pic-max-members-few-villages",
        "pic-max-deputy-heads",
        "pic-one-head",
        "pic-no-commune-post",
    }
    assert rules["pic-one-per-village"]["legal_basis"].startswith("Luật 10/2022/QH15, Điều 36")
    # 7 villages: the cap for communes of fewer than 5 does not apply.
    assert (
        rules["pic-max-members-few-villages"]["applies"],
        rules["pic-max-members-few-villages"]["holds"],
    ) == (
        False,
        True,
    )

    # The member of the 7th village leaves on 1 June 2025: that village has no representative.
    last = members[-1]
    left = await client.patch(
        f"{COMMITTEES}/{committee}/members/{last['id']}",
        json={"left_on": "2025-06-01", "leaving_reason": "moved"},
        headers={"If-Match": '"v1"'},
    )
    assert left.status_code == 200, left.text
    assert (await _compliance(client, committee, "2025-05-31"))["compliant"] is True
    report = await _compliance(client, committee, "2025-06-01")
    assert (report["compliant"], report["members"]) == (False, 6)
    assert _broken(report) == {"pic-one-per-village"}
    village = _rules(report)["pic-one-per-village"]
    assert village["actual"] == 6
    assert village["reason"] == (
        f"1 of 7 villages or residential groups without a representative: {commune.villages[-1].name}."
    )
    assert report["reasons"] == [
        "pic-one-per-village (Luật 10/2022/QH15, Điều 36 khoản 1; Nghị định 59/2023/NĐ-CP, Điều 13): "
        + village["reason"]
    ]

    # After the planned end, and today (26 November 2026), no term is in force.
    report = await _compliance(client, committee, "2026-09-15")
    assert (report["compliant"], report["term_id"], report["rules"]) == (False, None, [])
    assert report["reasons"] == ["No term of the committee is in force on 2026-09-15."]
    today = await client.get(f"{COMMITTEES}/{committee}/compliance")
    assert today.json()["as_of"] == "2026-11-26"


async def test_breaches_the_law_only_reports_are_accepted(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    commune = await create_commune(session, 3)
    committee = (await new_committee(client, commune.unit))["id"]
    term = (await new_term(client, committee, date(2024, 3, 15), date(2026, 9, 15)))["id"]
    await _elect(client, committee, term, commune, "2024-03-15")
    report = await _compliance(client, committee, "2024-04-01")
    assert _broken(report) == {"pic-min-members"}
    assert _rules(report)["pic-min-members"]["reason"] == "3 members, fewer than 5."
    # A third deputy head and a sixth member are accepted, and reported.
    for n, role in enumerate(["deputy_head", "member", "member"]):
        await new_member(client, committee, term, full_name=f"Bổ sung {n}", role=role, joined_on="2024-05-01")
    report = await _compliance(client, committee, "2024-05-01")
    assert report["members"] == 6
    assert _broken(report) == {"pic-max-members-few-villages", "pic-max-deputy-heads"}
    rules = _rules(report)
    assert rules["pic-max-members-few-villages"]["reason"] == "6 members, more than 5."
    assert rules["pic-max-deputy-heads"]["reason"] == "3 deputy heads, more than 2."
    assert rules["pic-max-deputy-heads"]["enforcement"] == "report"


async def test_a_term_before_1_july_2023_keeps_decree_159(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    commune = await create_commune(session, 12)
    committee = (await new_committee(client, commune.unit, established_on="2021-05-20"))["id"]
    term = await new_term(client, committee, date(2021, 6, 1), date(2024, 6, 1))
    assert term["regime"] == "decree-159-2016"
    await _elect(client, committee, term["id"], commune, "2021-06-01")
    for as_of in ("2022-01-01", "2023-09-01"):
        report = await _compliance(client, committee, as_of)
        assert report["regime"] == "decree-159-2016"
        assert set(_rules(report)) == {
            "pic-2016-min-members",
            "pic-2016-max-members",
            "pic-2016-one-head",
            "pic-2016-term-years",
        }
        assert _broken(report) == {"pic-2016-max-members", "pic-2016-term-years"}
        rules = _rules(report)
        assert rules["pic-2016-max-members"]["reason"] == "12 members, more than 11."
        assert "longer than 2 years" in rules["pic-2016-term-years"]["reason"]
    # The same 12 villages with 12 members under Law 10/2022: one per village, compliant.
    later = await new_term(client, committee, date(2024, 6, 1), date(2026, 12, 1))
    assert later["regime"] == "law-10-2022"
    await _elect(client, committee, later["id"], commune, "2024-06-01")
    report = await _compliance(client, committee, "2024-06-01")
    assert (report["compliant"], report["members"], report["regime"]) == (True, 12, "law-10-2022")


async def test_agency_pic_and_cisb_sizes(client: httpx.AsyncClient, session: AsyncSession) -> None:
    commune = await create_commune(session, 2)
    agency = await create_unit(session, name="Sở Tư pháp Thử", kind="agency", parent_id=commune.province.id)
    pic = (await new_committee(client, agency, kind="people_inspection_agency", name="Ban TTND Sở Tư pháp"))[
        "id"
    ]
    term = (await new_term(client, pic, date(2024, 1, 1), date(2026, 12, 31)))["id"]
    for n in range(2):
        await new_member(
            client,
            pic,
            term,
            full_name=f"Công chức {n}",
            joined_by="appointment",
            meeting_on=None,
            votes_for=None,
            voters=None,
            joined_on="2024-01-01",
        )
    report = await _compliance(client, pic, "2024-02-01")
    assert report["villages"] is None
    assert _broken(report) == {"agency-pic-min-members"}
    assert _rules(report)["agency-pic-min-members"]["legal_basis"] == "Luật 10/2022/QH15, Điều 60 khoản 1"

    board = (
        await new_committee(
            client, commune.unit, kind="investment_supervision", name="Ban GSĐTCĐ đường Nà 01"
        )
    )["id"]
    term = (await new_term(client, board, date(2024, 5, 1), date(2025, 11, 1)))["id"]
    for n in range(6):
        await new_member(
            client, board, term, full_name=f"Người dân {n}", constituency="resident", joined_on="2024-05-01"
        )
    report = await _compliance(client, board, "2024-06-01")
    assert _broken(report) == {"cisb-max-resident-members"}
    assert _rules(report)["cisb-max-resident-members"]["reason"] == "6 resident members, more than 5."
