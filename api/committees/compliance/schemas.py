"""Shapes of /api/v1/committees/compliance (a subtree's committees against the rules) and
/api/v1/committees/summary (committees in term and members sitting, counted)."""

import uuid
from datetime import date
from enum import StrEnum

from pydantic import Field

from api.committees.models import CommitteeKind
from api.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from api.core.schemas import Params, Schema
from api.units.models import UnitKind
from api.units.scope import UnitFilter


class ComplianceProblem(StrEnum):
    # A commune, ward or special zone without a People's Inspection Committee with a term in force.
    COMMUNE_WITHOUT_PIC = "commune_without_pic"
    # A PIC with fewer members than the rule in force at its term's start requires.
    PIC_TOO_FEW_MEMBERS = "pic_too_few_members"
    # A PIC with more members than the rule allows (a commune of fewer than 5 villages: at most 5...).
    PIC_TOO_MANY_MEMBERS = "pic_too_many_members"
    # A village or residential group without a representative in its commune's PIC.
    VILLAGE_WITHOUT_REPRESENTATIVE = "village_without_representative"
    # Another composition or eligibility rule broken (deputy heads, resident members, a commune post...).
    RULE_BROKEN = "rule_broken"
    # A term whose planned end has passed, not ended, with no next term.
    TERM_EXPIRED = "term_expired"
    # An agency PIC or a CISB, not dissolved, without a term in force.
    COMMITTEE_WITHOUT_TERM = "committee_without_term"
    # An investment project under way without an active supervision board.
    PROJECT_WITHOUT_BOARD = "project_without_board"
    # A CISB with fewer members than the rule requires.
    CISB_UNDER_SIZE = "cisb_under_size"


class ComplianceQuery(Params):
    within_unit_id: UnitFilter = Field(
        None,
        description="The subtree to check (a province, a commune); the caller's whole jurisdiction by default.",
    )
    as_of: date | None = Field(None, description="The day to check; today (Vietnam time) when omitted.")
    committee_id: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=MAX_LIMIT,
        description="Only these committees (repeat; those outside the subtree are left out): their problems, "
        "and for the People's Inspection Committees among them their communes and villages; projects are "
        "not looked at. `counts` and `totals` are then theirs. One request for the badges of a list's page.",
    )
    problem: list[ComplianceProblem] = Field(
        default_factory=list,
        description="Only these problems in `items` (repeat); `counts` and `totals` still count every problem.",
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
    cursor: str | None = Field(
        None, max_length=2048, description="`next_cursor` of the previous page; omit for the first page."
    )


class ProblemUnit(Schema):
    id: uuid.UUID = Field(examples=["0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"])
    code: str = Field(examples=["01339"])
    name: str = Field(examples=["Xã Xuân Trường"])
    kind: UnitKind = Field(examples=["commune"])


class ProblemCommittee(Schema):
    id: uuid.UUID = Field(examples=["7c1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6"])
    name: str = Field(examples=["Ban Thanh tra nhân dân xã Xuân Trường"])
    kind: CommitteeKind = Field(examples=["people_inspection"])
    term_id: uuid.UUID | None = Field(
        description="The term concerned (in force, or expired).",
        examples=["3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"],
    )


class ProblemRule(Schema):
    id: str = Field(description="The composition rule's `id`.", examples=["pic-one-per-village"])
    legal_basis: str = Field(
        examples=["Luật 10/2022/QH15, Điều 36 khoản 1; Nghị định 59/2023/NĐ-CP, Điều 13"]
    )


class ProblemProject(Schema):
    id: uuid.UUID = Field(examples=["5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"])
    name: str = Field(examples=["Đường giao thông nông thôn xóm Nà Cạn"])


class ComplianceItem(Schema):
    problem: ComplianceProblem = Field(examples=["village_without_representative"])
    unit: ProblemUnit = Field(
        description="Where the problem is: the commune, the village without a representative, the agency, or "
        "the project's main location."
    )
    committee: ProblemCommittee | None = Field(description="The committee concerned, if any.")
    project: ProblemProject | None = Field(description="The investment project concerned, if any.")
    rule: ProblemRule | None = Field(description="The composition rule broken, if the problem is one.")
    detail: str = Field(examples=["Xóm Bản Chang has no representative in the committee."])


class ComplianceTotals(Schema):
    communes: int = Field(
        description="Communes, wards and special zones of the subtree on the day.", examples=[100]
    )
    villages: int = Field(
        description="Villages and residential groups of the subtree on the day.", examples=[1500]
    )
    committees: int = Field(description="Committees not dissolved on the day, of every kind.", examples=[104])
    committees_in_term: int = Field(description="Those with a term in force on the day.", examples=[101])
    compliant_committees: int = Field(
        description="Committees in term breaking no composition rule.", examples=[95]
    )
    projects_under_way: int = Field(examples=[3])
    problems: int = Field(description="Problems found, of every kind.", examples=[12])


class CompliancePage(Schema):
    """What is wrong in the subtree on the day: every problem counted (`counts`, `totals`), the problems
    asked for listed a page at a time (`items`, by problem, then unit code; `next_cursor`). A province
    whose communes elect fewer members than they have villages has thousands."""

    within_unit_id: uuid.UUID | None = Field(
        description="The subtree checked; null for the whole country.",
        examples=["0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"],
    )
    as_of: date = Field(examples=["2026-11-26"])
    counts: dict[ComplianceProblem, int] = Field(
        description="Problems found, per problem, every problem listed (whatever `problem` asks for).",
        examples=[{"commune_without_pic": 1, "village_without_representative": 3}],
    )
    totals: ComplianceTotals
    items: list[ComplianceItem] = Field(
        description="This page of the problems asked for, by problem, then unit code."
    )
    next_cursor: str | None = Field(
        description="Opaque cursor for the next page; `null` on the last page.", examples=[None]
    )
    total: int = Field(description="The problems asked for, on every page.", examples=[4])


class SummaryQuery(Params):
    within_unit_id: UnitFilter = Field(
        None, description="The subtree counted; the caller's whole jurisdiction by default."
    )
    on: date | None = Field(None, description="The day counted; today (Vietnam time) when omitted.")


class SummaryRead(Schema):
    within_unit_id: uuid.UUID | None = Field(examples=[None])
    on: date = Field(examples=["2026-11-26"])
    committees_in_term: int = Field(
        description="Committees (not dissolved) with a term in force on the day.", examples=[161]
    )
    committees_by_kind: dict[CommitteeKind, int] = Field(examples=[{"people_inspection": 161}])
    members_sitting: int = Field(
        description="Members sitting on the day in a term in force (joined, not yet left).", examples=[1215]
    )
    members_by_role: dict[str, int] = Field(examples=[{"head": 161, "deputy_head": 250, "member": 804}])
    members_by_gender: dict[str, int] = Field(
        description="`female`, `male`, and `unknown` where not recorded.",
        examples=[{"female": 410, "male": 790, "unknown": 15}],
    )
    members_by_kind: dict[CommitteeKind, int] = Field(examples=[{"people_inspection": 1215}])
