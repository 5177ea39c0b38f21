"""HTTP routes of /api/v1/committees: parse, call one service function, shape the answer.

The domain's one router: the composition rules, the investment projects, the subtree's compliance and
summary, the activities (with the time rules and the activities' files) and the recommendations are
included from their packages (static paths before `/{committee_id}`), then the routes of committees,
their compliance, terms and members.
"""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.committees import service
from api.committees.activities.endpoints import router as activities_router
from api.committees.attachments.endpoints import UPLOAD_PATH as ATTACHMENTS_UPLOAD_PATH
from api.committees.attachments.endpoints import router as attachments_router
from api.committees.compliance.endpoints import router as compliance_router
from api.committees.models import Committee, CommitteeTerm
from api.committees.projects.endpoints import router as projects_router
from api.committees.recommendations.endpoints import router as recommendations_router
from api.committees.repository import CommitteeRepository, MemberRepository, TermRepository
from api.committees.rules.endpoints import router as rules_router
from api.committees.schemas import (
    CommitteeComplianceQuery,
    CommitteeComplianceRead,
    CommitteeCreate,
    CommitteeListQuery,
    CommitteeMemberCreate,
    CommitteeMemberListQuery,
    CommitteeMemberRead,
    CommitteeMemberUpdate,
    CommitteeRead,
    CommitteeTermCreate,
    CommitteeTermRead,
    CommitteeTermUpdate,
    CommitteeUpdate,
    MemberPageQuery,
)
from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.exports import exportable
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.repository import current, repository
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import Session, UnitOfWorkRoute

Committees = Annotated[CommitteeRepository, repository(CommitteeRepository)]
Terms = Annotated[TermRepository, repository(TermRepository)]
Members = Annotated[MemberRepository, repository(MemberRepository)]
CurrentCommittee = Annotated[Committee, current(CommitteeRepository, "committee_id")]

router = APIRouter(prefix="/committees", tags=["committees"], route_class=UnitOfWorkRoute)
router.include_router(rules_router)
router.include_router(projects_router)
# Static paths (/compliance, /summary) before /{committee_id}.
router.include_router(compliance_router)
router.include_router(activities_router)
router.include_router(attachments_router)
router.include_router(recommendations_router)

# The routes that take a file (`api.core.files.upload_body_limit`).
UPLOAD_PATHS = (ATTACHMENTS_UPLOAD_PATH,)

NOT_FOUND = ["committee_not_found"]
COMMITTEE_CODES = [
    "unit_not_found",
    "unit_kind_mismatch",
    "date_in_future",
    "date_outside_unit_life",
    "invalid_period",
]
# A CISB's project (api/committees/projects/service.py `board_project`).
PROJECT_CODES = ["project_not_allowed", "project_not_found", "project_in_another_unit", "project_ended"]
TERM_CODES = ["invalid_period", "committee_dissolved", "composition_rule_broken"]
MEMBER_CODES = [
    "term_not_found",
    "unit_not_found",
    "represented_unit_outside_committee",
    "left_before_joined",
    "date_outside_term",
    "left_on_required",
    "meeting_date_required",
    "invalid_period",
    "votes_exceed_voters",
    "date_in_future",
    "member_ineligible",
    "composition_rule_broken",
]


def _read(committee: Committee, response: Response) -> CommitteeRead:
    set_etag(response, committee.version)
    return CommitteeRead.model_validate(committee)


def _term(term: CommitteeTerm, response: Response | None = None) -> CommitteeTermRead:
    if response is not None:
        set_etag(response, term.version)
    return CommitteeTermRead.model_validate(term)


@router.get(
    "",
    operation_id="committees-list",
    summary="List committees",
    response_model=Page[CommitteeRead],
    responses=problems(404, codes={404: ["unit_not_found"]}),
)
@exportable
async def list_committees(
    committees: Committees,
    cursors: Cursors,
    query: Annotated[CommitteeListQuery, Query()],
    _: Principal = Authorize(Permission.COMMITTEES_READ),
) -> Page[CommitteeRead]:
    """People's Inspection Committees and Community Investment Supervision Boards matching every filter
    given, one page at a time, by name by default."""
    return Page[CommitteeRead].model_validate(await committees.page(query, cursors))


