"""Every table's model, imported so that Alembic and the tests see the whole schema."""

from api.core.db import Base
from api.core.idempotency import IdempotencyRecord
from api.core.throttle import RateLimitCounter
from api.units.models import LineageEdge, Reorganization, Unit

metadata = Base.metadata

__all__ = ["IdempotencyRecord", "LineageEdge", "RateLimitCounter", "Reorganization", "Unit", "metadata"]
