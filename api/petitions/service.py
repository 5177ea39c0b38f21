"""What can be done with petitions: each function is one use case, called by one route with
`(session, principal, ...)` and, where the route loaded the case, the case itself.

A case a use case changes was loaded for update (`PetitionRepository.get_for_update`: only its
handling unit changes it). Services raise `AppError`s and only flush: the request commits.
"""

import uuid
from collections import Counter
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import audit, clock
from api.core.access import Principal
from api.core.db import utcnow
from api.core.errors import AppError, Conflict, NotFound, invalid_field
from api.core.etag import check_if_match
from api.core.external_ref import claim_external_ref, external_ref_taken, taken_external_refs
from api.core.inserts import insert_created, written_behind
from api.core.permissions import Permission
from api.core.security import keyed_digest
from api.core.text import searchable
from api.petitions import deadlines, duplicates, numbering, transitions
from api.petitions.categories.service import active_category
from api.petitions.events import new_event, record_event
from api.petitions.models import (
    DenouncerIdentity,
    Petition,
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
    PetitionUpdate,
    TransitionRequest,
)
from api.petitions.workflows import RecordAction
from api.receptions.repository import ReceptionRepository
from api.units.models import Unit
from api.units.scope import units_in_jurisdiction
from api.units.service import check_unit_existed

# Words of the content searched: enough to find a case by what it is about, bounded for the index.
SEARCHED_CONTENT = 1000
# New cases of a batch written at once, while the next ones are built (`WrittenBehind`).
WRITTEN_TOGETHER = 100
# What a new case takes from its body as it is; the rest is derived or stored apart.
_DERIVED_ON_CREATE = {"handling_unit_id", "remote_area", "petitioners", "external_ref"}
# Update fields that may be cleared with an explicit null; others keep their value on null.
_NULLABLE_ON_UPDATE = {"within_authority", "reception_id"}


def search_text(petition: Petition, names: list[str]) -> str:
    """Folded words to search: reference, subject, the start of the content and — never for a
    denunciation — the petitioners' names."""
    return searchable(petition.reference, petition.subject, petition.content[:SEARCHED_CONTENT], *names)


def refresh_search_text(petition: Petition) -> None:
    """After a change of its words or people (a denunciation has none: its denouncers are apart)."""
    petition.search_text = search_text(petition, [p.full_name for p in petition.petitioners])


def _digest(key: str, person: PersonIn) -> str | None:
    return keyed_digest(key, person.identity_number.upper()) if person.identity_number else None


P = TypeVar("P", Petitioner, DenouncerIdentity)


def _people(cls: type[P], people: list[PersonIn], key: str, petition: Petition) -> list[P]:
    """The rows of a case's people, in order, with their identity digests; their audit events fall
    in the case's jurisdiction."""
    rows = []
    for i, person in enumerate(people):
        row = cls(
            **person.model_dump(), petition_id=petition.id, position=i, identity_digest=_digest(key, person)
        )
        row.audit_unit_id = petition.handling_unit_id
        rows.append(row)
    return rows


async def _check_reception(session: AsyncSession, principal: Principal, reception_id: uuid.UUID) -> None:
    if await ReceptionRepository(session, principal).find(reception_id) is None:
        raise invalid_field(
            "reception_id",
            "reception_not_found",
            f"No reception session {reception_id} in your jurisdiction.",
        )


async def _checked(session: AsyncSession, principal: Principal, body: PetitionCreate) -> tuple[Unit, Unit]:
    """A new case's receiving and handling units, once every check of its receipt passed."""
    if body.received_on > clock.today():
        raise invalid_field("received_on", "date_in_future", "A case cannot be received in the future.")
    named = {"receiving_unit_id": body.receiving_unit_id}
    if body.handling_unit_id is not None:
        named["handling_unit_id"] = body.handling_unit_id
    units = await units_in_jurisdiction(session, principal.jurisdiction, named)
    receiving = units["receiving_unit_id"]
    handling = units.get("handling_unit_id", receiving)
    check_unit_existed(receiving, body.received_on, "receiving_unit_id")
    check_unit_existed(handling, body.received_on, "handling_unit_id")
    await active_category(session, principal, body.category)
    if body.reception_id is not None:
        await _check_reception(session, principal, body.reception_id)
    return receiving, handling


