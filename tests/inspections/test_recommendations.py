"""A concluded team's recommendations over HTTP: issued by the organiser with a due date given or
counted on the shared calendar, refused field by field, seen by each owner only where addressed to
it, listed across teams overdue first, corrected with their ETag, reported on by their owner,
audited in the owner's unit; and a team closes only once each is verified closed."""

import dataclasses
import uuid
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from api.core.access import Principal
from api.core.audit import AuditEvent
from api.inspections import service as teams_service
from api.inspections.models import (
    FindingSeverity,
    InspectionFinding,
    InspectionRecommendation,
    InspectionTeam,
)
from api.inspections.recommendations import service
from api.inspections.recommendations.schemas import RecommendationTransitionRequest
from api.inspections.schemas import TeamTransitionRequest
from api.units.models import Unit
from tests.core.test_errors import assert_problem
from tests.factories import SYSTEM_PRINCIPAL, conclude_team, create_recommendation, create_team
from tests.inspections.conftest import RECOMMENDATIONS, TEAMS, SignIn


def _body(owner: Unit, **overrides: Any) -> dict[str, Any]:
    return {
        "owner_unit_id": str(owner.id),
        "content": "Niêm yết công khai dự toán ngân sách xã tại trụ sở UBND",
        "due_in": {"days": 5, "basis": "working"},
        **overrides,
    }


async def _concluded(session: AsyncSession, organiser: Unit, targets: list[Unit]) -> InspectionTeam:
    return await conclude_team(session, await create_team(session, organiser, targets))


def _acting_for(unit: Unit) -> Principal:
    return dataclasses.replace(SYSTEM_PRINCIPAL, unit_id=unit.id, unit_path=unit.path)


async def _move(
    session: AsyncSession, recommendation: InspectionRecommendation, owner: Unit, *actions: str
) -> InspectionRecommendation:
    # Requests may have changed it since it was read: its version, state and owner moved on.
    await session.refresh(recommendation, ["version", "status", "owner_unit_id"])
    assert recommendation.owner_unit_id == owner.id
    set_committed_value(recommendation, "owner_unit", owner)
    for action in actions:
        actor = SYSTEM_PRINCIPAL if action in ("verify", "reject_report") else _acting_for(owner)
        request = RecommendationTransitionRequest(action=action, reason="Chưa đủ")
        recommendation = await service.transition(session, actor, recommendation, request, None)
    return recommendation


