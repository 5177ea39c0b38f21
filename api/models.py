"""Every table, for Alembic and the tests: the kernel's own and each domain's (api/domains.py)."""

from api.core import audit, idempotency, throttle  # noqa: F401 - the kernel's tables
from api.core.db import Base
from api.domains import DOMAINS

for _domain in DOMAINS:
    if _domain.has_models:
        _domain.module("models")

metadata = Base.metadata
