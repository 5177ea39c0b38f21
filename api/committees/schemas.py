"""Request and response shapes of /api/v1/committees: committees, their terms and members."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.committees.models import (
    Committee,
    CommitteeKind,
    CommitteeMember,
    CommitteeStatus,
    Constituency,
    Gender,
    JoinedBy,
    LeavingReason,
    MemberRole,
)
from api.core.external_ref import ExternalRef, ExternalRefQuery
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Input, Params, Schema
from api.units.schemas import UnitSummary
from api.units.scope import UnitFilter

SORTING = Sorting(
    entity=Committee,
    fields={
        "name": SortField("name", "name_key", str),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="name",
    tiebreak=SortField("id", "id", uuid.UUID),
)

COMMITTEE_ID_EXAMPLE = "7c1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6"
TERM_ID_EXAMPLE = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"
MEMBER_ID_EXAMPLE = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
UNIT_ID_EXAMPLE = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"
VILLAGE_ID_EXAMPLE = "4f3e2d1c-0b9a-4887-a665-544332211009"

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
Document = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Decider = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
PersonName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Occupation = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Contact = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
# Nobody sits on a committee born before this year, nor after today's (the service checks the latter).
FIRST_BIRTH_YEAR = 1900
MAX_VOTES = 1_000_000


# Committees


class CommitteeCreate(Input):
    kind: CommitteeKind = Field(
        description="`people_inspection`: a commune's, ward's or special zone's PIC; `people_inspection_agency`: "
        "an agency's, public service unit's or state-owned enterprise's PIC; `investment_supervision`: a "
        "community investment supervision board (CISB) in a commune.",
        examples=["people_inspection"],
    )
    unit_id: uuid.UUID = Field(
        description="The commune, ward or special zone (a PIC or a CISB), or the agency, public service unit or "
        "enterprise (an agency PIC); it never changes.",
        examples=[UNIT_ID_EXAMPLE],
    )
    name: Name = Field(description="The committee's name.", examples=["Ban Thanh tra nhân dân xã Hòa An"])
    established_document: Document | None = Field(
        None, description="Number of the decision recognising or establishing it.", examples=["12/QĐ-MTTQ"]
    )
    established_on: date | None = Field(
        None, description="Date of that decision; today or earlier.", examples=["2024-03-15"]
    )
    established_by: Decider | None = Field(
        None,
        description="The Fatherland Front committee that decided it.",
        examples=["Ủy ban MTTQ Việt Nam xã Hòa An"],
    )
    notes: Notes | None = Field(None, description="Anything worth keeping.", examples=["Nhiệm kỳ 2024-2027"])
    project_id: uuid.UUID | None = Field(
        None,
        description="For a CISB only: the investment project it supervises (`/committees/projects`), located "
        "in the board's unit, not ended, and without another active board; it never changes.",
        examples=[None],
    )
    external_ref: ExternalRef | None = Field(
        None, description="Where an integrator's copy of this committee lives; unique per source."
    )


class CommitteeUpdate(Input):
    """Fields to change; omitted fields stay. Its kind and unit never change. Setting `dissolved_on`
    dissolves the committee; clearing it makes it active again."""

    name: Name | None = Field(None, examples=["Ban Thanh tra nhân dân xã Hòa An"])
    established_document: Document | None = Field(None, examples=["12/QĐ-MTTQ"])
    established_on: date | None = Field(None, examples=["2024-03-15"])
    established_by: Decider | None = Field(None, examples=["Ủy ban MTTQ Việt Nam xã Hòa An"])
    dissolved_on: date | None = Field(None, description="The day it was dissolved.", examples=["2026-10-01"])
    notes: Notes | None = Field(None, examples=["Nhiệm kỳ 2024-2027"])
    external_ref: ExternalRef | None = None

    @model_validator(mode="after")
    def _not_null(self) -> "CommitteeUpdate":
        if "name" in self.model_fields_set and self.name is None:
            raise ValueError("name cannot be null")
        return self


class CommitteeRead(Schema):
    has_etag = True

    id: uuid.UUID = Field(examples=[COMMITTEE_ID_EXAMPLE])
    kind: CommitteeKind = Field(examples=["people_inspection"])
    unit_id: uuid.UUID = Field(examples=[UNIT_ID_EXAMPLE])
    unit: UnitSummary
    name: str = Field(examples=["Ban Thanh tra nhân dân xã Hòa An"])
    established_document: str | None = Field(examples=["12/QĐ-MTTQ"])
    established_on: date | None = Field(examples=["2024-03-15"])
    established_by: str | None = Field(examples=["Ủy ban MTTQ Việt Nam xã Hòa An"])
    status: CommitteeStatus = Field(examples=["active"])
    dissolved_on: date | None = Field(examples=[None])
    project_id: uuid.UUID | None = Field(
        description="The investment project a CISB supervises; null for a PIC.", examples=[None]
    )
    dissolves_on: date | None = Field(
        description="A CISB dissolves when its project ends: the project's actual end, once recorded.",
        examples=[None],
    )
    notes: str | None = Field(examples=["Nhiệm kỳ 2024-2027"])
    external_ref: ExternalRef | None = Field(examples=[None])
    created_at: datetime = Field(examples=["2026-03-15T09:30:00Z"])
    updated_at: datetime = Field(examples=["2026-03-15T09:30:00Z"])


class ComplianceState(StrEnum):
    COMPLIANT = "compliant"
    NOT_COMPLIANT = "not_compliant"


class CommitteeListQuery(PageQuery, ExternalRefQuery):
    sort: str | None = sort_parameter(SORTING)
    within_unit_id: UnitFilter = Field(
        None, description="Only committees of this unit and every unit below it."
    )
    unit_id: UnitFilter = Field(None, description="Only committees of exactly this unit.")
    kind: list[CommitteeKind] = Field(default_factory=list, description="Only these kinds (repeat).")
    status: CommitteeStatus | None = Field(None, description="Only active, or only dissolved committees.")
    in_term_on: date | None = Field(None, description="Only committees with a term in force on this day.")
    compliance: ComplianceState | None = Field(
        None,
        description="Only committees `compliant` on `in_term_on` (today by default): standing, with a term in "
        "force, breaking no composition rule; or only those standing and `not_compliant` (no term in force, "
        "or a rule broken: `GET /committees/compliance` says which). Dissolved committees are neither.",
    )
    q: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Words in the name, decision, deciding committee or notes; diacritics and case are ignored.",
    )


# Terms


class CommitteeTermCreate(Input):
    starts_on: date = Field(description="First day of the term.", examples=["2024-03-15"])
    planned_end_on: date = Field(
        description="First day after the term as planned (exclusive end): a commune PIC's term follows the "
        "village heads' term, which the province sets and sometimes extends.",
        examples=["2026-09-15"],
    )
    ended_on: date | None = Field(
        None, description="First day after the term as it actually ended, when it has.", examples=[None]
    )
    notes: Notes | None = Field(
        None, description="Anything worth keeping.", examples=["Kéo dài theo NQ của HĐND tỉnh"]
    )


class CommitteeTermUpdate(Input):
    """Fields to change; omitted fields stay, `null` clears `ended_on` and `notes`."""

    starts_on: date | None = Field(None, examples=["2024-03-15"])
    planned_end_on: date | None = Field(None, examples=["2027-03-15"])
    ended_on: date | None = Field(None, examples=["2026-11-01"])
    notes: Notes | None = Field(None, examples=["Kéo dài theo NQ của HĐND tỉnh"])

    @model_validator(mode="after")
    def _not_null(self) -> "CommitteeTermUpdate":
        for name in ("starts_on", "planned_end_on"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class CommitteeTermRead(Schema):
    has_etag = True

    id: uuid.UUID = Field(examples=[TERM_ID_EXAMPLE])
    committee_id: uuid.UUID = Field(examples=[COMMITTEE_ID_EXAMPLE])
    starts_on: date = Field(examples=["2024-03-15"])
    planned_end_on: date = Field(description="Exclusive.", examples=["2026-09-15"])
    ended_on: date | None = Field(description="Exclusive; null while not ended.", examples=[None])
    regime: str | None = Field(
        description="The legal regime of the composition rules in force on `starts_on`, which the term is "
        "checked against for its whole life; null when no rule of the committee's kind was in force.",
        examples=["law-10-2022"],
    )
    notes: str | None = Field(examples=[None])
    created_at: datetime = Field(examples=["2026-03-15T09:30:00Z"])
    updated_at: datetime = Field(examples=["2026-03-15T09:30:00Z"])


# Members


class CommitteeMemberFields(Input):
    full_name: PersonName = Field(description="The member's full name.", examples=["Hoàng Thị Lan"])
    gender: Gender | None = Field(None, examples=["female"])
    birth_year: int | None = Field(None, ge=FIRST_BIRTH_YEAR, le=9999, examples=[1978])
    ethnicity: Short | None = Field(None, description="Dân tộc.", examples=["Tày"])
    represented_unit_id: uuid.UUID | None = Field(
        None,
        description="The village or residential group the member represents, in the committee's unit.",
        examples=[VILLAGE_ID_EXAMPLE],
    )
    occupation: Occupation | None = Field(None, examples=["Nông dân"])
    contact: Contact | None = Field(
        None,
        description="Phone or address: personal data, shown only to principals who may manage the committee.",
        examples=["0912 345 678"],
    )
    role: MemberRole = Field(description="head, deputy_head or member.", examples=["member"])
    constituency: Constituency | None = Field(
        None,
        description="For a CISB: whom the member comes from (the Front, the PIC or the residents).",
        examples=[None],
    )
    joined_by: JoinedBy = Field(
        description="Elected at a village meeting, by-elected, or appointed (agencies; the Front's CISB members).",
        examples=["village_meeting_election"],
    )
    meeting_on: date | None = Field(
        None, description="The village meeting's date (required for an election).", examples=["2024-03-10"]
    )
    votes_for: int | None = Field(
        None, ge=0, le=MAX_VOTES, description="Votes for the member.", examples=[86]
    )
    voters: int | None = Field(None, ge=0, le=MAX_VOTES, description="Votes cast.", examples=[102])
    joined_on: date = Field(
        description="First day on the committee, inside the term.", examples=["2024-03-15"]
    )
    left_on: date | None = Field(
        None, description="First day no longer on it (exclusive), after `joined_on`.", examples=[None]
    )
    leaving_reason: LeavingReason | None = Field(None, description="Why the member left.", examples=[None])
    holds_commune_post: bool = Field(
        False,
        description="Declared: holds at the same time a post as commune official, civil servant or "
        "non-specialised worker at commune, village or residential-group level (Law 10/2022, Art. 37).",
        examples=[False],
    )
    related_to_project_party: bool = Field(
        False,
        description="Declared (CISB): related to the investor, the contractor or the supervising consultant, or "
        "manages the project directly (Law 10/2022, Art. 42).",
        examples=[False],
    )
    external_ref: ExternalRef | None = Field(
        None, description="Where an integrator's copy of this member lives; unique per source."
    )


class CommitteeMemberCreate(CommitteeMemberFields):
    term_id: uuid.UUID = Field(
        description="The committee's term the member sits in.", examples=[TERM_ID_EXAMPLE]
    )


class CommitteeMemberUpdate(Input):
    """Fields to change; omitted fields stay, `null` clears the optional ones. The term never changes:
    a member of the next term is a new member."""

    full_name: PersonName | None = Field(None, examples=["Hoàng Thị Lan"])
    gender: Gender | None = Field(None, examples=["female"])
    birth_year: int | None = Field(None, ge=FIRST_BIRTH_YEAR, le=9999, examples=[1978])
    ethnicity: Short | None = Field(None, examples=["Tày"])
    represented_unit_id: uuid.UUID | None = Field(None, examples=[VILLAGE_ID_EXAMPLE])
    occupation: Occupation | None = Field(None, examples=["Nông dân"])
    contact: Contact | None = Field(None, examples=["0912 345 678"])
    role: MemberRole | None = Field(None, examples=["deputy_head"])
    constituency: Constituency | None = Field(None, examples=[None])
    joined_by: JoinedBy | None = Field(None, examples=["village_meeting_election"])
    meeting_on: date | None = Field(None, examples=["2024-03-10"])
    votes_for: int | None = Field(None, ge=0, le=MAX_VOTES, examples=[86])
    voters: int | None = Field(None, ge=0, le=MAX_VOTES, examples=[102])
    joined_on: date | None = Field(None, examples=["2024-03-15"])
    left_on: date | None = Field(None, examples=["2026-06-01"])
    leaving_reason: LeavingReason | None = Field(None, examples=["resignation"])
    holds_commune_post: bool | None = Field(None, examples=[False])
    related_to_project_party: bool | None = Field(None, examples=[False])
    external_ref: ExternalRef | None = None

    @model_validator(mode="after")
    def _not_null(self) -> "CommitteeMemberUpdate":
        for name in (
            "full_name",
            "role",
            "joined_by",
            "joined_on",
            "holds_commune_post",
            "related_to_project_party",
        ):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class CommitteeMemberRead(Schema):
    has_etag = True

    id: uuid.UUID = Field(examples=[MEMBER_ID_EXAMPLE])
    committee_id: uuid.UUID = Field(examples=[COMMITTEE_ID_EXAMPLE])
    term_id: uuid.UUID = Field(examples=[TERM_ID_EXAMPLE])
    full_name: str = Field(examples=["Hoàng Thị Lan"])
    gender: Gender | None = Field(examples=["female"])
    birth_year: int | None = Field(examples=[1978])
    ethnicity: str | None = Field(examples=["Tày"])
    represented_unit_id: uuid.UUID | None = Field(examples=[VILLAGE_ID_EXAMPLE])
    represented_unit: UnitSummary | None
    occupation: str | None = Field(examples=["Nông dân"])
    contact: str | None = Field(
        description="Null unless the reader may manage the committee (`committees:write`).",
        examples=["0912 345 678"],
    )
    role: MemberRole = Field(examples=["member"])
    constituency: Constituency | None = Field(examples=[None])
    joined_by: JoinedBy = Field(examples=["village_meeting_election"])
    meeting_on: date | None = Field(examples=["2024-03-10"])
    votes_for: int | None = Field(examples=[86])
    voters: int | None = Field(examples=[102])
    joined_on: date = Field(examples=["2024-03-15"])
    left_on: date | None = Field(examples=[None])
    leaving_reason: LeavingReason | None = Field(examples=[None])
    holds_commune_post: bool = Field(examples=[False])
    related_to_project_party: bool = Field(examples=[False])
    external_ref: ExternalRef | None = Field(examples=[None])
    created_at: datetime = Field(examples=["2026-03-15T09:30:00Z"])
    updated_at: datetime = Field(examples=["2026-03-15T09:30:00Z"])


MEMBER_SORTING = Sorting(
    entity=CommitteeMember,
    fields={
        "joined_on": SortField("joined_on", "joined_on", date),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="joined_on",
    tiebreak=SortField("id", "id", uuid.UUID),
)


class MemberPageQuery(PageQuery, ExternalRefQuery):
    """The members of every committee in the jurisdiction, a page at a time (and as a file)."""

    sort: str | None = sort_parameter(MEMBER_SORTING)
    committee_id: uuid.UUID | None = Field(None, description="Only this committee's members.")
    within_unit_id: UnitFilter = Field(
        None, description="Only members of committees of this unit and every unit below it."
    )
    on: date | None = Field(None, description="Only members sitting on this day (joined, not yet left).")
    role: list[MemberRole] = Field(default_factory=list, description="Only these roles (repeat).")


class CommitteeMemberListQuery(Params):
    term_id: uuid.UUID | None = Field(None, description="Only members of this term.")
    on: date | None = Field(None, description="Only members sitting on this day (joined, not yet left).")
    role: list[MemberRole] = Field(default_factory=list, description="Only these roles (repeat).")


# Compliance


class CommitteeComplianceQuery(Params):
    as_of: date | None = Field(None, description="The day to check; today (Vietnam time) when omitted.")


class CompositionRuleOutcome(Schema):
    rule_id: str = Field(description="The composition rule's `id`.", examples=["pic-one-per-village"])
    requirement: str = Field(examples=["one_per_village"])
    value: int | None = Field(examples=[None])
    legal_basis: str = Field(
        examples=["Luật 10/2022/QH15, Điều 36 khoản 1; Nghị định 59/2023/NĐ-CP, Điều 13"]
    )
    enforcement: str = Field(
        description="`refuse`: a change breaking it is refused; `report`: the committee is only non-compliant.",
        examples=["report"],
    )
    applies: bool = Field(
        description="False where the rule does not concern this committee on that day (a rule for communes "
        "with fewer villages than the commune has).",
        examples=[True],
    )
    holds: bool = Field(examples=[False])
    actual: int | None = Field(description="The number checked, where the rule counts.", examples=[6])
    reason: str | None = Field(
        description="Why it does not hold; null when it does.",
        examples=["1 village or residential group without a representative: Xóm Bản Chang."],
    )


class CommitteeComplianceRead(Schema):
    committee_id: uuid.UUID = Field(examples=[COMMITTEE_ID_EXAMPLE])
    as_of: date = Field(examples=["2026-11-26"])
    term_id: uuid.UUID | None = Field(
        description="The term in force on `as_of`; null when none is.", examples=[TERM_ID_EXAMPLE]
    )
    regime: str | None = Field(description="The term's legal regime.", examples=["law-10-2022"])
    members: int = Field(description="Members sitting on `as_of`.", examples=[6])
    villages: int | None = Field(
        description="Villages and residential groups of the committee's unit on `as_of` (commune PICs).",
        examples=[7],
    )
    compliant: bool = Field(examples=[False])
    reasons: list[str] = Field(
        description="Why the committee is not compliant, one sentence per broken rule (or the missing term).",
        examples=[
            ["pic-one-per-village (Luật 10/2022/QH15, Điều 36 khoản 1): 1 village without a representative."]
        ],
    )
    rules: list[CompositionRuleOutcome] = Field(
        description="Every rule the term is checked against, in force at its start."
    )
