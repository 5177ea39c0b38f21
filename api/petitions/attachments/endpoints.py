"""HTTP routes of /api/v1/petitions/{petition_id}/attachments (included by the petitions router)."""

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request, Response, status

from api.core import filetypes
from api.core.access import Authorize, Principal
from api.core.etag import IfMatch
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.settings import Settings
from api.core.storage import Storage
from api.core.text import fold
from api.core.unit_of_work import AfterTransaction, Session, UnitOfWorkRoute, audited_read
from api.petitions.attachments import service
from api.petitions.attachments.schemas import AttachmentRead, AttachmentUpload
from api.petitions.dependencies import NOT_HANDLING_UNIT, CurrentPetition, PetitionForUpdate

# The path the body-size middleware lets carry a file (see `upload_body_limit`).
UPLOAD_PATH = r"/petitions/[^/]+/attachments"
# Room for the multipart envelope around the file: boundaries, part headers, the other fields.
MULTIPART_ENVELOPE = 64 * 1024

router = APIRouter(prefix="/{petition_id:uuid}/attachments", route_class=UnitOfWorkRoute)
WRITER = Authorize(Permission.PETITIONS_WRITE)
READER = Authorize(Permission.PETITIONS_READ)
WRITE_ERRORS = {403: NOT_HANDLING_UNIT}
ATTACHMENT_NOT_FOUND = {404: ["petition_not_found", "attachment_not_found"]}


def upload_body_limit(settings: Settings) -> int:
    return settings.attachment_max_bytes + MULTIPART_ENVELOPE


async def _storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Files = Annotated[Storage, Depends(_storage)]
AppSettings = Annotated[Settings, Depends(_settings)]


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the exact one in RFC 5987 form, which every
    current browser prefers: `Quyết định 12.pdf` arrives as written."""
    ascii_name = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in fold(filename))
    exact = quote(filename, safe="!#$&+-.^_`|~")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{exact}"


@router.post(
    "",
    operation_id="petitions-attachments-create",
    summary="Attach a file to a petition",
    status_code=status.HTTP_201_CREATED,
    response_model=AttachmentRead,
    responses=problems(
        403,
        404,
        413,
        415,
        422,
        codes={
            **WRITE_ERRORS,
            404: ["petition_not_found"],
            413: ["payload_too_large"],
            415: ["unsupported_file_type"],
            422: ["empty_file", "idempotency_key_reused"],
        },
    ),
)
async def create_attachment(
    session: Session,
    after_transaction: AfterTransaction,
    files: Files,
    settings: AppSettings,
    response: Response,
    # A dependency, so that a case one cannot change answers 404 or 403 before the upload is
    # validated, whatever the body.
    petition: PetitionForUpdate,
    form: Annotated[AttachmentUpload, Form(media_type="multipart/form-data")],
    principal: Principal = WRITER,
) -> AttachmentRead:
    """Upload a scan or a document of the case (multipart form: `file`, optional `confidential`).
    Only the handling unit's principals attach files. The answer gives the file's detected type,
    size and SHA-256; a name ending that does not fit the type gets the right one added."""
    limit = settings.attachment_max_bytes
    attachment = await service.attach(
        session,
        principal,
        files,
        after_transaction,
        petition,
        data=await form.file.read(limit + 1),
        filename=form.file.filename,
        declared_type=form.file.content_type,
        confidential=form.confidential,
        max_bytes=limit,
    )
    response.headers["Location"] = f"/api/v1/petitions/{petition.id}/attachments/{attachment.id}"
    return AttachmentRead.model_validate(attachment)


@router.get(
    "",
    operation_id="petitions-attachments-list",
    summary="List a petition's files",
    response_model=list[AttachmentRead],
    responses=problems(404, codes={404: ["petition_not_found"]}),
)
@audited_read
async def list_petition_attachments(
    session: Session, petition: CurrentPetition, principal: Principal = READER
) -> list[AttachmentRead]:
    """The case's files, oldest first. Confidential ones are listed only to holders of
    `petitions:confidential`, and such a listing is written to the audit log."""
    return [
        AttachmentRead.model_validate(a) for a in await service.list_attachments(session, principal, petition)
    ]


@router.get(
    "/{attachment_id:uuid}",
    operation_id="petitions-attachments-get",
    summary="Download a petition's file",
    response_class=Response,
    responses={
        200: {
            "description": "The file's bytes, with the type detected at upload (`application/pdf`, "
            "`image/png`, `image/jpeg`, `image/tiff`, DOCX, XLSX or `text/plain; charset=utf-8`).",
            # Served with the type detected at upload, one of these.
            "content": {
                t.content_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                for t in filetypes.ACCEPTED
            },
            "headers": {
                "ETag": {"description": "The file's SHA-256, quoted.", "schema": {"type": "string"}},
                "Content-Disposition": {
                    "description": "`attachment`, with the name in RFC 5987 form (`filename*`).",
                    "schema": {"type": "string"},
                },
            },
        },
        **problems(404, 500, codes={**ATTACHMENT_NOT_FOUND, 500: ["attachment_corrupted"]}),
    },
)
@audited_read
async def download_attachment(
    session: Session,
    files: Files,
    petition: CurrentPetition,
    attachment_id: uuid.UUID,
    principal: Principal = READER,
) -> Response:
    """The file as uploaded, always as a download (never rendered in the page). A confidential
    file is served only to holders of `petitions:confidential` (404 to anyone else), and only
    once the read is in the audit log."""
    found = await service.download(session, principal, files, petition, attachment_id)
    attachment = found.attachment
    return Response(
        content=found.data,
        media_type=attachment.content_type,
        headers={
            "Content-Disposition": content_disposition(attachment.filename),
            "ETag": service.file_etag(attachment),
            "X-Content-Type-Options": "nosniff",
            # A confidential file must not linger in a shared cache or the browser's.
            "Cache-Control": "no-store" if attachment.confidential else "private, no-cache",
        },
    )


@router.delete(
    "/{attachment_id:uuid}",
    operation_id="petitions-attachments-delete",
    summary="Remove a petition's file",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(403, 404, 412, codes={**WRITE_ERRORS, **ATTACHMENT_NOT_FOUND}),
)
async def delete_attachment(
    session: Session,
    after_transaction: AfterTransaction,
    files: Files,
    petition: PetitionForUpdate,
    attachment_id: uuid.UUID,
    if_match: IfMatch = None,
    principal: Principal = WRITER,
) -> Response:
    """Remove a file attached by mistake (the handling unit only; a confidential one only with
    `petitions:confidential`). The removal is in the case's events and the audit log. `If-Match`
    takes the file's `ETag` (from its download)."""
    await service.detach(session, principal, files, after_transaction, petition, attachment_id, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
