"""Every example in the contract is true: it validates against its schema (request bodies,
responses, parameters, the fields of every component), and an error example's `code` is one its
operation declares for that status and its `instance` is that operation's path."""

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]

from api.main import create_app


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app(spa_dist=None).openapi()


def errors_of(spec: dict[str, Any], schema: dict[str, Any], instance: Any) -> list[str]:
    # The schema sits beside the spec's components, so `#/components/...` references resolve.
    root = {**schema, "components": spec["components"]}
    validator = Draft202012Validator(root, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def examples(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example) for every example the contract gives."""
    for path, item in spec["paths"].items():
        for method, op in item.items():
            where = f"{method.upper()} {path}"
            for param in op.get("parameters", []):
                schema = param.get("schema", {})
                for example in [*param.get("examples", []), *schema.get("examples", [])]:
                    yield f"{where} parameter {param['name']}", schema, example
                if "example" in param:
                    yield f"{where} parameter {param['name']}", schema, param["example"]
            for media_type, media in op.get("requestBody", {}).get("content", {}).items():
                if "example" in media and media_type == "application/json":
                    yield f"{where} request", media["schema"], media["example"]
            for status, response in op["responses"].items():
                for media_type, media in response.get("content", {}).items():
                    if "example" in media and "json" in media_type:
                        yield f"{where} {status}", media["schema"], media["example"]
    for name, schema in spec["components"]["schemas"].items():
        for prop_name, prop in schema.get("properties", {}).items():
            for example in prop.get("examples", []):
                yield f"{name}.{prop_name}", prop, example
        for example in schema.get("examples", []):
            yield name, schema, example


def test_every_example_validates_against_its_schema(spec: dict[str, Any]) -> None:
    wrong = [
        f"{where}: {error}"
        for where, schema, example in examples(spec)
        for error in errors_of(spec, schema, example)
    ]
    assert not wrong, "\n".join(wrong)
    assert len(list(examples(spec))) > 500


def test_every_error_example_belongs_to_its_operation(spec: dict[str, Any]) -> None:
    for path, item in spec["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", path) + "$")
        for method, op in item.items():
            for status, response in op["responses"].items():
                if int(status) < 400:
                    continue
                media = response["content"]["application/problem+json"]
                example, parts = media["example"], media["schema"]["allOf"]
                where = f"{method.upper()} {path} {status}"
                assert example["code"] in parts[1]["properties"]["code"]["enum"], where
                assert example["status"] == int(status), where
                assert pattern.match(example["instance"]), f"{where}: instance {example['instance']}"


def test_examples_read_as_the_domain_says(spec: dict[str, Any]) -> None:
    """What a schema cannot say: a kind fits its name, an event's states fit its action."""
    for where, _, example in examples(spec):
        assert "string" not in _values(example), f"{where}: a placeholder 'string' example"
        for item in _objects(example):
            name, kind = str(item.get("name", "")), item.get("kind")
            if name.startswith(("Phường", "Xã", "Tỉnh", "Thôn", "Xóm", "Tổ dân phố")) and kind:
                prefix: dict[str, tuple[str, ...]] = {
                    "ward": ("Phường",),
                    "commune": ("Xã",),
                    "province": ("Tỉnh",),
                    "village": ("Thôn", "Xóm"),
                    "residential_group": ("Tổ dân phố",),
                }
                expected = prefix.get(str(kind), ())
                assert name.startswith(expected), f"{where}: {name} is no {kind}"
            if item.get("action") == "accept":
                assert item.get("to_status", "accepted") == "accepted", f"{where}: {item}"


def _values(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [v for inner in value.values() for v in _values(inner)]
    if isinstance(value, list):
        return [v for inner in value for v in _values(inner)]
    return [value]


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from _objects(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _objects(inner)


async def test_the_due_date_example_is_what_the_server_counts(
    spec: dict[str, Any], client: httpx.AsyncClient
) -> None:
    example = spec["paths"]["/api/v1/calendar/due-date"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["example"]
    query = {k: example[k] for k in ("start", "days", "basis")}
    assert (await client.get("/api/v1/calendar/due-date", params=query)).json() == example
