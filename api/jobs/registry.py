"""What each kind of job does: domains register a handler for their kinds when imported, as they
register audit redactions (`api.core.audit.register_redaction`).

A handler is one async function taking the job's `JobContext`; it does its work in units of work
of its own (`context.database.session()`), reports `context.progress`, and returns the job's
result (a JSON object) or raises. A handler may run more than once for one job (a worker lost
mid-job is replaced): it must be idempotent, or all-or-nothing in one transaction.
"""

import importlib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from api.core.db import Database
from api.core.settings import Settings

if TYPE_CHECKING:
    from api.jobs.runner import Progress


class JobError(Exception):
    """A failure a handler explains: its `code` and message become the job's error, and it is not
    retried (the same input would fail the same way). Any other exception is retried."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class JobContext:
    id: uuid.UUID
    kind: str
    params: dict[str, Any]
    attempt: int
    database: Database
    settings: Settings
    progress: "Progress"
    extra: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[JobContext], Awaitable[dict[str, Any] | None]]

_HANDLERS: dict[str, Handler] = {}


def register(kind: str, handler: Handler) -> None:
    """Make `handler` the one that runs jobs of `kind`; a second registration of a kind is a bug."""
    existing = _HANDLERS.get(kind)
    if existing is not None and existing is not handler:
        raise ValueError(f"job kind {kind!r} already has a handler")
    _HANDLERS[kind] = handler


def handler(kind: str) -> Handler | None:
    return _HANDLERS.get(kind)


def kinds() -> list[str]:
    return sorted(_HANDLERS)


def load_handlers(settings: Settings) -> None:
    """Import every module that registers handlers: the built-in kinds, each domain's `jobs.py`
    where it has one, and the settings' extra modules (`QCDC_JOB_MODULES`)."""
    from api.domains import DOMAINS
    from api.jobs import kinds as builtin  # noqa: F401 - registers at import

    for domain in DOMAINS:
        try:
            importlib.import_module(f"api.{domain.package}.jobs")
        except ModuleNotFoundError as missing:
            if missing.name != f"api.{domain.package}.jobs":
                raise
    for name in settings.job_modules:
        importlib.import_module(name)
