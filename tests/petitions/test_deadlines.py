"""Every time limit of DOMAIN.md with concrete dates: weekends, the 2025-2026 days off (Tết,
Hùng Kings, 30/4-1/5, the swaps and worked Saturdays of 26/4/2025, 10/1/2026 and 22/8/2026), remote
and complex flags, extensions,
suspension, and the Civil Code's rule that a limit ending on a day off ends on the next working day."""

from datetime import date
from typing import Any

import httpx
import pytest

from api.units.models import Unit
from tests.petitions.conftest import due, move, receive


async def count(client: httpx.AsyncClient, start: str, days: int, basis: str) -> str:
    r = await client.get("/api/v1/calendar/due-date", params={"start": start, "days": days, "basis": basis})
    assert r.status_code == 200, r.text
    return str(r.json()["due_on"])


async def test_working_days_skip_weekends_tet_and_count_worked_saturdays(client: httpx.AsyncClient) -> None:
    # Thu 12/2/2026 + 7 working days: Fri 13; Tết 16-20/2 and two weekends skipped; 23-27/2; Mon 2/3.
    assert await count(client, "2026-02-12", 7, "working") == "2026-03-02"
    # Fri 25/4/2025 + 5: Sat 26/4 was worked in exchange for Fri 2/5; 30/4-2/5 off.
    assert await count(client, "2025-04-25", 5, "working") == "2025-05-06"
    # Wed 22/4/2026 + 5: Mon 27/4 (Hùng Kings in lieu), 30/4 and 1/5 off.
    assert await count(client, "2026-04-22", 5, "working") == "2026-05-04"


async def test_the_governments_2026_day_swaps_are_counted(client: httpx.AsyncClient) -> None:
    """Civil servants took Fri 2/1/2026 off and worked Sat 10/1/2026 (Official Letter 12729/VPCP-KGVX),
    and take Mon 31/8/2026 off for Sat 22/8/2026 (Notice 9441/TB-BNV)."""
    # Wed 31/12/2025: Thu 1/1 (New Year) and Fri 2/1 off, then 5-9/1, and Sat 10/1 is worked.
    assert await count(client, "2025-12-31", 5, "working") == "2026-01-09"
    assert await count(client, "2025-12-31", 6, "working") == "2026-01-10"
    assert await count(client, "2025-12-31", 7, "working") == "2026-01-12"
    # Thu 20/8/2026: Fri 21, Sat 22 (worked), Mon 24 - Wed 26.
    assert await count(client, "2026-08-20", 5, "working") == "2026-08-26"
    # Thu 27/8/2026: Fri 28, then Mon 31/8 (swapped) and 1-2/9 (National Day) off: Thu 3, Fri 4.
    assert await count(client, "2026-08-27", 3, "working") == "2026-09-04"
    # 10 calendar days from 23/12/2025 end on Fri 2/1/2026, a day off: Mon 5/1.
    assert await count(client, "2025-12-23", 10, "calendar") == "2026-01-05"

    days = {
        d["day"]: d["kind"] for d in (await client.get("/api/v1/calendar/days", params={"year": 2026})).json()
    }
    assert days["2026-01-02"] == days["2026-08-31"] == "day_off"
    assert days["2026-01-10"] == days["2026-08-22"] == "working_day"


async def test_calendar_days_ending_on_a_day_off_end_on_the_next_working_day(
    client: httpx.AsyncClient,
) -> None:
    assert await count(client, "2026-03-02", 30, "calendar") == "2026-04-01"
    # 2/3 + 60 = Fri 1/5 (Labour Day) → Mon 4/5.
    assert await count(client, "2026-03-02", 60, "calendar") == "2026-05-04"
    # Fri 6/2/2026 + 10 = Mon 16/2, inside Tết → Mon 23/2.
    assert await count(client, "2026-02-06", 10, "calendar") == "2026-02-23"