async def _received(
    session: AsyncSession,
    principal: Principal,
    body: PetitionCreate,
    identity_key: str,
    units: tuple[Unit, Unit],
    seq: int,
) -> tuple[Petition, list[Any]]:
    """The new case numbered `seq` of its receiving unit's year, and every row its receipt writes
    (the case, its people or denouncers, its first time limit, its history's first event)."""
    receiving, handling = units
    year = body.received_on.year
    denunciation = body.kind == PetitionKind.DENUNCIATION
    petition = Petition(
        **body.model_dump(exclude=_DERIVED_ON_CREATE),
        id=uuid.uuid4(),
        reference=f"{receiving.code}-{year}-{seq:06d}",
        reference_year=year,
        reference_seq=seq,
        receiving_unit=receiving,
        handling_unit_id=handling.id,
        handling_unit=handling,
        remote_area=receiving.remote_area if body.remote_area is None else body.remote_area,
        anonymous=denunciation and not body.petitioners,
        status=Status.RECEIVED,
        instance=1,
        extension_count=0,
        filed_out_of_time=False,
        deadlines=[],
        petitioners=[],
        external_source=body.external_ref.source if body.external_ref else None,
        external_id=body.external_ref.id if body.external_ref else None,
    )
    # A denunciation's denouncers are stored apart, after the case exists: no relationship
    # reaches them from the case, and their names are never searched.
    if not denunciation:
        petition.petitioners = _people(Petitioner, body.petitioners, identity_key, petition)
    refresh_search_text(petition)
    if body.kind == PetitionKind.COMPLAINT and body.contested_decision_known_on is not None:
        last_day = await deadlines.limit_from(
            session, petition, Stage.COMPLAINT_FILING, body.contested_decision_known_on
        )
        petition.filed_out_of_time = last_day is not None and body.received_on > last_day
    await deadlines.open_clock(session, petition, Stage.ACCEPTANCE, body.received_on)
    deadlines.refresh_due(petition)
    receipt = new_event(
        principal,
        petition,
        RecordAction.RECEIVE,
        {"channel": body.channel.value},
        from_status=None,
        on=body.received_on,
    )
    denouncers = _people(DenouncerIdentity, body.petitioners, identity_key, petition) if denunciation else []
    return petition, [petition, *petition.petitioners, *petition.deadlines, receipt, *denouncers]


async def create(
    session: AsyncSession, principal: Principal, body: PetitionCreate, identity_key: str
) -> Petition:
    units = await _checked(session, principal, body)
    seq = await numbering.next_reference_seq(session, units[0].id, body.received_on.year)
    petition, rows = await _received(session, principal, body, identity_key, units, seq)
    await claim_external_ref(session, petition, body.external_ref, "case")
    # Not through the unit of work: a create is the write the country makes most (api/core/inserts.py).
    await insert_created(session, *rows)
    return petition


async def create_many(
    session: AsyncSession, principal: Principal, bodies: list[PetitionCreate], identity_key: str
) -> list[Petition | AppError]:
    """Many new cases at once (an import's batch), each checked as `create` checks one and
    built as it builds one, in a few statements for all: their external references checked in
    one, their numbers taken from the counters the import holds (`numbering`), their rows written
    a hundred cases at a time by `written_behind` (COPY on PostgreSQL, while the next hundred are
    built). The new case of each body, or why it cannot be (nothing is written for that one); a
    body's external reference must not repeat another's in the list."""
    results: dict[int, Petition | AppError] = {}
    checked: list[tuple[int, PetitionCreate, tuple[Unit, Unit]]] = []
    for index, body in enumerate(bodies):
        try:
            checked.append((index, body, await _checked(session, principal, body)))
        except AppError as error:
            results[index] = error
    refs = [(body.external_ref.source, body.external_ref.id) for _, body, _ in checked if body.external_ref]
    taken = await taken_external_refs(session, Petition, refs)
    for index, body, _ in checked:
        if body.external_ref is not None and (body.external_ref.source, body.external_ref.id) in taken:
            results[index] = external_ref_taken(body.external_ref, "case")
    accepted = [item for item in checked if item[0] not in results]
    counts = Counter((units[0].id, body.received_on.year) for _, body, units in accepted)
    next_seq = await numbering.take_reference_seqs(session, counts)
    async with written_behind(session) as writer:
        for start in range(0, len(accepted), WRITTEN_TOGETHER):
            rows: list[Any] = []
            for index, body, units in accepted[start : start + WRITTEN_TOGETHER]:
                key = (units[0].id, body.received_on.year)
                petition, written = await _received(
                    session, principal, body, identity_key, units, next_seq[key]
                )
                next_seq[key] += 1
                results[index] = petition
                rows += written
                await writer.meanwhile()
            await writer.write(rows)
    return [results[index] for index in range(len(bodies))]


