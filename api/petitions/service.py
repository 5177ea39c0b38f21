"""What can be done with petitions: each function is one use case, called by one route."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import audit, clock
from api.core.access import Principal
from api.core.db import utcnow
from api.core.errors import Conflict, NotFound, invalid_field
from api.core.etag import check_if_match
from api.core.external_ref import claim_external_ref
from api.core.jurisdiction import Jurisdiction
from api.core.permissions import Permission
from api.core.security import keyed_digest
from api.core.text import fold
from api.petitions import deadlines, duplicates, transitions
from api.petitions.models import (
    DenouncerIdentity,
    Petition,
    PetitionCategory,
    Petitioner,
    PetitionEvent,
    PetitionKind,
    PetitionLink,
    Stage,
    Status,
)
from api.petitions.repository import PetitionRepository
from api.petitions.schemas import (
    DenouncerIdentityRead,
    DuplicateSuggestion,
    EventRead,
    LinkCreate,
    LinkRead,
    PersonIn,
    PersonRead,
    PetitionCreate,
    PetitionRead,
    PetitionSummary,
    PetitionUpdate,
    TransitionRequest,
    UnitRef,
)
from api.receptions.models import ReceptionSession
from api.units.models import Unit
from api.units.repository import UnitRepository
from api.units.service import check_unit_existed

# Words of the content searched: enough to find a case by what it is about, bounded for the index.
SEARCHED_CONTENT = 1000


def search_text(petition: Petition, names: list[str]) -> str:
    """Folded words to search: reference, subject, the start of the content and — never for a
    denunciation — the petitioners' names."""
    parts = [petition.reference, petition.subject, petition.content[:SEARCHED_CONTENT], *names]
    return fold(" ".join(parts))


def _digest(key: str, person: PersonIn) -> str | None:
    return keyed_digest(key, person.identity_number.upper()) if person.identity_number else None


def _people(
    cls: type[Petitioner] | type[DenouncerIdentity], people: list[PersonIn], key: str, unit_id: uuid.UUID
) -> list[Petitioner] | list[DenouncerIdentity]:
    out = []
    for i, p in enumerate(people):
        row = cls(**p.model_dump(), position=i, identity_digest=_digest(key, p))
        row.audit_unit_id = unit_id
        out.append(row)
    return out  # type: ignore[return-value]


async def _unit_in_jurisdiction(
    session: AsyncSession, principal: Principal, unit_id: uuid.UUID, field: str
) -> Unit:
    try:
        return await UnitRepository(session, principal).get(unit_id)
    except NotFound:
        raise invalid_field(field, "unit_not_found", f"No unit {unit_id} in your jurisdiction.") from None


async def _check_category(session: AsyncSession, code: str) -> None:
    category = await session.get(PetitionCategory, code)
    if category is None or not category.active:
        raise invalid_field(
            "category",
            "unknown_category",
            f"'{code}' is not an active category; see GET /petitions/categories.",
        )


async def _check_reception(session: AsyncSession, principal: Principal, reception_id: uuid.UUID) -> None:
    reception = await session.get(ReceptionSession, reception_id)
    unit = await session.get(Unit, reception.unit_id) if reception else None
    if unit is None or not principal.jurisdiction.covers(unit.path):
        raise invalid_field(
            "reception_id",
            "reception_not_found",
            f"No reception session {reception_id} in your jurisdiction.",
        )


