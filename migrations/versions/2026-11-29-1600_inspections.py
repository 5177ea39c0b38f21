"""Inspections: the topics checked (shipped here), plans, teams with their targets, and team events.

Revision ID: 0d7e5b9c4a21
Revises: 3f9c1d7e2a44
Create Date: 2026-11-29 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0d7e5b9c4a21"
down_revision: str | None = "3f9c1d7e2a44"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The topics this revision ships, as literals (never edit them here: a change of shipped data is a
# new revision): the contents of Law 10/2022/QH15 a steering committee checks. (code, vi, en)
TOPICS: list[tuple[str, str, str]] = [
    ("publicity_of_information", "Công khai thông tin", "Publicity of information"),
    ("people_discuss_and_decide", "Nhân dân bàn và quyết định", "People discuss and decide"),
    ("people_supervise", "Nhân dân kiểm tra, giám sát", "People inspect and supervise"),
    (
        "citizen_reception_and_dialogue",
        "Tiếp công dân, đối thoại với Nhân dân",
        "Citizen reception and dialogue",
    ),
    ("village_conventions", "Hương ước, quy ước", "Village conventions"),
    (
        "pic_and_cisb",
        "Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
        "People's Inspection Committees and Community Investment Supervision Boards",
    ),
    (
        "workplace_democracy",
        "Dân chủ ở cơ quan, đơn vị, doanh nghiệp",
        "Democracy at agencies, public service units and enterprises",
    ),
    ("other", "Nội dung khác", "Other"),
]


def _id() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("id", sa.Uuid(), nullable=False)


def _timestamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _external_ref() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("external_source", sa.String(64), nullable=True),
        sa.Column("external_id", sa.String(128), nullable=True),
    ]


def _fk(column: str, target: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{target.split('.')[0]}"), ondelete=ondelete
    )


def _unique_external_ref(table: str) -> None:
    op.create_index(
        f"uq_{table}_external_ref",
        table,
        ["external_source", "external_id"],
        unique=True,
        sqlite_where=sa.text("external_source IS NOT NULL"),
        postgresql_where=sa.text("external_source IS NOT NULL"),
    )


def upgrade() -> None:
    topics = op.create_table(
        "inspection_topics",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name_vi", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_inspection_topics")),
    )
    op.create_table(
        "inspection_plans",
        _id(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("issuer", sa.String(32), nullable=False),
        sa.Column("document_number", sa.String(64), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("organising_unit_id", sa.Uuid(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_external_ref(),
        *_timestamps(),
        _fk("organising_unit_id", "units.id", "inspection_plans", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_plans")),
    )
    op.create_index(
        "ix_inspection_plans_unit_issued", "inspection_plans", ["organising_unit_id", "issued_on", "id"]
    )
    op.create_index("ix_inspection_plans_issued", "inspection_plans", ["issued_on", "id"])
    _unique_external_ref("inspection_plans")

    op.create_table(
        "inspection_teams",
        _id(),
        sa.Column("plan_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("organising_unit_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("decision_number", sa.String(64), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("decision_signer", sa.String(200), nullable=True),
        sa.Column("planned_start", sa.Date(), nullable=False),
        sa.Column("planned_end", sa.Date(), nullable=False),
        sa.Column("actual_start", sa.Date(), nullable=True),
        sa.Column("actual_end", sa.Date(), nullable=True),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_external_ref(),
        *_timestamps(),
        _fk("organising_unit_id", "units.id", "inspection_teams", "RESTRICT"),
        _fk("plan_id", "inspection_plans.id", "inspection_teams", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_teams")),
    )
    op.create_index(
        "ix_inspection_teams_unit_start", "inspection_teams", ["organising_unit_id", "planned_start", "id"]
    )
    op.create_index("ix_inspection_teams_start", "inspection_teams", ["planned_start", "id"])
    op.create_index("ix_inspection_teams_plan", "inspection_teams", ["plan_id"])
    _unique_external_ref("inspection_teams")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index(
            "ix_inspection_teams_search_trgm",
            "inspection_teams",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )

    op.create_table(
        "inspection_team_targets",
        _id(),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("visited_from", sa.Date(), nullable=True),
        sa.Column("visited_to", sa.Date(), nullable=True),
        sa.Column("self_assessment_received", sa.Boolean(), nullable=False),
        sa.Column("self_assessment_received_on", sa.Date(), nullable=True),
        sa.Column("rating", sa.String(32), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        _fk("team_id", "inspection_teams.id", "inspection_team_targets", "CASCADE"),
        _fk("unit_id", "units.id", "inspection_team_targets", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_team_targets")),
        sa.UniqueConstraint("team_id", "unit_id", name=op.f("uq_inspection_team_targets_team_id_unit_id")),
    )
    op.create_index("ix_inspection_team_targets_unit", "inspection_team_targets", ["unit_id", "team_id"])

    op.create_table(
        "inspection_team_events",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_status", sa.String(32), nullable=False),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("actor_type", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_name", sa.String(200), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        _fk("team_id", "inspection_teams.id", "inspection_team_events", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_team_events")),
    )
    op.create_index("ix_inspection_team_events_team", "inspection_team_events", ["team_id", "id"])

    op.bulk_insert(
        topics,
        [
            {"code": code, "name_vi": vi, "name_en": en, "position": position, "active": True}
            for position, (code, vi, en) in enumerate(TOPICS, start=1)
        ],
    )


def downgrade() -> None:
    for table in (
        "inspection_team_events",
        "inspection_team_targets",
        "inspection_teams",
        "inspection_plans",
        "inspection_topics",
    ):
        op.drop_table(table)
