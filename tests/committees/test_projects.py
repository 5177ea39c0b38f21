"""Investment projects and their boards over HTTP: create, read, update with ETags, filters, search,
bad input, jurisdiction, one active board per project, and the board dissolving when its project ends."""

from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.audit import AuditEvent
from tests.committees.conftest import COMMITTEES, Commune, SignIn, create_commune, new_committee
from tests.core.test_errors import assert_problem
from tests.factories import create_unit

PROJECTS = f"{COMMITTEES}/projects"


def project_body(*units: Any, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Đường giao thông nông thôn xóm Nà Cạn",
        "investor": "Ủy ban nhân dân xã Hòa An",
        "capital_source": "state_budget",
        "total_investment": 4_500_000_000,
        "location_unit_ids": [str(u.id) for u in units],
        "starts_on": "2026-03-02",
        "planned_end_on": "2026-12-31",
    }
    data.update(overrides)
    return data


async def new_project(client: httpx.AsyncClient, *units: Any, **overrides: Any) -> dict[str, Any]:
    response = await client.post(PROJECTS, json=project_body(*units, **overrides))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def board_body(commune: Commune, project_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "kind": "investment_supervision",
        "name": "Ban Giám sát đầu tư của cộng đồng đường Nà Cạn",
        "established_on": "2026-03-10",
        "project_id": project_id,
        **overrides,
    }


async def test_project_with_its_board_dissolved_when_it_ends(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune
) -> None:
    created = await client.post(
        PROJECTS, json=project_body(commune.unit, external_ref={"source": "dautucong", "id": "DA-7"})
    )
    assert created.status_code == 201, created.text
    project = created.json()
    assert created.headers["location"] == f"{PROJECTS}/{project['id']}"
    assert created.headers["etag"] == '"v1"'
    assert [u["name"] for u in project["locations"]] == ["Xã Hòa An"]
    assert (project["unit_id"], project["under_way"], project["board"]) == (str(commune.unit.id), True, None)
    assert project["total_investment"] == 4_500_000_000

    board = await new_committee(client, commune.unit, **board_body(commune, project["id"]))
    assert (board["project_id"], board["dissolves_on"], board["status"]) == (project["id"], None, "active")
    read = (await client.get(f"{PROJECTS}/{project['id']}")).json()
    assert read["board"] == {
        "id": board["id"],
        "name": board["name"],
        "status": "active",
        "dissolved_on": None,
    }

    # A second active board for the same project is a conflict; nothing is written.
    second = await client.post(
        COMMITTEES, json={**board_body(commune, project["id"]), "unit_id": str(commune.unit.id)}
    )
    assert_problem(second, 409, "project_has_board")

    # The project ends on 20 November 2026: its board is dissolved that day, in the same request.
    ended = await client.patch(
        f"{PROJECTS}/{project['id']}", json={"actual_end_on": "2026-11-20"}, headers={"If-Match": '"v1"'}
    )
    assert ended.status_code == 200, ended.text
    assert ended.headers["etag"] == '"v2"'
    body = ended.json()
    assert (body["actual_end_on"], body["under_way"]) == ("2026-11-20", False)
    assert body["board"]["status"] == "dissolved" and body["board"]["dissolved_on"] == "2026-11-20"
    dissolved = (await client.get(f"{COMMITTEES}/{board['id']}")).json()
    assert (dissolved["status"], dissolved["dissolved_on"], dissolved["dissolves_on"]) == (
        "dissolved",
        "2026-11-20",
        "2026-11-20",
    )
    actions = (await session.scalars(select(AuditEvent.action).order_by(AuditEvent.id))).all()
    ours = [a for a in actions if a.startswith(("investment_project", "committee."))]
    # The project's end and its board's dissolution are written by the same request.
    assert ours[:2] == ["investment_project.create", "committee.create"]
    assert sorted(ours[2:]) == ["committee.update", "investment_project.update"]
    # An ended project takes no new board.
    late = await client.post(
        COMMITTEES, json={**board_body(commune, project["id"]), "unit_id": str(commune.unit.id)}
    )
    assert assert_problem(late, 422, "project_ended")["errors"][0]["field"] == "project_id"


async def test_a_board_for_a_project_in_another_commune_is_refused(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune
) -> None:
    other = await create_unit(session, name="Xã Bế Triều", kind="commune", parent_id=commune.province.id)
    project = await new_project(client, other)
    response = await client.post(
        COMMITTEES, json={**board_body(commune, project["id"]), "unit_id": str(commune.unit.id)}
    )
    body = assert_problem(response, 422, "project_in_another_unit")
    assert body["errors"][0]["field"] == "project_id"
    pic = await client.post(
        COMMITTEES,
        json={**board_body(commune, project["id"]), "kind": "people_inspection", "unit_id": str(other.id)},
    )
    assert_problem(pic, 422, "project_not_allowed")
    assert (await client.get(COMMITTEES)).json()["items"] == []