async def create(
    session: AsyncSession, principal: Principal, body: PetitionCreate, identity_key: str
) -> tuple[Petition, list[DuplicateSuggestion]]:
    if body.received_on > clock.today():
        raise invalid_field("received_on", "date_in_future", "A case cannot be received in the future.")
    receiving = await _unit_in_jurisdiction(session, principal, body.receiving_unit_id, "receiving_unit_id")
    handling = (
        await _unit_in_jurisdiction(session, principal, body.handling_unit_id, "handling_unit_id")
        if body.handling_unit_id
        else receiving
    )
    check_unit_existed(receiving, body.received_on, "receiving_unit_id")
    check_unit_existed(handling, body.received_on, "handling_unit_id")
    await _check_category(session, body.category)
    if body.reception_id is not None:
        await _check_reception(session, principal, body.reception_id)
    repo = PetitionRepository(session, principal.jurisdiction)
    year = body.received_on.year
    seq = await repo.next_reference_seq(receiving.id, year)
    denunciation = body.kind == PetitionKind.DENUNCIATION
    petition = Petition(
        id=uuid.uuid4(),
        reference=f"{receiving.code}-{year}-{seq:06d}",
        reference_year=year,
        reference_seq=seq,
        kind=body.kind,
        channel=body.channel,
        received_on=body.received_on,
        receiving_unit_id=receiving.id,
        handling_unit_id=handling.id,
        subject=body.subject,
        content=body.content,
        category_code=body.category,
        within_authority=body.within_authority,
        remote_area=receiving.remote_area if body.remote_area is None else body.remote_area,
        complex=body.complex,
        head_count=body.head_count,
        anonymous=denunciation and not body.petitioners,
        status=Status.RECEIVED,
        instance=1,
        extension_count=0,
        filed_out_of_time=False,
        reception_id=body.reception_id,
        contested_decision_known_on=body.contested_decision_known_on,
        deadlines=[],
        petitioners=[],
    )
    await claim_external_ref(session, petition, body.external_ref, "case")
    if not denunciation:
        petition.petitioners = _people(Petitioner, body.petitioners, identity_key, handling.id)  # type: ignore[assignment]
    names = [] if denunciation else [p.full_name for p in body.petitioners]
    petition.search_text = search_text(petition, names)
    if body.kind == PetitionKind.COMPLAINT and body.contested_decision_known_on is not None:
        last_day = await deadlines.limit_from(
            session, petition, Stage.COMPLAINT_FILING, body.contested_decision_known_on
        )
        petition.filed_out_of_time = last_day is not None and body.received_on > last_day
    await deadlines.open_clock(session, petition, Stage.ACCEPTANCE, body.received_on)
    deadlines.refresh_due(petition)
    session.add(petition)
    await session.flush()
    session.add(
        _event(principal, petition, "receive", None, body.received_on, {"channel": body.channel.value})
    )
    if denunciation:
        # Stored apart, after the case exists; no relationship reaches it from the case.
        for row in _people(DenouncerIdentity, body.petitioners, identity_key, handling.id):
            row.petition_id = petition.id
            session.add(row)
    await session.flush()
    digests = {d for p in body.petitioners if (d := _digest(identity_key, p))}
    suggestions = await duplicates.suggest(
        session, repo, petition, digests, principal.can(Permission.PETITIONS_CONFIDENTIAL)
    )
    return petition, suggestions


def _event(
    principal: Principal,
    petition: Petition,
    action: str,
    before: Status | None,
    on: date,
    data: dict[str, object],
) -> PetitionEvent:
    return PetitionEvent(
        petition_id=petition.id,
        effective_on=on,
        action=action,
        from_status=before,
        to_status=petition.status,
        actor_type=principal.kind,
        actor_id=principal.id,
        actor_name=principal.name,
        handling_unit_id=petition.handling_unit_id,
        data=data,
    )


async def update(
    session: AsyncSession,
    principal: Principal,
    petition_id: uuid.UUID,
    body: PetitionUpdate,
    if_match: str | None,
    identity_key: str,
) -> Petition:
    repo = PetitionRepository(session, principal.jurisdiction)
    petition = await repo.writable(petition_id)
    check_if_match(if_match, petition.version)
    changes = body.model_dump(exclude_unset=True)
    if "category" in changes:
        await _check_category(session, changes["category"])
        petition.category_code = changes.pop("category")
    if changes.get("reception_id") is not None:
        await _check_reception(session, principal, changes["reception_id"])
    people = changes.pop("petitioners", None)
    if people is not None:
        if petition.kind == PetitionKind.DENUNCIATION:
            raise invalid_field(
                "petitioners", "confidential_identity", "A denouncer's identity is not changed here."
            )
        petition.petitioners = _people(  # type: ignore[assignment]
            Petitioner, [PersonIn(**p) for p in people], identity_key, petition.handling_unit_id
        )
    recount = any(k in changes and changes[k] != getattr(petition, k) for k in ("complex", "remote_area"))
    for name, value in changes.items():
        if value is None and name not in ("within_authority", "reception_id"):
            continue
        setattr(petition, name, value)
    names = [p.full_name for p in petition.petitioners]
    petition.search_text = search_text(petition, names)
    if recount:
        await deadlines.recount(session, petition)
        deadlines.refresh_due(petition)
    session.add(
        _event(
            principal,
            petition,
            "edit",
            petition.status,
            clock.today(),
            {"fields": sorted(body.model_fields_set)},
        )
    )
    await session.flush()
    return petition


async def transition(
    session: AsyncSession,
    principal: Principal,
    petition_id: uuid.UUID,
    body: TransitionRequest,
    if_match: str | None,
) -> Petition:
    repo = PetitionRepository(session, principal.jurisdiction)
    petition = await repo.writable(petition_id)
    check_if_match(if_match, petition.version)
    last_on = await repo.last_event_on(petition.id) or petition.received_on
    event = await transitions.apply(session, principal, petition, body, last_on)
    session.add(event)
    # A moved case is a changed case: its ETag must change even when only its clocks did.
    petition.updated_at = utcnow()
    await session.flush()
    return petition