@router.get(
    "/all-members",
    operation_id="committees-all-members-list",
    summary="List members of every committee",
    response_model=Page[CommitteeMemberRead],
    responses=problems(404, codes={404: ["unit_not_found"]}),
)
@exportable
async def list_all_members(
    members: Members,
    cursors: Cursors,
    query: Annotated[MemberPageQuery, Query()],
    principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> Page[CommitteeMemberRead]:
    """The members of every committee in your jurisdiction matching every filter given, those who left
    included, one page at a time, by joining day by default; as a file, it imports back
    (`resource=committee_members`). `contact` is null unless you may manage committees."""
    found = await members.page(query, cursors)
    return Page[CommitteeMemberRead](
        items=[service.member_read(principal, member) for member in found.items],
        next_cursor=found.next_cursor,
        total=found.total,
    )


@router.post(
    "",
    operation_id="committees-create",
    summary="Record a committee",
    status_code=status.HTTP_201_CREATED,
    response_model=CommitteeRead,
    responses=problems(
        409,
        422,
        codes={
            409: ["duplicate_external_ref", "committee_exists", "project_has_board"],
            422: [*COMMITTEE_CODES, *PROJECT_CODES, "idempotency_key_reused"],
        },
    ),
)
async def create_committee(
    session: Session,
    body: CommitteeCreate,
    response: Response,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> CommitteeRead:
    """Record a committee of a unit of the jurisdiction: a PIC or a CISB of a commune, ward or special
    zone, or the PIC of an agency, public service unit or state-owned enterprise. A commune or an agency
    has one active PIC. `Location` names the new committee."""
    committee = await service.create_committee(session, principal, body)
    response.headers["Location"] = f"/api/v1/committees/{committee.id}"
    return _read(committee, response)


@router.get(
    "/{committee_id:uuid}",
    operation_id="committees-get",
    summary="Get a committee",
    response_model=CommitteeRead,
    responses=problems(404, codes={404: NOT_FOUND}),
)
async def get_committee(
    committee: CurrentCommittee, response: Response, _: Principal = Authorize(Permission.COMMITTEES_READ)
) -> CommitteeRead:
    """One committee, with its `ETag` for a later conditional update."""
    return _read(committee, response)


@router.patch(
    "/{committee_id:uuid}",
    operation_id="committees-update",
    summary="Update a committee",
    response_model=CommitteeRead,
    responses=problems(
        404,
        409,
        412,
        422,
        codes={
            404: NOT_FOUND,
            409: ["duplicate_external_ref", "committee_exists", "project_has_board"],
            422: COMMITTEE_CODES,
        },
    ),
)
async def update_committee(
    session: Session,
    committee: CurrentCommittee,
    body: CommitteeUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> CommitteeRead:
    """Change the given fields; `dissolved_on` dissolves the committee (its history stays)."""
    return _read(await service.update_committee(session, principal, committee, body, if_match), response)


@router.get(
    "/{committee_id:uuid}/compliance",
    operation_id="committees-compliance-get",
    summary="A committee's compliance with the composition rules",
    response_model=CommitteeComplianceRead,
    responses=problems(404, codes={404: NOT_FOUND}),
)
async def get_compliance(
    session: Session,
    committee: CurrentCommittee,
    query: Annotated[CommitteeComplianceQuery, Query()],
    principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> CommitteeComplianceRead:
    """Each composition and eligibility rule of the term in force on `as_of` (today by default) — the rules
    in force on the term's first day (`GET /committees/composition-rules`) — with its article, whether it
    holds among the members sitting that day, and why not. A committee without a term in force is not
    compliant. Rules that refuse a change hold unless the data was recorded before the rule existed."""
    return await service.compliance(session, principal, committee, query.as_of)


@router.get(
    "/{committee_id:uuid}/terms",
    operation_id="committees-terms-list",
    summary="A committee's terms",
    response_model=list[CommitteeTermRead],
    responses=problems(404, codes={404: NOT_FOUND}),
)
async def list_terms(
    committee: CurrentCommittee, terms: Terms, _: Principal = Authorize(Permission.COMMITTEES_READ)
) -> list[CommitteeTermRead]:
    """Every term of the committee, the oldest first."""
    return [_term(term) for term in await terms.of_committee(committee.id)]


@router.post(
    "/{committee_id:uuid}/terms",
    operation_id="committees-terms-create",
    summary="Record a term",
    status_code=status.HTTP_201_CREATED,
    response_model=CommitteeTermRead,
    responses=problems(
        404,
        409,
        422,
        codes={404: NOT_FOUND, 409: ["term_overlap"], 422: [*TERM_CODES, "idempotency_key_reused"]},
    ),
)
async def create_term(
    session: Session,
    committee: CurrentCommittee,
    body: CommitteeTermCreate,
    response: Response,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> CommitteeTermRead:
    """A term of the committee; it may not overlap another of its terms (409 `term_overlap`). Its `regime`
    is that of the composition rules in force on its first day. `Location` names the new term."""
    term = await service.create_term(session, principal, committee, body)
    response.headers["Location"] = f"/api/v1/committees/{committee.id}/terms/{term.id}"
    return _term(term, response)


@router.patch(
    "/{committee_id:uuid}/terms/{term_id:uuid}",
    operation_id="committees-terms-update",
    summary="Update a term",
    response_model=CommitteeTermRead,
    responses=problems(
        404,
        409,
        412,
        422,
        codes={
            404: [*NOT_FOUND, "term_not_found"],
            409: ["term_overlap"],
            422: [*TERM_CODES, "members_outside_term"],
        },
    ),
)
async def update_term(
    session: Session,
    committee: CurrentCommittee,
    term_id: uuid.UUID,
    terms: Terms,
    body: CommitteeTermUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> CommitteeTermRead:
    """Extend, shorten or end a term (`ended_on`); its members must still sit inside it."""
    term = await terms.of(committee, term_id)
    return _term(await service.update_term(session, principal, committee, term, body, if_match), response)


@router.get(
    "/{committee_id:uuid}/members",
    operation_id="committees-members-list",
    summary="A committee's members",
    response_model=list[CommitteeMemberRead],
    responses=problems(404, codes={404: NOT_FOUND}),
)
async def list_members(
    committee: CurrentCommittee,
    members: Members,
    query: Annotated[CommitteeMemberListQuery, Query()],
    principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> list[CommitteeMemberRead]:
    """The committee's members of every term, those who left included (history is kept), by term and
    joining day; `on` keeps those sitting on a day. `contact` is null unless the reader may manage the
    committee."""
    return [service.member_read(principal, m) for m in await members.of_committee(committee.id, query)]


@router.post(
    "/{committee_id:uuid}/members",
    operation_id="committees-members-create",
    summary="Record a member",
    status_code=status.HTTP_201_CREATED,
    response_model=CommitteeMemberRead,
    responses=problems(
        404,
        409,
        422,
        codes={
            404: NOT_FOUND,
            409: ["duplicate_external_ref"],
            422: [*MEMBER_CODES, "idempotency_key_reused"],
        },
    ),
)
async def create_member(
    session: Session,
    committee: CurrentCommittee,
    body: CommitteeMemberCreate,
    response: Response,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> CommitteeMemberRead:
    """A member joining a term of the committee. Refused with the rule and its article (`rule_id`,
    `legal_basis`): a member declared ineligible (422 `member_ineligible`), and a composition breaking a
    rule whose breach the law forbids, such as a second head (422 `composition_rule_broken`); a
    composition the law only makes non-compliant is accepted and reported by the compliance route.
    `Location` names the new member."""
    member = await service.create_member(session, principal, committee, body)
    response.headers["Location"] = f"/api/v1/committees/{committee.id}/members/{member.id}"
    set_etag(response, member.version)
    return service.member_read(principal, member)


@router.get(
    "/{committee_id:uuid}/members/{member_id:uuid}",
    operation_id="committees-members-get",
    summary="Get a member",
    response_model=CommitteeMemberRead,
    responses=problems(404, codes={404: [*NOT_FOUND, "member_not_found"]}),
)
async def get_member(
    committee: CurrentCommittee,
    member_id: uuid.UUID,
    members: Members,
    response: Response,
    principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> CommitteeMemberRead:
    """One member, with its `ETag` for a later conditional update."""
    member = await members.of(committee, member_id)
    set_etag(response, member.version)
    return service.member_read(principal, member)


@router.patch(
    "/{committee_id:uuid}/members/{member_id:uuid}",
    operation_id="committees-members-update",
    summary="Update a member",
    response_model=CommitteeMemberRead,
    responses=problems(
        404,
        409,
        412,
        422,
        codes={404: [*NOT_FOUND, "member_not_found"], 409: ["duplicate_external_ref"], 422: MEMBER_CODES},
    ),
)
async def update_member(
    session: Session,
    committee: CurrentCommittee,
    member_id: uuid.UUID,
    members: Members,
    body: CommitteeMemberUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> CommitteeMemberRead:
    """Change the given fields: a member leaves with `left_on` and `leaving_reason` and stays in the
    record of the term. The same rules as a new member's apply."""
    member = await members.of(committee, member_id)
    updated = await service.update_member(session, principal, committee, member, body, if_match)
    set_etag(response, updated.version)
    return service.member_read(principal, updated)
