"""People's Inspection Committees (Ban Thanh tra nhân dân) and Community Investment Supervision
Boards (Ban Giám sát đầu tư của cộng đồng): the committees, their terms, their members, and the
composition rules they are checked against.

Law 10/2022/QH15 on Grassroots Democracy (from 1 July 2023), Art. 35-42 and 59-60, and Decree
59/2023/NĐ-CP, Art. 13-17, say who sits on them; before 1 July 2023 Decree 159/2016/NĐ-CP did. The
numbers are data (`CommitteeCompositionRule`), each row with its article and validity, so a change
of law is a new row, not a code edit.

Dates: a term runs from `starts_on` up to `ended_on` (exclusive) or, while not ended, up to
`planned_end_on` (exclusive); a member sits from `joined_on` up to `left_on` (exclusive).
"""

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.committees.projects.models import InvestmentProject
from api.core.db import Base, Timestamps, UUIDPrimaryKey, string_enum, unique_where
from api.core.external_ref import ExternalRefColumns, unique_external_ref
from api.core.legal_rules import LegalRuleColumns
from api.units.models import Unit


class CommitteeKind(StrEnum):
    # Ban Thanh tra nhân dân ở xã, phường, đặc khu (Law 10/2022, Art. 35-40).
    PEOPLE_INSPECTION = "people_inspection"
    # Ban Thanh tra nhân dân ở cơ quan, đơn vị sự nghiệp công lập, doanh nghiệp nhà nước (Art. 59-60).
    PEOPLE_INSPECTION_AGENCY = "people_inspection_agency"
    # Ban Giám sát đầu tư của cộng đồng, one per investment project in a commune (Art. 41-42).
    INVESTMENT_SUPERVISION = "investment_supervision"


class CommitteeStatus(StrEnum):
    ACTIVE = "active"
    DISSOLVED = "dissolved"


class MemberRole(StrEnum):
    HEAD = "head"  # Trưởng ban
    DEPUTY_HEAD = "deputy_head"  # Phó Trưởng ban
    MEMBER = "member"  # Ủy viên


class JoinedBy(StrEnum):
    VILLAGE_MEETING_ELECTION = "village_meeting_election"  # bầu tại hội nghị thôn, tổ dân phố
    BY_ELECTION = "by_election"  # bầu bổ sung
    APPOINTMENT = "appointment"  # cử, chỉ định (agencies; the Front's members of a CISB)


class LeavingReason(StrEnum):
    TERM_END = "term_end"
    RESIGNATION = "resignation"
    DISMISSAL = "dismissal"  # bãi nhiệm
    DEATH = "death"
    MOVED = "moved"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"


class Constituency(StrEnum):
    """Whom a CISB member comes from (Decree 59/2023, Art. 17): the Front, the PIC or the residents."""

    FRONT = "front"
    PEOPLE_INSPECTION = "people_inspection"
    RESIDENT = "resident"


class RuleCheck(StrEnum):
    """What a composition rule requires; `value` is its number where it has one."""

    MIN_MEMBERS = "min_members"
    MAX_MEMBERS = "max_members"
    # Every village or residential group of the commune has a representative in the committee.
    ONE_PER_VILLAGE = "one_per_village"
    MAX_HEADS = "max_heads"
    MAX_DEPUTY_HEADS = "max_deputy_heads"
    MAX_RESIDENT_MEMBERS = "max_resident_members"
    # The term's planned length, in years, is at most `value`.
    MAX_TERM_YEARS = "max_term_years"
    # Eligibility: a member declares no commune post (official, civil servant, non-specialised worker).
    NO_COMMUNE_POST = "no_commune_post"
    # Eligibility: a CISB member declares no relation to the investor, contractor or consultant.
    NOT_RELATED_TO_PROJECT = "not_related_to_project"


class Enforcement(StrEnum):
    """What breaking a rule does: the change is refused, or the committee is only reported non-compliant."""

    REFUSE = "refuse"
    REPORT = "report"


