"""The contract, checked on every answer the test suite receives.

Every app client of the suite (`tests.conftest.app_client`) passes its responses through
`check_response`: the status is one the operation declares, a problem's `code` is one its enum
lists for that status (with the extension members its schema names), and the headers the
contract promises (`ETag`, `Location`, `Idempotent-Replayed`, `Retry-After`) are there exactly
when it declares them. So each of the suite's several hundred scenarios is also a test that the
contract says what the server does.
"""

import re
from functools import cache
from typing import Any

import httpx

from api.main import create_app

# Answered for no operation in particular: a method the path does not serve.
UNDECLARED_STATUSES = {405}


@cache
def contract() -> dict[str, Any]:
    return create_app(spa_dist=None).openapi()


@cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    paths = sorted(contract()["paths"], key=lambda p: (p.count("{"), p))
    return [(re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", p) + "$"), p) for p in paths]


def operation_for(method: str, path: str) -> tuple[str, dict[str, Any]] | None:
    for pattern, template in _templates():
        if pattern.match(path):
            op = contract()["paths"][template].get(method.lower())
            return (template, op) if op is not None else None
    return None


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = contract()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def problem_schema(response: dict[str, Any]) -> dict[str, Any]:
    """The properties a problem response declares, its `allOf` parts merged."""
    schema = response["content"]["application/problem+json"]["schema"]
    merged: dict[str, Any] = {}
    for part in [resolve(s) for s in schema.get("allOf", [schema])]:
        merged.update(part.get("properties", {}))
    return merged


def check_response(response: httpx.Response) -> None:
    found = operation_for(response.request.method, response.request.url.path)
    if found is None or response.status_code in UNDECLARED_STATUSES:
        return
    template, op = found
    where = f"{response.request.method} {template} → {response.status_code}"
    declared = op["responses"].get(str(response.status_code))
    assert declared is not None, f"{where}: status not declared ({sorted(op['responses'])})"
    headers = {name.lower() for name in declared.get("headers", {})}
    for name in ("etag", "location", "idempotent-replayed", "retry-after"):
        if name in response.headers:
            assert name in headers, f"{where}: sends {name} but does not declare it"
    if response.status_code in (200, 201) and "etag" in headers:
        assert "etag" in response.headers, f"{where}: declares ETag but sends none"
    if response.status_code == 201:
        assert "location" in response.headers, f"{where}: a 201 without Location"
    if response.status_code >= 400 and response.headers.get("content-type") == "application/problem+json":
        body = response.json()
        properties = problem_schema(declared)
        codes = properties["code"]["enum"]
        assert body["code"] in codes, f"{where}: code {body['code']!r} is not in {codes}"
        for member in body:
            assert member in properties, f"{where}: member {member!r} ({body['code']}) is not in the schema"
