"""Request and response shapes of /api/v1/inspections/teams."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.core.external_ref import ExternalRef, ExternalRefQuery
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Input, Schema
from api.inspections.models import (
    InspectionTeam,
    InspectionTeamKind,
    InspectionTeamStatus,
    TargetRating,
    TargetStatus,
    TeamMemberRole,
)
from api.inspections.plans.schemas import (
    PLAN_ID_EXAMPLE,
    TOPICS_EXAMPLE,
    DocumentNumber,
    Notes,
    Title,
    TopicCode,
)
from api.inspections.workflows import InspectionTeamAction
from api.units.schemas import UnitSummary
from api.units.scope import UnitFilter

SORTING = Sorting(
    entity=InspectionTeam,
    fields={
        "planned_start": SortField("planned_start", "planned_start", date),
        "created_at": SortField("created_at", "created_at", datetime),
        "title": SortField("title", "title"),
    },
    default="-planned_start",
    tiebreak=SortField("id", "id", uuid.UUID),
)


TEAM_ID_EXAMPLE = "9c2e4b1a-7d3f-4a5e-8b6c-0d1e2f3a4b5c"
TARGET_ID_EXAMPLE = "2f4a6c8e-0b1d-4e3f-a5b7-c9d1e3f5a7b9"
UNIT_ID_EXAMPLE = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"
TARGET_UNIT_EXAMPLE = "7e1d2c3b-4a5f-4e6d-9c8b-1a2f3e4d5c6b"

PersonName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
# A provincial team visits some tens of units; a thousand is a data entry error.
MAX_TARGETS = 1000
MAX_MEMBERS = 50


class TeamMember(Input):
    full_name: PersonName = Field(examples=["Hoàng Thị Lan"])
    position: Short | None = Field(
        None, description="The member's office.", examples=["Phó Trưởng ban Dân vận Tỉnh ủy"]
    )
    organisation: Short | None = Field(
        None, description="The body the member comes from.", examples=["Ban Dân vận Tỉnh ủy"]
    )
    role: TeamMemberRole = Field(
        TeamMemberRole.MEMBER,
        description="`leader` (trưởng đoàn) or `member`; an established team has exactly one leader.",
        examples=["leader"],
    )
    user_id: uuid.UUID | None = Field(
        None, description="The member's account, when the member signs in.", examples=[None]
    )


# Every field given: the contract's examples lose a member's null fields.
MEMBERS_EXAMPLE = [
    {
        "full_name": "Hoàng Thị Lan",
        "position": "Phó Trưởng ban Dân vận Tỉnh ủy",
        "organisation": "Ban Dân vận Tỉnh ủy",
        "role": "leader",
        "user_id": "5b7c9d1e-3f5a-4b7c-9d1e-3f5a7b9c1d3e",
    },
    {
        "full_name": "Nông Văn Hải",
        "position": "Phó Chủ tịch",
        "organisation": "Ủy ban MTTQ tỉnh",
        "role": "member",
        "user_id": "6c8d0e2f-4a6b-4c8d-8e0f-2a4b6c8d0e2f",
    },
]


class TeamCreate(Input):
    plan_id: uuid.UUID | None = Field(
        None,
        description="The plan the team carries out: one organised by the team's organising unit or a unit "
        "above it.",
        examples=[PLAN_ID_EXAMPLE],
    )
    kind: InspectionTeamKind = Field(
        description="`inspection` (kiểm tra), `supervision` (giám sát) or `thematic_survey` (khảo sát).",
        examples=["inspection"],
    )
    title: Title = Field(examples=["Đoàn kiểm tra thực hiện QCDC tại xã Hòa An năm 2026"])
    organising_unit_id: uuid.UUID = Field(
        description="The unit whose steering committee forms the team; inside your jurisdiction.",
        examples=[UNIT_ID_EXAMPLE],
    )
    decision_number: DocumentNumber | None = Field(
        None, description="The establishing decision's number, when already known.", examples=["25/QĐ-BCĐ"]
    )
    decision_signer: PersonName | None = Field(
        None, description="Who signed the establishing decision.", examples=["Nông Thị Thu"]
    )
    planned_start: date = Field(description="First day planned.", examples=["2026-09-07"])
    planned_end: date = Field(
        description="Last day planned; not before `planned_start`.", examples=["2026-09-18"]
    )
    topics: list[TopicCode] = Field(
        default_factory=list,
        max_length=20,
        description="Codes of the topics checked (`GET /inspections/topics`), each active.",
        examples=[TOPICS_EXAMPLE],
    )
    members: list[TeamMember] = Field(
        default_factory=list, max_length=MAX_MEMBERS, examples=[MEMBERS_EXAMPLE]
    )
    target_unit_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=MAX_TARGETS,
        description="The units visited: the organising unit or units below it, each existing through the "
        "planned period.",
        examples=[[TARGET_UNIT_EXAMPLE]],
    )
    external_ref: ExternalRef | None = Field(
        None, description="Where an integrator's copy of this team lives; unique per source."
    )


class TeamUpdate(Input):
    """Fields to change; omitted fields stay as they are. `target_unit_ids` replaces the targets:
    a unit kept keeps its visit's record, a unit left out loses it."""

    plan_id: uuid.UUID | None = Field(
        None, description="`null` detaches the team from its plan.", examples=[None]
    )
    kind: InspectionTeamKind | None = Field(None, examples=["supervision"])
    title: Title | None = Field(None, examples=["Đoàn giám sát thực hiện QCDC năm 2026"])
    organising_unit_id: uuid.UUID | None = Field(None, examples=[UNIT_ID_EXAMPLE])
    decision_number: DocumentNumber | None = Field(None, examples=["26/QĐ-BCĐ"])
    decision_signer: PersonName | None = Field(None, examples=["Nông Thị Thu"])
    planned_start: date | None = Field(None, examples=["2026-09-08"])
    planned_end: date | None = Field(None, examples=["2026-09-19"])
    topics: list[TopicCode] | None = Field(None, max_length=20, examples=[TOPICS_EXAMPLE])
    members: list[TeamMember] | None = Field(None, max_length=MAX_MEMBERS, examples=[MEMBERS_EXAMPLE])
    target_unit_ids: list[uuid.UUID] | None = Field(
        None, max_length=MAX_TARGETS, examples=[[TARGET_UNIT_EXAMPLE]]
    )
    external_ref: ExternalRef | None = None

    @model_validator(mode="after")
    def _not_null(self) -> "TeamUpdate":
        required = (
            "kind",
            "title",
            "organising_unit_id",
            "planned_start",
            "planned_end",
            "topics",
            "members",
        )
        for name in (*required, "target_unit_ids"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class InspectionTargetRead(Schema):
    id: uuid.UUID = Field(examples=[TARGET_ID_EXAMPLE])
    unit_id: uuid.UUID = Field(examples=[TARGET_UNIT_EXAMPLE])
    unit: UnitSummary
    status: TargetStatus = Field(examples=["done"])
    visited_from: date | None = Field(examples=["2026-09-08"])
    visited_to: date | None = Field(examples=["2026-09-09"])
    self_assessment_received: bool = Field(
        description="Whether the unit's self-assessment report reached the team.", examples=[True]
    )
    self_assessment_received_on: date | None = Field(examples=["2026-09-01"])
    rating: TargetRating | None = Field(examples=["fair"])
    notes: str | None = Field(examples=["Chưa niêm yết công khai dự toán ngân sách xã"])
    conclusion: str | None = Field(
        description="What the team's conclusion says of this unit.",
        examples=["Đề nghị UBND xã niêm yết công khai dự toán ngân sách trong tháng 10/2026"],
    )


class InspectionTargetUpdate(Input):
    """A visit's record; omitted fields stay as they are."""

    status: TargetStatus | None = Field(None, examples=["done"])
    visited_from: date | None = Field(None, description="Today or earlier.", examples=["2026-09-08"])
    visited_to: date | None = Field(
        None, description="Today or earlier, not before `visited_from`.", examples=["2026-09-09"]
    )
    self_assessment_received: bool | None = Field(None, examples=[True])
    self_assessment_received_on: date | None = Field(
        None, description="Only with `self_assessment_received`; today or earlier.", examples=["2026-09-01"]
    )
    rating: TargetRating | None = Field(None, examples=["fair"])
    notes: Notes | None = Field(None, examples=["Chưa niêm yết công khai dự toán ngân sách xã"])
    conclusion: Notes | None = Field(
        None,
        description="What the team's conclusion says of this unit.",
        examples=["Đề nghị UBND xã niêm yết công khai dự toán ngân sách trong tháng 10/2026"],
    )

    @model_validator(mode="after")
    def _not_null(self) -> "InspectionTargetUpdate":
        for name in ("status", "self_assessment_received"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class TeamSummary(Schema):
    """A team as lists show it."""

    id: uuid.UUID = Field(examples=[TEAM_ID_EXAMPLE])
    plan_id: uuid.UUID | None = Field(examples=[PLAN_ID_EXAMPLE])
    kind: InspectionTeamKind = Field(examples=["inspection"])
    title: str = Field(examples=["Đoàn kiểm tra thực hiện QCDC tại xã Hòa An năm 2026"])
    status: InspectionTeamStatus = Field(examples=["in_progress"])
    organising_unit: UnitSummary
    decision_number: str | None = Field(examples=["25/QĐ-BCĐ"])
    planned_start: date = Field(examples=["2026-09-07"])
    planned_end: date = Field(examples=["2026-09-18"])
    actual_start: date | None = Field(description="Set by `start`.", examples=["2026-09-08"])
    actual_end: date | None = Field(description="Set by `report`.", examples=[None])
    topics: list[str] = Field(examples=[TOPICS_EXAMPLE])
    decision_signer: str | None = Field(examples=["Nông Thị Thu"])
    external_ref: ExternalRef | None = Field(
        description="Where an integrator's copy of this team lives: a list's export imports back by it "
        "(docs/imports.md).",
        examples=[None],
    )


class TeamRead(TeamSummary):
    has_etag = True

    organising_unit_id: uuid.UUID = Field(examples=[UNIT_ID_EXAMPLE])
    decision_date: date | None = Field(description="The date of `establish`.", examples=["2026-09-01"])
    conclusion_number: str | None = Field(
        description="The conclusion's number, set by `conclude`.", examples=["41/TB-BCĐ"]
    )
    conclusion_date: date | None = Field(
        description="The conclusion's date: that of `conclude`.", examples=["2026-10-02"]
    )
    conclusion_summary: str | None = Field(
        description="What the conclusion says, set by `conclude`.",
        examples=[
            "Xã Hòa An thực hiện cơ bản đầy đủ các nội dung công khai; còn hạn chế về niêm yết ngân sách"
        ],
    )
    members: list[TeamMember] = Field(examples=[MEMBERS_EXAMPLE])
    targets: list[InspectionTargetRead] = Field(
        description="The units visited; a reader who does not see the organising unit gets only those "
        "inside its jurisdiction."
    )
    allowed_actions: list[InspectionTeamAction] = Field(
        description="What you may do now (`POST .../transitions`); empty unless your jurisdiction covers "
        "the organising unit and you hold `inspections:write`.",
        examples=[["report", "cancel"]],
    )
    created_at: datetime = Field(examples=["2026-08-20T09:30:00Z"])
    updated_at: datetime = Field(examples=["2026-09-08T07:30:00Z"])


class TeamListQuery(PageQuery, ExternalRefQuery):
    sort: str | None = sort_parameter(SORTING)
    year: int | None = Field(None, ge=2000, le=2100, description="Only teams planned to start in this year.")
    plan_id: uuid.UUID | None = Field(None, description="Only teams of this plan.")
    kind: list[InspectionTeamKind] = Field(default_factory=list, description="Only these kinds (repeat).")
    status: list[InspectionTeamStatus] = Field(
        default_factory=list, description="Only these states (repeat)."
    )
    topic: list[str] = Field(
        default_factory=list, max_length=20, description="Only teams checking one of these topics (repeat)."
    )
    within_unit_id: UnitFilter = Field(
        None, description="Only teams organised by this unit or a unit below it."
    )
    target_within_unit_id: UnitFilter = Field(
        None, description="Only teams visiting this unit or a unit below it."
    )
    q: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Words in the title or decision number; diacritics and case are ignored.",
    )


class TeamTransitionRequest(Input):
    """An action and its data; `GET /inspections/teams/workflow` says which fields each requires."""

    action: InspectionTeamAction = Field(examples=["establish"])
    effective_on: date | None = Field(
        None,
        description="The date of the act (the establishing decision's date, the first visit, ...); today "
        "if omitted. Not in the future, not before the team's previous act.",
        examples=["2026-09-01"],
    )
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = Field(
        None, examples=[None]
    )
    reason: Reason | None = Field(None, description="Why the team is cancelled.", examples=[None])
    decision_number: DocumentNumber | None = Field(
        None,
        description="For `establish`: the decision's number (the one recorded on the team if omitted).",
        examples=["25/QĐ-BCĐ"],
    )
    decision_signer: PersonName | None = Field(
        None, description="For `establish`: who signed the decision.", examples=["Nông Thị Thu"]
    )
    conclusion_number: DocumentNumber | None = Field(
        None, description="For `conclude` (required): the conclusion's number.", examples=[None]
    )
    conclusion_summary: Summary | None = Field(
        None, description="For `conclude` (required): what the conclusion says.", examples=[None]
    )


class TeamEventRead(Schema):
    id: int = Field(examples=[1])
    occurred_at: datetime = Field(examples=["2026-09-01T08:00:00Z"])
    effective_on: date = Field(examples=["2026-09-01"])
    action: InspectionTeamAction = Field(examples=["establish"])
    from_status: InspectionTeamStatus = Field(examples=["planned"])
    to_status: InspectionTeamStatus = Field(examples=["established"])
    actor_type: str = Field(examples=["user"])
    actor_name: str | None = Field(examples=["Hoàng Văn Nam"])
    data: dict[str, str] = Field(
        description="The act's data: `decision_number`, `decision_signer`, `conclusion_number`, `reason`, "
        "`note`.",
        examples=[{"decision_number": "25/QĐ-BCĐ"}],
    )


class TeamWorkflowMove(Schema):
    action: InspectionTeamAction = Field(examples=["establish"])
    to: InspectionTeamStatus = Field(examples=["established"])
    requires: list[str] = Field(examples=[[]])


class TeamWorkflowRead(Schema):
    initial: InspectionTeamStatus = Field(examples=["planned"])
    terminal: list[InspectionTeamStatus] = Field(examples=[["cancelled", "closed"]])
    states: dict[str, list[TeamWorkflowMove]]
