"""Petitions by state and urgency: an index on (status, due_sort, id).

"Accepted cases of my province, overdue, most urgent first" walked the urgency index across every
state and tested each case against the province; with the state first the walk stays inside the
cases in that state (77 ms → 14 ms for a province at a million cases; see bench/README.md).

Revision ID: c53c58399387
Revises: c4d9e8f7a6b5
Create Date: 2026-11-23 10:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c53c58399387"
down_revision: str | None = "c4d9e8f7a6b5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_petitions_status_due", "petitions", ["status", "due_sort", "id"])


def downgrade() -> None:
    op.drop_index("ix_petitions_status_due", table_name="petitions")
