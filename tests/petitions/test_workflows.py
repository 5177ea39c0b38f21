"""Every state machine, exhaustively: from each reachable state of each kind, each allowed action
succeeds and lands where the workflow says, and each other action is a 409 that lists the
allowed ones. The paths and expectations are derived from the workflow data itself, so a move
added to a workflow is tested without editing this file."""

from collections import deque
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.petitions.models import PetitionKind, Status
from api.petitions.workflows import WORKFLOWS, Action
from api.units.models import Unit
from tests.factories import create_unit
from tests.petitions.conftest import case, move, receive


def shortest_paths(kind: PetitionKind) -> dict[Status, list[Action]]:
    """The shortest sequence of actions from `received` to every state reachable in `kind`'s workflow."""
    machine = WORKFLOWS[kind]
    paths: dict[Status, list[Action]] = {Status.RECEIVED: []}
    queue = deque([Status.RECEIVED])
    while queue:
        state = queue.popleft()
        for m in machine.get(state, ()):
            if m.to is not None and m.to not in paths:
                paths[m.to] = [*paths[state], m.action]
                queue.append(m.to)
    return paths


CASES = [(kind, state) for kind in PetitionKind for state in shortest_paths(kind)]


def data_for(action: Action, kind: PetitionKind, tree: dict[str, Unit], handling_id: str) -> dict[str, Any]:
    outcome = {"complaint": "upheld", "denunciation": "substantiated"}.get(kind.value, "answered")
    target = next(str(u.id) for u in (tree["other"], tree["other_commune"]) if str(u.id) != handling_id)
    return {
        Action.ACCEPT: {"decision_number": "01/TB-UBND"},
        Action.NOT_ACCEPT: {"reason": "Không đủ điều kiện thụ lý"},
        Action.FORWARD: {"target_unit_id": target},
        Action.DECIDE: {"outcome": outcome, "decision_number": "10/QĐ-UBND"},
        Action.CONCLUDE: {"outcome": outcome, "decision_number": "11/KL-UBND"},
        Action.RESOLVE: {"answer": "Đã trả lời công dân"},
        Action.EXTEND: {"decision_number": "12/QĐ-GH"},
        Action.SUSPEND: {"reason": "Chờ kết quả giám định"},
        Action.WITHDRAW_PARTLY: {"withdrawn_content": "Nội dung thứ hai"},
    }.get(action, {})


async def drive(
    client: httpx.AsyncClient, tree: dict[str, Unit], kind: PetitionKind, path: list[Action], start: date
) -> dict[str, Any]:
    """A fresh case of `kind` moved along `path`, one day per step from `start`."""
    p = await receive(
        client,
        tree["ward"],
        kind=kind.value,
        received_on=str(start),
        petitioners=[{"full_name": "Lê Thị Hoa", "identity_number": "004190005678"}],
    )
    on = start
    for action in path:
        # A decision takes effect only once its 30-day appeal period (and any day off after it) has passed.
        on += timedelta(days=40 if action == Action.MAKE_EFFECTIVE else 1)
        r = await move(client, p["id"], action, on, **data_for(action, kind, tree, p["handling_unit"]["id"]))
        assert r.status_code == 200, f"{action}: {r.text}"
        p = r.json()
    return p


def expected_moves(kind: PetitionKind, state: Status) -> dict[Action, Status | None]:
    return {m.action: m.to for m in WORKFLOWS[kind].get(state, ())}


@pytest.mark.parametrize(("kind", "state"), CASES, ids=[f"{k.value}-{s.value}" for k, s in CASES])
async def test_every_move_from_every_state(
    client: httpx.AsyncClient, tree: dict[str, Unit], kind: PetitionKind, state: Status
) -> None:
    path = shortest_paths(kind)[state]
    expected = expected_moves(kind, state)
    today = clock.today()

    def start_for(action: Action | None) -> date:
        # Long enough ago for a decision to take effect, recent enough for an appeal.
        return today - timedelta(days=70 if Action.MAKE_EFFECTIVE in (*path, action) else 20)

    # Forbidden: every action the workflow does not list from here.
    p = await drive(client, tree, kind, path, start_for(None))
    assert p["status"] == state
    assert set(p["allowed_actions"]) == set(expected)
    for action in set(Action) - set(expected):
        r = await move(client, p["id"], action, **data_for(action, kind, tree, p["handling_unit"]["id"]))
        assert r.status_code == 409, f"{action} from {state}: {r.text}"
        problem = r.json()
        assert problem["code"] == "invalid_transition"
        assert set(problem["allowed_actions"]) == set(expected)
        assert problem["status"] == 409 and problem["petition_status"] == state

    # Allowed: each on a fresh case, landing where the workflow says.
    for action, to in expected.items():
        p = await drive(client, tree, kind, path, start_for(action))
        r = await move(client, p["id"], action, **data_for(action, kind, tree, p["handling_unit"]["id"]))
        assert r.status_code == 200, f"{action} from {state}: {r.text}"
        landed = r.json()["status"]
        if action == Action.RESUME:
            # Back to where it was suspended: the state the path reached before its last step.
            before = next(s for s, steps in shortest_paths(kind).items() if steps == path[:-1])
            assert landed == before
        else:
            assert landed == (to or state), f"{action} from {state} landed in {landed}"


