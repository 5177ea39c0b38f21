"""GET /api/v1/audit-events: the log of every write, for administrators and steering committees,
inside their jurisdiction."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import service
from api.audit.repository import AuditEventRepository
from api.audit.schemas import AuditEventRead, AuditQuery
from api.core.access import Authorize, Principal
from api.core.exports import exportable
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.repository import repository
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import UnitOfWorkRoute

router = APIRouter(prefix="/audit-events", tags=["audit"], route_class=UnitOfWorkRoute)
AuditEvents = Annotated[AuditEventRepository, repository(AuditEventRepository)]


@router.get(
    "",
    operation_id="audit-events-list",
    summary="List audit events",
    response_model=Page[AuditEventRead],
    responses=problems(404, codes={404: ["unit_not_found"]}),
)
@exportable
async def list_audit_events(
    events: AuditEvents,
    cursors: Cursors,
    query: Annotated[AuditQuery, Query()],
    _: Principal = Authorize(Permission.AUDIT_READ),
) -> Page[AuditEventRead]:
    """Who did what, when, from where, newest first; events of units outside the jurisdiction are not shown."""
    return await service.list_events(events, query, cursors)