async def update(
    session: AsyncSession,
    principal: Principal,
    petition: Petition,
    body: PetitionUpdate,
    if_match: str | None,
    identity_key: str,
) -> Petition:
    check_if_match(if_match, petition.version)
    changes = body.model_dump(exclude_unset=True)
    if "category" in changes:
        await active_category(session, principal, changes["category"])
    if changes.get("reception_id") is not None:
        await _check_reception(session, principal, changes["reception_id"])
    people = changes.pop("petitioners", None)
    if people is not None:
        if petition.kind == PetitionKind.DENUNCIATION:
            raise invalid_field(
                "petitioners", "confidential_identity", "A denouncer's identity is not changed here."
            )
        petition.petitioners = _people(Petitioner, body.petitioners or [], identity_key, petition)
    recount = any(k in changes and changes[k] != getattr(petition, k) for k in ("complex", "remote_area"))
    for name, value in changes.items():
        if value is not None or name in _NULLABLE_ON_UPDATE:
            setattr(petition, name, value)
    refresh_search_text(petition)
    if recount:
        await deadlines.recount(session, petition)
        deadlines.refresh_due(petition)
    record_event(
        session,
        principal,
        petition,
        RecordAction.EDIT,
        {"fields": sorted(body.model_fields_set)},
        from_status=petition.status,
    )
    await session.flush()
    return petition


async def transition(
    session: AsyncSession,
    principal: Principal,
    petition: Petition,
    body: TransitionRequest,
    if_match: str | None,
) -> Petition:
    check_if_match(if_match, petition.version)
    last_on = await PetitionRepository(session, principal).last_event_on(petition.id) or petition.received_on
    await transitions.apply(session, principal, petition, body, last_on)
    # A moved case is a changed case: its ETag must change even when only its clocks did.
    petition.updated_at = utcnow()
    await session.flush()
    return petition


async def read_identity(
    session: AsyncSession, principal: Principal, petition: Petition
) -> DenouncerIdentityRead:
    """The denouncers of a case, for a holder of `petitions:confidential`; the read is audited."""
    people = [
        PersonRead.model_validate(p)
        for p in await PetitionRepository(session, principal).denouncers(petition.id)
    ]
    audit.record(
        session,
        "petition.identity_read",
        "petition",
        petition.id,
        petition.handling_unit_id,
        {"after": {"denouncers": len(people)}},
    )
    return DenouncerIdentityRead(petition_id=petition.id, denouncers=people)


async def add_link(session: AsyncSession, principal: Principal, petition: Petition, body: LinkCreate) -> None:
    if body.petition_id == petition.id:
        raise invalid_field("petition_id", "self_link", "A case cannot be linked to itself.")
    repo = PetitionRepository(session, principal)
    other = await repo.find(body.petition_id)
    if other is None:
        raise invalid_field(
            "petition_id", "petition_not_found", f"No case {body.petition_id} in your jurisdiction."
        )
    if await repo.link_between(petition.id, other.id) is not None:
        raise Conflict("These cases are already linked.", code="already_linked")
    link = PetitionLink(petition_id=petition.id, other_id=other.id, kind=body.kind)
    link.audit_unit_id = petition.handling_unit_id
    session.add(link)
    record_event(
        session,
        principal,
        petition,
        RecordAction.LINK,
        {"petition_id": str(other.id), "kind": body.kind.value},
        from_status=petition.status,
    )
    # Both cases list their links: both ETags must change.
    petition.updated_at = other.updated_at = utcnow()
    await session.flush()


