"""Every query on the legal time limits: nationwide reference data, the same for every reader,
changed only by a nationwide principal."""

from datetime import date
from typing import Any

from api.core.repository import ReferenceRepository
from api.petitions.models import DeadlineRule, PetitionKind, Stage
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
        """The most specific rule in force on `on` for this kind, stage and flags (rules.py)."""
        rows = await self.session.scalars(
            self.select().where(DeadlineRule.kind == kind, DeadlineRule.stage == stage)
        )
        return most_specific(rows, kind, stage, on, remote_area=remote_area, complex_=complex_)