async def test_bad_input_is_refused_and_writes_nothing(client: httpx.AsyncClient, commune: Commune) -> None:
    village = commune.villages[0]
    cases = [
        (project_body(village), "unit_kind_mismatch", "location_unit_ids.0"),
        (project_body(commune.unit, commune.unit), "duplicate_location", "location_unit_ids"),
        (project_body(commune.unit, planned_end_on="2026-01-01"), "invalid_period", "planned_end_on"),
        (project_body(commune.unit, actual_end_on="2026-12-01"), "date_in_future", "actual_end_on"),
        (project_body(commune.unit, actual_end_on="2026-01-01"), "invalid_period", "actual_end_on"),
    ]
    for body, code, field in cases:
        problem = assert_problem(await client.post(PROJECTS, json=body), 422, code)
        assert problem["errors"][0]["field"] == field
    assert_problem(await client.post(PROJECTS, json=project_body()), 422, "validation_failed")
    assert_problem(
        await client.post(PROJECTS, json=project_body(commune.unit, total_investment=-1)),
        422,
        "validation_failed",
    )
    assert (await client.get(PROJECTS)).json()["items"] == []
    project = await new_project(client, commune.unit)
    stale = await client.patch(
        f"{PROJECTS}/{project['id']}", json={"name": "X"}, headers={"If-Match": '"v9"'}
    )
    assert stale.status_code == 412
    null = await client.patch(f"{PROJECTS}/{project['id']}", json={"name": None})
    assert_problem(null, 422, "validation_failed")


async def test_filters_search_and_jurisdiction(
    client: httpx.AsyncClient, session: AsyncSession, signed_in: SignIn
) -> None:
    hoa_an = await create_commune(session, 2)
    other = await create_unit(session, name="Xã Quang Trung", kind="commune", parent_id=hoa_an.province.id)
    road = await new_project(client, hoa_an.unit, name="Đường Nà Cạn", capital_source="state_budget")
    hall = await new_project(
        client,
        other,
        hoa_an.unit,
        name="Nhà văn hóa xóm Bản Chang",
        capital_source="community_contribution",
        starts_on="2025-01-10",
        actual_end_on="2025-10-01",
    )
    bridge = await new_project(
        client, other, name="Cầu treo Pác Ngòi", capital_source="oda", starts_on="2026-06-01"
    )

    async def names(**params: Any) -> list[str]:
        response = await client.get(PROJECTS, params=params)
        assert response.status_code == 200, response.text
        return [p["name"] for p in response.json()["items"]]

    assert await names() == ["Cầu treo Pác Ngòi", "Đường Nà Cạn", "Nhà văn hóa xóm Bản Chang"]
    assert await names(q="nha van hoa") == ["Nhà văn hóa xóm Bản Chang"]
    assert await names(q="DUONG") == ["Đường Nà Cạn"]
    assert await names(capital_source=["oda", "community_contribution"]) == [bridge["name"], hall["name"]]
    assert await names(under_way_on="2025-05-01") == [hall["name"]]
    assert await names(under_way_on="2026-04-01") == [road["name"]]
    assert await names(within_unit_id=str(hoa_an.unit.id)) == [road["name"], hall["name"]]
    assert await names(external_source="nowhere") == []

    async with signed_in(other, roles=["committee_member"]) as officer:
        seen = [p["name"] for p in (await officer.get(PROJECTS)).json()["items"]]
        assert seen == [bridge["name"], hall["name"]]
        assert (await officer.get(f"{PROJECTS}/{road['id']}")).status_code == 404
        assert (await officer.patch(f"{PROJECTS}/{road['id']}", json={"name": "X"})).status_code == 404
        foreign = await officer.post(PROJECTS, json=project_body(hoa_an.unit))
        assert_problem(foreign, 422, "unit_not_found")
        assert (
            await officer.get(PROJECTS, params={"within_unit_id": str(hoa_an.unit.id)})
        ).status_code == 404


async def test_posts_are_idempotent(client: httpx.AsyncClient, commune: Commune) -> None:
    headers = {"Idempotency-Key": "project-na-can"}
    first = await client.post(PROJECTS, json=project_body(commune.unit), headers=headers)
    again = await client.post(PROJECTS, json=project_body(commune.unit), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert len((await client.get(PROJECTS)).json()["items"]) == 1


async def test_a_board_keeps_its_project_and_stays_alone(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune
) -> None:
    other = await create_unit(session, name="Xã Bế Triều", kind="commune", parent_id=commune.province.id)
    project = await new_project(client, commune.unit, other)
    first = await new_committee(client, commune.unit, **board_body(commune, project["id"]))
    # Moving the project away from its board's commune is refused.
    moved = await client.patch(f"{PROJECTS}/{project['id']}", json={"location_unit_ids": [str(other.id)]})
    assert_problem(moved, 422, "board_outside_project")
    # The first board dissolved, a second one for the same project; the first made active again conflicts.
    gone = await client.patch(f"{COMMITTEES}/{first['id']}", json={"dissolved_on": "2026-05-01"})
    assert gone.status_code == 200, gone.text
    second = await new_committee(
        client, other, **board_body(commune, project["id"], name="Ban Giám sát đầu tư Bế Triều")
    )
    back = await client.patch(f"{COMMITTEES}/{first['id']}", json={"dissolved_on": None})
    assert_problem(back, 409, "project_has_board")
    read = (await client.get(f"{PROJECTS}/{project['id']}")).json()
    assert read["board"]["id"] == second["id"]
    assert [u["name"] for u in read["locations"]] == ["Xã Hòa An", "Xã Bế Triều"]
