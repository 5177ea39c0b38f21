"""A team's workflow: every allowed and every forbidden move of the transition table, the dates of
acts, what each act sets, the data each needs, and the timeline."""

import itertools

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.inspections import service
from api.inspections.models import InspectionTeam
from api.inspections.schemas import TeamTransitionRequest
from api.inspections.workflows import WORKFLOW, Action, Status
from api.units.models import Unit
from tests.core.test_errors import assert_problem
from tests.factories import SYSTEM_PRINCIPAL, create_team
from tests.inspections.conftest import TEAMS

# The acts that bring a new team to each state.
PATH: dict[Status, list[Action]] = {
    Status.PLANNED: [],
    Status.ESTABLISHED: [Action.ESTABLISH],
    Status.IN_PROGRESS: [Action.ESTABLISH, Action.START],
    Status.REPORTED: [Action.ESTABLISH, Action.START, Action.REPORT],
    Status.CONCLUDED: [Action.ESTABLISH, Action.START, Action.REPORT, Action.CONCLUDE],
    Status.CLOSED: [Action.ESTABLISH, Action.START, Action.REPORT, Action.CONCLUDE, Action.CLOSE],
    Status.CANCELLED: [Action.CANCEL],
}
ALLOWED = {(state, move.action): move.to for state, moves in WORKFLOW.items() for move in moves}
CASES = list(itertools.product(Status, Action))
REASON = "Trùng với đoàn của tỉnh"
CONCLUSION = {"conclusion_number": "41/TB-BCĐ", "conclusion_summary": "Thực hiện cơ bản đầy đủ"}
# The data each act needs.
DATA: dict[Action, dict[str, str]] = {Action.CANCEL: {"reason": REASON}, Action.CONCLUDE: CONCLUSION}


async def _team_in(session: AsyncSession, tree: dict[str, Unit], status: Status) -> InspectionTeam:
    team = await create_team(session, tree["commune"], [tree["village_a"]], decision_number="25/QĐ-BCĐ")
    for action in PATH[status]:
        request = TeamTransitionRequest(action=action, **DATA.get(action, {}))
        team = await service.transition(session, SYSTEM_PRINCIPAL, team, request, None)
    assert team.status == status
    return team


def test_the_table_is_what_the_docs_say() -> None:
    assert {(s.value, a.value): t.value for (s, a), t in ALLOWED.items()} == {
        ("planned", "establish"): "established",
        ("planned", "cancel"): "cancelled",
        ("established", "start"): "in_progress",
        ("established", "cancel"): "cancelled",
        ("in_progress", "report"): "reported",
        ("in_progress", "cancel"): "cancelled",
        ("reported", "conclude"): "concluded",
        ("reported", "cancel"): "cancelled",
        ("concluded", "close"): "closed",
    }


@pytest.mark.parametrize(("status", "action"), CASES, ids=[f"{s}-{a}" for s, a in CASES])
async def test_each_move(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit], status: Status, action: Action
) -> None:
    team = await _team_in(session, tree, status)
    body = {"action": action.value, **DATA.get(action, {})}
    response = await client.post(f"{TEAMS}/{team.id}/transitions", json=body)
    if (status, action) in ALLOWED:
        assert response.status_code == 200, response.text
        moved = response.json()
        assert moved["status"] == ALLOWED[(status, action)]
        assert moved["allowed_actions"] == [m.action.value for m in WORKFLOW.get(Status(moved["status"]), ())]
        events = (await client.get(f"{TEAMS}/{team.id}/events")).json()
        assert (events[-1]["action"], events[-1]["from_status"], events[-1]["to_status"]) == (
            action.value,
            status.value,
            moved["status"],
        )
    else:
        problem = assert_problem(response, 409, "action_not_allowed")
        assert problem["team_status"] == status.value
        assert problem["allowed_actions"] == [m.action.value for m in WORKFLOW.get(status, ())]


