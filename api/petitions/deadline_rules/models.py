"""The legal time limits as rows: one per kind of case, stage and (optionally) flags, each with its
legal basis and validity, shipped by the petitions migration and changed by nationwide
administrators when the law changes. How a case's limit is chosen among them is in rules.py."""

from datetime import date

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from api.calendar.models import DayBasis
from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum
from api.petitions.models import PetitionKind, Stage


class DeadlineRule(UUIDPrimaryKey, Timestamps, Base):
    """One legal time limit: for a kind and stage, optionally only remote areas or complex cases.

    The most specific rule valid on the start date wins (a rule naming a flag beats one that
    leaves it open), so the law's table reads straight into rows."""

    __tablename__ = "petition_deadline_rules"
    __audit__ = "deadline_rule"

    kind: Mapped[PetitionKind] = mapped_column(string_enum(PetitionKind))
    stage: Mapped[Stage] = mapped_column(string_enum(Stage))
    remote_area: Mapped[bool | None]
    complex: Mapped[bool | None]
    days: Mapped[int]
    day_basis: Mapped[DayBasis] = mapped_column(string_enum(DayBasis))
    legal_basis: Mapped[str] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(String(500))
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_petition_deadline_rules_lookup", "kind", "stage"),)
