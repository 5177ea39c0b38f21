"""Response and query shapes of /api/v1/audit-events."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from api.core.audit import AuditEvent
from api.core.pagination import PageQuery, SortField, Sorting, sort_parameter
from api.core.schemas import Schema
from api.units.scope import UnitFilter

SORTING = Sorting(
    entity=AuditEvent,
    fields={"id": SortField("id", "id", int)},
    default="-id",
    tiebreak=SortField("id", "id", int),
)


class AuditEventRead(Schema):
    id: int = Field(
        description="Identifier, increasing in the order events were recorded (their order in the "
        "chain is `seq`).",
        examples=[1042],
    )
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
    seq: int | None = Field(
        description="Position in the hash chain; null until the sealer has chained the event "
        "(normally within seconds of the write).",
        examples=[1042],
    )
    hash: str | None = Field(
        description="SHA-256 over the previous event's hash and this event; null until sealed.",
        examples=["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
    )


class AuditQuery(PageQuery):
    sort: str | None = sort_parameter(SORTING)
    actor_id: uuid.UUID | None = Field(None, description="Only this user or API key.")
    action: str | None = Field(None, max_length=64, description="Exactly this action, e.g. `unit.update`.")
    resource_type: str | None = Field(None, max_length=64, description="e.g. `unit`, `user`, `api_key`.")
    resource_id: str | None = Field(None, max_length=64, description="Events about this one object.")
    within_unit_id: UnitFilter = Field(None, description="Only events in this unit's subtree.")
    since: datetime | None = Field(None, description="At or after this time.")
    until: datetime | None = Field(None, description="Before this time.")
