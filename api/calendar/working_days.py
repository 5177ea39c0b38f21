"""Counting legal time limits in days or working days (Asia/Ho_Chi_Minh calendar).

A limit of N days counts from the day after the event (Civil Code 2015, Art. 147(1)); N working
days skip weekends and days off. When the last day of a limit falls on a day off, the limit ends
on the next working day (Civil Code 2015, Art. 148(5)).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.models import DayBasis, DayKind
from api.calendar.repository import CalendarDayRepository
from api.core.access import SYSTEM

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class WorkingCalendar:
    # Exceptions to the Monday-Friday week, by day.
    exceptions: dict[date, DayKind]

    def is_working_day(self, day: date) -> bool:
        kind = self.exceptions.get(day)
        if kind is not None:
            return kind == DayKind.WORKING_DAY
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start`."""
        day, counted = start, 0
        while counted < days:
            day += ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def add_days(self, start: date, days: int, *, roll_forward: bool = True) -> date:
        """`days` calendar days after `start`, moved to the next working day if it ends on a day off."""
        end = start + timedelta(days=days)
        return self.next_working_day(end) if roll_forward else end

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1 for i in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=i))
        )


async def load_calendar(session: AsyncSession, start: date, end: date) -> WorkingCalendar:
    """The calendar's exceptions in [start, end], enough to count any limit that ends inside."""
    return WorkingCalendar(await CalendarDayRepository(session, SYSTEM).exceptions(start, end))


def count(calendar: WorkingCalendar, start: date, days: int, basis: DayBasis) -> date:
    if basis == DayBasis.WORKING:
        return calendar.add_working_days(start, days)
    return calendar.add_days(start, days)


async def limit_end(session: AsyncSession, start: date, days: int, basis: DayBasis) -> date:
    """The last day of a limit of `days` after `start`, counted with every exception of the
    calendar (the worker keeps them: an import counts a limit for every case)."""
    calendar = WorkingCalendar(await CalendarDayRepository(session, SYSTEM).every_exception())
    return count(calendar, start, days, basis)
