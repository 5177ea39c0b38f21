"""Inspections: a concluded team's recommendations, their follow-up events and progress reports.

Revision ID: 9b4d6f8a1c37
Revises: 7c1e3a5d9f20
Create Date: 2026-11-29 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9b4d6f8a1c37"
down_revision: str | None = "7c1e3a5d9f20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECOMMENDATIONS = "inspection_recommendations"


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{target.split('.')[0]}"), ondelete=ondelete
    )


def _actor() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("actor_type", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_name", sa.String(200), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        RECOMMENDATIONS,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("finding_id", sa.Uuid(), nullable=True),
        sa.Column("owner_unit_id", sa.Uuid(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("external_source", sa.String(64), nullable=True),
        sa.Column("external_id", sa.String(128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk(RECOMMENDATIONS, "team_id", "inspection_teams.id", "CASCADE"),
        _fk(RECOMMENDATIONS, "finding_id", "inspection_findings.id", "SET NULL"),
        _fk(RECOMMENDATIONS, "owner_unit_id", "units.id", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_recommendations")),
    )
    op.create_index(
        "ix_inspection_recommendations_team", RECOMMENDATIONS, ["team_id", "closed", "due_on", "id"]
    )
    op.create_index(
        "ix_inspection_recommendations_owner", RECOMMENDATIONS, ["owner_unit_id", "closed", "due_on", "id"]
    )
    op.create_index("ix_inspection_recommendations_due", RECOMMENDATIONS, ["closed", "due_on", "id"])
    op.create_index(
        "uq_inspection_recommendations_external_ref",
        RECOMMENDATIONS,
        ["external_source", "external_id"],
        unique=True,
        sqlite_where=sa.text("external_source IS NOT NULL"),
        postgresql_where=sa.text("external_source IS NOT NULL"),
    )

    reports = "inspection_recommendation_reports"
    op.create_table(
        reports,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("recommendation_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        *_actor(),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk(reports, "recommendation_id", f"{RECOMMENDATIONS}.id", "CASCADE"),
        _fk(reports, "unit_id", "units.id", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_recommendation_reports")),
    )
    op.create_index(
        "ix_inspection_recommendation_reports_rec", reports, ["recommendation_id", "reported_on", "id"]
    )

    events = "inspection_recommendation_events"
    op.create_table(
        events,
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("recommendation_id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_status", sa.String(32), nullable=False),
        sa.Column("to_status", sa.String(32), nullable=False),
        *_actor(),
        sa.Column("data", sa.JSON(), nullable=False),
        _fk(events, "recommendation_id", f"{RECOMMENDATIONS}.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_recommendation_events")),
    )
    op.create_index("ix_inspection_recommendation_events_rec", events, ["recommendation_id", "id"])


def downgrade() -> None:
    op.drop_table("inspection_recommendation_events")
    op.drop_table("inspection_recommendation_reports")
    op.drop_table(RECOMMENDATIONS)
