"""Optimistic concurrency: `ETag` on reads, `If-Match` on writes.

Versioned rows carry an integer `version` that SQLAlchemy bumps on every UPDATE and checks in its
WHERE clause, so two writers racing past the If-Match check still cannot both win. Small
reference rows without a version (a petition category) take a tag from their content.

Every PUT, PATCH and DELETE accepts `If-Match` (the route class refuses to build one that does
not), and every response schema marked `has_etag` is answered with an `ETag`.
"""

import hashlib
import json
from typing import Annotated, Any

from fastapi import Header, Response

from api.core.errors import FieldError, PreconditionFailed


def etag_of(version: int) -> str:
    return f'"v{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_of(version)


def content_etag(content: Any) -> str:
    """A strong tag for a representation without a version: a digest of its JSON."""
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
    return f'"c{digest[:24]}"'


def check_tag(if_match: str | None, current: str | None) -> None:
    """Refuse the write with 412 when the client's copy is stale (`current` is None when there is
    no resource yet: then any `If-Match` fails, as RFC 9110 says); no header means no check."""
    if if_match is None:
        return
    tags = [t.strip().removeprefix("W/") for t in if_match.split(",")]
    if current is not None and ("*" in tags or current in tags):
        return
    detail = (
        f"The resource has changed since you read it (current ETag {current}); read it again and retry."
        if current
        else "The resource does not exist, so no ETag can match."
    )
    raise PreconditionFailed(
        detail,
        errors=[FieldError(field="If-Match", code="stale_etag", message="stale ETag", location="header")],
        extra={"current_etag": current},
    )


def check_if_match(if_match: str | None, version: int) -> None:
    """Refuse the write with 412 when the client's copy of a versioned row is stale."""
    check_tag(if_match, etag_of(version))


IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="The `ETag` from your last read; the write is refused with 412 if the resource changed since.",
        examples=['"v3"'],
    ),
]
