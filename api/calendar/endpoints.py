"""HTTP routes of /api/v1/calendar: the days off and worked weekend days that deadlines skip."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.calendar import service
from api.calendar.models import CalendarDay
from api.calendar.repository import CalendarDayRepository
from api.calendar.schemas import CalendarDayRead, CalendarDayWrite, CalendarQuery, DueDate, WorkingDayQuery
from api.calendar.working_days import limit_end
from api.core.access import Authenticated, Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.permissions import Permission
from api.core.repository import current, repository
from api.core.responses import NATIONWIDE_ONLY, problems
from api.core.unit_of_work import Session, UnitOfWorkRoute

router = APIRouter(prefix="/calendar", tags=["calendar"], route_class=UnitOfWorkRoute)


CalendarDays = Annotated[CalendarDayRepository, repository(CalendarDayRepository)]
DayForUpdate = Annotated[CalendarDay, current(CalendarDayRepository, "day_id", for_update=True)]


@router.get(
    "/days",
    operation_id="calendar-days-list",
    summary="List days off and worked weekend days",
    response_model=list[CalendarDayRead],
)
async def list_days(
    days: CalendarDays, query: Annotated[CalendarQuery, Query()], _principal: Principal = Authenticated()
) -> list[CalendarDayRead]:
    """The exceptions to the Monday-Friday week, in date order: days off, and weekend days worked
    in exchange for a day off (`working_day`); every other weekday is a working day."""
    return [CalendarDayRead.model_validate(d) for d in await days.in_year(query.year)]


@router.get(
    "/due-date", operation_id="calendar-due-date-get", summary="Count a time limit", response_model=DueDate
)
async def due_date(
    session: Session, query: Annotated[WorkingDayQuery, Query()], _principal: Principal = Authenticated()
) -> DueDate:
    """The last day of a limit of `days` (working or calendar) days after `start`, as the petition
    deadlines count it: from the next day, ending on a working day."""
    due = await limit_end(session, query.start, query.days, query.basis)
    return DueDate(start=query.start, days=query.days, basis=query.basis, due_on=due)


@router.post(
    "/days",
    operation_id="calendar-days-create",
    summary="Add a day off or a worked weekend day",
    status_code=status.HTTP_201_CREATED,
    response_model=CalendarDayRead,
    responses=problems(
        403, 409, 422, codes={403: NATIONWIDE_ONLY, 409: ["duplicate_day"], 422: ["idempotency_key_reused"]}
    ),
)
async def create_day(
    session: Session,
    body: CalendarDayWrite,
    response: Response,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> CalendarDayRead:
    """Record the year's decision: Lunar New Year days, days off in lieu, weekend days worked in exchange.
    Limits already running keep their due dates; new ones count with the change."""
    day = await service.create_day(session, principal, body)
    set_etag(response, day.version)
    response.headers["Location"] = f"/api/v1/calendar/days/{day.id}"
    return CalendarDayRead.model_validate(day)


@router.put(
    "/days/{day_id:uuid}",
    operation_id="calendar-days-put",
    summary="Change a calendar day",
    response_model=CalendarDayRead,
    responses=problems(
        403,
        404,
        409,
        412,
        codes={403: NATIONWIDE_ONLY, 404: ["calendar_day_not_found"], 409: ["duplicate_day"]},
    ),
)
async def update_day(
    session: Session,
    day: DayForUpdate,
    body: CalendarDayWrite,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> CalendarDayRead:
    """Replace a day's date, kind, name or legal basis."""
    day = await service.update_day(session, principal, day, body, if_match)
    set_etag(response, day.version)
    return CalendarDayRead.model_validate(day)


@router.delete(
    "/days/{day_id:uuid}",
    operation_id="calendar-days-delete",
    summary="Remove a calendar day",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(403, 404, 412, codes={403: NATIONWIDE_ONLY, 404: ["calendar_day_not_found"]}),
)
async def delete_day(
    session: Session,
    day: DayForUpdate,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> Response:
    """Remove a day entered by mistake; the weekday becomes a working day again."""
    await service.delete_day(session, principal, day, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
