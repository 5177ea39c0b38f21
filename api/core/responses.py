"""Documented error responses for `responses=` on routes: problem+json with the codes each can carry."""

from typing import Any

from api.core.errors import PROBLEM_CONTENT_TYPE
from api.core.schemas import Problem

_DESCRIPTIONS = {
    400: "Malformed request (bad JSON, invalid or tampered cursor).",
    401: "Authentication required.",
    403: "Not allowed for this principal.",
    404: "No such resource (or not visible to this principal).",
    409: "Conflicts with the current state (duplicate code, cycle, retired unit, ...).",
    412: "The `If-Match` ETag is stale: read the resource again.",
    413: "Request body too large.",
    415: "The content's type is not accepted.",
    422: "Invalid input: `errors` lists each offending field.",
    429: "Too many requests: wait for `Retry-After` seconds.",
    500: "Unexpected error: quote `request_id` when reporting it.",
    503: "A dependency (the database) is unavailable.",
}


def problems(*statuses: int, codes: dict[int, list[str]] | None = None) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for these statuses, each a problem+json `Problem`."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        description = _DESCRIPTIONS[status]
        if codes and status in codes:
            description += " Codes: " + ", ".join(f"`{c}`" for c in codes[status]) + "."
        out[status] = {"model": Problem, "description": description, "content": {PROBLEM_CONTENT_TYPE: {}}}
    return out
