"""A committee recommendation's follow-up, as data: from each state, the actions allowed and where
each leads. Published at `GET /committees/recommendations/workflow`.

sent → answered (the authority's answer is recorded: accepted, partly accepted or rejected, with its
measures and date) → closed (the committee ends its follow-up). While answered, the committee writes
its follow-up (`follow_up`) until it closes it.
"""

from dataclasses import dataclass
from enum import StrEnum

from api.committees.recommendations.models import CommitteeRecommendationStatus as Status


class CommitteeRecommendationAction(StrEnum):
    ANSWER = "answer"
    CLOSE = "close"


Action = CommitteeRecommendationAction


@dataclass(frozen=True)
class Move:
    action: Action
    to: Status
    requires: tuple[str, ...] = ()


INITIAL = Status.SENT
TERMINAL = frozenset({Status.CLOSED})

WORKFLOW: dict[Status, tuple[Move, ...]] = {
    Status.SENT: (Move(Action.ANSWER, Status.ANSWERED, ("answer",)),),
    Status.ANSWERED: (Move(Action.CLOSE, Status.CLOSED),),
}


def moves_from(status: Status) -> tuple[Move, ...]:
    return WORKFLOW.get(status, ())
