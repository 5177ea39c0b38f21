"""Every query on the audit log, inside the reader's jurisdiction: an event is visible where its
unit is, and an event of no unit (a nationwide change) only to nationwide readers."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select

from api.audit.schemas import SORTING
from api.core.audit import AuditEvent
from api.core.jurisdiction import Jurisdiction
from api.units.models import Unit
from api.units.scope import UnitScopedRepository, in_jurisdiction

if TYPE_CHECKING:
    from api.audit.schemas import AuditQuery


class AuditEventRepository(UnitScopedRepository[AuditEvent, "AuditQuery"]):
    model = AuditEvent
    sorting = SORTING
    not_found_code = "audit_event_not_found"
    noun = "Audit event"
    unit_columns = (AuditEvent.unit_id,)

    def filter(self, stmt: Select[Any], query: "AuditQuery", named: Mapping[str, Unit]) -> Select[Any]:
        if "within_unit_id" in named:
            within = Jurisdiction(named["within_unit_id"].path)
            stmt = stmt.where(in_jurisdiction(within, AuditEvent.unit_id))
        for column, value in (
            (AuditEvent.actor_id, query.actor_id),
            (AuditEvent.action, query.action),
            (AuditEvent.resource_type, query.resource_type),
            (AuditEvent.resource_id, query.resource_id),
        ):
            if value is not None:
                stmt = stmt.where(column == value)
        if query.since is not None:
            stmt = stmt.where(AuditEvent.occurred_at >= query.since)
        if query.until is not None:
            stmt = stmt.where(AuditEvent.occurred_at < query.until)
        return stmt