class Committee(UUIDPrimaryKey, ExternalRefColumns, Timestamps, Base):
    __tablename__ = "committees"
    __audit__ = "committee"
    __audit_ignore__ = ("name_key", "search_text")

    kind: Mapped[CommitteeKind] = mapped_column(string_enum(CommitteeKind))
    # The commune, ward or special zone (a PIC or a CISB), or the agency (an agency PIC).
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(255))
    # The name folded (api/core/text.py): lists sort by it, "Đức" beside "Duc" on both databases.
    name_key: Mapped[str] = mapped_column(String(255))
    # The decision establishing it (quyết định công nhận / thành lập), its date, and the Fatherland
    # Front committee that decided it.
    established_document: Mapped[str | None] = mapped_column(String(100))
    established_on: Mapped[date | None]
    established_by: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[CommitteeStatus] = mapped_column(
        string_enum(CommitteeStatus), default=CommitteeStatus.ACTIVE
    )
    dissolved_on: Mapped[date | None]
    # The investment project a CISB supervises (api/committees/projects/); null for PICs.
    project_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("investment_projects.id", ondelete="RESTRICT")
    )
    notes: Mapped[str | None] = mapped_column(Text)
    # Name, document, decider and notes folded (api/core/text.py) for search without diacritics.
    search_text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    unit: Mapped[Unit] = relationship(lazy="raise")
    project: Mapped[InvestmentProject | None] = relationship(lazy="raise")

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.unit_id

    @property
    def dissolves_on(self) -> date | None:
        """A CISB dissolves when its project ends: the project's actual end, once recorded."""
        if self.project_id is None:
            return None
        return self.project.actual_end_on if self.project is not None else None

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_committees_unit_kind", "unit_id", "kind"),
        # One active board per investment project.
        unique_where(
            "uq_committees_active_project", "project_id", where="project_id IS NOT NULL AND status = 'active'"
        ),
        Index("ix_committees_name_key", "name_key", "id"),
        # A project's boards, the dissolved ones included (the subtree compliance report's lookup).
        Index("ix_committees_project", "project_id"),
        unique_external_ref("committees"),
        CheckConstraint(
            "dissolved_on IS NULL OR established_on IS NULL OR dissolved_on >= established_on",
            name="dissolved_after_established",
        ),
        Index(
            "ix_committees_search_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )


class CommitteeTerm(UUIDPrimaryKey, Timestamps, Base):
    """A term (nhiệm kỳ): a commune PIC's follows the village heads' term, which provinces set and
    sometimes extend, so its planned end is stored per term."""

    __tablename__ = "committee_terms"
    __audit__ = "committee_term"

    committee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"))
    # The committee's unit, copied (a committee never changes unit): where the term's events fall.
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    starts_on: Mapped[date]
    planned_end_on: Mapped[date]
    ended_on: Mapped[date | None]
    # The legal regime of the composition rules in force on `starts_on` (their `regime`): the rules
    # the term is checked against for its whole life.
    regime: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.unit_id

    @property
    def end(self) -> date:
        """First day the term is no longer in force."""
        return self.ended_on if self.ended_on is not None else self.planned_end_on

    def in_force(self, day: date) -> bool:
        return self.starts_on <= day < self.end

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_committee_terms_committee", "committee_id", "starts_on"),
        CheckConstraint("planned_end_on > starts_on", name="planned_end_after_start"),
        CheckConstraint("ended_on IS NULL OR ended_on > starts_on", name="ended_after_start"),
    )


class CommitteeMember(UUIDPrimaryKey, ExternalRefColumns, Timestamps, Base):
    """A person's seat in one term; one who left stays in the record of that term."""

    __tablename__ = "committee_members"
    __audit__ = "committee_member"
    __audit_ignore__ = ("search_text",)
    # Personal data: the log says it changed, never what it says.
    __audit_redact__ = ("contact",)

    committee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"))
    term_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("committee_terms.id", ondelete="CASCADE"))
    # The committee's unit, copied: scoping and audit.
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    full_name: Mapped[str] = mapped_column(String(200))
    gender: Mapped[Gender | None] = mapped_column(string_enum(Gender))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    ethnicity: Mapped[str | None] = mapped_column(String(64))
    # The village or residential group the member represents (commune PICs).
    represented_unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    occupation: Mapped[str | None] = mapped_column(String(200))
    # Personal data: shown only to those who may manage the committee.
    contact: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[MemberRole] = mapped_column(string_enum(MemberRole))
    constituency: Mapped[Constituency | None] = mapped_column(string_enum(Constituency))
    joined_by: Mapped[JoinedBy] = mapped_column(string_enum(JoinedBy))
    meeting_on: Mapped[date | None]
    votes_for: Mapped[int | None]
    voters: Mapped[int | None]
    joined_on: Mapped[date]
    left_on: Mapped[date | None]
    leaving_reason: Mapped[LeavingReason | None] = mapped_column(string_enum(LeavingReason))
    # The eligibility declaration (Law 10/2022, Art. 37 and 42).
    holds_commune_post: Mapped[bool] = mapped_column(Boolean, default=False)
    related_to_project_party: Mapped[bool] = mapped_column(Boolean, default=False)
    search_text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    represented_unit: Mapped[Unit | None] = relationship(lazy="raise", foreign_keys=[represented_unit_id])

    @property
    def audit_unit_id(self) -> uuid.UUID:
        return self.unit_id

    def sits_on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_committee_members_committee", "committee_id", "term_id", "joined_on"),
        Index("ix_committee_members_unit", "unit_id"),
        unique_external_ref("committee_members"),
        CheckConstraint("left_on IS NULL OR left_on > joined_on", name="left_after_joined"),
        CheckConstraint("votes_for IS NULL OR votes_for >= 0", name="votes_not_negative"),
    )


class CommitteeCompositionRule(UUIDPrimaryKey, LegalRuleColumns, Timestamps, Base):
    """A composition or eligibility rule of one kind of committee (api/core/legal_rules.py): its
    article, its validity and whether breaking it refuses the change or only makes the committee
    non-compliant. The shipped rows are written by the revision `committees`; `code` is the rule's
    stable public id, the one compliance answers and refusals name."""

    __tablename__ = "committee_composition_rules"
    __audit__ = "committee_composition_rule"

    code: Mapped[str] = mapped_column(String(64), unique=True)
    committee_kind: Mapped[CommitteeKind] = mapped_column(string_enum(CommitteeKind))
    requirement: Mapped[RuleCheck] = mapped_column(string_enum(RuleCheck))
    value: Mapped[int | None]
    # The rule applies only where the commune has fewer villages and residential groups than this.
    applies_below_villages: Mapped[int | None]
    enforcement: Mapped[Enforcement] = mapped_column(string_enum(Enforcement))
    # The legal regime the rule belongs to (`law-10-2022`, `decree-159-2016`): a term records the
    # regime of the rules in force on its first day.
    regime: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_committee_composition_rules_kind", "committee_kind", "valid_from"),
        CheckConstraint("value IS NULL OR value >= 0", name="value_not_negative"),
    )


# The tables of the committees' sub-resources, registered with the domain's models (api/models.py).
from api.committees.activities import models as _activities  # noqa: E402, F401
from api.committees.recommendations import models as _recommendations  # noqa: E402, F401
