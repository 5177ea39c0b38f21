"""Citizen reception sessions (tiếp công dân) and dialogues held by the heads of a unit, and the
quota rules they are held against.

The Law on Citizen Reception 42/2013 (amended by Law 136/2025 from 1 July 2026) and Party
Regulation 11-QĐi/TW set how often each head must receive citizens in person; a session records
who received whom, where and when, and the petitions it produced link back to it.
"""

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum
from api.core.external_ref import ExternalRefColumns, unique_external_ref
from api.core.legal_rules import LegalRuleColumns
from api.units.models import Unit


class HostRole(StrEnum):
    PARTY_SECRETARY = "party_secretary"  # Bí thư cấp ủy
    PC_CHAIRMAN = "pc_chairman"  # Chủ tịch UBND
    PC_VICE_CHAIRMAN = "pc_vice_chairman"  # Phó Chủ tịch UBND
    OFFICER = "officer"  # cán bộ tiếp công dân
    OTHER = "other"


class ReceptionKind(StrEnum):
    REGULAR = "regular"  # định kỳ
    AD_HOC = "ad_hoc"  # đột xuất
    DIALOGUE_CITIZENS = "dialogue_citizens"  # đối thoại với Nhân dân
    DIALOGUE_BUSINESSES = "dialogue_businesses"  # đối thoại với doanh nghiệp


class ReceptionMode(StrEnum):
    IN_PERSON = "in_person"
    # Online reception, new Art. 3a of the Law on Citizen Reception (Law 136/2025).
    ONLINE = "online"


class ReceptionLevel(StrEnum):
    """The level a unit's kind puts it at (quotas.py maps kinds to levels)."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class QuotaPeriod(StrEnum):
    """The slot a quota is owed in (quotas.py says how slots are counted)."""

    WEEK = "week"
    MONTH = "month"


# The contract names them ReceptionLevel and QuotaPeriod; the counting code reads better short.
Level = ReceptionLevel
Per = QuotaPeriod


class ReceptionSession(UUIDPrimaryKey, ExternalRefColumns, Timestamps, Base):
    __tablename__ = "reception_sessions"
    __audit__ = "reception"
    # Derived from place, host and notes; their change is what the log should show.
    __audit_ignore__ = ("search_text",)

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    held_on: Mapped[date]
    kind: Mapped[ReceptionKind] = mapped_column(string_enum(ReceptionKind))
    mode: Mapped[ReceptionMode] = mapped_column(string_enum(ReceptionMode), default=ReceptionMode.IN_PERSON)
    place: Mapped[str] = mapped_column(String(255))
    host_name: Mapped[str] = mapped_column(String(200))
    host_role: Mapped[HostRole] = mapped_column(string_enum(HostRole))
    citizens_received: Mapped[int] = mapped_column(default=0)
    cases_received: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    # Place, host name and notes folded (api/core/text.py) for search without diacritics.
    search_text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    unit: Mapped[Unit] = relationship(lazy="raise")

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.unit_id

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_reception_sessions_unit_held", "unit_id", "held_on", "id"),
        Index("ix_reception_sessions_held", "held_on", "id"),
        unique_external_ref("reception_sessions"),
        CheckConstraint("citizens_received >= 0", name="citizens_received_not_negative"),
        CheckConstraint("cases_received >= 0", name="cases_received_not_negative"),
        # Substring search without diacritics; SQLite scans, which is fine at its scale.
        Index(
            "ix_reception_sessions_search_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )


class ReceptionQuotaRule(UUIDPrimaryKey, LegalRuleColumns, Timestamps, Base):
    """How many days a head of a level must receive citizens in person, per week or month.

    A legal rule (api/core/legal_rules.py): its legal basis and the days it is in force, so a
    change in law is a new row, the old one closed the day before. The shipped rows are written by
    the revision `reception_quota_rules`; a nationwide administrator adds and corrects them over
    the API (quota_rules/). `code` is the rule's stable public id (`commune-pc-chairman-monthly`),
    the one the compliance report names in each requirement."""

    __tablename__ = "reception_quota_rules"
    __audit__ = "reception_quota_rule"

    code: Mapped[str] = mapped_column(String(64), unique=True)
    level: Mapped[Level] = mapped_column(string_enum(Level))
    host_role: Mapped[HostRole] = mapped_column(string_enum(HostRole))
    days: Mapped[int]
    per: Mapped[Per] = mapped_column(string_enum(Per))

    __table_args__ = (
        Index("ix_reception_quota_rules_level_role", "level", "host_role"),
        CheckConstraint("days > 0", name="days_positive"),
    )
