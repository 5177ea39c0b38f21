"""Inspections and supervisions of grassroots democracy: the topics checked, the annual and thematic
plans steering committees issue, and the teams formed under them with their members and target
units, moved through their workflow with an event per act.

A team's findings hang off one of its targets; its conclusion is part of the team (set by
`conclude`), with an optional text per target. Its recommendations (each with an owner unit, a due
date and a follow-up status, moved through a workflow of their own with an event per act and the
owner's progress reports) hang off the concluded team. A finding's evidence and a progress
report's proofs are stored files (`api.core.files`), each row hanging off its finding or report.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum, utcnow
from api.core.external_ref import ExternalRefColumns, unique_external_ref
from api.core.files import AttachedFile
from api.units.models import Unit


class InspectionPlanKind(StrEnum):
    ANNUAL = "annual"  # kế hoạch kiểm tra, giám sát hằng năm
    THEMATIC = "thematic"  # kế hoạch chuyên đề


class InspectionIssuer(StrEnum):
    """The body that issued a plan."""

    PROVINCIAL_STEERING_COMMITTEE = "provincial_steering_committee"  # Ban Chỉ đạo QCDC tỉnh
    COMMUNE_STEERING_COMMITTEE = "commune_steering_committee"  # Ban Chỉ đạo QCDC xã
    PARTY_COMMITTEE = "party_committee"  # cấp ủy
    PEOPLE_COMMITTEE = "people_committee"  # UBND
    FATHERLAND_FRONT = "fatherland_front"  # Ủy ban MTTQ


class InspectionTeamKind(StrEnum):
    INSPECTION = "inspection"  # đoàn kiểm tra
    SUPERVISION = "supervision"  # đoàn giám sát
    THEMATIC_SURVEY = "thematic_survey"  # đoàn khảo sát chuyên đề


class InspectionTeamStatus(StrEnum):
    PLANNED = "planned"
    ESTABLISHED = "established"  # the establishing decision is signed
    IN_PROGRESS = "in_progress"
    REPORTED = "reported"
    CONCLUDED = "concluded"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class TeamMemberRole(StrEnum):
    LEADER = "leader"  # trưởng đoàn
    MEMBER = "member"


class TargetStatus(StrEnum):
    PLANNED = "planned"
    NOTIFIED = "notified"  # the unit was told of the visit
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class FindingSeverity(StrEnum):
    MINOR = "minor"  # hạn chế nhỏ
    MODERATE = "moderate"
    SERIOUS = "serious"  # vi phạm nghiêm trọng


class InspectionRecommendationStatus(StrEnum):
    OPEN = "open"  # issued with the conclusion, not yet taken up by its owner
    IN_PROGRESS = "in_progress"
    REPORTED_DONE = "reported_done"  # the owner says it is done; the organiser checks
    VERIFIED_CLOSED = "verified_closed"


class TargetRating(StrEnum):
    """How the team rated a unit's implementation; the scale becomes configurable with the
    conclusions of a later revision."""

    GOOD = "good"
    FAIR = "fair"
    AVERAGE = "average"
    WEAK = "weak"


# Reference data the workers keep (api/core/shared_cache.py).
TOPICS_CACHE_KEY = "reference:inspection_topics"


class InspectionTopic(Base):
    """The configurable taxonomy of what is checked (publicity of information, village conventions, …)."""

    __tablename__ = "inspection_topics"
    __audit__ = "inspection_topic"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def cache_keys(self) -> set[str]:
        return {TOPICS_CACHE_KEY}


class InspectionPlan(UUIDPrimaryKey, ExternalRefColumns, Timestamps, Base):
    """A plan of inspections or supervisions issued by a body of the organising unit."""

    __tablename__ = "inspection_plans"
    __audit__ = "inspection_plan"
    __audit_ignore__ = ("search_text",)

    year: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[InspectionPlanKind] = mapped_column(string_enum(InspectionPlanKind))
    issuer: Mapped[InspectionIssuer] = mapped_column(string_enum(InspectionIssuer))
    document_number: Mapped[str] = mapped_column(String(64))
    issued_on: Mapped[date]
    organising_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    # Topic codes (inspection_topics.code): a short list written and read whole, so it is a
    # column of the plan and its changes show in the plan's audit events.
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    organising_unit: Mapped[Unit] = relationship(lazy="raise")

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.organising_unit_id

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_inspection_plans_unit_issued", "organising_unit_id", "issued_on", "id"),
        Index("ix_inspection_plans_issued", "issued_on", "id"),
        unique_external_ref("inspection_plans"),
    )


class InspectionTeam(UUIDPrimaryKey, ExternalRefColumns, Timestamps, Base):
    """An inspection or supervision team: who organises it, who sits on it, when, and which units
    it visits (`targets`)."""

    __tablename__ = "inspection_teams"
    __audit__ = "inspection_team"
    __audit_ignore__ = ("search_text",)

    plan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inspection_plans.id", ondelete="RESTRICT"))
    kind: Mapped[InspectionTeamKind] = mapped_column(string_enum(InspectionTeamKind))
    title: Mapped[str] = mapped_column(String(300))
    organising_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    status: Mapped[InspectionTeamStatus] = mapped_column(string_enum(InspectionTeamStatus))
    decision_number: Mapped[str | None] = mapped_column(String(64))
    decision_date: Mapped[date | None]
    decision_signer: Mapped[str | None] = mapped_column(String(200))
    planned_start: Mapped[date]
    planned_end: Mapped[date]
    actual_start: Mapped[date | None]
    actual_end: Mapped[date | None]
    # The conclusion (thông báo kết luận), set by `conclude`: its number, its date (the act's) and
    # what it concludes.
    conclusion_number: Mapped[str | None] = mapped_column(String(64))
    conclusion_date: Mapped[date | None]
    conclusion_summary: Mapped[str | None] = mapped_column(Text)
    # [{"full_name", "position", "organisation", "role", "user_id"}], in the order given: a team's
    # few members are written and read whole, and their changes show in the team's audit events.
    members: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    search_text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    organising_unit: Mapped[Unit] = relationship(lazy="raise")
    targets: Mapped[list["InspectionTarget"]] = relationship(
        order_by="InspectionTarget.position", cascade="all, delete-orphan", lazy="raise"
    )

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.organising_unit_id

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_inspection_teams_unit_start", "organising_unit_id", "planned_start", "id"),
        Index("ix_inspection_teams_start", "planned_start", "id"),
        Index("ix_inspection_teams_plan", "plan_id"),
        unique_external_ref("inspection_teams"),
        Index(
            "ix_inspection_teams_search_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )


class InspectionTarget(UUIDPrimaryKey, Base):
    """A unit a team visits, and how the visit went."""

    __tablename__ = "inspection_team_targets"
    __audit__ = "inspection_team_target"

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspection_teams.id", ondelete="CASCADE"))
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(default=0)
    status: Mapped[TargetStatus] = mapped_column(string_enum(TargetStatus), default=TargetStatus.PLANNED)
    visited_from: Mapped[date | None]
    visited_to: Mapped[date | None]
    self_assessment_received: Mapped[bool] = mapped_column(default=False)
    self_assessment_received_on: Mapped[date | None]
    rating: Mapped[TargetRating | None] = mapped_column(string_enum(TargetRating))
    notes: Mapped[str | None] = mapped_column(Text)
    # What the conclusion says of this unit, where it says something of its own.
    conclusion: Mapped[str | None] = mapped_column(Text)

    unit: Mapped[Unit] = relationship(lazy="raise")

    @property
    def audit_unit_id(self) -> uuid.UUID:
        # The visited unit: its own principals see what was recorded about it.
        return self.unit_id

    __table_args__ = (
        UniqueConstraint("team_id", "unit_id"),
        # Teams visible through a target, and the units a report counts as inspected.
        Index("ix_inspection_team_targets_unit", "unit_id", "team_id"),
    )


class InspectionFinding(UUIDPrimaryKey, Timestamps, Base):
    """What a team found at one of its targets about one topic, with the petitions that bear on it."""

    __tablename__ = "inspection_findings"
    __audit__ = "inspection_finding"

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspection_teams.id", ondelete="CASCADE"))
    target_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspection_team_targets.id", ondelete="CASCADE"))
    # The target's unit, kept on the row: a reader who does not see the organiser sees only the
    # findings about units of its jurisdiction, and the audit events fall in that unit.
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    topic: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[FindingSeverity] = mapped_column(string_enum(FindingSeverity))
    # Ids of petitions (petitions.id) the finding rests on: a short list written and read whole.
    petition_ids: Mapped[list[str]] = mapped_column(JSON, default=list)

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.unit_id

    __table_args__ = (
        Index("ix_inspection_findings_team", "team_id", "created_at", "id"),
        # The coverage report joins findings to the visits counted; a target's removal cascades.
        Index("ix_inspection_findings_target", "target_id"),
    )


class InspectionTeamEvent(Base):
    """An act in a team's life: who moved it, on which date, from which state to which, with what data."""

    __tablename__ = "inspection_team_events"

    # INTEGER on SQLite: only that type makes a rowid alias that autoincrements.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspection_teams.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    effective_on: Mapped[date]
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[InspectionTeamStatus] = mapped_column(string_enum(InspectionTeamStatus))
    to_status: Mapped[InspectionTeamStatus] = mapped_column(string_enum(InspectionTeamStatus))
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None]
    actor_name: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_inspection_team_events_team", "team_id", "id"),)


