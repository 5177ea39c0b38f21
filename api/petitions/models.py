"""Petitions: complaints (khiếu nại), denunciations (tố cáo), petitions (kiến nghị) and
reflections (phản ánh), their people, deadlines, events, attachments and links.

The denouncer's identity lives in its own table (`denouncer_identities`), never joined by any
list, search, export or event query: only `GET /petitions/{id}/identity`, behind
`petitions:confidential`, reads it, and every read is audited (Law on Denunciations 2018,
Art. 9 and 56; the name and address of a denouncer are a state secret at "Mật" level).
"""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship, synonym

from api.calendar.models import DayBasis
from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum, utcnow
from api.core.external_ref import ExternalRefColumns, unique_external_ref
from api.core.files import AttachedFile
from api.core.legal_rules import LegalRuleColumns
from api.units.models import Unit


class PetitionKind(StrEnum):
    COMPLAINT = "complaint"
    DENUNCIATION = "denunciation"
    PETITION = "petition"
    REFLECTION = "reflection"


class PetitionChannel(StrEnum):
    RECEPTION = "reception"  # at a citizen reception session
    MAIL = "mail"
    ONLINE_PORTAL = "online_portal"
    ONE_STOP = "one_stop"
    FORWARDED = "forwarded"  # forwarded by another body
    OTHER = "other"


# The contract's name is PetitionChannel; the domain's code says Channel.
Channel = PetitionChannel


class PetitionStatus(StrEnum):
    RECEIVED = "received"
    FORWARDED = "forwarded"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    VERIFYING = "verifying"
    DIALOGUE = "dialogue"
    DECIDED = "decided"
    EFFECTIVE = "effective"
    APPEALED = "appealed"
    SUED = "sued"
    CONCLUDED = "concluded"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    SUSPENDED = "suspended"


# The contract's name is PetitionStatus; the domain's code says Status.
Status = PetitionStatus


class PetitionOutcome(StrEnum):
    # Complaints (Decree 124/2020, Art. 29): the complaint is right, partly right, or wrong.
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    REJECTED = "rejected"
    # Denunciations: the denunciation is right, partly right, or untrue.
    SUBSTANTIATED = "substantiated"
    PARTLY_SUBSTANTIATED = "partly_substantiated"
    UNSUBSTANTIATED = "unsubstantiated"
    # Petitions and reflections: answered.
    ANSWERED = "answered"


# The contract's name is PetitionOutcome; the domain's code says Outcome.
Outcome = PetitionOutcome


class DeadlineStage(StrEnum):
    """A legal time limit; which ones bind the handling body and which the citizen is in rules.py."""

    COMPLAINT_FILING = "complaint_filing"
    ACCEPTANCE = "acceptance"
    ACCEPTANCE_NOTICE = "acceptance_notice"
    SETTLEMENT = "settlement"
    SETTLEMENT_SECOND = "settlement_second"
    EXTENSION = "extension"
    APPEAL_FILING = "appeal_filing"
    DECISION_EFFECT = "decision_effect"


# The contract's name is DeadlineStage; the domain's code says Stage.
Stage = DeadlineStage


class PetitionLinkKind(StrEnum):
    DUPLICATE = "duplicate"
    RELATED = "related"


# The contract's name is PetitionLinkKind; the domain's code says LinkKind.
LinkKind = PetitionLinkKind


class DeadlineState(StrEnum):
    """Where a case's earliest running limit stands today (api/petitions/deadlines.py)."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"


# Reference data the workers keep (api/core/shared_cache.py).
CATEGORIES_CACHE_KEY = "reference:petition_categories"
DEADLINE_RULES_CACHE_KEY = "reference:deadline_rules"


class PetitionCategory(Base):
    """The configurable taxonomy of subjects (land, social policy, conduct of officials, …)."""

    __tablename__ = "petition_categories"
    __audit__ = "petition_category"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def cache_keys(self) -> set[str]:
        return {CATEGORIES_CACHE_KEY}


class DeadlineRule(UUIDPrimaryKey, LegalRuleColumns, Timestamps, Base):
    """One legal time limit: for a kind and stage, optionally only remote areas or complex cases.

    The most specific rule valid on the start date wins (a rule naming a flag beats one that
    leaves it open), so the law's table reads straight into rows."""

    __tablename__ = "petition_deadline_rules"
    __audit__ = "deadline_rule"

    kind: Mapped[PetitionKind] = mapped_column(string_enum(PetitionKind))
    stage: Mapped[Stage] = mapped_column(string_enum(Stage))
    remote_area: Mapped[bool | None]
    complex: Mapped[bool | None]
    days: Mapped[int]
    day_basis: Mapped[DayBasis] = mapped_column(string_enum(DayBasis))

    __table_args__ = (Index("ix_petition_deadline_rules_lookup", "kind", "stage"),)

    def cache_keys(self) -> set[str]:
        return {DEADLINE_RULES_CACHE_KEY}


