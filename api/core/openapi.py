"""The OpenAPI contract: generated from the app, then completed for integrators.

FastAPI's document is finished here in one place rather than on every route: every error
response is problem+json with the `Problem` schema (FastAPI's own validation error shape is
replaced, since our handler never returns it), every operation documents 500, and every JSON
request and success response carries an example assembled from the fields' examples.
`make openapi` writes the result to `openapi.yaml`; a test fails when that file is stale.
"""

import copy
from typing import Any

import yaml
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.core.errors import PROBLEM_CONTENT_TYPE, problem_type

DESCRIPTION = """\
QCDC is the platform Vietnamese provinces and communes use to implement grassroots democracy
(*Quy chế dân chủ ở cơ sở*, Law 10/2022/QH15): the registry of administrative units and their
reorganisations, and, as the product grows, petitions, citizen receptions, inspections and the
statistics of the annual review.

Conventions (the same on every resource):
- JSON with `snake_case` fields; dates `YYYY-MM-DD`, times RFC 3339 in UTC; enum values are
  stable English codes.
- Lists use keyset pagination: pass `next_cursor` back as `cursor`; `include_total=true` adds
  an exact `total`; `sort` takes the fields each operation lists, `-` for descending.
- Reads of one resource return an `ETag`; send it back in `If-Match` on PATCH, DELETE and
  actions to be refused with 412 if someone changed the resource in between.
- Every POST accepts an `Idempotency-Key`: a retry with the same key and body returns the
  first answer (with `Idempotent-Replayed: true`) and writes nothing again.
- Every error is RFC 9457 `application/problem+json` with a stable `code` and, for bad
  fields, `errors[]` naming each one. Every response carries `X-Request-ID`.
"""

OPERATIONS_TAG = {"name": "operations", "description": "Health, readiness and metrics for operators."}

_SAMPLE_BY_FORMAT = {
    "uuid": "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11",
    "date": "2025-07-01",
    "date-time": "2025-07-01T08:00:00Z",
}


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def example_for(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> Any:
    """An instance of `schema` built from the examples its fields declare."""
    schema = _resolve(spec, schema)
    if schema.get("examples"):
        return copy.deepcopy(schema["examples"][0])
    if "example" in schema:
        return copy.deepcopy(schema["example"])
    if "default" in schema:
        return copy.deepcopy(schema["default"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if _resolve(spec, s).get("type") != "null"]
            return example_for(spec, options[0], depth) if options else None
    if "allOf" in schema:
        return example_for(spec, schema["allOf"][0], depth)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 4:
            return {}
        return {
            name: example_for(spec, prop, depth + 1) for name, prop in schema.get("properties", {}).items()
        }
    if kind == "array":
        return [] if depth > 4 else [example_for(spec, schema.get("items", {}), depth + 1)]
    if kind == "string":
        return _SAMPLE_BY_FORMAT.get(schema.get("format", ""), "string")
    if kind == "integer":
        return int(schema.get("minimum", 0))
    if kind == "number":
        return float(schema.get("minimum", 0))
    if kind == "boolean":
        return False
    return None


def _problem_example(status: str, description: str) -> dict[str, Any]:
    code = {
        "400": "invalid_cursor",
        "401": "unauthorized",
        "403": "forbidden",
        "404": "not_found",
        "409": "conflict",
        "412": "precondition_failed",
        "413": "payload_too_large",
        "415": "unsupported_media_type",
        "422": "validation_failed",
        "429": "too_many_requests",
        "500": "internal_error",
        "503": "service_unavailable",
    }.get(status, "error")
    return {
        "type": problem_type(code),
        "title": description.split(":")[0].split(".")[0],
        "status": int(status),
        "detail": description,
        "code": code,
        "instance": "/api/v1/units",
        "request_id": "b1946ac92492d2347c6235b4d2611184",
    }


def _finish_operation(spec: dict[str, Any], operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    if operation.get("security"):
        responses.setdefault("401", {"description": "Authentication required, or the credential is invalid."})
        responses.setdefault(
            "403", {"description": "The principal lacks the permission this operation needs."}
        )
    if operation.get("requestBody"):
        responses.setdefault("400", {"description": "The body is not valid JSON (`malformed_json`)."})
    responses.setdefault("500", {"description": "Unexpected error: quote `request_id` when reporting it."})
    if "422" in responses and "Codes:" not in responses["422"]["description"]:
        responses["422"]["description"] = "Invalid input: `errors` lists each offending field."
    for status, response in responses.items():
        if int(status) >= 400:
            response["content"] = {
                PROBLEM_CONTENT_TYPE: {
                    "schema": {"$ref": "#/components/schemas/Problem"},
                    "example": _problem_example(status, response["description"]),
                }
            }
        else:
            for media in response.get("content", {}).values():
                if "schema" in media and "example" not in media and media["schema"].get("type") != "string":
                    media["example"] = example_for(spec, media["schema"])
    body = operation.get("requestBody", {}).get("content", {})
    for media in body.values():
        if "schema" in media and "example" not in media:
            media["example"] = example_for(spec, media["schema"])


def build_openapi(app: FastAPI, tags: list[tuple[str, str]]) -> dict[str, Any]:
    """The contract; `tags` are the domains' (name, description), in their order."""
    spec = get_openapi(
        title=app.title,
        version=app.version,
        description=DESCRIPTION,
        routes=app.routes,
        tags=[{"name": name, "description": text} for name, text in tags] + [OPERATIONS_TAG],
        servers=[{"url": "http://127.0.0.1:8000", "description": "Local development (`make run`)"}],
        contact={"name": "QCDC maintainers", "url": "https://github.com/qcdc"},
        license_info={"name": "Proprietary", "identifier": "LicenseRef-QCDC"},
    )
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            _finish_operation(spec, operation)
    return spec


def install_openapi(app: FastAPI, tags: list[tuple[str, str]]) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app, tags)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


class _ContractDumper(yaml.SafeDumper):
    """PyYAML writes YAML 1.1, where "004090001234" is no number and goes unquoted; YAML 1.2
    readers (Spectral, most tooling) read it as an integer. Digit-only strings are quoted."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "'" if value.isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ContractDumper.add_representer(str, _str)


def to_yaml(spec: dict[str, Any]) -> str:
    return yaml.dump(spec, Dumper=_ContractDumper, sort_keys=False, allow_unicode=True, width=100)
