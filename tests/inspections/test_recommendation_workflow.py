"""A recommendation's follow-up: every pair of state and action of its table taken by the right actor,
the wrong actors refused, the dates of acts, the data each needs, and the events."""

import dataclasses
import itertools
from datetime import date

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.inspections.models import InspectionRecommendation
from api.inspections.recommendations import service
from api.inspections.recommendations.schemas import RecommendationTransitionRequest
from api.inspections.recommendations.workflow import ACTOR_OF, WORKFLOW, Action, Actor, Status
from api.units.models import Unit
from tests.core.test_errors import assert_problem
from tests.factories import SYSTEM_PRINCIPAL, conclude_team, create_recommendation, create_team
from tests.inspections.conftest import RECOMMENDATIONS, SignIn

# The acts that bring a new recommendation to each state.
PATH: dict[Status, list[Action]] = {
    Status.OPEN: [],
    Status.IN_PROGRESS: [Action.START],
    Status.REPORTED_DONE: [Action.START, Action.REPORT_DONE],
    Status.VERIFIED_CLOSED: [Action.START, Action.REPORT_DONE, Action.VERIFY],
}
ALLOWED = {(state, move.action): move.to for state, moves in WORKFLOW.items() for move in moves}
CASES = list(itertools.product(Status, Action))
REASON = "Chưa niêm yết tại các nhà văn hóa xóm"
DATA: dict[Action, dict[str, str]] = {Action.REJECT_REPORT: {"reason": REASON}}


def _acting_for(unit: Unit) -> Principal:
    return dataclasses.replace(SYSTEM_PRINCIPAL, unit_id=unit.id, unit_path=unit.path)


async def _recommendation_in(
    session: AsyncSession, tree: dict[str, Unit], status: Status
) -> InspectionRecommendation:
    """A provincial team's recommendation to the commune, moved to `status` by the right actors."""
    team = await conclude_team(session, await create_team(session, tree["province"], [tree["commune"]]))
    recommendation = await create_recommendation(session, team, tree["commune"])
    for action in PATH[status]:
        actor = _acting_for(tree["commune"]) if ACTOR_OF[action] == Actor.OWNER else SYSTEM_PRINCIPAL
        request = RecommendationTransitionRequest(action=action, **DATA.get(action, {}))
        recommendation = await service.transition(session, actor, recommendation, request, None)
    assert recommendation.status == status
    return recommendation


def test_the_table_is_what_the_docs_say() -> None:
    assert {(s.value, a.value): t.value for (s, a), t in ALLOWED.items()} == {
        ("open", "start"): "in_progress",
        ("in_progress", "report_done"): "reported_done",
        ("reported_done", "verify"): "verified_closed",
        ("reported_done", "reject_report"): "in_progress",
    }
    assert {a.value: b.value for a, b in ACTOR_OF.items()} == {
        "start": "owner",
        "report_done": "owner",
        "verify": "organiser",
        "reject_report": "organiser",
    }


@pytest.mark.parametrize(("status", "action"), CASES, ids=[f"{s}-{a}" for s, a in CASES])
async def test_each_move(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit], status: Status, action: Action
) -> None:
    recommendation = await _recommendation_in(session, tree, status)
    # The owner's officer takes the owner's actions, the province's steering committee the organiser's.
    actor = (
        signed_in(tree["commune"], roles=["officer"])
        if ACTOR_OF[action] == Actor.OWNER
        else signed_in(tree["province"])
    )
    url = f"{RECOMMENDATIONS}/{recommendation.id}"
    async with actor as client:
        response = await client.post(
            f"{url}/transitions", json={"action": action.value, **DATA.get(action, {})}
        )
        if (status, action) in ALLOWED:
            assert response.status_code == 200, response.text
            moved = response.json()
            assert moved["status"] == ALLOWED[(status, action)]
            assert moved["overdue"] is (moved["status"] != "verified_closed")
            events = (await client.get(f"{url}/events")).json()
            assert (events[-1]["action"], events[-1]["from_status"], events[-1]["to_status"]) == (
                action.value,
                status.value,
                moved["status"],
            )
            assert len(events) == len(PATH[status]) + 1
        else:
            problem = assert_problem(response, 409, "action_not_allowed")
            assert problem["recommendation_status"] == status.value
            assert problem["allowed_actions"] == [m.action.value for m in WORKFLOW.get(status, ())]