async def read_identity(
    session: AsyncSession, principal: Principal, petition_id: uuid.UUID
) -> DenouncerIdentityRead:
    """The denouncers of a case, for a holder of `petitions:confidential`; the read is audited."""
    petition = await PetitionRepository(session, principal.jurisdiction).get(petition_id)
    rows = await session.scalars(
        select(DenouncerIdentity)
        .where(DenouncerIdentity.petition_id == petition.id)
        .order_by(DenouncerIdentity.position)
    )
    people = [PersonRead.model_validate(r) for r in rows]
    audit.record(
        session,
        "petition.identity_read",
        "petition",
        petition.id,
        petition.handling_unit_id,
        {"after": {"denouncers": len(people)}},
    )
    return DenouncerIdentityRead(petition_id=petition.id, denouncers=people)


async def add_link(
    session: AsyncSession, principal: Principal, petition_id: uuid.UUID, body: LinkCreate
) -> None:
    repo = PetitionRepository(session, principal.jurisdiction)
    petition = await repo.writable(petition_id)
    if body.petition_id == petition.id:
        raise invalid_field("petition_id", "self_link", "A case cannot be linked to itself.")
    try:
        other = await repo.get(body.petition_id)
    except NotFound:
        raise invalid_field(
            "petition_id", "petition_not_found", f"No case {body.petition_id} in your jurisdiction."
        ) from None
    existing = await session.get(PetitionLink, (petition.id, other.id)) or await session.get(
        PetitionLink, (other.id, petition.id)
    )
    if existing is not None:
        raise Conflict("These cases are already linked.", code="already_linked")
    link = PetitionLink(petition_id=petition.id, other_id=other.id, kind=body.kind)
    link.audit_unit_id = petition.handling_unit_id
    session.add(link)
    session.add(
        _event(
            principal,
            petition,
            "link",
            petition.status,
            clock.today(),
            {"petition_id": str(other.id), "kind": body.kind.value},
        )
    )
    # Both cases list their links: both ETags must change.
    petition.updated_at = other.updated_at = utcnow()
    await session.flush()


async def remove_link(
    session: AsyncSession,
    principal: Principal,
    petition_id: uuid.UUID,
    other_id: uuid.UUID,
    if_match: str | None = None,
) -> None:
    """Only a principal who sees both cases undoes their link: the other case's id would otherwise
    be a way to learn what lies outside the jurisdiction."""
    repo = PetitionRepository(session, principal.jurisdiction)
    petition = await repo.writable(petition_id)
    check_if_match(if_match, petition.version)
    other = await repo.get(other_id)
    link = await session.get(PetitionLink, (petition.id, other_id)) or await session.get(
        PetitionLink, (other_id, petition.id)
    )
    if link is None:
        raise NotFound("These cases are not linked.", code="link_not_found")
    link.audit_unit_id = petition.handling_unit_id
    await session.delete(link)
    session.add(
        _event(principal, petition, "unlink", petition.status, clock.today(), {"petition_id": str(other_id)})
    )
    # Both cases list their links: both ETags must change.
    petition.updated_at = other.updated_at = utcnow()
    await session.flush()


# Reading -----------------------------------------------------------------------------------

# Events whose data names another case (`petition_id`).
LINK_ACTIONS = ("link", "unlink")
# What a link shows of a case outside the reader's jurisdiction: that it exists, never which.
OUTSIDE = {"petition_id": None, "outside_jurisdiction": True}


async def event_data(repo: PetitionRepository, events: list[PetitionEvent]) -> list[dict[str, Any]]:
    """Each event's data as the reader may see it: a link to a case outside its jurisdiction names
    no id. New dicts: the events themselves are never changed."""
    named = {e.data["petition_id"] for e in events if e.action in LINK_ACTIONS and e.data.get("petition_id")}
    seen = {str(i) for i in await repo.visible_ids({uuid.UUID(i) for i in named})}
    return [
        {**e.data, **OUTSIDE}
        if e.action in LINK_ACTIONS and e.data.get("petition_id") and e.data["petition_id"] not in seen
        else dict(e.data)
        for e in events
    ]


async def history(session: AsyncSession, principal: Principal, petition_id: uuid.UUID) -> list[EventRead]:
    repo = PetitionRepository(session, principal.jurisdiction)
    petition = await repo.get(petition_id)
    events = await repo.events(petition.id)
    return [
        EventRead.model_validate(e).model_copy(update={"data": data})
        for e, data in zip(events, await event_data(repo, events), strict=True)
    ]


