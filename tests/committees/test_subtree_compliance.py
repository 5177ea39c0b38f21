"""A province's committees against the composition rules, on days on both sides of 1 July 2023: every
kind of problem the subtree report lists, its rule and article, the counts and totals, the jurisdiction."""

from datetime import date
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from api.units.models import Unit
from tests.committees.conftest import COMMITTEES, SignIn, create_commune
from tests.core.test_errors import assert_problem
from tests.factories import (
    create_committee,
    create_committee_member,
    create_committee_term,
    create_investment_project,
    create_unit,
)

COMPLIANCE = f"{COMMITTEES}/compliance"


class Province:
    """The hand-made province: on 1 June 2025 (Law 10/2022) and on 1 March 2023 (Decree 159/2016)."""

    async def build(self, session: AsyncSession) -> "Province":
        s = session
        # Xã An: 6 villages, a PIC of 5 members from the first 5 (the 6th has no representative).
        an = await create_commune(s, 6, name="Xã An")
        self.province = an.province
        p = self.province
        self.an = an
        pic_an = self.pic_an = await create_committee(s, an.unit)
        term_an = await create_committee_term(s, pic_an)
        for n, village in enumerate(an.villages[:5]):
            await create_committee_member(
                s,
                pic_an,
                term_an,
                full_name=f"An {n}",
                role="head" if n == 0 else "member",
                represented_unit_id=village.id,
            )
        # Xã Bình: 3 villages, a PIC of 6 (at most 5 where fewer than 5 villages) with 3 deputy heads (at most 2).
        self.binh = await create_unit(s, name="Xã Bình", kind="commune", parent_id=p.id, code="90002")
        binh_villages = [
            await create_unit(s, name=f"Xóm Bình {n}", kind="village", parent_id=self.binh.id)
            for n in range(3)
        ]
        pic_binh = await create_committee(s, self.binh)
        term_binh = await create_committee_term(s, pic_binh, planned_end_on=date(2029, 3, 15))
        for n in range(6):
            await create_committee_member(
                s,
                pic_binh,
                term_binh,
                full_name=f"Bình {n}",
                role="deputy_head" if n < 3 else "member",
                represented_unit_id=binh_villages[n].id if n < 3 else None,
            )
        # Xã Cao: no PIC at all.
        self.cao = await create_unit(s, name="Xã Cao", kind="commune", parent_id=p.id, code="90003")
        # Xã Đông: a PIC of 4 under Decree 159/2016 (at least 5), its term planned to 10 January 2024 and
        # never ended nor followed.
        self.dong = await create_unit(s, name="Xã Đông", kind="commune", parent_id=p.id, code="90004")
        pic_dong = self.pic_dong = await create_committee(s, self.dong, established_on=date(2022, 1, 5))
        term_dong = await create_committee_term(
            s, pic_dong, starts_on=date(2022, 1, 10), planned_end_on=date(2024, 1, 10)
        )
        for n in range(4):
            await create_committee_member(s, pic_dong, term_dong, full_name=f"Đông {n}")
        # Xã Giang: under Decree 159/2016, a term planned for 3 years (at most 2), properly ended and followed.
        self.giang = await create_unit(s, name="Xã Giang", kind="commune", parent_id=p.id, code="90005")
        pic_giang = await create_committee(s, self.giang, established_on=date(2021, 6, 1))
        old = await create_committee_term(
            s,
            pic_giang,
            starts_on=date(2021, 6, 1),
            planned_end_on=date(2024, 6, 1),
            ended_on=date(2024, 3, 1),
        )
        for n in range(5):
            await create_committee_member(
                s, pic_giang, old, full_name=f"Giang cũ {n}", left_on=date(2024, 3, 1)
            )
        new = await create_committee_term(
            s, pic_giang, starts_on=date(2024, 3, 1), planned_end_on=date(2026, 9, 1)
        )
        for n in range(5):
            await create_committee_member(s, pic_giang, new, full_name=f"Giang {n}")
        # An agency under the province with a PIC of 2 (at least 3).
        self.agency = await create_unit(s, name="Sở Xây dựng", kind="agency", parent_id=p.id, code="90006")
        pic_agency = await create_committee(s, self.agency, kind="people_inspection_agency")
        term_agency = await create_committee_term(s, pic_agency)
        for n in range(2):
            await create_committee_member(s, pic_agency, term_agency, full_name=f"Sở {n}")
        # Projects: one in Xã An with a board of 3 (at least 5), one in Xã Bình without a board, one in
        # Xã Bình whose board has no term, one ended.
        road = await create_investment_project(s, an.unit, name="Đường An", starts_on=date(2025, 1, 1))
        self.board = await create_committee(
            s,
            an.unit,
            kind="investment_supervision",
            name="Ban GSĐT Đường An",
            project_id=road.id,
            established_on=date(2025, 1, 5),
        )
        board_term = await create_committee_term(
            s, self.board, starts_on=date(2025, 1, 5), planned_end_on=date(2027, 1, 5)
        )
        for n in range(3):
            await create_committee_member(
                s, self.board, board_term, full_name=f"GS {n}", joined_on=date(2025, 1, 5)
            )
        self.bare = await create_investment_project(s, self.binh, name="Cầu Bình", starts_on=date(2025, 2, 1))
        hall = await create_investment_project(
            s, self.binh, name="Nhà văn hóa Bình", starts_on=date(2025, 2, 1)
        )
        self.termless = await create_committee(
            s,
            self.binh,
            kind="investment_supervision",
            name="Ban GSĐT Nhà văn hóa",
            project_id=hall.id,
            established_on=date(2025, 2, 2),
        )
        await create_investment_project(
            s, self.binh, name="Kênh Bình", starts_on=date(2024, 1, 1), actual_end_on=date(2024, 12, 31)
        )
        # A commune of another province, out of the subtree.
        await create_commune(s, 3, name="Xã Ngoài")
        return self