async def test_acts_are_dated_and_set_the_team(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await create_team(session, tree["commune"], [tree["village_a"]])
    url = f"{TEAMS}/{team.id}/transitions"
    future = await client.post(
        url, json={"action": "establish", "decision_number": "25/QĐ-BCĐ", "effective_on": "2026-11-27"}
    )
    assert assert_problem(future, 422, "date_in_future")["errors"][0]["field"] == "effective_on"
    undecided = await client.post(url, json={"action": "establish", "effective_on": "2026-09-01"})
    assert (
        assert_problem(undecided, 422, "missing_transition_data")["errors"][0]["field"] == "decision_number"
    )
    established = await client.post(
        url,
        json={
            "action": "establish",
            "effective_on": "2026-09-01",
            "decision_number": "25/QĐ-BCĐ",
            "decision_signer": "Nông Thị Thu",
        },
        headers={"If-Match": '"v1"'},
    )
    assert established.status_code == 200, established.text
    assert established.headers["etag"] == '"v2"'
    assert (established.json()["decision_date"], established.json()["decision_signer"]) == (
        "2026-09-01",
        "Nông Thị Thu",
    )
    stale = await client.post(url, json={"action": "start"}, headers={"If-Match": '"v1"'})
    assert_problem(stale, 412, "precondition_failed")
    early = await client.post(url, json={"action": "start", "effective_on": "2026-08-31"})
    assert assert_problem(early, 422, "date_before_last_event")["errors"][0]["field"] == "effective_on"
    started = await client.post(url, json={"action": "start", "effective_on": "2026-09-08"})
    reported = await client.post(
        url, json={"action": "report", "effective_on": "2026-09-18", "note": "Báo cáo kết quả"}
    )
    assert (started.json()["actual_start"], reported.json()["actual_end"]) == ("2026-09-08", "2026-09-18")
    assert reported.json()["status"] == "reported"
    unreasoned = await client.post(url, json={"action": "cancel"})
    assert assert_problem(unreasoned, 422, "missing_transition_data")["errors"][0]["field"] == "reason"

    events = await client.get(f"{TEAMS}/{team.id}/events")
    assert events.status_code == 200
    assert [(e["action"], e["effective_on"], e["data"]) for e in events.json()] == [
        ("establish", "2026-09-01", {"decision_number": "25/QĐ-BCĐ", "decision_signer": "Nông Thị Thu"}),
        ("start", "2026-09-08", {}),
        ("report", "2026-09-18", {"note": "Báo cáo kết quả"}),
    ]
    assert {e["actor_type"] for e in events.json()} == {"user"}


async def test_a_team_without_a_leader_is_not_established(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await create_team(
        session,
        tree["commune"],
        [tree["village_a"]],
        decision_number="25/QĐ-BCĐ",
        members=[{"full_name": "Nông Văn Hải"}],
    )
    refused = await client.post(f"{TEAMS}/{team.id}/transitions", json={"action": "establish"})
    assert assert_problem(refused, 422, "leader_required")["errors"][0]["field"] == "members"


async def test_the_workflow_is_published(client: httpx.AsyncClient) -> None:
    published = await client.get(f"{TEAMS}/workflow")
    assert published.status_code == 200
    body = published.json()
    assert (body["initial"], body["terminal"]) == ("planned", ["cancelled", "closed"])
    assert body["states"]["planned"] == [
        {"action": "establish", "to": "established", "requires": []},
        {"action": "cancel", "to": "cancelled", "requires": ["reason"]},
    ]
    assert "closed" not in body["states"]


async def test_the_conclusion_is_recorded_by_conclude(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _team_in(session, tree, Status.REPORTED)
    url = f"{TEAMS}/{team.id}/transitions"
    bare = await client.post(url, json={"action": "conclude"})
    problem = assert_problem(bare, 422, "missing_transition_data")
    assert [e["field"] for e in problem["errors"]] == ["conclusion_number", "conclusion_summary"]
    blank = await client.post(url, json={"action": "conclude", **CONCLUSION, "conclusion_summary": " "})
    assert_problem(blank, 422, "validation_failed")
    concluded = await client.post(url, json={"action": "conclude", **CONCLUSION})
    assert concluded.status_code == 200, concluded.text
    read = concluded.json()
    assert (read["conclusion_number"], read["conclusion_date"], read["conclusion_summary"]) == (
        "41/TB-BCĐ",
        clock.today().isoformat(),
        "Thực hiện cơ bản đầy đủ",
    )
    events = (await client.get(f"{TEAMS}/{team.id}/events")).json()
    assert events[-1]["data"] == {"conclusion_number": "41/TB-BCĐ"}

    target = read["targets"][0]["id"]
    said = await client.patch(
        f"{TEAMS}/{team.id}/targets/{target}",
        json={"conclusion": "Đề nghị niêm yết công khai dự toán ngân sách"},
        headers={"If-Match": concluded.headers["etag"]},
    )
    assert said.status_code == 200, said.text
    assert said.json()["targets"][0]["conclusion"] == "Đề nghị niêm yết công khai dự toán ngân sách"
