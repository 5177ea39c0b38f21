"""How a credential becomes a principal: a user's JWT access token, or an API key
(`qcdc_<prefix>_<secret>`, as a bearer token or in `X-API-Key`)."""

import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import principal_key
from api.auth.permissions import GRANTABLE, permissions_of
from api.auth.repository import CredentialRepository
from api.core.access import Principal, unauthorized
from api.core.db import Database, utcnow
from api.core.permissions import Permission
from api.core.security import InvalidToken, digest, read_access_token
from api.core.shared_cache import ProcessCache

API_KEY_PREFIX = "qcdc_"
_LAST_USED_EVERY = timedelta(minutes=1)


@dataclass
class CachedPrincipal:
    """A principal as the worker keeps it (api/core/shared_cache.py): for an API key, also what
    every request checks again (its secret's digest, its expiry) and when its use was last noted."""

    principal: Principal
    key_hash: str | None = None
    expires_at: datetime | None = None
    last_used_at: datetime | None = None


async def _user(request: Request, session: AsyncSession, token: str) -> Principal:
    try:
        claims = read_access_token(request.app.state.settings.resolved_secret_key, token)
    except InvalidToken as exc:
        raise unauthorized(
            "The access token is invalid or has expired; refresh it or sign in again.", "invalid_token"
        ) from exc
    cache: ProcessCache = request.app.state.cache
    key = principal_key("user", claims.subject)
    if (cached := cache.get(key)) is not None:
        return cached.principal  # type: ignore[no-any-return]
    generation = cache.generation
    # The account's state (a disabled account is refused at once, whatever its tokens say) and its
    # jurisdiction's path, in one statement; then kept until the account or its unit changes.
    principal = await _user_principal(session, claims.subject)
    if principal is None:
        raise unauthorized("This account is disabled or no longer exists.", "account_disabled")
    cache.put(key, CachedPrincipal(principal), generation)
    return principal


async def _user_principal(session: AsyncSession, user_id: uuid.UUID) -> Principal | None:
    """The user as a principal, or None when the account is disabled or gone."""
    row = await CredentialRepository(session).principal_of_user(user_id)
    if row is None or not row.is_active:
        return None
    return Principal(
        kind="user",
        id=user_id,
        name=row.username,
        unit_id=row.unit_id,
        unit_path=row.path,
        permissions=permissions_of(row.roles, row.grants),
        roles=tuple(row.roles),
    )


def _touch(request: Request, key: CachedPrincipal) -> None:
    """Note the key's use (at most once a minute), after the request's own transaction, whether it
    committed or rolled back (by then that session is closed): the write names the key by its id."""
    now = utcnow()
    if key.last_used_at is not None and now - key.last_used_at < _LAST_USED_EVERY:
        return
    key.last_used_at = now
    database: Database = request.app.state.database
    key_id = key.principal.id

    async def touch() -> None:
        async with database.session() as session:
            await CredentialRepository(session).note_key_used(key_id, utcnow())

    request.state.after_transaction.append(touch)


def split_api_key(raw: str) -> tuple[str, str] | None:
    parts = raw.removeprefix(API_KEY_PREFIX).split("_", 1)
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


async def _api_key(request: Request, session: AsyncSession, raw: str) -> Principal:
    invalid = unauthorized("The API key is unknown, revoked or expired.", "invalid_api_key")
    parts = split_api_key(raw)
    if parts is None:
        raise invalid
    cache: ProcessCache = request.app.state.cache
    cache_key = principal_key("api_key", parts[0])
    known: CachedPrincipal | None = cache.get(cache_key)
    if known is None:
        generation = cache.generation
        known = await _read_api_key(session, parts[0])
        if known is None:
            raise invalid
        cache.put(cache_key, known, generation)
    if not hmac.compare_digest(known.key_hash or "", digest(parts[1])):
        raise invalid
    if known.expires_at is not None and known.expires_at <= utcnow():
        raise invalid
    _touch(request, known)
    return known.principal


async def _read_api_key(
    session: AsyncSession, prefix: str | None, key_id: uuid.UUID | None = None
) -> CachedPrincipal | None:
    """The key named by `prefix` (or by its id) as a principal, or None when it is unknown or revoked."""
    repo = CredentialRepository(session)
    row = await (repo.api_key(prefix) if prefix is not None else repo.api_key_by_id(key_id))
    if row is None or row.ApiKey.revoked_at is not None:
        return None
    key = row.ApiKey
    principal = Principal(
        kind="api_key",
        id=key.id,
        name=f"api-key:{key.prefix}",
        unit_id=key.unit_id,
        unit_path=row.path,
        # The confidential permissions belong to named people only (a key made before that rule
        # keeps none of them).
        permissions=frozenset(Permission(s) for s in key.scopes) - GRANTABLE,
    )
    return CachedPrincipal(
        principal,
        key_hash=key.key_hash,
        expires_at=key.expires_at,
        last_used_at=key.last_used_at,
    )


async def principal_of(session: AsyncSession, kind: str, principal_id: uuid.UUID) -> Principal | None:
    """Who asked for a job, with the rights it holds now (its roles, grants or scopes and its
    jurisdiction), as a request of theirs would be authenticated: None for an account disabled or
    gone, or a key revoked or expired since. A job acts as its asker, never as the service."""
    if kind == "user":
        return await _user_principal(session, principal_id)
    if kind == "api_key":
        known = await _read_api_key(session, None, principal_id)
        if known is None or (known.expires_at is not None and known.expires_at <= utcnow()):
            return None
        return known.principal
    return None


async def authenticate_credential(request: Request, session: AsyncSession, credential: str) -> Principal:
    if credential.startswith(API_KEY_PREFIX):
        return await _api_key(request, session, credential)
    return await _user(request, session, credential)


def credential_scope(request: Request) -> str:
    """Whose Idempotency-Keys a request uses, from its credential alone (no database): the user
    inside a correctly signed token, or the API key's prefix."""
    raw = request.headers.get("x-api-key") or request.headers.get("authorization", "").removeprefix("Bearer ")
    if raw.startswith(API_KEY_PREFIX):
        parts = split_api_key(raw)
        return f"api_key:{parts[0]}" if parts else "anonymous"
    try:
        return f"user:{read_access_token(request.app.state.settings.resolved_secret_key, raw).subject}"
    except InvalidToken:
        return "anonymous"
