"""One transaction per request, committed before the response leaves.

Every API route is a `UnitOfWorkRoute`: it opens the session the endpoint's dependencies use,
lets the endpoint run, stores the answer under the request's `Idempotency-Key` (if any), and
commits. Any exception rolls everything back, so a client never sees success for a write that
was not kept, nor a half-applied one. Services and repositories only flush.
"""

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from typing import Annotated, Any

import structlog
from fastapi import Depends, Request, Response, params
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.audit import Actor, set_actor
from api.core.db import Database
from api.core.errors import commit_outcome_unknown
from api.core.idempotency import IdempotencyKey, IdempotentReplay, remember
from api.core.schemas import Params, Schema
from api.core.shared_cache import SESSION_KEY as CACHE_SESSION_KEY

log = structlog.get_logger(__name__)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Set on the dependency that states who may call a route (see api/auth/principal.py).
AUTHORIZES = "__qcdc_authorizes__"


def _all(dependant: Dependant) -> list[Dependant]:
    return [dependant, *(d for sub in dependant.dependencies for d in _all(sub))]


def _refuse_lax_input(path: str, dependant: Dependant) -> None:
    """Input is read as strictly as the contract writes it (see api/core/schemas.py): query
    parameters and forms come in one `Params` model, JSON bodies are `Schema`s."""
    for d in _all(dependant):
        for field in d.query_params + d.body_params:
            annotation = field.field_info.annotation
            is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
            text = isinstance(field.field_info, params.Query | params.Form)
            expected = Params if text else Schema
            if not (is_model and issubclass(annotation, expected)):  # type: ignore[arg-type]
                raise TypeError(f"{path}: parameter {field.name} must be a {expected.__name__} model")


def _access_dependencies(endpoint: Callable[..., Any]) -> list[Any]:
    """The endpoint's Authorize(...) / Public() parameters, as the `Depends` they declare."""
    found = []
    for parameter in inspect.signature(endpoint).parameters.values():
        metadata = getattr(parameter.annotation, "__metadata__", ())
        for declared in (parameter.default, *metadata):
            if hasattr(getattr(declared, "dependency", None), AUTHORIZES):
                found.append(declared)
    return found


def _is_public(endpoint: Callable[..., Any]) -> bool:
    return any(getattr(d.dependency, AUTHORIZES) == "public" for d in _access_dependencies(endpoint))


def Public() -> Any:  # noqa: N802 - reads as a declaration
    """A route parameter saying the route needs no principal (sign-in itself)."""

    async def public() -> None:
        return None

    setattr(public, AUTHORIZES, "public")
    return Depends(public)


AUDITED_READ = "__qcdc_audited_read__"


