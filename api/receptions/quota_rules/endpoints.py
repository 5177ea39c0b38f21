"""HTTP routes of /api/v1/receptions/quota-rules: the quotas the compliance report applies."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from api.core.access import Authorize, Principal
from api.core.etag import IfMatch
from api.core.legal_rules import rule_read
from api.core.permissions import Permission
from api.core.repository import repository
from api.core.responses import NATIONWIDE_ONLY, problems
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.receptions.models import ReceptionQuotaRule
from api.receptions.quota_rules import service
from api.receptions.quota_rules.repository import QuotaRuleRepository
from api.receptions.quota_rules.schemas import (
    CODE_EXAMPLE,
    QuotaRuleCreate,
    QuotaRuleQuery,
    QuotaRuleRead,
    QuotaRuleUpdate,
)

RuleCode = Annotated[str, Path(max_length=64, description="The rule's `id`.", examples=[CODE_EXAMPLE])]
QuotaRules = Annotated[QuotaRuleRepository, repository(QuotaRuleRepository)]

router = APIRouter(prefix="/quota-rules", route_class=UnitOfWorkRoute)

RULE_CODES = ["invalid_validity", "days_exceed_slot"]


def _read(rule: ReceptionQuotaRule, response: Response | None = None) -> QuotaRuleRead:
    return rule_read(QuotaRuleRead, rule, response)


@router.get(
    "",
    operation_id="receptions-quota-rules-list",
    summary="Reception quota rules",
    response_model=list[QuotaRuleRead],
    responses=problems(422),
)
async def list_quota_rules(
    rules: QuotaRules,
    query: Annotated[QuotaRuleQuery, Query()],
    _principal: Principal = Authorize(Permission.RECEPTIONS_READ),
) -> list[QuotaRuleRead]:
    """How many days each head must receive citizens in person, by level and host role, with the legal
    basis and the days each rule is in force (`valid_to` exclusive); the compliance report applies them.
    At most one rule applies to a level and host role on any day."""
    return [_read(rule) for rule in await rules.listed_on(query.as_of)]


@router.post(
    "",
    operation_id="receptions-quota-rules-create",
    summary="Add a reception quota rule",
    status_code=status.HTTP_201_CREATED,
    response_model=QuotaRuleRead,
    responses=problems(
        403,
        409,
        422,
        codes={
            403: NATIONWIDE_ONLY,
            409: ["duplicate_quota_rule", "quota_rule_overlap"],
            422: [*RULE_CODES, "idempotency_key_reused"],
        },
    ),
)
async def create_quota_rule(
    session: Session,
    body: QuotaRuleCreate,
    response: Response,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> QuotaRuleRead:
    """When the law changes, close the old rule's `valid_to`, then add the new one from that day:
    the compliance report counts each week or month under the rule in force on its anchor day.
    `Location` names the new rule."""
    rule = await service.create_quota_rule(session, principal, body)
    response.headers["Location"] = f"/api/v1/receptions/quota-rules/{rule.code}"
    return _read(rule, response)


@router.patch(
    "/{rule_id}",
    operation_id="receptions-quota-rules-update",
    summary="Change a reception quota rule",
    response_model=QuotaRuleRead,
    responses=problems(
        403,
        404,
        409,
        412,
        422,
        codes={
            403: NATIONWIDE_ONLY,
            404: ["quota_rule_not_found"],
            409: ["quota_rule_overlap"],
            422: RULE_CODES,
        },
    ),
)
async def update_quota_rule(
    session: Session,
    rule_id: RuleCode,
    body: QuotaRuleUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> QuotaRuleRead:
    """Correct a rule or close it (`valid_to`); the compliance report counts with the change at once."""
    # Loaded by the service, after the permission and the nationwide check: whoever may not change
    # the rules learns nothing about which exist.
    return _read(await service.update_quota_rule(session, principal, rule_id, body, if_match), response)
