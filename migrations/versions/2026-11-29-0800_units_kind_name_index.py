"""Units of a kind by name: an index on (kind, name_key, id).

The reception compliance report pages its units in the database, by level and name; each kind's
units are one ordered range of this index, so a page reads its `limit + 1` units instead of walking
every unit by name to find the provinces (175 ms → a few ms for a nationwide page over 105,000
units, most of them villages).

Revision ID: 54a8e1059ca5
Revises: 5e7d2a91c3f0
Create Date: 2026-11-29 08:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "54a8e1059ca5"
down_revision: str | None = "5e7d2a91c3f0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_units_kind_name", "units", ["kind", "name_key", "id"])


def downgrade() -> None:
    op.drop_index("ix_units_kind_name", table_name="units")
