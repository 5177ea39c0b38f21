"""HTTP routes of /api/v1/petitions: parse, call one service function, shape the answer."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy import select

from api.core import clock
from api.core.access import Authorize, Principal, require_nationwide
from api.core.errors import FieldError, NotFound, ValidationFailed
from api.core.etag import IfMatch, check_if_match, check_tag, content_etag, set_etag
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import Session, UnitOfWorkRoute, audited_read
from api.petitions import service
from api.petitions.models import DeadlineRule, Petition, PetitionCategory, Status
from api.petitions.repository import PetitionFilter, PetitionRepository
from api.petitions.schemas import (
    CategoryRead,
    CategoryWrite,
    DeadlineRuleCreate,
    DeadlineRuleRead,
    DeadlineRuleUpdate,
    DenouncerIdentityRead,
    EventRead,
    LinkCreate,
    PetitionCreate,
    PetitionCreated,
    PetitionListQuery,
    PetitionRead,
    PetitionSummary,
    PetitionUpdate,
    TransitionRequest,
    WorkflowMove,
    WorkflowRead,
)
from api.petitions.workflows import TERMINAL, WORKFLOWS
from api.units.repository import UnitRepository

router = APIRouter(prefix="/petitions", tags=["petitions"], route_class=UnitOfWorkRoute)
NOT_FOUND = problems(404, codes={404: ["petition_not_found"]})
WRITE_ERRORS = {403: ["permission_denied", "not_handling_unit"], 404: ["petition_not_found"]}


def _identity_key(request: Request) -> str:
    return str(request.app.state.settings.resolved_secret_key)


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
async def list_petitions(
    session: Session,
    cursors: Cursors,
    query: Annotated[PetitionListQuery, Query()],
    principal: Principal = Authorize(Permission.PETITIONS_READ),
) -> Page[PetitionSummary]:
    """Cases received or handled in your jurisdiction that match every filter, one page at a time.
    Sort fields: `received_on` (default, newest first), `due_on` (most urgent first; cases with no
    running limit last), `created_at`, `reference`. `deadline_state` compares the earliest running
    limit with today in Vietnam: `overdue` (past), `at_risk` (5 days or fewer left), `on_track`.
    No denouncer identity appears in a list, in the search or in any filter."""
    within_path = None
    if query.within_unit_id is not None:
        within_path = (await UnitRepository(session, principal).get(query.within_unit_id)).path
    page = await PetitionRepository(session, principal.jurisdiction).page(
        PetitionFilter(
            kinds=query.kind,
            statuses=query.status,
            deadline_states=list(query.deadline_state),
            categories=query.category,
            channels=query.channel,
            within_path=within_path,
            handling_unit_id=query.handling_unit_id,
            received_from=query.received_from,
            received_to=query.received_to,
            within_authority=query.within_authority,
            open=query.open,
            reception_id=query.reception_id,
            query=query.q,
            external_source=query.external_source,
            external_id=query.external_id,
            today=clock.today(),
        ),
        query,
        cursors,
    )
    return Page[PetitionSummary](
        items=await service.summaries(session, page.items),
        next_cursor=page.next_cursor,
        total=page.total,
    )


@router.post(
    "",
    operation_id="petitions-create",
    summary="Receive a petition, complaint or denunciation",
    status_code=status.HTTP_201_CREATED,
    response_model=PetitionCreated,
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
    request: Request,
    session: Session,
    body: PetitionCreate,
    response: Response,
    principal: Principal = Authorize(Permission.PETITIONS_WRITE),
) -> PetitionCreated:
    """Record a case as received: it gets its reference (`<unit code>-<year>-<number>`), its
    intake time limit starts, and the answer suggests likely duplicates from the last 90 days.
    A denunciation's denouncers are stored apart and never returned by this or any list route."""
    petition, suggestions = await service.create(session, principal, body, _identity_key(request))
    response.headers["Location"] = f"/api/v1/petitions/{petition.id}"
    read = await _read(session, principal, petition, response)
    return PetitionCreated(**read.model_dump(), duplicate_suggestions=suggestions)


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


@router.get(
    "/categories",
    operation_id="petitions-categories-list",
    summary="List petition categories",
    response_model=list[CategoryRead],
)
async def list_categories(
    session: Session, _principal: Principal = Authorize(Permission.PETITIONS_READ)
) -> list[CategoryRead]:
    """The subject taxonomy (land, compensation and site clearance, social policy, …), inactive ones included."""
    rows = await session.scalars(
        select(PetitionCategory).order_by(PetitionCategory.position, PetitionCategory.code)
    )
    return [CategoryRead.model_validate(r) for r in rows]