def _items(report: dict[str, Any], problem: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (
            i["unit"]["name"],
            i["committee"]["name"] if i["committee"] else None,
            i["rule"]["id"] if i["rule"] else None,
        )
        for i in report["items"]
        if i["problem"] == problem
    ]


async def _report(client: httpx.AsyncClient, unit: Unit, as_of: str) -> dict[str, Any]:
    response = await client.get(COMPLIANCE, params={"within_unit_id": str(unit.id), "as_of": as_of})
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


async def test_every_problem_under_law_10_2022(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await Province().build(session)
    report = await _report(client, world.province, "2025-06-01")
    pic = "Ban Thanh tra nhân dân "
    assert sorted(_items(report, "commune_without_pic")) == [("Xã Cao", None, None), ("Xã Đông", None, None)]
    assert _items(report, "village_without_representative") == [
        ("Xóm Nà 06", pic + "Xã An", "pic-one-per-village")
    ]
    assert _items(report, "pic_too_many_members") == [
        ("Xã Bình", pic + "Xã Bình", "pic-max-members-few-villages")
    ]
    assert _items(report, "pic_too_few_members") == [
        ("Sở Xây dựng", pic + "Sở Xây dựng", "agency-pic-min-members")
    ]
    assert _items(report, "rule_broken") == [("Xã Bình", pic + "Xã Bình", "pic-max-deputy-heads")]
    assert _items(report, "term_expired") == [("Xã Đông", pic + "Xã Đông", None)]
    assert _items(report, "committee_without_term") == [("Xã Bình", "Ban GSĐT Nhà văn hóa", None)]
    assert _items(report, "project_without_board") == [("Xã Bình", None, None)]
    assert _items(report, "cisb_under_size") == [("Xã An", "Ban GSĐT Đường An", "cisb-min-members")]
    village = next(i for i in report["items"] if i["problem"] == "village_without_representative")
    assert village["rule"]["legal_basis"].startswith("Luật 10/2022/QH15, Điều 36")
    assert village["unit"]["kind"] == "village"
    project = next(i for i in report["items"] if i["problem"] == "project_without_board")
    assert project["project"]["name"] == "Cầu Bình"
    assert report["counts"] == {
        "commune_without_pic": 2,
        "pic_too_few_members": 1,
        "pic_too_many_members": 1,
        "village_without_representative": 1,
        "rule_broken": 1,
        "term_expired": 1,
        "committee_without_term": 1,
        "project_without_board": 1,
        "cisb_under_size": 1,
    }
    assert report["totals"] == {
        "communes": 5,
        "villages": 9,
        "committees": 7,
        "committees_in_term": 5,
        "compliant_committees": 1,
        "projects_under_way": 3,
        "problems": 10,
    }
    # Within one commune: only its own problems.
    own = await _report(client, world.binh, "2025-06-01")
    assert {i["problem"] for i in own["items"]} == {
        "pic_too_many_members",
        "rule_broken",
        "committee_without_term",
        "project_without_board",
    }
    assert own["totals"]["communes"] == 1


async def test_every_problem_under_decree_159_2016(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await Province().build(session)
    report = await _report(client, world.province, "2023-03-01")
    # Before their establishment Xã An's and Xã Bình's PICs do not stand; the agency's neither.
    assert sorted(_items(report, "commune_without_pic")) == [
        ("Xã An", None, None),
        ("Xã Bình", None, None),
        ("Xã Cao", None, None),
    ]
    pic = "Ban Thanh tra nhân dân "
    assert _items(report, "pic_too_few_members") == [("Xã Đông", pic + "Xã Đông", "pic-2016-min-members")]
    assert _items(report, "rule_broken") == [("Xã Giang", pic + "Xã Giang", "pic-2016-term-years")]
    assert report["counts"]["village_without_representative"] == 0
    assert report["counts"]["project_without_board"] == 0
    assert report["totals"]["committees_in_term"] == 2
    # The day after Xã Đông's term's planned end: it has expired.
    later = await _report(client, world.province, "2024-01-10")
    assert _items(later, "term_expired") == [("Xã Đông", pic + "Xã Đông", None)]


async def test_default_scope_day_and_jurisdiction(
    client: httpx.AsyncClient, session: AsyncSession, signed_in: SignIn
) -> None:
    world = await Province().build(session)
    today = (await client.get(COMPLIANCE)).json()
    assert today["as_of"] == "2026-11-26" and today["within_unit_id"] is None
    # Whole country: the other province's commune has no PIC either.
    assert ("Xã Ngoài", None, None) in _items(today, "commune_without_pic")
    async with signed_in(world.binh) as officer:
        own = (await officer.get(COMPLIANCE, params={"as_of": "2025-06-01"})).json()
        assert own["totals"]["communes"] == 1
        assert {i["unit"]["name"] for i in own["items"]} == {"Xã Bình"}
        outside = await officer.get(COMPLIANCE, params={"within_unit_id": str(world.an.unit.id)})
        assert_problem(outside, 404, "unit_not_found")
    bad = await client.get(COMPLIANCE, params={"as_of": "yesterday"})
    assert bad.status_code == 422


async def test_pages_problems_asked_for_and_named_committees(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    world = await Province().build(session)
    asked = {"within_unit_id": str(world.province.id), "as_of": "2025-06-01"}
    whole = (await client.get(COMPLIANCE, params=asked)).json()
    assert whole["total"] == 10 and whole["next_cursor"] is None
    # Three at a time: the same problems in the same order, every page counting them all.
    seen: list[dict[str, Any]] = []
    cursor: str | None = None
    pages = 0
    while pages == 0 or cursor is not None:
        page = (
            await client.get(
                COMPLIANCE, params={**asked, "limit": 3, **({"cursor": cursor} if cursor else {})}
            )
        ).json()
        assert (page["counts"], page["totals"], page["total"]) == (whole["counts"], whole["totals"], 10)
        seen += page["items"]
        cursor, pages = page["next_cursor"], pages + 1
    assert pages == 4 and seen == whole["items"]

    # Some problems only: the items, never the counts.
    some = (
        await client.get(COMPLIANCE, params={**asked, "problem": ["term_expired", "commune_without_pic"]})
    ).json()
    assert [i["problem"] for i in some["items"]] == ["commune_without_pic"] * 2 + ["term_expired"]
    assert some["total"] == 3 and some["counts"] == whole["counts"]

    # Named committees: only theirs, with the communes of the PICs among them (Xã Đông's PIC has no term
    # in force, so its commune has none) and their villages; projects are not looked at.
    named = (
        await client.get(
            COMPLIANCE,
            params={
                **asked,
                "committee_id": [str(c.id) for c in (world.pic_an, world.board, world.pic_dong)],
            },
        )
    ).json()
    assert [(i["problem"], i["unit"]["name"]) for i in named["items"]] == [
        ("commune_without_pic", "Xã Đông"),
        ("village_without_representative", "Xóm Nà 06"),
        ("term_expired", "Xã Đông"),
        ("cisb_under_size", "Xã An"),
    ]
    assert named["totals"] == {
        "communes": 2,
        "villages": 6,
        "committees": 3,
        "committees_in_term": 2,
        "compliant_committees": 0,
        "projects_under_way": 0,
        "problems": 4,
    }
    # A committee outside the subtree asked for is left out.
    binh = await _report(client, world.binh, "2025-06-01")
    outside = (
        await client.get(
            COMPLIANCE,
            params={
                "within_unit_id": str(world.binh.id),
                "as_of": "2025-06-01",
                "committee_id": str(world.pic_an.id),
            },
        )
    ).json()
    assert outside["items"] == [] and outside["totals"]["committees"] == 0 and binh["total"] == 4


async def test_a_cursor_not_issued_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get(COMPLIANCE, params={"cursor": "eyJzIjoicHJvYmxlbSJ9.forged"})
    assert_problem(response, 400, "invalid_cursor")
    too_many = await client.get(COMPLIANCE, params={"limit": 501})
    assert_problem(too_many, 422, "validation_failed")


async def test_the_list_filters_by_compliance(client: httpx.AsyncClient, session: AsyncSession) -> None:
    """`compliance` keeps the committees the report judges so on `in_term_on` (which also keeps only
    those with a term in force that day): the one compliant PIC, Xã Giang's, and the four in term
    that break a rule."""
    world = await Province().build(session)
    asked: dict[str, str | int] = {
        "within_unit_id": str(world.province.id),
        "in_term_on": "2025-06-01",
        "limit": 50,
    }

    async def names(compliance: str) -> list[str]:
        response = await client.get(COMMITTEES, params={**asked, "compliance": compliance})
        assert response.status_code == 200, response.text
        return sorted(c["name"] for c in response.json()["items"])

    pic = "Ban Thanh tra nhân dân "
    assert await names("compliant") == [pic + "Xã Giang"]
    assert await names("not_compliant") == sorted(
        ["Ban GSĐT Đường An", pic + "Sở Xây dựng", pic + "Xã An", pic + "Xã Bình"]
    )
    # Within one commune: its own committees only.
    own = await client.get(
        COMMITTEES,
        params={
            "within_unit_id": str(world.binh.id),
            "in_term_on": "2025-06-01",
            "compliance": "not_compliant",
        },
    )
    assert [c["name"] for c in own.json()["items"]] == [pic + "Xã Bình"]
    bad = await client.get(COMMITTEES, params={"compliance": "maybe"})
    assert_problem(bad, 422, "validation_failed")
