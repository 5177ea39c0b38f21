"""People's Inspection Committees and Community Investment Supervision Boards: committees, terms,
members, and their composition rules as data, seeded with the rules of Law 10/2022/QH15, Decree
59/2023/NĐ-CP and, before 1 July 2023, Decree 159/2016/NĐ-CP.

Revision ID: ee5cee83fd22
Revises: a9a9c5bf2045
Create Date: 2026-11-30 02:00:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "ee5cee83fd22"
down_revision: str | None = "a9a9c5bf2045"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Law 10/2022/QH15 on Grassroots Democracy took effect on 1 July 2023 and replaced the regime of
# Decree 159/2016/NĐ-CP for the commune PIC.
LAW_10_IN_FORCE = date(2023, 7, 1)
DECREE_159_IN_FORCE = date(2017, 1, 15)
LAW = "law-10-2022"
OLD = "decree-159-2016"
PIC, AGENCY, CISB = "people_inspection", "people_inspection_agency", "investment_supervision"
REFUSE, REPORT = "refuse", "report"

# The shipped rules, as literals (never edit them here: a change of shipped data is a new revision).
# (code, committee_kind, requirement, value, applies_below_villages, enforcement, regime,
#  valid_from, valid_to, legal_basis, note)
RULES: list[tuple[str, str, str, int | None, int | None, str, str, date, date | None, str, str | None]] = [
    (
        "pic-min-members",
        PIC,
        "min_members",
        5,
        None,
        REPORT,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Luật 10/2022/QH15, Điều 36 khoản 1; Nghị định 59/2023/NĐ-CP, Điều 13",
        "At least 5 members.",
    ),
    (
        "pic-one-per-village",
        PIC,
        "one_per_village",
        None,
        None,
        REPORT,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Luật 10/2022/QH15, Điều 36 khoản 1; Nghị định 59/2023/NĐ-CP, Điều 13",
        "One member per village or residential group as the principle: a commune with 12 villages "
        "expects 12 members.",
    ),
    (
        "pic-max-members-few-villages",
        PIC,
        "max_members",
        5,
        5,
        REPORT,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Nghị định 59/2023/NĐ-CP, Điều 13",
        "At most 5 members where the commune has fewer than 5 villages and residential groups.",
    ),
    (
        "pic-max-deputy-heads",
        PIC,
        "max_deputy_heads",
        2,
        None,
        REPORT,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Nghị định 59/2023/NĐ-CP, Điều 13",
        "At most 2 deputy heads (unconfirmed: configurable).",
    ),
    (
        "pic-one-head",
        PIC,
        "max_heads",
        1,
        None,
        REFUSE,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Luật 10/2022/QH15, Điều 36 khoản 3",
        "One head (Trưởng ban) bears overall responsibility.",
    ),
    (
        "pic-no-commune-post",
        PIC,
        "no_commune_post",
        None,
        None,
        REFUSE,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Luật 10/2022/QH15, Điều 37",
        "A member may not at the same time be a commune official or civil servant, or a "
        "non-specialised worker at commune, village or residential-group level.",
    ),
    (
        "pic-2016-min-members",
        PIC,
        "min_members",
        5,
        None,
        REPORT,
        OLD,
        DECREE_159_IN_FORCE,
        LAW_10_IN_FORCE,
        "Nghị định 159/2016/NĐ-CP",
        "5 to 11 members (article and first day unconfirmed).",
    ),
    (
        "pic-2016-max-members",
        PIC,
        "max_members",
        11,
        None,
        REPORT,
        OLD,
        DECREE_159_IN_FORCE,
        LAW_10_IN_FORCE,
        "Nghị định 159/2016/NĐ-CP",
        "5 to 11 members (article and first day unconfirmed).",
    ),
    (
        "pic-2016-one-head",
        PIC,
        "max_heads",
        1,
        None,
        REFUSE,
        OLD,
        DECREE_159_IN_FORCE,
        LAW_10_IN_FORCE,
        "Nghị định 159/2016/NĐ-CP",
        "One head.",
    ),
    (
        "pic-2016-term-years",
        PIC,
        "max_term_years",
        2,
        None,
        REPORT,
        OLD,
        DECREE_159_IN_FORCE,
        LAW_10_IN_FORCE,
        "Nghị định 159/2016/NĐ-CP",
        "A 2-year term.",
    ),
    (
        "agency-pic-min-members",
        AGENCY,
        "min_members",
        3,
        None,
        REPORT,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Luật 10/2022/QH15, Điều 60 khoản 1",
        "3 to 9 members, elected by the conference of officials, public employees or workers.",
    ),
    (
        "agency-pic-max-members",
        AGENCY,
        "max_members",
        9,
        None,
        REPORT,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Luật 10/2022/QH15, Điều 60 khoản 1",
        "3 to 9 members; special or dispersed units may adjust.",
    ),
    (
        "agency-pic-one-head",
        AGENCY,
        "max_heads",
        1,
        None,
        REFUSE,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Luật 10/2022/QH15, Điều 60",
        "One head.",
    ),
    (
        "cisb-min-members",
        CISB,
        "min_members",
        5,
        None,
        REPORT,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Luật 10/2022/QH15, Điều 41 khoản 1",
        "At least 5 members from the commune Fatherland Front, the PIC and the residents where the "
        "project lies.",
    ),
    (
        "cisb-max-resident-members",
        CISB,
        "max_resident_members",
        5,
        None,
        REPORT,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Nghị định 59/2023/NĐ-CP, Điều 17",
        "Resident members, elected at a community meeting: at most 5.",
    ),
    (
        "cisb-max-deputy-heads",
        CISB,
        "max_deputy_heads",
        2,
        None,
        REPORT,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Nghị định 59/2023/NĐ-CP, Điều 17",
        "At most 2 deputy heads.",
    ),
    (
        "cisb-one-head",
        CISB,
        "max_heads",
        1,
        None,
        REFUSE,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Nghị định 59/2023/NĐ-CP, Điều 17",
        "One head.",
    ),
    (
        "cisb-no-commune-post",
        CISB,
        "no_commune_post",
        None,
        None,
        REFUSE,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Luật 10/2022/QH15, Điều 42",
        "A member may not be a commune official or civil servant.",
    ),
    (
        "cisb-not-related-to-project",
        CISB,
        "not_related_to_project",
        None,
        None,
        REFUSE,
        LAW,
        LAW_10_IN_FORCE,
        None,
        "Luật 10/2022/QH15, Điều 42",
        "A member may not be related to the investor, the contractor or the supervising consultant, "
        "nor manage the project directly.",
    ),
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


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
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
    op.create_table(
        "committees",
        _id(),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("name_key", sa.String(255), nullable=False),
        sa.Column("established_document", sa.String(100), nullable=True),
        sa.Column("established_on", sa.Date(), nullable=True),
        sa.Column("established_by", sa.String(255), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("dissolved_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_external_ref(),
        *_timestamps(),
        _fk("committees", "unit_id", "units.id", "RESTRICT"),
        sa.CheckConstraint(
            "dissolved_on IS NULL OR established_on IS NULL OR dissolved_on >= established_on",
            name=op.f("ck_committees_dissolved_after_established"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committees")),
    )
    op.create_index("ix_committees_unit_kind", "committees", ["unit_id", "kind"])
    op.create_index("ix_committees_name_key", "committees", ["name_key", "id"])
    _unique_external_ref("committees")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index(
            "ix_committees_search_trgm",
            "committees",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )

    op.create_table(
        "committee_terms",
        _id(),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("planned_end_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("regime", sa.String(64), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        _fk("committee_terms", "committee_id", "committees.id", "CASCADE"),
        _fk("committee_terms", "unit_id", "units.id", "RESTRICT"),
        sa.CheckConstraint(
            "planned_end_on > starts_on", name=op.f("ck_committee_terms_planned_end_after_start")
        ),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on > starts_on", name=op.f("ck_committee_terms_ended_after_start")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_terms")),
    )
    op.create_index("ix_committee_terms_committee", "committee_terms", ["committee_id", "starts_on"])

    op.create_table(
        "committee_members",
        _id(),
        sa.Column("committee_id", sa.Uuid(), nullable=False),
        sa.Column("term_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("gender", sa.String(32), nullable=True),
        sa.Column("birth_year", sa.SmallInteger(), nullable=True),
        sa.Column("ethnicity", sa.String(64), nullable=True),
        sa.Column("represented_unit_id", sa.Uuid(), nullable=True),
        sa.Column("occupation", sa.String(200), nullable=True),
        sa.Column("contact", sa.String(255), nullable=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("constituency", sa.String(32), nullable=True),
        sa.Column("joined_by", sa.String(32), nullable=False),
        sa.Column("meeting_on", sa.Date(), nullable=True),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("voters", sa.Integer(), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("leaving_reason", sa.String(32), nullable=True),
        sa.Column("holds_commune_post", sa.Boolean(), nullable=False),
        sa.Column("related_to_project_party", sa.Boolean(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_external_ref(),
        *_timestamps(),
        _fk("committee_members", "committee_id", "committees.id", "CASCADE"),
        _fk("committee_members", "term_id", "committee_terms.id", "CASCADE"),
        _fk("committee_members", "unit_id", "units.id", "RESTRICT"),
        _fk("committee_members", "represented_unit_id", "units.id", "RESTRICT"),
        sa.CheckConstraint(
            "left_on IS NULL OR left_on > joined_on", name=op.f("ck_committee_members_left_after_joined")
        ),
        sa.CheckConstraint(
            "votes_for IS NULL OR votes_for >= 0", name=op.f("ck_committee_members_votes_not_negative")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_members")),
    )
    op.create_index(
        "ix_committee_members_committee", "committee_members", ["committee_id", "term_id", "joined_on"]
    )
    op.create_index("ix_committee_members_unit", "committee_members", ["unit_id"])
    _unique_external_ref("committee_members")

    rules = op.create_table(
        "committee_composition_rules",
        _id(),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("committee_kind", sa.String(32), nullable=False),
        sa.Column("requirement", sa.String(32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("applies_below_villages", sa.Integer(), nullable=True),
        sa.Column("enforcement", sa.String(32), nullable=False),
        sa.Column("regime", sa.String(64), nullable=False),
        sa.Column("legal_basis", sa.String(255), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_composition_rules")),
        sa.UniqueConstraint("code", name=op.f("uq_committee_composition_rules_code")),
        sa.CheckConstraint(
            "value IS NULL OR value >= 0", name=op.f("ck_committee_composition_rules_value_not_negative")
        ),
    )
    op.create_index(
        "ix_committee_composition_rules_kind", "committee_composition_rules", ["committee_kind", "valid_from"]
    )
    # Ids are random and the stamps are the migration's instant; every value comes from the literals.
    now = datetime.now(UTC)
    op.bulk_insert(
        rules,
        [
            {
                "id": uuid.uuid4(),
                "code": code,
                "committee_kind": kind,
                "requirement": requirement,
                "value": value,
                "applies_below_villages": below,
                "enforcement": enforcement,
                "regime": regime,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "legal_basis": legal_basis,
                "note": note,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for (
                code,
                kind,
                requirement,
                value,
                below,
                enforcement,
                regime,
                valid_from,
                valid_to,
                legal_basis,
                note,
            ) in RULES
        ],
    )


def downgrade() -> None:
    op.drop_table("committee_composition_rules")
    op.drop_table("committee_members")
    op.drop_table("committee_terms")
    op.drop_table("committees")
