"""One error hierarchy, rendered everywhere as RFC 9457 `application/problem+json`.

Services raise these; they never know about HTTP beyond the status each type stands for. Every
problem carries a stable machine `code` (documented in `docs/errors.md`) and, where fields were
at fault, `errors` with a JSON pointer to each offending field.

A problem whose code carries members of its own (RFC 9457 §3.2: `required_permission`,
`current_etag`, ...) has a type that declares them in `extensions`, as JSON schemas, where it is
raised (a domain's in its own module); `problem_types()` collects every type the app imports, and
the contract names each code's title and members from them.
"""

from collections import deque
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, ClassVar

PROBLEM_CONTENT_TYPE = "application/problem+json"


@dataclass(frozen=True)
class FieldError:
    """One offending field: where it was (`body`, `query`, `path`, `header`), its dotted name,
    and for body fields an RFC 6901 JSON pointer as RFC 9457 suggests."""

    field: str
    code: str
    message: str
    location: str = "body"

    def as_dict(self) -> dict[str, str]:
        item = {"in": self.location, "field": self.field, "code": self.code, "message": self.message}
        if self.location == "body":
            item["pointer"] = "#/" + self.field.replace(".", "/") if self.field else "#"
        return item


@dataclass
class AppError(Exception):
    detail: str
    code: str = ""
    errors: list[FieldError] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    status: ClassVar[int] = 500
    default_code: ClassVar[str] = "internal_error"
    title: ClassVar[str] = "Internal server error"
    # The members this type adds to its problem (given in `extra` when raised), as JSON schemas.
    extensions: ClassVar[dict[str, dict[str, Any]]] = {}

    def __post_init__(self) -> None:
        self.code = self.code or self.default_code
        super().__init__(self.detail)


class BadRequest(AppError):
    status = 400
    default_code = "bad_request"
    title = "Bad request"


class MalformedJson(BadRequest):
    default_code = "malformed_json"
    title = "Malformed JSON"


class Unauthorized(AppError):
    status = 401
    default_code = "unauthorized"
    title = "Authentication required"


class Forbidden(AppError):
    status = 403
    default_code = "forbidden"
    title = "Forbidden"


class PermissionDenied(Forbidden):
    default_code = "permission_denied"
    extensions = {
        "required_permission": {
            "allOf": [{"$ref": "#/components/schemas/Permission"}],
            "description": "The permission the principal lacks.",
            "examples": ["units:write"],
        }
    }

    @classmethod
    def lacking(cls, permission: str, detail: str | None = None) -> "PermissionDenied":
        return cls(
            detail or f"This needs the permission '{permission}'.", extra={"required_permission": permission}
        )


class NotFound(AppError):
    status = 404
    default_code = "not_found"
    title = "Not found"


class MethodNotAllowed(AppError):
    status = 405
    default_code = "method_not_allowed"
    title = "Method not allowed"


class NotAcceptable(AppError):
    status = 406
    default_code = "not_acceptable"
    title = "Not acceptable"


class Conflict(AppError):
    status = 409
    default_code = "conflict"
    title = "Conflict"


class InvalidTransition(Conflict):
    default_code = "invalid_transition"
    title = "Action not allowed in the current state"


class PreconditionFailed(AppError):
    status = 412
    default_code = "precondition_failed"
    title = "The resource has changed"
    extensions = {
        "current_etag": {
            "type": ["string", "null"],
            "description": "The resource's ETag now; null when it does not exist.",
            "examples": ['"v4"'],
        }
    }


class PayloadTooLarge(AppError):
    status = 413
    default_code = "payload_too_large"
    title = "Request body too large"
    extensions = {
        "max_bytes": {
            "type": "integer",
            "description": "The largest file accepted, in bytes (uploads only).",
            "examples": [20971520],
        }
    }


class UnsupportedMediaType(AppError):
    status = 415
    default_code = "unsupported_media_type"
    title = "Unsupported media type"


class ValidationFailed(AppError):
    status = 422
    default_code = "validation_failed"
    title = "The request is not valid"


