"""The API's routes are found through their resource (api/core/routing.py): a request tries only
its own resource's routes, so the cost of routing does not grow as domains add routes."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Match

from api.core import security
from api.core.routing import ResourceRoutes, expanded
from api.core.security import InvalidToken, create_access_token, read_access_token
from api.main import API_PREFIX, create_app


async def _ok() -> dict[str, str]:
    return {"status": "ok"}


class CountingRoute(APIRoute):
    tried = 0

    def matches(self, scope: Any) -> Any:
        CountingRoute.tried += 1
        return super().matches(scope)


def _routes(resource: str, count: int) -> list[APIRoute]:
    return [
        CountingRoute(f"{API_PREFIX}/{resource}/r{i}/{{item_id:uuid}}", _ok, methods=["GET"])
        for i in range(count)
    ]


def _scope(method: str, path: str) -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path, "root_path": "", "headers": []}


def test_a_request_tries_only_its_resources_routes() -> None:
    index = ResourceRoutes(API_PREFIX, [*_routes("few", 2), *_routes("many", 200)])
    CountingRoute.tried = 0
    match, child = index.matches(_scope("GET", f"{API_PREFIX}/few/r1/{uuid.uuid4()}"))
    assert match is Match.FULL and child["route"].path.startswith(f"{API_PREFIX}/few/r1/")
    assert CountingRoute.tried == 2
    # The last of two hundred routes of one resource is found after that resource's routes only.
    CountingRoute.tried = 0
    last = index.routes[-1]
    match, child = index.matches(_scope("GET", last.path.replace("{item_id:uuid}", str(uuid.uuid4()))))
    assert match is Match.FULL and child["route"] is last and CountingRoute.tried == 200
    # An unknown resource, or a path outside the prefix, tries none.
    CountingRoute.tried = 0
    assert index.matches(_scope("GET", f"{API_PREFIX}/nothing/r1"))[0] is Match.NONE
    assert index.matches(_scope("GET", "/elsewhere/few/r1"))[0] is Match.NONE
    assert CountingRoute.tried == 0


def test_another_method_is_a_partial_match_left_to_the_fallback() -> None:
    index = ResourceRoutes(API_PREFIX, _routes("few", 2))
    match, _ = index.matches(_scope("DELETE", f"{API_PREFIX}/few/r0/{uuid.uuid4()}"))
    assert match is Match.PARTIAL


def test_a_route_must_start_with_its_resource() -> None:
    with pytest.raises(ValueError, match="resource"):
        ResourceRoutes(API_PREFIX, [APIRoute(f"{API_PREFIX}/{{unit_id}}", _ok)])
    with pytest.raises(ValueError, match="resource"):
        ResourceRoutes(API_PREFIX, [APIRoute("/outside", _ok)])


def test_the_app_holds_every_api_route_flat_in_one_index() -> None:
    app = create_app(spa_dist=None)
    indexes = [r for r in app.router.routes if isinstance(r, ResourceRoutes)]
    assert len(indexes) == 1
    api = [r for r in expanded(app.routes) if isinstance(r, APIRoute) and r.path.startswith(API_PREFIX)]
    assert api == indexes[0].routes
    # Each route appears once, with its full path and its tags from the routers that held it.
    assert len({(r.path, frozenset(r.methods or ())) for r in api}) == len(api)
    attachments = next(r for r in api if r.path.endswith("/attachments") and "GET" in (r.methods or ()))
    assert attachments.path == f"{API_PREFIX}/petitions/{{petition_id:uuid}}/attachments"
    assert attachments.tags == ["petitions"]


def test_an_access_token_is_checked_for_expiry_on_every_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Signatures are checked once per worker (a cache), expiry on every call."""
    secret = "s" * 48
    subject = uuid.uuid4()
    token, expires = create_access_token(secret, subject, timedelta(minutes=5))
    assert read_access_token(secret, token).subject == subject

    class Later(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> "Later":
            return cls.fromtimestamp(expires.timestamp() + 1, tz or UTC)

    with monkeypatch.context() as patched:
        patched.setattr(security, "datetime", Later)
        with pytest.raises(InvalidToken):
            read_access_token(secret, token)
    with pytest.raises(InvalidToken):
        read_access_token("another secret key of the same length for hmac...", token)