class InspectionRecommendation(UUIDPrimaryKey, ExternalRefColumns, Timestamps, Base):
    """What a concluded team's organiser asks a unit (the owner) to do, by when, and how far it got."""

    __tablename__ = "inspection_recommendations"
    __audit__ = "inspection_recommendation"

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspection_teams.id", ondelete="CASCADE"))
    # The finding it answers, if any; a finding removed with its target leaves the recommendation.
    finding_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("inspection_findings.id", ondelete="SET NULL")
    )
    # The unit that must act. It lies in the organiser's subtree, so whoever covers the organiser
    # covers it too: visibility is this one column.
    owner_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    content: Mapped[str] = mapped_column(Text)
    # The team's conclusion date, which issued it (a team is concluded once, and recommendations are
    # issued only while it is concluded): kept here so that what was issued in a period is counted
    # per owner on an index, without a probe of each one's team (the coverage report).
    issued_on: Mapped[date]
    due_on: Mapped[date]
    status: Mapped[InspectionRecommendationStatus] = mapped_column(
        string_enum(InspectionRecommendationStatus), default=InspectionRecommendationStatus.OPEN
    )
    # True once verified closed, kept beside the status so lists sort what is still followed up
    # first (the overdue at the top) on an index, without an expression that depends on today.
    closed: Mapped[bool] = mapped_column(default=False)
    verified_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    team: Mapped[InspectionTeam] = relationship(lazy="raise")
    owner_unit: Mapped[Unit] = relationship(lazy="raise")

    @property
    def audit_unit_id(self) -> uuid.UUID:
        # The owner's unit: its principals see the trail of what was asked of them.
        return self.owner_unit_id

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_inspection_recommendations_team", "team_id", "closed", "due_on", "id"),
        Index("ix_inspection_recommendations_owner", "owner_unit_id", "closed", "due_on", "id"),
        Index("ix_inspection_recommendations_owner_issued", "owner_unit_id", "issued_on", "closed", "due_on"),
        Index("ix_inspection_recommendations_due", "closed", "due_on", "id"),
        unique_external_ref("inspection_recommendations"),
    )


