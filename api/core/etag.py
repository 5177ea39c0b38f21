"""Optimistic concurrency: `ETag` on reads, `If-Match` on writes.

Versioned rows carry an integer `version` that SQLAlchemy bumps on every UPDATE and checks in its
WHERE clause, so two writers racing past the If-Match check still cannot both win.
"""

from typing import Annotated

from fastapi import Header, Response

from api.core.errors import FieldError, PreconditionFailed


def etag_of(version: int) -> str:
    return f'"v{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_of(version)


def check_if_match(if_match: str | None, version: int) -> None:
    """Refuse the write with 412 when the client's copy is stale; no header means no check."""
    if if_match is None:
        return
    tags = [t.strip().removeprefix("W/") for t in if_match.split(",")]
    if "*" in tags or etag_of(version) in tags:
        return
    raise PreconditionFailed(
        f"The resource has changed since you read it (current ETag {etag_of(version)}); read it again and retry.",
        errors=[FieldError(field="If-Match", code="stale_etag", message="stale ETag", location="header")],
        extra={"current_etag": etag_of(version)},
    )


IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="The `ETag` from your last read; the write is refused with 412 if the resource changed since.",
        examples=['"v3"'],
    ),
]
