"""Investment projects in communes (dự án đầu tư công, ODA, PPP, công trình do cộng đồng đóng góp...):
the projects a Community Investment Supervision Board (CISB) supervises, one active board per project
(Law 10/2022, Art. 41-42; Decree 59/2023, Art. 17). The board dissolves when its project ends.

Dates: a project is under way from `starts_on` up to `actual_end_on` (exclusive) or, while not ended,
with no end; `planned_end_on` is what the decision planned.
"""

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum
from api.core.external_ref import ExternalRefColumns, unique_external_ref
from api.units.models import Unit


class CapitalSource(StrEnum):
    STATE_BUDGET = "state_budget"  # ngân sách nhà nước
    ODA = "oda"  # vốn ODA, vốn vay ưu đãi
    PPP = "ppp"  # đối tác công tư
    COMMUNITY_CONTRIBUTION = "community_contribution"  # nhân dân đóng góp
    SPONSOR = "sponsor"  # tài trợ
    OTHER = "other"


class InvestmentProject(UUIDPrimaryKey, ExternalRefColumns, Timestamps, Base):
    __tablename__ = "investment_projects"
    __audit__ = "investment_project"
    __audit_ignore__ = ("name_key", "search_text")

    name: Mapped[str] = mapped_column(String(500))
    # The name folded (api/core/text.py): lists sort by it.
    name_key: Mapped[str] = mapped_column(String(500))
    investor: Mapped[str] = mapped_column(String(255))
    capital_source: Mapped[CapitalSource] = mapped_column(string_enum(CapitalSource))
    # Total investment in đồng (VND), an integer.
    total_investment: Mapped[int | None] = mapped_column(BigInteger)
    # The first of its location units: where its events fall (audit).
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    starts_on: Mapped[date]
    planned_end_on: Mapped[date | None]
    # The day the project ended (handed over, completed, stopped): its board is dissolved that day.
    actual_end_on: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(Text)
    # Name, investor and notes folded for search without diacritics.
    search_text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    locations: Mapped[list["InvestmentProjectUnit"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="InvestmentProjectUnit.position"
    )
    # Its boards (CISBs), the dissolved ones included; at most one active.
    boards: Mapped[list["Committee"]] = relationship(  # type: ignore[name-defined]  # noqa: F821
        "Committee", viewonly=True, lazy="raise", primaryjoin="Committee.project_id == InvestmentProject.id"
    )

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.unit_id

    def under_way(self, day: date) -> bool:
        return self.starts_on <= day and (self.actual_end_on is None or day < self.actual_end_on)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_investment_projects_name_key", "name_key", "id"),
        Index("ix_investment_projects_unit", "unit_id"),
        unique_external_ref("investment_projects"),
        CheckConstraint("total_investment IS NULL OR total_investment >= 0", name="investment_not_negative"),
        CheckConstraint(
            "planned_end_on IS NULL OR planned_end_on >= starts_on", name="planned_end_after_start"
        ),
        CheckConstraint("actual_end_on IS NULL OR actual_end_on >= starts_on", name="ended_after_start"),
        Index(
            "ix_investment_projects_search_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )


class InvestmentProjectUnit(Base):
    """A commune-level unit the project is located in; the first (`position` 0) is its `unit_id`."""

    __tablename__ = "investment_project_units"

    project_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("investment_projects.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)

    unit: Mapped[Unit] = relationship(lazy="raise")

    __table_args__ = (Index("ix_investment_project_units_unit", "unit_id", "project_id"),)
