"""Request and response shapes of /api/v1/petitions.

No response shape here has a field for a denouncer's identity except `DenouncerIdentityRead`,
which only the confidential identity route returns: a list, an event or an export cannot leak
what its type cannot hold.
"""

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, StringConstraints, computed_field, model_validator

from api.calendar.models import DayBasis
from api.core import clock
from api.core.external_ref import ExternalRef, ExternalRefQuery
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Input, Schema
from api.petitions import deadlines
from api.petitions.models import (
    Channel,
    DeadlineState,
    LinkKind,
    Outcome,
    Petition,
    PetitionDeadline,
    PetitionKind,
    Stage,
    Status,
)
from api.petitions.workflows import Action, RecordAction
from api.units.scope import UnitFilter

SORTING = Sorting(
    entity=Petition,
    fields={
        "received_on": SortField("received_on", "received_on", date),
        "due_on": SortField("due_on", "due_sort", date),
        "created_at": SortField("created_at", "created_at", datetime),
        "reference": SortField("reference", "reference"),
    },
    default="-received_on",
    tiebreak=SortField("id", "id", uuid.UUID),
)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
PETITION_ID_EXAMPLE = "3d6f0a8e-1c2b-4e5f-9a7b-8c9d0e1f2a3b"
UNIT_ID_EXAMPLE = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"


class PersonIn(Input):
    full_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        description="Full name.", examples=["Nguyễn Văn An"]
    )
    address: Annotated[str, StringConstraints(strip_whitespace=True, max_length=400)] | None = Field(
        None, examples=["Tổ 5, phường Thục Phán, tỉnh Cao Bằng"]
    )
    identity_number: (
        Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9A-Za-z]{6,32}$")] | None
    ) = Field(None, description="Citizen identity (CCCD) or passport number.", examples=["004090001234"])
    phone: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9+ ().-]{6,32}$")] | None = (
        Field(None, examples=["0912345678"])
    )
    email: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")]
        | None
    ) = Field(None, examples=["an.nguyen@example.vn"])
    is_representative: bool = Field(
        False, description="Represents a group case (Law on Complaints, Art. 8).", examples=[False]
    )


class PersonRead(Schema):
    full_name: str = Field(examples=["Nguyễn Văn An"])
    address: str | None = Field(examples=["Tổ 5, phường Thục Phán, tỉnh Cao Bằng"])
    identity_number: str | None = Field(examples=["004090001234"])
    phone: str | None = Field(examples=["0912345678"])
    email: str | None = Field(examples=["an.nguyen@example.vn"])
    is_representative: bool = Field(examples=[False])


class PetitionFields(Input):
    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] = Field(
        description="A one-line summary.", examples=["Khiếu nại quyết định thu hồi đất"]
    )
    content: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)] = Field(
        description="What the citizen says, as recorded.",
        examples=["Ông An khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi đất."],
    )
    category: str = Field(description="A code from `GET /petitions/categories`.", examples=["land"])
    complex: bool = Field(
        False, description="A complex case: longer limits (Law on Complaints, Art. 28).", examples=[False]
    )


class PetitionCreate(PetitionFields):
    kind: PetitionKind = Field(examples=["complaint"])
    channel: Channel = Field(examples=["reception"])
    received_on: date = Field(
        description="Day the body received it (not in the future).", examples=["2026-11-20"]
    )
    receiving_unit_id: uuid.UUID = Field(description="The unit that received it.", examples=[UNIT_ID_EXAMPLE])
    handling_unit_id: uuid.UUID | None = Field(
        None,
        description="The unit that handles it; the receiving unit if omitted.",
        examples=[UNIT_ID_EXAMPLE],
    )
    within_authority: bool | None = Field(
        None, description="Whether it lies within the handler's authority, if already known.", examples=[True]
    )
    remote_area: bool | None = Field(
        None,
        description="Remote or difficult area; taken from the receiving unit if omitted.",
        examples=[None],
    )
    head_count: int = Field(
        1, ge=1, le=100000, description="People joining the case (a group case).", examples=[1]
    )
    petitioners: list[PersonIn] = Field(
        default_factory=list,
        max_length=50,
        description="Complainants, petitioners or, for a denunciation, the denouncers — whose identity is then "
        "stored apart and never returned here. A denunciation without one is anonymous (Art. 25) and cannot be accepted.",
    )
    reception_id: uuid.UUID | None = Field(
        None, description="The reception session it was received at.", examples=[None]
    )
    contested_decision_known_on: date | None = Field(
        None,
        description="For a complaint: the day the complainant learnt of the contested decision (90-day limit, Art. 9).",
        examples=["2026-10-01"],
    )
    external_ref: ExternalRef | None = Field(
        None, description="Where an integrator's copy of this case lives."
    )

    @model_validator(mode="after")
    def _dates(self) -> "PetitionCreate":
        if self.contested_decision_known_on and self.contested_decision_known_on > self.received_on:
            raise ValueError("contested_decision_known_on must not be after received_on")
        return self


