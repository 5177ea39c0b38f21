"""The OpenAPI contract: generated from the app, then completed for integrators.

FastAPI's document is finished here in one place rather than on every route: every error
response is problem+json with the `Problem` schema (FastAPI's own validation error shape is
replaced, since our handler never returns it), every operation documents 500, and every JSON
request and success response carries an example assembled from the fields' examples.
`make openapi` writes the result to `openapi.yaml`; a test fails when that file is stale.
"""

import copy
import re
from typing import Any

import yaml
from fastapi import FastAPI, routing
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from api.core.errors import ERROR_OF_STATUS, PROBLEM_CONTENT_TYPE, problem_type, problem_types
from api.core.exports import EXPORTABLE, MEDIA_TYPES, XLSX_MEDIA_TYPE
from api.core.idempotency import REPLAY_HEADER
from api.core.pagination import ExportFormat
from api.core.responses import CODES_KEY, DESCRIPTIONS, problem_codes
from api.core.routing import expanded
from api.core.schemas import Problem

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
- Reads of one resource return an `ETag`; send it back in `If-Match` on PUT, PATCH, DELETE and
  actions to be refused with 412 if someone changed the resource in between.
- Every POST accepts an `Idempotency-Key` (but the sign-in and session exchanges under `/auth`,
  whose answers are secrets never stored): a retry with the same key and body returns the first
  answer (with `Idempotent-Replayed: true`) and writes nothing again. A create answers 201 with
  `Location`, work handed to a job 202 with the job's `Location`; 429 and 503 say when to retry in `Retry-After`.
- Every error is RFC 9457 `application/problem+json` with a stable `code` and, for bad
  fields, `errors[]` naming each one; each response lists the codes it can carry. Every
  response carries `X-Request-ID`.
