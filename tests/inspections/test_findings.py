"""A team's findings over HTTP: recorded while the team collects them, per target and topic, with
the team's ETag; refused field by field; seen by a visited unit only about its own targets; audited."""

import uuid
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.audit import AuditEvent
from api.inspections import service
from api.inspections.models import InspectionTeam
from api.inspections.schemas import TeamTransitionRequest
from api.inspections.workflows import Action
from api.units.models import Unit
from tests.core.test_errors import assert_problem
from tests.factories import SYSTEM_PRINCIPAL, create_petition, create_team
from tests.inspections.conftest import TEAMS, SignIn


async def _moved(session: AsyncSession, team: InspectionTeam, *actions: Action) -> InspectionTeam:
    # Requests wrote the team since it was read: its version moved on.
    await session.refresh(team, ["version", "status", "updated_at"])
    for action in actions:
        team = await service.transition(
            session,
            SYSTEM_PRINCIPAL,
            team,
            TeamTransitionRequest(
                action=action,
                decision_number="25/QĐ-BCĐ",
                conclusion_number="41/TB-BCĐ",
                conclusion_summary="Thực hiện cơ bản đầy đủ",
            ),
            None,
        )
    return team


async def _collecting(session: AsyncSession, organiser: Unit, targets: list[Unit]) -> InspectionTeam:
    team = await create_team(session, organiser, targets)
    return await _moved(session, team, Action.ESTABLISH, Action.START)


