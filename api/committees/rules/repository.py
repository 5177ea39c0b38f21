"""Every query on the committee composition rules: nationwide reference data, the same for every
reader, changed only by a nationwide principal."""

from datetime import date
from typing import Any

from sqlalchemy import Select

from api.committees.models import CommitteeCompositionRule, CommitteeKind
from api.core.legal_rules import CodedRuleRepository, in_force_on

Rule = CommitteeCompositionRule


class RuleRepository(CodedRuleRepository[CommitteeCompositionRule]):
    """Rules are found by their stable code (the public id), not by the row's UUID."""

    model = CommitteeCompositionRule
    not_found_code = "composition_rule_not_found"
    noun = "Composition rule"
    changes = "changes the committee composition rules"

    @staticmethod
    def ordered(stmt: Select[Any]) -> Select[Any]:
        return stmt.order_by(Rule.committee_kind, Rule.valid_from, Rule.code)

    async def listed_on(
        self, as_of: date | None, kind: CommitteeKind | None
    ) -> list[CommitteeCompositionRule]:
        """Every rule, or those in force on `as_of`, or of one kind of committee."""
        stmt = self.select()
        if as_of is not None:
            stmt = stmt.where(in_force_on(Rule, as_of))
        if kind is not None:
            stmt = stmt.where(Rule.committee_kind == kind)
        return list(await self.session.scalars(self.ordered(stmt)))

    async def in_force(self, kind: CommitteeKind, day: date) -> list[CommitteeCompositionRule]:
        """The rules a committee of this kind is checked against when its term starts on `day`."""
        return await self.listed_on(day, kind)
