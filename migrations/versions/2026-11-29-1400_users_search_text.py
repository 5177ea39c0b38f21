"""Users searchable by name: `users.search_text`, the username, full name and email folded.

The contract said `GET /users?q=` finds words "in the username, name or email", but only the
username and email were searched, and with their diacritics. The app keeps the column in step on
every write (api/auth/models.py); existing accounts are filled here.

Revision ID: 3f9c1d7e2a44
Revises: 6b2534615087
Create Date: 2026-11-29 14:00:00
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3f9c1d7e2a44"
down_revision: str | None = "6b2534615087"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fold(text: str) -> str:
    # api.core.text.fold as of this revision, copied so the migration never changes with the app.
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("search_text", sa.String(600), nullable=False, server_default=""))
    users = sa.table(
        "users",
        sa.column("id", sa.Uuid),
        sa.column("username", sa.String),
        sa.column("full_name", sa.String),
        sa.column("email", sa.String),
        sa.column("search_text", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(users.c.id, users.c.username, users.c.full_name, users.c.email)).all()
    for row in rows:
        text = _fold(" ".join(filter(None, (row.username, row.full_name, row.email))))
        connection.execute(sa.update(users).where(users.c.id == row.id).values(search_text=text))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("search_text")
