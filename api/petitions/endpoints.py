"""HTTP routes of /api/v1/petitions: parse, call one service function, shape the answer.

The domain's one router: the routes of a case here, its sub-resources' routes (categories,
deadline rules, attachments, the verification packet) included from their packages.
"""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.exports import exportable
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import Session, UnitOfWorkRoute, audited_read
from api.petitions import service
from api.petitions.attachments.endpoints import UPLOAD_PATH as ATTACHMENTS_UPLOAD_PATH
from api.petitions.attachments.endpoints import router as attachments_router
from api.petitions.categories.endpoints import router as categories_router
from api.petitions.deadline_rules.endpoints import router as deadline_rules_router
from api.petitions.dependencies import (
    NOT_HANDLING_UNIT,
    CurrentPetition,
    IdentityKey,
    PetitionForUpdate,
    Petitions,
)
from api.petitions.models import Petition, Status
from api.petitions.packet.endpoints import router as packet_router
from api.petitions.schemas import (
    DenouncerIdentityRead,
    DuplicateSuggestion,
    EventRead,
    LinkCreate,
    PetitionCreate,
    PetitionListQuery,
    PetitionRead,
    PetitionSummary,
    PetitionUpdate,
    TransitionRequest,
    WorkflowMove,
    WorkflowRead,
)
from api.petitions.workflows import TERMINAL, WORKFLOWS

router = APIRouter(prefix="/petitions", tags=["petitions"], route_class=UnitOfWorkRoute)
# The paths of routes that take a file (see `Domain.upload_paths`).
UPLOAD_PATHS = (ATTACHMENTS_UPLOAD_PATH,)
NOT_FOUND = problems(404, codes={404: ["petition_not_found"]})
WRITE_ERRORS = {403: NOT_HANDLING_UNIT, 404: ["petition_not_found"]}


async def _read(
    session: Session, principal: Principal, petition: Petition, response: Response
) -> PetitionRead:
    set_etag(response, petition.version)
    return await service.read(session, principal, petition)


@router.get(
    "",
    operation_id="petitions-list",
    summary="List petitions",
    response_model=Page[PetitionSummary],
    responses=problems(404, codes={404: ["unit_not_found"]}),
)
@exportable
async def list_petitions(
    petitions: Petitions,
    cursors: Cursors,
    query: Annotated[PetitionListQuery, Query()],
    _: Principal = Authorize(Permission.PETITIONS_READ),
) -> Page[PetitionSummary]:
    """Cases received or handled in your jurisdiction that match every filter, one page at a time.
    Sort fields: `received_on` (default, newest first), `due_on` (most urgent first; cases with no
    running limit last), `created_at`, `reference`. `deadline_state` compares the earliest running
    limit with today in Vietnam: `overdue` (past), `at_risk` (5 days or fewer left), `on_track`.
    No denouncer identity appears in a list, in the search or in any filter."""
    return Page[PetitionSummary].model_validate(await petitions.page(query, cursors))


@router.post(
    "",
    operation_id="petitions-create",
    summary="Receive a petition, complaint or denunciation",
    status_code=status.HTTP_201_CREATED,
    response_model=PetitionRead,
    responses=problems(
        409,
        422,
        codes={
            409: ["duplicate_external_ref", "constraint_violation"],
            422: [
                "unit_not_found",
                "unknown_category",
                "reception_not_found",
                "date_in_future",
                "date_outside_unit_life",
                "idempotency_key_reused",
            ],
        },
    ),
)
async def create_petition(
    session: Session,
    body: PetitionCreate,
    response: Response,
    identity_key: IdentityKey,
    principal: Principal = Authorize(Permission.PETITIONS_WRITE),
) -> PetitionRead:
    """Record a case as received: it gets its reference (`<unit code>-<year>-<number>`) and its
    intake time limit starts. Likely duplicates are a separate call,
    `GET /petitions/{id}/duplicate-suggestions`, which an officer's screen makes once the case
    is saved (a script loading cases need not). A denunciation's denouncers are stored apart and
    never returned by this or any list route."""
    petition = await service.create(session, principal, body, identity_key)
    response.headers["Location"] = f"/api/v1/petitions/{petition.id}"
    set_etag(response, petition.version)
    return service.created(session, principal, petition)


@router.get(
    "/workflows",
    operation_id="petitions-workflows-list",
    summary="The state machine of each kind of case",
    response_model=list[WorkflowRead],
)
async def workflows(_principal: Principal = Authorize(Permission.PETITIONS_READ)) -> list[WorkflowRead]:
    """From each state, the actions allowed, the state each leads to and the fields each requires.
    An extension is refused after the second (Law on Denunciations 2018, Art. 30); a second-instance
    complaint cannot be appealed again."""
    return [
        WorkflowRead(
            kind=kind,
            initial=Status.RECEIVED,
            terminal=sorted(TERMINAL),
            states={
                state.value: [
                    WorkflowMove(action=m.action, to=m.to, requires=list(m.requires)) for m in moves
                ]
                for state, moves in machine.items()
            },
        )
        for kind, machine in WORKFLOWS.items()
    ]


# The reference data cases use, listed in the contract before the routes of one case (a contract
# lists paths in the order routes are registered).
router.include_router(categories_router)
router.include_router(deadline_rules_router)


@router.get(
    "/{petition_id:uuid}",
    operation_id="petitions-get",
    summary="Get a petition",
    response_model=PetitionRead,
    responses=NOT_FOUND,
)
async def get_petition(
    session: Session,
    petition: CurrentPetition,
    response: Response,
    principal: Principal = Authorize(Permission.PETITIONS_READ),
) -> PetitionRead:
    """One case with its running time limits, its allowed actions (for those who may move it) and
    its links; a denunciation's denouncers are not here (see `/identity`)."""
    return await _read(session, principal, petition, response)


