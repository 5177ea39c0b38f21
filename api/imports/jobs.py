"""The `import` job: read the stored file, run it through its resource's mapping as its asker, and
report (docs/imports.md)."""

from typing import Any

import anyio

from api.core import audit
from api.core.access import Principal
from api.core.importing import Importer
from api.core.shared_cache import SESSION_KEY as CACHE_SESSION_KEY
from api.core.shared_cache import ProcessCache
from api.core.storage import local_storage
from api.imports import service
from api.imports.readers import FileRefused, decode
from api.imports.service import IMPORT, ImportMode, Report
from api.jobs import registry
from api.jobs.asker import asker
from api.jobs.registry import JobContext, JobError


class _Discard(Exception):
    """Raised out of the import's unit of work to roll it back (a dry run, or a failed `all`)."""

    def __init__(self, report: Report) -> None:
        super().__init__("discarded")
        self.report = report


def _refused(error: FileRefused) -> JobError:
    return JobError(error.code, f"{error.message_en} ({error.message_vi})")


async def _asker(context: JobContext) -> Principal:
    return await asker(
        context,
        "import_asker_gone",
        "The account or API key that asked for this import is disabled, revoked or expired. "
        "(Tài khoản hoặc khóa API đã yêu cầu nhập dữ liệu không còn hiệu lực.)",
    )


async def run_import(context: JobContext) -> dict[str, Any]:
    params = context.params
    mapping = service.mapping_for(str(params.get("resource")))
    if mapping is None:
        raise JobError("unknown_import_resource", f"Nothing imports {params.get('resource')!r}.")
    principal = await _asker(context)
    if not principal.can(mapping.permission):
        raise JobError(
            "permission_denied",
            f"The asker no longer holds {mapping.permission.value}. "
            f"(Người yêu cầu không còn quyền {mapping.permission.value}.)",
        )
    settings = context.settings
    path = local_storage(settings.data_dir).path_of(str(params["storage_key"]))
    try:
        # Read in a thread: a big file's first pass (counting its rows, sampling its columns)
        # takes a while, and the job's heartbeat beats on.
        decoded = await anyio.to_thread.run_sync(decode, path, service.limits(settings))
    except FileRefused as error:
        raise _refused(error) from error
    await context.progress.set(0, decoded.total, force=True)
    # On SQLite the import's transaction holds the one write lock from its first statement:
    # progress written beside it would wait for its end, so there it is written before and after.
    live = not settings.is_sqlite

    async def progress(done: int, total: int) -> None:
        if live:
            await context.progress.set(done, total)

    try:
        async with context.database.session() as session:
            audit.set_actor(session, audit.Actor(principal.kind, principal.id, principal.name))
            # The units, rules, calendar and categories the rows name, read once for the file.
            session.sync_session.info[CACHE_SESSION_KEY] = ProcessCache.for_one_transaction()
            report = await service.run(
                Importer(session, principal, settings),
                mapping,
                decoded,
                mode=ImportMode(params.get("mode", ImportMode.ALL)),
                dry_run=bool(params.get("dry_run", False)),
                progress=progress,
            )
            if not report.applied:
                raise _Discard(report)
    except _Discard as discarded:
        report = discarded.report
    except FileRefused as error:
        raise _refused(error) from error
    await context.progress.set(decoded.total, decoded.total, force=True)
    return report.as_dict()


registry.register(IMPORT, run_import)
