"""A team's history: every workflow act appends one event, built here and nowhere else."""

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.inspections.models import InspectionTeam, InspectionTeamEvent
from api.inspections.workflows import Action, Status


def record_event(
    session: AsyncSession,
    principal: Principal,
    team: InspectionTeam,
    action: Action,
    data: dict[str, Any],
    *,
    from_status: Status,
    on: date,
) -> InspectionTeamEvent:
    """Append the event of `action` on `team` (in its state now), dated `on`."""
    event = InspectionTeamEvent(
        team_id=team.id,
        effective_on=on,
        action=action,
        from_status=from_status,
        to_status=team.status,
        actor_type=principal.kind,
        actor_id=principal.id,
        actor_name=principal.name,
        data=data,
    )
    session.add(event)
    return event