async def test_each_side_takes_only_its_own_actions(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    reported = await _recommendation_in(session, tree, Status.REPORTED_DONE)
    opened = await _recommendation_in(session, tree, Status.OPEN)
    async with signed_in(tree["province"]) as organiser:
        # The organiser verifies what the owner reports; it does not report for it.
        refused = await organiser.post(f"{RECOMMENDATIONS}/{opened.id}/transitions", json={"action": "start"})
        assert_problem(refused, 403, "not_owner")
        assert (await organiser.get(f"{RECOMMENDATIONS}/{reported.id}")).json()["allowed_actions"] == [
            "verify",
            "reject_report",
        ]
        assert (await organiser.get(f"{RECOMMENDATIONS}/{opened.id}")).json()["allowed_actions"] == []
    async with signed_in(tree["commune"], roles=["officer"]) as officer:
        refused = await officer.post(
            f"{RECOMMENDATIONS}/{reported.id}/transitions", json={"action": "verify"}
        )
        assert assert_problem(refused, 403, "permission_denied")["required_permission"] == "inspections:write"
        assert (await officer.get(f"{RECOMMENDATIONS}/{opened.id}")).json()["allowed_actions"] == ["start"]
        assert (await officer.get(f"{RECOMMENDATIONS}/{reported.id}")).json()["allowed_actions"] == []
    async with signed_in(tree["commune"]) as committee:
        # The commune's steering committee may write, but it does not organise the provincial team.
        refused = await committee.post(
            f"{RECOMMENDATIONS}/{reported.id}/transitions", json={"action": "reject_report", "reason": REASON}
        )
        assert_problem(refused, 403, "not_organiser")
    async with signed_in(tree["province"], roles=["viewer"]) as viewer:
        refused = await viewer.post(f"{RECOMMENDATIONS}/{opened.id}/transitions", json={"action": "start"})
        assert (
            assert_problem(refused, 403, "permission_denied")["required_permission"] == "inspections:report"
        )


async def test_an_organiser_recommending_to_itself_answers_for_it(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await conclude_team(session, await create_team(session, tree["province"], [tree["commune"]]))
    recommendation = await create_recommendation(session, team, tree["province"])
    async with signed_in(tree["province"]) as province:
        url = f"{RECOMMENDATIONS}/{recommendation.id}/transitions"
        assert (await province.post(url, json={"action": "start"})).status_code == 200
        assert (await province.post(url, json={"action": "report_done"})).status_code == 200
        verified = await province.post(url, json={"action": "verify"})
        assert verified.status_code == 200, verified.text
        assert (verified.json()["verified_on"], verified.json()["days_left"]) == ("2026-11-26", None)


async def test_acts_are_dated(signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]) -> None:
    recommendation = await _recommendation_in(session, tree, Status.OPEN)
    url = f"{RECOMMENDATIONS}/{recommendation.id}"
    async with signed_in(tree["commune"], roles=["officer"]) as officer:
        future = await officer.post(
            f"{url}/transitions", json={"action": "start", "effective_on": "2026-11-27"}
        )
        assert assert_problem(future, 422, "date_in_future")["errors"][0]["field"] == "effective_on"
        early = await officer.post(
            f"{url}/transitions", json={"action": "start", "effective_on": "2026-04-23"}
        )
        assert assert_problem(early, 422, "date_before_last_event")["errors"][0]["field"] == "effective_on"
        stale = await officer.post(
            f"{url}/transitions", json={"action": "start"}, headers={"If-Match": '"v9"'}
        )
        assert_problem(stale, 412, "precondition_failed")
        started = await officer.post(
            f"{url}/transitions",
            json={"action": "start", "effective_on": "2026-05-04", "note": "Giao Văn phòng UBND"},
            headers={"If-Match": '"v1"'},
        )
        assert started.status_code == 200, started.text
        assert started.headers["etag"] == '"v2"'
        before = await officer.post(
            f"{url}/transitions", json={"action": "report_done", "effective_on": "2026-05-03"}
        )
        assert_problem(before, 422, "date_before_last_event")
        done = await officer.post(
            f"{url}/transitions", json={"action": "report_done", "effective_on": "2026-05-20"}
        )
        assert done.status_code == 200, done.text
    async with signed_in(tree["province"]) as organiser:
        unreasoned = await organiser.post(f"{url}/transitions", json={"action": "reject_report"})
        assert assert_problem(unreasoned, 422, "missing_transition_data")["errors"][0]["field"] == "reason"
        rejected = await organiser.post(
            f"{url}/transitions",
            json={"action": "reject_report", "reason": REASON, "effective_on": "2026-05-22"},
        )
        assert rejected.json()["status"] == "in_progress"
        events = (await organiser.get(f"{url}/events")).json()
    assert [(e["action"], e["effective_on"], e["data"]) for e in events] == [
        ("start", "2026-05-04", {"note": "Giao Văn phòng UBND"}),
        ("report_done", "2026-05-20", {}),
        ("reject_report", "2026-05-22", {"reason": REASON}),
    ]
    assert [e["actor_type"] for e in events] == ["user", "user", "user"]
    assert date.fromisoformat(events[0]["effective_on"]) > recommendation.team.conclusion_date  # type: ignore[operator]


async def test_the_workflow_is_published(client: httpx.AsyncClient) -> None:
    published = (await client.get(f"{RECOMMENDATIONS}/workflow")).json()
    assert (published["initial"], published["terminal"]) == ("open", ["verified_closed"])
    assert published["states"]["reported_done"] == [
        {"action": "verify", "to": "verified_closed", "by": "organiser", "requires": []},
        {"action": "reject_report", "to": "in_progress", "by": "organiser", "requires": ["reason"]},
    ]
