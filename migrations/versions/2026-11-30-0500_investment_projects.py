"""Investment projects and the Community Investment Supervision Board supervising each: the projects
(capital source, investor, total investment, location units, dates) and `committees.project_id`, one
active board per project.

Revision ID: 5c1d7e9a2b40
Revises: ee5cee83fd22
Create Date: 2026-11-30 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c1d7e9a2b40"
down_revision: str | None = "ee5cee83fd22"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "investment_projects",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("name_key", sa.String(500), nullable=False),
        sa.Column("investor", sa.String(255), nullable=False),
        sa.Column("capital_source", sa.String(32), nullable=False),
        sa.Column("total_investment", sa.BigInteger(), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("planned_end_on", sa.Date(), nullable=True),
        sa.Column("actual_end_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("external_source", sa.String(64), nullable=True),
        sa.Column("external_id", sa.String(128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_investment_projects_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.CheckConstraint(
            "total_investment IS NULL OR total_investment >= 0",
            name=op.f("ck_investment_projects_investment_not_negative"),
        ),
        sa.CheckConstraint(
            "planned_end_on IS NULL OR planned_end_on >= starts_on",
            name=op.f("ck_investment_projects_planned_end_after_start"),
        ),
        sa.CheckConstraint(
            "actual_end_on IS NULL OR actual_end_on >= starts_on",
            name=op.f("ck_investment_projects_ended_after_start"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_investment_projects")),
    )
    op.create_index("ix_investment_projects_name_key", "investment_projects", ["name_key", "id"])
    op.create_index("ix_investment_projects_unit", "investment_projects", ["unit_id"])
    op.create_index(
        "uq_investment_projects_external_ref",
        "investment_projects",
        ["external_source", "external_id"],
        unique=True,
        sqlite_where=sa.text("external_source IS NOT NULL"),
        postgresql_where=sa.text("external_source IS NOT NULL"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index(
            "ix_investment_projects_search_trgm",
            "investment_projects",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )

    op.create_table(
        "investment_project_units",
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["investment_projects.id"],
            name=op.f("fk_investment_project_units_project_id_investment_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_investment_project_units_unit_id_units"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("project_id", "unit_id", name=op.f("pk_investment_project_units")),
    )
    op.create_index("ix_investment_project_units_unit", "investment_project_units", ["unit_id", "project_id"])

    with op.batch_alter_table("committees") as batch:
        batch.add_column(sa.Column("project_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_committees_project_id_investment_projects"),
            "investment_projects",
            ["project_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    op.create_index(
        "uq_committees_active_project",
        "committees",
        ["project_id"],
        unique=True,
        sqlite_where=sa.text("project_id IS NOT NULL AND status = 'active'"),
        postgresql_where=sa.text("project_id IS NOT NULL AND status = 'active'"),
    )


def downgrade() -> None:
    op.drop_index("uq_committees_active_project", table_name="committees")
    with op.batch_alter_table("committees") as batch:
        batch.drop_constraint(op.f("fk_committees_project_id_investment_projects"), type_="foreignkey")
        batch.drop_column("project_id")
    op.drop_table("investment_project_units")
    op.drop_table("investment_projects")
