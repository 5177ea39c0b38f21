"""Every query on the legal time limits: nationwide reference data, the same for every reader,
changed only by a nationwide principal."""

from datetime import date
from typing import Any

from api.core.repository import ReferenceRepository
from api.core.shared_cache import cached, detached_copies
from api.petitions.models import DEADLINE_RULES_CACHE_KEY, DeadlineRule, PetitionKind, Stage
from api.petitions.rules import most_specific


class DeadlineRuleRepository(ReferenceRepository[DeadlineRule, Any]):
    model = DeadlineRule
    not_found_code = "deadline_rule_not_found"
    noun = "Deadline rule"
    changes = "changes the legal time limits"

    async def in_order(self) -> list[DeadlineRule]:
        stmt = self.select().order_by(DeadlineRule.kind, DeadlineRule.stage, DeadlineRule.valid_from)
        return list(await self.session.scalars(stmt))

    async def applying(
        self, kind: PetitionKind, stage: Stage, on: date, *, remote_area: bool, complex_: bool
    ) -> DeadlineRule | None:
        """The most specific rule in force on `on` for this kind, stage and flags (rules.py), from
        every rule as the worker keeps them (a few dozen; read again when one changes)."""
        rules = await cached(self.session, DEADLINE_RULES_CACHE_KEY, self._every_rule, kept=detached_copies)
        return most_specific(rules, kind, stage, on, remote_area=remote_area, complex_=complex_)

    async def _every_rule(self) -> list[DeadlineRule]:
        return list(await self.session.scalars(self.select()))
