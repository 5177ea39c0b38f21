"""Request and response shapes of /api/v1/committees/{committee_id}/recommendations."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints, computed_field, model_validator

from api.committees.recommendations.models import (
    AuthorityAnswer,
    CommitteeRecommendation,
    CommitteeRecommendationStatus,
)
from api.committees.recommendations.workflow import CommitteeRecommendationAction
from api.core import clock
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Input, Params, Schema
from api.petitions.models import PetitionChannel
from api.units.schemas import UnitSummary

SORTING = Sorting(
    entity=CommitteeRecommendation,
    fields={
        "response_due_on": SortField("response_due_on", "response_due_on", date),
        "sent_on": SortField("sent_on", "sent_on", date),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="response_due_on",
    tiebreak=SortField("id", "id", uuid.UUID),
)

RECOMMENDATION_ID_EXAMPLE = "8d0f2b4c-6e8a-4c0e-9b2d-4f6a8c0e2b4d"
UNIT_ID_EXAMPLE = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"
ACTIVITY_ID_EXAMPLE = "5e7a9c1b-3d5f-4a7c-9e1b-3d5f7a9c1b2d"
CONTENT_EXAMPLE = "Đề nghị UBND xã niêm yết công khai dự toán ngân sách năm 2026 tại nhà văn hóa các xóm."
MEASURES_EXAMPLE = "UBND xã đã chỉ đạo niêm yết tại 7/7 nhà văn hóa xóm trước ngày 15/10/2026."

Content = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10000)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10000)]
CategoryCode = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Subject = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]

DUE_DESCRIPTION = (
    "By when the authority answers; not before `sent_on`. Omitted, it is counted from `sent_on` by the time "
    "rule `pic-recommendation-response` in force that day (`GET /committees/time-rules`)."
)


class CommitteeRecommendationCreate(Input):
    content: Content = Field(description="What the committee recommends.", examples=[CONTENT_EXAMPLE])
    addressee_unit_id: uuid.UUID = Field(
        description="The authority it is addressed to: the committee's unit, a unit above it or below it, "
        "inside your jurisdiction.",
        examples=[UNIT_ID_EXAMPLE],
    )
    sent_on: date = Field(description="The day it was sent; not in the future.", examples=["2026-10-01"])
    response_due_on: date | None = Field(None, description=DUE_DESCRIPTION, examples=[None])
    activity_id: uuid.UUID | None = Field(
        None, description="The committee's activity it came from.", examples=[ACTIVITY_ID_EXAMPLE]
    )


class CommitteeRecommendationUpdate(Input):
    """Fields to change until it is closed; omitted fields stay. `follow_up` is the committee's note on
    what the authority has done since its answer; `activity_id: null` detaches the activity."""

    content: Content | None = Field(None, examples=[CONTENT_EXAMPLE])
    addressee_unit_id: uuid.UUID | None = Field(None, examples=[UNIT_ID_EXAMPLE])
    response_due_on: date | None = Field(None, examples=["2026-10-31"])
    activity_id: uuid.UUID | None = Field(None, examples=[None])
    answer_measures: Text | None = Field(None, examples=[MEASURES_EXAMPLE])
    follow_up: Text | None = Field(None, examples=["Đã kiểm tra: 7/7 xóm đã niêm yết."])

    @model_validator(mode="after")
    def _not_null(self) -> "CommitteeRecommendationUpdate":
        for name in ("content", "addressee_unit_id", "response_due_on"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class CommitteeRecommendationTransition(Input):
    action: CommitteeRecommendationAction = Field(
        description="`answer` (sent → answered) records the authority's answer; `close` (answered → closed) "
        "ends the follow-up.",
        examples=["answer"],
    )
    effective_on: date | None = Field(
        None,
        description="The day of the answer or of the closing; today if omitted; not in the future, not before "
        "the recommendation was sent or answered.",
        examples=["2026-10-20"],
    )
    answer: AuthorityAnswer | None = Field(
        None, description="The authority's answer (required to `answer`).", examples=["partly_accepted"]
    )
    answer_measures: Text | None = Field(
        None, description="The measures the authority takes.", examples=[MEASURES_EXAMPLE]
    )
    follow_up: Text | None = Field(None, examples=[None])


class PetitionFromRecommendation(Input):
    category: CategoryCode = Field(
        description="The petition's category (`GET /petitions/categories`), active.", examples=["land"]
    )
    channel: PetitionChannel = Field(
        PetitionChannel.FORWARDED,
        description="How the petition reached the authority.",
        examples=["forwarded"],
    )
    received_on: date | None = Field(
        None,
        description="The day the authority received it; the recommendation's `sent_on` if omitted.",
        examples=[None],
    )
    subject: Subject | None = Field(
        None,
        description="The petition's subject; the committee's name and the content's start if omitted.",
        examples=[None],
    )


class CommitteeRecommendationRead(Schema):
    has_etag = True

    id: uuid.UUID = Field(examples=[RECOMMENDATION_ID_EXAMPLE])
    committee_id: uuid.UUID = Field(examples=["3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"])
    activity_id: uuid.UUID | None = Field(examples=[ACTIVITY_ID_EXAMPLE])
    content: str = Field(examples=[CONTENT_EXAMPLE])
    addressee_unit_id: uuid.UUID = Field(examples=[UNIT_ID_EXAMPLE])
    addressee_unit: UnitSummary
    sent_on: date = Field(examples=["2026-10-01"])
    response_due_on: date = Field(examples=["2026-10-16"])
    response_rule_id: str | None = Field(
        description="The time rule the due date was counted by; null when it was given.",
        examples=["pic-recommendation-response"],
    )
    status: CommitteeRecommendationStatus = Field(examples=["answered"])
    answer: AuthorityAnswer | None = Field(examples=["partly_accepted"])
    answer_measures: str | None = Field(examples=[MEASURES_EXAMPLE])
    answered_on: date | None = Field(examples=["2026-10-20"])
    follow_up: str | None = Field(examples=[None])
    closed_on: date | None = Field(examples=[None])
    petition_id: uuid.UUID | None = Field(
        description="The petition (kiến nghị) it was turned into; that petition's `external_ref` names this "
        "recommendation (`source` `qcdc-committee-recommendation`).",
        examples=[None],
    )
    allowed_actions: list[CommitteeRecommendationAction] = Field(
        description="The actions its state allows now.", examples=[["close"]]
    )
    created_at: datetime = Field(examples=["2026-10-01T09:30:00Z"])
    updated_at: datetime = Field(examples=["2026-10-20T09:30:00Z"])

    @computed_field(  # type: ignore[prop-decorator]
        description="Still unanswered after `response_due_on` (computed from the dates and today).",
        examples=[False],
    )
    @property
    def overdue(self) -> bool:
        return self.status == CommitteeRecommendationStatus.SENT and self.response_due_on < clock.today()


class CommitteeRecommendationListQuery(PageQuery, Params):
    status: list[CommitteeRecommendationStatus] = Field(
        default_factory=list, description="Only recommendations in these states."
    )
    overdue: bool | None = Field(
        None, description="`true`: only those still unanswered after their due date; `false`: the others."
    )
    activity_id: uuid.UUID | None = Field(None, description="Only those that came from this activity.")
    sort: str | None = sort_parameter(SORTING)


class CommitteeRecommendationWorkflowMove(Schema):
    action: CommitteeRecommendationAction = Field(examples=["answer"])
    to: CommitteeRecommendationStatus = Field(examples=["answered"])
    requires: list[str] = Field(examples=[["answer"]])


class CommitteeRecommendationWorkflowRead(Schema):
    initial: CommitteeRecommendationStatus = Field(examples=["sent"])
    terminal: list[CommitteeRecommendationStatus] = Field(examples=[["closed"]])
    states: dict[str, list[CommitteeRecommendationWorkflowMove]]
