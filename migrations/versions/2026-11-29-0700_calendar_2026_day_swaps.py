"""The Government's 2026 day swaps for civil servants, which the shipped calendar missed, and the
documents behind the 2025 and 2026 days it shipped.

- Friday 2/1/2026 off, Saturday 10/1/2026 worked (Official Letter 12729/VPCP-KGVX of 25/12/2025:
  the Deputy Prime Minister approves the Ministry of Home Affairs' proposal);
- Monday 31/8/2026 off, Saturday 22/8/2026 worked (Notice 9441/TB-BNV of 16/10/2025, which also
  sets the 2026 Lunar New Year break of 16-20/2);
- the 2025 Lunar New Year break and the swap of Friday 2/5/2025 for Saturday 26/4/2025 were set by
  Notice 6150/TB-BLĐTBXH of the Ministry of Labour, Invalids and Social Affairs, not the Ministry
  of Home Affairs as shipped.

Checked against the announcements for 2025-2027: nothing else was decided (2027's break is not,
and Vietnam Culture Day on 24/11 is a proposal, not yet law). The data is written here, so the
revision means the same whatever `api/calendar/official.py` says later. A day an administrator
already entered is left as it is, and a legal basis is corrected only where it is still the
shipped text. Downgrading removes the days exactly as this revision writes them.

Revision ID: 5e7d2a91c3f0
Revises: 369c33a22a03
Create Date: 2026-11-29 07:00:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "5e7d2a91c3f0"
down_revision: str | None = "369c33a22a03"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_YEAR_2026 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (hoán đổi ngày làm việc dịp Tết Dương lịch 2026)"
NOTICE_9441 = "Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ"
NOTICE_6150 = "Thông báo 6150/TB-BLĐTBXH năm 2024 của Bộ Lao động - Thương binh và Xã hội"
LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"

# (day, kind, name, legal basis)
SWAPS = [
    (
        date(2026, 1, 2),
        "day_off",
        "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/1/2026)",
        NEW_YEAR_2026,
    ),
    (date(2026, 1, 10), "working_day", "Làm bù cho ngày 2/1/2026", NEW_YEAR_2026),
    (date(2026, 8, 22), "working_day", "Làm bù cho ngày 31/8/2026", NOTICE_9441),
    (date(2026, 8, 31), "day_off", "Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)", NOTICE_9441),
]

# (days, the basis shipped, the basis it becomes)
BASES = [
    (
        [date(2025, 1, d) for d in (27, 28, 29, 30, 31)],
        LABOUR_CODE + "; phương án nghỉ Tết năm 2025 của Bộ Nội vụ",
        LABOUR_CODE + "; " + NOTICE_6150,
    ),
    (
        [date(2025, 5, 2)],
        "Phương án hoán đổi ngày làm việc năm 2025 của Bộ Nội vụ (làm bù 26/4/2025)",
        NOTICE_6150 + " (làm bù 26/4/2025)",
    ),
    (
        [date(2025, 4, 26)],
        "Phương án hoán đổi ngày làm việc năm 2025 của Bộ Nội vụ",
        NOTICE_6150,
    ),
    (
        [date(2026, 2, d) for d in (16, 17, 18, 19, 20)],
        LABOUR_CODE + "; phương án nghỉ Tết 2026 của Bộ Nội vụ",
        LABOUR_CODE + "; " + NOTICE_9441,
    ),
]

calendar_days = sa.table(
    "calendar_days",
    sa.column("id", sa.Uuid()),
    sa.column("day", sa.Date()),
    sa.column("kind", sa.String(32)),
    sa.column("name", sa.String(200)),
    sa.column("legal_basis", sa.String(255)),
    sa.column("version", sa.Integer()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
c = calendar_days.c


def _now(bind: sa.Connection) -> datetime:
    now = datetime.now(UTC)
    # The application stores naive UTC on SQLite and timestamptz on PostgreSQL.
    return now.replace(tzinfo=None) if bind.dialect.name == "sqlite" else now


def _set_bases(bind: sa.Connection, forward: bool) -> None:
    for days, shipped, corrected in BASES:
        old, new = (shipped, corrected) if forward else (corrected, shipped)
        bind.execute(
            sa.update(calendar_days)
            .where(c.day.in_(days), c.legal_basis == old)
            .values(legal_basis=new, version=c.version + 1)
        )


def upgrade() -> None:
    bind = op.get_bind()
    taken = set(bind.scalars(sa.select(c.day).where(c.day.in_([d for d, *_ in SWAPS]))))
    now = _now(bind)
    rows = [
        {
            "id": uuid.uuid4(),
            "day": day,
            "kind": kind,
            "name": name,
            "legal_basis": basis,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for day, kind, name, basis in SWAPS
        if day not in taken
    ]
    if rows:
        op.bulk_insert(calendar_days, rows)
    _set_bases(bind, forward=True)


def downgrade() -> None:
    bind = op.get_bind()
    for day, kind, name, basis in SWAPS:
        bind.execute(
            sa.delete(calendar_days).where(
                c.day == day, c.kind == kind, c.name == name, c.legal_basis == basis
            )
        )
    _set_bases(bind, forward=False)
