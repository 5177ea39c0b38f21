"""Changing the working-day calendar: only a nationwide principal records the Government's decisions
(`CalendarDayRepository` refuses anyone else: a day changed or removed was loaded for update)."""

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.models import CalendarDay
from api.calendar.repository import CalendarDayRepository
from api.calendar.schemas import CalendarDayWrite
from api.core.access import Principal
from api.core.errors import Conflict
from api.core.etag import check_if_match


async def _check_free(repo: CalendarDayRepository, day: date, except_id: uuid.UUID | None = None) -> None:
    existing = await repo.holder_of(day)
    if existing is not None and existing != except_id:
        raise Conflict(f"{day.isoformat()} is already in the calendar.", code="duplicate_day")


async def create_day(session: AsyncSession, principal: Principal, data: CalendarDayWrite) -> CalendarDay:
    repo = CalendarDayRepository(session, principal)
    repo.check_may_change()
    await _check_free(repo, data.day)
    day = CalendarDay(**data.model_dump())
    session.add(day)
    await session.flush()
    return day


async def update_day(
    session: AsyncSession,
    principal: Principal,
    day: CalendarDay,
    data: CalendarDayWrite,
    if_match: str | None,
) -> CalendarDay:
    check_if_match(if_match, day.version)
    await _check_free(CalendarDayRepository(session, principal), data.day, day.id)
    for name, value in data.model_dump().items():
        setattr(day, name, value)
    await session.flush()
    return day


async def delete_day(
    session: AsyncSession, principal: Principal, day: CalendarDay, if_match: str | None
) -> None:
    check_if_match(if_match, day.version)
    await session.delete(day)
    await session.flush()