class TooManyRequests(AppError):
    status = 429
    default_code = "too_many_requests"
    title = "Too many requests"


class RateLimited(TooManyRequests):
    default_code = "rate_limited"
    extensions = {
        "retry_after": {
            "type": "integer",
            "description": "Seconds to wait (as `Retry-After`).",
            "examples": [60],
        }
    }


class ServiceUnavailable(AppError):
    status = 503
    default_code = "service_unavailable"
    title = "Service unavailable"


def database_unavailable(detail: str) -> ServiceUnavailable:
    """The database cannot serve this request now (restarting, unreachable, out of connections):
    nothing was written, and the same request may simply be sent again. (Except when the
    connection was lost during COMMIT itself: see `commit_outcome_unknown`.)"""
    return ServiceUnavailable(detail, code="database_unavailable", headers={"Retry-After": "1"})


def commit_outcome_unknown() -> ServiceUnavailable:
    """The connection was lost while COMMIT was under way: the server may have made the change
    durable just before, or not, and nobody can ask it on that connection. Still the retryable
    `database_unavailable` (the change is either whole or absent, never half-made): the request's
    Idempotency-Key record commits with the change, so a retry with the same key replays the first
    answer if the change was kept, and makes it if it was not."""
    return database_unavailable(
        "The connection to the database was lost while the change was being committed: it may or may "
        "not have been kept. Send the request again with the same Idempotency-Key (you get the first "
        "answer if it was kept); without a key, check whether it was kept before sending it again."
    )


# The type of each status: what a problem whose code has no type of its own is titled (a
# `Forbidden(code="nationwide_only")`, an HTTP error of the framework's).
ERROR_OF_STATUS: dict[int, type[AppError]] = {
    cls.status: cls
    for cls in (
        BadRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        MethodNotAllowed,
        NotAcceptable,
        Conflict,
        PreconditionFailed,
        PayloadTooLarge,
        UnsupportedMediaType,
        ValidationFailed,
        TooManyRequests,
        AppError,
        ServiceUnavailable,
    )
}


@dataclass(frozen=True)
class ProblemType:
    """What the contract says of a problem code: its title and the members it adds."""

    title: str
    extensions: dict[str, dict[str, Any]]


def problem_types() -> dict[str, ProblemType]:
    """Every code an imported error type declares, base types first: a subtype that keeps its
    base's code adds its own members to the base's (a domain's workflow refusal to
    `InvalidTransition`)."""
    found: dict[str, ProblemType] = {}
    queue: deque[type[AppError]] = deque([AppError])
    while queue:
        cls = queue.popleft()
        queue.extend(cls.__subclasses__())
        known = found.get(cls.default_code)
        own = cls.__dict__.get("extensions", {})
        found[cls.default_code] = (
            ProblemType(cls.title, dict(own))
            if known is None
            else ProblemType(known.title, {**known.extensions, **own})
        )
    return found


def invalid_field(field: str, code: str, message: str, location: str = "body") -> ValidationFailed:
    """A 422 about one field, the field's error carrying the same code and message."""
    return ValidationFailed(
        message, code=code, errors=[FieldError(field=field, code=code, message=message, location=location)]
    )


async def referenced(lookup: Awaitable[object], field: str, code: str, message: str) -> None:
    """A body's reference to a record (not the path's): one that names nothing the reader may see is a
    422 on its field, never the 404 a path's record would be."""
    try:
        await lookup
    except NotFound:
        raise invalid_field(field, code, message) from None


def problem_type(code: str) -> str:
    # A URN rather than a URL: stable, and never mistaken for a page that must resolve.
    return f"urn:qcdc:problem:{code}"


def problem_body(
    *,
    status: int,
    title: str,
    detail: str,
    code: str,
    instance: str | None = None,
    errors: list[FieldError] | None = None,
    request_id: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(code),
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    if request_id:
        body["request_id"] = request_id
    if errors:
        body["errors"] = [e.as_dict() for e in errors]
    if extra:
        body.update(extra)
    return body
