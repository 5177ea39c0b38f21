"""A committee's activities over HTTP: plans and supervisions, the notice counted on the shared
working-day calendar (Decree 59/2023/NĐ-CP, Art. 14), refusals that write nothing, filters, paging,
ETags, idempotency, audit, and the committee's own members recording them."""

from datetime import date

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.committees.activities.models import CommitteeActivity
from api.core.audit import AuditEvent
from tests.committees.conftest import COMMITTEES, Commune, SignIn, new_committee, new_term
from tests.core.test_errors import assert_problem

# Monday 7 September 2026. Monday 31 August (swapped for Saturday 22 August), Tuesday 1 and Wednesday
# 2 September are days off on the shared calendar (the National Day).
PLANNED = "2026-09-07"


def supervision(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "kind": "supervision",
        "title": "Giám sát việc công khai dự toán ngân sách xã năm 2026",
        "subject_kind": "commune_authority",
        "subject_description": "UBND xã Hòa An: công khai dự toán ngân sách",
        "planned_on": PLANNED,
    }
    body.update(overrides)
    return body


async def _committee(client: httpx.AsyncClient, commune: Commune) -> str:
    committee = await new_committee(client, commune.unit)
    await new_term(client, committee["id"], date(2024, 3, 15), date(2029, 3, 15))
    return str(committee["id"])


async def test_notice_counted_on_the_working_day_calendar(
    client: httpx.AsyncClient, commune: Commune
) -> None:
    committee_id = await _committee(client, commune)
    url = f"{COMMITTEES}/{committee_id}/activities"
    # Wednesday 26 August: Thu 27, Fri 28, Thu 3, Fri 4 and Mon 7 — five working days across a weekend,
    # the day off swapped for Saturday 22 August (Mon 31) and the National Day (Tue 1, Wed 2): on time.
    on_time = await client.post(url, json=supervision(notice_sent_on="2026-08-26"))
    assert on_time.status_code == 201, on_time.text
    item = on_time.json()
    assert on_time.headers["location"] == f"{url}/{item['id']}"
    assert on_time.headers["etag"] == '"v1"'
    assert (item["notice_working_days"], item["notice_late"]) == (5, False)
    assert (item["notice_rule_id"], item["notice_required_working_days"]) == ("pic-activity-notice", 5)
    assert item["notice_legal_basis"] == "Nghị định 59/2023/NĐ-CP, Điều 14"
    # Thursday 27 August: four working days: late, flagged, accepted.
    four = (await client.post(url, json=supervision(notice_sent_on="2026-08-27"))).json()
    assert (four["notice_working_days"], four["notice_late"]) == (4, True)
    # Friday 28 August: ten calendar days but three working days ahead (the weekend, the swapped day
    # off and the two National Day days off count for nothing): late.
    three = await client.post(url, json=supervision(notice_sent_on="2026-08-28"))
    assert three.status_code == 201, three.text
    assert (three.json()["notice_working_days"], three.json()["notice_late"]) == (3, True)
    # Without a notice there is nothing to count.
    none = (await client.post(url, json=supervision())).json()
    assert (none["notice_working_days"], none["notice_late"], none["notice_rule_id"]) == (None, False, None)

    late_only = (await client.get(url, params={"notice_late": "true"})).json()["items"]
    assert sorted(a["notice_sent_on"] for a in late_only) == ["2026-08-27", "2026-08-28"]

    # Sending the notice earlier makes it on time; the count follows every change.
    fixed = await client.patch(
        f"{url}/{three.json()['id']}", json={"notice_sent_on": "2026-08-24"}, headers={"If-Match": '"v1"'}
    )
    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["notice_working_days"], fixed.json()["notice_late"], fixed.headers["etag"]) == (
        7,
        False,
        '"v2"',
    )