class Petition(UUIDPrimaryKey, ExternalRefColumns, Timestamps, Base):
    __tablename__ = "petitions"
    __audit__ = "petition"
    __audit_ignore__ = ("search_text",)

    reference: Mapped[str] = mapped_column(String(48))
    reference_year: Mapped[int]
    reference_seq: Mapped[int]
    kind: Mapped[PetitionKind] = mapped_column(string_enum(PetitionKind))
    channel: Mapped[Channel] = mapped_column(string_enum(Channel))
    received_on: Mapped[date]
    receiving_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    handling_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    subject: Mapped[str] = mapped_column(String(300))
    content: Mapped[str] = mapped_column(Text)
    category_code: Mapped[str] = mapped_column(ForeignKey("petition_categories.code", ondelete="RESTRICT"))
    within_authority: Mapped[bool | None]
    remote_area: Mapped[bool] = mapped_column(default=False)
    complex: Mapped[bool] = mapped_column(default=False)
    # A group case: how many people joined it (its petitioners name the representatives).
    head_count: Mapped[int] = mapped_column(default=1)
    anonymous: Mapped[bool] = mapped_column(default=False)
    status: Mapped[Status] = mapped_column(string_enum(Status))
    # The state to return to when a suspension ends.
    suspended_from: Mapped[Status | None] = mapped_column(string_enum(Status))
    suspended_on: Mapped[date | None]
    instance: Mapped[int] = mapped_column(default=1)
    outcome: Mapped[Outcome | None] = mapped_column(string_enum(Outcome))
    decision_number: Mapped[str | None] = mapped_column(String(64))
    decision_date: Mapped[date | None]
    extension_count: Mapped[int] = mapped_column(default=0)
    # The earliest open time limit, kept here so that lists filter and sort on it.
    due_on: Mapped[date | None]
    # `due_on`, or the last day there is when nothing runs: a non-null key to sort by urgency.
    due_sort: Mapped[date] = mapped_column(default=date.max)
    settled_on: Mapped[date | None]
    settled_on_time: Mapped[bool | None]
    closed_on: Mapped[date | None]
    contested_decision_known_on: Mapped[date | None]
    filed_out_of_time: Mapped[bool] = mapped_column(default=False)
    reception_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("reception_sessions.id", ondelete="SET NULL")
    )
    search_text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    # Loaded explicitly (PetitionRepository): a case with its units in one statement, its people
    # and clocks only where the case itself is read, never for a list.
    receiving_unit: Mapped[Unit] = relationship(foreign_keys=[receiving_unit_id], lazy="raise")
    handling_unit: Mapped[Unit] = relationship(foreign_keys=[handling_unit_id], lazy="raise")
    petitioners: Mapped[list["Petitioner"]] = relationship(
        order_by="Petitioner.position", cascade="all, delete-orphan", lazy="raise"
    )
    deadlines: Mapped[list["PetitionDeadline"]] = relationship(
        order_by="PetitionDeadline.started_on", cascade="all, delete-orphan", lazy="raise"
    )
    # The case's links as its reader may see them, read with the case itself
    # (`PetitionRepository.find`); None when not read.
    links_seen: Mapped[list[dict[str, Any]] | None] = query_expression()
    # The contract's name for the category column.
    category = synonym("category_code")

    @property
    def identity_confidential(self) -> bool:
        """A denunciation's people are denouncers, stored apart (`DenouncerIdentity`)."""
        return self.kind == PetitionKind.DENUNCIATION

    def hand_to(self, unit: Unit) -> None:
        """Make `unit` the case's handler (a forwarding, an appeal)."""
        self.handling_unit_id = unit.id
        self.handling_unit = unit

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.handling_unit_id

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("receiving_unit_id", "reference_year", "reference_seq"),
        Index("ix_petitions_handling_received", "handling_unit_id", "received_on", "id"),
        Index("ix_petitions_receiving_received", "receiving_unit_id", "received_on", "id"),
        Index("ix_petitions_received", "received_on", "id"),
        Index("ix_petitions_due", "due_sort", "id"),
        # Lists filtered by state and sorted by urgency (a province's overdue accepted cases).
        Index("ix_petitions_status_due", "status", "due_sort", "id"),
        Index("ix_petitions_reference", "reference"),
        Index("ix_petitions_reception", "reception_id"),
        unique_external_ref("petitions"),
        Index(
            "ix_petitions_search_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )


class PersonFields:
    full_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(400))
    identity_number: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    is_representative: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    # Keyed digest of the identity number: finds the same person across cases without the number.
    identity_digest: Mapped[str | None] = mapped_column(String(64), index=True)


