"""A recommendation's follow-up, as data: from each state, the actions allowed, who takes each
and where it leads. Published at `GET /inspections/recommendations/workflow`.

open → in_progress (the owner takes it up) → reported_done (the owner says it is done) →
verified_closed (the organiser checks and closes it); the organiser may instead reject the report,
sending it back to in_progress. The owner acts with `inspections:report`, the organiser with
`inspections:write`: whoever reports is not whoever verifies.
"""

from dataclasses import dataclass
from enum import StrEnum

from api.inspections.models import InspectionRecommendationStatus


class InspectionRecommendationAction(StrEnum):
    START = "start"
    REPORT_DONE = "report_done"
    VERIFY = "verify"
    REJECT_REPORT = "reject_report"


class RecommendationActor(StrEnum):
    OWNER = "owner"  # the unit the recommendation is addressed to
    ORGANISER = "organiser"  # the unit that organised the team


# The contract's names are the long ones; the domain's code says Action and Status.
Action = InspectionRecommendationAction
Status = InspectionRecommendationStatus
Actor = RecommendationActor


@dataclass(frozen=True)
class Move:
    action: Action
    to: Status
    by: Actor
    requires: tuple[str, ...] = ()


INITIAL = Status.OPEN
TERMINAL = frozenset({Status.VERIFIED_CLOSED})
# While the owner still works on it, it files progress reports.
REPORTING = frozenset({Status.OPEN, Status.IN_PROGRESS})

WORKFLOW: dict[Status, tuple[Move, ...]] = {
    Status.OPEN: (Move(Action.START, Status.IN_PROGRESS, Actor.OWNER),),
    Status.IN_PROGRESS: (Move(Action.REPORT_DONE, Status.REPORTED_DONE, Actor.OWNER),),
    Status.REPORTED_DONE: (
        Move(Action.VERIFY, Status.VERIFIED_CLOSED, Actor.ORGANISER),
        Move(Action.REJECT_REPORT, Status.IN_PROGRESS, Actor.ORGANISER, ("reason",)),
    ),
}

# Each action has one actor whatever the state: a wrong actor is refused (403) before the state is
# looked at, so the refusal does not depend on where the recommendation stands.
ACTOR_OF: dict[Action, Actor] = {m.action: m.by for moves in WORKFLOW.values() for m in moves}


def moves_from(status: Status) -> tuple[Move, ...]:
    return WORKFLOW.get(status, ())