def audited_read(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a GET whose every call is audited (a confidential read): it runs in a write
    transaction, so the answer leaves only once its audit event has been committed."""
    setattr(endpoint, AUDITED_READ, True)
    return endpoint


class UnitOfWorkRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        dependencies = list(kwargs.get("dependencies") or [])
        if (
            "POST" in (kwargs.get("methods") or ())
            and not _is_public(endpoint)
            and IdempotencyKey not in dependencies
        ):
            # Every POST honours Idempotency-Key, and the contract documents it, without each
            # endpoint having to remember. (A route rebuilt from another, api/core/routing.py,
            # already has it.)
            dependencies.insert(0, IdempotencyKey)
        kwargs["dependencies"] = dependencies
        # Set before APIRoute builds the handler, which reads it.
        methods = {m.upper() for m in kwargs.get("methods") or ()}
        self.writes = bool(methods - SAFE_METHODS) or getattr(endpoint, AUDITED_READ, False)
        super().__init__(path, endpoint, **kwargs)
        _refuse_lax_input(path, self.dependant)
        if methods & {"PUT", "PATCH", "DELETE"} and not any(
            f.alias == "If-Match" for d in _all(self.dependant) for f in d.header_params
        ):
            # A change to a resource someone else may have changed since it was read.
            raise TypeError(f"{path} ({endpoint.__name__}) must accept If-Match (api.core.etag.IfMatch)")

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        # Who may call is solved before anything else: a principal without the permission gets
        # its 403 before a resource dependency (`current(...)`) could answer 404 or touch the
        # data, and the dependencies after it read the principal it established (api/core/
        # access.py, `established_principal`) instead of solving authentication again.
        dependencies = self.dependant.dependencies
        dependencies.sort(key=lambda d: not hasattr(d.call, AUTHORIZES))
        if not (dependencies and hasattr(dependencies[0].call, AUTHORIZES)):
            raise TypeError(
                f"{self.path} ({self.endpoint.__name__}) must declare who may call it: a parameter "
                "Authorize(...), Authenticated() or Public()"
            )
        handler = super().get_route_handler()
        writes = self.writes

        async def unit_of_work(request: Request) -> Response:
            request.state.after_transaction = []
            try:
                return await _in_transaction(handler, request, writes)
            finally:
                await _run_deferred(request)

        return unit_of_work


async def _in_transaction(
    handler: Callable[[Request], Coroutine[Any, Any, Response]], request: Request, write: bool
) -> Response:
    database: Database = request.app.state.database
    async with database.session_factory(write=write)() as session:
        request.state.session = session
        # The worker's cache travels with the session to the repositories that read through it.
        session.info[CACHE_SESSION_KEY] = getattr(request.app.state, "cache", None)
        try:
            response = await handler(request)
        except IdempotentReplay as replay:
            await session.rollback()
            return replay.response
        except BaseException:
            await session.rollback()
            raise
        if write and response.status_code < 400:
            pending = getattr(request.state, "idempotency", None)
            if pending is not None:
                remember(pending, response)
            set_actor(session, request_actor(request))
            # Flushed apart from the commit, so that a connection lost while writing the change (the
            # transaction certainly rolled back: the plain retryable 503) is told apart from one
            # lost in commit(), whose outcome nobody knows when it was the COMMIT itself. (commit()
            # also inserts the audit events first, api/core/audit.py; a loss there is reported as
            # unknown too, which asks of the client nothing a certain failure would not.)
            await session.flush()
            try:
                await session.commit()
            except DBAPIError as exc:
                if not exc.connection_invalidated:
                    raise
                log.warning("database_connection_lost_in_commit", error=str(exc.orig)[:300])
                raise commit_outcome_unknown() from exc
        else:
            await session.rollback()
        return response


def request_actor(request: Request) -> Actor:
    """Who the request's audit events are attributed to: its principal, or an anonymous caller."""
    principal = getattr(request.state, "principal", None)
    request_id = getattr(request.state, "request_id", None)
    address = request.client.host if request.client else None
    if principal is None:
        return Actor("anonymous", request_id=request_id, client_address=address)
    return Actor(principal.kind, principal.id, principal.name, request_id, address)


# async: a plain `def` dependency would be sent through the thread pool on every request.
async def get_session(request: Request) -> AsyncSession:
    session: AsyncSession = request.state.session
    return session


Session = Annotated[AsyncSession, Depends(get_session)]


async def get_report_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The session a report operation reads its figures through: the replica's when
    QCDC_DATABASE_REPLICA_URL names one (api/core/db.py), else the request's own. Who may call,
    and the principal itself, are still read on the primary, through the request's session."""
    database: Database = request.app.state.database
    if database.replica is None:
        yield request.state.session
        return
    async with database.report_session() as session:
        yield session


ReportSession = Annotated[AsyncSession, Depends(get_report_session)]

Deferred = Callable[[], Awaitable[None]]


async def _run_deferred(request: Request) -> None:
    for work in request.state.after_transaction:
        try:
            await work()
        except Exception:
            log.exception("deferred_write_failed")


async def get_after_transaction(request: Request) -> Callable[[Deferred], None]:
    """Writes that must outlive the request's own transaction (rate-limit counters, revocations):
    they run once it has committed or rolled back, each in a transaction of its own. (Run inside it
    they would be rolled back with a refused request; run beside it, on SQLite, they would wait for
    the write lock the request itself holds.)"""
    deferred: list[Deferred] = request.state.after_transaction
    return deferred.append


AfterTransaction = Annotated[Callable[[Deferred], None], Depends(get_after_transaction)]
