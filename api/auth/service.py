"""Managing users and API keys, always inside the acting principal's jurisdiction."""

import secrets
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.authenticator import API_KEY_PREFIX
from api.auth.models import ApiKey, User
from api.auth.permissions import GRANTABLE, Role
from api.auth.repository import UserRepository
from api.auth.schemas import ApiKeyCreate, UserCreate, UserUpdate
from api.core.access import Principal
from api.core.db import utcnow
from api.core.errors import Conflict, FieldError, invalid_field
from api.core.etag import check_if_match
from api.core.security import digest, hash_password, new_secret
from api.units.repository import UnitRepository


async def _unit_in_reach(session: AsyncSession, principal: Principal, unit_id: uuid.UUID | None) -> None:
    """A principal can place people and keys only inside its own jurisdiction."""
    if unit_id is None:
        if not principal.jurisdiction.nationwide:
            raise invalid_field(
                "unit_id", "unit_outside_jurisdiction", "Only a nationwide administrator can do that."
            )
        return
    found = await UnitRepository(session, principal).get_many([unit_id])
    if unit_id not in found:
        raise invalid_field("unit_id", "unit_not_found", f"Unit {unit_id} does not exist.")


def _check_grants(grants: Sequence[str]) -> None:
    for grant in grants:
        if grant not in GRANTABLE:
            raise invalid_field(
                "grants", "not_grantable", f"'{grant}' comes with roles; it cannot be granted alone."
            )


async def create_user(session: AsyncSession, principal: Principal, data: UserCreate) -> User:
    await _unit_in_reach(session, principal, data.unit_id)
    _check_grants(data.grants)
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
        grants=[g.value for g in data.grants],
        is_active=True,
    )
    session.add(user)
    await session.flush()
    return user


async def update_user(
    session: AsyncSession, principal: Principal, user: User, data: UserUpdate, if_match: str | None
) -> User:
    check_if_match(if_match, user.version)
    changes = data.model_dump(exclude_unset=True)
    if "unit_id" in changes:
        await _unit_in_reach(session, principal, data.unit_id)
        user.unit_id = data.unit_id
    if data.grants is not None:
        _check_grants(data.grants)
        user.grants = [g.value for g in data.grants]
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
