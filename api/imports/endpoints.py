"""HTTP routes of /api/v1/imports: submit a file to import, as a job."""

import os
import uuid
from typing import IO, Annotated, Any

from fastapi import APIRouter, Form, Path, Response, status

from api.core.access import Authenticated, AuthorizeAny, Principal
from api.core.errors import NotFound
from api.core.files import MULTIPART_ENVELOPE, AppSettings, Files, content_disposition
from api.core.responses import problems
from api.core.settings import Settings
from api.core.unit_of_work import AfterTransaction, Session, UnitOfWorkRoute
from api.imports import service, templates
from api.imports.schemas import ImportUpload
from api.jobs import queue
from api.jobs.schemas import JobRead

router = APIRouter(prefix="/imports", tags=["imports"], route_class=UnitOfWorkRoute)

# The route that takes a file, and its own body limit (`Domain.upload_paths`, `upload_limit`).
UPLOAD_PATHS = ("/imports",)


def upload_limit(settings: Settings) -> int:
    return settings.import_max_bytes + MULTIPART_ENVELOPE


def _size(file: IO[bytes]) -> int:
    """The size of the file the server spooled (read from its end, not by reading it)."""
    return file.seek(0, os.SEEK_END)


@router.post(
    "",
    operation_id="imports-create",
    summary="Import a file",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobRead,
    responses=problems(
        403,
        413,
        415,
        422,
        codes={
            403: ["permission_denied"],
            413: ["payload_too_large", "zip_bomb"],
            415: ["unsupported_import_format", "unreadable_file"],
            422: ["unknown_import_resource", "empty_file", "idempotency_key_reused"],
        },
    ),
)
async def create_import(
    session: Session,
    after_transaction: AfterTransaction,
    storage: Files,
    settings: AppSettings,
    response: Response,
    form: Annotated[ImportUpload, Form(media_type="multipart/form-data")],
    principal: Principal = AuthorizeAny(*service.write_permissions()),
) -> JobRead:
    """Upload an XLSX, CSV or NDJSON file of a resource's records (multipart form: `file`,
    `resource`, `mode`, `dry_run`): it is checked (size, format), stored, and imported by a job
    acting with the caller's rights, which need the resource's write permission (`units:write`,
    `petitions:write`, `receptions:write`).
    The answer is the job (`Location`: `/api/v1/jobs/{id}`); its result counts the rows created,
    updated, unchanged and failed, the columns converted from a legacy encoding, and the errors
    per row and column (docs/imports.md)."""
    upload = service.Incoming(form.file.file, _size(form.file.file), form.file.filename)
    job = await service.submit(
        session,
        principal,
        storage,
        after_transaction,
        settings,
        upload,
        resource=form.resource,
        mode=form.mode,
        dry_run=form.dry_run,
    )
    job_id = job.id
    after_transaction(lambda: queue.enqueue(settings, job_id))
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return JobRead.of(job)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The XLSX template: the columns' Vietnamese headers, drop-down lists for fixed values and "
        "an example row on the first sheet, each column explained on the second.",
        "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
        "headers": {
            "Content-Disposition": {
                "description": '`attachment; filename="mau-nhap-<resource>.xlsx"`.',
                "schema": {"type": "string"},
            }
        },
    }
}


@router.get(
    "/templates/{resource}.xlsx",
    operation_id="imports-templates-get",
    summary="Download an import template",
    response_class=Response,
    responses={**TEMPLATE, **problems(404, codes={404: ["unknown_import_resource"]})},
)
async def get_template(
    resource: Annotated[str, Path(description="The resource the template imports.", examples=["units"])],
    _: Principal = Authenticated(),
) -> Response:
    """The XLSX template of a resource's import, to fill in and upload as it is: Vietnamese headers
    (English ones are accepted too), drop-down lists for fixed values, an example row to replace,
    and a second sheet explaining each column."""
    mapping = service.mapping_for(resource)
    if mapping is None:
        raise NotFound(f"Nothing imports {resource!r}.", code="unknown_import_resource")
    return Response(
        content=templates.template(mapping),
        media_type=XLSX,
        headers={
            "Content-Disposition": content_disposition(f"mau-nhap-{resource}.xlsx"),
            "Cache-Control": "private, no-cache",
        },
    )


@router.get(
    "/{job_id:uuid}/errors.xlsx",
    operation_id="imports-errors-get",
    summary="Download an import's error report",
    response_class=Response,
    responses={
        200: {
            **TEMPLATE[200],
            "description": "The rows that failed, as the file had them, each bad cell "
            "highlighted with its message as a comment, and the row's messages in a last column.",
        },
        **problems(404, 409, codes={404: ["job_not_found"], 409: ["import_report_unavailable"]}),
    },
)
async def get_error_report(
    session: Session,
    storage: Files,
    settings: AppSettings,
    job_id: uuid.UUID,
    principal: Principal = Authenticated(),
) -> Response:
    """The error report of one's own finished import as XLSX: fix the cells shown and upload the
    file again (the messages' column is ignored). Another principal's job is a 404."""
    data, filename = await service.error_report(session, principal, storage, settings, job_id)
    return Response(
        content=data,
        media_type=XLSX,
        headers={"Content-Disposition": content_disposition(filename), "Cache-Control": "private, no-cache"},
    )
