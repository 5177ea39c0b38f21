"""Route parameters of the petitions domain, shared by its routes and its sub-resources' routes:
the repository, and the case a path's `petition_id` names — visible (`CurrentPetition`, 404
outside the jurisdiction) or changeable by the principal (`PetitionForUpdate`, 403
`not_handling_unit` for a case handled elsewhere)."""

from typing import Annotated

from fastapi import Depends, Request

from api.core.repository import current, repository
from api.petitions.models import Petition
from api.petitions.repository import PetitionRepository

Petitions = Annotated[PetitionRepository, repository(PetitionRepository)]
CurrentPetition = Annotated[Petition, current(PetitionRepository, "petition_id")]
PetitionForUpdate = Annotated[Petition, current(PetitionRepository, "petition_id", for_update=True)]


async def _identity_key(request: Request) -> str:
    return str(request.app.state.settings.resolved_secret_key)


# The key of the digests that find the same person across cases without storing the number.
IdentityKey = Annotated[str, Depends(_identity_key)]

# The 403 codes of a route that takes `PetitionForUpdate`.
NOT_HANDLING_UNIT = ["permission_denied", "not_handling_unit"]
