"""The shape of the verification packet: no field in it can hold a person."""

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import Field

from api.core.schemas import Schema
from api.petitions.models import Channel, Outcome, PetitionKind, Status
from api.petitions.schemas import PETITION_ID_EXAMPLE, DeadlineClock, DeadlineRead, UnitRef
from api.petitions.workflows import Action, RecordAction


class PacketCase(DeadlineClock):
    """The matter: what was denounced or complained of, where, and how far it has gone."""

    id: uuid.UUID = Field(examples=[PETITION_ID_EXAMPLE])
    reference: str = Field(examples=["04-2026-000123"])
    kind: PetitionKind = Field(examples=["denunciation"])
    channel: Channel = Field(examples=["mail"])
    category: str = Field(examples=["officials_conduct"])
    subject: str = Field(
        description="Mentions of a denouncer are masked as `[***]`.", examples=["Tố cáo cán bộ địa chính"]
    )
    content: str = Field(
        description="Mentions of a denouncer are masked as `[***]`.",
        examples=["Người tố cáo [***] phản ánh cán bộ địa chính xã nhận tiền khi cấp giấy chứng nhận."],
    )
    received_on: date = Field(examples=["2026-03-02"])
    receiving_unit: UnitRef
    handling_unit: UnitRef
    status: Status = Field(examples=["verifying"])
    outcome: Outcome | None = Field(examples=[None])
    within_authority: bool | None = Field(examples=[True])
    remote_area: bool = Field(examples=[False])
    complex: bool = Field(examples=[False])
    instance: int = Field(examples=[1])
    head_count: int = Field(
        description="How many people joined the case (a number, never who).", examples=[1]
    )
    extension_count: int = Field(examples=[0])
    decision_number: str | None = Field(examples=[None])
    decision_date: date | None = Field(examples=[None])
    due_on: date | None = Field(examples=["2026-04-20"])
    settled_on: date | None = Field(examples=[None])
    closed_on: date | None = Field(examples=[None])


class PacketEvent(Schema):
    occurred_at: datetime
    effective_on: date = Field(examples=["2026-03-05"])
    action: Action | RecordAction = Field(examples=["accept"])
    from_status: Status | None = Field(examples=["received"])
    to_status: Status = Field(examples=["accepted"])
    data: dict[str, Any] = Field(
        description="The move's data (decision numbers, reasons), text masked like `content`.",
        examples=[{"decision_number": "15/TB-UBND"}],
    )


class PacketAttachment(Schema):
    """A file a verifier may fetch with `GET /petitions/{id}/attachments/{attachment_id}`."""

    id: uuid.UUID = Field(examples=["5b0c8f7e-2a1d-4c3b-9e8f-7a6b5c4d3e2f"])
    filename: str = Field(description="Masked like `content`.", examples=["bien-ban-lam-viec.pdf"])
    content_type: str = Field(examples=["application/pdf"])
    size: int = Field(examples=[183244])
    sha256: str = Field(examples=["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"])
    uploaded_at: datetime


class VerificationPacket(Schema):
    """A case with nothing that identifies a person: safe to hand to a verifier as it is."""

    generated_at: datetime
    case: PacketCase
    deadlines: list[DeadlineRead]
    events: list[PacketEvent] = Field(description="Oldest first, without who recorded them.")
    attachments: list[PacketAttachment] = Field(description="The case's files that are not confidential.")
