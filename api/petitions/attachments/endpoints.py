"""HTTP routes of /api/v1/petitions/{petition_id}/attachments (included by the petitions router)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Response, status

from api.core import files
from api.core.access import Authorize, Principal
from api.core.etag import IfMatch
from api.core.files import MULTIPART_ENVELOPE, UPLOAD_CODES, AppSettings, Files, read_upload
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.unit_of_work import AfterTransaction, Session, UnitOfWorkRoute, audited_read
from api.petitions.attachments import service
from api.petitions.attachments.schemas import AttachmentRead, AttachmentUpload
from api.petitions.dependencies import NOT_HANDLING_UNIT, CurrentPetition, PetitionForUpdate

# The path the body-size middleware lets carry a file (`api.core.files.upload_body_limit`).
UPLOAD_PATH = r"/petitions/[^/]+/attachments"
__all__ = ["MULTIPART_ENVELOPE", "UPLOAD_PATH", "router"]

router = APIRouter(prefix="/{petition_id:uuid}/attachments", route_class=UnitOfWorkRoute)
WRITER = Authorize(Permission.PETITIONS_WRITE)
READER = Authorize(Permission.PETITIONS_READ)
WRITE_ERRORS = {403: NOT_HANDLING_UNIT}
ATTACHMENT_NOT_FOUND = {404: ["petition_not_found", "attachment_not_found"]}


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
            **UPLOAD_CODES,
        },
    ),
)
async def create_attachment(
    session: Session,
    after_transaction: AfterTransaction,
    storage: Files,
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
    attachment = await service.attach(
        session,
        principal,
        storage,
        after_transaction,
        petition,
        await read_upload(form, settings),
        confidential=form.confidential,
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
        **files.DOWNLOADED,
        **problems(404, 500, codes={**ATTACHMENT_NOT_FOUND, 500: ["attachment_corrupted"]}),
    },
)
@audited_read
async def download_attachment(
    session: Session,
    storage: Files,
    petition: CurrentPetition,
    attachment_id: uuid.UUID,
    principal: Principal = READER,
) -> Response:
    """The file as uploaded, always as a download (never rendered in the page). A confidential
    file is served only to holders of `petitions:confidential` (404 to anyone else), and only
    once the read is in the audit log."""
    found = await service.download(session, principal, storage, petition, attachment_id)
    attachment = found.attachment
    # A confidential file must not linger in a shared cache or the browser's.
    return files.download(
        attachment, found.data, cache_control="no-store" if attachment.confidential else "private, no-cache"
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
    storage: Files,
    petition: PetitionForUpdate,
    attachment_id: uuid.UUID,
    if_match: IfMatch = None,
    principal: Principal = WRITER,
) -> Response:
    """Remove a file attached by mistake (the handling unit only; a confidential one only with
    `petitions:confidential`). The removal is in the case's events and the audit log. `If-Match`
    takes the file's `ETag` (from its download)."""
    await service.detach(session, principal, storage, after_transaction, petition, attachment_id, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