async def test_complaint_acceptance_counts_ten_days_from_receipt(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    p = await receive(client, tree["ward"], received_on="2026-02-06")
    assert due(p, "acceptance") == "2026-02-23"
    assert p["due_on"] == "2026-02-23"
    assert p["deadline_state"] == "overdue"
    assert p["days_left"] < 0


@pytest.mark.parametrize(
    ("remote", "complex_", "expected"),
    [
        (False, False, "2026-04-01"),  # 30 days
        (False, True, "2026-04-16"),  # 45
        (True, False, "2026-04-16"),  # 45 in remote areas
        (True, True, "2026-05-04"),  # 60 → Fri 1/5 is a holiday → Mon 4/5
    ],
)
async def test_complaint_first_instance_limits(
    client: httpx.AsyncClient, tree: dict[str, Unit], remote: bool, complex_: bool, expected: str
) -> None:
    p = await receive(client, tree["ward"], received_on="2026-02-25", remote_area=remote, complex=complex_)
    r = await move(client, p["id"], "accept", "2026-03-02")
    assert r.status_code == 200, r.text
    assert due(r.json(), "settlement") == expected


@pytest.mark.parametrize(
    ("remote", "complex_", "expected"),
    [
        (False, False, "2026-07-16"),
        (False, True, "2026-07-31"),
        (True, False, "2026-07-31"),
        (True, True, "2026-08-10"),
    ],
)
async def test_complaint_second_instance_limits(
    client: httpx.AsyncClient, tree: dict[str, Unit], remote: bool, complex_: bool, expected: str
) -> None:
    p = await receive(client, tree["ward"], received_on="2026-04-01", remote_area=remote, complex=complex_)
    for action, on, data in [
        ("accept", "2026-04-02", {}),
        ("start_verification", "2026-04-03", {}),
        ("decide", "2026-05-20", {"outcome": "rejected", "decision_number": "20/QĐ-UBND"}),
        ("appeal", "2026-05-25", {"target_unit_id": str(tree["province"].id)}),
        ("accept", "2026-06-01", {}),
    ]:
        r = await move(client, p["id"], action, on, **data)
        assert r.status_code == 200, r.text
    body = r.json()
    assert body["instance"] == 2
    assert body["handling_unit"]["id"] == str(tree["province"].id)
    assert due(body, "settlement_second") == expected


async def test_appeal_window_is_thirty_days_and_forty_five_in_remote_areas(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    for remote, last_day in [(False, date(2026, 6, 19)), (True, date(2026, 7, 6))]:
        p = await receive(client, tree["ward"], received_on="2026-04-01", remote_area=remote)
        await move(client, p["id"], "accept", "2026-04-02")
        await move(client, p["id"], "start_verification", "2026-04-03")
        # Decision Wed 20/5: 30 days → Fri 19/6; 45 → Thu 4/7... Sat 4/7 → Mon 6/7.
        await move(client, p["id"], "decide", "2026-05-20", outcome="rejected", decision_number="20/QĐ")
        late = await move(client, p["id"], "appeal", last_day.replace(day=last_day.day + 1))
        assert late.status_code == 422 and late.json()["code"] == "appeal_out_of_time", late.text
        on_time = await move(client, p["id"], "appeal", last_day)
        assert on_time.status_code == 200, on_time.text


async def test_a_decision_takes_effect_only_after_the_appeal_period(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    p = await receive(client, tree["ward"], received_on="2026-04-01")
    await move(client, p["id"], "accept", "2026-04-02")
    await move(client, p["id"], "start_verification", "2026-04-03")
    await move(client, p["id"], "decide", "2026-05-20", outcome="upheld", decision_number="21/QĐ")
    early = await move(client, p["id"], "make_effective", "2026-06-18")
    assert early.status_code == 422 and early.json()["code"] == "decision_not_yet_effective"
    r = await move(client, p["id"], "make_effective", "2026-06-19")
    assert r.status_code == 200 and r.json()["status"] == "effective"
    assert r.json()["due_on"] is None and r.json()["deadline_state"] is None


async def test_complaint_filing_limit_is_ninety_days(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    # Known Fri 2/1/2026 + 90 = Thu 2/4/2026.
    on_time = await receive(
        client, tree["ward"], received_on="2026-04-02", contested_decision_known_on="2026-01-02"
    )
    late = await receive(
        client, tree["ward"], received_on="2026-04-03", contested_decision_known_on="2026-01-02"
    )
    assert on_time["filed_out_of_time"] is False
    assert late["filed_out_of_time"] is True


async def test_denunciation_limits_and_two_extensions_at_most(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    p = await receive(client, tree["ward"], kind="denunciation", received_on="2026-02-12")
    assert due(p, "acceptance") == "2026-03-02"  # 7 working days across Tết
    r = await move(client, p["id"], "accept", "2026-04-22", decision_number="05/QĐ-TLTC")
    body = r.json()
    assert due(body, "settlement") == "2026-05-22"  # 30 days
    assert due(body, "acceptance_notice") == "2026-05-04"  # 5 working days across 27/4, 30/4, 1/5
    assert body["due_on"] == "2026-05-04"
    r = await move(client, p["id"], "notify_parties", "2026-04-24")
    assert r.json()["due_on"] == "2026-05-22"
    r = await move(client, p["id"], "extend", "2026-05-20", decision_number="07/QĐ-GH")
    assert due(r.json(), "settlement") == "2026-06-22"  # 60 days: Sun 21/6 → Mon 22/6
    events = (await client.get(f"/api/v1/petitions/{p['id']}/events")).json()
    assert events[-1]["data"] == {"decision_number": "07/QĐ-GH", "extension_days": 30}
    r = await move(client, p["id"], "start_verification", "2026-05-21")
    r = await move(client, p["id"], "extend", "2026-06-19", decision_number="09/QĐ-GH")
    assert due(r.json(), "settlement") == "2026-07-21"  # 90 days
    assert "extend" not in r.json()["allowed_actions"]
    third = await move(client, p["id"], "extend", "2026-07-20", decision_number="11/QĐ-GH")
    assert third.status_code == 409
    assert third.json()["code"] == "invalid_transition"
    assert "extend" not in third.json()["allowed_actions"]
    assert "conclude" in third.json()["allowed_actions"]


def clock_of(petition: dict[str, Any], stage: str) -> dict[str, Any]:
    return dict(next(d for d in reversed(petition["deadlines"]) if d["stage"] == stage))


async def test_a_limit_shows_the_days_it_counts_with_its_extensions_and_pauses(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    """After two extensions a denunciation's settlement limit counts 90 days, and says so."""
    p = await receive(client, tree["ward"], kind="denunciation", received_on="2026-04-20")
    r = await move(client, p["id"], "accept", "2026-04-22", decision_number="05/QĐ-TLTC")
    days = ("days", "base_days", "extended_days", "paused_days")
    settlement = clock_of(r.json(), "settlement")
    assert [settlement[k] for k in days] == [30, 30, 0, 0]
    await move(client, p["id"], "extend", "2026-05-20", decision_number="07/QĐ-GH")
    r = await move(client, p["id"], "extend", "2026-06-19", decision_number="09/QĐ-GH")
    settlement = clock_of(r.json(), "settlement")
    assert [settlement[k] for k in days] == [90, 30, 60, 0]
    assert settlement["due_on"] == "2026-07-21"
    packet = (await client.get(f"/api/v1/petitions/{p['id']}/verification-packet")).json()
    assert [clock_of(packet, "settlement")[k] for k in days] == [90, 30, 60, 0]

    complaint = await receive(client, tree["ward"], received_on="2026-02-25")
    await move(client, complaint["id"], "accept", "2026-03-02")
    await move(client, complaint["id"], "suspend", "2026-03-10", reason="Chờ kết quả giám định")
    r = await move(client, complaint["id"], "resume", "2026-03-20")
    settlement = clock_of(r.json(), "settlement")
    assert [settlement[k] for k in days] == [30, 30, 0, 10]


async def test_an_extension_lasts_at_most_thirty_days(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    p = await receive(client, tree["ward"], kind="denunciation", received_on="2026-04-20")
    await move(client, p["id"], "accept", "2026-04-22", decision_number="05/QĐ")
    r = await move(client, p["id"], "extend", "2026-05-20", decision_number="07/QĐ", extension_days=31)
    assert r.status_code == 422 and r.json()["code"] == "extension_too_long"
    r = await move(client, p["id"], "extend", "2026-05-20", decision_number="07/QĐ", extension_days=10)
    assert due(r.json(), "settlement") == "2026-06-01"  # 40 days: Mon 1/6


async def test_petitions_outside_authority_are_forwarded_within_five_working_days(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    p = await receive(client, tree["ward"], kind="petition", received_on="2025-04-25", petitioners=[])
    assert due(p, "acceptance") == "2025-05-06"
    r = await move(client, p["id"], "forward", "2025-05-05", target_unit_id=str(tree["other"].id))
    body = r.json()
    assert body["status"] == "forwarded" and body["within_authority"] is False
    assert body["handling_unit"]["id"] == str(tree["other"].id)
    # The competent body's own five working days run from the forwarding.
    assert due(body, "acceptance") == "2025-05-12"


async def test_suspension_pauses_the_limit(client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    p = await receive(client, tree["ward"], received_on="2026-02-25")
    await move(client, p["id"], "accept", "2026-03-02")  # due 1/4
    r = await move(client, p["id"], "suspend", "2026-03-10", reason="Chờ kết quả giám định")
    assert r.json()["status"] == "suspended" and r.json()["due_on"] is None
    r = await move(client, p["id"], "resume", "2026-03-20")
    body = r.json()
    assert body["status"] == "accepted"
    # Ten days later: Sat 11/4 → Mon 13/4.
    assert body["due_on"] == "2026-04-13"


async def test_marking_a_case_complex_recounts_its_running_limit(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    p = await receive(client, tree["ward"], received_on="2026-02-25")
    r = await move(client, p["id"], "accept", "2026-03-02")
    etag = r.headers["ETag"]
    r = await client.patch(f"/api/v1/petitions/{p['id']}", json={"complex": True}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    assert due(r.json(), "settlement") == "2026-04-16"


async def test_remote_area_defaults_from_the_receiving_unit(
    client: httpx.AsyncClient, tree: dict[str, Unit], session: object
) -> None:
    r = await client.patch(f"/api/v1/units/{tree['commune'].id}", json={"remote_area": True})
    assert r.status_code == 200, r.text
    p = await receive(client, tree["commune"], received_on="2026-02-25")
    assert p["remote_area"] is True
    r = await move(client, p["id"], "accept", "2026-03-02")
    assert due(r.json(), "settlement") == "2026-04-16"


async def test_rules_are_data_an_admin_changes(client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    rules = (await client.get("/api/v1/petitions/deadline-rules")).json()
    acceptance = next(r for r in rules if r["kind"] == "complaint" and r["stage"] == "acceptance")
    assert acceptance["days"] == 10 and "Điều 27" in acceptance["legal_basis"]
    # The law changes from 1/6/2026: close the old rule, add the new one.
    r = await client.patch(
        f"/api/v1/petitions/deadline-rules/{acceptance['id']}", json={"valid_to": "2026-06-01"}
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        "/api/v1/petitions/deadline-rules",
        json={
            "kind": "complaint",
            "stage": "acceptance",
            "days": 7,
            "day_basis": "working",
            "legal_basis": "Luật sửa đổi (thử)",
            "valid_from": "2026-06-01",
        },
    )
    assert r.status_code == 201, r.text
    before = await receive(client, tree["ward"], received_on="2026-05-29")
    after = await receive(client, tree["ward"], received_on="2026-06-01")
    assert due(before, "acceptance") == "2026-06-08"  # 10 days: Mon 8/6
    assert due(after, "acceptance") == "2026-06-10"  # 7 working days


async def test_a_holiday_added_by_an_admin_moves_new_limits(client: httpx.AsyncClient) -> None:
    assert await count(client, "2027-01-04", 5, "working") == "2027-01-11"
    r = await client.post(
        "/api/v1/calendar/days", json={"day": "2027-01-06", "kind": "day_off", "name": "Nghỉ thử"}
    )
    assert r.status_code == 201, r.text
    assert await count(client, "2027-01-04", 5, "working") == "2027-01-12"
    dup = await client.post(
        "/api/v1/calendar/days", json={"day": "2027-01-06", "kind": "day_off", "name": "Lặp"}
    )
    assert dup.status_code == 409 and dup.json()["code"] == "duplicate_day"


async def test_petitions_within_authority_are_answered_within_fifteen_days(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    p = await receive(client, tree["ward"], kind="reflection", received_on="2026-02-26", petitioners=[])
    r = await move(client, p["id"], "accept", "2026-03-02")
    assert due(r.json(), "settlement") == "2026-03-17"  # 15 days (configurable; Official Dispatch 89/CĐ-TTg)
    r = await move(client, p["id"], "resolve", "2026-03-18", answer="Đã trả lời")
    assert r.json()["status"] == "closed" and r.json()["settled_on_time"] is False
