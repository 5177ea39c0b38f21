"""A committee's recommendations to the authority over HTTP: the due date given or counted by the
time rule, the addressee among related units, the workflow (409 with the allowed actions), overdue
computed from the dates, and the turn into a petition (kiến nghị), linked both ways, once."""

from datetime import date

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.committees.recommendations.models import CommitteeRecommendation
from api.petitions.models import Petition
from tests.committees.conftest import COMMITTEES, Commune, SignIn, create_commune, new_committee, new_term
from tests.core.test_errors import assert_problem


async def _committee(client: httpx.AsyncClient, commune: Commune) -> str:
    committee = await new_committee(client, commune.unit)
    await new_term(client, committee["id"], date(2024, 3, 15), date(2029, 3, 15))
    return str(committee["id"])


def recommendation(commune: Commune, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "content": "Đề nghị UBND xã niêm yết công khai dự toán ngân sách năm 2026 tại nhà văn hóa các xóm.",
        "addressee_unit_id": str(commune.unit.id),
        "sent_on": "2026-10-01",
    }
    body.update(overrides)
    return body


async def test_due_date_counted_and_overdue(client: httpx.AsyncClient, commune: Commune) -> None:
    committee_id = await _committee(client, commune)
    url = f"{COMMITTEES}/{committee_id}/recommendations"
    # Sent Thursday 1 October 2026: 15 days later is Friday 16 October (rule `pic-recommendation-response`).
    counted = await client.post(url, json=recommendation(commune))
    assert counted.status_code == 201, counted.text
    item = counted.json()
    assert counted.headers["location"] == f"{url}/{item['id']}"
    assert (item["response_due_on"], item["response_rule_id"]) == (
        "2026-10-16",
        "pic-recommendation-response",
    )
    assert (item["status"], item["overdue"], item["allowed_actions"]) == ("sent", True, ["answer"])
    assert item["addressee_unit"]["name"] == "Xã Hòa An"
    # Sent Saturday 14 November: the 15th day, Sunday 29 November, moves to Monday 30 November.
    rolled = (await client.post(url, json=recommendation(commune, sent_on="2026-11-14"))).json()
    assert (rolled["response_due_on"], rolled["overdue"]) == ("2026-11-30", False)
    given = (
        await client.post(
            url, json=recommendation(commune, sent_on="2026-11-02", response_due_on="2026-11-25")
        )
    ).json()
    assert (given["response_due_on"], given["response_rule_id"], given["overdue"]) == (
        "2026-11-25",
        None,
        True,
    )

    overdue = (await client.get(url, params={"overdue": "true"})).json()["items"]
    assert [r["id"] for r in overdue] == [item["id"], given["id"]]
    # An answer, however late, ends the overdue.
    answered = await client.post(
        f"{url}/{given['id']}/transitions",
        json={
            "action": "answer",
            "answer": "partly_accepted",
            "answer_measures": "Niêm yết tại 5/7 xóm",
            "effective_on": "2026-11-26",
        },
        headers={"If-Match": '"v1"'},
    )
    assert answered.status_code == 200, answered.text
    assert (answered.json()["overdue"], answered.json()["answered_on"]) == (False, "2026-11-26")
    assert [r["id"] for r in (await client.get(url, params={"overdue": "true"})).json()["items"]] == [
        item["id"]
    ]
    assert len((await client.get(url, params={"overdue": "false"})).json()["items"]) == 2
    assert [r["id"] for r in (await client.get(url, params={"status": "answered"})).json()["items"]] == [
        given["id"]
    ]


async def test_workflow_and_follow_up(client: httpx.AsyncClient, commune: Commune) -> None:
    committee_id = await _committee(client, commune)
    url = f"{COMMITTEES}/{committee_id}/recommendations"
    rid = (await client.post(url, json=recommendation(commune))).json()["id"]
    refused = await client.post(f"{url}/{rid}/transitions", json={"action": "close"})
    assert_problem(refused, 409, "recommendation_action_not_allowed")
    assert refused.json()["allowed_actions"] == ["answer"]
    assert_problem(
        await client.post(f"{url}/{rid}/transitions", json={"action": "answer"}),
        422,
        "missing_transition_data",
    )
    assert_problem(
        await client.post(
            f"{url}/{rid}/transitions",
            json={"action": "answer", "answer": "accepted", "effective_on": "2026-09-30"},
        ),
        422,
        "date_before_last_event",
    )
    answered = await client.post(
        f"{url}/{rid}/transitions",
        json={"action": "answer", "answer": "accepted", "effective_on": "2026-10-10"},
    )
    assert (answered.json()["status"], answered.json()["allowed_actions"]) == ("answered", ["close"])
    followed = await client.patch(
        f"{url}/{rid}", json={"follow_up": "Đã kiểm tra: 7/7 xóm đã niêm yết."}, headers={"If-Match": '"v2"'}
    )
    assert followed.status_code == 200, followed.text
    closed = await client.post(
        f"{url}/{rid}/transitions", json={"action": "close", "effective_on": "2026-11-20"}
    )
    assert (closed.json()["status"], closed.json()["closed_on"], closed.json()["allowed_actions"]) == (
        "closed",
        "2026-11-20",
        [],
    )
    assert_problem(await client.patch(f"{url}/{rid}", json={"follow_up": "x"}), 409, "recommendation_closed")
    workflow = (await client.get(f"{COMMITTEES}/recommendations/workflow")).json()
    assert workflow["states"]["sent"] == [{"action": "answer", "to": "answered", "requires": ["answer"]}]


