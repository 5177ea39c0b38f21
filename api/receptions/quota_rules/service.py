"""Changing the reception quota rules: only a nationwide principal records a change in law.

At most one rule applies to a level and host role on any day (the quotas of two rules would add
up), so a new law is recorded in two steps: close the old rule (`valid_to`), then add the new one
from that day.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.errors import Conflict, invalid_field
from api.core.legal_rules import check_validity, correct_rule
from api.receptions.models import ReceptionQuotaRule
from api.receptions.quota_rules.repository import QuotaRuleRepository
from api.receptions.quota_rules.schemas import QuotaRuleCreate, QuotaRuleUpdate
from api.receptions.quotas import DAYS_PER_SLOT


class QuotaRuleOverlap(Conflict):
    default_code = "quota_rule_overlap"
    extensions = {
        "overlapping_rule_id": {
            "type": "string",
            "description": "The `id` of the rule in force for the same level and host role at the same time.",
            "examples": ["commune-pc-chairman-monthly"],
        }
    }


def _check_days(rule: ReceptionQuotaRule) -> None:
    if rule.days > DAYS_PER_SLOT[rule.per]:
        raise invalid_field(
            "days",
            "days_exceed_slot",
            f"A {rule.per.value} holds at most {DAYS_PER_SLOT[rule.per]} days; {rule.days} cannot be owed in it.",
        )


async def _check_alone(repo: QuotaRuleRepository, rule: ReceptionQuotaRule) -> None:
    other = await repo.overlapping(rule.level, rule.host_role, rule.valid_from, rule.valid_to, rule.id)
    if other is not None:
        until = other.valid_to.isoformat() if other.valid_to is not None else "no end"
        raise QuotaRuleOverlap(
            f"Rule {other.code} already applies to the {rule.level.value} {rule.host_role.value} "
            f"from {other.valid_from.isoformat()} to {until}: close it (valid_to) before this rule starts.",
            extra={"overlapping_rule_id": other.code},
        )


async def _check(repo: QuotaRuleRepository, rule: ReceptionQuotaRule) -> None:
    check_validity(rule.valid_from, rule.valid_to)
    _check_days(rule)
    await _check_alone(repo, rule)


async def create_quota_rule(
    session: AsyncSession, principal: Principal, data: QuotaRuleCreate
) -> ReceptionQuotaRule:
    repo = QuotaRuleRepository(session, principal)
    repo.check_may_change()
    if await repo.find(data.id) is not None:
        raise Conflict(f"Quota rule {data.id} already exists.", code="duplicate_quota_rule")
    fields = data.model_dump(exclude={"id"})
    rule = ReceptionQuotaRule(code=data.id, **fields)
    await _check(repo, rule)
    session.add(rule)
    await session.flush()
    return rule


async def update_quota_rule(
    session: AsyncSession,
    principal: Principal,
    code: str,
    data: QuotaRuleUpdate,
    if_match: str | None,
) -> ReceptionQuotaRule:
    repo = QuotaRuleRepository(session, principal)
    return await correct_rule(repo, code, data, if_match, lambda rule: _check(repo, rule))
