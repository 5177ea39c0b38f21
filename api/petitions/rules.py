"""How a case's time limit is chosen among the rules (`petition_deadline_rules`), and the limits
the law sets on the procedure itself.

The rules are rows, not code: the petitions migration ships them (each with its article) and
nationwide administrators change them when the law changes, giving the new rule a `valid_from`,
so a case keeps the limit in force when its stage started.
"""

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

from api.petitions.models import PetitionKind, Stage

S = Stage
# Stages whose limit binds the handling body: these are the clocks a case runs. The others
# (complaint_filing, appeal_filing, decision_effect) bound the citizen or the decision and are
# checked when the matching action is taken.
BODY_STAGES = frozenset({S.ACCEPTANCE, S.ACCEPTANCE_NOTICE, S.SETTLEMENT, S.SETTLEMENT_SECOND})
# Law on Denunciations 2018, Art. 30: at most two extensions (particularly complex cases).
MAX_EXTENSIONS = 2


class RuleLike(Protocol):
    """A rule's fields that choose it: a stored row, or the benchmark generator's copy."""

    @property
    def kind(self) -> PetitionKind: ...
    @property
    def stage(self) -> Stage: ...
    @property
    def remote_area(self) -> bool | None: ...
    @property
    def complex(self) -> bool | None: ...
    @property
    def valid_from(self) -> date: ...
    @property
    def valid_to(self) -> date | None: ...


R = TypeVar("R", bound=RuleLike)


def most_specific(
    rules: Iterable[R], kind: PetitionKind, stage: Stage, on: date, *, remote_area: bool, complex_: bool
) -> R | None:
    """The rule in force on `on` for this kind, stage and flags; one naming a flag beats one
    leaving it open, and among equals the latest `valid_from` wins."""
    matching = [
        r
        for r in rules
        if r.kind == kind
        and r.stage == stage
        and r.valid_from <= on
        and (r.valid_to is None or on < r.valid_to)
        and r.remote_area in (None, remote_area)
        and r.complex in (None, complex_)
    ]
    if not matching:
        return None
    return max(matching, key=lambda r: ((r.remote_area is not None) + (r.complex is not None), r.valid_from))
