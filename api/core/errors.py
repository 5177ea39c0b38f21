"""One error hierarchy, rendered everywhere as RFC 9457 `application/problem+json`.

Services raise these; they never know about HTTP beyond the status each type stands for. Every
problem carries a stable machine `code` (documented in `docs/errors.md`) and, where fields were
at fault, `errors` with a JSON pointer to each offending field.
"""

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

    def __post_init__(self) -> None:
        self.code = self.code or self.default_code
        super().__init__(self.detail)


class BadRequest(AppError):
    status = 400
    default_code = "bad_request"
    title = "Bad request"


class Unauthorized(AppError):
    status = 401
    default_code = "unauthorized"
    title = "Authentication required"


class Forbidden(AppError):
    status = 403
    default_code = "forbidden"
    title = "Forbidden"


class NotFound(AppError):
    status = 404
    default_code = "not_found"
    title = "Not found"


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


class PayloadTooLarge(AppError):
    status = 413
    default_code = "payload_too_large"
    title = "Request body too large"


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


class ServiceUnavailable(AppError):
    status = 503
    default_code = "service_unavailable"
    title = "Service unavailable"


def database_unavailable(detail: str) -> ServiceUnavailable:
    """The database cannot serve this request now (restarting, unreachable, out of connections):
    nothing was written, and the same request may simply be sent again."""
    return ServiceUnavailable(detail, code="database_unavailable", headers={"Retry-After": "1"})


def invalid_field(field: str, code: str, message: str, location: str = "body") -> ValidationFailed:
    """A 422 about one field, the field's error carrying the same code and message."""
    return ValidationFailed(
        message, code=code, errors=[FieldError(field=field, code=code, message=message, location=location)]
    )


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
