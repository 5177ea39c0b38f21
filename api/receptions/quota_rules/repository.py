"""Every query on the reception quota rules: nationwide reference data, the same for every reader,
changed only by a nationwide principal."""

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import Select, case, or_

from api.core.legal_rules import CodedRuleRepository, in_force_on
from api.receptions.models import HostRole, Level, ReceptionQuotaRule
from api.receptions.quotas import LEVEL_ORDER, ROLE_ORDER

Rule = ReceptionQuotaRule


class QuotaRuleRepository(CodedRuleRepository[ReceptionQuotaRule]):
    """Rules are found by their stable code (the public id), not by the row's UUID."""

    model = ReceptionQuotaRule
    not_found_code = "quota_rule_not_found"
    noun = "Quota rule"
    changes = "changes the reception quotas"

    def ordered(self, stmt: Select[Any]) -> Select[Any]:
        """By host role and level in the report's order, then by date: a family's history reads down."""
        return stmt.order_by(
            case({role: i for i, role in enumerate(ROLE_ORDER)}, value=Rule.host_role),
            case({level: i for i, level in enumerate(LEVEL_ORDER)}, value=Rule.level),
            Rule.valid_from,
            Rule.code,
        )

    async def listed_on(self, as_of: date | None) -> list[ReceptionQuotaRule]:
        """Every rule, or those in force on `as_of`."""
        stmt = self.select()
        if as_of is not None:
            stmt = stmt.where(in_force_on(Rule, as_of))
        return list(await self.session.scalars(self.ordered(stmt)))

    async def during(
        self, start: date, end: date, levels: Collection[Level], roles: Collection[HostRole]
    ) -> list[ReceptionQuotaRule]:
        """The rules of these levels and roles in force on some day of [start, end]."""
        stmt = self.select().where(
            Rule.level.in_(list(levels)),
            Rule.host_role.in_(list(roles)),
            Rule.valid_from <= end,
            or_(Rule.valid_to.is_(None), Rule.valid_to > start),
        )
        return list(await self.session.scalars(self.ordered(stmt)))

    async def overlapping(
        self, level: Level, role: HostRole, valid_from: date, valid_to: date | None, other_than: Any = None
    ) -> ReceptionQuotaRule | None:
        """A rule of the same level and host role in force on some day of [valid_from, valid_to)."""
        stmt = self.select().where(
            Rule.level == level,
            Rule.host_role == role,
            or_(Rule.valid_to.is_(None), Rule.valid_to > valid_from),
        )
        if valid_to is not None:
            stmt = stmt.where(Rule.valid_from < valid_to)
        if other_than is not None:
            stmt = stmt.where(Rule.id != other_than)
        found: ReceptionQuotaRule | None = await self.session.scalar(self.ordered(stmt).limit(1))
        return found
