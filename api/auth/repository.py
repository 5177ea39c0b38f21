"""Every query on users and API keys, inside the reader's jurisdiction.

A user or key belongs where its unit is; one without a unit (nationwide) is visible only to
nationwide principals."""

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, Select, String, cast, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiKey, RefreshToken, User
from api.auth.schemas import API_KEY_SORTING, USER_SORTING
from api.core.text import escape_like, search_terms
from api.units.models import Unit
from api.units.scope import UnitScopedRepository

if TYPE_CHECKING:
    from api.auth.schemas import ApiKeyListQuery, HolderListQuery, UserListQuery


class UserRepository(UnitScopedRepository[User, "UserListQuery"]):
    model = User
    sorting = USER_SORTING
    not_found_code = "user_not_found"
    noun = "User"
    unit_columns = (User.unit_id,)

    def filter(self, stmt: Select[Any], query: "UserListQuery", named: Mapping[str, Any]) -> Select[Any]:
        for term in search_terms(query.q or ""):
            # Every word, with or without its diacritics, in the username, the name or the email.
            stmt = stmt.where(User.search_text.like(f"%{escape_like(term)}%", escape="\\"))
        if query.role is not None:
            # Roles are a short JSON list; both databases can match its text form.
            stmt = stmt.where(cast(User.roles, String).like(f'%"{query.role}"%'))
        if query.is_active is not None:
            stmt = stmt.where(User.is_active.is_(query.is_active))
        return stmt

    async def username_taken(self, username: str) -> bool:
        """Usernames are unique across the country, whoever holds them."""
        return (await self.session.scalar(select(User.id).where(User.username == username))) is not None


class GrantHolderRepository(UnitScopedRepository[User, "HolderListQuery"]):
    """The people of the jurisdiction holding an explicit grant (the confidential permissions)."""

    model = User
    sorting = USER_SORTING
    not_found_code = "user_not_found"
    noun = "User"
    unit_columns = (User.unit_id,)

    def filter(self, stmt: Select[Any], query: "HolderListQuery", named: Mapping[str, Any]) -> Select[Any]:
        # Grants are a short JSON list; both databases can match its text form.
        stmt = stmt.where(cast(User.grants, String).like(f'%"{query.permission}"%'))
        if query.is_active is not None:
            stmt = stmt.where(User.is_active.is_(query.is_active))
        return stmt


class ApiKeyRepository(UnitScopedRepository[ApiKey, "ApiKeyListQuery"]):
    model = ApiKey
    sorting = API_KEY_SORTING
    not_found_code = "api_key_not_found"
    noun = "API key"
    unit_columns = (ApiKey.unit_id,)

    def filter(self, stmt: Select[Any], query: "ApiKeyListQuery", named: Mapping[str, Any]) -> Select[Any]:
        return stmt if query.include_revoked else stmt.where(ApiKey.revoked_at.is_(None))


class CredentialRepository:
    """The queries of signing in and of turning a credential into a principal. They run before
    there is a principal, so no jurisdiction narrows them: what they find is the credential's own."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def principal_of_user(
        self, user_id: uuid.UUID
    ) -> Row[str, uuid.UUID | None, list[str], list[str], bool, str] | None:
        """The account's state and its jurisdiction's path, in one statement."""
        return (
            await self.session.execute(
                select(User.username, User.unit_id, User.roles, User.grants, User.is_active, Unit.path)
                .outerjoin(Unit, Unit.id == User.unit_id)
                .where(User.id == user_id)
            )
        ).first()

    async def api_key(self, prefix: str) -> Row[ApiKey, str] | None:
        """The key named by `prefix` (`ApiKey`) and its unit's `path`, in one statement."""
        return (
            await self.session.execute(
                select(ApiKey, Unit.path)
                .outerjoin(Unit, Unit.id == ApiKey.unit_id)
                .where(ApiKey.prefix == prefix)
            )
        ).first()

    async def api_key_by_id(self, key_id: uuid.UUID | None) -> Row[ApiKey, str] | None:
        """The key of this id and its unit's `path` (a job rebuilding its asker)."""
        return (
            await self.session.execute(
                select(ApiKey, Unit.path)
                .outerjoin(Unit, Unit.id == ApiKey.unit_id)
                .where(ApiKey.id == key_id)
            )
        ).first()

    async def note_key_used(self, key_id: uuid.UUID, at: datetime) -> None:
        await self.session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=at))

    async def user_named(self, username: str) -> User | None:
        found: User | None = await self.session.scalar(select(User).where(User.username == username))
        return found

    async def user(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def refresh_token(self, token_hash: str) -> RefreshToken | None:
        found: RefreshToken | None = await self.session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == token_hash)
        )
        return found

    async def revoke_family(self, family_id: uuid.UUID, at: datetime) -> None:
        """Close every still-open token of a session family."""
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=at)
        )
