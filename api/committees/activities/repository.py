"""Every query on committees' activities: visible through the committee's unit (copied onto each)."""

import uuid
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select

from api.committees.activities.models import CommitteeActivity, CommitteeTimeRule, TimePurpose
from api.committees.activities.schemas import SORTING
from api.committees.models import Committee
from api.core.legal_rules import CodedRuleRepository, in_force_on
from api.units.scope import UnitScopedRepository

if TYPE_CHECKING:
    from api.committees.activities.schemas import ActivityListQuery

Activity = CommitteeActivity


class ActivityRepository(UnitScopedRepository[CommitteeActivity, "ActivityListQuery"]):
    model = CommitteeActivity
    sorting = SORTING
    not_found_code = "activity_not_found"
    noun = "Activity"
    unit_columns = (CommitteeActivity.unit_id,)

    def filter(self, stmt: Select[Any], query: "ActivityListQuery", named: Mapping[str, Any]) -> Select[Any]:
        committee = named["committee"]
        stmt = stmt.where(Activity.committee_id == committee.id)
        if query.kind:
            stmt = stmt.where(Activity.kind.in_(list(query.kind)))
        if query.dated_from is not None:
            stmt = stmt.where(Activity.dated_on >= query.dated_from)
        if query.dated_to is not None:
            stmt = stmt.where(Activity.dated_on <= query.dated_to)
        if query.notice_late is not None:
            stmt = stmt.where(Activity.notice_late.is_(query.notice_late))
        return stmt

    async def of(self, committee: Committee, activity_id: uuid.UUID) -> CommitteeActivity:
        """An activity of the committee the route loaded (404 for another committee's)."""
        found: CommitteeActivity | None = await self.session.scalar(
            self.select().where(Activity.committee_id == committee.id, Activity.id == activity_id)
        )
        if found is None:
            raise self.not_found(activity_id)
        return found


class TimeRuleRepository(CodedRuleRepository[CommitteeTimeRule]):
    """The committees' time limits: nationwide reference data, found by code and day."""

    model = CommitteeTimeRule
    not_found_code = "time_rule_not_found"
    noun = "Time rule"
    changes = "changes the committees' time rules"

    async def in_force(self, purpose: TimePurpose, day: date) -> CommitteeTimeRule | None:
        """The rule of this purpose in force on `day` (the latest to start, should two overlap)."""
        stmt = self.select().where(CommitteeTimeRule.purpose == purpose, in_force_on(CommitteeTimeRule, day))
        found: CommitteeTimeRule | None = await self.session.scalar(
            stmt.order_by(CommitteeTimeRule.valid_from.desc()).limit(1)
        )
        return found

    async def listed_on(self, as_of: date | None) -> list[CommitteeTimeRule]:
        stmt = self.select()
        if as_of is not None:
            stmt = stmt.where(in_force_on(CommitteeTimeRule, as_of))
        return list(
            await self.session.scalars(
                stmt.order_by(CommitteeTimeRule.purpose, CommitteeTimeRule.valid_from, CommitteeTimeRule.code)
            )
        )
