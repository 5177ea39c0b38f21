"""Inspections: a team's findings, one per target and topic.

Revision ID: 5a8c2e4f6b13
Revises: 0d7e5b9c4a21
Create Date: 2026-11-29 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5a8c2e4f6b13"
down_revision: str | None = "0d7e5b9c4a21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [target],
        name=op.f(f"fk_inspection_findings_{column}_{target.split('.')[0]}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "inspection_findings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(32), nullable=False),
        sa.Column("petition_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("team_id", "inspection_teams.id", "CASCADE"),
        _fk("target_id", "inspection_team_targets.id", "CASCADE"),
        _fk("unit_id", "units.id", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_findings")),
    )
    op.create_index("ix_inspection_findings_team", "inspection_findings", ["team_id", "created_at", "id"])


def downgrade() -> None:
    op.drop_table("inspection_findings")