async def remove_link(
    session: AsyncSession,
    principal: Principal,
    petition: Petition,
    other_id: uuid.UUID,
    if_match: str | None = None,
) -> None:
    """Only a principal who sees both cases undoes their link: the other case's id would otherwise
    be a way to learn what lies outside the jurisdiction."""
    check_if_match(if_match, petition.version)
    repo = PetitionRepository(session, principal)
    other = await repo.get(other_id)
    link = await repo.link_between(petition.id, other.id)
    if link is None:
        raise NotFound("These cases are not linked.", code="link_not_found")
    link.audit_unit_id = petition.handling_unit_id
    await session.delete(link)
    record_event(
        session,
        principal,
        petition,
        RecordAction.UNLINK,
        {"petition_id": str(other_id)},
        from_status=petition.status,
    )
    # Both cases list their links: both ETags must change.
    petition.updated_at = other.updated_at = utcnow()
    await session.flush()


# Events whose data names another case (`petition_id`).
LINK_ACTIONS = (RecordAction.LINK, RecordAction.UNLINK)
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


async def history(session: AsyncSession, principal: Principal, petition: Petition) -> list[EventRead]:
    """Every event of the case, oldest first, as the reader may see it."""
    repo = PetitionRepository(session, principal)
    events = await repo.events(petition.id)
    return [
        EventRead.from_model(e, data=data)
        for e, data in zip(events, await event_data(repo, events), strict=True)
    ]


# The fields of a petition_link audit event that name a case.
LINK_AUDIT_FIELDS = ("petition_id", "other_id")


async def link_audit_changes(
    session: AsyncSession, principal: Principal, changes: list[dict[str, Any]]
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
    repo = PetitionRepository(session, principal)
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


audit.register_redaction(PetitionLink.__audit__, link_audit_changes)


def _answer(repo: PetitionRepository, petition: Petition, links: list[LinkRead]) -> dict[str, object]:
    """What a case's answer holds besides the model: what its reader may do now (nothing unless
    it may move the case, i.e. it is the handling unit's), and its links."""
    movable = repo.principal.can(Permission.PETITIONS_WRITE) and repo.may_change(petition)
    return {
        "allowed_actions": [m.action for m in transitions.allowed_moves(petition)] if movable else [],
        "linked": links,
    }


async def read(session: AsyncSession, principal: Principal, petition: Petition) -> PetitionRead:
    """A case as its reader sees it: the model, its allowed actions and its links."""
    repo = PetitionRepository(session, principal)
    if petition.links_seen is not None:
        seen = sorted(
            petition.links_seen, key=lambda link: (link["created_at"], str(uuid.UUID(link["petition_id"])))
        )
        rows: list[Any] = [
            (link["petition_id"], link["reference"], link["kind"], bool(link["sees"])) for link in seen
        ]
    else:
        rows = [(row.petition_id, row.reference, row.kind, row.sees) for row in await repo.links(petition.id)]
    links = [
        LinkRead(
            petition_id=other_id if sees else None,
            reference=reference if sees else None,
            kind=kind,
            outside_jurisdiction=not sees,
        )
        for other_id, reference, kind, sees in rows
    ]
    return PetitionRead.from_model(petition, **_answer(repo, petition, links))


def created(session: AsyncSession, principal: Principal, petition: Petition) -> PetitionRead:
    """A new case's answer, from what was written (a new case has no links yet)."""
    return PetitionRead.from_model(petition, **_answer(PetitionRepository(session, principal), petition, []))


async def duplicate_suggestions(
    session: AsyncSession, principal: Principal, petition: Petition
) -> list[DuplicateSuggestion]:
    return await duplicates.suggest(session, principal, petition)
