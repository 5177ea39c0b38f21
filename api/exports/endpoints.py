"""HTTP routes of /api/v1/exports: a list too large for a request, exported by a job."""

import uuid
from typing import Any

from fastapi import APIRouter, Request, Response, status
from starlette.responses import StreamingResponse

from api.core.access import Authenticated, Principal
from api.core.exports import MEDIA_TYPES
from api.core.files import AppSettings, Files, content_disposition
from api.core.responses import problems
from api.core.unit_of_work import AfterTransaction, Session, UnitOfWorkRoute
from api.exports import service
from api.exports.schemas import ExportCreate
from api.jobs import queue
from api.jobs.schemas import JobRead

router = APIRouter(prefix="/exports", tags=["exports"], route_class=UnitOfWorkRoute)


@router.post(
    "",
    operation_id="exports-create",
    summary="Export a large list as a job",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobRead,
    responses=problems(
        403,
        422,
        codes={
            403: ["permission_denied"],
            422: ["not_exportable", "export_too_large", "validation_failed", "idempotency_key_reused"],
        },
    ),
)
async def create_export(
    body: ExportCreate,
    request: Request,
    session: Session,
    after_transaction: AfterTransaction,
    settings: AppSettings,
    response: Response,
    principal: Principal = Authenticated(),
) -> JobRead:
    """Export any list, with the filters and sort of its page, when it holds more rows than a
    request answers as a file (`QCDC_EXPORT_SYNC_MAX_ROWS`, 422 `export_too_large` there): the job
    walks the list as the caller, in constant memory, and its result links the file
    (`GET /api/v1/exports/{job_id}/file`). The list is asked at once for its total, as the caller:
    a filter it refuses or a permission the caller lacks is answered here with the list's own
    problem. Follow the job at `Location` (`/api/v1/jobs/{id}`, or its events)."""
    job = await service.submit(session, request.app, settings, principal, body)
    job_id = job.id
    after_transaction(lambda: queue.enqueue(settings, job_id))
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return JobRead.of(job)


FILE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The exported file, as the list's own export writes it (docs/exports.md).",
        "content": {
            media: {"schema": {"type": "string", "format": "binary"}} for media in MEDIA_TYPES.values()
        },
        "headers": {
            "Content-Disposition": {
                "description": '`attachment; filename="<list>-<yyyymmdd>.<format>"`.',
                "schema": {"type": "string"},
            }
        },
    }
}


@router.get(
    "/{job_id:uuid}/file",
    operation_id="exports-file-get",
    summary="Download an export job's file",
    response_class=Response,
    responses={**FILE, **problems(404, 409, codes={404: ["job_not_found"], 409: ["export_not_ready"]})},
)
async def get_export_file(
    session: Session, storage: Files, job_id: uuid.UUID, principal: Principal = Authenticated()
) -> StreamingResponse:
    """The file of one's own finished export, streamed. Another principal's job is a 404; a job
    still running, failed, or whose file the daily purge has deleted is a 409."""
    key, filename, media_type = await service.download(session, principal, storage, job_id)
    return StreamingResponse(
        storage.stream(key),
        media_type=media_type,
        headers={"Content-Disposition": content_disposition(filename), "Cache-Control": "private, no-cache"},
    )
