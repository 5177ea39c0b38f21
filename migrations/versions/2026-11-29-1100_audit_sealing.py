"""Audit events are appended unsealed and chained by a sealer: `seq`, nullable links, the chain head.

Until now each commit chained its own events under a lock every write shared. From here on a
commit inserts its events without `seq`, `prev_hash` and `hash`, and the sealer (api/core/audit.py)
chains them later, locking only the one row of `audit_chain_head`. Existing events were chained at
commit in id order: their id becomes their position (`seq`), their hashes stay as they are, and
the head records where they end (`legacy_until`: their hashes cover neither id nor position).

Downgrading keeps every event but refuses while some are unsealed (`qcdc audit seal` first); the
previous code cannot verify the events sealed here (their order and hashes follow the new rule).

Revision ID: 6b2534615087
Revises: 54a8e1059ca5
Create Date: 2026-11-30 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6b2534615087"
down_revision: str | None = "54a8e1059ca5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch.alter_column("prev_hash", existing_type=sa.String(64), nullable=True)
        batch.alter_column("hash", existing_type=sa.String(64), nullable=True)
        batch.create_unique_constraint(op.f("uq_audit_events_seq"), ["seq"])
    op.execute("UPDATE audit_events SET seq = id")
    op.create_index(
        "ix_audit_events_unsealed",
        "audit_events",
        ["id"],
        sqlite_where=sa.text("seq IS NULL"),
        postgresql_where=sa.text("seq IS NULL"),
    )
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=True),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("legacy_until", sa.BigInteger(), nullable=False),
        sa.Column("sealed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.execute(
        sa.text(
            "INSERT INTO audit_chain_head (id, seq, event_id, hash, legacy_until) "
            "SELECT 1, COALESCE(MAX(id), 0), MAX(id), "
            "COALESCE((SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1), :genesis), "
            "COALESCE(MAX(id), 0) FROM audit_events"
        ).bindparams(genesis=GENESIS)
    )


def downgrade() -> None:
    unsealed = op.get_bind().execute(sa.text("SELECT 1 FROM audit_events WHERE seq IS NULL LIMIT 1"))
    if unsealed.first() is not None:
        raise RuntimeError("some audit events are not sealed yet: run `qcdc audit seal` first")
    op.drop_table("audit_chain_head")
    op.drop_index("ix_audit_events_unsealed", table_name="audit_events")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_constraint(op.f("uq_audit_events_seq"), type_="unique")
        batch.drop_column("seq")
        batch.alter_column("prev_hash", existing_type=sa.String(64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(64), nullable=False)
