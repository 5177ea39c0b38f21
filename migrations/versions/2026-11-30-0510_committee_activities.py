"""Committees' activities (plans and supervision or inspection activities, with their notice checked
on the working-day calendar), their recommendations to the authority, and the time rules both are
counted by, seeded with Decree 59/2023/NĐ-CP, Art. 14 and the (unconfirmed) answer time limit.

Revision ID: 3c7a1e5d9b20
Revises: 5c1d7e9a2b40
Create Date: 2026-11-30 05:00:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "3c7a1e5d9b20"
down_revision: str | None = "5c1d7e9a2b40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LAW_10_IN_FORCE = date(2023, 7, 1)

# (code, purpose, days, day basis, valid from, legal basis, note)
TIME_RULES = [
    (
        "pic-activity-notice",
        "activity_notice",
        5,
        "working",
        LAW_10_IN_FORCE,
        "Nghị định 59/2023/NĐ-CP, Điều 14",
        "Each supervision or inspection plan is sent to the commune Fatherland Front committee, the commune "
        "People's Committee chairman and the subject at least 5 working days before the activity.",
    ),
    (
        "pic-recommendation-response",
        "recommendation_response",
        15,
        "calendar",
        LAW_10_IN_FORCE,
        "Luật 10/2022/QH15, Điều 38-39; Nghị định 59/2023/NĐ-CP",
        "Days the authority has to answer a committee's recommendation (unconfirmed: configurable; the "
        "law says the authority considers and answers, the number of days was not found in the text).",
    ),
]


def _id() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("id", sa.Uuid(), nullable=False)


def _timestamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{target.split('.')[0]}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "committee_activities",
        _id(),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("period", sa.String(32), nullable=True),
        sa.Column("period_starts_on", sa.Date(), nullable=True),
        sa.Column("period_ends_on", sa.Date(), nullable=True),
        sa.Column("subject_kind", sa.String(32), nullable=True),
        sa.Column("subject_description", sa.Text(), nullable=True),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("dated_on", sa.Date(), nullable=False),
        sa.Column("notice_sent_on", sa.Date(), nullable=True),
        sa.Column("notice_working_days", sa.SmallInteger(), nullable=True),
        sa.Column("notice_late", sa.Boolean(), nullable=False),
        sa.Column("notice_rule_code", sa.String(64), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("findings", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        _fk("committee_activities", "committee_id", "committees.id", "CASCADE"),
        _fk("committee_activities", "unit_id", "units.id", "RESTRICT"),
        sa.CheckConstraint(
            "period_ends_on IS NULL OR period_starts_on IS NULL OR period_ends_on >= period_starts_on",
            name=op.f("ck_committee_activities_period_ordered"),
        ),
        sa.CheckConstraint(
            "notice_sent_on IS NULL OR planned_on IS NULL OR notice_sent_on <= planned_on",
            name=op.f("ck_committee_activities_notice_before_activity"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_activities")),
    )
    op.create_index("ix_committee_activities_committee", "committee_activities", ["committee_id", "dated_on"])
    op.create_index("ix_committee_activities_unit", "committee_activities", ["unit_id"])

    op.create_table(
        "committee_recommendations",
        _id(),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("activity_id", sa.Uuid(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("addressee_unit_id", sa.Uuid(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("response_due_on", sa.Date(), nullable=False),
        sa.Column("response_rule_code", sa.String(64), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("answer", sa.String(32), nullable=True),
        sa.Column("answer_measures", sa.Text(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("follow_up", sa.Text(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("petition_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        _fk("committee_recommendations", "committee_id", "committees.id", "CASCADE"),
        _fk("committee_recommendations", "unit_id", "units.id", "RESTRICT"),
        _fk("committee_recommendations", "activity_id", "committee_activities.id", "SET NULL"),
        _fk("committee_recommendations", "addressee_unit_id", "units.id", "RESTRICT"),
        _fk("committee_recommendations", "petition_id", "petitions.id", "SET NULL"),
        sa.CheckConstraint(
            "response_due_on >= sent_on", name=op.f("ck_committee_recommendations_due_after_sent")
        ),
        sa.CheckConstraint(
            "answered_on IS NULL OR answered_on >= sent_on",
            name=op.f("ck_committee_recommendations_answered_after_sent"),
        ),
        sa.CheckConstraint(
            "closed_on IS NULL OR closed_on >= sent_on",
            name=op.f("ck_committee_recommendations_closed_after_sent"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_recommendations")),
        sa.UniqueConstraint("petition_id", name=op.f("uq_committee_recommendations_petition_id")),
    )
    op.create_index(
        "ix_committee_recommendations_committee", "committee_recommendations", ["committee_id", "sent_on"]
    )
    op.create_index(
        "ix_committee_recommendations_unit",
        "committee_recommendations",
        ["unit_id", "status", "response_due_on"],
    )

    rules = op.create_table(
        "committee_time_rules",
        _id(),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("day_basis", sa.String(32), nullable=False),
        sa.Column("legal_basis", sa.String(255), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.CheckConstraint("days >= 0", name=op.f("ck_committee_time_rules_days_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_time_rules")),
        sa.UniqueConstraint("code", name=op.f("uq_committee_time_rules_code")),
    )
    op.create_index("ix_committee_time_rules_purpose", "committee_time_rules", ["purpose", "valid_from"])
    # Ids are random and the stamps are the migration's instant; every value comes from the literals.
    now = datetime.now(UTC)
    op.bulk_insert(
        rules,
        [
            {
                "id": uuid.uuid4(),
                "code": code,
                "purpose": purpose,
                "days": days,
                "day_basis": basis,
                "legal_basis": legal_basis,
                "note": note,
                "valid_from": valid_from,
                "valid_to": None,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for code, purpose, days, basis, valid_from, legal_basis, note in TIME_RULES
        ],
    )


def downgrade() -> None:
    op.drop_table("committee_time_rules")
    op.drop_table("committee_recommendations")
    op.drop_table("committee_activities")
