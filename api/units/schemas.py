"""Request and response shapes of /api/v1/units."""

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from api.core.external_ref import ExternalRef, ExternalRefQuery
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Input, Params, Schema
from api.units.models import CodeSystem, Reorganization, ReorganizationKind, Unit, UnitKind, UnitStatus
from api.units.official_source import Edition
from api.units.scope import UnitFilter

REORGANIZATION_SORTING = Sorting(
    entity=Reorganization,
    fields={
        "effective_date": SortField("effective_date", "effective_date", date),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="-effective_date",
    tiebreak=SortField("id", "id", uuid.UUID),
)

SORTING = Sorting(
    entity=Unit,
    fields={
        "name": SortField("name", "name_key"),
        "code": SortField("code", "code"),
        "kind": SortField("kind", "kind"),
        "depth": SortField("depth", "depth", int),
        "created_at": SortField("created_at", "created_at", datetime),
        "updated_at": SortField("updated_at", "updated_at", datetime),
    },
    default="name",
    tiebreak=SortField("id", "id", uuid.UUID),
)


Code = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=35, pattern=r"^[0-9A-Za-z._-]+$")
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
ElectronicId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9A-Z.]{1,35}$")]

UNIT_ID_EXAMPLE = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"
PARENT_ID_EXAMPLE = "6a1f8e2c-93a4-4c55-8d1b-2f3e4d5c6b7a"


class UnitFields(Input):
    electronic_id: ElectronicId | None = Field(
        None,
        description="Electronic identifier code of an agency (digits, capitals, dots).",
        examples=["000.00.01.H22"],
    )
    valid_from: date | None = Field(
        None, description="First day the unit exists, if known.", examples=["2025-07-01"]
    )
    remote_area: bool = Field(
        False,
        description="Remote or especially difficult area; lengthens complaint deadlines (Law on Complaints, Art. 28).",
        examples=[False],
    )
    latitude: float | None = Field(None, ge=-90, le=90, description="WGS 84 latitude.", examples=[22.6657])
    longitude: float | None = Field(
        None, ge=-180, le=180, description="WGS 84 longitude.", examples=[106.2579]
    )
    external_ref: ExternalRef | None = Field(
        None, description="Where an integrator's copy of this unit lives."
    )


class UnitCreate(UnitFields):
    code: Code = Field(
        description="Official code (province 2 digits, commune 5 digits) or, for units without one, the code "
        "your catalogue gives; unique among live units of the same family.",
        examples=["01273"],
    )
    code_system: CodeSystem | None = Field(
        None, description="The official catalogue the code comes from, if any.", examples=["decision_19_2025"]
    )
    name: Name = Field(
        description="Official name with its type, e.g. 'Phường Thục Phán'.", examples=["Tổ dân phố 5"]
    )
    kind: UnitKind = Field(description="What kind of unit this is.", examples=["residential_group"])
    parent_id: uuid.UUID | None = Field(
        None,
        description="The unit this one belongs to; none only for provinces and top-level bodies.",
        examples=[PARENT_ID_EXAMPLE],
    )


