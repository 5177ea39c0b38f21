"""HTTP routes of /api/v1/petitions/deadline-rules (included by the petitions router)."""

from typing import Annotated

from fastapi import APIRouter, Response, status

from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.permissions import Permission
from api.core.repository import current, repository
from api.core.responses import NATIONWIDE_ONLY, problems
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.petitions.deadline_rules import service
from api.petitions.deadline_rules.repository import DeadlineRuleRepository
from api.petitions.deadline_rules.schemas import DeadlineRuleCreate, DeadlineRuleRead, DeadlineRuleUpdate
from api.petitions.models import DeadlineRule

router = APIRouter(prefix="/deadline-rules", route_class=UnitOfWorkRoute)

DeadlineRules = Annotated[DeadlineRuleRepository, repository(DeadlineRuleRepository)]
DeadlineRuleForUpdate = Annotated[DeadlineRule, current(DeadlineRuleRepository, "rule_id", for_update=True)]


def _read(rule: DeadlineRule, response: Response) -> DeadlineRuleRead:
    set_etag(response, rule.version)
    return DeadlineRuleRead.model_validate(rule)


@router.get(
    "",
    operation_id="petitions-deadline-rules-list",
    summary="List the legal time limits",
    response_model=list[DeadlineRuleRead],
)
async def list_rules(
    rules: DeadlineRules, _principal: Principal = Authorize(Permission.PETITIONS_READ)
) -> list[DeadlineRuleRead]:
    """Every time limit with its legal basis and validity. For a case, the most specific rule in
    force on the day its stage started applies (a rule naming `remote_area` or `complex` beats one
    that leaves them open). Days count from the day after the event; `working` days skip weekends
    and the calendar's days off; a limit ending on a day off ends on the next working day."""
    return [DeadlineRuleRead.model_validate(r) for r in await rules.in_order()]


@router.post(
    "",
    operation_id="petitions-deadline-rules-create",
    summary="Add a time limit",
    status_code=status.HTTP_201_CREATED,
    response_model=DeadlineRuleRead,
    responses=problems(
        403,
        422,
        codes={
            403: NATIONWIDE_ONLY,
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
    rule = await service.create_rule(session, principal, body)
    response.headers["Location"] = f"/api/v1/petitions/deadline-rules/{rule.id}"
    return _read(rule, response)


@router.patch(
    "/{rule_id:uuid}",
    operation_id="petitions-deadline-rules-update",
    summary="Change a time limit",
    response_model=DeadlineRuleRead,
    responses=problems(
        403,
        404,
        412,
        422,
        codes={
            403: NATIONWIDE_ONLY,
            404: ["deadline_rule_not_found"],
            422: ["invalid_validity"],
        },
    ),
)
async def update_rule(
    session: Session,
    rule: DeadlineRuleForUpdate,
    body: DeadlineRuleUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> DeadlineRuleRead:
    """Correct a rule; running limits keep the due dates already given (recounted only when a
    case's flags change)."""
    return _read(await service.update_rule(session, principal, rule, body, if_match), response)
