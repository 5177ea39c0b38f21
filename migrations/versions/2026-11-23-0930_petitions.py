"""Petitions with their people, time limits, events, links and attachments; the working-day
calendar; the shipped categories, legal time limits and days off.

Revision ID: c4d9e8f7a6b5
Revises: a7c1e2f0b3d4
Create Date: 2026-11-23 09:30:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from api.calendar.official import OFFICIAL_DAYS
from api.core.db import UTCDateTime
from api.petitions.categories import OFFICIAL_CATEGORIES
from api.petitions.rules import OFFICIAL_RULES

revision: str = "c4d9e8f7a6b5"
down_revision: str | None = "a7c1e2f0b3d4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("id", sa.Uuid(), nullable=False)


def _timestamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
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
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
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
        sa.Column("created_at", UTCDateTime(), nullable=False),
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
        sa.Column("uploaded_at", UTCDateTime(), nullable=False),
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

    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    op.bulk_insert(
        calendar_days,
        [
            {"id": uuid.uuid4(), "day": d, "kind": k.value, "name": n, "legal_basis": b, **stamps}
            for d, k, n, b in OFFICIAL_DAYS
        ],
    )
    op.bulk_insert(
        categories,
        [
            {"code": c, "name_vi": vi, "name_en": en, "position": i, "active": True}
            for i, (c, vi, en) in enumerate(OFFICIAL_CATEGORIES)
        ],
    )
    op.bulk_insert(
        rules,
        [
            {
                "id": uuid.uuid4(),
                "kind": r.kind.value,
                "stage": r.stage.value,
                "remote_area": r.remote_area,
                "complex": r.complex,
                "days": r.days,
                "day_basis": r.day_basis.value,
                "legal_basis": r.legal_basis,
                "note": r.note,
                "valid_from": r.valid_from,
                "valid_to": None,
                **stamps,
            }
            for r in OFFICIAL_RULES
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
