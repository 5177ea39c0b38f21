"""Every query on committees' recommendations: visible through the committee's unit (copied onto each)."""

import uuid
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, not_
from sqlalchemy.orm import selectinload

from api.committees.models import Committee
from api.committees.recommendations.models import CommitteeRecommendation, CommitteeRecommendationStatus
from api.committees.recommendations.schemas import SORTING
from api.core import clock
from api.units.scope import UnitScopedRepository

if TYPE_CHECKING:
    from api.committees.recommendations.schemas import CommitteeRecommendationListQuery

Recommendation = CommitteeRecommendation


def overdue(today: date) -> ColumnElement[bool]:
    """SQL: still unanswered after its due date."""
    return and_(
        Recommendation.status == CommitteeRecommendationStatus.SENT, Recommendation.response_due_on < today
    )


class CommitteeRecommendationRepository(
    UnitScopedRepository[CommitteeRecommendation, "CommitteeRecommendationListQuery"]
):
    model = CommitteeRecommendation
    sorting = SORTING
    not_found_code = "recommendation_not_found"
    noun = "Recommendation"
    unit_columns = (CommitteeRecommendation.unit_id,)

    def select(self) -> Select[Any]:
        return super().select().options(selectinload(Recommendation.addressee_unit))

    def filter(
        self, stmt: Select[Any], query: "CommitteeRecommendationListQuery", named: Mapping[str, Any]
    ) -> Select[Any]:
        stmt = stmt.where(Recommendation.committee_id == named["committee"].id)
        if query.status:
            stmt = stmt.where(Recommendation.status.in_(list(query.status)))
        if query.overdue is not None:
            late = overdue(clock.today())
            stmt = stmt.where(late if query.overdue else not_(late))
        if query.activity_id is not None:
            stmt = stmt.where(Recommendation.activity_id == query.activity_id)
        return stmt

    async def of(self, committee: Committee, recommendation_id: uuid.UUID) -> CommitteeRecommendation:
        """A recommendation of the committee the route loaded (404 for another committee's)."""
        found: CommitteeRecommendation | None = await self.session.scalar(
            self.select().where(
                Recommendation.committee_id == committee.id, Recommendation.id == recommendation_id
            )
        )
        if found is None:
            raise self.not_found(recommendation_id)
        return found
