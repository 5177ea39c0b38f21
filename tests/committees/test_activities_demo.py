"""The activities' demo part: a late notice, answered and overdue recommendations, for a committee."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.committees.activities.demo import seed_activities
from api.committees.activities.models import CommitteeActivity
from api.committees.recommendations.models import CommitteeRecommendation, CommitteeRecommendationStatus
from api.core import clock
from tests.committees.conftest import create_commune
from tests.factories import create_committee, create_committee_term


async def test_seeded_for_each_committee(session: AsyncSession) -> None:
    commune = await create_commune(session, 5)
    committee = await create_committee(session, commune.unit)
    await create_committee_term(session, committee, planned_end_on=date(2029, 3, 15))
    assert await seed_activities(session, [committee]) == 8
    activities = list(await session.scalars(select(CommitteeActivity)))
    assert sorted(a.notice_late for a in activities) == [False, False, False, True]
    recs = list(await session.scalars(select(CommitteeRecommendation)))
    assert sorted(r.status for r in recs) == ["answered", "closed", "sent", "sent"]
    assert [r.overdue_on(clock.today()) for r in recs].count(True) == 1
    assert all(r.status != CommitteeRecommendationStatus.SENT or r.response_rule_code for r in recs)
