"""The state machine of each kind of case, as data: from each state, the actions allowed, where
each leads and the data it requires. Published at `GET /petitions/workflows`; what an action
does besides moving the state (time limits, handler, outcome) is in transitions.py.

Complaints (Law on Complaints 2011, Art. 27-44; Law 136/2025): received → accepted |
not_accepted | forwarded; accepted → verifying → dialogue → decided; decided → effective,
appealed (second instance, handled again from acceptance) or sued; withdrawal and suspension on
the side. Denunciations (Law on Denunciations 2018, Art. 24-35): received → accepted |
not_accepted | forwarded; accepted → verifying → concluded → closed, with at most two extension
decisions. Petitions and reflections (Decree 20/2008): received → accepted | forwarded |
not_accepted; accepted → closed when answered.
"""

from dataclasses import dataclass
from enum import StrEnum

from api.petitions.models import PetitionKind, Status


class PetitionAction(StrEnum):
    ACCEPT = "accept"
    NOT_ACCEPT = "not_accept"
    FORWARD = "forward"
    START_VERIFICATION = "start_verification"
    HOLD_DIALOGUE = "hold_dialogue"
    DECIDE = "decide"
    MAKE_EFFECTIVE = "make_effective"
    APPEAL = "appeal"
    SUE = "sue"
    CONCLUDE = "conclude"
    CLOSE = "close"
    RESOLVE = "resolve"
    EXTEND = "extend"
    NOTIFY_PARTIES = "notify_parties"
    WITHDRAW = "withdraw"
    WITHDRAW_PARTLY = "withdraw_partly"
    SUSPEND = "suspend"
    RESUME = "resume"


# The contract's name is PetitionAction; the domain's code says Action.
Action = PetitionAction


class RecordAction(StrEnum):
    """What a case's events record besides workflow actions: changes of the record itself."""

    RECEIVE = "receive"
    EDIT = "edit"
    LINK = "link"
    UNLINK = "unlink"
    ATTACH = "attach"
    DETACH = "detach"


@dataclass(frozen=True)
class Move:
    action: Action
    # None: the case stays in its state (an extension, a partial withdrawal, a notice);
    # for `resume`, it returns to the state it was suspended in.
    to: Status | None
    requires: tuple[str, ...] = ()


A, St = Action, Status
TERMINAL = frozenset({St.NOT_ACCEPTED, St.EFFECTIVE, St.SUED, St.CLOSED, St.WITHDRAWN})
# Settled: the body has given its decision, conclusion or answer.
SETTLED = frozenset({St.DECIDED, St.EFFECTIVE, St.SUED, St.CONCLUDED, St.CLOSED})

WITHDRAW = Move(A.WITHDRAW, St.WITHDRAWN)
WITHDRAW_PARTLY = Move(A.WITHDRAW_PARTLY, None, ("withdrawn_content",))
SUSPEND = Move(A.SUSPEND, St.SUSPENDED, ("reason",))
FORWARD = Move(A.FORWARD, St.FORWARDED, ("target_unit_id",))
NOT_ACCEPT = Move(A.NOT_ACCEPT, St.NOT_ACCEPTED, ("reason",))


def _intake(accept: Move) -> tuple[Move, ...]:
    return (accept, NOT_ACCEPT, FORWARD, WITHDRAW)


_COMPLAINT_DECIDE = Move(A.DECIDE, St.DECIDED, ("outcome", "decision_number"))
COMPLAINT: dict[Status, tuple[Move, ...]] = {
    St.RECEIVED: _intake(Move(A.ACCEPT, St.ACCEPTED)),
    St.FORWARDED: _intake(Move(A.ACCEPT, St.ACCEPTED)),
    St.ACCEPTED: (Move(A.START_VERIFICATION, St.VERIFYING), SUSPEND, WITHDRAW, WITHDRAW_PARTLY),
    # Since Law 136/2025 settlement may go on without a dialogue the complainant skipped.
    St.VERIFYING: (Move(A.HOLD_DIALOGUE, St.DIALOGUE), _COMPLAINT_DECIDE, SUSPEND, WITHDRAW, WITHDRAW_PARTLY),
    St.DIALOGUE: (_COMPLAINT_DECIDE, SUSPEND, WITHDRAW, WITHDRAW_PARTLY),
    St.DECIDED: (Move(A.MAKE_EFFECTIVE, St.EFFECTIVE), Move(A.APPEAL, St.APPEALED), Move(A.SUE, St.SUED)),
    St.APPEALED: (Move(A.ACCEPT, St.ACCEPTED), NOT_ACCEPT, WITHDRAW),
    St.SUSPENDED: (Move(A.RESUME, None), WITHDRAW),
}

_EXTEND = Move(A.EXTEND, None, ("decision_number",))
_NOTIFY = Move(A.NOTIFY_PARTIES, None)
DENUNCIATION: dict[Status, tuple[Move, ...]] = {
    St.RECEIVED: _intake(Move(A.ACCEPT, St.ACCEPTED, ("decision_number",))),
    St.FORWARDED: _intake(Move(A.ACCEPT, St.ACCEPTED, ("decision_number",))),
    St.ACCEPTED: (
        Move(A.START_VERIFICATION, St.VERIFYING),
        _NOTIFY,
        _EXTEND,
        SUSPEND,
        WITHDRAW,
        WITHDRAW_PARTLY,
    ),
    St.VERIFYING: (
        Move(A.CONCLUDE, St.CONCLUDED, ("outcome", "decision_number")),
        _NOTIFY,
        _EXTEND,
        SUSPEND,
        WITHDRAW,
        WITHDRAW_PARTLY,
    ),
    St.CONCLUDED: (Move(A.CLOSE, St.CLOSED),),
    St.SUSPENDED: (Move(A.RESUME, None), WITHDRAW),
}

PETITION: dict[Status, tuple[Move, ...]] = {
    St.RECEIVED: _intake(Move(A.ACCEPT, St.ACCEPTED)),
    St.FORWARDED: _intake(Move(A.ACCEPT, St.ACCEPTED)),
    St.ACCEPTED: (Move(A.RESOLVE, St.CLOSED, ("answer",)), WITHDRAW),
}

WORKFLOWS: dict[PetitionKind, dict[Status, tuple[Move, ...]]] = {
    PetitionKind.COMPLAINT: COMPLAINT,
    PetitionKind.DENUNCIATION: DENUNCIATION,
    PetitionKind.PETITION: PETITION,
    PetitionKind.REFLECTION: PETITION,
}


def moves_from(kind: PetitionKind, status: Status) -> tuple[Move, ...]:
    return WORKFLOWS[kind].get(status, ())