class PetitionUpdate(Input):
    """Fields to change; omitted fields stay. Changing `complex` or `remote_area` recounts the running limits."""

    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] | None = (
        Field(None, examples=["Khiếu nại quyết định thu hồi đất (bổ sung)"])
    )
    content: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)] | None
    ) = Field(None, examples=["Ông An bổ sung bản sao Quyết định số 12/QĐ-UBND."])
    category: str | None = Field(None, examples=["compensation"])
    complex: bool | None = Field(None, examples=[True])
    remote_area: bool | None = Field(None, examples=[None])
    within_authority: bool | None = Field(None, examples=[True])
    head_count: int | None = Field(None, ge=1, le=100000, examples=[None])
    petitioners: list[PersonIn] | None = Field(
        None, max_length=50, description="Replaces the petitioners (not for denunciations)."
    )
    reception_id: uuid.UUID | None = Field(None, examples=[None])


class DeadlineRead(Schema):
    """One time limit of the case: `due_on` is `days` days (`day_basis`) after `started_on` moved on
    by `paused_days`, ending on a working day. `days` is everything counted, `base_days` the legal
    rule's part and `extended_days` what extension decisions added (each decision, with its number,
    is an `extend` event of the case)."""

    stage: Stage = Field(examples=["settlement"])
    instance: int = Field(examples=[1])
    started_on: date = Field(examples=["2026-04-22"])
    due_on: date = Field(examples=["2026-07-21"])
    ended_on: date | None = Field(examples=[None])
    days: int = Field(
        description="The days counted to `due_on`: `base_days` plus `extended_days`.", examples=[90]
    )
    base_days: int = Field(
        description="The legal rule's days (`GET /petitions/deadline-rules`).", examples=[30]
    )
    extended_days: int = Field(
        description="Days added by extension decisions (Law on Denunciations 2018, Art. 30).", examples=[60]
    )
    paused_days: int = Field(
        description="Calendar days the case was suspended, by which the limit's start moved.", examples=[0]
    )
    day_basis: DayBasis = Field(examples=["calendar"])
    legal_basis: str = Field(examples=["Luật Tố cáo 2018, Điều 30"])

    @model_validator(mode="before")
    @classmethod
    def _from_clock(cls, data: Any) -> Any:
        # The stored limit keeps the rule's days and the extensions apart; the answer adds them up.
        if isinstance(data, PetitionDeadline):
            fields = {name: getattr(data, name) for name in cls.model_fields if hasattr(data, name)}
            return {**fields, "days": data.days + data.extended_days, "base_days": data.days}
        return data


class UnitRef(Schema):
    id: uuid.UUID = Field(examples=[UNIT_ID_EXAMPLE])
    name: str = Field(examples=["Phường Thục Phán"])
    code: str = Field(examples=["01273"])


class DeadlineClock(Schema):
    """`days_left` and `deadline_state` of a shape that has `due_on`: computed from it and today
    (Vietnam) whenever the answer is written, never stored."""

    if TYPE_CHECKING:
        due_on: date | None

    @computed_field(  # type: ignore[prop-decorator]
        description="Calendar days until `due_on` (negative when overdue).", examples=[29]
    )
    @property
    def days_left(self) -> int | None:
        return deadlines.deadline_state(self.due_on, clock.today())[0]

    @computed_field(examples=["on_track"])  # type: ignore[prop-decorator]
    @property
    def deadline_state(self) -> DeadlineState | None:
        return deadlines.deadline_state(self.due_on, clock.today())[1]


