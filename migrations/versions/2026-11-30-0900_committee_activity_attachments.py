"""Committees: files of an activity (its plan as sent, the minutes, the evidence of its findings), the
bytes in the app's storage, the rows saying what each file is.

Revision ID: 9b4d2f6e8a17
Revises: 7e2b4c9d1a63
Create Date: 2026-11-30 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9b4d2f6e8a17"
down_revision: str | None = "7e2b4c9d1a63"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "committee_activity_attachments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("activity_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(255), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["committee_activities.id"],
            name=op.f("fk_committee_activity_attachments_activity_id_committee_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_activity_attachments")),
    )
    op.create_index(
        "ix_committee_activity_attachments_activity",
        "committee_activity_attachments",
        ["activity_id", "uploaded_at", "id"],
    )


def downgrade() -> None:
    op.drop_table("committee_activity_attachments")
