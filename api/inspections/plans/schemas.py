"""Request and response shapes of /api/v1/inspections/plans."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.core.external_ref import ExternalRef, ExternalRefQuery
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Input, Schema
from api.inspections.models import InspectionIssuer, InspectionPlan, InspectionPlanKind
from api.units.schemas import UnitSummary
from api.units.scope import UnitFilter

SORTING = Sorting(
    entity=InspectionPlan,
    fields={
        "issued_on": SortField("issued_on", "issued_on", date),
        "year": SortField("year", "year", int),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="-issued_on",
    tiebreak=SortField("id", "id", uuid.UUID),
)


PLAN_ID_EXAMPLE = "6a1f3c2e-8b4d-4e7a-9f0c-1d2e3f4a5b6c"
UNIT_ID_EXAMPLE = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
DocumentNumber = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
TopicCode = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Year = Annotated[int, Field(ge=2000, le=2100)]
TOPICS_EXAMPLE = ["publicity_of_information", "people_supervise"]


class PlanCreate(Input):
    year: Year = Field(description="The year the plan covers.", examples=[2026])
    title: Title = Field(examples=["Kế hoạch kiểm tra, giám sát thực hiện dân chủ ở cơ sở năm 2026"])
    kind: InspectionPlanKind = Field(
        description="`annual` (hằng năm) or `thematic` (chuyên đề).", examples=["annual"]
    )
    issuer: InspectionIssuer = Field(
        description="The body that issued the plan.", examples=["provincial_steering_committee"]
    )
    document_number: DocumentNumber = Field(description="The plan's document number.", examples=["15/KH-BCĐ"])
    issued_on: date = Field(
        description="The document's date; today or earlier, while the organising unit existed.",
        examples=["2026-01-15"],
    )
    organising_unit_id: uuid.UUID = Field(
        description="The unit whose body organises the plan; inside your jurisdiction.",
        examples=[UNIT_ID_EXAMPLE],
    )
    topics: list[TopicCode] = Field(
        default_factory=list,
        max_length=20,
        description="Codes of the topics checked (`GET /inspections/topics`), each active.",
        examples=[TOPICS_EXAMPLE],
    )
    notes: Notes | None = Field(None, examples=["Tập trung vào các xã mới sáp nhập"])
    external_ref: ExternalRef | None = Field(
        None, description="Where an integrator's copy of this plan lives; unique per source."
    )


class PlanUpdate(Input):
    """Fields to change; omitted fields stay as they are."""

    year: Year | None = Field(None, examples=[2026])
    title: Title | None = Field(None, examples=["Kế hoạch kiểm tra thực hiện QCDC năm 2026 (sửa đổi)"])
    kind: InspectionPlanKind | None = Field(None, examples=["thematic"])
    issuer: InspectionIssuer | None = Field(None, examples=["people_committee"])
    document_number: DocumentNumber | None = Field(None, examples=["16/KH-BCĐ"])
    issued_on: date | None = Field(None, examples=["2026-01-20"])
    organising_unit_id: uuid.UUID | None = Field(None, examples=[UNIT_ID_EXAMPLE])
    topics: list[TopicCode] | None = Field(None, max_length=20, examples=[TOPICS_EXAMPLE])
    notes: Notes | None = Field(None, examples=[None])
    external_ref: ExternalRef | None = None

    @model_validator(mode="after")
    def _not_null(self) -> "PlanUpdate":
        for name in (
            "year",
            "title",
            "kind",
            "issuer",
            "document_number",
            "issued_on",
            "organising_unit_id",
            "topics",
        ):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class PlanRead(Schema):
    has_etag = True

    id: uuid.UUID = Field(examples=[PLAN_ID_EXAMPLE])
    year: int = Field(examples=[2026])
    title: str = Field(examples=["Kế hoạch kiểm tra, giám sát thực hiện dân chủ ở cơ sở năm 2026"])
    kind: InspectionPlanKind = Field(examples=["annual"])
    issuer: InspectionIssuer = Field(examples=["provincial_steering_committee"])
    document_number: str = Field(examples=["15/KH-BCĐ"])
    issued_on: date = Field(examples=["2026-01-15"])
    organising_unit_id: uuid.UUID = Field(examples=[UNIT_ID_EXAMPLE])
    organising_unit: UnitSummary
    topics: list[str] = Field(examples=[TOPICS_EXAMPLE])
    notes: str | None = Field(examples=[None])
    external_ref: ExternalRef | None = Field(examples=[None])
    created_at: datetime = Field(examples=["2026-01-15T09:30:00Z"])
    updated_at: datetime = Field(examples=["2026-01-15T09:30:00Z"])


class PlanListQuery(PageQuery, ExternalRefQuery):
    sort: str | None = sort_parameter(SORTING)
    within_unit_id: UnitFilter = Field(
        None, description="Only plans organised by this unit or a unit below it."
    )
    year: int | None = Field(None, ge=2000, le=2100, description="Only plans for this year.")
    kind: list[InspectionPlanKind] = Field(default_factory=list, description="Only these kinds (repeat).")
    q: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Words in the title or document number; diacritics and case are ignored.",
    )
