"""Principals: users (people) and API keys (systems), and the refresh tokens of users' sessions."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from api.core.db import Base, Timestamps, UUIDPrimaryKey
from api.core.text import searchable


def principal_key(kind: str, name: object) -> str:
    """Where a worker keeps a principal: an account by id, an API key by its prefix."""
    return f"principal:{kind}:{name}"


class User(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "users"
    __audit__ = "user"
    __audit_redact__ = ("password_hash",)
    # Sign-ins are their own events; the search text only repeats the name, username and email.
    __audit_ignore__ = ("last_login_at", "search_text")

    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    # The jurisdiction: this unit's subtree; none means the whole country.
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    grants: Mapped[list[str]] = mapped_column(JSON, default=list)
    is_active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]
    # Username, full name and email folded (no diacritics, lower case) for `GET /users?q=`.
    search_text: Mapped[str] = mapped_column(String(600), default="", server_default="")
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    def cache_keys(self) -> set[str]:
        """What the workers' caches must forget when this account changes (api/core/shared_cache.py)."""
        return {principal_key("user", self.id)}


@event.listens_for(User, "before_insert")
@event.listens_for(User, "before_update")
def _fold_for_search(_mapper: Mapper[User], _connection: Connection, user: User) -> None:
    """Kept in step on every write, whichever code path makes or changes the account."""
    user.search_text = searchable(user.username, user.full_name, user.email)


class RefreshToken(UUIDPrimaryKey, Base):
    """One refresh token of a session; rotating it issues the next one in the same family."""

    __tablename__ = "refresh_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    family_id: Mapped[uuid.UUID] = mapped_column(index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    rotated_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class ApiKey(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "api_keys"
    __audit__ = "api_key"
    __audit_redact__ = ("key_hash",)
    __audit_ignore__ = ("last_used_at",)

    name: Mapped[str] = mapped_column(String(200))
    # Shown in lists and logs so a key can be recognised without revealing it.
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    expires_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def audit_unit_id(self) -> uuid.UUID | None:
        return self.unit_id

    def cache_keys(self) -> set[str]:
        return {principal_key("api_key", self.prefix)}
