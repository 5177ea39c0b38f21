"""What can be done with petitions: each function is one use case, called by one route with
`(session, principal, ...)` and, where the route loaded the case, the case itself.

A case a use case changes was loaded for update (`PetitionRepository.get_for_update`: only its
handling unit changes it). Services raise `AppError`s and only flush: the request commits.
"""

import uuid
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import audit, clock
from api.core.access import Principal
from api.core.db import utcnow
from api.core.errors import Conflict, NotFound, invalid_field
from api.core.etag import check_if_match
from api.core.external_ref import claim_external_ref
from api.core.permissions import Permission
from api.core.security import keyed_digest
from api.core.text import fold
from api.petitions import deadlines, duplicates, transitions
from api.petitions.categories.service import active_category
from api.petitions.events import record_event
from api.petitions.models import (
    DenouncerIdentity,
    Petition,
    Petitioner,
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
    PetitionCreated,
    PetitionRead,
    PetitionUpdate,
    TransitionRequest,
)
from api.receptions.repository import ReceptionRepository
from api.units.models import Unit
from api.units.repository import UnitRepository

# Words of the content searched: enough to find a case by what it is about, bounded for the index.
SEARCHED_CONTENT = 1000
# What a new case takes from its body as it is; the rest is derived or stored apart.
_DERIVED_ON_CREATE = {"handling_unit_id", "remote_area", "petitioners", "external_ref"}
# Update fields that may be cleared with an explicit null; others keep their value on null.
_NULLABLE_ON_UPDATE = {"within_authority", "reception_id"}


def search_text(petition: Petition, names: list[str]) -> str:
    """Folded words to search: reference, subject, the start of the content and — never for a
    denunciation — the petitioners' names."""
    parts = [petition.reference, petition.subject, petition.content[:SEARCHED_CONTENT], *names]
    return fold(" ".join(parts))


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


async def _units_in_jurisdiction(
    session: AsyncSession, principal: Principal, fields: dict[str, uuid.UUID]
) -> dict[str, Unit]:
    """The units named by these fields, each inside the jurisdiction (422 on the first that is not)."""
    found = await UnitRepository(session, principal).get_many(fields.values())
    for field, unit_id in fields.items():
        if unit_id not in found:
            raise invalid_field(field, "unit_not_found", f"No unit {unit_id} in your jurisdiction.")
    return {field: found[unit_id] for field, unit_id in fields.items()}


async def _check_reception(session: AsyncSession, principal: Principal, reception_id: uuid.UUID) -> None:
    if await ReceptionRepository(session, principal).find(reception_id) is None:
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
    named = {"receiving_unit_id": body.receiving_unit_id}
    if body.handling_unit_id is not None:
        named["handling_unit_id"] = body.handling_unit_id
    units = await _units_in_jurisdiction(session, principal, named)
    receiving = units["receiving_unit_id"]
    handling = units.get("handling_unit_id", receiving)
    await active_category(session, principal, body.category)
    if body.reception_id is not None:
        await _check_reception(session, principal, body.reception_id)
    repo = PetitionRepository(session, principal)
    year = body.received_on.year
    seq = await repo.next_reference_seq(receiving.id, year)
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
    )
    await claim_external_ref(session, petition, body.external_ref, "case")
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
    session.add(petition)
    await session.flush()
    record_event(
        session,
        principal,
        petition,
        "receive",
        {"channel": body.channel.value},
        from_status=None,
        on=body.received_on,
    )
    if denunciation:
        session.add_all(_people(DenouncerIdentity, body.petitioners, identity_key, petition))
    await session.flush()
    digests = {d for p in body.petitioners if (d := _digest(identity_key, p))}
    return petition, await duplicates.suggest(session, principal, petition, digests)


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
        "edit",
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
        "link",
        {"petition_id": str(other.id), "kind": body.kind.value},
        from_status=petition.status,
    )
    await session.flush()


async def remove_link(
    session: AsyncSession, principal: Principal, petition: Petition, other_id: uuid.UUID
) -> None:
    link = await PetitionRepository(session, principal).link_between(petition.id, other_id)
    if link is None:
        raise NotFound("These cases are not linked.", code="link_not_found")
    link.audit_unit_id = petition.handling_unit_id
    await session.delete(link)
    record_event(
        session, principal, petition, "unlink", {"petition_id": str(other_id)}, from_status=petition.status
    )
    await session.flush()


async def history(session: AsyncSession, principal: Principal, petition: Petition) -> list[EventRead]:
    """Every event of the case, oldest first."""
    return [
        EventRead.model_validate(e) for e in await PetitionRepository(session, principal).events(petition.id)
    ]


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
    links = [LinkRead.model_validate(row) for row in await repo.links(petition.id)]
    return PetitionRead.from_model(petition, **_answer(repo, petition, links))


def created(
    session: AsyncSession, principal: Principal, petition: Petition, suggestions: list[DuplicateSuggestion]
) -> PetitionCreated:
    """A new case's answer, from what was written (a new case has no links yet)."""
    answer = _answer(PetitionRepository(session, principal), petition, [])
    return PetitionCreated.from_model(petition, **answer, duplicate_suggestions=suggestions)