async def test_bad_input_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune
) -> None:
    committee_id = await _committee(client, commune)
    url = f"{COMMITTEES}/{committee_id}/recommendations"
    other = await create_commune(session, 2, name="Xã Bạch Đằng")
    assert_problem(
        await client.post(url, json=recommendation(commune, addressee_unit_id=str(other.unit.id))),
        422,
        "addressee_unrelated",
    )
    assert_problem(
        await client.post(url, json=recommendation(commune, response_due_on="2026-09-30")),
        422,
        "due_before_sent",
    )
    assert_problem(
        await client.post(url, json=recommendation(commune, sent_on="2026-12-01")), 422, "date_in_future"
    )
    assert_problem(
        await client.post(url, json=recommendation(commune, activity_id=committee_id)),
        422,
        "activity_not_found",
    )
    assert await session.scalar(select(func.count()).select_from(CommitteeRecommendation)) == 0
    # The province above and a village below are related; the commune's own unit is too.
    for unit in (commune.province, commune.villages[0]):
        created = await client.post(url, json=recommendation(commune, addressee_unit_id=str(unit.id)))
        assert created.status_code == 201, created.text


async def test_turned_into_a_petition_once(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune, signed_in: SignIn
) -> None:
    committee_id = await _committee(client, commune)
    url = f"{COMMITTEES}/{committee_id}/recommendations"
    activity = await client.post(
        f"{COMMITTEES}/{committee_id}/activities",
        json={
            "kind": "supervision",
            "title": "Giám sát công khai ngân sách",
            "subject_kind": "commune_authority",
            "planned_on": "2026-09-15",
        },
    )
    rid = (await client.post(url, json=recommendation(commune, activity_id=activity.json()["id"]))).json()[
        "id"
    ]
    async with signed_in(commune.unit, roles=["committee_member"]) as member:
        denied = await member.post(f"{url}/{rid}/petition", json={"category": "land"})
        assert_problem(denied, 403, "permission_denied")
    assert_problem(
        await client.post(f"{url}/{rid}/petition", json={"category": "nope"}), 422, "unknown_category"
    )
    assert await session.scalar(select(func.count()).select_from(Petition)) == 0

    key = {"Idempotency-Key": "rec-petition-1"}
    turned = await client.post(f"{url}/{rid}/petition", json={"category": "land"}, headers=key)
    assert turned.status_code == 201, turned.text
    petition_id = turned.json()["petition_id"]
    assert turned.headers["location"] == f"/api/v1/petitions/{petition_id}"
    replay = await client.post(f"{url}/{rid}/petition", json={"category": "land"}, headers=key)
    assert (replay.status_code, replay.json()["petition_id"]) == (201, petition_id)
    again = await client.post(f"{url}/{rid}/petition", json={"category": "land"})
    assert_problem(again, 409, "recommendation_already_petitioned")
    assert again.json()["petition_id"] == petition_id

    petition = (await client.get(f"/api/v1/petitions/{petition_id}")).json()
    assert (petition["kind"], petition["channel"], petition["received_on"]) == (
        "petition",
        "forwarded",
        "2026-10-01",
    )
    assert petition["receiving_unit"]["id"] == str(commune.unit.id)
    assert petition["external_ref"] == {"source": "qcdc-committee-recommendation", "id": rid}
    assert petition["subject"].startswith("Kiến nghị của Ban Thanh tra nhân dân xã Hòa An")
    found = await client.get(
        "/api/v1/petitions", params={"external_source": "qcdc-committee-recommendation", "external_id": rid}
    )
    assert [p["id"] for p in found.json()["items"]] == [petition_id]
    assert (await client.get(f"{url}/{rid}")).json()["petition_id"] == petition_id
