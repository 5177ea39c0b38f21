"""Request and response shapes of /api/v1/committees/projects: investment projects and their boards."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.committees.models import CommitteeStatus
from api.committees.projects.models import CapitalSource, InvestmentProject
from api.core.external_ref import ExternalRef, ExternalRefQuery
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Input, Schema
from api.units.schemas import UnitSummary
from api.units.scope import UnitFilter

SORTING = Sorting(
    entity=InvestmentProject,
    fields={
        "name": SortField("name", "name_key", str),
        "starts_on": SortField("starts_on", "starts_on", date),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="name",
    tiebreak=SortField("id", "id", uuid.UUID),
)

PROJECT_ID_EXAMPLE = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
COMMUNE_ID_EXAMPLE = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"
# Total investment at most a million billion đồng.
MAX_INVESTMENT = 10**15

ProjectName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Investor = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]

_CAPITAL = (
    "Where the money comes from: `state_budget`, `oda` (ODA and concessional loans), `ppp`, "
    "`community_contribution` (the residents' contributions), `sponsor`, `other`."
)


class ProjectCreate(Input):
    name: ProjectName = Field(
        description="The project's name.", examples=["Đường giao thông nông thôn xóm Nà Cạn - Bản Chang"]
    )
    investor: Investor = Field(
        description="The investor (chủ đầu tư).", examples=["Ủy ban nhân dân xã Xuân Trường"]
    )
    capital_source: CapitalSource = Field(description=_CAPITAL, examples=["state_budget"])
    total_investment: int | None = Field(
        None, ge=0, le=MAX_INVESTMENT, description="Total investment in đồng (VND).", examples=[4_500_000_000]
    )
    location_unit_ids: list[uuid.UUID] = Field(
        min_length=1,
        max_length=50,
        description="The communes, wards or special zones it is located in, at least one; the first is its "
        "main location. Each must lie in the caller's jurisdiction.",
        examples=[[COMMUNE_ID_EXAMPLE]],
    )
    starts_on: date = Field(description="The day it starts.", examples=["2026-03-02"])
    planned_end_on: date | None = Field(
        None, description="The day it is planned to end; on or after `starts_on`.", examples=["2026-12-31"]
    )
    actual_end_on: date | None = Field(
        None,
        description="The day it ended (completed, handed over or stopped); today or earlier. Its board is "
        "dissolved that day.",
        examples=[None],
    )
    notes: Notes | None = Field(
        None, description="Anything worth keeping.", examples=["Nhà nước và nhân dân cùng làm"]
    )
    external_ref: ExternalRef | None = Field(
        None, description="Where an integrator's copy of this project lives; unique per source."
    )


class ProjectUpdate(Input):
    """Fields to change; omitted fields stay. Recording `actual_end_on` dissolves the project's active
    board on that day, in the same transaction."""

    name: ProjectName | None = Field(None, examples=["Đường giao thông nông thôn xóm Nà Cạn"])
    investor: Investor | None = Field(None, examples=["Ủy ban nhân dân xã Xuân Trường"])
    capital_source: CapitalSource | None = Field(None, examples=["community_contribution"])
    total_investment: int | None = Field(None, ge=0, le=MAX_INVESTMENT, examples=[5_200_000_000])
    location_unit_ids: list[uuid.UUID] | None = Field(
        None, min_length=1, max_length=50, examples=[[COMMUNE_ID_EXAMPLE]]
    )
    starts_on: date | None = Field(None, examples=["2026-03-02"])
    planned_end_on: date | None = Field(None, examples=["2027-03-31"])
    actual_end_on: date | None = Field(None, examples=["2026-11-20"])
    notes: Notes | None = Field(None, examples=["Đã bàn giao đưa vào sử dụng"])
    external_ref: ExternalRef | None = None

    @model_validator(mode="after")
    def _not_null(self) -> "ProjectUpdate":
        for name in ("name", "investor", "capital_source", "location_unit_ids", "starts_on"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class ProjectBoard(Schema):
    """The project's Community Investment Supervision Board."""

    id: uuid.UUID = Field(examples=["7c1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6"])
    name: str = Field(examples=["Ban Giám sát đầu tư của cộng đồng công trình đường Nà Cạn"])
    status: CommitteeStatus = Field(examples=["active"])
    dissolved_on: date | None = Field(examples=[None])


class ProjectRead(Schema):
    has_etag = True

    id: uuid.UUID = Field(examples=[PROJECT_ID_EXAMPLE])
    name: str = Field(examples=["Đường giao thông nông thôn xóm Nà Cạn - Bản Chang"])
    investor: str = Field(examples=["Ủy ban nhân dân xã Xuân Trường"])
    capital_source: CapitalSource = Field(examples=["state_budget"])
    total_investment: int | None = Field(examples=[4_500_000_000])
    unit_id: uuid.UUID = Field(
        description="Its main location (the first of `locations`).", examples=[COMMUNE_ID_EXAMPLE]
    )
    locations: list[UnitSummary] = Field(description="The units it is located in, the main one first.")
    starts_on: date = Field(examples=["2026-03-02"])
    planned_end_on: date | None = Field(examples=["2026-12-31"])
    actual_end_on: date | None = Field(examples=[None])
    under_way: bool = Field(description="Started and not ended, today.", examples=[True])
    notes: str | None = Field(examples=[None])
    board: ProjectBoard | None = Field(
        description="Its active board, else the latest dissolved one; null when it never had one."
    )
    external_ref: ExternalRef | None = Field(examples=[None])
    created_at: datetime = Field(examples=["2026-03-15T09:30:00Z"])
    updated_at: datetime = Field(examples=["2026-03-15T09:30:00Z"])


class ProjectListQuery(PageQuery, ExternalRefQuery):
    sort: str | None = sort_parameter(SORTING)
    within_unit_id: UnitFilter = Field(
        None, description="Only projects located (in part) in this unit or a unit below it."
    )
    capital_source: list[CapitalSource] = Field(
        default_factory=list, description="Only these capital sources (repeat)."
    )
    under_way_on: date | None = Field(
        None, description="Only projects under way on this day: started, and not ended by then."
    )
    q: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Words in the name, investor or notes; diacritics and case are ignored.",
    )
