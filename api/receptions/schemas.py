"""Request and response shapes of /api/v1/receptions."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.core.external_ref import ExternalRef, ExternalRefQuery
from api.core.pagination import MAX_LIMIT, PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Input, Params, Schema
from api.receptions.models import HostRole, Level, Per, ReceptionKind, ReceptionMode, ReceptionSession
from api.units.schemas import UnitSummary
from api.units.scope import UnitFilter

SORTING = Sorting(
    entity=ReceptionSession,
    fields={
        "held_on": SortField("held_on", "held_on", date),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="-held_on",
    tiebreak=SortField("id", "id", uuid.UUID),
)


RECEPTION_ID_EXAMPLE = "5e3b7a1c-2d4f-4a6b-9c8d-7e6f5a4b3c2d"
UNIT_ID_EXAMPLE = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"

Place = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
HostName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
# A session large enough to exceed this is a data entry error, not a reception.
MAX_COUNT = 100_000


class ReceptionCreate(Input):
    unit_id: uuid.UUID = Field(
        description="The unit whose head or officers held the session (a province, commune, agency, ...).",
        examples=[UNIT_ID_EXAMPLE],
    )
    held_on: date = Field(
        description="The day it was held; today or earlier, while the unit existed.", examples=["2026-07-06"]
    )
    kind: ReceptionKind = Field(
        description="`regular` (định kỳ) or `ad_hoc` (đột xuất) reception, or a dialogue with citizens "
        "or with businesses.",
        examples=["regular"],
    )
    mode: ReceptionMode = Field(
        ReceptionMode.IN_PERSON,
        description="`online` reception is new in Law 136/2025 (Art. 3a).",
        examples=["in_person"],
    )
    place: Place = Field(
        description="Where it was held.", examples=["Trụ sở tiếp công dân UBND phường Thục Phán"]
    )
    host_name: HostName = Field(description="Who presided.", examples=["Nông Văn Hùng"])
    host_role: HostRole = Field(
        description="The host's office; a quota counts only its own host role's days (see the quota rules).",
        examples=["pc_chairman"],
    )
    citizens_received: int = Field(
        0, ge=0, le=MAX_COUNT, description="Citizens received (a group counts each person).", examples=[7]
    )
    cases_received: int = Field(
        0, ge=0, le=MAX_COUNT, description="Matters (vụ việc) raised at the session.", examples=[5]
    )
    notes: Notes | None = Field(
        None,
        description="Anything worth keeping: topics, follow-up.",
        examples=["Đất đai, giải phóng mặt bằng"],
    )
    external_ref: ExternalRef | None = Field(
        None, description="Where an integrator's copy of this session lives; unique per source."
    )


class ReceptionUpdate(Input):
    """Fields to change; omitted fields stay as they are."""

    unit_id: uuid.UUID | None = Field(None, examples=[UNIT_ID_EXAMPLE])
    held_on: date | None = Field(None, examples=["2026-07-06"])
    kind: ReceptionKind | None = Field(None, examples=["ad_hoc"])
    mode: ReceptionMode | None = Field(None, examples=["in_person"])
    place: Place | None = Field(None, examples=["Hội trường UBND phường Thục Phán"])
    host_name: HostName | None = Field(None, examples=["Nông Văn Hùng"])
    host_role: HostRole | None = Field(None, examples=["pc_chairman"])
    citizens_received: int | None = Field(None, ge=0, le=MAX_COUNT, examples=[9])
    cases_received: int | None = Field(None, ge=0, le=MAX_COUNT, examples=[6])
    notes: Notes | None = Field(None, examples=["Đất đai"])
    external_ref: ExternalRef | None = None

    @model_validator(mode="after")
    def _not_null(self) -> "ReceptionUpdate":
        for name in (
            "unit_id",
            "held_on",
            "kind",
            "mode",
            "place",
            "host_name",
            "host_role",
            "citizens_received",
            "cases_received",
        ):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class ReceptionRead(Schema):
    has_etag = True

    id: uuid.UUID = Field(examples=[RECEPTION_ID_EXAMPLE])
    unit_id: uuid.UUID = Field(examples=[UNIT_ID_EXAMPLE])
    unit: UnitSummary
    held_on: date = Field(examples=["2026-07-06"])
    kind: ReceptionKind = Field(examples=["regular"])
    mode: ReceptionMode = Field(examples=["in_person"])
    place: str = Field(examples=["Trụ sở tiếp công dân UBND phường Thục Phán"])
    host_name: str = Field(examples=["Nông Văn Hùng"])
    host_role: HostRole = Field(examples=["pc_chairman"])
    citizens_received: int = Field(examples=[7])
    cases_received: int = Field(examples=[5])
    notes: str | None = Field(examples=["Đất đai, giải phóng mặt bằng"])
    external_ref: ExternalRef | None = Field(examples=[None])
    created_at: datetime = Field(examples=["2026-07-06T09:30:00Z"])
    updated_at: datetime = Field(examples=["2026-07-06T09:30:00Z"])


class ReceptionListQuery(PageQuery, ExternalRefQuery):
    sort: str | None = sort_parameter(SORTING)
    within_unit_id: UnitFilter = Field(
        None, description="Only sessions of this unit and every unit below it."
    )
    unit_id: UnitFilter = Field(None, description="Only sessions of exactly this unit.")
    host_role: list[HostRole] = Field(default_factory=list, description="Only these host roles (repeat).")
    kind: list[ReceptionKind] = Field(default_factory=list, description="Only these kinds (repeat).")
    mode: ReceptionMode | None = Field(None, description="Only in person, or only online.")
    held_from: date | None = Field(None, description="Held on or after this day.")
    held_to: date | None = Field(None, description="Held on or before this day.")
    q: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Words in the place, host name or notes; diacritics and case are ignored.",
    )


class ComplianceQuery(Params):
    within_unit_id: UnitFilter = Field(
        None, description="The subtree to report on; the principal's whole jurisdiction when omitted."
    )
    period: str | None = Field(
        None,
        max_length=20,
        description="`YYYY`, `YYYY-Qn` or `YYYY-MM` (e.g. `2026`, `2026-Q3`, `2026-07`); the current year "
        "(Vietnam time) when omitted.",
        examples=["2026-Q3"],
    )
    level: list[Level] = Field(default_factory=list, description="Only units of these levels (repeat).")
    host_role: list[HostRole] = Field(
        default_factory=list,
        description="Only these host roles (repeat); roles without a quota never appear.",
    )
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description="Rows per page.")
    cursor: str | None = Field(
        None, max_length=2048, description="`next_cursor` of the previous page; omit for the first page."
    )


class PeriodRead(Schema):
    label: str = Field(examples=["2026-Q3"])
    start: date = Field(examples=["2026-07-01"])
    end: date = Field(description="Last day, inclusive.", examples=["2026-09-30"])


class RequirementRead(Schema):
    rule_id: str = Field(examples=["commune-pc-chairman-monthly"])
    per: Per = Field(examples=["month"])
    days: int = Field(description="Days owed per slot.", examples=[2])
    slots: int = Field(description="Weeks or months owed in the period under this rule.", examples=[3])
    required_days: int = Field(examples=[6])


class ComplianceRow(Schema):
    unit: UnitSummary
    level: Level = Field(examples=["commune"])
    host_role: HostRole = Field(examples=["pc_chairman"])
    required_days: int = Field(description="Days owed in the period (see the operation).", examples=[6])
    held_days: int = Field(
        description="Distinct days this host held a regular or ad hoc reception at this unit in the period.",
        examples=[5],
    )
    ratio: float | None = Field(
        description="held_days ÷ required_days (not capped at 1), 4 decimals; null when nothing is owed.",
        examples=[0.8333],
    )
    compliant: bool | None = Field(
        description="held_days ≥ required_days; null when nothing is owed.", examples=[False]
    )
    sessions: int = Field(description="Regular and ad hoc sessions (a day may hold several).", examples=[5])
    citizens_received: int = Field(description="Citizens received at those sessions.", examples=[23])
    dialogues: int = Field(
        description="Dialogues with citizens or businesses this host held (not counted as reception days).",
        examples=[1],
    )
    requirements: list[RequirementRead] = Field(
        description="What each rule in force during the period asks; two rules when it spans a change of law."
    )


class ComplianceTotal(Schema):
    level: Level = Field(examples=["commune"])
    host_role: HostRole = Field(examples=["pc_chairman"])
    units: int = Field(description="Units reported (rows).", examples=[101])
    units_owing: int = Field(description="Units owing at least one day.", examples=[101])
    units_compliant: int = Field(description="Units whose held_days reach required_days.", examples=[62])
    required_days: int = Field(examples=[606])
    held_days: int = Field(examples=[540])
    ratio: float | None = Field(
        description="Sum held ÷ sum required; null when nothing is owed.", examples=[0.8911]
    )
    sessions: int = Field(examples=[560])
    citizens_received: int = Field(examples=[2310])
    dialogues: int = Field(examples=[40])


class ComplianceReport(Schema):
    period: PeriodRead
    as_of: date = Field(
        description="Weeks and months ending after this day (today, Vietnam time) are not owed yet.",
        examples=["2026-11-23"],
    )
    within_unit: UnitSummary | None = Field(
        description="The subtree reported on; null for the whole country.", examples=[None]
    )
    totals: list[ComplianceTotal] = Field(
        description="Per level and host role, over every row of the report (not only this page)."
    )
    items: list[ComplianceRow] = Field(description="One row per unit and host role, this page.")
    next_cursor: str | None = Field(
        description="Opaque cursor for the next page; `null` on the last page.", examples=[None]
    )
    total: int = Field(description="Rows in the whole report.", examples=[202])
