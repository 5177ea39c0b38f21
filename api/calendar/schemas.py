"""Request and response shapes of /api/v1/calendar."""

import uuid
from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from api.calendar.models import DayBasis, DayKind
from api.core.schemas import Input, Params, Schema


class CalendarDayWrite(Input):
    day: date = Field(examples=["2027-02-11"])
    kind: DayKind = Field(
        description="`day_off`: a holiday or a day off in lieu; `working_day`: a weekend day worked in exchange.",
        examples=["day_off"],
    )
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        examples=["Tết Nguyên đán Đinh Mùi"]
    )
    legal_basis: Annotated[str, StringConstraints(strip_whitespace=True, max_length=255)] | None = Field(
        None, examples=["Bộ luật Lao động 2019, Điều 112"]
    )


class CalendarDayRead(CalendarDayWrite):
    has_etag = True

    id: uuid.UUID


class CalendarQuery(Params):
    year: int | None = Field(None, ge=1990, le=2100, description="Only this year's days.")


class WorkingDayQuery(Params):
    start: date = Field(description="The event's day.")
    days: int = Field(ge=0, le=3650, description="How many days after it.")
    basis: DayBasis = Field(DayBasis.WORKING, description="`working` days or `calendar` days.")


class DueDate(Schema):
    start: date = Field(examples=["2026-02-12"])
    days: int = Field(examples=[5])
    basis: DayBasis = Field(examples=["working"])
    # Thursday 12 February 2026, then Friday 13 and, after the Tết days off (16-20), 23 to 26.
    due_on: date = Field(examples=["2026-02-26"])
