"""HTTP routes of /api/v1/inspections/teams/{team_id}/findings (included by the inspections router).

A finding is part of its team: a write's `If-Match` takes the team's `ETag`, and every answer
carries the team's (new) `ETag`."""

import uuid

from fastapi import APIRouter, Response, status

from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.files import Files
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.unit_of_work import AfterTransaction, Session, UnitOfWorkRoute
from api.inspections.dependencies import NOT_ORGANISER, CurrentTeam, TeamForUpdate
from api.inspections.findings import service
from api.inspections.findings.schemas import FindingCreate, FindingRead, FindingUpdate

router = APIRouter(prefix="/teams/{team_id:uuid}/findings", route_class=UnitOfWorkRoute)

NOT_FOUND = ["team_not_found", "finding_not_found"]
# What a finding's record can be refused for, on create and update.
FINDING_CODES = ["unknown_topic", "petition_not_found"]


@router.get(
    "",
    operation_id="inspections-teams-findings-list",
    summary="A team's findings",
    response_model=list[FindingRead],
    responses=problems(404, codes={404: ["team_not_found"]}),
)
async def list_findings(
    session: Session, team: CurrentTeam, principal: Principal = Authorize(Permission.INSPECTIONS_READ)
) -> list[FindingRead]:
    """The team's findings, oldest first: all of them for the organising unit's principals, else
    only those about the targets inside your jurisdiction."""
    return await service.listed(session, principal, team)


@router.post(
    "",
    operation_id="inspections-teams-findings-create",
    summary="Record a finding",
    status_code=status.HTTP_201_CREATED,
    response_model=FindingRead,
    responses=problems(
        403,
        404,
        409,
        412,
        422,
        codes={
            403: NOT_ORGANISER,
            404: ["team_not_found", "target_not_found"],
            409: ["team_not_collecting"],
            422: FINDING_CODES,
        },
    ),
)
async def create_finding(
    session: Session,
    team: TeamForUpdate,
    body: FindingCreate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> FindingRead:
    """Record what the team found at one of its targets about one topic, while the team is in
    progress or reported. `Location` names the finding; `ETag` is the team's new one."""
    finding = await service.create_finding(session, principal, team, body, if_match)
    response.headers["Location"] = f"/api/v1/inspections/teams/{team.id}/findings/{finding.id}"
    set_etag(response, team.version)
    return FindingRead.model_validate(finding)


@router.get(
    "/{finding_id:uuid}",
    operation_id="inspections-teams-findings-get",
    summary="Get a finding",
    response_model=FindingRead,
    responses=problems(404, codes={404: NOT_FOUND}),
)
async def get_finding(
    session: Session,
    team: CurrentTeam,
    finding_id: uuid.UUID,
    response: Response,
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> FindingRead:
    """One finding about a target you see; `ETag` is the team's."""
    set_etag(response, team.version)
    return await service.get(session, principal, team, finding_id)


@router.patch(
    "/{finding_id:uuid}",
    operation_id="inspections-teams-findings-update",
    summary="Correct a finding",
    response_model=FindingRead,
    responses=problems(
        403,
        404,
        409,
        412,
        422,
        codes={
            403: NOT_ORGANISER,
            404: [*NOT_FOUND, "target_not_found"],
            409: ["team_not_collecting"],
            422: FINDING_CODES,
        },
    ),
)
async def update_finding(
    session: Session,
    team: TeamForUpdate,
    finding_id: uuid.UUID,
    body: FindingUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> FindingRead:
    """Correct a finding while the team is in progress or reported; `If-Match` takes the team's `ETag`."""
    finding = await service.update_finding(session, principal, team, finding_id, body, if_match)
    set_etag(response, team.version)
    return FindingRead.model_validate(finding)


@router.delete(
    "/{finding_id:uuid}",
    operation_id="inspections-teams-findings-delete",
    summary="Delete a finding",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(
        403, 404, 409, 412, codes={403: NOT_ORGANISER, 404: NOT_FOUND, 409: ["team_not_collecting"]}
    ),
)
async def delete_finding(
    session: Session,
    after_transaction: AfterTransaction,
    storage: Files,
    team: TeamForUpdate,
    finding_id: uuid.UUID,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> Response:
    """Remove a finding recorded by mistake while the team is in progress or reported, with its
    evidence files."""
    await service.delete_finding(session, principal, storage, after_transaction, team, finding_id, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
