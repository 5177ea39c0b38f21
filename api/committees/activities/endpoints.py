"""HTTP routes of a committee's activities (`/committees/{committee_id}/activities`) and of the time
rules they and the recommendations are counted by (`/committees/time-rules`); included by the
committees router."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from api.committees.activities import service
from api.committees.activities.models import CommitteeActivity
from api.committees.activities.repository import ActivityRepository, TimeRuleRepository
from api.committees.activities.schemas import (
    ActivityCreate,
    ActivityListQuery,
    ActivityRead,
    ActivityUpdate,
    TimeRuleRead,
    TimeRuleUpdate,
)
from api.committees.models import Committee
from api.committees.repository import CommitteeRepository
from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.exports import exportable
from api.core.legal_rules import LegalRuleQuery, rule_read
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.repository import current, repository
from api.core.responses import NATIONWIDE_ONLY, problems
from api.core.schemas import Page
from api.core.unit_of_work import Session, UnitOfWorkRoute

Activities = Annotated[ActivityRepository, repository(ActivityRepository)]
TimeRules = Annotated[TimeRuleRepository, repository(TimeRuleRepository)]
CurrentCommittee = Annotated[Committee, current(CommitteeRepository, "committee_id")]

RuleId = Annotated[str, Path(max_length=64, description="The rule's `id`.", examples=["pic-activity-notice"])]

router = APIRouter(route_class=UnitOfWorkRoute)

NOT_FOUND = ["committee_not_found"]
ACTIVITY_NOT_FOUND = [*NOT_FOUND, "activity_not_found"]
ACTIVITY_CODES = [
    "plan_period_required",
    "invalid_period",
    "subject_required",
    "planned_date_required",
    "date_in_future",
    "notice_after_activity",
    "held_before_notice",
]


def _set(response: Response, activity: CommitteeActivity) -> None:
    set_etag(response, activity.version)


@router.get(
    "/time-rules",
    operation_id="committees-time-rules-list",
    summary="Committees' time rules",
    response_model=list[TimeRuleRead],
    responses=problems(422),
)
async def list_time_rules(
    rules: TimeRules,
    query: Annotated[LegalRuleQuery, Query()],
    _principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> list[TimeRuleRead]:
    """The time limits of the committees' work, each with its article and the days it is in force
    (`valid_to` exclusive): `pic-activity-notice`, the working days an activity's plan is sent ahead
    (Decree 59/2023/NĐ-CP, Art. 14), and `pic-recommendation-response`, the days the authority has to
    answer a recommendation (unconfirmed: its `note` says so)."""
    return [rule_read(TimeRuleRead, rule) for rule in await rules.listed_on(query.as_of)]


@router.patch(
    "/time-rules/{rule_id}",
    operation_id="committees-time-rules-update",
    summary="Change a committees' time rule",
    response_model=TimeRuleRead,
    responses=problems(
        403,
        404,
        412,
        422,
        codes={403: NATIONWIDE_ONLY, 404: ["time_rule_not_found"], 422: ["invalid_validity"]},
    ),
)
async def update_time_rule(
    session: Session,
    rule_id: RuleId,
    body: TimeRuleUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> TimeRuleRead:
    """Correct a time rule (its days, how they count, its article) or close it (`valid_to`); activities and
    recommendations written from then on are counted by it. Only a nationwide administrator changes it."""
    rule = await service.update_time_rule(session, principal, rule_id, body, if_match)
    return rule_read(TimeRuleRead, rule, response)


@router.get(
    "/{committee_id:uuid}/activities",
    operation_id="committees-activities-list",
    summary="A committee's activities",
    response_model=Page[ActivityRead],
    responses=problems(404, codes={404: NOT_FOUND}),
)
@exportable
async def list_activities(
    session: Session,
    committee: CurrentCommittee,
    activities: Activities,
    cursors: Cursors,
    query: Annotated[ActivityListQuery, Query()],
    principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> Page[ActivityRead]:
    """The committee's plans and supervision or inspection activities matching every filter, one page at
    a time, the latest first (`-dated_on`); `notice_late=true` keeps those whose plan was sent late."""
    found = await activities.page(query, cursors, {"committee": committee})
    items = await service.page_read(session, principal, found.items)
    return Page[ActivityRead](items=items, next_cursor=found.next_cursor, total=found.total)


@router.post(
    "/{committee_id:uuid}/activities",
    operation_id="committees-activities-create",
    summary="Record an activity",
    status_code=status.HTTP_201_CREATED,
    response_model=ActivityRead,
    responses=problems(
        404,
        422,
        codes={
            404: NOT_FOUND,
            422: [*ACTIVITY_CODES, "committee_dissolved", "idempotency_key_reused"],
        },
    ),
)
async def create_activity(
    session: Session,
    committee: CurrentCommittee,
    body: ActivityCreate,
    response: Response,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> ActivityRead:
    """A plan of the committee, or a supervision or inspection activity with its subject and planned day.
    The notice (`notice_sent_on`) is counted in working days on the shared calendar and flagged
    `notice_late` when fewer than the rule asks (5, Decree 59/2023/NĐ-CP, Art. 14): accepted, not refused.
    A notice after the planned day (422 `notice_after_activity`) or an activity held before its notice
    (422 `held_before_notice`) is refused. The committee's own members (role `committee_member`) record
    them. `Location` names the new activity."""
    activity = await service.create(session, principal, committee, body)
    response.headers["Location"] = f"/api/v1/committees/{committee.id}/activities/{activity.id}"
    _set(response, activity)
    return await service.read(session, principal, activity)


@router.get(
    "/{committee_id:uuid}/activities/{activity_id:uuid}",
    operation_id="committees-activities-get",
    summary="Get an activity",
    response_model=ActivityRead,
    responses=problems(404, codes={404: ACTIVITY_NOT_FOUND}),
)
async def get_activity(
    session: Session,
    committee: CurrentCommittee,
    activity_id: uuid.UUID,
    activities: Activities,
    response: Response,
    principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> ActivityRead:
    """One activity, with its notice's count and rule, and its `ETag` for a later conditional update."""
    activity = await activities.of(committee, activity_id)
    _set(response, activity)
    return await service.read(session, principal, activity)


@router.patch(
    "/{committee_id:uuid}/activities/{activity_id:uuid}",
    operation_id="committees-activities-update",
    summary="Update an activity",
    response_model=ActivityRead,
    responses=problems(404, 412, 422, codes={404: ACTIVITY_NOT_FOUND, 422: ACTIVITY_CODES}),
)
async def update_activity(
    session: Session,
    committee: CurrentCommittee,
    activity_id: uuid.UUID,
    activities: Activities,
    body: ActivityUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> ActivityRead:
    """Change the given fields — the day it was held and its findings, typically; the notice is counted
    again. The same rules as a new activity's apply."""
    activity = await activities.of(committee, activity_id)
    updated = await service.update(session, principal, activity, body, if_match)
    _set(response, updated)
    return await service.read(session, principal, updated)
