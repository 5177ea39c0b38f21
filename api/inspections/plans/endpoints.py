"""HTTP routes of /api/v1/inspections/plans (included by the inspections router)."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.exports import exportable
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.repository import current, repository
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.inspections.models import InspectionPlan
from api.inspections.plans import service
from api.inspections.plans.repository import PlanRepository
from api.inspections.plans.schemas import PlanCreate, PlanListQuery, PlanRead, PlanUpdate

router = APIRouter(prefix="/plans", route_class=UnitOfWorkRoute)

Plans = Annotated[PlanRepository, repository(PlanRepository)]
CurrentPlan = Annotated[InspectionPlan, current(PlanRepository, "plan_id")]

NOT_FOUND = problems(404, codes={404: ["plan_not_found"]})
WRITE_CODES = ["unit_not_found", "unknown_topic", "date_in_future", "date_outside_unit_life"]


def _read(plan: InspectionPlan, response: Response) -> PlanRead:
    set_etag(response, plan.version)
    return PlanRead.model_validate(plan)


@router.get(
    "",
    operation_id="inspections-plans-list",
    summary="List inspection plans",
    response_model=Page[PlanRead],
    responses=problems(404, codes={404: ["unit_not_found"]}),
)
@exportable
async def list_plans(
    plans: Plans,
    cursors: Cursors,
    query: Annotated[PlanListQuery, Query()],
    _: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> Page[PlanRead]:
    """Plans organised in your jurisdiction that match every filter, one page at a time, the most
    recently issued first by default."""
    return Page[PlanRead].model_validate(await plans.page(query, cursors))


@router.post(
    "",
    operation_id="inspections-plans-create",
    summary="Record an inspection plan",
    status_code=status.HTTP_201_CREATED,
    response_model=PlanRead,
    responses=problems(409, 422, codes={409: ["duplicate_external_ref"], 422: WRITE_CODES}),
)
async def create_plan(
    session: Session,
    body: PlanCreate,
    response: Response,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> PlanRead:
    """Record a plan issued by a body of a unit of your jurisdiction; `Location` names the new plan."""
    plan = await service.create_plan(session, principal, body)
    response.headers["Location"] = f"/api/v1/inspections/plans/{plan.id}"
    return _read(plan, response)


@router.get(
    "/{plan_id:uuid}",
    operation_id="inspections-plans-get",
    summary="Get an inspection plan",
    response_model=PlanRead,
    responses=NOT_FOUND,
)
async def get_plan(
    plan: CurrentPlan, response: Response, _: Principal = Authorize(Permission.INSPECTIONS_READ)
) -> PlanRead:
    """One plan, with its `ETag` for a later conditional update."""
    return _read(plan, response)


@router.patch(
    "/{plan_id:uuid}",
    operation_id="inspections-plans-update",
    summary="Update an inspection plan",
    response_model=PlanRead,
    responses=problems(
        404, 409, 412, 422, codes={404: ["plan_not_found"], 409: ["duplicate_external_ref"], 422: WRITE_CODES}
    ),
)
async def update_plan(
    session: Session,
    plan: CurrentPlan,
    body: PlanUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> PlanRead:
    """Change the given fields; a new organising unit must also lie in your jurisdiction. A topic
    deactivated since the plan named it may stay."""
    return _read(await service.update_plan(session, principal, plan, body, if_match), response)


@router.delete(
    "/{plan_id:uuid}",
    operation_id="inspections-plans-delete",
    summary="Delete an inspection plan",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(404, 409, 412, codes={404: ["plan_not_found"], 409: ["plan_has_teams"]}),
)
async def delete_plan(
    session: Session,
    plan: CurrentPlan,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> Response:
    """Remove a plan recorded by mistake; one with teams formed under it is kept (409)."""
    await service.delete_plan(session, principal, plan, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
