"""Exception handlers: every error leaves the service as problem+json, never as a stack trace."""

import re
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.core.errors import (
    ERROR_OF_STATUS,
    PROBLEM_CONTENT_TYPE,
    AppError,
    Conflict,
    FieldError,
    MalformedJson,
    NotFound,
    ValidationFailed,
    database_unavailable,
    problem_body,
)

log = structlog.get_logger(__name__)


def request_id_of(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def problem_response(
    request: Request,
    *,
    status: int,
    title: str,
    detail: str,
    code: str,
    errors: list[FieldError] | None = None,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = problem_body(
        status=status,
        title=title,
        detail=detail,
        code=code,
        instance=request.url.path,
        errors=errors,
        request_id=request_id_of(request),
        extra=extra,
    )
    headers = dict(headers or {})
    if body.get("request_id"):
        # Responses built outside the request-id middleware (a 500) still carry the id.
        headers.setdefault("X-Request-ID", body["request_id"])
    return JSONResponse(body, status_code=status, media_type=PROBLEM_CONTENT_TYPE, headers=headers)


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    # A 503 is a retryable condition already logged once, as a warning, where it arose (a lost
    # connection, a database restarting, a pool exhausted): an outage must not log each request twice.
    if exc.status >= 500 and exc.status != 503:
        log.error("app_error", code=exc.code, detail=exc.detail)
    return _render(request, exc)


def _render(request: Request, exc: AppError) -> JSONResponse:
    return problem_response(
        request,
        status=exc.status,
        title=exc.title,
        detail=exc.detail,
        code=exc.code,
        errors=exc.errors,
        extra=exc.extra,
        headers=exc.headers,
    )


_LOCATIONS = {"body", "query", "path", "header", "cookie"}


def _field_errors(exc: RequestValidationError) -> list[FieldError]:
    out = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        location = loc[0] if loc and loc[0] in _LOCATIONS else "body"
        path = loc[1:] if loc and loc[0] == location else loc
        out.append(
            FieldError(
                field=".".join(path),
                code=str(err.get("type", "invalid")),
                message=str(err.get("msg", "")),
                location=location,
            )
        )
    return out


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    if any(e.code == "json_invalid" for e in errors):
        return _render(
            request,
            MalformedJson(
                "The request body is not valid JSON.", errors=[e for e in errors if e.code == "json_invalid"]
            ),
        )
    detail = f"{len(errors)} field(s) are not valid: " + ", ".join(
        sorted({e.field or e.location for e in errors})
    )
    return _render(request, ValidationFailed(detail, errors=errors))


def _allowed_methods(request: Request) -> str | None:
    """Every method the contract declares for this path.

    Starlette's 405 names only the methods of the first route that matched the path, but each
    method is a route of its own here."""
    matchers = getattr(request.app.state, "allowed_methods", None)
    if matchers is None:
        matchers = [
            (re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", path) + "$"), ", ".join(m.upper() for m in item))
            for path, item in request.app.openapi()["paths"].items()
        ]
        request.app.state.allowed_methods = matchers
    return next((methods for pattern, methods in matchers if pattern.match(request.url.path)), None)


async def _no_api_route(request: Request) -> Response:
    """What no API route took: 405 (with Allow) for a method the contract does not declare on the
    path, else 404 (an unknown path, or an id parameter that is not an id, like `/units/abc`)."""
    allowed = _allowed_methods(request)
    if allowed is None:
        raise NotFound(f"No API route at {request.url.path}.")
    if request.method in allowed.split(", "):
        raise NotFound(f"No resource at {request.url.path}.")
    raise StarletteHTTPException(405, headers={"Allow": allowed})


def install_api_fallback(app: FastAPI, prefix: str) -> None:
    """Answer every request under the API prefix that no route matched, whatever its method, so
    the API answers alike with or without the SPA's catch-all behind it (which takes only GET)."""
    methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    app.add_route(prefix + "/{rest:path}", _no_api_route, methods=methods, include_in_schema=False)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    known = ERROR_OF_STATUS.get(exc.status_code)
    code, title = (known.default_code, known.title) if known is not None else ("http_error", "HTTP error")
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else title
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"No resource at {request.url.path}."
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request) or headers.get("Allow", "")
        detail = f"{request.method} is not allowed here; allowed: {headers['Allow']}."
    return problem_response(
        request, status=exc.status_code, title=title, detail=detail, code=code, headers=headers
    )


async def _integrity_error(request: Request, exc: Exception) -> JSONResponse:
    # The services check uniqueness first; reaching here means a concurrent write won the race.
    log.warning("integrity_error", error=str(getattr(exc, "orig", exc))[:500])
    return _render(
        request,
        Conflict(
            "The change conflicts with data written at the same time (a duplicate or a missing reference). "
            "Read the current state and retry.",
            code="constraint_violation",
        ),
    )


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    if not exc.connection_invalidated:
        return await _unhandled(request, exc)
    # The pool has discarded the dead connection; the next attempt gets a fresh one.
    log.warning("database_connection_lost", error=str(exc.orig)[:300])
    return await _app_error(
        request, database_unavailable("The connection to the database was lost; retry the request.")
    )


async def _pool_timeout(request: Request, exc: Exception) -> JSONResponse:
    # Every pooled connection stayed busy for the pool's whole timeout (an overload, or a database
    # slow to answer or to accept connections): nothing was written, and a retry may find one free.
    log.warning("database_pool_exhausted", error=str(exc)[:300])
    return await _app_error(
        request, database_unavailable("No database connection came free in time; retry the request.")
    )


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    # Logged with its traceback for operators; the client gets only the request id to quote.
    log.exception("unhandled_error", exc_type=type(exc).__name__)
    return _render(request, AppError("An unexpected error occurred. Quote the request id when reporting it."))


def install_exception_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(PoolTimeout, _pool_timeout)
    app.add_exception_handler(Exception, _unhandled)
