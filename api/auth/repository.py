"""Every query on users and API keys, inside the reader's jurisdiction.

A user or key belongs where its unit is; one without a unit (nationwide) is visible only to
nationwide principals."""

import uuid

from sqlalchemy import Select, String, cast, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiKey, User
from api.core.errors import NotFound
from api.core.jurisdiction import Jurisdiction
from api.core.text import escape_like, fold
from api.units.repository import in_jurisdiction


class UserRepository:
    def __init__(self, session: AsyncSession, jurisdiction: Jurisdiction) -> None:
        self.session = session
        self.jurisdiction = jurisdiction

    def select(self) -> Select[User]:
        stmt = select(User)
        if not self.jurisdiction.nationwide:
            stmt = stmt.where(in_jurisdiction(self.jurisdiction, User.unit_id))
        return stmt

    async def get(self, user_id: uuid.UUID) -> User:
        user = await self.session.scalar(self.select().where(User.id == user_id))
        if user is None:
            raise NotFound(f"User {user_id} does not exist.", code="user_not_found")
        return user

    def filtered(self, q: str | None, role: str | None, is_active: bool | None) -> Select[User]:
        stmt = self.select()
        if q:
            pattern = f"%{escape_like(fold(q))}%"
            stmt = stmt.where(
                or_(User.username.like(pattern, escape="\\"), User.email.like(pattern, escape="\\"))
            )
        if role is not None:
            # Roles are a short JSON list; both databases can match its text form.
            stmt = stmt.where(cast(User.roles, String).like(f'%"{role}"%'))
        if is_active is not None:
            stmt = stmt.where(User.is_active.is_(is_active))
        return stmt

    def holding(self, grant: str, is_active: bool | None) -> Select[User]:
        """The people of the jurisdiction holding this explicit grant."""
        # Grants are a short JSON list; both databases can match its text form.
        stmt = self.select().where(cast(User.grants, String).like(f'%"{grant}"%'))
        if is_active is not None:
            stmt = stmt.where(User.is_active.is_(is_active))
        return stmt

    async def username_taken(self, username: str) -> bool:
        return (await self.session.scalar(select(User.id).where(User.username == username))) is not None


class ApiKeyRepository:
    def __init__(self, session: AsyncSession, jurisdiction: Jurisdiction) -> None:
        self.session = session
        self.jurisdiction = jurisdiction

    def select(self, include_revoked: bool = True) -> Select[ApiKey]:
        stmt = select(ApiKey)
        if not self.jurisdiction.nationwide:
            stmt = stmt.where(in_jurisdiction(self.jurisdiction, ApiKey.unit_id))
        if not include_revoked:
            stmt = stmt.where(ApiKey.revoked_at.is_(None))
        return stmt

    async def get(self, key_id: uuid.UUID) -> ApiKey:
        key = await self.session.scalar(self.select().where(ApiKey.id == key_id))
        if key is None:
            raise NotFound(f"API key {key_id} does not exist.", code="api_key_not_found")
        return key
