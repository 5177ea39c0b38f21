"""Managing users and API keys, always inside the acting principal's jurisdiction."""

import secrets
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.authenticator import API_KEY_PREFIX
from api.auth.models import ApiKey, User
from api.auth.permissions import GRANTABLE, Role
from api.auth.repository import CredentialRepository, UserRepository
from api.auth.schemas import ApiKeyCreate, Me, UserCreate, UserUpdate
from api.core import audit
from api.core.access import Principal
from api.core.db import utcnow
from api.core.errors import Conflict, FieldError, Forbidden, PermissionDenied, invalid_field
from api.core.etag import check_if_match
from api.core.permissions import Permission
from api.core.security import digest, hash_password, new_secret
from api.units.repository import UnitRepository
from api.units.schemas import UnitSummary
from api.units.scope import units_in_jurisdiction


async def _unit_in_reach(session: AsyncSession, principal: Principal, unit_id: uuid.UUID | None) -> None:
    """A principal can place people and keys only inside its own jurisdiction."""
    if unit_id is None:
        if not principal.jurisdiction.nationwide:
            raise invalid_field(
                "unit_id", "unit_outside_jurisdiction", "Only a nationwide administrator can do that."
            )
        return
    await units_in_jurisdiction(session, principal.jurisdiction, {"unit_id": unit_id})


def _check_grants(grants: Sequence[str]) -> None:
    for grant in grants:
        if grant not in GRANTABLE:
            raise invalid_field(
                "grants", "not_grantable", f"'{grant}' comes with roles; it cannot be granted alone."
            )


def _check_grant_changes(
    principal: Principal, user_id: uuid.UUID | None, before: set[str], after: set[str]
) -> None:
    """Only a holder of `users:grant_confidential` changes who may read denouncers' identities (a
    state secret, Law on Denunciations 2018, Art. 9 and 56), never its own grants; the right to
    grant is given only by a nationwide grantor. The person is inside the grantor's jurisdiction:
    the caller found it (or placed it) through the grantor's jurisdiction."""
    changed = before ^ after
    if not changed:
        return
    if not principal.can(Permission.USERS_GRANT_CONFIDENTIAL):
        raise PermissionDenied.lacking(
            Permission.USERS_GRANT_CONFIDENTIAL.value,
            "Only a holder of 'users:grant_confidential' grants or revokes the confidential permissions.",
        )
    if user_id == principal.id:
        raise Forbidden(
            "Nobody grants or revokes its own confidential permissions.", code="cannot_grant_self"
        )
    if Permission.USERS_GRANT_CONFIDENTIAL.value in changed and not principal.jurisdiction.nationwide:
        raise Forbidden(
            "Only a nationwide grantor gives or takes the right to grant.", code="nationwide_only"
        )


def _record_grants(
    session: AsyncSession, user: User, before: set[str], after: set[str], actor: audit.Actor | None = None
) -> None:
    """Who granted what to whom: one audit event per permission given or taken, in the person's
    unit (so the steering committee that sees the person sees the grant)."""
    for action, permissions in (("user.grant", after - before), ("user.revoke", before - after)):
        for permission in sorted(permissions):
            audit.record(
                session,
                action,
                "user",
                user.id,
                user.unit_id,
                {"after": {"permission": permission, "user_id": str(user.id), "username": user.username}},
                actor,
            )


async def me(session: AsyncSession, principal: Principal) -> Me:
    """The principal as it sees itself: a user's full name, the root of its jurisdiction."""
    unit = (
        None
        if principal.unit_id is None
        else await UnitRepository(session, principal).find(principal.unit_id)
    )
    user = await UserRepository(session, principal).find(principal.id) if principal.kind == "user" else None
    return Me(
        kind=principal.kind,
        id=principal.id,
        name=principal.name,
        full_name=user.full_name if user else None,
        roles=list(principal.roles),
        permissions=sorted(principal.permissions),
        unit=UnitSummary.model_validate(unit) if unit else None,
    )


async def create_user(session: AsyncSession, principal: Principal, data: UserCreate) -> User:
    await _unit_in_reach(session, principal, data.unit_id)
    _check_grants(data.grants)
    grants = {g.value for g in data.grants}
    _check_grant_changes(principal, None, set(), grants)
    if await UserRepository(session, principal).username_taken(data.username):
        raise Conflict(
            f"Username {data.username} is taken.",
            code="duplicate_username",
            errors=[FieldError(field="username", code="duplicate_username", message="taken")],
        )
    user = User(
        id=uuid.uuid4(),
        username=data.username,
        full_name=data.full_name,
        email=data.email,
        password_hash=hash_password(data.password),
        unit_id=data.unit_id,
        roles=[r.value for r in data.roles],
        grants=sorted(grants),
        is_active=True,
    )
    session.add(user)
    await session.flush()
    _record_grants(session, user, set(), grants)
    return user


