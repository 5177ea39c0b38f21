"""Citizen reception sessions and dialogues.

Revision ID: a7c1e2f0b3d4
Revises: 832573f62dbd
Create Date: 2026-11-23 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7c1e2f0b3d4"
down_revision: str | None = "832573f62dbd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reception_sessions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(32), nullable=False),
        sa.Column("place", sa.String(255), nullable=False),
        sa.Column("host_name", sa.String(200), nullable=False),
        sa.Column("host_role", sa.String(32), nullable=False),
        sa.Column("citizens_received", sa.Integer(), nullable=False),
        sa.Column("cases_received", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("external_source", sa.String(64), nullable=True),
        sa.Column("external_id", sa.String(128), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_reception_sessions_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reception_sessions")),
        sa.CheckConstraint(
            "citizens_received >= 0", name=op.f("ck_reception_sessions_citizens_received_not_negative")
        ),
        sa.CheckConstraint(
            "cases_received >= 0", name=op.f("ck_reception_sessions_cases_received_not_negative")
        ),
    )
    op.create_index("ix_reception_sessions_unit_held", "reception_sessions", ["unit_id", "held_on", "id"])
    op.create_index("ix_reception_sessions_held", "reception_sessions", ["held_on", "id"])
    op.create_index(
        "uq_reception_sessions_external_ref",
        "reception_sessions",
        ["external_source", "external_id"],
        unique=True,
        sqlite_where=sa.text("external_source IS NOT NULL"),
        postgresql_where=sa.text("external_source IS NOT NULL"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            "ix_reception_sessions_search_trgm",
            "reception_sessions",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )


def downgrade() -> None:
    op.drop_table("reception_sessions")
