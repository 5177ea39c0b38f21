"""Request and response shapes of a concluded team's recommendations
(/api/v1/inspections/teams/{team_id}/recommendations and /api/v1/inspections/recommendations)."""

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StringConstraints, computed_field, model_validator

from api.calendar.models import DayBasis
from api.core import clock
from api.core.external_ref import ExternalRef, ExternalRefQuery
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Input, Schema
from api.inspections.models import InspectionRecommendation as Recommendation
from api.inspections.models import InspectionRecommendationStatus
from api.inspections.recommendations.workflow import InspectionRecommendationAction, RecommendationActor
from api.units.schemas import UnitSummary
from api.units.scope import UnitFilter

# `closed` first: what is still followed up comes before what is verified closed, so by due date
# the overdue come first.
SORTING = Sorting(
    entity=Recommendation,
    fields={
        "closed": SortField("closed", "closed", bool),
        "due_on": SortField("due_on", "due_on", date),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="closed,due_on",
    tiebreak=SortField("id", "id", uuid.UUID),
)


RECOMMENDATION_ID_EXAMPLE = "4b6d8f0a-2c4e-4f6a-8b0c-2e4a6c8e0f1a"
TEAM_ID_EXAMPLE = "9c2e4b1a-7d3f-4a5e-8b6c-0d1e2f3a4b5c"
FINDING_ID_EXAMPLE = "3a5c7e9b-1d2f-4a6c-8e0b-2d4f6a8c0e1b"
OWNER_UNIT_EXAMPLE = "7e1d2c3b-4a5f-4e6d-9c8b-1a2f3e4d5c6b"
CONTENT_EXAMPLE = "Niêm yết công khai dự toán ngân sách xã năm 2026 tại trụ sở UBND và nhà văn hóa các xóm"
REPORT_EXAMPLE = "Đã niêm yết dự toán tại trụ sở UBND xã; đang niêm yết tại 12/15 nhà văn hóa xóm"

Content = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10000)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


class DueIn(Input):
    """A time limit counted from the team's conclusion date on the shared calendar
    (`GET /calendar/due-date` counts the same way)."""

    days: int = Field(ge=1, le=3650, description="How many days after the conclusion.", examples=[30])
    basis: DayBasis = Field(
        description="`calendar` days (a last day that is a day off moves to the next working day) or "
        "`working` days (weekends and days off skipped).",
        examples=["working"],
    )


def _one_due(due_on: date | None, due_in: DueIn | None, *, required: bool) -> None:
    """At most one way of giving the due date (exactly one on create); a null is no way at all."""
    given = [value for value in (due_on, due_in) if value is not None]
    if len(given) > 1:
        raise ValueError("give either due_on or due_in, not both")
    if required and not given:
        raise ValueError("give due_on (a date) or due_in (days after the conclusion)")


class RecommendationCreate(Input):
    """A recommendation of the team's conclusion. The due date is given either as `due_on` or as
    `due_in`, counted from the conclusion's date; exactly one of the two."""

    owner_unit_id: uuid.UUID = Field(
        description="The unit that must act: the organising unit or a unit below it.",
        examples=[OWNER_UNIT_EXAMPLE],
    )
    content: Content = Field(description="What the unit is asked to do.", examples=[CONTENT_EXAMPLE])
    finding_id: uuid.UUID | None = Field(
        None, description="The team's finding it answers, if any.", examples=[FINDING_ID_EXAMPLE]
    )
    due_on: date | None = Field(
        None, description="The due date; not before the conclusion's date.", examples=[None]
    )
    due_in: DueIn | None = Field(
        None,
        description="The due date as a time limit from the conclusion's date.",
        examples=[{"days": 30, "basis": "working"}],
    )
    external_ref: ExternalRef | None = Field(
        None, description="Where an integrator's copy of this recommendation lives; unique per source."
    )

    @model_validator(mode="after")
    def _exactly_one_due(self) -> "RecommendationCreate":
        _one_due(self.due_on, self.due_in, required=True)
        return self


