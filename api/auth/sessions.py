"""Signing in and out: access tokens, rotating refresh tokens, and brute-force throttling.

A refresh token is single use: refreshing marks it rotated and issues the next one of its
family. Presenting a rotated token again means it was stolen or replayed, so the whole family is
revoked and its holder must sign in again (OAuth 2.0 Security BCP, refresh token rotation).
"""

import uuid
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import RefreshToken, User
from api.auth.repository import CredentialRepository
from api.auth.schemas import TokenPair
from api.core import audit
from api.core.audit import Actor
from api.core.db import Database, utcnow
from api.core.errors import Unauthorized
from api.core.security import (
    create_access_token,
    digest,
    hash_password,
    needs_rehash,
    new_secret,
    verify_password,
)
from api.core.settings import Settings
from api.core.throttle import RateLimit
from api.core.unit_of_work import Deferred

WINDOW = timedelta(minutes=15)


def _refused(detail: str, code: str) -> Unauthorized:
    return Unauthorized(detail, code=code, headers={"WWW-Authenticate": "Bearer"})


async def issue_pair(
    session: AsyncSession, settings: Settings, user: User, family_id: uuid.UUID
) -> TokenPair:
    access, _ = create_access_token(
        settings.resolved_secret_key, user.id, timedelta(minutes=settings.access_token_minutes)
    )
    refresh = new_secret()
    now = utcnow()
    lifetime = timedelta(days=settings.refresh_token_days)
    session.add(
        RefreshToken(
            id=uuid.uuid4(),
            user_id=user.id,
            family_id=family_id,
            token_hash=digest(refresh),
            issued_at=now,
            expires_at=now + lifetime,
        )
    )
    await session.flush()
    return TokenPair(
        access_token=access,
        token_type="bearer",  # noqa: S106 - the OAuth2 token type, not a secret
        expires_in=settings.access_token_minutes * 60,
        refresh_token=refresh,
        refresh_expires_in=int(lifetime.total_seconds()),
    )


async def sign_in(
    session: AsyncSession,
    database: Database,
    after_transaction: Callable[[Deferred], None],
    settings: Settings,
    username: str,
    password: str,
    who: Actor,
) -> TokenPair:
    """Check the password and open a session; the same 401 whether or not the account exists.
    Every attempt counts against the address, every failure against the account."""
    by_address = RateLimit("sign-in-address", settings.sign_in_attempts_per_address, WINDOW)
    by_account = RateLimit("sign-in-account", settings.sign_in_failures_per_account, WINDOW)
    name = username.strip().lower()
    address = who.client_address or "unknown"
    await by_address.check(database, address)
    await by_account.check(database, name)
    after_transaction(lambda: by_address.hit(database, address))
    user = await CredentialRepository(session).user_named(name)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        after_transaction(lambda: by_account.hit(database, name))
        after_transaction(lambda: _record_failure(database, who, name, "invalid_credentials"))
        raise _refused("Wrong username or password.", "invalid_credentials")
    if not user.is_active:
        after_transaction(lambda: _record_failure(database, who, name, "account_disabled"))
        raise _refused("This account is disabled; ask an administrator.", "account_disabled")
    audit.record(
        session,
        "auth.sign_in",
        "user",
        user.id,
        user.unit_id,
        actor=Actor("user", user.id, user.username, who.request_id, who.client_address),
    )
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return await issue_pair(session, settings, user, uuid.uuid4())


async def _record_failure(database: Database, who: Actor, username: str, reason: str) -> None:
    # The refused request's transaction is gone: the event gets one of its own.
    async with database.session() as session:
        audit.record(
            session,
            "auth.sign_in_failed",
            "user",
            None,
            None,
            {"username": username, "reason": reason},
            actor=who,
        )


async def _revoke_family(database: Database, family_id: uuid.UUID) -> None:
    # After the refused request's rollback, in a transaction of its own, which it cannot undo.
    async with database.session() as session:
        audit.record(session, "auth.refresh_token_reused", "session", family_id)
        await CredentialRepository(session).revoke_family(family_id, utcnow())


async def refresh(
    session: AsyncSession,
    database: Database,
    after_transaction: Callable[[Deferred], None],
    settings: Settings,
    token: str,
) -> TokenPair:
    credentials = CredentialRepository(session)
    stored = await credentials.refresh_token(digest(token))
    invalid = _refused(
        "The refresh token is invalid, expired or revoked; sign in again.", "invalid_refresh_token"
    )
    if stored is None or stored.revoked_at is not None or stored.expires_at <= utcnow():
        raise invalid
    if stored.rotated_at is not None:
        family = stored.family_id
        after_transaction(lambda: _revoke_family(database, family))
        raise _refused(
            "This refresh token was already used; every session of its family is now closed.",
            "refresh_token_reused",
        )
    user = await credentials.user(stored.user_id)
    if user is None or not user.is_active:
        raise _refused("This account is disabled; ask an administrator.", "account_disabled")
    stored.rotated_at = utcnow()
    return await issue_pair(session, settings, user, stored.family_id)


async def sign_out(session: AsyncSession, token: str) -> None:
    """Close the session the refresh token belongs to (every token of its family)."""
    credentials = CredentialRepository(session)
    stored = await credentials.refresh_token(digest(token))
    if stored is not None:
        audit.record(session, "auth.sign_out", "session", stored.family_id)
        await credentials.revoke_family(stored.family_id, utcnow())
