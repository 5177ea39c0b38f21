"""Who sees and changes a team: the organiser's principals see and change it all; a visited unit's
principals see it with their own targets only and change nothing; others do not see it."""

from sqlalchemy.ext.asyncio import AsyncSession

from api.inspections.models import InspectionTeam
from api.units.models import Unit
from tests.core.test_errors import assert_problem
from tests.factories import create_team
from tests.inspections.conftest import PLANS, TEAMS, SignIn, plan_body, team_body


async def _provincial_team(session: AsyncSession, tree: dict[str, Unit]) -> InspectionTeam:
    """The province visits the ward and a village of the commune."""
    return await create_team(session, tree["province"], [tree["ward"], tree["village_a"]])


async def test_the_organiser_sees_and_changes_everything(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _provincial_team(session, tree)
    async with signed_in(tree["province"]) as province:
        read = await province.get(f"{TEAMS}/{team.id}")
        assert read.status_code == 200, read.text
        assert [t["unit_id"] for t in read.json()["targets"]] == [
            str(tree["ward"].id),
            str(tree["village_a"].id),
        ]
        assert read.json()["allowed_actions"] == ["establish", "cancel"]
        moved = await province.post(
            f"{TEAMS}/{team.id}/transitions", json={"action": "cancel", "reason": "Hoãn"}
        )
        assert moved.status_code == 200, moved.text


async def test_a_visited_unit_sees_only_its_own_targets(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _provincial_team(session, tree)
    target = team.targets[1]
    async with signed_in(tree["commune"]) as commune:
        read = await commune.get(f"{TEAMS}/{team.id}")
        assert read.status_code == 200, read.text
        assert [t["unit_id"] for t in read.json()["targets"]] == [str(tree["village_a"].id)]
        assert read.json()["allowed_actions"] == []
        assert (await commune.get(f"{TEAMS}/{team.id}/events")).status_code == 200
        listed = await commune.get(TEAMS)
        assert [t["id"] for t in listed.json()["items"]] == [str(team.id)]
        etag = read.headers["etag"]
        writes = [
            commune.patch(f"{TEAMS}/{team.id}", json={"title": "X"}, headers={"If-Match": etag}),
            commune.post(f"{TEAMS}/{team.id}/transitions", json={"action": "establish"}),
            commune.patch(
                f"{TEAMS}/{team.id}/targets/{target.id}", json={"rating": "good"}, headers={"If-Match": etag}
            ),
            commune.delete(f"{TEAMS}/{team.id}", headers={"If-Match": etag}),
        ]
        for write in writes:
            assert_problem(await write, 403, "not_organiser")


async def test_an_unrelated_commune_does_not_see_the_team(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team = await _provincial_team(session, tree)
    async with signed_in(tree["other_commune"]) as other:
        assert_problem(await other.get(f"{TEAMS}/{team.id}"), 404, "team_not_found")
        assert_problem(await other.get(f"{TEAMS}/{team.id}/events"), 404, "team_not_found")
        moved = await other.post(f"{TEAMS}/{team.id}/transitions", json={"action": "cancel", "reason": "X"})
        assert_problem(moved, 404, "team_not_found")
        assert (await other.get(TEAMS)).json()["items"] == []
        foreign = await other.post(TEAMS, json=team_body(tree["commune"], [tree["village_a"]]))
        assert assert_problem(foreign, 422, "unit_not_found")["errors"][0]["field"] == "organising_unit_id"
        foreign_target = await other.post(TEAMS, json=team_body(tree["other_commune"], [tree["village_a"]]))
        assert (
            assert_problem(foreign_target, 422, "unit_not_found")["errors"][0]["field"] == "target_unit_ids.0"
        )
        assert_problem(
            await other.get(TEAMS, params={"within_unit_id": str(tree["commune"].id)}), 404, "unit_not_found"
        )


async def test_a_commune_team_is_the_provinces_to_change_too(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    """A jurisdiction covers its subtree: the province changes what its communes organise."""
    team = await create_team(session, tree["commune"], [tree["village_b"]])
    async with signed_in(tree["province"]) as province:
        read = await province.get(f"{TEAMS}/{team.id}")
        assert read.json()["allowed_actions"] == ["establish", "cancel"]
    async with signed_in(tree["village_b"]) as village:
        seen = await village.get(f"{TEAMS}/{team.id}")
        assert seen.status_code == 200
        assert [t["unit_id"] for t in seen.json()["targets"]] == [str(tree["village_b"].id)]


async def test_readers_cannot_write(signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]) -> None:
    team = await _provincial_team(session, tree)
    async with signed_in(tree["province"], roles=["viewer"]) as viewer:
        assert (await viewer.get(f"{TEAMS}/{team.id}")).json()["allowed_actions"] == []
        refused = await viewer.post(
            f"{TEAMS}/{team.id}/transitions", json={"action": "cancel", "reason": "X"}
        )
        assert assert_problem(refused, 403, "permission_denied")["required_permission"] == "inspections:write"
        assert_problem(await viewer.post(PLANS, json=plan_body(tree["province"])), 403, "permission_denied")
    async with signed_in(tree["province"], roles=["officer"]) as officer:
        # Officers read inspections (to follow up what is recommended to their unit) but record
        # none: teams and plans are the steering committee's.
        assert (await officer.get(TEAMS)).status_code == 200
        refused = await officer.post(PLANS, json=plan_body(tree["province"]))
        assert assert_problem(refused, 403, "permission_denied")["required_permission"] == "inspections:write"