async def test_events_record_every_move(client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    today = clock.today()
    p = await drive(
        client,
        tree,
        PetitionKind.COMPLAINT,
        [Action.ACCEPT, Action.START_VERIFICATION],
        today - timedelta(days=5),
    )
    events = (await client.get(f"/api/v1/petitions/{p['id']}/events")).json()
    assert [(e["action"], e["from_status"], e["to_status"]) for e in events] == [
        ("receive", None, "received"),
        ("accept", "received", "accepted"),
        ("start_verification", "accepted", "verifying"),
    ]
    assert events[1]["data"] == {"decision_number": "01/TB-UBND"}
    assert events[1]["effective_on"] == str(today - timedelta(days=4))
    assert all(e["actor_name"] for e in events)


async def test_a_move_needs_its_data_and_a_sane_date(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    p = await receive(client, tree["ward"], received_on="2026-03-02")
    r = await move(client, p["id"], "not_accept")
    assert r.status_code == 422 and r.json()["code"] == "missing_transition_data"
    assert [e["field"] for e in r.json()["errors"]] == ["reason"]
    r = await move(client, p["id"], "accept", "2026-03-01")
    assert r.status_code == 422 and r.json()["code"] == "date_before_last_event"
    r = await move(client, p["id"], "accept", clock.today() + timedelta(days=1))
    assert r.status_code == 422 and r.json()["code"] == "date_in_future"
    r = await move(client, p["id"], "fly_to_the_moon")
    assert r.status_code == 422


async def test_anonymous_denunciations_cannot_be_accepted(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    p = await receive(client, tree["ward"], kind="denunciation", petitioners=[])
    assert p["anonymous"] is True
    r = await move(client, p["id"], "accept", decision_number="01/QĐ")
    assert r.status_code == 422 and r.json()["code"] == "anonymous_denunciation"


async def test_partial_withdrawal_of_a_complaint_needs_law_136_in_force(
    client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    p = await receive(client, tree["ward"], received_on="2026-06-01")
    await move(client, p["id"], "accept", "2026-06-02")
    r = await move(client, p["id"], "withdraw_partly", "2026-06-30", withdrawn_content="Nội dung 2")
    assert r.status_code == 422 and r.json()["code"] == "partial_withdrawal_not_in_force"
    r = await move(client, p["id"], "withdraw_partly", "2026-07-01", withdrawn_content="Nội dung 2")
    assert r.status_code == 200 and r.json()["status"] == "accepted"


async def test_only_the_handling_unit_moves_a_forwarded_case(
    client: httpx.AsyncClient, officer_client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    # The officer's province received the case and forwards it to another province.
    p = await receive(officer_client, tree["ward"], kind="petition")
    r = await move(officer_client, p["id"], "forward", target_unit_id=str(tree["other"].id))
    assert r.status_code == 200 and r.json()["allowed_actions"] == []
    # Still visible where it was received, with its trail; no longer movable from there.
    again = await officer_client.get(f"/api/v1/petitions/{p['id']}")
    assert again.status_code == 200 and again.json()["handling_unit"]["name"] == tree["other"].name
    r = await move(officer_client, p["id"], "accept")
    assert r.status_code == 403 and r.json()["code"] == "not_handling_unit"
    # The competent body (here a nationwide principal) moves it.
    r = await move(client, p["id"], "accept")
    assert r.status_code == 200 and r.json()["status"] == "accepted"


async def test_workflows_are_published(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/petitions/workflows")
    machines = {w["kind"]: w for w in r.json()}
    assert set(machines) == {"complaint", "denunciation", "petition", "reflection"}
    extend = next(m for m in machines["denunciation"]["states"]["accepted"] if m["action"] == "extend")
    assert extend == {"action": "extend", "to": None, "requires": ["decision_number"]}


async def test_a_fact_names_a_unit_that_existed_on_its_date(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    """A case received on 17/1/2025 cannot be received or handled by a ward that exists only from
    1/7/2025, nor forwarded or appealed on a day its target did not exist."""
    ward = await create_unit(
        session,
        code="99101",
        name="Phường Mới",
        kind="ward",
        parent_id=tree["province"].id,
        valid_from=date(2025, 7, 1),
    )
    later = await create_unit(
        session,
        code="99102",
        name="Xã Sau",
        kind="commune",
        parent_id=tree["province"].id,
        valid_from=date(2026, 1, 1),
    )

    def outside_life(response: httpx.Response, field: str) -> None:
        assert response.status_code == 422, response.text
        problem = response.json()
        assert problem["code"] == "date_outside_unit_life"
        assert problem["errors"][0]["field"] == field
        assert "2025-07-01" in problem["detail"] or "2026-01-01" in problem["detail"]

    r = await client.post("/api/v1/petitions", json=case(ward, received_on="2025-01-17"))
    outside_life(r, "receiving_unit_id")
    assert "2025-07-01" in r.json()["detail"]
    r = await client.post(
        "/api/v1/petitions",
        json=case(tree["commune"], received_on="2025-01-17", handling_unit_id=str(ward.id)),
    )
    outside_life(r, "handling_unit_id")
    received = await receive(client, ward, received_on="2025-08-01")

    forwarded = await move(client, received["id"], "forward", "2025-08-05", target_unit_id=str(later.id))
    outside_life(forwarded, "target_unit_id")
    ok = await move(client, received["id"], "forward", "2026-01-02", target_unit_id=str(later.id))
    assert ok.status_code == 200, ok.text

    complaint = await receive(client, tree["commune"], received_on="2025-09-01")
    for action, on, data in (
        ("accept", "2025-09-02", {"decision_number": "01/TB-UBND"}),
        ("start_verification", "2025-09-03", {}),
        ("decide", "2025-09-04", {"outcome": "rejected", "decision_number": "10/QĐ-UBND"}),
    ):
        assert (await move(client, complaint["id"], action, on, **data)).status_code == 200
    appealed = await move(client, complaint["id"], "appeal", "2025-09-10", target_unit_id=str(later.id))
    outside_life(appealed, "target_unit_id")