# The fields of a petition_link audit event that name a case.
LINK_AUDIT_FIELDS = ("petition_id", "other_id")


async def link_audit_changes(
    session: AsyncSession, jurisdiction: Jurisdiction, changes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The `changes` of petition_link audit events as a reader sees them: a case outside its
    jurisdiction is null, flagged `<field>_outside_jurisdiction` (`other_outside_jurisdiction`)."""
    named = {
        side[f]
        for c in changes
        for side in c.values()
        if isinstance(side, dict)
        for f in LINK_AUDIT_FIELDS
        if side.get(f)
    }
    repo = PetitionRepository(session, jurisdiction)
    seen = {str(i) for i in await repo.visible_ids({uuid.UUID(i) for i in named})}

    def redact(side: Any) -> Any:
        if not isinstance(side, dict):
            return side
        out = dict(side)
        for f in LINK_AUDIT_FIELDS:
            if out.get(f) and out[f] not in seen:
                out[f] = None
                out[f"{f.removesuffix('_id')}_outside_jurisdiction"] = True
        return out

    return [{k: redact(v) for k, v in c.items()} for c in changes]


async def unit_refs(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, UnitRef]:
    """Names of the units a page of cases mentions (outside the jurisdiction too: a forwarded
    case names the body it went to)."""
    if not ids:
        return {}
    rows = await session.execute(select(Unit.id, Unit.name, Unit.code).where(Unit.id.in_(ids)))
    return {i: UnitRef(id=i, name=n, code=c) for i, n, c in rows}


def _summary_fields(petition: Petition, units: dict[uuid.UUID, UnitRef], today: date) -> dict[str, object]:
    days_left, state = deadlines.deadline_state(petition.due_on, today)
    return {
        "id": petition.id,
        "reference": petition.reference,
        "kind": petition.kind,
        "channel": petition.channel,
        "status": petition.status,
        "subject": petition.subject,
        "category": petition.category_code,
        "received_on": petition.received_on,
        "receiving_unit": units[petition.receiving_unit_id],
        "handling_unit": units[petition.handling_unit_id],
        "within_authority": petition.within_authority,
        "remote_area": petition.remote_area,
        "complex": petition.complex,
        "instance": petition.instance,
        "outcome": petition.outcome,
        "due_on": petition.due_on,
        "days_left": days_left,
        "deadline_state": state,
        "settled_on": petition.settled_on,
        "settled_on_time": petition.settled_on_time,
    }


async def summaries(session: AsyncSession, petitions: list[Petition]) -> list[PetitionSummary]:
    units = await unit_refs(
        session, {u for p in petitions for u in (p.receiving_unit_id, p.handling_unit_id)}
    )
    today = clock.today()
    return [PetitionSummary(**_summary_fields(p, units, today)) for p in petitions]


async def read(session: AsyncSession, principal: Principal, petition: Petition) -> PetitionRead:
    repo = PetitionRepository(session, principal.jurisdiction)
    units = await unit_refs(session, {petition.receiving_unit_id, petition.handling_unit_id})
    handler = await session.get(Unit, petition.handling_unit_id)
    can_move = (
        principal.can(Permission.PETITIONS_WRITE)
        and handler is not None
        and principal.jurisdiction.covers(handler.path)
    )
    links = [
        LinkRead(
            petition_id=other_id if seen else None,
            reference=reference if seen else None,
            kind=link.kind,
            outside_jurisdiction=not seen,
        )
        for link, other_id, reference, seen in await repo.links(petition.id)
    ]
    return PetitionRead(
        **_summary_fields(petition, units, clock.today()),
        content=petition.content,
        head_count=petition.head_count,
        anonymous=petition.anonymous,
        identity_confidential=petition.kind == PetitionKind.DENUNCIATION,
        petitioners=[PersonRead.model_validate(p) for p in petition.petitioners],
        extension_count=petition.extension_count,
        decision_number=petition.decision_number,
        decision_date=petition.decision_date,
        closed_on=petition.closed_on,
        filed_out_of_time=petition.filed_out_of_time,
        contested_decision_known_on=petition.contested_decision_known_on,
        reception_id=petition.reception_id,
        deadlines=petition.deadlines,
        allowed_actions=[m.action for m in transitions.allowed_moves(petition)] if can_move else [],
        linked=links,
        external_ref=petition.external_ref,
        created_at=petition.created_at,
        updated_at=petition.updated_at,
    )