class PetitionSummary(DeadlineClock):
    id: uuid.UUID = Field(examples=[PETITION_ID_EXAMPLE])
    reference: str = Field(description="Unique per receiving unit and year.", examples=["04-2026-000123"])
    kind: PetitionKind = Field(examples=["complaint"])
    channel: Channel = Field(examples=["reception"])
    status: Status = Field(examples=["accepted"])
    subject: str = Field(examples=["Khiếu nại quyết định thu hồi đất"])
    category: str = Field(examples=["land"])
    received_on: date = Field(examples=["2026-11-20"])
    receiving_unit: UnitRef
    handling_unit: UnitRef
    within_authority: bool | None = Field(examples=[True])
    remote_area: bool = Field(examples=[False])
    complex: bool = Field(examples=[False])
    instance: int = Field(description="1, or 2 for a second-instance complaint.", examples=[1])
    outcome: Outcome | None = Field(examples=[None])
    due_on: date | None = Field(
        description="The earliest running time limit, if any.", examples=["2026-12-21"]
    )
    settled_on: date | None = Field(examples=[None])
    settled_on_time: bool | None = Field(examples=[None])
    external_ref: ExternalRef | None = Field(
        description="The integrator's reference the case was received with, if any: a list's export "
        "imports back by it (docs/imports.md).",
    )


class LinkRead(Schema):
    """A linked case. One outside your jurisdiction (linked by someone who sees both) is shown
    only as existing: no id, no reference, `outside_jurisdiction: true`."""

    petition_id: uuid.UUID | None = Field(
        description="The other case; null when it lies outside your jurisdiction.",
        examples=[PETITION_ID_EXAMPLE],
    )
    reference: str | None = Field(
        description="The other case's reference; null when it lies outside your jurisdiction.",
        examples=["04-2026-000101"],
    )
    kind: LinkKind = Field(examples=["duplicate"])
    outside_jurisdiction: bool = Field(
        description="True: a case outside your jurisdiction; only a principal who sees both cases unlinks them.",
        examples=[False],
    )


class PetitionRead(PetitionSummary):
    has_etag = True

    content: str = Field(examples=["Ông An khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi đất."])
    head_count: int = Field(examples=[1])
    anonymous: bool = Field(description="A denunciation that named no denouncer.", examples=[False])
    identity_confidential: bool = Field(
        description="True for denunciations: the denouncers are not in `petitioners`; "
        "`GET /petitions/{id}/identity` returns them to holders of `petitions:confidential`, and each read is audited.",
        examples=[False],
    )
    petitioners: list[PersonRead] = Field(description="Empty for denunciations.")
    extension_count: int = Field(examples=[0])
    decision_number: str | None = Field(examples=[None])
    decision_date: date | None = Field(examples=[None])
    closed_on: date | None = Field(examples=[None])
    filed_out_of_time: bool = Field(
        description="A complaint filed after the 90-day limit (Law on Complaints, Art. 9).", examples=[False]
    )
    contested_decision_known_on: date | None = Field(examples=[None])
    reception_id: uuid.UUID | None = Field(examples=[None])
    deadlines: list[DeadlineRead]
    allowed_actions: list[Action] = Field(
        description="What `POST /petitions/{id}/transitions` accepts now.",
        examples=[["start_verification", "withdraw"]],
    )
    linked: list[LinkRead]
    created_at: datetime
    updated_at: datetime


class DuplicateSuggestion(Schema):
    """A case that may be the same matter as the one asked about; link it with
    `POST /petitions/{id}/links`."""

    id: uuid.UUID = Field(examples=[PETITION_ID_EXAMPLE])
    reference: str = Field(examples=["04-2026-000101"])
    subject: str = Field(examples=["Khiếu nại quyết định thu hồi đất"])
    received_on: date = Field(examples=["2026-10-02"])
    status: Status = Field(examples=["accepted"])
    reasons: list[Literal["same_identity_number", "similar_content"]] = Field(examples=[["similar_content"]])
    similarity: float = Field(
        description="How alike the two cases' words are, 0 to 1. On PostgreSQL the trigram similarity of "
        "their folded subject, content and petitioners' names (`similar_content` from 0.7); on the "
        "embedded SQLite database the share of their subjects' words in common (from 0.5).",
        examples=[0.82],
    )


