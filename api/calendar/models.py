"""The working-day calendar: exceptions to "Monday to Friday are working days".

Public holidays and the days off the Government moves around them (nghỉ bù, hoán đổi) are
`day_off`; a weekend day worked in exchange (làm bù) is `working_day`. The table is data an
administrator keeps current each year, because the Government decides the Lunar New Year break
and the swaps anew every year. The days of 2025-2027 ship with the migrations that seed them
(the petitions revision, amended by the 2026 day swaps), each with its legal basis; a change of
shipped days is a new revision, and the tests read them back from a migrated database.
"""

from datetime import date
from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum


class DayKind(StrEnum):
    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


class DayBasis(StrEnum):
    """How a legal time limit counts its days."""

    CALENDAR = "calendar"
    WORKING = "working"


# The workers keep the calendar's exceptions (api/core/shared_cache.py).
CALENDAR_CACHE_KEY = "reference:calendar"


class CalendarDay(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "calendar_days"
    __audit__ = "calendar_day"

    day: Mapped[date] = mapped_column(unique=True)
    kind: Mapped[DayKind] = mapped_column(string_enum(DayKind))
    name: Mapped[str] = mapped_column(String(200))
    legal_basis: Mapped[str | None] = mapped_column(String(255))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    def cache_keys(self) -> set[str]:
        return {CALENDAR_CACHE_KEY}
