"""A committee's activities (Decree 59/2023/NĐ-CP, Art. 14): its plans for a quarter, a half-year, a
year or its term, and each supervision or inspection activity, with the day its plan was sent to the
Fatherland Front committee, the commune chairman and the subject, and whether that notice came late.

The notice's length in working days and whether it is late are computed on the shared working-day
calendar when the activity is written (api/calendar/working_days.py), against the time rule in force
on the planned day (`CommitteeTimeRule`, a data row with its article): stored, so a list filters on
them; a later change of the calendar is taken into account at the activity's next change.
"""

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.calendar.models import DayBasis
from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum
from api.core.files import AttachedFile
from api.core.legal_rules import LegalRuleColumns


class ActivityKind(StrEnum):
    PLAN = "plan"  # kế hoạch hoạt động (quý, 6 tháng, năm, nhiệm kỳ)
    SUPERVISION = "supervision"  # giám sát
    INSPECTION = "inspection"  # kiểm tra


class PlanPeriod(StrEnum):
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    TERM = "term"


class SubjectKind(StrEnum):
    """Whom or what a supervision or inspection activity looks at (Law 10/2022, Art. 38)."""

    COMMUNE_AUTHORITY = "commune_authority"
    OFFICIAL = "official"
    PROJECT = "project"
    RESOLUTION_IMPLEMENTATION = "resolution_implementation"
    OTHER = "other"


class CommitteeActivity(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "committee_activities"
    __audit__ = "committee_activity"

    committee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"))
    # The committee's unit, copied (a committee never changes unit): scoping and audit.
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    kind: Mapped[ActivityKind] = mapped_column(string_enum(ActivityKind))
    title: Mapped[str] = mapped_column(String(300))
    # A plan's period and its days (end inclusive).
    period: Mapped[PlanPeriod | None] = mapped_column(string_enum(PlanPeriod))
    period_starts_on: Mapped[date | None]
    period_ends_on: Mapped[date | None]
    # A supervision or inspection activity's subject.
    subject_kind: Mapped[SubjectKind | None] = mapped_column(string_enum(SubjectKind))
    subject_description: Mapped[str | None] = mapped_column(Text)
    planned_on: Mapped[date | None]
    # What lists sort and filter by: a plan's first day, else the planned day.
    dated_on: Mapped[date]
    # The day the activity's plan was sent to the Front committee, the commune chairman and the subject.
    notice_sent_on: Mapped[date | None]
    # Working days from the notice to the planned day, counted on the shared calendar (Art. 14).
    notice_working_days: Mapped[int | None] = mapped_column(SmallInteger)
    notice_late: Mapped[bool] = mapped_column(Boolean, default=False)
    # The time rule the notice was checked against (its code).
    notice_rule_code: Mapped[str | None] = mapped_column(String(64))
    held_on: Mapped[date | None]
    findings: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.unit_id

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_committee_activities_committee", "committee_id", "dated_on"),
        Index("ix_committee_activities_unit", "unit_id"),
        CheckConstraint(
            "period_ends_on IS NULL OR period_starts_on IS NULL OR period_ends_on >= period_starts_on",
            name="period_ordered",
        ),
        CheckConstraint(
            "notice_sent_on IS NULL OR planned_on IS NULL OR notice_sent_on <= planned_on",
            name="notice_before_activity",
        ),
    )


class CommitteeActivityAttachment(UUIDPrimaryKey, AttachedFile, Base):
    """A file of an activity: the plan sent, the minutes, the evidence of its findings; the bytes live
    in storage under `storage_key`."""

    __tablename__ = "committee_activity_attachments"
    __audit__ = "committee_activity_attachment"
    # A file's name can carry a person's name; the digest identifies the file well enough.
    __audit_redact__ = ("filename",)

    # Its audit events fall in the activity's unit.
    activity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("committee_activities.id", ondelete="CASCADE"))

    __table_args__ = (
        Index("ix_committee_activity_attachments_activity", "activity_id", "uploaded_at", "id"),
    )


class TimePurpose(StrEnum):
    """What a committees' time rule counts."""

    # A supervision or inspection plan reaches its addressees at least N working days before (Art. 14).
    ACTIVITY_NOTICE = "activity_notice"
    # The authority answers a committee's recommendation within N days of receiving it.
    RECOMMENDATION_RESPONSE = "recommendation_response"


class CommitteeTimeRule(UUIDPrimaryKey, LegalRuleColumns, Timestamps, Base):
    """A time limit of the committees' work as data (api/core/legal_rules.py): how many days, counted
    how, with its article and validity. The shipped rows are written by the revision
    `committee_activities`; a value not confirmed from the text says so in its `note`."""

    __tablename__ = "committee_time_rules"
    __audit__ = "committee_time_rule"

    # The rule's stable public id; a change of law is a new rule with its own code.
    code: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[TimePurpose] = mapped_column(string_enum(TimePurpose))
    days: Mapped[int]
    day_basis: Mapped[DayBasis] = mapped_column(string_enum(DayBasis))

    __table_args__ = (
        Index("ix_committee_time_rules_purpose", "purpose", "valid_from"),
        CheckConstraint("days >= 0", name="days_not_negative"),
    )