- Operation ids are `<resource path>-<verb>`: the path's fixed segments after `/api/v1` joined
  by `-` (parameters and a file's extension left out), then `list` (a collection or array), `get` (one thing),
  `create` (POST), `put` (PUT), `update` (PATCH) or `delete`; a POST to an action
  (`retire`, `revoke`, `refresh`, `logout`) is named by the action alone: `units-list`,
  `units-get`, `petitions-events-list`, `units-official-loads-create`, `units-retire`.
"""

# POSTs to these path segments perform an action rather than create something under them.
ACTION_SEGMENTS = frozenset({"retire", "revoke", "refresh", "logout"})


def operation_id_for(path: str, method: str, operation: dict[str, Any]) -> str:
    """The operation id the naming rule (see DESCRIPTION) gives an operation."""
    segments = [s for s in path.removeprefix("/api/v1").split("/") if s]
    # A file's extension (`errors.xlsx`) says its format, not what it is.
    nouns = "-".join(s.split(".")[0] for s in segments if not s.startswith("{"))
    if method == "post" and segments[-1] in ACTION_SEGMENTS:
        return nouns
    if method == "get":
        success = operation["responses"].get("200", {}).get("content", {}).get("application/json", {})
        schema = success.get("schema", {})
        if "$ref" in schema:
            schema = {"properties": {"next_cursor": {}}} if schema["$ref"].endswith("Page") else {}
        many = schema.get("type") == "array" or "next_cursor" in schema.get("properties", {})
        verb = "get" if segments[-1].startswith("{") or not many else "list"
    else:
        verb = {"post": "create", "put": "put", "patch": "update", "delete": "delete"}[method]
    return f"{nouns}-{verb}"


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
    if schema.get("examples"):
        # A reference's own examples (`kind: ward`) win over the referenced schema's first value.
        return copy.deepcopy(schema["examples"][0])
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
        # Recursive shapes (a tree's children) end at an empty list below; an object this deep is
        # only reached through one that refers to itself.
        if depth > 8:
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


SAMPLE_UUID = _SAMPLE_BY_FORMAT["uuid"]


def _instance(path: str, operation: dict[str, Any]) -> str:
    """The operation's path with its parameters filled in, as a problem's `instance` names it."""
    for param in operation.get("parameters", []):
        if param["in"] == "path":
            schema = param.get("schema", {})
            value = (param.get("examples") or schema.get("examples") or [None])[0]
            if value is None:
                value = SAMPLE_UUID if schema.get("format") == "uuid" else "example"
            path = path.replace("{" + param["name"] + "}", str(value))
    return path


def _problem(
    spec: dict[str, Any], path: str, operation: dict[str, Any], status: int, codes: list[str]
) -> dict[str, Any]:
    """The problem+json content of one response: `Problem` with this status's codes as an enum,
    the extension members those codes carry, and an example of the first code."""
    declared = problem_types()
    extensions = {
        name: schema for c in codes if c in declared for name, schema in declared[c].extensions.items()
    }
    code = codes[0]
    first = declared.get(code)
    title = first.title if first is not None else ERROR_OF_STATUS[status].title
    example: dict[str, Any] = {
        "type": problem_type(code),
        "title": title,
        "status": status,
        "detail": DESCRIPTIONS.get(status, title),
        "code": code,
        "instance": _instance(path, operation),
        "request_id": "b1946ac92492d2347c6235b4d2611184",
    }
    for name, schema in (first.extensions if first is not None else {}).items():
        example[name] = example_for(spec, schema)
    return {
        "schema": {
            "allOf": [
                {"$ref": "#/components/schemas/Problem"},
                {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string", "enum": codes, "description": "See docs/errors.md."},
                        **extensions,
                    },
                },
            ]
        },
        "example": example,
    }


# Response headers, declared once and referenced wherever the server sends them.
HEADERS: dict[str, dict[str, Any]] = {
    "ETag": {
        "description": "The representation's tag: send it back in `If-Match` to change the resource only "
        "if nobody changed it since.",
        "schema": {"type": "string", "examples": ['"v3"']},
    },
    "Location": {
        "description": "Where the created resource lives (on a 202, the job doing the work).",
        "schema": {"type": "string", "format": "uri-reference"},
    },
    REPLAY_HEADER: {
        "description": "`true` when this is the stored answer to an earlier request with the same "
        "`Idempotency-Key` (nothing was written again); absent otherwise.",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "Content-Disposition": {
        "description": "Sent with a file only (`format=csv|xlsx|ndjson` or `Accept`): "
        '`attachment; filename="<list>-<yyyymmdd>.<format>"`.',
        "schema": {"type": "string", "examples": ['attachment; filename="petitions-20261126.csv"']},
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 1},
    },
}


def _header(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/headers/{name}"}


def _response_headers(operation: dict[str, Any], route: APIRoute | None) -> None:
    """ETag where the answer's type carries one, Location on 201 and 202, the replay marker on answers to
    an `Idempotency-Key`, Retry-After on 429 and 503."""
    idempotent = any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
    etag = route is not None and getattr(route.response_model, "has_etag", False)
    for status, response in operation["responses"].items():
        headers = response.setdefault("headers", {})
        if status in ("200", "201") and etag:
            headers["ETag"] = _header("ETag")
        if status in ("201", "202"):
            headers["Location"] = _header("Location")
        if status.startswith("2") and idempotent:
            headers[REPLAY_HEADER] = _header(REPLAY_HEADER)
        if status in ("429", "503"):
            headers["Retry-After"] = _header("Retry-After")
        if not headers:
            del response["headers"]


def _export_content(operation: dict[str, Any]) -> None:
    """A list that answers files too (`@exportable`, api/core/exports.py): its 200's other media
    types, each the whole list the filters select."""
    ok = operation["responses"]["200"]
    ok["description"] = (
        f"{ok.get('description', 'Successful Response')}. With `format=csv|xlsx|ndjson` (or `Accept`), "
        "every matching item as a file to download instead of a page."
    )
    content = ok.setdefault("content", {})
    content[MEDIA_TYPES[ExportFormat.CSV]] = {
        "schema": {
            "type": "string",
            "description": "UTF-8 with a BOM; a header row of the items' field names (`unit.name` for a "
            "nested one), lists joined with `; `; text starting with `=`, `+`, `-` or `@` is prefixed "
            "with `'`.",
        },
        "example": "\ufeffid,name\r\n0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11,Xã Hòa An\r\n",
    }
    content[XLSX_MEDIA_TYPE] = {
        "schema": {
            "type": "string",
            "format": "binary",
            "description": "One sheet: Vietnamese headers, typed cells (dates dd/mm/yyyy, times in "
            "Vietnam's), frozen header row and auto-filter.",
        }
    }
    content[MEDIA_TYPES[ExportFormat.NDJSON]] = {
        "schema": {"type": "string", "description": "One item per line, as in the JSON page's `items`."},
        "example": '{"id":"0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11","name":"Xã Hòa An"}\n',
    }
    ok.setdefault("headers", {})["Content-Disposition"] = _header("Content-Disposition")


def _finish_operation(
    spec: dict[str, Any], path: str, operation: dict[str, Any], route: APIRoute | None
) -> None:
    responses = operation.setdefault("responses", {})
    for status, codes in problem_codes(route, operation).items():
        response = responses.setdefault(str(status), {"description": DESCRIPTIONS[status]})
        response.pop(CODES_KEY, None)
        response["content"] = {PROBLEM_CONTENT_TYPE: _problem(spec, path, operation, status, codes)}
    for status, response in list(responses.items()):
        if int(status) >= 400 and "content" not in response:
            raise ValueError(f"{operation['operationId']}: {status} is declared without a code")
    operation["responses"] = dict(sorted(responses.items()))
    for status, response in operation["responses"].items():
        if int(status) < 400:
            for media in response.get("content", {}).values():
                if "schema" in media and "example" not in media and media["schema"].get("type") != "string":
                    media["example"] = example_for(spec, media["schema"])
    body = operation.get("requestBody", {}).get("content", {})
    for media in body.values():
        if "schema" in media and "example" not in media:
            media["example"] = example_for(spec, media["schema"])
    _response_headers(operation, route)
    if route is not None and getattr(route.endpoint, EXPORTABLE, False):
        _export_content(operation)


def _rename_generic_components(spec: dict[str, Any]) -> None:
    """pydantic keys a parametrized model by its mangled origin (`Page_UnitRead_`); the contract
    names it by its title (`UnitReadPage`, from `Page.model_parametrized_name`)."""
    schemas = spec["components"]["schemas"]
    renames = {
        key: schema["title"]
        for key, schema in schemas.items()
        if key.endswith("_")
        and schema.get("title", key).isidentifier()
        and schema.get("title") not in schemas
    }
    if not renames:
        return
    spec["components"]["schemas"] = {renames.get(k, k): v for k, v in schemas.items()}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.rsplit("/", 1)[-1] in renames:
                node["$ref"] = "#/components/schemas/" + renames[ref.rsplit("/", 1)[-1]]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)


def _item_pointer(spec: dict[str, Any], operation: dict[str, Any]) -> tuple[str, str, dict[str, Any]] | None:
    """Where a create's or a list's answer holds a resource: (status, JSON pointer, its schema)."""
    for status in ("201", "200"):
        media = operation["responses"].get(status, {}).get("content", {}).get("application/json")
        if media is None:
            continue
        schema = _resolve(spec, media["schema"])
        if status == "201":
            return status, "", schema
        if schema.get("type") == "array":
            return status, "/0", _resolve(spec, schema["items"])
        if "next_cursor" in schema.get("properties", {}):
            return status, "/items/0", _resolve(spec, schema["properties"]["items"]["items"])
    return None


def add_links(spec: dict[str, Any]) -> None:
    """OpenAPI links from every create (201) and list to each operation that takes the id it
    returns (`POST /petitions` → `GET /petitions/{petition_id}` with `petition_id:
    $response.body#/id`), so a stateful client or fuzzer can chain calls, and a reader see them."""
    operations = [(p, m, op) for p, item in spec["paths"].items() for m, op in item.items()]
    for path, method, operation in operations:
        if path.endswith("}") or (method, operation["operationId"].rsplit("-", 1)[-1]) not in (
            ("post", "create"),
            ("get", "list"),
        ):
            continue
        found = _item_pointer(spec, operation)
        if found is None:
            continue
        status, pointer, item = found
        links: dict[str, Any] = {}
        for target_path, target_method, target in operations:
            if not target_path.startswith(path + "/{"):
                continue
            param = target_path[len(path) + 2 :].split("}", 1)[0]
            key = "id" if "id" in item.get("properties", {}) else param
            if key not in item.get("properties", {}):
                continue
            parameters = {param: f"$response.body#{pointer}/{key}"}
            for name in re.findall(r"\{([^}]+)\}", path):
                parameters[name] = f"$request.path.{name}"
            links[target["operationId"]] = {
                "operationId": target["operationId"],
                "parameters": parameters,
                "description": f"{target_method.upper()} {target_path} with the `{key}` of the "
                + ("created resource." if status == "201" else "first item listed."),
            }
        if links:
            operation["responses"][status]["links"] = links


def api_routes(app: FastAPI) -> list[APIRoute]:
    """Every API route of the app, through the routers it includes."""
    return [
        context.original_route
        for context in routing.iter_route_contexts(list(expanded(app.routes)))
        if isinstance(context.original_route, APIRoute)
    ]


def build_openapi(app: FastAPI, tags: list[tuple[str, str]]) -> dict[str, Any]:
    """The contract; `tags` are the domains' (name, description), in their order."""
    spec = get_openapi(
        title=app.title,
        version=app.version,
        description=DESCRIPTION,
        routes=list(expanded(app.routes)),
        tags=[{"name": name, "description": text} for name, text in tags] + [OPERATIONS_TAG],
        servers=[{"url": "http://127.0.0.1:8000", "description": "Local development (`make run`)"}],
        contact={"name": "QCDC maintainers", "url": "https://github.com/qcdc"},
        license_info={"name": "Proprietary", "identifier": "LicenseRef-QCDC"},
    )
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    _rename_generic_components(spec)
    spec["components"]["headers"] = copy.deepcopy(HEADERS)
    routes = {r.operation_id: r for r in api_routes(app)}
    for path, path_item in spec.get("paths", {}).items():
        for operation in path_item.values():
            _finish_operation(spec, path, operation, routes.get(operation.get("operationId")))
    add_links(spec)
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
