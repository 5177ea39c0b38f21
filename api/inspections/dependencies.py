"""Route parameters of the inspections domain: the team repository, and the team a path's
`team_id` names — visible (`CurrentTeam`, 404 outside the jurisdiction) or changeable by the
principal (`TeamForUpdate`, 403 `not_organiser` for a team organised elsewhere)."""

from typing import Annotated

from api.core.repository import current, repository
from api.inspections.models import InspectionTeam
from api.inspections.repository import TeamRepository

Teams = Annotated[TeamRepository, repository(TeamRepository)]
CurrentTeam = Annotated[InspectionTeam, current(TeamRepository, "team_id")]
TeamForUpdate = Annotated[InspectionTeam, current(TeamRepository, "team_id", for_update=True)]

# The 403 codes of a route that takes `TeamForUpdate`.
NOT_ORGANISER = ["permission_denied", "not_organiser"]