def _category(category: PetitionCategory, response: Response) -> CategoryRead:
    read = CategoryRead.model_validate(category)
    response.headers["ETag"] = content_etag(read.model_dump(mode="json"))
    return read


@router.get(
    "/categories/{code}",
    operation_id="petitions-categories-get",
    summary="Get a petition category",
    response_model=CategoryRead,
    responses=problems(404, codes={404: ["category_not_found"]}),
)
async def get_category(
    session: Session,
    code: str,
    response: Response,
    _principal: Principal = Authorize(Permission.PETITIONS_READ),
) -> CategoryRead:
    """One category, with its `ETag` for a later conditional `PUT`."""
    category = await session.get(PetitionCategory, code)
    if category is None:
        raise NotFound(f"No category '{code}'.", code="category_not_found")
    return _category(category, response)


@router.put(
    "/categories/{code}",
    operation_id="petitions-categories-put",
    summary="Create or change a petition category",
    response_model=CategoryRead,
    responses=problems(
        403, 412, 422, codes={403: ["permission_denied", "nationwide_only"], 422: ["code_mismatch"]}
    ),
)
async def put_category(
    session: Session,
    code: str,
    body: CategoryWrite,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> CategoryRead:
    """Add a category or rename, reorder or deactivate one; a category in use is deactivated, never removed.
    With `If-Match`, only the category as last read is replaced (412 otherwise, and for a new code)."""
    require_nationwide(principal, "changes the categories")
    if body.code != code:
        raise ValidationFailed(
            "The body's code must match the path's.",
            code="code_mismatch",
            errors=[FieldError(field="code", code="code_mismatch", message="differs from the path")],
        )
    category = await session.get(PetitionCategory, code)
    current = (
        None
        if category is None
        else content_etag(CategoryRead.model_validate(category).model_dump(mode="json"))
    )
    check_tag(if_match, current)
    if category is None:
        category = PetitionCategory(code=code)
        session.add(category)
    for name, value in body.model_dump().items():
        setattr(category, name, value)
    await session.flush()
    return _category(category, response)


@router.get(
    "/deadline-rules",
    operation_id="petitions-deadline-rules-list",
    summary="List the legal time limits",
    response_model=list[DeadlineRuleRead],
)
async def list_rules(
    session: Session, _principal: Principal = Authorize(Permission.PETITIONS_READ)
) -> list[DeadlineRuleRead]:
    """Every time limit with its legal basis and validity. For a case, the most specific rule in
    force on the day its stage started applies (a rule naming `remote_area` or `complex` beats one
    that leaves them open). Days count from the day after the event; `working` days skip weekends
    and the calendar's days off; a limit ending on a day off ends on the next working day."""
    rows = await session.scalars(
        select(DeadlineRule).order_by(DeadlineRule.kind, DeadlineRule.stage, DeadlineRule.valid_from)
    )
    return [DeadlineRuleRead.model_validate(r) for r in rows]


@router.post(
    "/deadline-rules",
    operation_id="petitions-deadline-rules-create",
    summary="Add a time limit",
    status_code=status.HTTP_201_CREATED,
    response_model=DeadlineRuleRead,
    responses=problems(
        403,
        422,
        codes={
            403: ["permission_denied", "nationwide_only"],
            422: ["invalid_validity", "idempotency_key_reused"],
        },
    ),
)
async def create_rule(
    session: Session,
    body: DeadlineRuleCreate,
    response: Response,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> DeadlineRuleRead:
    """When the law changes, add the new limit with its `valid_from` and close the old one's
    `valid_to`: cases keep the limit in force when their stage started."""
    require_nationwide(principal, "changes the legal time limits")
    _check_validity(body.valid_from, body.valid_to)
    rule = DeadlineRule(**body.model_dump())
    session.add(rule)
    await session.flush()
    set_etag(response, rule.version)
    response.headers["Location"] = f"/api/v1/petitions/deadline-rules/{rule.id}"
    return DeadlineRuleRead.model_validate(rule)


def _check_validity(valid_from: object, valid_to: object) -> None:
    if valid_to is not None and valid_to <= valid_from:  # type: ignore[operator]
        raise ValidationFailed(
            "valid_to must be after valid_from.",
            code="invalid_validity",
            errors=[FieldError(field="valid_to", code="invalid_validity", message="not after valid_from")],
        )


@router.patch(
    "/deadline-rules/{rule_id:uuid}",
    operation_id="petitions-deadline-rules-update",
    summary="Change a time limit",
    response_model=DeadlineRuleRead,
    responses=problems(
        403,
        404,
        412,
        422,
        codes={
            403: ["permission_denied", "nationwide_only"],
            404: ["deadline_rule_not_found"],
            422: ["invalid_validity"],
        },
    ),
)
async def update_rule(
    session: Session,
    rule_id: uuid.UUID,
    body: DeadlineRuleUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> DeadlineRuleRead:
    """Correct a rule; running limits keep the due dates already given (recounted only when a
    case's flags change)."""
    require_nationwide(principal, "changes the legal time limits")
    rule = await session.get(DeadlineRule, rule_id)
    if rule is None:
        raise NotFound(f"Deadline rule {rule_id} does not exist.", code="deadline_rule_not_found")
    check_if_match(if_match, rule.version)
    for name, value in body.model_dump(exclude_unset=True).items():
        if value is not None or name == "valid_to":
            setattr(rule, name, value)
    _check_validity(rule.valid_from, rule.valid_to)
    await session.flush()
    set_etag(response, rule.version)
    return DeadlineRuleRead.model_validate(rule)


@router.get(
    "/{petition_id:uuid}",
    operation_id="petitions-get",
    summary="Get a petition",
    response_model=PetitionRead,
    responses=NOT_FOUND,
)
async def get_petition(
    session: Session,
    petition_id: uuid.UUID,
    response: Response,
    principal: Principal = Authorize(Permission.PETITIONS_READ),
) -> PetitionRead:
    """One case with its running time limits, its allowed actions (for those who may move it) and
    its links; a denunciation's denouncers are not here (see `/identity`)."""
    petition = await PetitionRepository(session, principal.jurisdiction).get(petition_id)
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
    request: Request,
    session: Session,
    petition_id: uuid.UUID,
    body: PetitionUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.PETITIONS_WRITE),
) -> PetitionRead:
    """Correct the record (subject, content, category, flags, petitioners). The state moves only by transitions."""
    petition = await service.update(session, principal, petition_id, body, if_match, _identity_key(request))
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
    petition_id: uuid.UUID,
    body: TransitionRequest,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.PETITIONS_WRITE),
) -> PetitionRead:
    """Take an action (accept, forward, decide, extend, …) with its data. An action the current
    state does not allow is a 409 whose `allowed_actions` lists what is; the move is recorded in
    the case's events. Only the handling unit's principals move a case."""
    petition = await service.transition(session, principal, petition_id, body, if_match)
    return await _read(session, principal, petition, response)