async def update_user(
    session: AsyncSession, principal: Principal, user: User, data: UserUpdate, if_match: str | None
) -> User:
    check_if_match(if_match, user.version)
    changes = data.model_dump(exclude_unset=True)
    if "unit_id" in changes:
        await _unit_in_reach(session, principal, data.unit_id)
        user.unit_id = data.unit_id
    before = set(user.grants)
    if data.grants is not None:
        _check_grants(data.grants)
        after = {g.value for g in data.grants}
        _check_grant_changes(principal, user.id, before, after)
        if after != before:
            user.grants = sorted(after)
    if data.roles is not None:
        user.roles = [r.value for r in data.roles]
    if data.password is not None:
        user.password_hash = hash_password(data.password)
    for field in ("full_name", "email", "is_active"):
        if field in changes and changes[field] is not None:
            setattr(user, field, changes[field])
    if user.id == principal.id and (user.is_active is False or Role.ADMIN.value not in user.roles):
        raise invalid_field(
            "roles", "cannot_demote_self", "You cannot disable yourself or take away your own admin role."
        )
    await session.flush()
    _record_grants(session, user, before, set(user.grants))
    return user


async def create_api_key(
    session: AsyncSession, principal: Principal, data: ApiKeyCreate
) -> tuple[ApiKey, str]:
    """The key and its secret, which is shown once and stored only as a digest."""
    await _unit_in_reach(session, principal, data.unit_id)
    beyond = sorted(s.value for s in data.scopes if s not in principal.permissions)
    if beyond:
        raise invalid_field(
            "scopes", "scope_exceeds_creator", f"You cannot give a key what you do not hold: {beyond}."
        )
    personal = sorted(s.value for s in data.scopes if s in GRANTABLE)
    if personal:
        raise invalid_field(
            "scopes",
            "personal_permission",
            f"{personal} are granted to named people only, never to a key.",
        )
    if data.expires_at is not None and data.expires_at <= utcnow():
        raise invalid_field("expires_at", "date_in_past", "The expiry must be in the future.")
    prefix, secret = secrets.token_hex(4), new_secret()
    key = ApiKey(
        id=uuid.uuid4(),
        name=data.name,
        prefix=prefix,
        key_hash=digest(secret),
        unit_id=data.unit_id,
        scopes=sorted(s.value for s in data.scopes),
        expires_at=data.expires_at,
        created_by=principal.id if principal.kind == "user" else None,
    )
    session.add(key)
    await session.flush()
    return key, f"{API_KEY_PREFIX}{prefix}_{secret}"


async def revoke_api_key(session: AsyncSession, principal: Principal, key: ApiKey) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        await session.flush()
    return key


async def create_admin(session: AsyncSession, username: str, password: str, full_name: str) -> User:
    """A nationwide administrator, for the first start and for `qcdc users create-admin`."""
    user = User(
        id=uuid.uuid4(),
        username=username.strip().lower(),
        full_name=full_name,
        password_hash=hash_password(password),
        unit_id=None,
        roles=[Role.ADMIN.value],
        grants=[],
        is_active=True,
    )
    session.add(user)
    await session.flush()
    return user


class GrantRefused(Exception):
    """`qcdc users grant` was given something it cannot do; the message says what."""


OPERATOR = audit.Actor("system", name="qcdc users grant")


async def operator_grant(session: AsyncSession, username: str, permission: str, *, grant: bool) -> User:
    """`qcdc users grant|revoke`: whoever runs the server gives or takes a confidential permission,
    to appoint the first grantor (the bootstrap administrator holds neither). Audited like any grant."""
    if permission not in GRANTABLE:
        raise GrantRefused(f"only {', '.join(sorted(GRANTABLE))} are granted to a person")
    user = await CredentialRepository(session).user_named(username.strip().lower())
    if user is None:
        raise GrantRefused(f"no user {username}")
    before = set(user.grants)
    after = before | {permission} if grant else before - {permission}
    if after != before:
        user.grants = sorted(after)
        await session.flush()
        _record_grants(session, user, before, after, OPERATOR)
    return user
