"""The committed contract is current and complete for integrators."""

import re
from typing import Any

import pytest
import yaml

from api.core.openapi import operation_id_for, to_yaml
from api.core.settings import PROJECT_ROOT
from api.main import create_app
from tests.conftest import Backend

CONTRACT = PROJECT_ROOT / "openapi.yaml"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app().openapi()


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items()]


def test_committed_contract_is_current(spec: dict[str, Any], backend: Backend) -> None:
    assert backend.name  # runs once per backend; the contract is the same for both
    assert CONTRACT.exists(), "run `make openapi`"
    assert CONTRACT.read_text() == to_yaml(spec), "openapi.yaml is stale: run `make openapi` and commit it"


def test_every_operation_is_documented(spec: dict[str, Any]) -> None:
    ids = set()
    for path, method, op in operations(spec):
        where = f"{method.upper()} {path}"
        assert op.get("operationId") and op["operationId"] not in ids, where
        ids.add(op["operationId"])
        assert op["operationId"] == operation_id_for(path, method, op), f"{where}: see the naming rule"
        if (path.startswith("/api/") and not path.startswith("/api/v1/auth/")) or path == "/api/v1/auth/me":
            assert op.get("security"), f"{where} declares no security requirement"
            assert "401" in op["responses"], where
        assert op.get("summary") and op.get("description"), where
        assert "500" in op["responses"], where
        for status, response in op["responses"].items():
            if int(status) >= 400:
                media = response["content"]["application/problem+json"]
                base, own = media["schema"]["allOf"]
                assert base == {"$ref": "#/components/schemas/Problem"}, where
                assert own["properties"]["code"]["enum"], where
                assert media["example"]["status"] == int(status), where
        for status, response in op["responses"].items():
            for media_type, media in response.get("content", {}).items():
                if int(status) < 400 and media_type == "application/json":
                    assert "example" in media, f"{where} {status}"
        for media in op.get("requestBody", {}).get("content", {}).values():
            assert "example" in media, where
        if method == "post" and path.startswith("/api/") and not path.startswith("/api/v1/auth/"):
            names = {p["name"] for p in op.get("parameters", [])}
            assert "Idempotency-Key" in names, where


def test_writes_declare_their_headers(spec: dict[str, Any]) -> None:
    """If-Match on every change, Idempotency-Key on every POST (but the credential exchanges, whose
    answers are secrets never stored), Location on every 201, the replay marker beside every
    Idempotency-Key, Retry-After on 429 and 503, ETag on every success whose schema has one."""
    etagged = {"UnitRead", "PetitionRead", "PetitionCreated", "UserRead", "ReceptionRead"}
    etagged |= {"DeadlineRuleRead", "CalendarDayRead", "CategoryRead"}
    for path, method, op in operations(spec):
        where = f"{method.upper()} {path}"
        names = {p["name"] for p in op.get("parameters", [])}
        if method in ("put", "patch", "delete"):
            assert "If-Match" in names, where
            assert "412" in op["responses"], where
        if method == "post" and path.startswith("/api/") and not path.startswith("/api/v1/auth/"):
            assert "Idempotency-Key" in names, where
        for status, response in op["responses"].items():
            headers = set(response.get("headers", {}))
            if status == "201":
                assert "Location" in headers, where
            if status.startswith("2") and "Idempotency-Key" in names:
                assert "Idempotent-Replayed" in headers, where
            if status in ("429", "503"):
                assert "Retry-After" in headers, where
            schema = response.get("content", {}).get("application/json", {}).get("schema", {})
            if status in ("200", "201") and schema.get("$ref", "").rsplit("/", 1)[-1] in etagged:
                assert "ETag" in headers, f"{where} {status}"


def test_tags_are_declared(spec: dict[str, Any]) -> None:
    declared = {t["name"] for t in spec["tags"]}
    used = {op["tags"][0] for _, _, op in operations(spec)}
    assert used <= declared


