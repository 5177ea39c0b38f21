"""Route parameters of the inspections domain: the team repository, and the team a path's
`team_id` names — visible (`CurrentTeam`, 404 outside the jurisdiction) or changeable by the
principal (`TeamForUpdate`, 403 `not_organiser` for a team organised elsewhere); the
recommendation a path's `recommendation_id` names, visible (`CurrentRecommendation`)."""

from typing import Annotated

from api.core.repository import current, repository
from api.inspections.models import InspectionRecommendation, InspectionTeam
from api.inspections.recommendations.repository import RecommendationRepository
from api.inspections.repository import TeamRepository

Teams = Annotated[TeamRepository, repository(TeamRepository)]
CurrentTeam = Annotated[InspectionTeam, current(TeamRepository, "team_id")]
TeamForUpdate = Annotated[InspectionTeam, current(TeamRepository, "team_id", for_update=True)]
CurrentRecommendation = Annotated[
    InspectionRecommendation, current(RecommendationRepository, "recommendation_id")
]

# The 403 codes of a route that takes `TeamForUpdate`.
NOT_ORGANISER = ["permission_denied", "not_organiser"]
