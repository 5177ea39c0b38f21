"""GET /api/v1/audit-events: the log of every write, for administrators and steering committees,
inside their jurisdiction.

It reads across domains (an event may name a case of another jurisdiction), so it sits above them
like a report: it asks the petitions domain what a reader may see of a link."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field
from sqlalchemy import Select, select

from api.core.access import Authorize, Principal
from api.core.audit import AuditEvent
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import Cursors, PageQuery, SortField, Sorting, paginate
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.schemas import Page, Schema
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.petitions.service import link_audit_changes
from api.units.repository import UnitRepository, in_jurisdiction

router = APIRouter(prefix="/audit-events", tags=["audit"], route_class=UnitOfWorkRoute)

SORTING = Sorting(
    entity=AuditEvent,
    fields={"id": SortField("id", "id", int)},
    default="-id",
    tiebreak=SortField("id", "id", int),
)


class AuditEventRead(Schema):
    id: int = Field(description="Position in the chain.", examples=[1042])
    occurred_at: datetime = Field(examples=["2026-11-22T08:15:00Z"])
    actor_type: str = Field(description="user, api_key, anonymous or system.", examples=["user"])
    actor_id: uuid.UUID | None = Field(examples=["3b2a9c1e-7f4d-4e8a-9b0c-1d2e3f4a5b6c"])
    actor_name: str | None = Field(examples=["canbo.thucphan"])
    action: str = Field(
        description="`<resource>.<verb>`, e.g. unit.update, auth.sign_in.", examples=["unit.update"]
    )
    resource_type: str = Field(examples=["unit"])
    resource_id: str | None = Field(examples=["0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"])
    unit_id: uuid.UUID | None = Field(
        description="The unit whose jurisdiction the event falls in.",
        examples=["0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11"],
    )
    request_id: str | None = Field(examples=["b1946ac92492d2347c6235b4d2611184"])
    client_address: str | None = Field(examples=["203.113.1.10"])
    changes: dict[str, Any] = Field(
        description="Fields before and after; secrets appear as [redacted]. A petition_link event names "
        "a case outside your jurisdiction by null, flagged `petition_outside_jurisdiction` or "
        "`other_outside_jurisdiction`.",
        examples=[{"before": {"name": "Xóm Nà Cạn"}, "after": {"name": "Xóm Nà Pồng"}}],
    )
    hash: str = Field(
        description="SHA-256 over the previous event's hash and this event.",
        examples=["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
    )


class AuditQuery(PageQuery):
    actor_id: uuid.UUID | None = Field(None, description="Only this user or API key.")
    action: str | None = Field(None, max_length=64, description="Exactly this action, e.g. `unit.update`.")
    resource_type: str | None = Field(None, max_length=64, description="e.g. `unit`, `user`, `api_key`.")
    resource_id: str | None = Field(None, max_length=64, description="Events about this one object.")
    within_unit_id: uuid.UUID | None = Field(None, description="Only events in this unit's subtree.")
    since: datetime | None = Field(None, description="At or after this time.")
    until: datetime | None = Field(None, description="Before this time.")


def _filtered(principal: Principal, q: AuditQuery, within_path: str | None) -> Select[AuditEvent]:
    stmt = select(AuditEvent)
    if not principal.jurisdiction.nationwide:
        stmt = stmt.where(in_jurisdiction(principal.jurisdiction, AuditEvent.unit_id))
    if within_path is not None:
        stmt = stmt.where(in_jurisdiction(Jurisdiction(within_path), AuditEvent.unit_id))
    for column, value in (
        (AuditEvent.actor_id, q.actor_id),
        (AuditEvent.action, q.action),
        (AuditEvent.resource_type, q.resource_type),
        (AuditEvent.resource_id, q.resource_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if q.since is not None:
        stmt = stmt.where(AuditEvent.occurred_at >= q.since)
    if q.until is not None:
        stmt = stmt.where(AuditEvent.occurred_at < q.until)
    return stmt


@router.get(
    "",
    operation_id="audit-list",
    summary="List audit events",
    response_model=Page[AuditEventRead],
    responses=problems(400, 404, 422),
)
async def list_audit_events(
    session: Session,
    cursors: Cursors,
    query: Annotated[AuditQuery, Query()],
    principal: Principal = Authorize(Permission.AUDIT_READ),
) -> Page[AuditEventRead]:
    """Who did what, when, from where, newest first; events of units outside the jurisdiction are not shown."""
    within = None
    if query.within_unit_id is not None:
        within = (await UnitRepository(session, principal.jurisdiction).get(query.within_unit_id)).path
    stmt = _filtered(principal, query, within)
    page = await paginate(session, stmt, SORTING, query, cursors)
    page["items"] = await _as_seen(session, principal, page["items"])
    return Page[AuditEventRead](**page)


async def _as_seen(session: Session, principal: Principal, rows: list[AuditEvent]) -> list[AuditEventRead]:
    """The events as the reader may see them: a link between two cases, one of them outside the
    jurisdiction, does not name that one (the stored event, hash-chained, is left as it is)."""
    items = [AuditEventRead.model_validate(r) for r in rows]
    links = [i for i in items if i.resource_type == "petition_link"]
    if principal.jurisdiction.nationwide or not links:
        return items
    seen = await link_audit_changes(session, principal.jurisdiction, [i.changes for i in links])
    redacted = {id(i): changes for i, changes in zip(links, seen, strict=True)}
    return [i.model_copy(update={"changes": redacted[id(i)]}) if id(i) in redacted else i for i in items]
