"""Every date, date-time, number and boolean the contract takes is read as strictly as the contract
writes it: over every operation's parameters and body fields, a value of another type or form is
a 422 naming the field (pydantic alone would take `0` for a date, `"106.2"` for a number)."""

import copy
import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import User
from api.calendar.models import CalendarDay
from api.main import create_app
from api.petitions.models import DeadlineRule
from tests.factories import (
    conclude_team,
    create_committee,
    create_committee_member,
    create_committee_term,
    create_investment_project,
    create_petition,
    create_plan,
    create_reception,
    create_recommendation,
    create_team,
    create_tree,
)

# Values a query string or a form may carry that are not the type their schema names.
BAD_TEXT = {
    "integer": ["1.5", "abc", "0x10", "5_0", "+5"],
    "number": ["abc", "nan", "inf", "1,5"],
    "boolean": ["1", "yes", "True"],
    "date": ["0", "20250701", "2025-07-01T00:00:00Z"],
    "date-time": ["0", "2025-07-01", "2025-07-01T08:00:00"],
}
# JSON values of the wrong type (or form) for a body field.
BAD_JSON: dict[str, list[Any]] = {
    "integer": ["5", True, 1.5],
    "number": ["106.2", True],
    "boolean": [0, "true"],
    "date": [0, "0", 20250701, "2025-07-01T00:00:00Z"],
    "date-time": [0, "2025-07-01", 1751356800],
}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app(spa_dist=None).openapi()


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def scalar_type(spec: dict[str, Any], schema: dict[str, Any]) -> str | None:
    """`integer`, `number`, `boolean`, `date` or `date-time` when the schema (nullable or not) is one."""
    schema = resolve(spec, schema)
    options = [s for s in schema.get("anyOf", [schema]) if resolve(spec, s).get("type") != "null"]
    if len(options) != 1:
        return None
    one = resolve(spec, options[0])
    if one.get("type") == "string" and one.get("format") in ("date", "date-time"):
        return str(one["format"])
    return str(one["type"]) if one.get("type") in ("integer", "number", "boolean") else None


def body_fields(
    spec: dict[str, Any], schema: dict[str, Any], path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, type) of every scalar field of a body, nested objects and array items included."""
    schema = resolve(spec, schema)
    options = [s for s in schema.get("anyOf", [schema]) if resolve(spec, s).get("type") != "null"]
    if len(options) != 1 or len(path) > 4:
        return
    schema = resolve(spec, options[0])
    kind = scalar_type(spec, schema)
    if kind is not None:
        yield path, kind
    for name, prop in schema.get("properties", {}).items():
        yield from body_fields(spec, prop, (*path, name))
    if schema.get("type") == "array":
        yield from body_fields(spec, schema.get("items", {}), (*path, 0))


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if path.startswith("/api/"):
                yield path, method, op


def url_for(path: str, ids: dict[str, str]) -> str:
    """The path with real ids: a route's path dependency reads the resource (404) before its
    input is checked."""
    for name, value in ids.items():
        path = path.replace("{" + name + "}", value)
    return re.sub(r"\{[a-z_]+_id\}", str(uuid.uuid4()), path)


def assert_refused(response: httpx.Response, location: str, field: str, where: str) -> None:
    assert response.status_code == 422, f"{where}: {response.status_code} {response.text[:300]}"
    named = {(e["in"], e["field"]) for e in response.json()["errors"]}
    assert (location, field) in named, f"{where}: {named}"


@pytest.fixture
async def ids(session: AsyncSession, admin: User) -> dict[str, str]:
    tree = await create_tree(session)
    rule = await session.scalar(select(DeadlineRule.id).limit(1))
    day = await session.scalar(select(CalendarDay.id).limit(1))
    assert rule is not None and day is not None, "the migrations ship time limits and days off"
    team = await create_team(session, tree["commune"], [tree["village_a"]])
    concluded = await conclude_team(session, await create_team(session, tree["commune"], [tree["village_b"]]))
    recommendation = await create_recommendation(session, concluded, tree["village_b"])
    committee = await create_committee(session, tree["commune"])
    term = await create_committee_term(session, committee)
    member = await create_committee_member(session, committee, term)
    project = await create_investment_project(session, tree["commune"])
    return {
        "committee_id": str(committee.id),
        "project_id": str(project.id),
        "term_id": str(term.id),
        "member_id": str(member.id),
        "recommendation_id": str(recommendation.id),
        "petition_id": str((await create_petition(session, tree["commune"])).id),
        "plan_id": str((await create_plan(session, tree["province"])).id),
        "team_id": str(team.id),
        "target_id": str(team.targets[0].id),
        "unit_id": str(tree["commune"].id),
        "user_id": str(admin.id),
        "reception_id": str((await create_reception(session, tree["commune"])).id),
        "rule_id": str(rule),
        "day_id": str(day),
        "code": "land",
    }


async def test_every_typed_parameter_is_strict(
    spec: dict[str, Any], client: httpx.AsyncClient, ids: dict[str, str]
) -> None:
    checked = 0
    for path, method, op in operations(spec):
        for param in op.get("parameters", []):
            kind = scalar_type(spec, param["schema"])
            if param["in"] != "query" or kind is None:
                continue
            for bad in BAD_TEXT[kind]:
                where = f"{method.upper()} {path} ?{param['name']}={bad}"
                response = await client.request(method, url_for(path, ids), params={param["name"]: bad})
                assert_refused(response, "query", param["name"], where)
                checked += 1
    assert checked > 50


async def test_every_typed_body_field_is_strict(
    spec: dict[str, Any], client: httpx.AsyncClient, ids: dict[str, str]
) -> None:
    checked = set()
    for path, method, op in operations(spec):
        for media_type, media in op.get("requestBody", {}).get("content", {}).items():
            for field, kind in body_fields(spec, media["schema"]):
                bad_values = BAD_TEXT[kind] if media_type != "application/json" else BAD_JSON[kind]
                for bad in bad_values:
                    where = f"{method.upper()} {path} {'.'.join(map(str, field))}={bad!r}"
                    url = url_for(path, ids)
                    if media_type == "application/json":
                        body = copy.deepcopy(media["example"])
                        target = body
                        for step in field[:-1]:
                            if isinstance(step, int):
                                while len(target) <= step:
                                    target.append({})
                            elif target.get(step) is None:
                                target[step] = {}
                            target = target[step]
                        target[field[-1]] = bad
                        response = await client.request(method, url, json=body)
                    else:
                        files = {"file": ("note.txt", b"hello")}
                        response = await client.request(method, url, data={field[0]: bad}, files=files)
                    assert_refused(response, "body", ".".join(map(str, field)), where)
                    checked.add((path, method, field))
    assert len(checked) > 30
