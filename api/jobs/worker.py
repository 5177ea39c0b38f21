"""`qcdc worker`: the queue's worker, and the sweep that finds lost jobs again.

The sweep runs when the worker starts and then every `QCDC_JOB_STALE_SECONDS / 2`: it asks the
queue library to retry what it knows a dead worker held (procrastinate's stalled jobs), then hands
back every unfinished job of the `jobs` table that nobody is working on (`queue.orphans`).
"""

import asyncio
import gc
import threading
from contextlib import AbstractAsyncContextManager

import structlog

from api.core.access import SYSTEM
from api.core.background import beside
from api.core.db import Database, create_engine
from api.core.settings import Settings
from api.jobs import queue as queues
from api.jobs import registry, runner, service
from api.jobs.kinds import PURGE_EXPIRED

log = structlog.get_logger(__name__)


async def sweep_once(q: queues.Queue, database: Database, settings: Settings) -> int:
    """Hand lost jobs back to the queue; how many."""
    stalled = await q.recover_stalled()
    found = await queues.orphans(database, settings, await q.pending_ids())
    lost = await queues.requeue(database, settings, found)
    for job_id in lost:
        await q.enqueue(job_id)
    if stalled or lost:
        log.warning("jobs_recovered", stalled=stalled, requeued=[str(i) for i in lost])
    return stalled + len(lost)


async def _sweep_forever(q: queues.Queue, database: Database, settings: Settings) -> None:
    while True:
        try:
            await sweep_once(q, database, settings)
        except Exception:  # the database may be restarting: the next sweep tries again
            log.warning("jobs_sweep_failed", exc_info=True)
        await asyncio.sleep(settings.job_stale_seconds / 2)


def sweeping(q: queues.Queue, database: Database, settings: Settings) -> AbstractAsyncContextManager[None]:
    """The sweep, beside the queue's worker while it works."""
    return beside(_sweep_forever(q, database, settings), "jobs-sweep")


async def purge_expired_now(database: Database, settings: Settings) -> None:
    """The daily purge, as the periodic task runs it: a job row (so it shows in GET /jobs and its
    outcome is kept), run at once in this worker."""
    async with database.session() as session:
        job = await service.submit(session, SYSTEM, PURGE_EXPIRED)
    await runner.run(database, settings, job.id)


def _sweep_in_thread(q: queues.Queue, settings: Settings) -> threading.Thread:
    """huey's consumer owns the main thread (its signal handlers): the sweep runs beside it in a
    thread with an event loop of its own."""

    async def forever() -> None:
        database = Database(create_engine(settings))
        try:
            await _sweep_forever(q, database, settings)
        finally:
            await database.dispose()

    thread = threading.Thread(target=lambda: asyncio.run(forever()), name="jobs-sweep", daemon=True)
    thread.start()
    return thread


def _settle_heap() -> None:
    """Tune the cyclic garbage collector for long jobs. What is loaded by now (the framework,
    the models, the queue library) lives as long as the worker: frozen, the collector stops
    scanning it (as the API's workers do, api/main.py). And an import's batch keeps some
    hundred thousand objects alive for a second: with the default first threshold (700) they
    were promoted to the oldest generation and each batch set off a full collection, a sixth of
    a petition import's time (gc.callbacks, bench/README.md); collected ten thousand allocations
    at a time, most die young."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def run_worker(settings: Settings) -> None:
    """Work until SIGINT or SIGTERM."""
    registry.load_handlers(settings)
    q = queues.queue_for(settings)
    _settle_heap()
    log.info("jobs_worker_started", kinds=registry.kinds(), **queues.describe(settings))
    if isinstance(q, queues.HueyQueue):
        _sweep_in_thread(q, settings)
    q.run_worker(purge_expired_now)
