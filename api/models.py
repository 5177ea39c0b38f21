"""Every table's model, imported so that Alembic and the tests see the whole schema."""

from api.auth.models import ApiKey, RefreshToken, User
from api.calendar.models import CalendarDay
from api.core.audit import AuditEvent
from api.core.db import Base
from api.core.idempotency import IdempotencyRecord
from api.core.throttle import RateLimitCounter
from api.petitions.attachments.models import Attachment
from api.petitions.categories.models import PetitionCategory
from api.petitions.deadline_rules.models import DeadlineRule
from api.petitions.models import (
    DenouncerIdentity,
    Petition,
    PetitionDeadline,
    Petitioner,
    PetitionEvent,
    PetitionLink,
    ReferenceCounter,
)
from api.receptions.models import ReceptionSession
from api.units.models import LineageEdge, Reorganization, Unit

metadata = Base.metadata

__all__ = [
    "ApiKey",
    "Attachment",
    "AuditEvent",
    "CalendarDay",
    "DeadlineRule",
    "DenouncerIdentity",
    "IdempotencyRecord",
    "LineageEdge",
    "Petition",
    "PetitionCategory",
    "PetitionDeadline",
    "PetitionEvent",
    "PetitionLink",
    "Petitioner",
    "RateLimitCounter",
    "ReceptionSession",
    "ReferenceCounter",
    "RefreshToken",
    "Reorganization",
    "Unit",
    "User",
    "metadata",
]
