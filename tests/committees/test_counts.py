"""Counting committees in term and members sitting on a day reproduces a hand-made dataset: 161 commune
People's Inspection Committees with 1,215 members in term (the figure the product is named for), among
members who left, members who joined later, terms that ended, a dissolved committee and another
province's committees, none of which may be counted."""

import uuid
from datetime import date

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from api.committees.models import (
    Committee,
    CommitteeKind,
    CommitteeMember,
    CommitteeStatus,
    CommitteeTerm,
    Gender,
    JoinedBy,
    LeavingReason,
    MemberRole,
)
from api.units.models import Unit
from tests.committees.conftest import COMMITTEES, SignIn
from tests.core.test_errors import assert_problem
from tests.factories import create_unit

SUMMARY = f"{COMMITTEES}/summary"
ON = date(2026, 6, 30)
COMMUNES = 161
MEMBERS = 1215
OLD_START, NEW_START, NEW_END = date(2021, 9, 1), date(2024, 3, 15), date(2026, 9, 15)


def _committee(
    unit: Unit, kind: CommitteeKind = CommitteeKind.PEOPLE_INSPECTION, dissolved_on: date | None = None
) -> Committee:
    name = f"Ban Thanh tra nhân dân {unit.name}"
    return Committee(
        id=uuid.uuid4(),
        kind=kind,
        unit_id=unit.id,
        name=name,
        name_key=name.lower(),
        search_text=name.lower(),
        established_on=OLD_START,
        status=CommitteeStatus.ACTIVE if dissolved_on is None else CommitteeStatus.DISSOLVED,
        dissolved_on=dissolved_on,
    )


def _term(
    committee: Committee, starts_on: date, planned_end_on: date, ended_on: date | None = None
) -> CommitteeTerm:
    return CommitteeTerm(
        id=uuid.uuid4(),
        committee_id=committee.id,
        unit_id=committee.unit_id,
        starts_on=starts_on,
        planned_end_on=planned_end_on,
        ended_on=ended_on,
    )


def _member(
    term: CommitteeTerm, n: int, role: MemberRole, joined_on: date, left_on: date | None = None
) -> CommitteeMember:
    return CommitteeMember(
        id=uuid.uuid4(),
        committee_id=term.committee_id,
        term_id=term.id,
        unit_id=term.unit_id,
        full_name=f"Thành viên {n}",
        search_text=f"thanh vien {n}",
        gender=[Gender.FEMALE, Gender.MALE, None][n % 3],
        role=role,
        joined_by=JoinedBy.VILLAGE_MEETING_ELECTION,
        meeting_on=joined_on,
        joined_on=joined_on,
        left_on=left_on,
        leaving_reason=LeavingReason.RESIGNATION if left_on is not None else None,
    )


async def _dataset(session: AsyncSession) -> tuple[Unit, dict[str, int]]:
    """The province, and the expected members by role and gender (counted as they are made)."""
    province = await create_unit(session, name="Tỉnh Cao Bằng Thử", kind="province")
    expected = {"head": 0, "deputy_head": 0, "member": 0, "female": 0, "male": 0, "unknown": 0}
    rows: list[object] = []
    for c in range(COMMUNES):
        commune = await create_unit(session, name=f"Xã {c:03d}", kind="commune", parent_id=province.id)
        committee = _committee(commune)
        old = _term(committee, OLD_START, NEW_START, ended_on=NEW_START)
        new = _term(committee, NEW_START, NEW_END)
        rows += [committee, old, new]
        # The previous term's 5 members, all gone at its end.
        rows += [_member(old, n, MemberRole.MEMBER, OLD_START, NEW_START) for n in range(5)]
        sitting = 7 + (1 if c < MEMBERS - 7 * COMMUNES else 0)
        for n in range(sitting):
            role = MemberRole.HEAD if n == 0 else MemberRole.DEPUTY_HEAD if n < 3 else MemberRole.MEMBER
            rows.append(_member(new, n, role, NEW_START))
            expected[role.value] += 1
            expected[["female", "male", "unknown"][n % 3]] += 1
        if c % 10 == 0:
            # One who resigned before the day, one who joined after it.
            rows.append(_member(new, 90, MemberRole.MEMBER, NEW_START, date(2025, 5, 1)))
            rows.append(_member(new, 91, MemberRole.MEMBER, date(2026, 8, 1)))
    # A commune whose PIC was dissolved before the day (its term not ended): not counted.
    gone = await create_unit(session, name="Xã Đã Giải Thể", kind="commune", parent_id=province.id)
    dissolved = _committee(gone, dissolved_on=date(2026, 1, 1))
    dissolved_term = _term(dissolved, NEW_START, NEW_END)
    rows += [
        dissolved,
        dissolved_term,
        *(_member(dissolved_term, n, MemberRole.MEMBER, NEW_START) for n in range(5)),
    ]
    # An agency's PIC in the province: counted under its own kind.
    agency = await create_unit(session, name="Sở Tài chính", kind="agency", parent_id=province.id)
    agency_pic = _committee(agency, kind=CommitteeKind.PEOPLE_INSPECTION_AGENCY)
    agency_term = _term(agency_pic, NEW_START, NEW_END)
    rows += [
        agency_pic,
        agency_term,
        *(_member(agency_term, n, MemberRole.MEMBER, NEW_START) for n in range(3)),
    ]
    # Another province's PIC: outside the subtree.
    other = await create_unit(session, name="Tỉnh Khác", kind="province")
    other_commune = await create_unit(session, name="Xã Khác", kind="commune", parent_id=other.id)
    other_pic = _committee(other_commune)
    other_term = _term(other_pic, NEW_START, NEW_END)
    rows += [other_pic, other_term, *(_member(other_term, n, MemberRole.MEMBER, NEW_START) for n in range(6))]
    # Parents first: the unit of work orders rows by relationships, and these rows have none.
    for kind in (Committee, CommitteeTerm, CommitteeMember):
        session.add_all([row for row in rows if isinstance(row, kind)])
        await session.flush()
    return province, expected