def _finding(target_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    return {
        "target_id": str(target_id),
        "topic": "publicity_of_information",
        "description": "Chưa niêm yết công khai dự toán ngân sách xã",
        "severity": "moderate",
        **overrides,
    }


async def test_record_read_correct_delete_with_the_teams_etag(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _collecting(session, tree["commune"], [tree["village_a"], tree["village_b"]])
    petition = await create_petition(session, tree["commune"])
    url = f"{TEAMS}/{team.id}/findings"
    before = (await client.get(f"{TEAMS}/{team.id}")).headers["etag"]
    body = _finding(team.targets[0].id, petition_ids=[str(petition.id), str(petition.id)])
    created = await client.post(url, json=body, headers={"If-Match": before})
    assert created.status_code == 201, created.text
    finding = created.json()
    assert created.headers["location"] == f"{url}/{finding['id']}"
    assert created.headers["etag"] != before
    assert (finding["unit_id"], finding["severity"]) == (str(tree["village_a"].id), "moderate")
    assert finding["petition_ids"] == [str(petition.id)]
    assert (await client.get(f"{TEAMS}/{team.id}")).headers["etag"] == created.headers["etag"]

    read = await client.get(f"{url}/{finding['id']}")
    assert read.json() == finding
    listed = await client.get(url)
    assert [f["id"] for f in listed.json()] == [finding["id"]]

    stale = await client.patch(
        f"{url}/{finding['id']}", json={"severity": "serious"}, headers={"If-Match": before}
    )
    assert_problem(stale, 412, "precondition_failed")
    updated = await client.patch(
        f"{url}/{finding['id']}",
        json={"severity": "serious", "target_id": str(team.targets[1].id), "petition_ids": []},
        headers={"If-Match": created.headers["etag"]},
    )
    assert updated.status_code == 200, updated.text
    assert (updated.json()["severity"], updated.json()["unit_id"]) == ("serious", str(tree["village_b"].id))
    assert updated.json()["petition_ids"] == []
    deleted = await client.delete(f"{url}/{finding['id']}", headers={"If-Match": updated.headers["etag"]})
    assert deleted.status_code == 204
    assert_problem(await client.get(f"{url}/{finding['id']}"), 404, "finding_not_found")


async def test_a_retried_post_is_answered_once(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _collecting(session, tree["commune"], [tree["village_a"]])
    headers = {"Idempotency-Key": "finding-1"}
    body = _finding(team.targets[0].id)
    first = await client.post(f"{TEAMS}/{team.id}/findings", json=body, headers=headers)
    again = await client.post(f"{TEAMS}/{team.id}/findings", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert len((await client.get(f"{TEAMS}/{team.id}/findings")).json()) == 1


async def test_bad_findings_are_refused(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _collecting(session, tree["commune"], [tree["village_a"]])
    target = team.targets[0].id
    url = f"{TEAMS}/{team.id}/findings"
    foreign = await create_petition(session, tree["other_commune"])
    cases = [
        (_finding(target, topic="land"), "unknown_topic", "topic"),
        (_finding(target, petition_ids=[str(foreign.id)]), "petition_not_found", "petition_ids.0"),
        (_finding(target, severity="grave"), "validation_failed", "severity"),
        (_finding(target, description=" "), "validation_failed", "description"),
    ]
    async with signed_in(tree["commune"]) as commune:
        for body, code, field in cases:
            problem = assert_problem(await commune.post(url, json=body), 422, code)
            assert problem["errors"][0]["field"] == field, problem
        assert_problem(await commune.post(url, json=_finding(uuid.uuid4())), 404, "target_not_found")
        assert_problem(
            await commune.post(f"{TEAMS}/{uuid.uuid4()}/findings", json=_finding(target)),
            404,
            "team_not_found",
        )


async def test_findings_are_recorded_only_while_the_team_collects_them(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    planned = await create_team(session, tree["commune"], [tree["village_a"]])
    url = f"{TEAMS}/{planned.id}/findings"
    assert_problem(await client.post(url, json=_finding(planned.targets[0].id)), 409, "team_not_collecting")
    team = await _collecting(session, tree["commune"], [tree["village_a"]])
    url = f"{TEAMS}/{team.id}/findings"
    created = await client.post(url, json=_finding(team.targets[0].id))
    assert created.status_code == 201, created.text
    team = await _moved(session, team, Action.REPORT)
    reported = await client.post(url, json=_finding(team.targets[0].id, topic="village_conventions"))
    assert reported.status_code == 201, reported.text
    team = await _moved(session, team, Action.CONCLUDE)
    finding = f"{url}/{created.json()['id']}"
    assert_problem(await client.post(url, json=_finding(team.targets[0].id)), 409, "team_not_collecting")
    assert_problem(await client.patch(finding, json={"severity": "minor"}), 409, "team_not_collecting")
    assert_problem(await client.delete(finding), 409, "team_not_collecting")
    assert len((await client.get(url)).json()) == 2


async def test_a_visited_unit_sees_only_the_findings_about_itself(
    client: httpx.AsyncClient, signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _collecting(session, tree["province"], [tree["ward"], tree["village_a"]])
    url = f"{TEAMS}/{team.id}/findings"
    about_ward = (await client.post(url, json=_finding(team.targets[0].id))).json()
    about_village = (await client.post(url, json=_finding(team.targets[1].id))).json()
    async with signed_in(tree["province"]) as province:
        assert {f["id"] for f in (await province.get(url)).json()} == {about_ward["id"], about_village["id"]}
    async with signed_in(tree["ward"]) as ward:
        assert [f["id"] for f in (await ward.get(url)).json()] == [about_ward["id"]]
        assert (await ward.get(f"{url}/{about_ward['id']}")).status_code == 200
        assert_problem(await ward.get(f"{url}/{about_village['id']}"), 404, "finding_not_found")
        assert_problem(await ward.post(url, json=_finding(team.targets[0].id)), 403, "not_organiser")
        assert_problem(
            await ward.patch(f"{url}/{about_ward['id']}", json={"severity": "minor"}), 403, "not_organiser"
        )
    async with signed_in(tree["other"]) as other:
        assert_problem(await other.get(url), 404, "team_not_found")


async def test_findings_are_audited_in_the_visited_unit(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _collecting(session, tree["commune"], [tree["village_a"]])
    url = f"{TEAMS}/{team.id}/findings"
    finding = (await client.post(url, json=_finding(team.targets[0].id))).json()
    await client.patch(f"{url}/{finding['id']}", json={"severity": "serious"})
    await client.delete(f"{url}/{finding['id']}")
    actions = [
        (e.action, e.unit_id)
        for e in (await session.scalars(select(AuditEvent).order_by(AuditEvent.id))).all()
        if e.resource_type == "inspection_finding"
    ]
    village = tree["village_a"].id
    assert actions == [
        ("inspection_finding.create", village),
        ("inspection_finding.update", village),
        ("inspection_finding.delete", village),
    ]


async def test_a_target_removed_takes_its_findings_with_it(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _collecting(session, tree["commune"], [tree["village_a"], tree["village_b"]])
    url = f"{TEAMS}/{team.id}/findings"
    kept = (await client.post(url, json=_finding(team.targets[0].id))).json()
    await client.post(url, json=_finding(team.targets[1].id))
    updated = await client.patch(f"{TEAMS}/{team.id}", json={"target_unit_ids": [str(tree["village_a"].id)]})
    assert updated.status_code == 200, updated.text
    assert [f["id"] for f in (await client.get(url)).json()] == [kept["id"]]
