"""Reception quota rules as a table, like the legal time limits: each rule with its legal basis and
validity, seeded with the rules the application held in `api/receptions/quotas.py` (`QUOTA_RULES`).

Revision ID: 369c33a22a03
Revises: c53c58399387
Create Date: 2026-11-23 11:00:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "369c33a22a03"
down_revision: str | None = "c53c58399387"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Law 42/2013 took effect on 1 July 2014, Regulation 11-QĐi/TW on 18 February 2019; the district
# level ended on 1 July 2025 (two-level local government), Law 136/2025 applies from 1 July 2026.
LAW_42_IN_FORCE = date(2014, 7, 1)
REG_11_IN_FORCE = date(2019, 2, 18)
DISTRICTS_ABOLISHED = date(2025, 7, 1)
LAW_136_IN_FORCE = date(2026, 7, 1)

# The shipped rules, as literals (never edit them here: a change of shipped data is a new revision).
# (code, level, host_role, days, per, valid_from, valid_to, legal_basis, note)
QUOTA_RULES: list[tuple[str, str, str, int, str, date, date | None, str, str]] = [
    (
        "province-pc-chairman-monthly",
        "province",
        "pc_chairman",
        1,
        "month",
        LAW_42_IN_FORCE,
        None,
        "Luật Tiếp công dân 42/2013/QH13, Điều 12 khoản 5",
        "The provincial People's Committee chairman receives citizens at least one day a month.",
    ),
    (
        "district-pc-chairman-monthly",
        "district",
        "pc_chairman",
        2,
        "month",
        LAW_42_IN_FORCE,
        DISTRICTS_ABOLISHED,
        "Luật Tiếp công dân 42/2013/QH13, Điều 13 khoản 5",
        "At least two days a month; the district level was abolished on 1 July 2025.",
    ),
    (
        "commune-pc-chairman-weekly",
        "commune",
        "pc_chairman",
        1,
        "week",
        LAW_42_IN_FORCE,
        LAW_136_IN_FORCE,
        "Luật Tiếp công dân 42/2013/QH13, Điều 15 khoản 2 điểm d",
        "At least one day a week at the commune People's Committee office, until 30 June 2026.",
    ),
    (
        "commune-pc-chairman-monthly",
        "commune",
        "pc_chairman",
        2,
        "month",
        LAW_136_IN_FORCE,
        None,
        "Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân, Điều 15",
        "At least two days a month at the commune reception place, in person; no delegation to deputies.",
    ),
    (
        "province-party-secretary-monthly",
        "province",
        "party_secretary",
        1,
        "month",
        REG_11_IN_FORCE,
        None,
        "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
        "The head of the provincial Party committee receives citizens at least one day a month.",
    ),
    (
        "district-party-secretary-monthly",
        "district",
        "party_secretary",
        1,
        "month",
        REG_11_IN_FORCE,
        DISTRICTS_ABOLISHED,
        "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
        "At least one day a month; the district level was abolished on 1 July 2025.",
    ),
    (
        "commune-party-secretary-monthly",
        "commune",
        "party_secretary",
        2,
        "month",
        REG_11_IN_FORCE,
        None,
        "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
        "The head of the commune Party committee receives citizens at least two days a month.",
    ),
]


def upgrade() -> None:
    rules = op.create_table(
        "reception_quota_rules",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("level", sa.String(32), nullable=False),
        sa.Column("host_role", sa.String(32), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("per", sa.String(32), nullable=False),
        sa.Column("legal_basis", sa.String(255), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reception_quota_rules")),
        sa.UniqueConstraint("code", name=op.f("uq_reception_quota_rules_code")),
        sa.CheckConstraint("days > 0", name=op.f("ck_reception_quota_rules_days_positive")),
    )
    op.create_index("ix_reception_quota_rules_level_role", "reception_quota_rules", ["level", "host_role"])
    # Ids are random and the stamps are the migration's instant; every value comes from the literals.
    now = datetime.now(UTC)
    op.bulk_insert(
        rules,
        [
            {
                "id": uuid.uuid4(),
                "code": code,
                "level": level,
                "host_role": host_role,
                "days": days,
                "per": per,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "legal_basis": legal_basis,
                "note": note,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for code, level, host_role, days, per, valid_from, valid_to, legal_basis, note in QUOTA_RULES
        ],
    )


def downgrade() -> None:
    op.drop_table("reception_quota_rules")
