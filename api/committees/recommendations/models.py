"""A committee's recommendations to the authority (Law 10/2022/QH15, Art. 38-39; Decree 59/2023/NĐ-CP):
what it asks, of which unit, when sent, by when an answer is due, the authority's answer and the
follow-up until the committee closes it. A recommendation can become a petition (kiến nghị) of the
petitions domain, linked both ways: `petition_id` here, the petition's `external_ref` there.

`overdue` is computed from the dates on every read and filter, never by a job.
"""

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum
from api.units.models import Unit


class CommitteeRecommendationStatus(StrEnum):
    SENT = "sent"
    ANSWERED = "answered"
    CLOSED = "closed"


class AuthorityAnswer(StrEnum):
    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    REJECTED = "rejected"


class CommitteeRecommendation(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "committee_recommendations"
    __audit__ = "committee_recommendation"

    committee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"))
    # The committee's unit, copied: scoping and audit.
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    activity_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("committee_activities.id", ondelete="SET NULL")
    )
    content: Mapped[str] = mapped_column(Text)
    addressee_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    sent_on: Mapped[date]
    response_due_on: Mapped[date]
    # The time rule that gave the due date, when it was computed rather than given.
    response_rule_code: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[CommitteeRecommendationStatus] = mapped_column(string_enum(CommitteeRecommendationStatus))
    answer: Mapped[AuthorityAnswer | None] = mapped_column(string_enum(AuthorityAnswer))
    answer_measures: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[date | None]
    follow_up: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None]
    petition_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("petitions.id", ondelete="SET NULL"), unique=True
    )
    version: Mapped[int] = mapped_column(default=1)

    addressee_unit: Mapped[Unit] = relationship(lazy="raise", foreign_keys=[addressee_unit_id])

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.unit_id

    def overdue_on(self, day: date) -> bool:
        """Still unanswered after its due date."""
        return self.status == CommitteeRecommendationStatus.SENT and self.response_due_on < day

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_committee_recommendations_committee", "committee_id", "sent_on"),
        Index("ix_committee_recommendations_unit", "unit_id", "status", "response_due_on"),
        CheckConstraint("response_due_on >= sent_on", name="due_after_sent"),
        CheckConstraint("answered_on IS NULL OR answered_on >= sent_on", name="answered_after_sent"),
        CheckConstraint("closed_on IS NULL OR closed_on >= sent_on", name="closed_after_sent"),
    )
