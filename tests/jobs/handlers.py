"""Job kinds for the tests only: the worker processes of the fault test import this module
(`QCDC_JOB_MODULES`), the in-process tests import it too."""

import asyncio
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from api.core.audit import AuditEvent
from api.jobs import registry
from api.jobs.models import Job
from api.jobs.registry import JobContext, JobError

COUNT = "test_count"
FLAKY = "test_flaky"
FAIL = "test_fail"
REFUSE = "test_refuse"
WAIT_FOR_MARKER = "test_wait_for_marker"


async def count(context: JobContext) -> dict[str, Any]:
    """Count to `rows`, a step every `pause` seconds, reporting progress."""
    rows = int(context.params.get("rows", 3))
    await context.progress.set(0, rows, force=True)
    for _ in range(rows):
        await asyncio.sleep(float(context.params.get("pause", 0)))
        await context.progress.advance()
    return {"rows": rows}


async def flaky(context: JobContext) -> dict[str, Any]:
    if context.attempt < int(context.params["succeed_on"]):
        raise RuntimeError(f"attempt {context.attempt} fails")
    return {"attempt": context.attempt}


async def fail(context: JobContext) -> dict[str, Any]:
    raise RuntimeError("boom")


async def refuse(context: JobContext) -> dict[str, Any]:
    raise JobError("test_bad_input", "The input cannot be read.")


async def wait_for_marker(context: JobContext) -> dict[str, Any]:
    """Say it started, wait until the test creates the marker, then write its one effect: a line
    appended to `effects` (a job run twice to the end would leave two)."""
    folder = Path(context.params["dir"])
    (folder / f"started-{context.attempt}").touch()
    marker = folder / "marker"
    for _ in range(600):
        if marker.exists():
            break
        await asyncio.sleep(0.05)
    else:
        raise RuntimeError("the marker never came")
    with (folder / "effects").open("a") as effects:
        effects.write(f"{context.id} attempt {context.attempt}\n")
    return {"attempt": context.attempt}


for kind, handle in {
    COUNT: count,
    FLAKY: flaky,
    FAIL: fail,
    REFUSE: refuse,
    WAIT_FOR_MARKER: wait_for_marker,
}.items():
    registry.register(kind, handle)


async def forget_test_jobs(backend: Any) -> None:
    """Delete the test jobs a test committed for real, and their (unsealed) audit events, which
    would otherwise count in the audit log's tests."""
    async with backend.engine.begin() as conn:
        ids = select(Job.id).where(Job.kind.like("test_%"))
        as_text = [str(job_id) for job_id in await conn.scalars(ids)]
        await conn.execute(
            delete(AuditEvent).where(
                AuditEvent.resource_type == "job",
                AuditEvent.resource_id.in_(as_text),
                AuditEvent.seq.is_(None),
            )
        )
        await conn.execute(delete(Job).where(Job.kind.like("test_%")))