class UnitUpdate(Input):
    """Fields to change; omitted fields stay as they are. Changing `parent_id` moves the whole subtree."""

    code: Code | None = Field(None, examples=["01274"])
    code_system: CodeSystem | None = Field(None, examples=["decision_19_2025"])
    name: Name | None = Field(None, examples=["Tổ dân phố số 5"])
    kind: UnitKind | None = Field(None, examples=["residential_group"])
    parent_id: uuid.UUID | None = Field(None, examples=[PARENT_ID_EXAMPLE])
    electronic_id: ElectronicId | None = Field(None, examples=["000.00.01.H22"])
    valid_from: date | None = Field(None, examples=["2025-07-01"])
    remote_area: bool | None = Field(None, examples=[True])
    latitude: float | None = Field(None, ge=-90, le=90, examples=[22.6657])
    longitude: float | None = Field(None, ge=-180, le=180, examples=[106.2579])
    external_ref: ExternalRef | None = None

    @model_validator(mode="after")
    def _not_null(self) -> "UnitUpdate":
        for name in ("code", "name", "kind", "remote_area"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class UnitSummary(Schema):
    id: uuid.UUID = Field(examples=[UNIT_ID_EXAMPLE])
    code: str = Field(examples=["01273"])
    name: str = Field(examples=["Phường Thục Phán"])
    kind: UnitKind = Field(examples=["ward"])
    status: UnitStatus = Field(examples=["active"])


class UnitRead(UnitSummary):
    has_etag = True

    code_system: CodeSystem | None = Field(examples=["decision_19_2025"])
    electronic_id: str | None = Field(examples=[None])
    parent_id: uuid.UUID | None = Field(examples=[PARENT_ID_EXAMPLE])
    depth: int = Field(description="0 for a root (a province), 1 for its children, and so on.", examples=[1])
    valid_from: date | None = Field(examples=["2025-07-01"])
    valid_to: date | None = Field(
        description="First day the unit no longer exists (exclusive end), set when it is retired.",
        examples=[None],
    )
    remote_area: bool = Field(examples=[False])
    latitude: float | None = Field(examples=[22.6657])
    longitude: float | None = Field(examples=[106.2579])
    external_ref: ExternalRef | None = Field(examples=[None])
    created_at: datetime = Field(examples=["2025-07-01T08:00:00Z"])
    updated_at: datetime = Field(examples=["2025-07-01T08:00:00Z"])


class UnitTreeNode(UnitSummary):
    has_children: bool = Field(
        description="Whether it has children (shown in the same status filter).", examples=[True]
    )
    children: list["UnitTreeNode"] | None = Field(
        None,
        description="Its children when within the requested depth; null when not loaded.",
        examples=[
            [
                {
                    "id": "5d0c2a8e-4f3b-4c1d-9e7a-6b5c4d3e2f1a",
                    "code": "0127305",
                    "name": "Tổ dân phố 5",
                    "kind": "residential_group",
                    "status": "active",
                    "has_children": False,
                    "children": [],
                }
            ]
        ],
    )


class RetireRequest(Input):
    effective_date: date = Field(
        description="First day the unit no longer exists; today or earlier.", examples=["2026-01-01"]
    )


class SuccessorSpec(Input):
    """A successor: either an existing unit kept (optionally renamed or re-kinded) or a new unit."""

    unit_id: uuid.UUID | None = Field(
        None, description="An existing unit that continues.", examples=[UNIT_ID_EXAMPLE]
    )
    name: Name | None = Field(None, description="New name for a kept unit.", examples=["Phường Thục Phán"])
    kind: UnitKind | None = Field(None, description="New kind for a kept unit.", examples=["ward"])
    new: UnitCreate | None = Field(None, description="A unit this reorganization creates.")

    @model_validator(mode="after")
    def _one_of(self) -> "SuccessorSpec":
        if (self.unit_id is None) == (self.new is None):
            raise ValueError("give exactly one of unit_id (a kept unit) or new (a created unit)")
        if self.new is not None and (self.name or self.kind):
            raise ValueError("name and kind apply to kept units; put them inside new")
        return self


class ChildMove(Input):
    unit_id: uuid.UUID = Field(description="A child of a predecessor.", examples=[UNIT_ID_EXAMPLE])
    successor: int = Field(ge=0, description="Index in `successors` of its new parent.", examples=[0])


class ReorganizationCreate(Input):
    kind: ReorganizationKind = Field(
        description="merge (several into one), split (one into several), rename, change_kind "
        "(e.g. commune to ward). `restructure` is recorded only by the official-data loader.",
        examples=["merge"],
    )
    effective_date: date = Field(
        description="The day it takes effect; today or earlier.", examples=["2026-01-01"]
    )
    legal_basis: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)] = (
        Field(
            description="Resolution or decision, e.g. 'Nghị quyết 1656/NQ-UBTVQH15'.",
            examples=["Nghị quyết 1656/NQ-UBTVQH15"],
        )
    )
    note: Annotated[str, StringConstraints(max_length=2000)] | None = Field(None, examples=[None])
    predecessor_ids: list[uuid.UUID] = Field(
        min_length=1,
        max_length=200,
        description="Units that end or change.",
        examples=[[UNIT_ID_EXAMPLE, PARENT_ID_EXAMPLE]],
    )
    successors: list[SuccessorSpec] = Field(
        min_length=1,
        max_length=200,
        description="Units that result: kept or created.",
        examples=[[{"unit_id": UNIT_ID_EXAMPLE, "name": "Xóm Nà Pồng"}]],
    )
    child_moves: list[ChildMove] = Field(
        default_factory=list,
        max_length=5000,
        description="Where the children of retired predecessors go. In a merge they follow the successor "
        "unless listed; otherwise every child of a retired predecessor must be listed.",
        examples=[[]],
    )
    external_ref: ExternalRef | None = None


