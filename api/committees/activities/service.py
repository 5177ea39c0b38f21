"""The rules of a committee's activities: a plan covers a period, a supervision or inspection has a
subject and a planned day, and its plan is sent ahead (Decree 59/2023/NĐ-CP, Art. 14).

The notice is counted on the shared working-day calendar against the time rule in force on the
planned day (`pic-activity-notice`, a data row with its article): a late notice is flagged, never
refused; a notice after the activity, or an activity held before its notice, is refused (422) and
nothing is written. Services only flush: the request's unit of work commits.
"""

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.models import DayBasis
from api.calendar.working_days import load_calendar
from api.committees.activities.models import ActivityKind, CommitteeActivity, CommitteeTimeRule, TimePurpose
from api.committees.activities.repository import TimeRuleRepository
from api.committees.activities.schemas import ActivityCreate, ActivityRead, ActivityUpdate, TimeRuleUpdate
from api.committees.models import Committee, CommitteeStatus
from api.core import clock
from api.core.access import Principal
from api.core.errors import ValidationFailed, invalid_field
from api.core.etag import check_if_match
from api.core.legal_rules import check_validity, correct_rule

_FIELDS = (
    "title",
    "period",
    "period_starts_on",
    "period_ends_on",
    "subject_kind",
    "subject_description",
    "planned_on",
    "notice_sent_on",
    "held_on",
    "findings",
    "notes",
)


def _check_not_future(day: date | None, field: str) -> None:
    if day is not None and day > clock.today():
        raise invalid_field(field, "date_in_future", "Record it on or after that day.")


def _check(activity: CommitteeActivity) -> None:
    """What an activity's record must say of itself (422, nothing written)."""
    if activity.kind == ActivityKind.PLAN:
        for field in ("period", "period_starts_on", "period_ends_on"):
            if getattr(activity, field) is None:
                raise invalid_field(field, "plan_period_required", "A plan names its period and its days.")
        assert activity.period_starts_on is not None
        assert activity.period_ends_on is not None
        if activity.period_ends_on < activity.period_starts_on:
            raise invalid_field("period_ends_on", "invalid_period", "A plan's period ends after it starts.")
    else:
        if activity.subject_kind is None:
            raise invalid_field(
                "subject_kind", "subject_required", "A supervision or inspection names its subject."
            )
        if activity.planned_on is None:
            raise invalid_field(
                "planned_on", "planned_date_required", "A supervision or inspection has a planned day."
            )
    _check_not_future(activity.notice_sent_on, "notice_sent_on")
    _check_not_future(activity.held_on, "held_on")
    if (
        activity.notice_sent_on is not None
        and activity.planned_on is not None
        and activity.notice_sent_on > activity.planned_on
    ):
        raise invalid_field(
            "notice_sent_on",
            "notice_after_activity",
            f"The activity is planned for {activity.planned_on.isoformat()}: its plan is sent before it "
            "(Decree 59/2023/NĐ-CP, Art. 14).",
        )
    if (
        activity.held_on is not None
        and activity.notice_sent_on is not None
        and (activity.held_on < activity.notice_sent_on)
    ):
        raise invalid_field(
            "held_on",
            "held_before_notice",
            f"The plan was sent on {activity.notice_sent_on.isoformat()}; the activity is held after it.",
        )
    dated_on = activity.period_starts_on if activity.kind == ActivityKind.PLAN else activity.planned_on
    assert dated_on is not None  # required by kind, above
    activity.dated_on = dated_on


async def _notice_rule(session: AsyncSession, principal: Principal, day: date) -> CommitteeTimeRule | None:
    return await TimeRuleRepository(session, principal).in_force(TimePurpose.ACTIVITY_NOTICE, day)


async def count_notice(session: AsyncSession, principal: Principal, activity: CommitteeActivity) -> None:
    """The notice's working days and whether it is late, on the shared calendar and the rule in force
    on the planned day; nothing to count without both days or without a rule in force."""
    activity.notice_working_days, activity.notice_late, activity.notice_rule_code = None, False, None
    sent, planned = activity.notice_sent_on, activity.planned_on
    if sent is None or planned is None:
        return
    calendar = await load_calendar(session, sent, planned + timedelta(days=1))
    activity.notice_working_days = calendar.working_days_between(sent, planned)
    rule = await _notice_rule(session, principal, planned)
    if rule is None:
        return
    activity.notice_rule_code = rule.code
    if rule.day_basis == DayBasis.WORKING:
        activity.notice_late = activity.notice_working_days < rule.days
    else:
        activity.notice_late = (planned - sent).days < rule.days


def _check_active(committee: Committee) -> None:
    if committee.status != CommitteeStatus.ACTIVE:
        raise ValidationFailed(
            "The committee is dissolved: it records no new activity.", code="committee_dissolved"
        )


async def create(
    session: AsyncSession, principal: Principal, committee: Committee, data: ActivityCreate
) -> CommitteeActivity:
    _check_active(committee)
    activity = CommitteeActivity(
        id=uuid.uuid4(),
        committee_id=committee.id,
        unit_id=committee.unit_id,
        kind=data.kind,
        **{field: getattr(data, field) for field in _FIELDS},
    )
    _check(activity)
    await count_notice(session, principal, activity)
    session.add(activity)
    await session.flush()
    return activity


async def update(
    session: AsyncSession,
    principal: Principal,
    activity: CommitteeActivity,
    data: ActivityUpdate,
    if_match: str | None,
) -> CommitteeActivity:
    check_if_match(if_match, activity.version)
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    before = {field: getattr(activity, field) for field in (*_FIELDS, "dated_on")}
    for field, value in changes.items():
        setattr(activity, field, value)
    try:
        _check(activity)
    except Exception:
        # Nothing written: the loaded object goes back to what it was.
        for field, value in before.items():
            setattr(activity, field, value)
        raise
    await count_notice(session, principal, activity)
    await session.flush()
    return activity


async def read(session: AsyncSession, principal: Principal, activity: CommitteeActivity) -> ActivityRead:
    rule = None
    if activity.notice_rule_code is not None and activity.planned_on is not None:
        rule = await _notice_rule(session, principal, activity.planned_on)
    return read_with(activity, rule)


def read_with(activity: CommitteeActivity, rule: CommitteeTimeRule | None) -> ActivityRead:
    return ActivityRead.from_model(
        activity,
        notice_rule_id=activity.notice_rule_code,
        notice_required_working_days=rule.days if rule is not None else None,
        notice_legal_basis=rule.legal_basis if rule is not None else None,
    )


async def page_read(
    session: AsyncSession, principal: Principal, activities: list[CommitteeActivity]
) -> list[ActivityRead]:
    """A page's answers, each with the rule in force on its planned day (read once per distinct day)."""
    rules: dict[date, CommitteeTimeRule | None] = {}
    out = []
    for activity in activities:
        rule = None
        if activity.notice_rule_code is not None and activity.planned_on is not None:
            if activity.planned_on not in rules:
                rules[activity.planned_on] = await _notice_rule(session, principal, activity.planned_on)
            rule = rules[activity.planned_on]
        out.append(read_with(activity, rule))
    return out


async def _check_time_rule(rule: CommitteeTimeRule) -> None:
    check_validity(rule.valid_from, rule.valid_to)


async def update_time_rule(
    session: AsyncSession, principal: Principal, code: str, data: TimeRuleUpdate, if_match: str | None
) -> CommitteeTimeRule:
    """A nationwide correction of a time rule (403 `nationwide_only` for anyone else, before the lookup)."""
    return await correct_rule(TimeRuleRepository(session, principal), code, data, if_match, _check_time_rule)
