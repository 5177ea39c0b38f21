"""Units registry: units with materialised paths, reorganizations and lineage, idempotency records.

Revision ID: 2944b33c32ae
Revises:
Create Date: 2026-11-22 18:11:09
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2944b33c32ae"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


UNIT_KINDS = (
    "province",
    "district",
    "commune",
    "ward",
    "town",
    "special_zone",
    "village",
    "residential_group",
    "agency",
    "public_service_unit",
    "enterprise",
    "party_body",
    "front_body",
    "other",
)
WHERE_EXTERNAL = sa.text("external_source IS NOT NULL")


def upgrade() -> None:
    is_postgres = op.get_bind().dialect.name == "postgresql"
    if is_postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    op.create_table(
        "idempotency_records",
        sa.Column("scope", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("headers", sa.String(2000), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_idempotency_records")),
    )
    op.create_index(op.f("ix_idempotency_records_expires_at"), "idempotency_records", ["expires_at"])

    op.create_table(
        "unit_reorganizations",
        sa.Column(
            "kind",
            _enum("reorganizationkind", "merge", "split", "rename", "change_kind", "restructure"),
            nullable=False,
        ),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("legal_basis", sa.String(255), nullable=False),
        sa.Column("note", sa.String(2000), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("external_source", sa.String(64), nullable=True),
        sa.Column("external_id", sa.String(128), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_reorganizations")),
    )
    op.create_index(
        op.f("ix_unit_reorganizations_effective_date"), "unit_reorganizations", ["effective_date"]
    )
    op.create_index(
        "uq_unit_reorganizations_external_ref",
        "unit_reorganizations",
        ["external_source", "external_id"],
        unique=True,
        sqlite_where=WHERE_EXTERNAL,
        postgresql_where=WHERE_EXTERNAL,
    )

    op.create_table(
        "units",
        sa.Column("code", sa.String(35), nullable=False),
        sa.Column("code_family", sa.String(20), nullable=False),
        sa.Column("code_system", _enum("codesystem", "decision_124_2004", "decision_19_2025"), nullable=True),
        sa.Column("electronic_id", sa.String(35), nullable=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("name_key", sa.String(255), nullable=False),
        sa.Column("search_text", sa.String(400), nullable=False),
        sa.Column("kind", _enum("unitkind", *UNIT_KINDS), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        # "C" collation: byte order, so that a path prefix range is exactly a subtree.
        sa.Column(
            "path", sa.String(600).with_variant(sa.String(600, collation="C"), "postgresql"), nullable=False
        ),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("status", _enum("unitstatus", "active", "retired"), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("remote_area", sa.Boolean(), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("external_source", sa.String(64), nullable=True),
        sa.Column("external_id", sa.String(128), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["units.id"], name=op.f("fk_units_parent_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
    )
    op.create_index("uq_units_path", "units", ["path"], unique=True)
    op.create_index("ix_units_parent_name", "units", ["parent_id", "name_key", "id"])
    op.create_index("ix_units_name_key", "units", ["name_key", "id"])
    op.create_index("ix_units_code", "units", ["code"])
    live = sa.text("status = 'active'")
    op.create_index(
        "uq_units_live_code",
        "units",
        ["code_family", "code"],
        unique=True,
        sqlite_where=live,
        postgresql_where=live,
    )
    official = sa.text("code_system IS NOT NULL")
    op.create_index(
        "uq_units_official_code",
        "units",
        ["code_system", "code_family", "code"],
        unique=True,
        sqlite_where=official,
        postgresql_where=official,
    )
    op.create_index(
        "uq_units_external_ref",
        "units",
        ["external_source", "external_id"],
        unique=True,
        sqlite_where=WHERE_EXTERNAL,
        postgresql_where=WHERE_EXTERNAL,
    )
    if is_postgres:
        op.create_index(
            "ix_units_search_trgm",
            "units",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )

    op.create_table(
        "unit_lineage",
        sa.Column("reorganization_id", sa.Uuid(), nullable=False),
        sa.Column("predecessor_id", sa.Uuid(), nullable=False),
        sa.Column("successor_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["predecessor_id"],
            ["units.id"],
            name=op.f("fk_unit_lineage_predecessor_id_units"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["reorganization_id"],
            ["unit_reorganizations.id"],
            name=op.f("fk_unit_lineage_reorganization_id_unit_reorganizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["successor_id"],
            ["units.id"],
            name=op.f("fk_unit_lineage_successor_id_units"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "reorganization_id", "predecessor_id", "successor_id", name=op.f("pk_unit_lineage")
        ),
    )
    op.create_index("ix_unit_lineage_predecessor", "unit_lineage", ["predecessor_id"])
    op.create_index(op.f("ix_unit_lineage_successor_id"), "unit_lineage", ["successor_id"])


def downgrade() -> None:
    op.drop_table("unit_lineage")
    op.drop_table("units")
    op.drop_table("unit_reorganizations")
    op.drop_table("idempotency_records")
