"""HTTP routes of /api/v1/committees/projects: investment projects and the board supervising each."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.committees.projects import service
from api.committees.projects.models import InvestmentProject
from api.committees.projects.repository import ProjectRepository
from api.committees.projects.schemas import ProjectCreate, ProjectListQuery, ProjectRead, ProjectUpdate
from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.exports import exportable
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.repository import current, repository
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import Session, UnitOfWorkRoute

Projects = Annotated[ProjectRepository, repository(ProjectRepository)]
CurrentProject = Annotated[InvestmentProject, current(ProjectRepository, "project_id")]

router = APIRouter(prefix="/projects", route_class=UnitOfWorkRoute)

NOT_FOUND = ["project_not_found"]
PROJECT_CODES = [
    "unit_not_found",
    "unit_kind_mismatch",
    "duplicate_location",
    "invalid_period",
    "date_in_future",
]


def _read(project: InvestmentProject, response: Response) -> ProjectRead:
    set_etag(response, project.version)
    return service.project_read(project)


@router.get(
    "",
    operation_id="committees-projects-list",
    summary="List investment projects",
    response_model=Page[ProjectRead],
    responses=problems(404, codes={404: ["unit_not_found"]}),
)
@exportable
async def list_projects(
    projects: Projects,
    cursors: Cursors,
    query: Annotated[ProjectListQuery, Query()],
    _: Principal = Authorize(Permission.COMMITTEES_READ),
) -> Page[ProjectRead]:
    """Investment projects located in the jurisdiction and matching every filter given, one page at a
    time, by name by default, each with its board."""
    found = await projects.page(query, cursors)
    return Page[ProjectRead](
        items=[service.project_read(p) for p in found.items], next_cursor=found.next_cursor, total=found.total
    )


@router.post(
    "",
    operation_id="committees-projects-create",
    summary="Record an investment project",
    status_code=status.HTTP_201_CREATED,
    response_model=ProjectRead,
    responses=problems(
        409,
        422,
        codes={409: ["duplicate_external_ref"], 422: [*PROJECT_CODES, "idempotency_key_reused"]},
    ),
)
async def create_project(
    session: Session,
    body: ProjectCreate,
    response: Response,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> ProjectRead:
    """An investment project in one or more communes of the jurisdiction, which a community investment
    supervision board (a committee of kind `investment_supervision` naming it in `project_id`) supervises.
    `Location` names the new project."""
    project = await service.create_project(session, principal, body)
    response.headers["Location"] = f"/api/v1/committees/projects/{project.id}"
    return _read(project, response)


@router.get(
    "/{project_id:uuid}",
    operation_id="committees-projects-get",
    summary="Get an investment project",
    response_model=ProjectRead,
    responses=problems(404, codes={404: NOT_FOUND}),
)
async def get_project(
    project: CurrentProject, response: Response, _: Principal = Authorize(Permission.COMMITTEES_READ)
) -> ProjectRead:
    """One project with its locations and its board (active, else the latest dissolved), with its `ETag`."""
    return _read(project, response)


@router.patch(
    "/{project_id:uuid}",
    operation_id="committees-projects-update",
    summary="Update an investment project",
    response_model=ProjectRead,
    responses=problems(
        404,
        409,
        412,
        422,
        codes={
            404: NOT_FOUND,
            409: ["duplicate_external_ref"],
            422: [*PROJECT_CODES, "board_outside_project"],
        },
    ),
)
async def update_project(
    session: Session,
    project: CurrentProject,
    body: ProjectUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> ProjectRead:
    """Change the given fields. Recording `actual_end_on` ends the project and dissolves its active board
    that day (`dissolved_on`), in the same transaction."""
    return _read(await service.update_project(session, principal, project, body, if_match), response)