@router.patch(
    "/{petition_id:uuid}",
    operation_id="petitions-update",
    summary="Update a petition's record",
    response_model=PetitionRead,
    responses=problems(
        403,
        404,
        412,
        422,
        codes={**WRITE_ERRORS, 422: ["unknown_category", "reception_not_found", "confidential_identity"]},
    ),
)
async def update_petition(
    session: Session,
    petition: PetitionForUpdate,
    body: PetitionUpdate,
    response: Response,
    identity_key: IdentityKey,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.PETITIONS_WRITE),
) -> PetitionRead:
    """Correct the record (subject, content, category, flags, petitioners). The state moves only by transitions."""
    petition = await service.update(session, principal, petition, body, if_match, identity_key)
    return await _read(session, principal, petition, response)


@router.post(
    "/{petition_id:uuid}/transitions",
    operation_id="petitions-transitions-create",
    summary="Move a petition through its workflow",
    response_model=PetitionRead,
    responses=problems(
        403,
        404,
        409,
        412,
        422,
        codes={
            **WRITE_ERRORS,
            409: ["invalid_transition"],
            422: [
                "missing_transition_data",
                "date_in_future",
                "date_before_last_event",
                "anonymous_denunciation",
                "target_unit_not_found",
                "date_outside_unit_life",
                "same_unit",
                "invalid_outcome",
                "extension_too_long",
                "no_extension_rule",
                "appeal_out_of_time",
                "decision_not_yet_effective",
                "partial_withdrawal_not_in_force",
                "idempotency_key_reused",
            ],
        },
    ),
)
async def transition_petition(
    session: Session,
    petition: PetitionForUpdate,
    body: TransitionRequest,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.PETITIONS_WRITE),
) -> PetitionRead:
    """Take an action (accept, forward, decide, extend, …) with its data. An action the current
    state does not allow is a 409 whose `allowed_actions` lists what is; the move is recorded in
    the case's events. Only the handling unit's principals move a case."""
    petition = await service.transition(session, principal, petition, body, if_match)
    return await _read(session, principal, petition, response)


@router.get(
    "/{petition_id:uuid}/events",
    operation_id="petitions-events-list",
    summary="A petition's history",
    response_model=list[EventRead],
    responses=NOT_FOUND,
)
async def petition_events(
    session: Session, petition: CurrentPetition, principal: Principal = Authorize(Permission.PETITIONS_READ)
) -> list[EventRead]:
    """Every move and change, oldest first: who, when, from which state to which, with what data.
    A link to a case outside your jurisdiction names no case (`petition_id: null`,
    `outside_jurisdiction: true`)."""
    return await service.history(session, principal, petition)


@router.get(
    "/{petition_id:uuid}/identity",
    operation_id="petitions-identity-get",
    summary="A denunciation's denouncers (confidential)",
    response_model=DenouncerIdentityRead,
    responses=NOT_FOUND,
)
@audited_read
async def petition_identity(
    session: Session,
    petition: CurrentPetition,
    principal: Principal = Authorize(Permission.PETITIONS_CONFIDENTIAL),
) -> DenouncerIdentityRead:
    """The denouncers' names, addresses and contacts — a state secret (Decision 774/QĐ-TTg).
    Only for holders of `petitions:confidential` inside the case's jurisdiction; every read is
    written to the audit log."""
    return await service.read_identity(session, principal, petition)


@router.get(
    "/{petition_id:uuid}/duplicate-suggestions",
    operation_id="petitions-duplicate-suggestions-list",
    summary="Likely duplicates of a petition",
    response_model=list[DuplicateSuggestion],
    responses=NOT_FOUND,
)
async def petition_duplicate_suggestions(
    session: Session, petition: CurrentPetition, principal: Principal = Authorize(Permission.PETITIONS_READ)
) -> list[DuplicateSuggestion]:
    """At most five cases of your jurisdiction, received from 90 days before this one on, that
    name the same person (the same identity number) or use nearly the same words, most likely
    first. Ask right after recording a case, and link the real duplicates with
    `POST /petitions/{id}/links`. A denouncer's identity is matched only for holders of
    `petitions:confidential`, so the answer never tells anyone else who denounced."""
    return await service.duplicate_suggestions(session, principal, petition)


@router.post(
    "/{petition_id:uuid}/links",
    operation_id="petitions-links-create",
    summary="Link a petition to a duplicate or related one",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(
        403,
        404,
        409,
        422,
        codes={**WRITE_ERRORS, 409: ["already_linked"], 422: ["self_link", "petition_not_found"]},
    ),
)
async def link_petition(
    session: Session,
    petition: PetitionForUpdate,
    body: LinkCreate,
    principal: Principal = Authorize(Permission.PETITIONS_WRITE),
) -> Response:
    """Mark another case of your jurisdiction as a duplicate of, or related to, this one."""
    await service.add_link(session, principal, petition, body)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete(
    "/{petition_id:uuid}/links/{other_id:uuid}",
    operation_id="petitions-links-delete",
    summary="Remove a link between petitions",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(403, 404, 412, codes={**WRITE_ERRORS, 404: ["petition_not_found", "link_not_found"]}),
)
async def unlink_petition(
    session: Session,
    petition: PetitionForUpdate,
    other_id: uuid.UUID,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.PETITIONS_WRITE),
) -> Response:
    """Undo a link made by mistake; only a principal who sees both cases may (the other case is
    otherwise `petition_not_found`). `If-Match` takes the case's `ETag` (its links are part of it)."""
    await service.remove_link(session, principal, petition, other_id, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# A case's files and the case as handed to a verifier, after the routes of the case itself.
router.include_router(attachments_router)
router.include_router(packet_router)