class ReorganizationRead(Schema):
    id: uuid.UUID = Field(examples=["7c0f7b0e-6a0b-4b7e-8d8e-2f1b0c9d4e33"])
    kind: ReorganizationKind = Field(examples=["merge"])
    effective_date: date = Field(examples=["2026-01-01"])
    legal_basis: str = Field(examples=["Nghị quyết 1656/NQ-UBTVQH15"])
    note: str | None = Field(examples=[None])
    predecessors: list[UnitSummary]
    successors: list[UnitSummary]
    changes: list[dict[str, str]] = Field(
        description="In-place changes of kept units.",
        examples=[[{"unit_id": UNIT_ID_EXAMPLE, "field": "name", "from": "Xóm Nà Cạn", "to": "Xóm Nà Pồng"}]],
    )
    external_ref: ExternalRef | None = Field(examples=[None])
    created_at: datetime = Field(examples=["2026-01-02T03:04:05Z"])


class ReorganizationRef(Schema):
    id: uuid.UUID = Field(examples=["7c0f7b0e-6a0b-4b7e-8d8e-2f1b0c9d4e33"])
    kind: ReorganizationKind = Field(examples=["merge"])
    effective_date: date = Field(examples=["2025-07-01"])
    legal_basis: str = Field(examples=["Nghị quyết 1656/NQ-UBTVQH15"])


class LineageStep(Schema):
    unit: UnitSummary
    reorganization: ReorganizationRef
    distance: int = Field(
        description="1 for a direct predecessor or successor, 2 for theirs, and so on.", examples=[1]
    )


class LineageRead(Schema):
    unit: UnitSummary
    predecessors: list[LineageStep] = Field(
        description="Units this one came from, transitively, nearest first."
    )
    successors: list[LineageStep] = Field(description="Units this one became, transitively, nearest first.")
    reorganizations: list[ReorganizationRef] = Field(
        description="Every reorganization this unit took part in."
    )


class OfficialLoadRequest(Input):
    edition: Edition = Field(
        description="`legacy` (63 provinces with districts) or `2025`.",
        examples=["2025"],
    )
    province_code: str | None = Field(
        None, pattern=r"^\d{2}$", description="Only this province.", examples=["04"]
    )
    with_lineage: bool = Field(
        False,
        description="Also load the other edition and record the 2025 reform as lineage (effective 2025-07-01).",
        examples=[True],
    )


class OfficialLoadReport(Schema):
    created: int = Field(examples=[217])
    updated: int = Field(examples=[0])
    unchanged: int = Field(examples=[0])
    lineage_edges_created: int = Field(examples=[171])
    reorganizations_created: int = Field(examples=[1])
    source: str = Field(description="Where the data came from.", examples=["vietnamadminunits 1.0.4"])


class UnitListQuery(PageQuery, ExternalRefQuery):
    sort: str | None = sort_parameter(SORTING)
    kind: list[UnitKind] = Field(default_factory=list, description="Only these kinds (repeat the parameter).")
    parent_id: UnitFilter = Field(None, description="Only direct children of this unit.")
    within_unit_id: UnitFilter = Field(
        None, description="Only this unit and everything below it, at any depth."
    )
    q: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Words in the name or code; diacritics and case are ignored.",
    )
    code: str | None = Field(None, max_length=35, description="Exactly this code.")
    include_retired: bool = Field(False, description="Also list retired units.")
    as_of: date | None = Field(
        None, description="Units that existed on this day, retired since or not (overrides include_retired)."
    )


class ChildrenQuery(PageQuery):
    sort: str | None = sort_parameter(SORTING)
    include_retired: bool = Field(False, description="Also list retired children.")


class TreeQuery(Params):
    root_id: uuid.UUID | None = Field(None, description="Start at this unit; omit for the top-level units.")
    depth: int = Field(1, ge=0, le=3, description="Levels of children to include below the returned nodes.")
    include_retired: bool = Field(False, description="Also show retired units.")


class ReorganizationListQuery(PageQuery):
    sort: str | None = sort_parameter(REORGANIZATION_SORTING)
    within_unit_id: UnitFilter = Field(None, description="Only reorganizations touching this subtree.")
    effective_from: date | None = Field(None, description="Effective on or after this day.")
    effective_to: date | None = Field(None, description="Effective on or before this day.")
