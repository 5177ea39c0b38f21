"""Inspections: files of a finding's evidence and of a recommendation's progress reports (the bytes
in the app's storage, the rows saying what each file is).

Revision ID: a9a9c5bf2045
Revises: 4c8e1f6a2b93
Create Date: 2026-11-29 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a9a9c5bf2045"
down_revision: str | None = "4c8e1f6a2b93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _files(table: str, parent: str, parent_table: str) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(parent, sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(255), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(
            [parent],
            [f"{parent_table}.id"],
            name=op.f(f"fk_{table}_{parent}_{parent_table}"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )


def upgrade() -> None:
    _files("inspection_finding_attachments", "finding_id", "inspection_findings")
    op.create_index(
        "ix_inspection_finding_attachments_finding",
        "inspection_finding_attachments",
        ["finding_id", "uploaded_at", "id"],
    )
    _files("inspection_report_attachments", "report_id", "inspection_recommendation_reports")
    op.create_index(
        "ix_inspection_report_attachments_report",
        "inspection_report_attachments",
        ["report_id", "uploaded_at", "id"],
    )


def downgrade() -> None:
    op.drop_table("inspection_report_attachments")
    op.drop_table("inspection_finding_attachments")
