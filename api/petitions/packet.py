"""The verification packet: a case as it is handed to the person who verifies it.

Whoever settles a denunciation must strip the denouncer's name, address, handwriting and every
other identifying detail from what goes to a verifier (Law on Denunciations 2018, Art. 56(2)). The
packet does it by construction: its schema has no field that holds a person — no petitioners or
denouncers (for any kind of case: it describes the matter, not the people), no uploader or actor
names, no confidential files — and the free text it carries (subject, content, event notes, file
names) has every mention of a denouncer's full name, identity number, phone, e-mail and address
masked, with or without diacritics. Other identifying detail in free text (a nickname, a house
described) stays the settling officer's to remove before the case is recorded.
"""

import re
import unicodedata
import uuid
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Authorize, Principal
from api.core.db import utcnow
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.schemas import Schema
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.petitions import deadlines, service
from api.petitions.models import (
    Attachment,
    Channel,
    DeadlineState,
    DenouncerIdentity,
    Outcome,
    Petition,
    PetitionKind,
    Status,
)
from api.petitions.repository import PetitionRepository
from api.petitions.schemas import PETITION_ID_EXAMPLE, DeadlineRead, UnitRef
from api.petitions.workflows import Action, RecordAction

MASK = "[***]"
# Shorter secrets (initials, a two-digit house number) would mask ordinary words.
_MIN_SECRET = 4


class PacketCase(Schema):
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
    days_left: int | None = Field(examples=[12])
    deadline_state: DeadlineState | None = Field(examples=["on_track"])
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


# Masking -----------------------------------------------------------------------------------


def _fold_char(ch: str) -> str:
    """One character for one: the base letter, lower case, đ as d; anything else a space. The
    folded text lines up with the original, so a match found in one is masked in the other."""
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()[:1]
    return base if base.isalnum() else " "


def _folded(text: str) -> str:
    return "".join(_fold_char(ch) for ch in text)


def _pattern(secret: str) -> re.Pattern[str] | None:
    words = _folded(unicodedata.normalize("NFC", secret)).split()
    if len("".join(words)) < _MIN_SECRET:
        return None
    if all(w.isdigit() for w in words):
        # A number may be written grouped: 0912 345 678, 0912.345.678.
        body = " *".join("".join(words))
    else:
        body = " +".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


class Masker:
    def __init__(self, secrets: list[str]) -> None:
        patterns = [_pattern(s) for s in secrets if s]
        self.patterns = [p for p in patterns if p is not None]

    def text(self, text: str) -> str:
        if not self.patterns:
            return text
        text = unicodedata.normalize("NFC", text)
        folded = _folded(text)
        spans = sorted(m.span() for p in self.patterns for m in p.finditer(folded))
        out, at = [], 0
        for start, end in spans:
            if start < at:  # overlaps the previous mask
                start = at
            if start >= end:
                continue
            out += [text[at:start], MASK]
            at = end
        return "".join([*out, text[at:]])

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value


async def _masker(session: AsyncSession, petition: Petition) -> Masker:
    # Read to be removed, never shown: not an identity read, so not audited as one.
    rows = await session.scalars(
        select(DenouncerIdentity).where(DenouncerIdentity.petition_id == petition.id)
    )
    secrets = [
        value
        for person in rows
        for value in (person.full_name, person.identity_number, person.phone, person.email, person.address)
        if value
    ]
    return Masker(secrets)


async def build(session: AsyncSession, principal: Principal, petition_id: uuid.UUID) -> VerificationPacket:
    repo = PetitionRepository(session, principal.jurisdiction)
    petition = await repo.get(petition_id)
    mask = await _masker(session, petition)
    units = await service.unit_refs(session, {petition.receiving_unit_id, petition.handling_unit_id})
    days_left, state = deadlines.deadline_state(petition.due_on, clock.today())
    events = await repo.events(petition.id)
    files = await session.scalars(
        select(Attachment)
        .where(Attachment.petition_id == petition.id, Attachment.confidential.is_(False))
        .order_by(Attachment.uploaded_at, Attachment.id)
    )
    return VerificationPacket(
        generated_at=utcnow(),
        case=PacketCase(
            id=petition.id,
            reference=petition.reference,
            kind=petition.kind,
            channel=petition.channel,
            category=petition.category_code,
            subject=mask.text(petition.subject),
            content=mask.text(petition.content),
            received_on=petition.received_on,
            receiving_unit=units[petition.receiving_unit_id],
            handling_unit=units[petition.handling_unit_id],
            status=petition.status,
            outcome=petition.outcome,
            within_authority=petition.within_authority,
            remote_area=petition.remote_area,
            complex=petition.complex,
            instance=petition.instance,
            head_count=petition.head_count,
            extension_count=petition.extension_count,
            decision_number=petition.decision_number,
            decision_date=petition.decision_date,
            due_on=petition.due_on,
            days_left=days_left,
            deadline_state=state,
            settled_on=petition.settled_on,
            closed_on=petition.closed_on,
        ),
        deadlines=[DeadlineRead.model_validate(d) for d in petition.deadlines],
        events=[
            PacketEvent(
                occurred_at=e.occurred_at,
                effective_on=e.effective_on,
                action=e.action,
                from_status=e.from_status,
                to_status=e.to_status,
                data=mask.value(data),
            )
            for e, data in zip(events, await service.event_data(repo, events), strict=True)
        ],
        attachments=[
            PacketAttachment(
                id=a.id,
                filename=mask.text(a.filename),
                content_type=a.content_type,
                size=a.size,
                sha256=a.sha256,
                uploaded_at=a.uploaded_at,
            )
            for a in files
        ],
    )


router = APIRouter(prefix="/petitions", tags=["petitions"], route_class=UnitOfWorkRoute)


@router.get(
    "/{petition_id:uuid}/verification-packet",
    operation_id="petitions-verification-packet-get",
    summary="A petition as handed to a verifier",
    response_model=VerificationPacket,
    responses=problems(404, codes={404: ["petition_not_found"]}),
)
async def verification_packet(
    session: Session, petition_id: uuid.UUID, principal: Principal = Authorize(Permission.PETITIONS_READ)
) -> VerificationPacket:
    """The case with nothing that identifies a person (Law on Denunciations 2018, Art. 56(2)): the
    matter, its time limits, its history and its non-confidential files, with no petitioner or
    denouncer whatever the kind, and every mention of a denouncer's name, identity number, phone,
    e-mail or address in its text masked as `[***]`."""
    return await build(session, principal, petition_id)
