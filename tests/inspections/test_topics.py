"""The topics checked: shipped by the migration, read by every holder of inspections:read, changed
only by a nationwide administrator."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from api.units.models import Unit
from tests.core.test_errors import assert_problem
from tests.inspections.conftest import PLANS, TOPICS, SignIn, plan_body

SHIPPED = [
    "publicity_of_information",
    "people_discuss_and_decide",
    "people_supervise",
    "citizen_reception_and_dialogue",
    "village_conventions",
    "pic_and_cisb",
    "workplace_democracy",
    "other",
]


async def test_the_shipped_topics_are_read_by_every_reader(signed_in: SignIn, tree: dict[str, Unit]) -> None:
    async with signed_in(tree["commune"], roles=["viewer"]) as viewer:
        listed = await viewer.get(TOPICS)
        assert listed.status_code == 200, listed.text
        assert [t["code"] for t in listed.json()] == SHIPPED
        assert listed.json()[4] == {
            "code": "village_conventions",
            "name_vi": "Hương ước, quy ước",
            "name_en": "Village conventions",
            "position": 5,
            "active": True,
        }
        one = await viewer.get(f"{TOPICS}/people_supervise")
        assert one.status_code == 200
        assert one.headers["etag"].startswith('"c')
        assert_problem(await viewer.get(f"{TOPICS}/land"), 404, "topic_not_found")


async def test_only_a_nationwide_administrator_changes_topics(
    client: httpx.AsyncClient, signed_in: SignIn, tree: dict[str, Unit], session: AsyncSession
) -> None:
    body = {"code": "grassroots_mediation", "name_vi": "Hòa giải ở cơ sở", "name_en": "Grassroots mediation"}
    async with signed_in(tree["commune"], roles=["admin"]) as commune_admin:
        refused = await commune_admin.put(f"{TOPICS}/grassroots_mediation", json=body)
        assert_problem(refused, 403, "nationwide_only")

    added = await client.put(f"{TOPICS}/grassroots_mediation", json=body)
    assert added.status_code == 200, added.text
    assert added.json()["active"] is True
    stale = await client.put(
        f"{TOPICS}/other",
        json={"code": "other", "name_vi": "Khác", "name_en": "Other"},
        headers={"If-Match": '"c0"'},
    )
    assert_problem(stale, 412, "precondition_failed")
    mismatch = await client.put(f"{TOPICS}/other", json=body)
    assert_problem(mismatch, 422, "code_mismatch")

    read = await client.get(f"{TOPICS}/other")
    retired = await client.put(
        f"{TOPICS}/other",
        json={
            "code": "other",
            "name_vi": "Nội dung khác",
            "name_en": "Other",
            "position": 8,
            "active": False,
        },
        headers={"If-Match": read.headers["etag"]},
    )
    assert retired.status_code == 200, retired.text
    refused_plan = await client.post(PLANS, json=plan_body(tree["province"], topics=["other"]))
    body_of = assert_problem(refused_plan, 422, "unknown_topic")
    assert body_of["errors"][0]["field"] == "topics"
    accepted = await client.post(PLANS, json=plan_body(tree["province"], topics=["grassroots_mediation"]))
    assert accepted.status_code == 201, accepted.text