async def test_161_committees_with_1215_members(
    client: httpx.AsyncClient, session: AsyncSession, signed_in: SignIn
) -> None:
    province, expected = await _dataset(session)
    response = await client.get(SUMMARY, params={"within_unit_id": str(province.id), "on": ON.isoformat()})
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["committees_by_kind"] == {"people_inspection": COMMUNES, "people_inspection_agency": 1}
    assert summary["members_by_kind"] == {"people_inspection": MEMBERS, "people_inspection_agency": 3}
    assert (summary["committees_in_term"], summary["members_sitting"]) == (COMMUNES + 1, MEMBERS + 3)
    assert summary["members_by_role"] == {
        "head": expected["head"],
        "deputy_head": expected["deputy_head"],
        "member": expected["member"] + 3,
    }
    assert summary["members_by_gender"] == {
        "female": expected["female"] + 1,
        "male": expected["male"] + 1,
        "unknown": expected["unknown"] + 1,
    }
    assert sum(summary["members_by_gender"].values()) == MEMBERS + 3

    # The committees list agrees: 161 commune PICs in term on the day.
    listed = await client.get(
        COMMITTEES,
        params={
            "within_unit_id": str(province.id),
            "in_term_on": ON.isoformat(),
            "kind": "people_inspection",
            "status": "active",
            "include_total": "true",
            "limit": 1,
        },
    )
    assert listed.json()["total"] == COMMUNES

    # Before the current terms: the previous terms' 5 members each.
    before = (
        await client.get(SUMMARY, params={"within_unit_id": str(province.id), "on": "2023-01-01"})
    ).json()
    assert (before["committees_in_term"], before["members_sitting"]) == (COMMUNES, 5 * COMMUNES)
    # After every term's planned end: nothing in term.
    after = (
        await client.get(SUMMARY, params={"within_unit_id": str(province.id), "on": "2026-09-15"})
    ).json()
    assert (after["committees_in_term"], after["members_sitting"]) == (0, 0)

    # Whole country: the other province's PIC too; a commune's officer sees only its own.
    country = (await client.get(SUMMARY, params={"on": ON.isoformat()})).json()
    assert country["committees_by_kind"]["people_inspection"] == COMMUNES + 1
    async with signed_in(province) as officer:
        own = (await officer.get(SUMMARY, params={"on": ON.isoformat()})).json()
        assert own["members_sitting"] == MEMBERS + 3
        assert own["within_unit_id"] is None
    async with signed_in(None) as nationwide:
        assert (await nationwide.get(SUMMARY)).json()["on"] == "2026-11-26"
    other_province = await create_unit(session, name="Tỉnh Thứ Ba", kind="province")
    async with signed_in(other_province) as stranger:
        outside = await stranger.get(SUMMARY, params={"within_unit_id": str(province.id)})
        assert_problem(outside, 404, "unit_not_found")
