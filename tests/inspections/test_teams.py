"""Inspection teams over HTTP: CRUD with ETags, idempotent creation, validation of the period, plan,
members and targets, the record of each visit, lists and the audit log."""

from datetime import date

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.audit import AuditEvent
from api.units.models import Unit
from tests.core.test_errors import assert_problem
from tests.factories import create_plan, create_team, create_unit
from tests.inspections.conftest import TEAMS, team_body


async def test_create_read_update_delete_with_etag(client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    body = team_body(
        tree["commune"],
        [tree["village_a"], tree["village_b"]],
        external_ref={"source": "vpdt-caobang", "id": "DKT-7"},
        decision_number="25/QĐ-BCĐ",
    )
    created = await client.post(TEAMS, json=body)
    assert created.status_code == 201, created.text
    team = created.json()
    assert created.headers["location"] == f"{TEAMS}/{team['id']}"
    assert created.headers["etag"] == '"v1"'
    assert team["status"] == "planned"
    assert team["allowed_actions"] == ["establish", "cancel"]
    assert team["organising_unit"]["name"] == "Xã Hòa An"
    assert [t["unit"]["name"] for t in team["targets"]] == ["Xóm Nà Cạn", "Xóm Bản Chang"]
    assert {t["status"] for t in team["targets"]} == {"planned"}
    assert team["members"][0] == {
        "full_name": "Hoàng Thị Lan",
        "position": "Phó Trưởng ban Dân vận",
        "organisation": None,
        "role": "leader",
        "user_id": None,
    }
    assert (team["actual_start"], team["decision_date"]) == (None, None)

    read = await client.get(f"{TEAMS}/{team['id']}")
    assert read.json() == team
    kept = team["targets"][1]
    updated = await client.patch(
        f"{TEAMS}/{team['id']}",
        json={
            "title": "Đoàn kiểm tra (sửa)",
            "target_unit_ids": [str(tree["village_b"].id), str(tree["commune"].id)],
        },
        headers={"If-Match": read.headers["etag"]},
    )
    assert updated.status_code == 200, updated.text
    assert updated.headers["etag"] == '"v2"'
    targets = updated.json()["targets"]
    assert [t["unit_id"] for t in targets] == [str(tree["village_b"].id), str(tree["commune"].id)]
    assert targets[0]["id"] == kept["id"]
    stale = await client.patch(f"{TEAMS}/{team['id']}", json={"title": "X"}, headers={"If-Match": '"v1"'})
    assert_problem(stale, 412, "precondition_failed")
    deleted = await client.delete(f"{TEAMS}/{team['id']}", headers={"If-Match": '"v2"'})
    assert deleted.status_code == 204
    assert_problem(await client.get(f"{TEAMS}/{team['id']}"), 404, "team_not_found")


async def test_a_retried_post_is_answered_once(client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    headers = {"Idempotency-Key": "team-2026-7"}
    body = team_body(tree["commune"], [tree["village_a"]])
    first = await client.post(TEAMS, json=body, headers=headers)
    again = await client.post(TEAMS, json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    listed = await client.get(TEAMS, params={"include_total": "true"})
    assert listed.json()["total"] == 1


async def test_bad_teams_are_refused_field_by_field(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    commune, village = tree["commune"], tree["village_a"]
    late = await create_unit(
        session, name="Xóm Mới", kind="village", parent_id=commune.id, valid_from=date(2026, 9, 10)
    )
    ward_plan = await create_plan(session, tree["ward"], issuer="commune_steering_committee")
    two_leaders = [{"full_name": "A", "role": "leader"}, {"full_name": "B", "role": "leader"}]
    cases = [
        (team_body(commune, [village], planned_end="2026-09-06"), "invalid_period", "planned_end"),
        (team_body(commune, [tree["ward"]]), "target_outside_organiser", "target_unit_ids.0"),
        (team_body(commune, [village, late]), "date_outside_unit_life", "target_unit_ids.1"),
        (team_body(commune, [village], plan_id=str(ward_plan.id)), "plan_of_another_organiser", "plan_id"),
        (team_body(commune, [village], plan_id=str(commune.id)), "plan_not_found", "plan_id"),
        (team_body(commune, [village], members=two_leaders), "multiple_leaders", "members"),
        (team_body(commune, [village], topics=["land"]), "unknown_topic", "topics"),
        (team_body(late, [village]), "date_outside_unit_life", "planned_start"),
        (team_body(commune, [village], kind="audit"), "validation_failed", "kind"),
    ]
    for body, code, field in cases:
        problem = assert_problem(await client.post(TEAMS, json=body), 422, code)
        assert problem["errors"][0]["field"] == field, problem
    province_plan = await create_plan(session, tree["province"])
    under_province = await client.post(
        TEAMS, json=team_body(commune, [village], plan_id=str(province_plan.id))
    )
    assert under_province.status_code == 201, under_province.text
    assert under_province.json()["plan_id"] == str(province_plan.id)


async def test_the_record_of_a_visit(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await create_team(session, tree["commune"], [tree["village_a"], tree["village_b"]])
    target = team.targets[0]
    url = f"{TEAMS}/{team.id}/targets/{target.id}"
    visit = {
        "status": "done",
        "visited_from": "2026-09-08",
        "visited_to": "2026-09-09",
        "self_assessment_received": True,
        "self_assessment_received_on": "2026-09-01",
        "rating": "fair",
        "notes": "Chưa niêm yết công khai dự toán ngân sách",
    }
    recorded = await client.patch(url, json=visit, headers={"If-Match": '"v1"'})
    assert recorded.status_code == 200, recorded.text
    assert recorded.headers["etag"] == '"v2"'
    seen = recorded.json()["targets"][0]
    assert {k: seen[k] for k in visit} == visit
    assert recorded.json()["targets"][1]["status"] == "planned"
    assert_problem(
        await client.patch(url, json={"rating": "good"}, headers={"If-Match": '"v1"'}),
        412,
        "precondition_failed",
    )
    bad = [
        ({"visited_to": "2026-09-07"}, "invalid_period", "visited_to"),
        ({"visited_from": "2026-12-01", "visited_to": "2026-12-02"}, "date_in_future", "visited_from"),
        ({"self_assessment_received": False}, "invalid_self_assessment", "self_assessment_received_on"),
    ]
    for body, code, field in bad:
        problem = assert_problem(await client.patch(url, json=body, headers={"If-Match": '"v2"'}), 422, code)
        assert problem["errors"][0]["field"] == field, problem
    null_status = await client.patch(url, json={"status": None}, headers={"If-Match": '"v2"'})
    assert_problem(null_status, 422, "validation_failed")
    missing = await client.patch(
        f"{TEAMS}/{team.id}/targets/{team.id}", json={"rating": "good"}, headers={"If-Match": '"v2"'}
    )
    assert_problem(missing, 404, "target_not_found")


async def test_a_closed_team_no_longer_changes(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await create_team(session, tree["commune"], [tree["village_a"]])
    cancelled = await client.post(
        f"{TEAMS}/{team.id}/transitions", json={"action": "cancel", "reason": "Trùng kế hoạch của tỉnh"}
    )
    assert cancelled.status_code == 200, cancelled.text
    etag = cancelled.headers["etag"]
    assert_problem(
        await client.patch(f"{TEAMS}/{team.id}", json={"title": "X"}, headers={"If-Match": etag}),
        409,
        "team_closed",
    )
    target_url = f"{TEAMS}/{team.id}/targets/{team.targets[0].id}"
    assert_problem(
        await client.patch(target_url, json={"rating": "good"}, headers={"If-Match": etag}),
        409,
        "team_closed",
    )
    assert_problem(
        await client.delete(f"{TEAMS}/{team.id}", headers={"If-Match": etag}), 409, "team_not_planned"
    )


async def test_an_established_team_keeps_one_leader(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await create_team(session, tree["commune"], [tree["village_a"]], decision_number="25/QĐ-BCĐ")
    established = await client.post(f"{TEAMS}/{team.id}/transitions", json={"action": "establish"})
    assert established.status_code == 200, established.text
    leaderless = await client.patch(
        f"{TEAMS}/{team.id}",
        json={"members": [{"full_name": "Nông Văn Hải"}]},
        headers={"If-Match": established.headers["etag"]},
    )
    assert_problem(leaderless, 422, "leader_required")


async def test_lists_filter_search_sort_and_page(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    plan = await create_plan(session, tree["province"])
    provincial = await create_team(
        session,
        tree["province"],
        [tree["ward"], tree["village_a"]],
        plan_id=plan.id,
        title="Đoàn giám sát của Ban Chỉ đạo tỉnh",
        kind="supervision",
        topics=["people_supervise"],
        planned_start=date(2026, 10, 5),
        planned_end=date(2026, 10, 16),
    )
    communal = await create_team(
        session, tree["commune"], [tree["village_b"]], title="Đoàn kiểm tra xã Hòa An"
    )
    last_year = await create_team(
        session,
        tree["commune"],
        [tree["village_a"]],
        title="Đoàn khảo sát hương ước",
        kind="thematic_survey",
        planned_start=date(2025, 6, 2),
        planned_end=date(2025, 6, 6),
    )
    await create_team(session, tree["other"], [tree["other_commune"]], title="Đoàn của tỉnh khác")
    await client.post(
        f"{TEAMS}/{communal.id}/transitions", json={"action": "cancel", "reason": "Gộp vào đoàn của tỉnh"}
    )

    async def ids(**params: str | list[str]) -> list[str]:
        response = await client.get(TEAMS, params=params)
        assert response.status_code == 200, response.text
        return [t["id"] for t in response.json()["items"]]

    p, c, y = str(provincial.id), str(communal.id), str(last_year.id)
    assert await ids(within_unit_id=str(tree["commune"].id)) == [c, y]
    assert await ids(target_within_unit_id=str(tree["commune"].id)) == [p, c, y]
    assert await ids(target_within_unit_id=str(tree["ward"].id)) == [p]
    assert await ids(year="2025") == [y]
    assert await ids(plan_id=str(plan.id)) == [p]
    assert await ids(kind=["supervision", "thematic_survey"]) == [p, y]
    assert await ids(status="cancelled") == [c]
    assert await ids(topic="people_supervise", within_unit_id=str(tree["province"].id)) == [p]
    assert await ids(
        topic=["village_conventions", "people_supervise"], within_unit_id=str(tree["province"].id)
    ) == [p, c, y]
    assert await ids(q="huong uoc") == [y]
    assert await ids(q="BAN CHI DAO") == [p]
    assert await ids(within_unit_id=str(tree["province"].id), sort="title") == [p, y, c]
    item = (await client.get(TEAMS, params={"q": "huong uoc"})).json()["items"][0]
    assert item["organising_unit"] == {
        "id": str(tree["commune"].id),
        "code": tree["commune"].code,
        "name": "Xã Hòa An",
        "kind": "commune",
        "status": "active",
    }
    assert item["topics"] == ["publicity_of_information", "village_conventions"]
    first = await client.get(TEAMS, params={"limit": "3"})
    second = await client.get(TEAMS, params={"limit": "3", "cursor": first.json()["next_cursor"]})
    paged = [t["id"] for t in first.json()["items"] + second.json()["items"]]
    assert paged[0] == p
    assert len(set(paged)) == 4
    assert second.json()["next_cursor"] is None


async def test_writes_are_audited(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    created = await client.post(TEAMS, json=team_body(tree["commune"], [tree["village_a"]]))
    team = created.json()
    await client.patch(
        f"{TEAMS}/{team['id']}/targets/{team['targets'][0]['id']}",
        json={"rating": "good"},
        headers={"If-Match": '"v1"'},
    )
    actions = [
        (e.action, e.unit_id)
        for e in (await session.scalars(select(AuditEvent).order_by(AuditEvent.id))).all()
        if e.resource_type.startswith("inspection_team")
    ]
    # One flush writes the team and its target: their order within it is the session's.
    assert sorted(actions[:2], key=str) == [
        ("inspection_team.create", tree["commune"].id),
        ("inspection_team_target.create", tree["village_a"].id),
    ]
    assert actions[2:] == [("inspection_team_target.update", tree["village_a"].id)]
