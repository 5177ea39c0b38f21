"""The time limits a case runs, and their state today.

A clock starts when a stage starts (receipt, acceptance, forwarding, appeal) with the rule in force
that day; its due date is recomputed from one formula — start plus the days paused, counted
for the rule's days plus any extension — so suspensions, extensions and a change of flags all
move it the same way. Overdue is a comparison of dates at read time, never a job's verdict.
"""

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.working_days import limit_end
from api.core.access import SYSTEM
from api.petitions.deadline_rules.repository import DeadlineRuleRepository
from api.petitions.models import DeadlineRule, DeadlineState, Petition, PetitionDeadline, Stage, Status
from api.petitions.rules import BODY_STAGES
from api.petitions.workflows import TERMINAL

# An open case is at risk when its earliest limit is this many calendar days away or fewer.
AT_RISK_DAYS = 5


async def rule_for(session: AsyncSession, petition: Petition, stage: Stage, on: date) -> DeadlineRule | None:
    """The rule of `stage` in force on `on` for the case's kind and flags (nationwide reference data)."""
    return await DeadlineRuleRepository(session, SYSTEM).applying(
        petition.kind, stage, on, remote_area=petition.remote_area, complex_=petition.complex
    )


async def _due(session: AsyncSession, clock: PetitionDeadline) -> date:
    start = clock.started_on + timedelta(days=clock.paused_days)
    return await limit_end(session, start, clock.days + clock.extended_days, clock.day_basis)


async def open_clock(
    session: AsyncSession, petition: Petition, stage: Stage, start: date
) -> PetitionDeadline | None:
    """Start `stage`'s limit on `start`; None when no rule in force covers it."""
    rule = await rule_for(session, petition, stage, start)
    if rule is None:
        return None
    clock = PetitionDeadline(
        stage=stage,
        instance=petition.instance,
        started_on=start,
        days=rule.days,
        extended_days=0,
        paused_days=0,
        day_basis=rule.day_basis,
        legal_basis=rule.legal_basis,
        rule_id=rule.id,
    )
    clock.due_on = await _due(session, clock)
    petition.deadlines.append(clock)
    return clock


def running(petition: Petition, stage: Stage | None = None) -> list[PetitionDeadline]:
    return [c for c in petition.deadlines if c.ended_on is None and (stage is None or c.stage == stage)]


def end_clocks(petition: Petition, on: date, *stages: Stage) -> list[PetitionDeadline]:
    """Stop the running limits of these stages (all if none named) on `on`; returns them."""
    ended = [c for c in running(petition) if not stages or c.stage in stages]
    for clock in ended:
        clock.ended_on = on
    return ended


async def extend(session: AsyncSession, clock: PetitionDeadline, days: int) -> None:
    clock.extended_days += days
    clock.due_on = await _due(session, clock)


async def pause(session: AsyncSession, petition: Petition, days: int) -> None:
    """Push every running limit back by the calendar days the case was suspended."""
    for clock in running(petition):
        clock.paused_days += days
        clock.due_on = await _due(session, clock)


async def recount(session: AsyncSession, petition: Petition) -> None:
    """After `complex` or `remote_area` changed: each running limit takes the rule for the new flags."""
    for clock in running(petition):
        rule = await rule_for(session, petition, clock.stage, clock.started_on)
        if rule is not None and rule.id != clock.rule_id:
            clock.rule_id, clock.days, clock.day_basis, clock.legal_basis = (
                rule.id,
                rule.days,
                rule.day_basis,
                rule.legal_basis,
            )
            clock.due_on = await _due(session, clock)


def refresh_due(petition: Petition) -> None:
    """The earliest running limit that binds the body; none while suspended or once final."""
    dues = [c.due_on for c in running(petition) if c.stage in BODY_STAGES]
    stopped = petition.status in TERMINAL or petition.status == Status.SUSPENDED
    petition.due_on = min(dues) if dues and not stopped else None
    petition.due_sort = petition.due_on or date.max


def deadline_state(due_on: date | None, today: date) -> tuple[int | None, DeadlineState | None]:
    if due_on is None:
        return None, None
    left = (due_on - today).days
    if left < 0:
        return left, DeadlineState.OVERDUE
    return left, DeadlineState.AT_RISK if left <= AT_RISK_DAYS else DeadlineState.ON_TRACK


async def limit_from(session: AsyncSession, petition: Petition, stage: Stage, start: date) -> date | None:
    """The end of a citizen-side limit (filing, appeal, decision effect) counted from `start`."""
    rule = await rule_for(session, petition, stage, start)
    if rule is None:
        return None
    return await limit_end(session, start, rule.days, rule.day_basis)