class Petitioner(PersonFields, UUIDPrimaryKey, Base):
    """A complainant, petitioner or reflector (never a denouncer: see DenouncerIdentity)."""

    __tablename__ = "petitioners"
    __audit__ = "petitioner"
    __audit_redact__ = ("identity_digest",)
    __allow_unmapped__ = True
    audit_unit_id: uuid.UUID | None = None

    petition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)


class DenouncerIdentity(PersonFields, UUIDPrimaryKey, Base):
    """A denouncer: kept apart from the case and read only with `petitions:confidential`."""

    __tablename__ = "denouncer_identities"
    __audit__ = "denouncer_identity"
    # The audit log records that an identity was written, never what it says.
    __audit_redact__ = ("full_name", "address", "identity_number", "phone", "email", "identity_digest")

    petition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    # Set by whoever writes it, so its audit events fall in the case's jurisdiction.
    __allow_unmapped__ = True
    audit_unit_id: uuid.UUID | None = None


class PetitionDeadline(UUIDPrimaryKey, Base):
    """One running (or met) time limit of a case, with the rule it was computed from."""

    __tablename__ = "petition_deadlines"

    petition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    stage: Mapped[Stage] = mapped_column(string_enum(Stage))
    instance: Mapped[int] = mapped_column(default=1)
    started_on: Mapped[date]
    due_on: Mapped[date]
    # The day the limit stopped running: met, or made moot by a withdrawal or a forwarding.
    ended_on: Mapped[date | None]
    days: Mapped[int]
    # Added by extension decisions, and calendar days the case spent suspended.
    extended_days: Mapped[int] = mapped_column(default=0)
    paused_days: Mapped[int] = mapped_column(default=0)
    day_basis: Mapped[DayBasis] = mapped_column(string_enum(DayBasis))
    legal_basis: Mapped[str] = mapped_column(String(255))
    rule_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("petition_deadline_rules.id", ondelete="SET NULL")
    )


class PetitionEvent(Base):
    """An entry in a case's history: who did what, when, from which state to which, with what data.

    Never holds a denouncer's identity: the data is the transition's, which has no identity field."""

    __tablename__ = "petition_events"

    # INTEGER on SQLite: only that type makes a rowid alias that autoincrements.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    petition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    effective_on: Mapped[date]
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[Status | None] = mapped_column(string_enum(Status))
    to_status: Mapped[Status] = mapped_column(string_enum(Status))
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None]
    actor_name: Mapped[str | None] = mapped_column(String(200))
    handling_unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_petition_events_petition", "petition_id", "id"),)


class PetitionLink(Base):
    """`petition_id` duplicates or relates to `other_id` (stored once per pair and direction)."""

    __tablename__ = "petition_links"
    __audit__ = "petition_link"

    petition_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    kind: Mapped[LinkKind] = mapped_column(string_enum(LinkKind))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __allow_unmapped__ = True
    audit_unit_id: uuid.UUID | None = None


class Attachment(UUIDPrimaryKey, AttachedFile, Base):
    """A scanned document or decision; the bytes live in storage under `storage_key`.

    `confidential` files (a denouncer's handwriting, identity papers) are listed and served only
    to principals with `petitions:confidential`."""

    __tablename__ = "petition_attachments"
    __audit__ = "petition_attachment"
    # A file's name can carry a person's name; the digest identifies the file well enough.
    __audit_redact__ = ("filename",)

    petition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    confidential: Mapped[bool] = mapped_column(default=False)


class ReferenceCounter(Base):
    """The last reference number given per receiving unit and year."""

    __tablename__ = "petition_reference_counters"

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int]
