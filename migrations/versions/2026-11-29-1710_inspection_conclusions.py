"""Inspections: a team's conclusion (number, date, summary) and what it says of each target.

Revision ID: 7c1e3a5d9f20
Revises: 5a8c2e4f6b13
Create Date: 2026-11-29 17:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c1e3a5d9f20"
down_revision: str | None = "5a8c2e4f6b13"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inspection_teams") as batch:
        batch.add_column(sa.Column("conclusion_number", sa.String(64), nullable=True))
        batch.add_column(sa.Column("conclusion_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("conclusion_summary", sa.Text(), nullable=True))
    with op.batch_alter_table("inspection_team_targets") as batch:
        batch.add_column(sa.Column("conclusion", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inspection_team_targets") as batch:
        batch.drop_column("conclusion")
    with op.batch_alter_table("inspection_teams") as batch:
        batch.drop_column("conclusion_summary")
        batch.drop_column("conclusion_date")
        batch.drop_column("conclusion_number")
