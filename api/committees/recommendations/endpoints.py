"""HTTP routes of a committee's recommendations to the authority
(`/committees/{committee_id}/recommendations`), included by the committees router."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.committees.models import Committee
from api.committees.recommendations import service
from api.committees.recommendations.models import CommitteeRecommendation
from api.committees.recommendations.repository import CommitteeRecommendationRepository
from api.committees.recommendations.schemas import (
    CommitteeRecommendationCreate,
    CommitteeRecommendationListQuery,
    CommitteeRecommendationRead,
    CommitteeRecommendationTransition,
    CommitteeRecommendationUpdate,
    CommitteeRecommendationWorkflowMove,
    CommitteeRecommendationWorkflowRead,
    PetitionFromRecommendation,
)
from api.committees.recommendations.workflow import INITIAL, TERMINAL, WORKFLOW
from api.committees.repository import CommitteeRepository
from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.exports import exportable
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.repository import current, repository
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.petitions.dependencies import IdentityKey

Recommendations = Annotated[CommitteeRecommendationRepository, repository(CommitteeRecommendationRepository)]
CurrentCommittee = Annotated[Committee, current(CommitteeRepository, "committee_id")]

router = APIRouter(route_class=UnitOfWorkRoute)

NOT_FOUND = ["committee_not_found"]
RECOMMENDATION_NOT_FOUND = [*NOT_FOUND, "recommendation_not_found"]
RECORD_CODES = [
    "unit_not_found",
    "addressee_unrelated",
    "date_outside_unit_life",
    "activity_not_found",
    "due_before_sent",
    "response_rule_missing",
]
BASE = "/api/v1/committees"


def _read(recommendation: CommitteeRecommendation, response: Response) -> CommitteeRecommendationRead:
    set_etag(response, recommendation.version)
    return service.read(recommendation)


@router.get(
    "/recommendations/workflow",
    operation_id="committees-recommendations-workflow-get",
    summary="The state machine of a committee's recommendation",
    response_model=CommitteeRecommendationWorkflowRead,
)
async def workflow(
    _principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> CommitteeRecommendationWorkflowRead:
    """From each state, the actions allowed, the state each leads to and the fields each requires."""
    return CommitteeRecommendationWorkflowRead(
        initial=INITIAL,
        terminal=sorted(TERMINAL),
        states={
            state.value: [
                CommitteeRecommendationWorkflowMove(action=m.action, to=m.to, requires=list(m.requires))
                for m in moves
            ]
            for state, moves in WORKFLOW.items()
        },
    )


@router.get(
    "/{committee_id:uuid}/recommendations",
    operation_id="committees-recommendations-list",
    summary="A committee's recommendations",
    response_model=Page[CommitteeRecommendationRead],
    responses=problems(404, codes={404: NOT_FOUND}),
)
@exportable
async def list_recommendations(
    committee: CurrentCommittee,
    recommendations: Recommendations,
    cursors: Cursors,
    query: Annotated[CommitteeRecommendationListQuery, Query()],
    _: Principal = Authorize(Permission.COMMITTEES_READ),
) -> Page[CommitteeRecommendationRead]:
    """The committee's recommendations to the authority matching every filter, one page at a time, by
    due date (`response_due_on`); `overdue=true` keeps those still unanswered after it (computed from
    the dates and today, never stored)."""
    found = await recommendations.page(query, cursors, {"committee": committee})
    return Page[CommitteeRecommendationRead](
        items=[service.read(r) for r in found.items], next_cursor=found.next_cursor, total=found.total
    )


@router.post(
    "/{committee_id:uuid}/recommendations",
    operation_id="committees-recommendations-create",
    summary="Record a recommendation to the authority",
    status_code=status.HTTP_201_CREATED,
    response_model=CommitteeRecommendationRead,
    responses=problems(
        404,
        409,
        422,
        codes={
            404: NOT_FOUND,
            422: [*RECORD_CODES, "date_in_future", "committee_dissolved", "idempotency_key_reused"],
        },
    ),
)
async def create_recommendation(
    session: Session,
    committee: CurrentCommittee,
    body: CommitteeRecommendationCreate,
    response: Response,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> CommitteeRecommendationRead:
    """What the committee recommends to an authority (its unit, a unit above or below it), sent on a day,
    answered by `response_due_on` — given, or counted by the time rule `pic-recommendation-response`.
    `Location` names the new recommendation."""
    recommendation = await service.create(session, principal, committee, body)
    response.headers["Location"] = f"{BASE}/{committee.id}/recommendations/{recommendation.id}"
    return _read(recommendation, response)


@router.get(
    "/{committee_id:uuid}/recommendations/{recommendation_id:uuid}",
    operation_id="committees-recommendations-get",
    summary="Get a committee's recommendation",
    response_model=CommitteeRecommendationRead,
    responses=problems(404, codes={404: RECOMMENDATION_NOT_FOUND}),
)
async def get_recommendation(
    committee: CurrentCommittee,
    recommendation_id: uuid.UUID,
    recommendations: Recommendations,
    response: Response,
    _: Principal = Authorize(Permission.COMMITTEES_READ),
) -> CommitteeRecommendationRead:
    """One recommendation, whether it is overdue, the actions its state allows, and its `ETag`."""
    return _read(await recommendations.of(committee, recommendation_id), response)


@router.patch(
    "/{committee_id:uuid}/recommendations/{recommendation_id:uuid}",
    operation_id="committees-recommendations-update",
    summary="Update a committee's recommendation",
    response_model=CommitteeRecommendationRead,
    responses=problems(
        404,
        409,
        412,
        422,
        codes={404: RECOMMENDATION_NOT_FOUND, 409: ["recommendation_closed"], 422: RECORD_CODES},
    ),
)
async def update_recommendation(
    session: Session,
    committee: CurrentCommittee,
    recommendation_id: uuid.UUID,
    recommendations: Recommendations,
    body: CommitteeRecommendationUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> CommitteeRecommendationRead:
    """Correct the record, or write the follow-up (`follow_up`), until it is closed; the state moves only
    by transitions."""
    recommendation = await recommendations.of(committee, recommendation_id)
    updated = await service.update(session, principal, committee, recommendation, body, if_match)
    return _read(updated, response)


@router.post(
    "/{committee_id:uuid}/recommendations/{recommendation_id:uuid}/transitions",
    operation_id="committees-recommendations-transitions-create",
    summary="Record the authority's answer or close a recommendation",
    response_model=CommitteeRecommendationRead,
    responses=problems(
        404,
        409,
        412,
        422,
        codes={
            404: RECOMMENDATION_NOT_FOUND,
            409: ["recommendation_action_not_allowed"],
            422: [
                "missing_transition_data",
                "date_in_future",
                "date_before_last_event",
                "idempotency_key_reused",
            ],
        },
    ),
)
async def transition_recommendation(
    session: Session,
    committee: CurrentCommittee,
    recommendation_id: uuid.UUID,
    recommendations: Recommendations,
    body: CommitteeRecommendationTransition,
    response: Response,
    if_match: IfMatch = None,
    _: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> CommitteeRecommendationRead:
    """`answer` records the authority's answer (accepted, partly accepted, rejected), its measures and
    date; `close` ends the follow-up. An action the state does not allow is a 409 whose
    `allowed_actions` lists what is (`GET /committees/recommendations/workflow`)."""
    recommendation = await recommendations.of(committee, recommendation_id)
    return _read(await service.transition(session, recommendation, body, if_match), response)


@router.post(
    "/{committee_id:uuid}/recommendations/{recommendation_id:uuid}/petition",
    operation_id="committees-recommendations-petition-create",
    summary="Turn a recommendation into a petition",
    status_code=status.HTTP_201_CREATED,
    response_model=CommitteeRecommendationRead,
    responses=problems(
        403,
        404,
        409,
        422,
        codes={
            404: RECOMMENDATION_NOT_FOUND,
            409: ["recommendation_already_petitioned", "duplicate_external_ref"],
            422: ["unknown_category", "date_in_future", "date_outside_unit_life", "idempotency_key_reused"],
        },
    ),
)
async def petition_from_recommendation(
    session: Session,
    committee: CurrentCommittee,
    recommendation_id: uuid.UUID,
    recommendations: Recommendations,
    body: PetitionFromRecommendation,
    response: Response,
    identity_key: IdentityKey,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> CommitteeRecommendationRead:
    """Create, in the same transaction, a petition (kiến nghị, kind `petition`) received by the
    recommendation's addressee with its content, through the petitions service (its deadlines and
    reference as any petition's; `petitions:write` needed too). The recommendation's `petition_id` names
    it, and the petition's `external_ref` (`qcdc-committee-recommendation`, the recommendation's id) names
    the recommendation. A second turn is a 409 `recommendation_already_petitioned`; a retry with the same
    `Idempotency-Key` replays the first answer. `Location` names the petition."""
    recommendation = await recommendations.of(committee, recommendation_id)
    created = await service.petition(session, principal, committee, recommendation, body, identity_key)
    response.headers["Location"] = f"/api/v1/petitions/{created.id}"
    return _read(recommendation, response)
