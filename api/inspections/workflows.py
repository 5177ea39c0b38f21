"""A team's state machine, as data: from each state, the actions allowed and where each leads.
Published at `GET /inspections/teams/workflow`; what an action does besides moving the state
(the actual period, the establishing decision) is in transitions.py.

planned → established (the decision is signed) → in_progress (the first visit) → reported (the
team's report is in) → concluded (the organiser's conclusion, with its recommendations) → closed
(once each recommendation is verified closed); `cancel` from any state before the conclusion.
"""

from dataclasses import dataclass
from enum import StrEnum

from api.inspections.models import InspectionTeamStatus


class InspectionTeamAction(StrEnum):
    ESTABLISH = "establish"
    START = "start"
    REPORT = "report"
    CONCLUDE = "conclude"
    CLOSE = "close"
    CANCEL = "cancel"


# The contract's names are InspectionTeamAction and InspectionTeamStatus; the domain's code says
# Action and Status.
Action = InspectionTeamAction
Status = InspectionTeamStatus


@dataclass(frozen=True)
class Move:
    action: Action
    to: Status
    requires: tuple[str, ...] = ()


CANCEL = Move(Action.CANCEL, Status.CANCELLED, ("reason",))
INITIAL = Status.PLANNED
TERMINAL = frozenset({Status.CLOSED, Status.CANCELLED})
# The states in which the team's record may still be corrected.
OPEN = frozenset(Status) - TERMINAL
# The states in which the team records (and corrects) its findings.
COLLECTING = frozenset({Status.IN_PROGRESS, Status.REPORTED})

WORKFLOW: dict[Status, tuple[Move, ...]] = {
    Status.PLANNED: (Move(Action.ESTABLISH, Status.ESTABLISHED), CANCEL),
    Status.ESTABLISHED: (Move(Action.START, Status.IN_PROGRESS), CANCEL),
    Status.IN_PROGRESS: (Move(Action.REPORT, Status.REPORTED), CANCEL),
    Status.REPORTED: (
        Move(Action.CONCLUDE, Status.CONCLUDED, ("conclusion_number", "conclusion_summary")),
        CANCEL,
    ),
    # Closing also needs every recommendation of the conclusion verified closed (409
    # `recommendations_open`, transitions.py): the team's work ends with their follow-up.
    Status.CONCLUDED: (Move(Action.CLOSE, Status.CLOSED),),
}


def moves_from(status: Status) -> tuple[Move, ...]:
    return WORKFLOW.get(status, ())
