"""Reception quota rules: how many days each head must receive citizens in person, as data.

One row per rule, with its legal basis and the days it is in force (`LegalRuleColumns`): a change
in law is a new row, the old one closed the day before. The shipped rows are written by the
revision `reception_quota_rules`; a nationwide administrator adds and corrects them over the API.
`code` is the rule's stable public identifier (`commune-pc-chairman-monthly`), the one the
compliance report names in each requirement.
"""

from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum
from api.core.legal_rules import LegalRuleColumns
from api.receptions.models import HostRole


class Level(StrEnum):
    """The level a unit's kind puts it at (quotas.py maps kinds to levels)."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class Per(StrEnum):
    """The slot a quota is owed in (quotas.py says how slots are counted)."""

    WEEK = "week"
    MONTH = "month"


class ReceptionQuotaRule(UUIDPrimaryKey, LegalRuleColumns, Timestamps, Base):
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