def test_schema_names_are_their_own(spec: dict[str, Any]) -> None:
    """Two models of one name make FastAPI name both by their module path
    (`api__committees__…__RecommendationRead`): generated clients break, so each name is unique."""
    qualified = [name for name in spec["components"]["schemas"] if "__" in name]
    assert not qualified, f"schemas named by module path (rename one of each pair): {qualified}"


def test_yaml_round_trips(spec: dict[str, Any]) -> None:
    assert yaml.safe_load(to_yaml(spec)) == spec


def test_every_problem_code_is_explained(spec: dict[str, Any]) -> None:
    """Each code any operation declares, with its status, is a row of docs/errors.md."""
    explained = set(
        re.findall(
            r"^\| `([a-z_]+)`[^|]*\| (\d{3}) \|", (PROJECT_ROOT / "docs" / "errors.md").read_text(), re.M
        )
    )
    for path, method, op in operations(spec):
        for status, response in op["responses"].items():
            if int(status) >= 400:
                schema = response["content"]["application/problem+json"]["schema"]["allOf"][1]
                for code in schema["properties"]["code"]["enum"]:
                    where = f"{method.upper()} {path}"
                    assert (code, status) in explained, (
                        f"{where}: {code} ({status}) is missing from docs/errors.md"
                    )


def test_generic_problems_are_declared_by_shape(spec: dict[str, Any]) -> None:
    """The codes every route of a shape can return are in its enums (api/core/responses.py)."""

    def codes(op: dict[str, Any], status: str) -> list[str]:
        media = op["responses"][status]["content"]["application/problem+json"]
        return list(media["schema"]["allOf"][1]["properties"]["code"]["enum"])

    for path, method, op in operations(spec):
        names = {p["name"] for p in op.get("parameters", [])}
        where = f"{method.upper()} {path}"
        assert "internal_error" in codes(op, "500"), where
        if path.startswith("/api/"):
            assert "database_unavailable" in codes(op, "503"), where
        if op.get("security"):
            assert {"unauthorized", "invalid_token", "invalid_api_key"} <= set(codes(op, "401")), where
        if "cursor" in names:
            assert "invalid_cursor" in codes(op, "400"), where
        if "sort" in names:
            assert "invalid_sort" in codes(op, "422"), where
        if "application/json" in op.get("requestBody", {}).get("content", {}):
            assert "malformed_json" in codes(op, "400") and "payload_too_large" in codes(op, "413"), where
        if "If-Match" in names:
            assert codes(op, "412") == ["precondition_failed"], where


def test_readme_documents_every_setting() -> None:
    from api.core.settings import Settings

    readme = (PROJECT_ROOT / "README.md").read_text()
    for name in Settings.model_fields:
        assert f"QCDC_{name.upper()}" in readme, name


def test_creates_and_lists_link_to_what_takes_their_id(spec: dict[str, Any]) -> None:
    """A stateful client can chain calls: every create (201) and list links to each operation
    below its path that takes the id it returns, and each link's expression names a field the
    answer has."""
    by_id = {op["operationId"]: (path, op) for path, _, op in operations(spec)}
    chained = 0
    for path, method, op in operations(spec):
        kind = op["operationId"].rsplit("-", 1)[-1]
        if path.endswith("}") or (method, kind) not in (("post", "create"), ("get", "list")):
            continue
        status = "201" if method == "post" else "200"
        response = op["responses"].get(status, {})
        if "application/json" not in response.get("content", {}):
            continue
        links = response.get("links", {})
        for target_path, target_method, target in operations(spec):
            if target_path.startswith(path + "/{") and target["operationId"] not in links:
                pytest.fail(f"{method.upper()} {path} does not link to {target_method.upper()} {target_path}")
        for name, link in links.items():
            target_path, _ = by_id[link["operationId"]]
            params = set(re.findall(r"\{([^}]+)\}", target_path))
            assert set(link["parameters"]) <= params, f"{op['operationId']} → {name}"
            chained += 1
    assert chained > 50
