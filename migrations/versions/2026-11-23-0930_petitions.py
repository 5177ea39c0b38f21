"""Petitions with their people, time limits, events, links and attachments; the working-day
calendar; the shipped categories, legal time limits and days off.

Revision ID: c4d9e8f7a6b5
Revises: a7c1e2f0b3d4
Create Date: 2026-11-23 09:30:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "c4d9e8f7a6b5"
down_revision: str | None = "a7c1e2f0b3d4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The data this revision ships, as literals: a revision must not read the application's live lists,
# or a later edit of them would change fresh installs and never reach existing ones. These rows are
# what api/calendar/official.py, api/petitions/categories.py and api/petitions/rules.py held when
# this revision was written; never edit them here — a change of shipped data is a new revision.

# (day, kind, name, legal_basis)
CALENDAR_DAYS: list[tuple[date, str, str, str]] = [
    (date(2025, 1, 1), "day_off", "Tết Dương lịch", "Bộ luật Lao động 2019, Điều 112"),
    (
        date(2025, 1, 27),
        "day_off",
        "Tết Nguyên đán Ất Tỵ",
        "Bộ luật Lao động 2019, Điều 112; phương án nghỉ Tết năm 2025 của Bộ Nội vụ",
    ),
    (
        date(2025, 1, 28),
        "day_off",
        "Tết Nguyên đán Ất Tỵ",
        "Bộ luật Lao động 2019, Điều 112; phương án nghỉ Tết năm 2025 của Bộ Nội vụ",
    ),
    (
        date(2025, 1, 29),
        "day_off",
        "Tết Nguyên đán Ất Tỵ",
        "Bộ luật Lao động 2019, Điều 112; phương án nghỉ Tết năm 2025 của Bộ Nội vụ",
    ),
    (
        date(2025, 1, 30),
        "day_off",
        "Tết Nguyên đán Ất Tỵ",
        "Bộ luật Lao động 2019, Điều 112; phương án nghỉ Tết năm 2025 của Bộ Nội vụ",
    ),
    (
        date(2025, 1, 31),
        "day_off",
        "Tết Nguyên đán Ất Tỵ",
        "Bộ luật Lao động 2019, Điều 112; phương án nghỉ Tết năm 2025 của Bộ Nội vụ",
    ),
    (date(2025, 4, 7), "day_off", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Bộ luật Lao động 2019, Điều 112"),
    (date(2025, 4, 30), "day_off", "Ngày Chiến thắng (30/4)", "Bộ luật Lao động 2019, Điều 112"),
    (date(2025, 5, 1), "day_off", "Ngày Quốc tế Lao động (1/5)", "Bộ luật Lao động 2019, Điều 112"),
    (
        date(2025, 5, 2),
        "day_off",
        "Nghỉ hoán đổi dịp 30/4-1/5",
        "Phương án hoán đổi ngày làm việc năm 2025 của Bộ Nội vụ (làm bù 26/4/2025)",
    ),
    (
        date(2025, 4, 26),
        "working_day",
        "Làm bù cho ngày 2/5/2025",
        "Phương án hoán đổi ngày làm việc năm 2025 của Bộ Nội vụ",
    ),
    (date(2025, 9, 1), "day_off", "Quốc khánh (ngày liền kề)", "Bộ luật Lao động 2019, Điều 112"),
    (date(2025, 9, 2), "day_off", "Quốc khánh (2/9)", "Bộ luật Lao động 2019, Điều 112"),
    (date(2026, 1, 1), "day_off", "Tết Dương lịch", "Bộ luật Lao động 2019, Điều 112"),
    (
        date(2026, 2, 16),
        "day_off",
        "Tết Nguyên đán Bính Ngọ",
        "Bộ luật Lao động 2019, Điều 112; phương án nghỉ Tết 2026 của Bộ Nội vụ",
    ),
    (
        date(2026, 2, 17),
        "day_off",
        "Tết Nguyên đán Bính Ngọ",
        "Bộ luật Lao động 2019, Điều 112; phương án nghỉ Tết 2026 của Bộ Nội vụ",
    ),
    (
        date(2026, 2, 18),
        "day_off",
        "Tết Nguyên đán Bính Ngọ",
        "Bộ luật Lao động 2019, Điều 112; phương án nghỉ Tết 2026 của Bộ Nội vụ",
    ),
    (
        date(2026, 2, 19),
        "day_off",
        "Tết Nguyên đán Bính Ngọ",
        "Bộ luật Lao động 2019, Điều 112; phương án nghỉ Tết 2026 của Bộ Nội vụ",
    ),
    (
        date(2026, 2, 20),
        "day_off",
        "Tết Nguyên đán Bính Ngọ",
        "Bộ luật Lao động 2019, Điều 112; phương án nghỉ Tết 2026 của Bộ Nội vụ",
    ),
    (
        date(2026, 4, 27),
        "day_off",
        "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật 26/4)",
        "Bộ luật Lao động 2019, Điều 112",
    ),
    (date(2026, 4, 30), "day_off", "Ngày Chiến thắng (30/4)", "Bộ luật Lao động 2019, Điều 112"),
    (date(2026, 5, 1), "day_off", "Ngày Quốc tế Lao động (1/5)", "Bộ luật Lao động 2019, Điều 112"),
    (date(2026, 9, 1), "day_off", "Quốc khánh (ngày liền kề)", "Bộ luật Lao động 2019, Điều 112"),
    (date(2026, 9, 2), "day_off", "Quốc khánh (2/9)", "Bộ luật Lao động 2019, Điều 112"),
    (date(2027, 1, 1), "day_off", "Tết Dương lịch", "Bộ luật Lao động 2019, Điều 112"),
    (
        date(2027, 2, 4),
        "day_off",
        "Tết Nguyên đán Đinh Mùi (tạm tính)",
        "Bộ luật Lao động 2019, Điều 112; chờ quyết định năm 2027",
    ),
    (
        date(2027, 2, 5),
        "day_off",
        "Tết Nguyên đán Đinh Mùi (tạm tính)",
        "Bộ luật Lao động 2019, Điều 112; chờ quyết định năm 2027",
    ),
    (
        date(2027, 2, 8),
        "day_off",
        "Tết Nguyên đán Đinh Mùi (tạm tính)",
        "Bộ luật Lao động 2019, Điều 112; chờ quyết định năm 2027",
    ),
    (
        date(2027, 2, 9),
        "day_off",
        "Tết Nguyên đán Đinh Mùi (tạm tính)",
        "Bộ luật Lao động 2019, Điều 112; chờ quyết định năm 2027",
    ),
    (
        date(2027, 2, 10),
        "day_off",
        "Tết Nguyên đán Đinh Mùi (tạm tính)",
        "Bộ luật Lao động 2019, Điều 112; chờ quyết định năm 2027",
    ),
    (date(2027, 4, 16), "day_off", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Bộ luật Lao động 2019, Điều 112"),
    (date(2027, 4, 30), "day_off", "Ngày Chiến thắng (30/4)", "Bộ luật Lao động 2019, Điều 112"),
    (
        date(2027, 5, 3),
        "day_off",
        "Nghỉ bù Ngày Quốc tế Lao động (1/5 rơi vào thứ Bảy)",
        "Bộ luật Lao động 2019, Điều 112",
    ),
    (date(2027, 9, 2), "day_off", "Quốc khánh (2/9)", "Bộ luật Lao động 2019, Điều 112"),
    (date(2027, 9, 3), "day_off", "Quốc khánh (ngày liền kề, tạm tính)", "Bộ luật Lao động 2019, Điều 112"),
]
# (code, name_vi, name_en); position is the index in this list
CATEGORIES: list[tuple[str, str, str]] = [
    ("land", "Đất đai", "Land"),
    (
        "compensation",
        "Bồi thường, hỗ trợ, tái định cư, giải phóng mặt bằng",
        "Compensation and site clearance",
    ),
    ("social_policy", "Chính sách xã hội", "Social policy"),
    ("officials_conduct", "Tinh thần, thái độ, trách nhiệm của cán bộ", "Conduct of officials"),
    ("environment", "Môi trường", "Environment"),
    ("administrative_procedures", "Thủ tục hành chính", "Administrative procedures"),
    ("other", "Khác", "Other"),
]
# (kind, stage, remote_area, complex, days, day_basis, legal_basis, note, valid_from)
DEADLINE_RULES: list[tuple[str, str, bool | None, bool | None, int, str, str, str | None, date]] = [
    (
        "complaint",
        "complaint_filing",
        None,
        None,
        90,
        "calendar",
        "Luật Khiếu nại 2011, Điều 9",
        "Thời hiệu khiếu nại, từ ngày biết được quyết định, hành vi hành chính.",
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "acceptance",
        None,
        None,
        10,
        "calendar",
        "Luật Khiếu nại 2011, Điều 27",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "settlement",
        False,
        False,
        30,
        "calendar",
        "Luật Khiếu nại 2011, Điều 28",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "settlement",
        False,
        True,
        45,
        "calendar",
        "Luật Khiếu nại 2011, Điều 28",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "settlement",
        True,
        False,
        45,
        "calendar",
        "Luật Khiếu nại 2011, Điều 28",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "settlement",
        True,
        True,
        60,
        "calendar",
        "Luật Khiếu nại 2011, Điều 28",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "settlement_second",
        False,
        False,
        45,
        "calendar",
        "Luật Khiếu nại 2011, Điều 37",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "settlement_second",
        False,
        True,
        60,
        "calendar",
        "Luật Khiếu nại 2011, Điều 37",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "settlement_second",
        True,
        False,
        60,
        "calendar",
        "Luật Khiếu nại 2011, Điều 37",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "settlement_second",
        True,
        True,
        70,
        "calendar",
        "Luật Khiếu nại 2011, Điều 37",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "appeal_filing",
        False,
        None,
        30,
        "calendar",
        "Luật Khiếu nại 2011, Điều 33",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "appeal_filing",
        True,
        None,
        45,
        "calendar",
        "Luật Khiếu nại 2011, Điều 33",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "decision_effect",
        False,
        None,
        30,
        "calendar",
        "Luật Khiếu nại 2011, Điều 44",
        None,
        date(2012, 7, 1),
    ),
    (
        "complaint",
        "decision_effect",
        True,
        None,
        45,
        "calendar",
        "Luật Khiếu nại 2011, Điều 44",
        None,
        date(2012, 7, 1),
    ),
    (
        "denunciation",
        "acceptance",
        None,
        None,
        7,
        "working",
        "Luật Tố cáo 2018, Điều 24",
        "Chưa đối chiếu được văn bản gốc; có thể kéo dài đến 10 ngày làm việc.",
        date(2019, 1, 1),
    ),
    (
        "denunciation",
        "acceptance_notice",
        None,
        None,
        5,
        "working",
        "Luật Tố cáo 2018, Điều 29",
        None,
        date(2019, 1, 1),
    ),
    (
        "denunciation",
        "settlement",
        None,
        None,
        30,
        "calendar",
        "Luật Tố cáo 2018, Điều 30",
        None,
        date(2019, 1, 1),
    ),
    (
        "denunciation",
        "extension",
        None,
        None,
        30,
        "calendar",
        "Luật Tố cáo 2018, Điều 30",
        "Tối đa hai lần gia hạn (vụ việc đặc biệt phức tạp), tổng không quá 90 ngày.",
        date(2019, 1, 1),
    ),
    (
        "petition",
        "acceptance",
        None,
        None,
        5,
        "working",
        "Nghị định 20/2008/NĐ-CP (sửa đổi bởi Nghị định 92/2017/NĐ-CP), Điều 14",
        "Chuyển phản ánh, kiến nghị không thuộc thẩm quyền trong 5 ngày làm việc.",
        date(2008, 2, 14),
    ),
    (
        "reflection",
        "acceptance",
        None,
        None,
        5,
        "working",
        "Nghị định 20/2008/NĐ-CP (sửa đổi bởi Nghị định 92/2017/NĐ-CP), Điều 14",
        "Chuyển phản ánh, kiến nghị không thuộc thẩm quyền trong 5 ngày làm việc.",
        date(2008, 2, 14),
    ),
    (
        "petition",
        "settlement",
        None,
        None,
        15,
        "calendar",
        "Công điện 89/CĐ-TTg ngày 16/6/2025",
        "Chưa có thời hạn chung trong Nghị định 20/2008; cấu hình theo quy định địa phương.",
        date(2025, 6, 16),
    ),
    (
        "reflection",
        "settlement",
        None,
        None,
        15,
        "calendar",
        "Công điện 89/CĐ-TTg ngày 16/6/2025",
        "Chưa có thời hạn chung trong Nghị định 20/2008; cấu hình theo quy định địa phương.",
        date(2025, 6, 16),
    ),
]


def _id() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("id", sa.Uuid(), nullable=False)


def _timestamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _fk(column: str, target: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{target.split('.')[0]}"), ondelete=ondelete
    )


def _person_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("address", sa.String(400), nullable=True),
        sa.Column("identity_number", sa.String(32), nullable=True),
        sa.Column("phone", sa.String(32), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("is_representative", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("identity_digest", sa.String(64), nullable=True),
        sa.Column("petition_id", sa.Uuid(), nullable=False),
    ]


def upgrade() -> None:
    calendar_days = op.create_table(
        "calendar_days",
        _id(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("legal_basis", sa.String(255), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_days")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_days_day")),
    )
    categories = op.create_table(
        "petition_categories",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name_vi", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_petition_categories")),
    )
    rules = op.create_table(
        "petition_deadline_rules",
        _id(),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("remote_area", sa.Boolean(), nullable=True),
        sa.Column("complex", sa.Boolean(), nullable=True),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("day_basis", sa.String(32), nullable=False),
        sa.Column("legal_basis", sa.String(255), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_petition_deadline_rules")),
    )
    op.create_index("ix_petition_deadline_rules_lookup", "petition_deadline_rules", ["kind", "stage"])

    op.create_table(
        "petitions",
        _id(),
        sa.Column("reference", sa.String(48), nullable=False),
        sa.Column("reference_year", sa.Integer(), nullable=False),
        sa.Column("reference_seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("receiving_unit_id", sa.Uuid(), nullable=False),
        sa.Column("handling_unit_id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("category_code", sa.String(64), nullable=False),
        sa.Column("within_authority", sa.Boolean(), nullable=True),
        sa.Column("remote_area", sa.Boolean(), nullable=False),
        sa.Column("complex", sa.Boolean(), nullable=False),
        sa.Column("head_count", sa.Integer(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("suspended_from", sa.String(32), nullable=True),
        sa.Column("suspended_on", sa.Date(), nullable=True),
        sa.Column("instance", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("decision_number", sa.String(64), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("extension_count", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_sort", sa.Date(), nullable=False),
        sa.Column("settled_on", sa.Date(), nullable=True),
        sa.Column("settled_on_time", sa.Boolean(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("contested_decision_known_on", sa.Date(), nullable=True),
        sa.Column("filed_out_of_time", sa.Boolean(), nullable=False),
        sa.Column("reception_id", sa.Uuid(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("external_source", sa.String(64), nullable=True),
        sa.Column("external_id", sa.String(128), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        _fk("receiving_unit_id", "units.id", "petitions", "RESTRICT"),
        _fk("handling_unit_id", "units.id", "petitions", "RESTRICT"),
        _fk("category_code", "petition_categories.code", "petitions", "RESTRICT"),
        _fk("reception_id", "reception_sessions.id", "petitions", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_petitions")),
        sa.UniqueConstraint(
            "receiving_unit_id",
            "reference_year",
            "reference_seq",
            name=op.f("uq_petitions_receiving_unit_id_reference_year_reference_seq"),
        ),
    )
    for name, columns in {
        "ix_petitions_handling_received": ["handling_unit_id", "received_on", "id"],
        "ix_petitions_receiving_received": ["receiving_unit_id", "received_on", "id"],
        "ix_petitions_received": ["received_on", "id"],
        "ix_petitions_due": ["due_sort", "id"],
        "ix_petitions_reference": ["reference"],
        "ix_petitions_reception": ["reception_id"],
    }.items():
        op.create_index(name, "petitions", columns)
    op.create_index(
        "uq_petitions_external_ref",
        "petitions",
        ["external_source", "external_id"],
        unique=True,
        sqlite_where=sa.text("external_source IS NOT NULL"),
        postgresql_where=sa.text("external_source IS NOT NULL"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index(
            "ix_petitions_search_trgm",
            "petitions",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )

    for table in ("petitioners", "denouncer_identities"):
        op.create_table(
            table,
            _id(),
            *_person_columns(),
            _fk("petition_id", "petitions.id", table, "CASCADE"),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_petition_id"), table, ["petition_id"])
        op.create_index(op.f(f"ix_{table}_identity_digest"), table, ["identity_digest"])

    op.create_table(
        "petition_deadlines",
        _id(),
        sa.Column("petition_id", sa.Uuid(), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("instance", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("extended_days", sa.Integer(), nullable=False),
        sa.Column("paused_days", sa.Integer(), nullable=False),
        sa.Column("day_basis", sa.String(32), nullable=False),
        sa.Column("legal_basis", sa.String(255), nullable=False),
        sa.Column("rule_id", sa.Uuid(), nullable=True),
        _fk("petition_id", "petitions.id", "petition_deadlines", "CASCADE"),
        _fk("rule_id", "petition_deadline_rules.id", "petition_deadlines", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_petition_deadlines")),
    )
    op.create_index(op.f("ix_petition_deadlines_petition_id"), "petition_deadlines", ["petition_id"])

    op.create_table(
        "petition_events",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("petition_id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_status", sa.String(32), nullable=True),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("actor_type", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_name", sa.String(200), nullable=True),
        sa.Column("handling_unit_id", sa.Uuid(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        _fk("petition_id", "petitions.id", "petition_events", "CASCADE"),
        _fk("handling_unit_id", "units.id", "petition_events", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_petition_events")),
    )
    op.create_index("ix_petition_events_petition", "petition_events", ["petition_id", "id"])

    op.create_table(
        "petition_links",
        sa.Column("petition_id", sa.Uuid(), nullable=False),
        sa.Column("other_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("petition_id", "petitions.id", "petition_links", "CASCADE"),
        _fk("other_id", "petitions.id", "petition_links", "CASCADE"),
        sa.PrimaryKeyConstraint("petition_id", "other_id", name=op.f("pk_petition_links")),
    )
    op.create_index(op.f("ix_petition_links_other_id"), "petition_links", ["other_id"])

    op.create_table(
        "petition_attachments",
        _id(),
        sa.Column("petition_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(255), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.String(200), nullable=True),
        _fk("petition_id", "petitions.id", "petition_attachments", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_petition_attachments")),
    )
    op.create_index(op.f("ix_petition_attachments_petition_id"), "petition_attachments", ["petition_id"])

    op.create_table(
        "petition_reference_counters",
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        _fk("unit_id", "units.id", "petition_reference_counters", "CASCADE"),
        sa.PrimaryKeyConstraint("unit_id", "year", name=op.f("pk_petition_reference_counters")),
    )

    # As when this revision was first written: ids are random and the stamps are the migration's
    # instant (databases differ in those only); the values of every row come from the literals above.
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    op.bulk_insert(
        calendar_days,
        [
            {"id": uuid.uuid4(), "day": d, "kind": k, "name": n, "legal_basis": b, **stamps}
            for d, k, n, b in CALENDAR_DAYS
        ],
    )
    op.bulk_insert(
        categories,
        [
            {"code": c, "name_vi": vi, "name_en": en, "position": i, "active": True}
            for i, (c, vi, en) in enumerate(CATEGORIES)
        ],
    )
    op.bulk_insert(
        rules,
        [
            {
                "id": uuid.uuid4(),
                "kind": kind,
                "stage": stage,
                "remote_area": remote_area,
                "complex": complex_,
                "days": days,
                "day_basis": day_basis,
                "legal_basis": legal_basis,
                "note": note,
                "valid_from": valid_from,
                "valid_to": None,
                **stamps,
            }
            for kind, stage, remote_area, complex_, days, day_basis, legal_basis, note, valid_from in (
                DEADLINE_RULES
            )
        ],
    )


def downgrade() -> None:
    for table in (
        "petition_reference_counters",
        "petition_attachments",
        "petition_links",
        "petition_events",
        "petition_deadlines",
        "denouncer_identities",
        "petitioners",
        "petitions",
        "petition_deadline_rules",
        "petition_categories",
        "calendar_days",
    ):
        op.drop_table(table)