async def test_issue_with_a_due_date_counted_on_the_calendar(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _concluded(session, tree["province"], [tree["commune"]])
    assert team.conclusion_date is not None and team.conclusion_date.isoformat() == "2026-04-24"
    url = f"{TEAMS}/{team.id}/recommendations"
    working = await client.post(url, json=_body(tree["commune"]))
    assert working.status_code == 201, working.text
    created = working.json()
    assert working.headers["location"] == f"{RECOMMENDATIONS}/{created['id']}"
    assert working.headers["etag"] == '"v1"'
    # Friday 24 April + 5 working days: 27/4, 30/4 and 1/5 are days off, and so are weekends.
    assert (created["due_on"], created["status"], created["team_id"]) == ("2026-05-06", "open", str(team.id))
    assert (created["overdue"], created["days_left"]) == (True, -204)
    assert created["owner_unit"]["name"] == tree["commune"].name
    calendar = await client.post(url, json=_body(tree["commune"], due_in={"days": 10, "basis": "calendar"}))
    assert calendar.json()["due_on"] == "2026-05-04"
    dated = await client.post(url, json=_body(tree["commune"], due_in=None, due_on="2026-12-31"))
    assert (dated.json()["due_on"], dated.json()["overdue"], dated.json()["days_left"]) == (
        "2026-12-31",
        False,
        35,
    )
    assert (await client.get(f"{RECOMMENDATIONS}/{created['id']}")).json() == created


async def test_the_due_date_is_given_once_and_after_the_conclusion(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _concluded(session, tree["province"], [tree["commune"]])
    url = f"{TEAMS}/{team.id}/recommendations"
    early = await client.post(url, json=_body(tree["commune"], due_in=None, due_on="2026-04-23"))
    assert assert_problem(early, 422, "due_before_conclusion")["errors"][0]["field"] == "due_on"
    on_the_day = await client.post(url, json=_body(tree["commune"], due_in=None, due_on="2026-04-24"))
    assert on_the_day.status_code == 201, on_the_day.text
    both = await client.post(url, json=_body(tree["commune"], due_on="2026-06-30"))
    assert_problem(both, 422, "validation_failed")
    neither = await client.post(url, json=_body(tree["commune"], due_in=None))
    assert_problem(neither, 422, "validation_failed")
    zero = await client.post(url, json=_body(tree["commune"], due_in={"days": 0, "basis": "working"}))
    assert_problem(zero, 422, "validation_failed")


async def test_only_a_concluded_team_recommends(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    planned = await create_team(session, tree["province"], [tree["commune"]])
    refused = await client.post(f"{TEAMS}/{planned.id}/recommendations", json=_body(tree["commune"]))
    assert_problem(refused, 409, "team_not_concluded")
    closed = await _concluded(session, tree["province"], [tree["commune"]])
    await teams_service.transition(
        session, SYSTEM_PRINCIPAL, closed, TeamTransitionRequest(action="close"), None
    )
    refused = await client.post(f"{TEAMS}/{closed.id}/recommendations", json=_body(tree["commune"]))
    assert_problem(refused, 409, "team_not_concluded")


async def test_the_owner_lies_in_the_organisers_subtree(
    client: httpx.AsyncClient, signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _concluded(session, tree["commune"], [tree["village_a"]])
    other_team = await _concluded(session, tree["commune"], [tree["village_b"]])
    url = f"{TEAMS}/{team.id}/recommendations"
    outside = await client.post(url, json=_body(tree["ward"]))
    assert assert_problem(outside, 422, "owner_outside_organiser")["errors"][0]["field"] == "owner_unit_id"
    async with signed_in(tree["commune"]) as commune:
        foreign = await commune.post(url, json=_body(tree["other_commune"]))
        assert assert_problem(foreign, 422, "unit_not_found")["errors"][0]["field"] == "owner_unit_id"
        finding = InspectionFinding(
            id=uuid.uuid4(),
            team_id=other_team.id,
            target_id=other_team.targets[0].id,
            unit_id=tree["village_b"].id,
            topic="publicity_of_information",
            description="Chưa niêm yết công khai",
            severity=FindingSeverity.MINOR,
            petition_ids=[],
        )
        session.add(finding)
        await session.flush()
        elsewhere = await commune.post(url, json=_body(tree["village_a"], finding_id=str(finding.id)))
        assert assert_problem(elsewhere, 422, "finding_not_found")["errors"][0]["field"] == "finding_id"
        answered = await commune.post(
            f"{TEAMS}/{other_team.id}/recommendations",
            json=_body(tree["village_b"], finding_id=str(finding.id)),
        )
        assert answered.status_code == 201, answered.text
        assert answered.json()["finding_id"] == str(finding.id)


async def test_a_visited_unit_neither_issues_nor_changes(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _concluded(session, tree["province"], [tree["commune"]])
    recommendation = await create_recommendation(session, team, tree["commune"])
    async with signed_in(tree["commune"]) as commune:
        refused = await commune.post(f"{TEAMS}/{team.id}/recommendations", json=_body(tree["commune"]))
        assert_problem(refused, 403, "not_organiser")
        patched = await commune.patch(f"{RECOMMENDATIONS}/{recommendation.id}", json={"content": "Khác"})
        assert_problem(patched, 403, "not_organiser")


async def test_each_unit_sees_what_is_addressed_to_it(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _concluded(session, tree["province"], [tree["ward"], tree["commune"]])
    to_ward = await create_recommendation(session, team, tree["ward"])
    to_village = await create_recommendation(session, team, tree["village_a"])
    to_province = await create_recommendation(session, team, tree["province"])
    seen = {
        "province": {to_ward.id, to_village.id, to_province.id},
        "commune": {to_village.id},
        "ward": {to_ward.id},
        "other": set(),
    }
    for unit, expected in seen.items():
        async with signed_in(tree[unit], roles=["officer"]) as reader:
            listed = await reader.get(RECOMMENDATIONS)
            assert {uuid.UUID(r["id"]) for r in listed.json()["items"]} == expected, unit
            under_team = await reader.get(f"{TEAMS}/{team.id}/recommendations")
            if unit == "other":
                assert_problem(under_team, 404, "team_not_found")
            else:
                assert {uuid.UUID(r["id"]) for r in under_team.json()} == expected, unit
            for recommendation in (to_ward, to_village, to_province):
                read = await reader.get(f"{RECOMMENDATIONS}/{recommendation.id}")
                if recommendation.id in expected:
                    assert read.status_code == 200, read.text
                else:
                    assert_problem(read, 404, "recommendation_not_found")


async def test_lists_put_the_overdue_first_and_filter(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    provincial = await _concluded(session, tree["province"], [tree["commune"]])
    communal = await _concluded(session, tree["commune"], [tree["village_a"]])
    later = await create_recommendation(session, provincial, tree["commune"], due_on="2026-12-20")
    overdue = await create_recommendation(session, provincial, tree["ward"], due_on="2026-06-01")
    sooner = await create_recommendation(session, communal, tree["village_a"], due_on="2026-12-01")
    older = await create_recommendation(session, communal, tree["village_b"], due_on="2026-05-15")
    closed = await create_recommendation(session, provincial, tree["province"], due_on="2026-05-10")
    await _move(session, closed, tree["province"], "start", "report_done", "verify")
    await _move(session, later, tree["commune"], "start")

    async def ids(**params: Any) -> list[uuid.UUID]:
        response = await client.get(RECOMMENDATIONS, params=params)
        assert response.status_code == 200, response.text
        return [uuid.UUID(r["id"]) for r in response.json()["items"]]

    assert await ids() == [older.id, overdue.id, sooner.id, later.id, closed.id]
    assert await ids(overdue="true") == [older.id, overdue.id]
    assert await ids(overdue="false") == [sooner.id, later.id, closed.id]
    assert await ids(status=["open", "verified_closed"]) == [older.id, overdue.id, sooner.id, closed.id]
    assert await ids(owner_within_unit_id=str(tree["commune"].id)) == [older.id, sooner.id, later.id]
    assert await ids(within_unit_id=str(tree["commune"].id)) == [older.id, sooner.id]
    assert await ids(team_id=str(provincial.id)) == [overdue.id, later.id, closed.id]
    assert await ids(due_before="2026-06-01", due_after="2026-05-10") == [older.id]
    assert await ids(sort="-due_on") == [later.id, sooner.id, overdue.id, older.id, closed.id]
    first = (await client.get(RECOMMENDATIONS, params={"limit": 2, "include_total": "true"})).json()
    assert (len(first["items"]), first["total"]) == (2, 5)
    rest = (await client.get(RECOMMENDATIONS, params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [r["id"] for r in rest["items"]] == [str(sooner.id), str(later.id)]
    listed = {r["id"]: r for r in (await client.get(RECOMMENDATIONS)).json()["items"]}
    assert (listed[str(closed.id)]["overdue"], listed[str(closed.id)]["days_left"]) == (False, None)
    assert listed[str(overdue.id)]["owner_unit"]["id"] == str(tree["ward"].id)
    assert_problem(
        await client.get(RECOMMENDATIONS, params={"owner_within_unit_id": str(uuid.uuid4())}),
        404,
        "unit_not_found",
    )


async def test_correct_with_the_etag_until_verified(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _concluded(session, tree["province"], [tree["commune"]])
    recommendation = await create_recommendation(session, team, tree["commune"])
    url = f"{RECOMMENDATIONS}/{recommendation.id}"
    etag = (await client.get(url)).headers["etag"]
    changed = await client.patch(
        url,
        json={"content": "Niêm yết tại nhà văn hóa các xóm", "due_in": {"days": 5, "basis": "working"}},
        headers={"If-Match": etag},
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["content"], changed.json()["due_on"]) == (
        "Niêm yết tại nhà văn hóa các xóm",
        "2026-05-06",
    )
    assert changed.headers["etag"] != etag
    stale = await client.patch(url, json={"content": "X"}, headers={"If-Match": etag})
    assert_problem(stale, 412, "precondition_failed")
    moved = await client.patch(url, json={"owner_unit_id": str(tree["village_a"].id)})
    assert moved.json()["owner_unit"]["id"] == str(tree["village_a"].id)
    outside = await client.patch(url, json={"owner_unit_id": str(tree["other_commune"].id)})
    assert_problem(outside, 422, "owner_outside_organiser")
    early = await client.patch(url, json={"due_on": "2026-01-01"})
    assert_problem(early, 422, "due_before_conclusion")
    await _move(session, recommendation, tree["village_a"], "start", "report_done", "verify")
    closed = await client.patch(url, json={"content": "X"})
    assert_problem(closed, 409, "recommendation_closed")


async def test_the_owner_reports_progress(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _concluded(session, tree["province"], [tree["commune"]])
    recommendation = await create_recommendation(session, team, tree["commune"])
    url = f"{RECOMMENDATIONS}/{recommendation.id}/reports"
    text = "Đã niêm yết tại trụ sở UBND xã"
    async with signed_in(tree["commune"], roles=["officer"]) as owner:
        filed = await owner.post(url, json={"text": text, "reported_on": "2026-05-04"})
        assert filed.status_code == 201, filed.text
        report = filed.json()
        assert filed.headers["location"] == f"{url}/{report['id']}"
        assert (report["unit_id"], report["reported_on"], report["text"]) == (
            str(tree["commune"].id),
            "2026-05-04",
            text,
        )
        assert (await owner.get(f"{url}/{report['id']}")).json() == report
        assert_problem(await owner.get(f"{url}/{uuid.uuid4()}"), 404, "report_not_found")
        future = await owner.post(url, json={"text": text, "reported_on": "2026-11-27"})
        assert assert_problem(future, 422, "date_in_future")["errors"][0]["field"] == "reported_on"
        early = await owner.post(url, json={"text": text, "reported_on": "2026-04-20"})
        assert_problem(early, 422, "date_before_last_event")
        today = await owner.post(url, json={"text": "Đang niêm yết tại các xóm"})
        assert today.json()["reported_on"] == "2026-11-26"
    async with signed_in(tree["province"]) as organiser:
        refused = await organiser.post(url, json={"text": text})
        assert_problem(refused, 403, "not_owner")
        assert [r["reported_on"] for r in (await organiser.get(url)).json()] == ["2026-05-04", "2026-11-26"]
    async with signed_in(tree["province"], roles=["viewer"]) as viewer:
        assert_problem(await viewer.post(url, json={"text": text}), 403, "permission_denied")
    await _move(session, recommendation, tree["commune"], "start", "report_done")
    async with signed_in(tree["commune"], roles=["officer"]) as owner:
        assert_problem(await owner.post(url, json={"text": text}), 409, "recommendation_not_in_progress")


async def test_a_team_closes_once_each_recommendation_is_verified(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _concluded(session, tree["province"], [tree["commune"]])
    first = await create_recommendation(session, team, tree["commune"])
    second = await create_recommendation(session, team, tree["ward"])
    url = f"{TEAMS}/{team.id}/transitions"
    refused = await client.post(url, json={"action": "close"})
    assert assert_problem(refused, 409, "recommendations_open")["open_recommendations"] == 2
    await _move(session, first, tree["commune"], "start", "report_done", "verify")
    await _move(session, second, tree["ward"], "start", "report_done")
    refused = await client.post(url, json={"action": "close"})
    assert assert_problem(refused, 409, "recommendations_open")["open_recommendations"] == 1
    await _move(session, second, tree["ward"], "verify")
    closed = await client.post(url, json={"action": "close"})
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"


async def test_recommendations_are_audited_in_the_owners_unit(
    client: httpx.AsyncClient, signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _concluded(session, tree["province"], [tree["commune"]])
    created = (await client.post(f"{TEAMS}/{team.id}/recommendations", json=_body(tree["commune"]))).json()
    await client.patch(f"{RECOMMENDATIONS}/{created['id']}", json={"content": "Niêm yết tại các xóm"})
    async with signed_in(tree["commune"], roles=["officer"]) as owner:
        await owner.post(f"{RECOMMENDATIONS}/{created['id']}/reports", json={"text": "Đã niêm yết"})
    events = [
        (e.action, e.unit_id)
        for e in (await session.scalars(select(AuditEvent).order_by(AuditEvent.id))).all()
        if e.resource_type.startswith("inspection_recommendation")
    ]
    commune = tree["commune"].id
    assert events == [
        ("inspection_recommendation.create", commune),
        ("inspection_recommendation.update", commune),
        ("inspection_recommendation_report.create", commune),
    ]


async def test_a_new_organiser_keeps_the_owners_in_its_subtree(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _concluded(session, tree["province"], [tree["commune"]])
    await create_recommendation(session, team, tree["ward"])
    url = f"{TEAMS}/{team.id}"
    refused = await client.patch(url, json={"organising_unit_id": str(tree["commune"].id)})
    problem = assert_problem(refused, 422, "owner_outside_organiser")
    assert problem["errors"][0]["field"] == "organising_unit_id"
