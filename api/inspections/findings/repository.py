"""Every query on a team's findings. A finding is reached through its team, which the caller
loaded through `TeamRepository` (visible, or changeable by the organiser); a reader who does not
see the organising unit sees only the findings about the targets it sees (`TeamRepository.targets_seen`)."""

import uuid
from typing import Any

from api.core.repository import Repository
from api.inspections.models import InspectionFinding, InspectionTeam
from api.inspections.repository import TeamRepository


class FindingRepository(Repository[InspectionFinding, Any]):
    model = InspectionFinding
    not_found_code = "finding_not_found"
    noun = "Finding"

    def _seen_targets(self, team: InspectionTeam) -> list[uuid.UUID]:
        return [t.id for t in TeamRepository(self.session, self.principal).targets_seen(team)]

    async def of(self, team: InspectionTeam, finding_id: uuid.UUID) -> InspectionFinding:
        """One finding of the team about a target its reader sees (404 `finding_not_found` otherwise)."""
        found: InspectionFinding | None = await self.session.scalar(
            self.select().where(
                InspectionFinding.team_id == team.id,
                InspectionFinding.id == finding_id,
                InspectionFinding.target_id.in_(self._seen_targets(team)),
            )
        )
        if found is None:
            raise self.not_found(finding_id)
        return found

    async def listed_for(self, team: InspectionTeam) -> list[InspectionFinding]:
        """The team's findings about the targets its reader sees, oldest first."""
        stmt = self.select().where(
            InspectionFinding.team_id == team.id, InspectionFinding.target_id.in_(self._seen_targets(team))
        )
        return list(
            await self.session.scalars(stmt.order_by(InspectionFinding.created_at, InspectionFinding.id))
        )
