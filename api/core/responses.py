"""The problem responses of each operation, with every `code` the server can return there.

A route declares the codes of its own domain with `responses=problems(...)`; the codes every route
of its shape can return (a bad credential, a missing permission, a malformed body, an invalid
cursor, a lost database, ...) are added by `problem_codes`, from what the route is: its access
declaration, parameters, body, method and dependencies. `api.core.openapi` turns the result into
one problem schema per operation and status whose `code` is an enum and which names the extension
members those codes carry (declared by their error types, `api.core.errors.problem_types`); the
test suite checks every answer against it.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from api.core.exports import EXPORTABLE
from api.core.throttle import RateLimit
from api.core.unit_of_work import AUTHORIZES, UnitOfWorkRoute

# Where the codes of a `problems(...)` entry travel to the contract; removed from the document.
CODES_KEY = "x-problem-codes"

DESCRIPTIONS = {
    400: "The request cannot be read (malformed JSON or form, an invalid or altered cursor).",
    401: "No credential, or one that is not valid.",
    403: "Not allowed for this principal.",
    404: "No such resource (or not visible to this principal).",
    409: "Conflicts with the current state.",
    412: "The `If-Match` ETag is stale: read the resource again (`current_etag`).",
    413: "Request body too large.",
    415: "The content's type is not accepted.",
    422: "Invalid input: `errors` lists each offending field.",
    429: "Too many requests: wait for `Retry-After` seconds.",
    500: "Unexpected error: quote `request_id` when reporting it.",
    503: "The database is unavailable: retry after `Retry-After` seconds.",
}

_CREDENTIAL = ["unauthorized", "invalid_token", "invalid_api_key", "account_disabled"]
# The 403 codes of a write only a principal of the whole country may make (reference data, the top
# of the unit registry; `require_nationwide`), besides the missing permission every route can answer.
NATIONWIDE_ONLY = ["permission_denied", "nationwide_only"]


def problems(
    *statuses: int, codes: Mapping[int, Sequence[str]] | None = None
) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for these statuses, with the domain codes each can carry; the
    generic codes of the route's shape are added by `problem_codes`."""
    return {
        status: {"description": DESCRIPTIONS[status], CODES_KEY: list((codes or {}).get(status, []))}
        for status in statuses
    }


def _dependants(dependant: Dependant) -> list[Dependant]:
    return [dependant, *(d for sub in dependant.dependencies for d in _dependants(sub))]


def _access(route: APIRoute) -> str | None:
    """`public`, `authenticated` or the permission the route requires (None: not declared)."""
    return next(
        (
            str(getattr(d.call, AUTHORIZES))
            for d in _dependants(route.dependant)
            if hasattr(d.call, AUTHORIZES)
        ),
        None,
    )


def problem_codes(route: APIRoute | None, operation: dict[str, Any]) -> dict[int, list[str]]:
    """Every problem code the operation can answer, by status: its declared ones, then the ones
    of every route of its shape."""
    codes: dict[int, list[str]] = defaultdict(list)
    for status, response in operation.get("responses", {}).items():
        codes[int(status)].extend(response.get(CODES_KEY, []))

    def add(status: int, *more: str) -> None:
        codes[status].extend(c for c in more if c not in codes[status])

    parameters = {p["name"]: p for p in operation.get("parameters", [])}
    body = operation.get("requestBody", {}).get("content", {})
    method = next(iter(route.methods or {"GET"})) if route is not None else "GET"
    access = _access(route) if route is not None else "public"
    if access not in (None, "public"):
        add(401, *_CREDENTIAL)
        if access != "authenticated":
            add(403, "permission_denied")
    if body:
        add(400, "malformed_json" if "application/json" in body else "bad_request", "bad_request")
        add(413, "payload_too_large")
    if "cursor" in parameters:
        add(400, "invalid_cursor")
    if any(p["in"] == "path" for p in parameters.values()):
        # A path whose id is not a UUID matches no route.
        add(404, "not_found")
    if "If-Match" in parameters:
        add(412, "precondition_failed")
    if parameters or body:
        add(422, "validation_failed")
    if "sort" in parameters:
        add(422, "invalid_sort")
    if route is not None and getattr(route.endpoint, EXPORTABLE, False):
        add(422, "export_too_large")
    if "Idempotency-Key" in parameters:
        add(422, "idempotency_key_reused")
    if method not in ("GET", "HEAD") and isinstance(route, UnitOfWorkRoute):
        # A concurrent write won a uniqueness or reference race (api.core.problems).
        add(409, "constraint_violation")
    if route is not None and any(isinstance(d.call, RateLimit) for d in _dependants(route.dependant)):
        add(429, "rate_limited")
    add(500, "internal_error")
    if isinstance(route, UnitOfWorkRoute):
        add(503, "database_unavailable")
    return {status: found for status, found in sorted(codes.items()) if found}
