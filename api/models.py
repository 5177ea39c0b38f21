"""Every table's model, imported so that Alembic and the tests see the whole schema."""

from api.auth.models import ApiKey, RefreshToken, User
from api.core.audit import AuditEvent
from api.core.db import Base
from api.core.idempotency import IdempotencyRecord
from api.core.throttle import RateLimitCounter
from api.units.models import LineageEdge, Reorganization, Unit

metadata = Base.metadata

__all__ = [
    "ApiKey",
    "AuditEvent",
    "IdempotencyRecord",
    "LineageEdge",
    "RateLimitCounter",
    "RefreshToken",
    "Reorganization",
    "Unit",
    "User",
    "metadata",
]
