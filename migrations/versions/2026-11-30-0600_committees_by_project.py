"""Committees indexed by their investment project: the subtree compliance report asks, for each project
under way, whether a board stands; without it PostgreSQL hashed every board of the country per report,
and the plan's cost set off JIT compilation (20-450 ms).

Revision ID: 7e2b4c9d1a63
Revises: 3c7a1e5d9b20
Create Date: 2026-11-30 06:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "7e2b4c9d1a63"
down_revision: str | None = "3c7a1e5d9b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_committees_project", "committees", ["project_id"])


def downgrade() -> None:
    op.drop_index("ix_committees_project", table_name="committees")
