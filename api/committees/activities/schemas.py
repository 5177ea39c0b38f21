"""Request and response shapes of /api/v1/committees/{committee_id}/activities."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.calendar.models import DayBasis
from api.committees.activities.models import (
    ActivityKind,
    CommitteeActivity,
    PlanPeriod,
    SubjectKind,
    TimePurpose,
)
from api.core.legal_rules import LegalBasis, LegalRuleUpdate
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Input, Params, Schema

SORTING = Sorting(
    entity=CommitteeActivity,
    fields={
        "dated_on": SortField("dated_on", "dated_on", date),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="-dated_on",
    tiebreak=SortField("id", "id", uuid.UUID),
)

ACTIVITY_ID_EXAMPLE = "5e7a9c1b-3d5f-4a7c-9e1b-3d5f7a9c1b2d"
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]
TITLE_EXAMPLE = "Giám sát việc công khai dự toán ngân sách xã năm 2026"
SUBJECT_EXAMPLE = "Ủy ban nhân dân xã Hòa An: công khai dự toán ngân sách"
FINDINGS_EXAMPLE = "Dự toán đã niêm yết tại trụ sở UBND xã; chưa niêm yết tại 3/7 nhà văn hóa xóm."

KIND_DESCRIPTION = (
    "`plan`: the committee's plan for a `period` (quarter, half-year, year, term); `supervision` or "
    "`inspection`: one activity looking at a subject on a planned day."
)
NOTICE_DESCRIPTION = (
    "The day the activity's plan was sent to the commune Fatherland Front committee, the commune People's "
    "Committee chairman and the subject; not after the planned day, not in the future. Decree 59/2023/NĐ-CP, "
    "Art. 14 asks for at least 5 working days before the activity: a later notice is accepted and flagged "
    "(`notice_late`)."
)


class ActivityFields(Input):
    title: Title | None = Field(None, examples=[TITLE_EXAMPLE])
    period: PlanPeriod | None = Field(None, description="A plan's period.", examples=[None])
    period_starts_on: date | None = Field(None, description="A plan's first day.", examples=[None])
    period_ends_on: date | None = Field(None, description="A plan's last day (inclusive).", examples=[None])
    subject_kind: SubjectKind | None = Field(
        None, description="Whom or what a supervision or inspection looks at.", examples=["commune_authority"]
    )
    subject_description: Text | None = Field(None, examples=[SUBJECT_EXAMPLE])
    planned_on: date | None = Field(
        None, description="The day the supervision or inspection is planned for.", examples=["2026-09-07"]
    )
    notice_sent_on: date | None = Field(None, description=NOTICE_DESCRIPTION, examples=["2026-08-27"])
    held_on: date | None = Field(
        None, description="The day it was held; not before the notice, not in the future.", examples=[None]
    )
    findings: Text | None = Field(None, description="What it found.", examples=[None])
    notes: Text | None = Field(None, examples=[None])


class ActivityCreate(ActivityFields):
    """A plan needs `period`, `period_starts_on` and `period_ends_on`; a supervision or inspection needs
    `subject_kind` and `planned_on`."""

    kind: ActivityKind = Field(description=KIND_DESCRIPTION, examples=["supervision"])
    title: Title = Field(examples=[TITLE_EXAMPLE])


class ActivityUpdate(ActivityFields):
    """Fields to change; omitted fields stay, `null` clears an optional one. The kind never changes."""

    @model_validator(mode="after")
    def _not_null(self) -> "ActivityUpdate":
        if "title" in self.model_fields_set and self.title is None:
            raise ValueError("title cannot be null")
        return self


class ActivityRead(Schema):
    has_etag = True

    id: uuid.UUID = Field(examples=[ACTIVITY_ID_EXAMPLE])
    committee_id: uuid.UUID = Field(examples=["3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"])
    kind: ActivityKind = Field(description=KIND_DESCRIPTION, examples=["supervision"])
    title: str = Field(examples=[TITLE_EXAMPLE])
    period: PlanPeriod | None = Field(examples=[None])
    period_starts_on: date | None = Field(examples=[None])
    period_ends_on: date | None = Field(examples=[None])
    subject_kind: SubjectKind | None = Field(examples=["commune_authority"])
    subject_description: str | None = Field(examples=[SUBJECT_EXAMPLE])
    planned_on: date | None = Field(examples=["2026-09-07"])
    dated_on: date = Field(
        description="What lists sort and filter by: a plan's first day, else the planned day.",
        examples=["2026-09-07"],
    )
    notice_sent_on: date | None = Field(description=NOTICE_DESCRIPTION, examples=["2026-08-27"])
    notice_working_days: int | None = Field(
        description="Working days from the notice to the planned day on the shared calendar (the days after "
        "the notice up to and including the planned day, weekends and days off skipped); null without both days.",
        examples=[5],
    )
    notice_late: bool = Field(
        description="The notice came fewer working days ahead than the time rule asks (`notice_rule_id`).",
        examples=[False],
    )
    notice_rule_id: str | None = Field(
        description="The time rule the notice was checked against (`pic-activity-notice`), with its article.",
        examples=["pic-activity-notice"],
    )
    notice_required_working_days: int | None = Field(
        description="The working days the rule asks for.", examples=[5]
    )
    notice_legal_basis: str | None = Field(examples=["Nghị định 59/2023/NĐ-CP, Điều 14"])
    held_on: date | None = Field(examples=[None])
    findings: str | None = Field(examples=[FINDINGS_EXAMPLE])
    notes: str | None = Field(examples=[None])
    created_at: datetime = Field(examples=["2026-08-27T09:30:00Z"])
    updated_at: datetime = Field(examples=["2026-08-27T09:30:00Z"])


class ActivityListQuery(PageQuery, Params):
    kind: list[ActivityKind] = Field(default_factory=list, description="Only activities of these kinds.")
    dated_from: date | None = Field(None, description="Only those dated on or after this day (`dated_on`).")
    dated_to: date | None = Field(None, description="Only those dated on or before this day (`dated_on`).")
    notice_late: bool | None = Field(None, description="`true`: only those whose notice came late.")
    sort: str | None = sort_parameter(SORTING)


TIME_PURPOSE_DESCRIPTION = (
    "`activity_notice`: the working days a supervision or inspection plan is sent ahead (Decree 59/2023/NĐ-CP, "
    "Art. 14); `recommendation_response`: the days the authority has to answer a committee's recommendation."
)


class TimeRuleRead(Schema):
    has_etag = True

    id: str = Field(description="The rule's stable code.", examples=["pic-activity-notice"])
    purpose: TimePurpose = Field(description=TIME_PURPOSE_DESCRIPTION, examples=["activity_notice"])
    days: int = Field(examples=[5])
    day_basis: DayBasis = Field(
        description="`working` days (weekends and days off skipped) or `calendar` days.", examples=["working"]
    )
    valid_from: date = Field(examples=["2023-07-01"])
    valid_to: date | None = Field(description="First day it no longer applies.", examples=[None])
    legal_basis: str = Field(examples=["Nghị định 59/2023/NĐ-CP, Điều 14"])
    note: str | None = Field(examples=["At least 5 working days before the activity."])


class TimeRuleUpdate(LegalRuleUpdate):
    """A correction of a time rule; omitted fields stay, `null` clears `note` and `valid_to`. Its code and
    purpose never change: a new law is a new rule (close this one with `valid_to`)."""

    days: Annotated[int, Field(ge=0, le=3650)] | None = Field(None, examples=[5])
    day_basis: DayBasis | None = Field(None, examples=["working"])
    legal_basis: LegalBasis | None = Field(None, examples=["Nghị định 59/2023/NĐ-CP, Điều 14"])
    valid_from: date | None = Field(None, examples=["2023-07-01"])

    @model_validator(mode="after")
    def _not_null_rule(self) -> "TimeRuleUpdate":
        for name in ("days", "day_basis", "legal_basis", "valid_from"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self
