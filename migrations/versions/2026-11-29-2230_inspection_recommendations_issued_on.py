"""Inspections: a recommendation keeps the date of the conclusion that issued it (`issued_on`),
indexed per owner, so that the coverage report counts a subtree's recommendations of a period
through each owner's index instead of probing every recommendation's team.

Revision ID: 4c8e1f6a2b93
Revises: 9d4b7e2a1c58
Create Date: 2026-11-29 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4c8e1f6a2b93"
down_revision: str | None = "9d4b7e2a1c58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("inspection_recommendations", sa.Column("issued_on", sa.Date(), nullable=True))
    # A team is concluded once, and its recommendations are issued while it is concluded.
    op.execute(
        "UPDATE inspection_recommendations SET issued_on = (SELECT conclusion_date FROM inspection_teams"
        " WHERE inspection_teams.id = inspection_recommendations.team_id)"
    )
    with op.batch_alter_table("inspection_recommendations") as batch:
        batch.alter_column("issued_on", existing_type=sa.Date(), nullable=False)
    op.create_index(
        "ix_inspection_recommendations_owner_issued",
        "inspection_recommendations",
        ["owner_unit_id", "issued_on", "closed", "due_on"],
    )


def downgrade() -> None:
    op.drop_index("ix_inspection_recommendations_owner_issued", table_name="inspection_recommendations")
    with op.batch_alter_table("inspection_recommendations") as batch:
        batch.drop_column("issued_on")
