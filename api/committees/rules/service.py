"""Changing the committee composition rules: only a nationwide principal records a change in law.

A rule that counts has a `value`, the others none; only the rules whose breach a single change can
cause (the `max_…` counts and the eligibility rules) may refuse it: a committee is built member by
member, so a minimum can only be reported.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from api.committees.models import CommitteeCompositionRule, Enforcement, RuleCheck
from api.committees.rules.repository import RuleRepository
from api.committees.rules.schemas import CompositionRuleCreate, CompositionRuleUpdate
from api.core.access import Principal
from api.core.errors import Conflict, invalid_field
from api.core.legal_rules import check_validity, correct_rule

COUNTED = frozenset(
    {
        RuleCheck.MIN_MEMBERS,
        RuleCheck.MAX_MEMBERS,
        RuleCheck.MAX_HEADS,
        RuleCheck.MAX_DEPUTY_HEADS,
        RuleCheck.MAX_RESIDENT_MEMBERS,
        RuleCheck.MAX_TERM_YEARS,
    }
)
ELIGIBILITY = frozenset({RuleCheck.NO_COMMUNE_POST, RuleCheck.NOT_RELATED_TO_PROJECT})
REFUSABLE = (COUNTED - {RuleCheck.MIN_MEMBERS}) | ELIGIBILITY


async def check_rule(rule: CommitteeCompositionRule) -> None:
    check_validity(rule.valid_from, rule.valid_to)
    if (rule.value is None) == (rule.requirement in COUNTED):
        wanted = "needs a value" if rule.requirement in COUNTED else "takes no value"
        raise invalid_field("value", "invalid_rule_value", f"A {rule.requirement.value} rule {wanted}.")
    if rule.enforcement == Enforcement.REFUSE and rule.requirement not in REFUSABLE:
        raise invalid_field(
            "enforcement",
            "rule_not_refusable",
            f"A {rule.requirement.value} rule can only be reported: a committee is built one member at a time.",
        )


async def create_rule(
    session: AsyncSession, principal: Principal, data: CompositionRuleCreate
) -> CommitteeCompositionRule:
    repo = RuleRepository(session, principal)
    repo.check_may_change()
    if await repo.find(data.id) is not None:
        raise Conflict(f"Composition rule {data.id} already exists.", code="duplicate_composition_rule")
    rule = CommitteeCompositionRule(code=data.id, **data.model_dump(exclude={"id"}))
    await check_rule(rule)
    session.add(rule)
    await session.flush()
    return rule


async def update_rule(
    session: AsyncSession, principal: Principal, code: str, data: CompositionRuleUpdate, if_match: str | None
) -> CommitteeCompositionRule:
    return await correct_rule(RuleRepository(session, principal), code, data, if_match, check_rule)
