"""Request and response shapes of /api/v1/petitions/deadline-rules."""

import uuid
from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from api.calendar.models import DayBasis
from api.core.schemas import Input
from api.petitions.models import PetitionKind, Stage


class DeadlineRuleFields(Input):
    days: int = Field(ge=1, le=3650, examples=[30])
    day_basis: DayBasis = Field(examples=["calendar"])
    legal_basis: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)] = (
        Field(examples=["Luật Khiếu nại 2011, Điều 28"])
    )
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = Field(
        None, examples=[None]
    )
    valid_from: date = Field(examples=["2026-07-01"])
    valid_to: date | None = Field(None, description="First day it no longer applies.", examples=[None])


class DeadlineRuleCreate(DeadlineRuleFields):
    kind: PetitionKind = Field(examples=["complaint"])
    stage: Stage = Field(examples=["settlement"])
    remote_area: bool | None = Field(
        None, description="Only remote (true) or non-remote (false) areas; any if null.", examples=[False]
    )
    complex: bool | None = Field(
        None, description="Only complex (true) or simple (false) cases; any if null.", examples=[False]
    )


class DeadlineRuleUpdate(Input):
    days: int | None = Field(None, ge=1, le=3650, examples=[45])
    day_basis: DayBasis | None = Field(None, examples=[None])
    legal_basis: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)] | None
    ) = Field(None, examples=["Luật Khiếu nại 2011, Điều 28"])
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = Field(
        None, examples=["Corrected after Law 136/2025."]
    )
    valid_from: date | None = Field(None, examples=[None])
    valid_to: date | None = Field(None, examples=["2026-07-01"])


class DeadlineRuleRead(DeadlineRuleCreate):
    has_etag = True

    id: uuid.UUID
