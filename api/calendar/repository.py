"""Every query on the working-day calendar: nationwide reference data, the same for every reader,
changed only by a nationwide principal."""

from datetime import date
from typing import Any

from sqlalchemy import extract, select

from api.calendar.models import CALENDAR_CACHE_KEY, CalendarDay, DayKind
from api.core.repository import ReferenceRepository
from api.core.shared_cache import cached


class CalendarDayRepository(ReferenceRepository[CalendarDay, Any]):
    model = CalendarDay
    not_found_code = "calendar_day_not_found"
    noun = "Calendar day"
    changes = "changes the calendar"

    async def in_year(self, year: int | None) -> list[CalendarDay]:
        stmt = self.select().order_by(CalendarDay.day)
        if year is not None:
            stmt = stmt.where(extract("year", CalendarDay.day) == year)
        return list(await self.session.scalars(stmt))

    async def holder_of(self, day: date) -> Any:
        """The id of the entry that already names `day`, if any."""
        return await self.session.scalar(select(CalendarDay.id).where(CalendarDay.day == day))

    async def exceptions(self, start: date, end: date) -> dict[date, DayKind]:
        """The exceptions to the Monday-Friday week in [start, end]."""
        return {day: kind for day, kind in (await self.every_exception()).items() if start <= day <= end}

    async def every_exception(self) -> dict[date, DayKind]:
        """Every exception to the Monday-Friday week, as the worker keeps them (a few dozen a
        year; read again when one changes): not to be changed by the caller."""
        return await cached(self.session, CALENDAR_CACHE_KEY, self._every_exception)

    async def _every_exception(self) -> dict[date, DayKind]:
        rows = await self.session.execute(select(CalendarDay.day, CalendarDay.kind))
        return {day: DayKind(kind) for day, kind in rows}
