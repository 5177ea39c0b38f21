"""Inspections: findings indexed by their target, which the coverage report joins on and which a
target's removal cascades through (without it, PostgreSQL scans every finding per target removed).

Revision ID: 9d4b7e2a1c58
Revises: 9b4d6f8a1c37
Create Date: 2026-11-29 19:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "9d4b7e2a1c58"
down_revision: str | None = "9b4d6f8a1c37"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_inspection_findings_target", "inspection_findings", ["target_id"])


def downgrade() -> None:
    op.drop_index("ix_inspection_findings_target", table_name="inspection_findings")
