"""The `export` job: walk the asker's list into a file, as the asker (docs/exports.md)."""

from typing import Any

from api.core.exports import JobExport
from api.exports import service
from api.exports.service import EXPORT
from api.jobs import registry
from api.jobs.asker import asker
from api.jobs.registry import JobContext


async def run_export(context: JobContext) -> dict[str, Any]:
    params = context.params
    principal = await asker(
        context,
        "export_asker_gone",
        "The account or API key that asked for this export is disabled, revoked or expired. "
        "(Tài khoản hoặc khóa API đã yêu cầu xuất dữ liệu không còn hiệu lực.)",
    )
    rows = 0

    async def progress(done: int, total: int) -> None:
        nonlocal rows
        rows = done
        await context.progress.set(done, total)

    await context.progress.set(0, int(params.get("total") or 0), force=True)
    app = service.in_process_app(context.settings, context.database)
    size = await service.write_file(
        app, principal, context.settings, params, JobExport(context.settings.export_job_max_rows, progress)
    )
    await context.progress.set(rows, rows, force=True)
    return {
        "rows": rows,
        "format": params["format"],
        "filename": service.filename(str(params["path"]), str(params["format"])),
        "size": size,
        "download": f"/api/v1/exports/{context.id}/file",
    }


registry.register(EXPORT, run_export)