async def test_plans_filters_and_paging(client: httpx.AsyncClient, commune: Commune) -> None:
    committee_id = await _committee(client, commune)
    url = f"{COMMITTEES}/{committee_id}/activities"
    plan = await client.post(
        url,
        json={
            "kind": "plan",
            "title": "Kế hoạch hoạt động quý III năm 2026",
            "period": "quarter",
            "period_starts_on": "2026-07-01",
            "period_ends_on": "2026-09-30",
        },
    )
    assert plan.status_code == 201, plan.text
    assert plan.json()["dated_on"] == "2026-07-01"
    await client.post(url, json=supervision(kind="inspection", planned_on="2026-10-12"))
    await client.post(url, json=supervision())
    plans = (await client.get(url, params={"kind": "plan"})).json()["items"]
    assert [p["period"] for p in plans] == ["quarter"]
    window = (await client.get(url, params={"dated_from": "2026-09-01", "dated_to": "2026-09-30"})).json()
    assert [a["planned_on"] for a in window["items"]] == [PLANNED]
    first = (await client.get(url, params={"limit": 2})).json()
    assert [a["dated_on"] for a in first["items"]] == ["2026-10-12", PLANNED]
    rest = (await client.get(url, params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [a["dated_on"] for a in rest["items"]] == ["2026-07-01"] and rest["next_cursor"] is None


async def test_bad_input_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune
) -> None:
    committee_id = await _committee(client, commune)
    url = f"{COMMITTEES}/{committee_id}/activities"
    # A plan sent after the activity it announces.
    assert_problem(
        await client.post(url, json=supervision(notice_sent_on="2026-09-08", planned_on="2026-09-07")),
        422,
        "notice_after_activity",
    )
    assert_problem(
        await client.post(
            url, json=supervision(planned_on="2026-11-20", notice_sent_on="2026-11-16", held_on="2026-11-13")
        ),
        422,
        "held_before_notice",
    )
    assert_problem(await client.post(url, json=supervision(held_on="2026-12-01")), 422, "date_in_future")
    assert_problem(await client.post(url, json=supervision(subject_kind=None)), 422, "subject_required")
    assert_problem(await client.post(url, json=supervision(planned_on=None)), 422, "planned_date_required")
    assert_problem(
        await client.post(url, json={"kind": "plan", "title": "Kế hoạch năm", "period": "year"}),
        422,
        "plan_period_required",
    )
    assert_problem(
        await client.post(
            url,
            json={
                "kind": "plan",
                "title": "Kế hoạch năm",
                "period": "year",
                "period_starts_on": "2026-12-31",
                "period_ends_on": "2026-01-01",
            },
        ),
        422,
        "invalid_period",
    )
    assert_problem(await client.post(url, json=supervision(kind="meeting")), 422, "validation_failed")
    assert await session.scalar(select(func.count()).select_from(CommitteeActivity)) == 0

    created = (await client.post(url, json=supervision(notice_sent_on="2026-08-26"))).json()
    bad = await client.patch(f"{url}/{created['id']}", json={"planned_on": "2026-08-20"})
    assert_problem(bad, 422, "notice_after_activity")
    stale = await client.patch(f"{url}/{created['id']}", json={"findings": "x"}, headers={"If-Match": '"v9"'})
    assert_problem(stale, 412, "precondition_failed")
    kept = (await client.get(f"{url}/{created['id']}")).json()
    assert (kept["planned_on"], kept["findings"]) == (PLANNED, None)
    assert_problem(await client.get(f"{url}/{committee_id}"), 404, "activity_not_found")


async def test_held_with_findings_idempotent_and_audited(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune
) -> None:
    committee_id = await _committee(client, commune)
    url = f"{COMMITTEES}/{committee_id}/activities"
    key = {"Idempotency-Key": "act-1"}
    first = await client.post(url, json=supervision(notice_sent_on="2026-08-26"), headers=key)
    again = await client.post(url, json=supervision(notice_sent_on="2026-08-26"), headers=key)
    assert again.json()["id"] == first.json()["id"]
    assert await session.scalar(select(func.count()).select_from(CommitteeActivity)) == 1
    held = await client.patch(
        f"{url}/{first.json()['id']}",
        json={"held_on": PLANNED, "findings": "Chưa niêm yết tại 3/7 nhà văn hóa xóm."},
        headers={"If-Match": '"v1"'},
    )
    assert held.status_code == 200, held.text
    assert held.json()["held_on"] == PLANNED
    actions = await session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.action.like("committee_activity.%"))
        .order_by(AuditEvent.id)
    )
    assert list(actions) == ["committee_activity.create", "committee_activity.update"]


async def test_committee_member_records_its_committees_activities(
    client: httpx.AsyncClient, signed_in: SignIn, commune: Commune
) -> None:
    committee_id = await _committee(client, commune)
    async with signed_in(commune.unit, roles=["committee_member"]) as member:
        read = await member.get(f"{COMMITTEES}/{committee_id}")
        assert read.status_code == 200, read.text
        created = await member.post(
            f"{COMMITTEES}/{committee_id}/activities", json=supervision(notice_sent_on="2026-08-28")
        )
        assert created.status_code == 201, created.text
        assert created.json()["notice_late"] is True
        listed = await member.get(f"{COMMITTEES}/{committee_id}/activities")
        assert [a["id"] for a in listed.json()["items"]] == [created.json()["id"]]
    async with signed_in(commune.villages[0], roles=["committee_member"]) as below:
        # A principal of a village below the commune does not see the commune's committee.
        assert_problem(await below.get(f"{COMMITTEES}/{committee_id}/activities"), 404, "committee_not_found")


async def test_the_notice_rule_is_data(
    client: httpx.AsyncClient, signed_in: SignIn, commune: Commune
) -> None:
    rules = (await client.get(f"{COMMITTEES}/time-rules", params={"as_of": "2026-09-07"})).json()
    notice = next(r for r in rules if r["id"] == "pic-activity-notice")
    assert (notice["purpose"], notice["days"], notice["day_basis"], notice["valid_from"]) == (
        "activity_notice",
        5,
        "working",
        "2023-07-01",
    )
    response = next(r for r in rules if r["id"] == "pic-recommendation-response")
    assert "unconfirmed" in response["note"]
    assert (await client.get(f"{COMMITTEES}/time-rules", params={"as_of": "2023-06-30"})).json() == []
    async with signed_in(commune.unit, roles=["admin"]) as local:
        refused = await local.patch(f"{COMMITTEES}/time-rules/pic-activity-notice", json={"days": 3})
        assert_problem(refused, 403, "nationwide_only")
    assert_problem(
        await client.patch(f"{COMMITTEES}/time-rules/pic-activity-notice", json={"valid_to": "2020-01-01"}),
        422,
        "invalid_validity",
    )
    changed = await client.patch(
        f"{COMMITTEES}/time-rules/pic-activity-notice", json={"days": 3}, headers={"If-Match": '"v1"'}
    )
    assert (changed.status_code, changed.json()["days"], changed.headers["etag"]) == (200, 3, '"v2"')
    committee_id = await _committee(client, commune)
    three = await client.post(
        f"{COMMITTEES}/{committee_id}/activities", json=supervision(notice_sent_on="2026-08-28")
    )
    assert (three.json()["notice_working_days"], three.json()["notice_late"]) == (3, False)
    assert three.json()["notice_required_working_days"] == 3