class LinkCreate(Input):
    petition_id: uuid.UUID = Field(description="The other case.", examples=[PETITION_ID_EXAMPLE])
    kind: LinkKind = Field(examples=["duplicate"])


class TransitionRequest(Input):
    """An action and its data; which fields an action requires is in `GET /petitions/workflows`."""

    action: Action = Field(examples=["accept"])
    effective_on: date | None = Field(
        None,
        description="The legal date of the act (a decision's date); today if omitted. Not in the future.",
        examples=["2026-11-21"],
    )
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = Field(
        None, examples=[None]
    )
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)] | None = (
        Field(None, description="Why (non-acceptance, suspension, withdrawal).", examples=[None])
    )
    decision_number: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] | None
    ) = Field(None, description="Number of the written notice or decision.", examples=["15/TB-UBND"])
    outcome: Outcome | None = Field(None, examples=[None])
    target_unit_id: uuid.UUID | None = Field(
        None, description="Where a case is forwarded or appealed to.", examples=[None]
    )
    extension_days: int | None = Field(
        None,
        ge=1,
        le=90,
        description="Length of an extension; the rule's maximum if omitted.",
        examples=[None],
    )
    withdrawn_content: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)] | None
    ) = Field(None, description="For a partial withdrawal: what is withdrawn.", examples=[None])
    answer: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)] | None = (
        Field(None, description="The answer given to a petition or reflection.", examples=[None])
    )


class EventRead(Schema):
    id: int = Field(examples=[1])
    occurred_at: datetime
    effective_on: date = Field(examples=["2026-11-21"])
    action: Action | RecordAction = Field(
        description="A workflow action, or a change of the record (receive, edit, link, unlink, attach, detach).",
        examples=["accept"],
    )
    from_status: Status | None = Field(examples=["received"])
    to_status: Status = Field(examples=["accepted"])
    actor_type: str = Field(examples=["user"])
    actor_name: str | None = Field(examples=["Cán bộ tiếp dân"])
    handling_unit_id: uuid.UUID = Field(examples=[UNIT_ID_EXAMPLE])
    data: dict[str, Any] = Field(
        description="The act's data. A `link` or `unlink` names the other case in `petition_id`, which is "
        "null with `outside_jurisdiction: true` when that case lies outside your jurisdiction.",
        examples=[{"decision_number": "15/TB-UBND"}],
    )


class DenouncerIdentityRead(Schema):
    petition_id: uuid.UUID = Field(examples=[PETITION_ID_EXAMPLE])
    denouncers: list[PersonRead]


class PetitionListQuery(PageQuery, ExternalRefQuery):
    sort: str | None = sort_parameter(SORTING)
    kind: list[PetitionKind] = Field(default_factory=list, description="Any of these kinds.")
    status: list[Status] = Field(default_factory=list, description="Any of these states.")
    deadline_state: list[DeadlineState] = Field(
        default_factory=list, description="Open cases whose earliest running limit is in this state today."
    )
    category: list[str] = Field(default_factory=list)
    channel: list[Channel] = Field(default_factory=list)
    within_unit_id: UnitFilter = Field(None, description="Received or handled inside this unit's subtree.")
    handling_unit_id: UnitFilter = Field(None, description="Handled by exactly this unit.")
    received_from: date | None = Field(None, description="Received on or after.")
    received_to: date | None = Field(None, description="Received on or before.")
    within_authority: bool | None = None
    open: bool | None = Field(None, description="true: not yet in a final state; false: final.")
    reception_id: uuid.UUID | None = None
    q: str | None = Field(
        None,
        max_length=200,
        description="Words of reference, subject, content or petitioner names, diacritics optional.",
    )


class WorkflowMove(Schema):
    action: Action = Field(examples=["accept"])
    to: Status | None = Field(
        description="null: the case stays in its state (or, for resume, returns).", examples=["accepted"]
    )
    requires: list[str] = Field(examples=[["decision_number"]])


class WorkflowRead(Schema):
    kind: PetitionKind = Field(examples=["complaint"])
    initial: Status = Field(examples=["received"])
    terminal: list[Status] = Field(examples=[["not_accepted", "effective", "sued", "closed", "withdrawn"]])
    states: dict[str, list[WorkflowMove]]