class RecommendationUpdate(Input):
    """Fields to change; omitted (or null) fields stay as they are. A new due date is given as
    `due_on` or `due_in` (from the conclusion's date), not both; `finding_id: null` detaches the
    finding."""

    owner_unit_id: uuid.UUID | None = Field(None, examples=[OWNER_UNIT_EXAMPLE])
    content: Content | None = Field(None, examples=[CONTENT_EXAMPLE])
    finding_id: uuid.UUID | None = Field(None, examples=[FINDING_ID_EXAMPLE])
    due_on: date | None = Field(None, examples=["2026-06-30"])
    due_in: DueIn | None = Field(None, examples=[None])
    external_ref: ExternalRef | None = None

    @model_validator(mode="after")
    def _not_null(self) -> "RecommendationUpdate":
        for name in ("owner_unit_id", "content"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        _one_due(self.due_on, self.due_in, required=False)
        return self


class FollowUpClock(Schema):
    """`overdue` and `days_left` of a recommendation: computed from `due_on`, its state and today
    (Vietnam) whenever the answer is written, never stored."""

    if TYPE_CHECKING:
        due_on: date
        status: InspectionRecommendationStatus

    @computed_field(  # type: ignore[prop-decorator]
        description="Past its due date and not verified closed.", examples=[False]
    )
    @property
    def overdue(self) -> bool:
        return self.status != InspectionRecommendationStatus.VERIFIED_CLOSED and self.due_on < clock.today()

    @computed_field(  # type: ignore[prop-decorator]
        description="Calendar days until `due_on` (negative when overdue); null once verified closed.",
        examples=[12],
    )
    @property
    def days_left(self) -> int | None:
        if self.status == InspectionRecommendationStatus.VERIFIED_CLOSED:
            return None
        return (self.due_on - clock.today()).days


class RecommendationSummary(FollowUpClock):
    """A recommendation as lists show it."""

    id: uuid.UUID = Field(examples=[RECOMMENDATION_ID_EXAMPLE])
    team_id: uuid.UUID = Field(examples=[TEAM_ID_EXAMPLE])
    finding_id: uuid.UUID | None = Field(examples=[FINDING_ID_EXAMPLE])
    owner_unit: UnitSummary
    content: str = Field(examples=[CONTENT_EXAMPLE])
    due_on: date = Field(examples=["2026-12-08"])
    status: InspectionRecommendationStatus = Field(examples=["in_progress"])
    verified_on: date | None = Field(description="The date of `verify`.", examples=[None])
    external_ref: ExternalRef | None = Field(
        description="Where an integrator's copy of this recommendation lives: a list's export imports "
        "back by it, its team named by `team_id` (docs/imports.md).",
        examples=[None],
    )


class RecommendationRead(RecommendationSummary):
    has_etag = True

    owner_unit_id: uuid.UUID = Field(examples=[OWNER_UNIT_EXAMPLE])
    issued_on: date = Field(
        description="The date of the team's conclusion that issued it; the coverage report counts it "
        "in the period this date falls in.",
        examples=["2026-10-02"],
    )
    allowed_actions: list[InspectionRecommendationAction] = Field(
        description="What you may do now (`POST .../transitions`): the owner's moves for the owner's "
        "principals holding `inspections:report`, the organiser's for the organiser's holding "
        "`inspections:write`.",
        examples=[["report_done"]],
    )
    created_at: datetime = Field(examples=["2026-10-05T09:30:00Z"])
    updated_at: datetime = Field(examples=["2026-10-20T07:30:00Z"])


class RecommendationListQuery(PageQuery, ExternalRefQuery):
    sort: str | None = sort_parameter(SORTING)
    owner_within_unit_id: UnitFilter = Field(
        None, description="Only recommendations addressed to this unit or a unit below it."
    )
    within_unit_id: UnitFilter = Field(
        None, description="Only recommendations of teams organised by this unit or a unit below it."
    )
    team_id: uuid.UUID | None = Field(None, description="Only this team's recommendations.")
    status: list[InspectionRecommendationStatus] = Field(
        default_factory=list, description="Only these states (repeat)."
    )
    overdue: bool | None = Field(
        None,
        description="`true`: only those past their due date and not verified closed; `false`: the others.",
    )
    due_before: date | None = Field(None, description="Only those due before this date.")
    due_after: date | None = Field(None, description="Only those due after this date.")


class RecommendationTransitionRequest(Input):
    """An action and its data; `GET /inspections/recommendations/workflow` says who takes each and
    which fields it requires."""

    action: InspectionRecommendationAction = Field(examples=["start"])
    effective_on: date | None = Field(
        None,
        description="The date of the act; today if omitted. Not in the future, not before the team's "
        "conclusion nor the recommendation's previous act.",
        examples=["2026-10-20"],
    )
    reason: Reason | None = Field(
        None, description="For `reject_report` (required): what is still missing.", examples=[None]
    )
    note: Note | None = Field(None, examples=["Đã giao Văn phòng UBND xã thực hiện"])


class RecommendationEventRead(Schema):
    id: int = Field(examples=[1])
    occurred_at: datetime = Field(examples=["2026-10-20T08:00:00Z"])
    effective_on: date = Field(examples=["2026-10-20"])
    action: InspectionRecommendationAction = Field(examples=["start"])
    from_status: InspectionRecommendationStatus = Field(examples=["open"])
    to_status: InspectionRecommendationStatus = Field(examples=["in_progress"])
    actor_type: str = Field(examples=["user"])
    actor_name: str | None = Field(examples=["Nông Văn Hùng"])
    data: dict[str, str] = Field(
        description="The act's data: `reason`, `note`.", examples=[{"note": "Đã giao Văn phòng UBND xã"}]
    )


class RecommendationWorkflowMove(Schema):
    action: InspectionRecommendationAction = Field(examples=["start"])
    to: InspectionRecommendationStatus = Field(examples=["in_progress"])
    by: RecommendationActor = Field(
        description="`owner`: the principals of the unit the recommendation is addressed to "
        "(`inspections:report`); `organiser`: those of the team's organising unit (`inspections:write`).",
        examples=["owner"],
    )
    requires: list[str] = Field(examples=[[]])


class RecommendationWorkflowRead(Schema):
    initial: InspectionRecommendationStatus = Field(examples=["open"])
    terminal: list[InspectionRecommendationStatus] = Field(examples=[["verified_closed"]])
    states: dict[str, list[RecommendationWorkflowMove]]


class ProgressReportCreate(Input):
    text: Content = Field(description="What was done so far.", examples=[REPORT_EXAMPLE])
    reported_on: date | None = Field(
        None,
        description="The day the report speaks of; today if omitted. Not in the future, not before the "
        "team's conclusion.",
        examples=["2026-10-28"],
    )


class ProgressReportRead(Schema):
    id: uuid.UUID = Field(examples=["5c7e9a1b-3d5f-4b7c-9d1e-3f5a7b9c1d3e"])
    recommendation_id: uuid.UUID = Field(examples=[RECOMMENDATION_ID_EXAMPLE])
    unit_id: uuid.UUID = Field(description="The owner unit it was filed for.", examples=[OWNER_UNIT_EXAMPLE])
    reported_on: date = Field(examples=["2026-10-28"])
    text: str = Field(examples=[REPORT_EXAMPLE])
    actor_type: str = Field(examples=["user"])
    actor_name: str | None = Field(examples=["Nông Văn Hùng"])
    created_at: datetime = Field(examples=["2026-10-28T09:00:00Z"])
