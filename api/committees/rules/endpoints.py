"""HTTP routes of /api/v1/committees/composition-rules: the rules committees are checked against."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from api.committees.models import CommitteeCompositionRule
from api.committees.rules import service
from api.committees.rules.repository import RuleRepository
from api.committees.rules.schemas import (
    CODE_EXAMPLE,
    CompositionRuleCreate,
    CompositionRuleQuery,
    CompositionRuleRead,
    CompositionRuleUpdate,
)
from api.core.access import Authorize, Principal
from api.core.etag import IfMatch
from api.core.legal_rules import rule_read
from api.core.permissions import Permission
from api.core.repository import repository
from api.core.responses import NATIONWIDE_ONLY, problems
from api.core.unit_of_work import Session, UnitOfWorkRoute

RuleId = Annotated[str, Path(max_length=64, description="The rule's `id`.", examples=[CODE_EXAMPLE])]
Rules = Annotated[RuleRepository, repository(RuleRepository)]

router = APIRouter(prefix="/composition-rules", route_class=UnitOfWorkRoute)

RULE_CODES = ["invalid_validity", "invalid_rule_value", "rule_not_refusable"]


def _read(rule: CommitteeCompositionRule, response: Response | None = None) -> CompositionRuleRead:
    return rule_read(CompositionRuleRead, rule, response)


@router.get(
    "",
    operation_id="committees-composition-rules-list",
    summary="Committee composition rules",
    response_model=list[CompositionRuleRead],
    responses=problems(422),
)
async def list_rules(
    rules: Rules,
    query: Annotated[CompositionRuleQuery, Query()],
    _principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> list[CompositionRuleRead]:
    """The composition and eligibility rules of each kind of committee, with the article each comes from,
    the days it is in force (`valid_to` exclusive) and whether breaking it refuses a change or only makes
    the committee non-compliant. A term is checked against the rules in force on its first day."""
    return [_read(rule) for rule in await rules.listed_on(query.as_of, query.committee_kind)]


@router.post(
    "",
    operation_id="committees-composition-rules-create",
    summary="Add a committee composition rule",
    status_code=status.HTTP_201_CREATED,
    response_model=CompositionRuleRead,
    responses=problems(
        403,
        409,
        422,
        codes={
            403: NATIONWIDE_ONLY,
            409: ["duplicate_composition_rule"],
            422: [*RULE_CODES, "idempotency_key_reused"],
        },
    ),
)
async def create_rule(
    session: Session,
    body: CompositionRuleCreate,
    response: Response,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> CompositionRuleRead:
    """When the law changes, close the old rule's `valid_to` and add the new one from that day: terms
    starting from then are checked against it. `Location` names the new rule."""
    rule = await service.create_rule(session, principal, body)
    response.headers["Location"] = f"/api/v1/committees/composition-rules/{rule.code}"
    return _read(rule, response)


@router.patch(
    "/{rule_id}",
    operation_id="committees-composition-rules-update",
    summary="Change a committee composition rule",
    response_model=CompositionRuleRead,
    responses=problems(
        403,
        404,
        412,
        422,
        codes={403: NATIONWIDE_ONLY, 404: ["composition_rule_not_found"], 422: RULE_CODES},
    ),
)
async def update_rule(
    session: Session,
    rule_id: RuleId,
    body: CompositionRuleUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> CompositionRuleRead:
    """Correct a rule or close it (`valid_to`); compliance is computed with the change at once."""
    # Loaded by the service, after the permission and the nationwide check: whoever may not change
    # the rules learns nothing about which exist.
    return _read(await service.update_rule(session, principal, rule_id, body, if_match), response)