class InspectionRecommendationReport(UUIDPrimaryKey, Base):
    """A progress report the owner files on a recommendation: what was done, as of which day."""

    __tablename__ = "inspection_recommendation_reports"
    __audit__ = "inspection_recommendation_report"

    recommendation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("inspection_recommendations.id", ondelete="CASCADE")
    )
    # The owner when it reported: the audit event falls in its unit.
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    reported_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None]
    actor_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.unit_id

    __table_args__ = (
        Index("ix_inspection_recommendation_reports_rec", "recommendation_id", "reported_on", "id"),
    )


class InspectionFindingAttachment(UUIDPrimaryKey, AttachedFile, Base):
    """A file of a finding's evidence (minutes of the visit, a photo of a notice board, a document
    seen); the bytes live in storage under `storage_key`."""

    __tablename__ = "inspection_finding_attachments"
    __audit__ = "inspection_finding_attachment"
    # A file's name can carry a person's name; the digest identifies the file well enough.
    __audit_redact__ = ("filename",)

    # Its audit events fall in the finding's unit.
    finding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspection_findings.id", ondelete="CASCADE"))

    __table_args__ = (Index("ix_inspection_finding_attachments_finding", "finding_id", "uploaded_at", "id"),)


class InspectionReportAttachment(UUIDPrimaryKey, AttachedFile, Base):
    """A file the owner unit attaches to its progress report on a recommendation (a decision, a
    photo of what was done); the bytes live in storage under `storage_key`."""

    __tablename__ = "inspection_report_attachments"
    __audit__ = "inspection_report_attachment"
    __audit_redact__ = ("filename",)

    # Its audit events fall in the report's unit.
    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("inspection_recommendation_reports.id", ondelete="CASCADE")
    )

    __table_args__ = (Index("ix_inspection_report_attachments_report", "report_id", "uploaded_at", "id"),)


class InspectionRecommendationEvent(Base):
    """An act in a recommendation's follow-up: who moved it, on which date, from which state to which."""

    __tablename__ = "inspection_recommendation_events"

    # INTEGER on SQLite: only that type makes a rowid alias that autoincrements.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    recommendation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("inspection_recommendations.id", ondelete="CASCADE")
    )
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    effective_on: Mapped[date]
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[InspectionRecommendationStatus] = mapped_column(
        string_enum(InspectionRecommendationStatus)
    )
    to_status: Mapped[InspectionRecommendationStatus] = mapped_column(
        string_enum(InspectionRecommendationStatus)
    )
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None]
    actor_name: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_inspection_recommendation_events_rec", "recommendation_id", "id"),)
