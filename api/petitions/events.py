"""A case's history: every act on a case appends one event, built here and nowhere else.

An event says who did what, on which legal date, from which state to which, with the act's data
— never a denouncer's identity: callers pass the act's own fields, which hold none.
"""

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Principal
from api.petitions.models import Petition, PetitionEvent, Status
from api.petitions.workflows import Action, RecordAction

# Events about the record rather than the case's legal course (its receipt is one).
RECORD_ACTIONS = tuple(a for a in RecordAction if a != RecordAction.RECEIVE)


def new_event(
    principal: Principal,
    petition: Petition,
    action: Action | RecordAction,
    data: dict[str, Any],
    *,
    from_status: Status | None,
    on: date | None = None,
) -> PetitionEvent:
    """The event of `action` on `petition` (in its state now), dated `on` (today by default)."""
    return PetitionEvent(
        petition_id=petition.id,
        effective_on=on or clock.today(),
        action=action,
        from_status=from_status,
        to_status=petition.status,
        actor_type=principal.kind,
        actor_id=principal.id,
        actor_name=principal.name,
        handling_unit_id=petition.handling_unit_id,
        data=data,
    )


def record_event(
    session: AsyncSession,
    principal: Principal,
    petition: Petition,
    action: Action | RecordAction,
    data: dict[str, Any],
    *,
    from_status: Status | None,
    on: date | None = None,
) -> PetitionEvent:
    """Append the event of `action` on `petition` to the session's changes (`new_event`)."""
    event = new_event(principal, petition, action, data, from_status=from_status, on=on)
    session.add(event)
    return event
