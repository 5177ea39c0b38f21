"""Who may call a route: the principal behind a request and the permission each route requires.

Every API route declares `Authorize(Permission.X)`, `Authenticated()` or `Public()`; the route
class refuses to build one that declares none, so no endpoint can be born unprotected. How a
credential becomes a principal (JWT or API key) is the auth domain's business: it installs an
`Authenticator` on the app (`app.state.authenticator`), keeping this kernel free of domains.
"""

import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.errors import Forbidden, PermissionDenied, Unauthorized
from api.core.jurisdiction import Jurisdiction
from api.core.permissions import Permission
from api.core.unit_of_work import AUTHORIZES, Session


@dataclass(frozen=True)
class Principal:
    kind: Literal["user", "api_key", "system"]
    id: uuid.UUID
    name: str
    unit_id: uuid.UUID | None
    # The jurisdiction's materialised path; None for a principal of the whole country.
    unit_path: str | None
    permissions: frozenset[Permission]
    roles: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def jurisdiction(self) -> Jurisdiction:
        return Jurisdiction(self.unit_path)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions


# The service itself, for commands, loaders and jobs that act for nobody in particular: the whole
# country and every permission. Never the principal of a request.
SYSTEM = Principal(
    kind="system",
    id=uuid.UUID(int=0),
    name="system",
    unit_id=None,
    unit_path=None,
    permissions=frozenset(Permission),
)

Authenticator = Callable[[Request, AsyncSession, str], Awaitable[Principal]]

bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False, scheme_name="bearer")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="apiKey")


def unauthorized(detail: str, code: str = "unauthorized") -> Unauthorized:
    return Unauthorized(detail, code=code, headers={"WWW-Authenticate": "Bearer"})


# The principal of a request the service makes to itself, in process, for a job it runs as its
# asker (an export job walks the asker's list, api/exports/): set only by server code around such
# a request, so a request from outside, in a context of its own, never carries one.
acting_as: ContextVar["Principal | None"] = ContextVar("acting_as", default=None)


async def authenticate(
    request: Request,
    session: Session,
    token: Annotated[str | None, Depends(bearer)],
    api_key: Annotated[str | None, Depends(api_key_header)],
) -> Principal:
    """The request's principal, or 401. FastAPI runs it once per request however many ask."""
    if (acting := acting_as.get()) is not None:
        request.state.principal = acting
        return acting
    credential = api_key or token
    if not credential:
        raise unauthorized("Sign in, or send an API key, to use this API.")
    authenticator: Authenticator = request.app.state.authenticator
    principal = await authenticator(request, session, credential)
    request.state.principal = principal
    return principal


async def established_principal(request: Request) -> Principal:
    """The principal the route's access dependency authenticated: the route class solves that
    dependency before any other (api/core/unit_of_work.py), so a repository or resource
    dependency reads it here rather than solving authentication's own dependencies again."""
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:
        raise unauthorized("Sign in, or send an API key, to use this API.")
    return principal


def Authorize(permission: Permission) -> Any:  # noqa: N802 - reads as a declaration
    """A route parameter: the principal, who must hold `permission` (else 403)."""

    async def authorize(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        if not principal.can(permission):
            raise PermissionDenied.lacking(permission.value)
        return principal

    setattr(authorize, AUTHORIZES, permission.value)
    return Depends(authorize)


def AuthorizeAny(*permissions: Permission) -> Any:  # noqa: N802 - reads as a declaration
    """A route parameter: the principal, who must hold one of `permissions` at least (else 403).
    For a route whose body says which one it needs (an import's resource): a principal holding
    none is refused before the body is read, and the service checks the one the body names."""
    assert permissions, "AuthorizeAny needs a permission"

    async def authorize(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        if not any(principal.can(permission) for permission in permissions):
            raise PermissionDenied.lacking(" or ".join(sorted(p.value for p in permissions)))
        return principal

    setattr(authorize, AUTHORIZES, " or ".join(sorted(p.value for p in permissions)))
    return Depends(authorize)


def Authenticated() -> Any:  # noqa: N802
    """A route parameter: any signed-in principal, whatever its permissions."""

    async def authenticated(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        return principal

    setattr(authenticated, AUTHORIZES, "authenticated")
    return Depends(authenticated)


def require_nationwide(principal: Principal, what: str) -> None:
    """Country-wide reference data (official units, legal time limits, the calendar) is changed
    only by a principal of the whole country, whatever its permissions."""
    if not principal.jurisdiction.nationwide:
        raise Forbidden(f"Only a nationwide administrator {what}.", code="nationwide_only")
