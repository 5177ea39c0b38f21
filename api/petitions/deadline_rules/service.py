"""Changing the legal time limits: a nationwide administrator adds a rule when the law changes and
closes the old one's validity; cases keep the limit in force when their stage started."""

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.etag import check_if_match
from api.core.legal_rules import check_validity
from api.petitions.deadline_rules.repository import DeadlineRuleRepository
from api.petitions.deadline_rules.schemas import DeadlineRuleCreate, DeadlineRuleUpdate
from api.petitions.models import DeadlineRule


async def create_rule(session: AsyncSession, principal: Principal, body: DeadlineRuleCreate) -> DeadlineRule:
    DeadlineRuleRepository(session, principal).check_may_change()
    check_validity(body.valid_from, body.valid_to)
    rule = DeadlineRule(**body.model_dump())
    session.add(rule)
    await session.flush()
    return rule


async def update_rule(
    session: AsyncSession,
    principal: Principal,
    rule: DeadlineRule,
    body: DeadlineRuleUpdate,
    if_match: str | None,
) -> DeadlineRule:
    """Correct a rule loaded for update (`DeadlineRuleRepository.get_for_update`: nationwide only)."""
    check_if_match(if_match, rule.version)
    for name, value in body.model_dump(exclude_unset=True).items():
        if value is not None or name == "valid_to":
            setattr(rule, name, value)
    check_validity(rule.valid_from, rule.valid_to)
    await session.flush()
    return rule
