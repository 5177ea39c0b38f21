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
        book = await cached(self.session, DEADLINE_RULES_CACHE_KEY, self._every_rule, kept=RuleBook.detached)
        return book.applying(kind, stage, on, remote_area=remote_area, complex_=complex_)

    async def _every_rule(self) -> "RuleBook":
        return RuleBook(list(await self.session.scalars(self.select())))


class RuleBook:
    """Every rule, and the rule each question asked of them found: an import asks the same few
    (a kind, a stage, a day, two flags) of every case."""

    def __init__(self, rules: list[DeadlineRule]) -> None:
        self.rules = rules
        self._found: dict[tuple[PetitionKind, Stage, date, bool, bool], DeadlineRule | None] = {}

    @classmethod
    def detached(cls, book: "RuleBook") -> "RuleBook":
        """A book of copies of the rules the worker may keep (`detached_copies`)."""
        return cls(detached_copies(book.rules))

    def applying(
        self, kind: PetitionKind, stage: Stage, on: date, *, remote_area: bool, complex_: bool
    ) -> DeadlineRule | None:
        question = (kind, stage, on, remote_area, complex_)
        if question not in self._found:
            self._found[question] = most_specific(
                self.rules, kind, stage, on, remote_area=remote_area, complex_=complex_
            )
        return self._found[question]