@router.get(
    "/{petition_id:uuid}/events",
    operation_id="petitions-events-list",
    summary="A petition's history",
    response_model=list[EventRead],
    responses=NOT_FOUND,
)
async def petition_events(
    session: Session, petition_id: uuid.UUID, principal: Principal = Authorize(Permission.PETITIONS_READ)
) -> list[EventRead]:
    """Every move and change, oldest first: who, when, from which state to which, with what data.
    A link to a case outside your jurisdiction names no case (`petition_id: null`,
    `outside_jurisdiction: true`)."""
    return await service.history(session, principal, petition_id)


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
    petition_id: uuid.UUID,
    principal: Principal = Authorize(Permission.PETITIONS_CONFIDENTIAL),
) -> DenouncerIdentityRead:
    """The denouncers' names, addresses and contacts — a state secret (Decision 774/QĐ-TTg).
    Only for holders of `petitions:confidential` inside the case's jurisdiction; every read is
    written to the audit log."""
    return await service.read_identity(session, principal, petition_id)


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
    petition_id: uuid.UUID,
    body: LinkCreate,
    principal: Principal = Authorize(Permission.PETITIONS_WRITE),
) -> Response:
    """Mark another case of your jurisdiction as a duplicate of, or related to, this one."""
    await service.add_link(session, principal, petition_id, body)
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
    petition_id: uuid.UUID,
    other_id: uuid.UUID,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.PETITIONS_WRITE),
) -> Response:
    """Undo a link made by mistake; only a principal who sees both cases may (the other case is
    otherwise `petition_not_found`). `If-Match` takes the case's `ETag` (its links are part of it)."""
    await service.remove_link(session, principal, petition_id, other_id, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
