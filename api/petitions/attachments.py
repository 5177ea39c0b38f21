"""Files of a case (scans of the letter, decisions, minutes): their use cases and routes.

The bytes go to the app's storage (`app.state.storage`) under a random key; the row says what the
file is. The type is read from the content (`api.core.filetypes`), never from the name.

A *confidential* file — a denouncer's handwriting or identity papers — is uploaded by whoever
records the case (the receiving officer scans it), but only holders of `petitions:confidential`
see it in a list or download it; to anyone else it does not exist (404). Every read of one is
written to the audit log, committed before the bytes leave (the list and download routes are
`audited_read`; Law on Denunciations 2018, Art. 9 and 56).
Nothing is marked confidential by default, even on a denunciation: the one who uploads decides,
file by file, because a denunciation's decisions and minutes are not secret.
"""

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

import anyio
import structlog
from fastapi import APIRouter, Depends, Form, Request, Response, status
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session as SyncSession

from api.core import audit, clock, filetypes
from api.core.access import Authorize, Principal
from api.core.errors import AppError, FieldError, NotFound, PayloadTooLarge, ValidationFailed
from api.core.etag import IfMatch, check_tag
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.settings import Settings
from api.core.storage import Storage, new_key
from api.core.text import fold
from api.core.unit_of_work import AfterTransaction, Deferred, Session, UnitOfWorkRoute, audited_read
from api.petitions.models import Attachment, Petition, PetitionEvent
from api.petitions.repository import PetitionRepository
from api.petitions.schemas import AttachmentRead, AttachmentUpload

log = structlog.get_logger(__name__)

# The path the body-size middleware lets carry a file (see `upload_body_limit`).
UPLOAD_PATH = r"/petitions/[^/]+/attachments"
# Room for the multipart envelope around the file: boundaries, part headers, the other fields.
MULTIPART_ENVELOPE = 64 * 1024


def upload_body_limit(settings: Settings) -> int:
    return settings.attachment_max_bytes + MULTIPART_ENVELOPE


class AttachmentCorrupted(AppError):
    status = 500
    default_code = "attachment_corrupted"
    title = "Stored file damaged"


@dataclass(frozen=True)
class Download:
    attachment: Attachment
    data: bytes


# Use cases ---------------------------------------------------------------------------------


def _committed(session: AsyncSession) -> Callable[[], bool]:
    """Asked once the request is over: did its transaction commit? (Files are not transactional:
    one stored for a refused upload must go, one of a deletion that rolled back must stay.)"""
    state = {"committed": False}

    def mark(_: SyncSession) -> None:
        state["committed"] = True

    event.listen(session.sync_session, "after_commit", mark)
    return lambda: state["committed"]


def _event(principal: Principal, petition: Petition, action: str, attachment: Attachment) -> PetitionEvent:
    # Never the file name, which can carry a person's name. A confidential file's event says only
    # that one came or went: no id, type or size, so the history shows no more than its 404 does.
    data: dict[str, object] = (
        {"confidential": True}
        if attachment.confidential
        else {
            "attachment_id": str(attachment.id),
            "content_type": attachment.content_type,
            "size": attachment.size,
            "confidential": False,
        }
    )
    return PetitionEvent(
        petition_id=petition.id,
        effective_on=clock.today(),
        action=action,
        from_status=petition.status,
        to_status=petition.status,
        actor_type=principal.kind,
        actor_id=principal.id,
        actor_name=principal.name,
        handling_unit_id=petition.handling_unit_id,
        data=data,
    )


def file_etag(attachment: Attachment) -> str:
    """A file never changes: its digest is its tag."""
    return f'"{attachment.sha256}"'


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _inspect(data: bytes, filename: str, declared_type: str | None) -> tuple[filetypes.FileType, str]:
    return filetypes.detect(data, filename, declared_type), _sha256(data)


async def attach(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after_transaction: Callable[[Deferred], None],
    petition: Petition,
    *,
    data: bytes,
    filename: str | None,
    declared_type: str | None,
    confidential: bool,
    max_bytes: int,
) -> Attachment:
    """Store a file of a case the principal may change (`PetitionRepository.writable`)."""
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"The file exceeds the limit of {max_bytes} bytes.", extra={"max_bytes": max_bytes}
        )
    if not data:
        raise ValidationFailed(
            "The file is empty.",
            code="empty_file",
            errors=[FieldError(field="file", code="empty_file", message="no bytes")],
        )
    name = filetypes.clean_filename(filename)
    # Hashing and unzipping 20 MiB take tens of milliseconds: off the event loop.
    kind, sha256 = await anyio.to_thread.run_sync(_inspect, data, name, declared_type)
    key = new_key()
    await storage.put(key, data)
    committed = _committed(session)

    async def discard_unless_kept() -> None:
        if not committed():
            await storage.delete(key)

    after_transaction(discard_unless_kept)
    attachment = Attachment(
        id=uuid.uuid4(),
        petition_id=petition.id,
        filename=filetypes.with_extension(name, kind),
        content_type=kind.content_type,
        size=len(data),
        sha256=sha256,
        storage_key=key,
        confidential=confidential,
        uploaded_by=principal.name,
    )
    attachment.audit_unit_id = petition.handling_unit_id
    session.add(attachment)
    session.add(_event(principal, petition, "attach", attachment))
    await session.flush()
    return attachment


def _may_see_confidential(principal: Principal) -> bool:
    return principal.can(Permission.PETITIONS_CONFIDENTIAL)


async def _find(
    session: AsyncSession, principal: Principal, petition: Petition, attachment_id: uuid.UUID
) -> Attachment:
    stmt = select(Attachment).where(Attachment.petition_id == petition.id, Attachment.id == attachment_id)
    if not _may_see_confidential(principal):
        stmt = stmt.where(Attachment.confidential.is_(False))
    attachment = await session.scalar(stmt)
    if attachment is None:
        raise NotFound(f"Attachment {attachment_id} does not exist.", code="attachment_not_found")
    attachment.audit_unit_id = petition.handling_unit_id
    return attachment


async def list_attachments(
    session: AsyncSession, principal: Principal, petition_id: uuid.UUID
) -> list[Attachment]:
    """A case's files, oldest first; confidential ones only for holders of `petitions:confidential`
    (and then the read is audited: their names can name the denouncer)."""
    petition = await PetitionRepository(session, principal.jurisdiction).get(petition_id)
    stmt = select(Attachment).where(Attachment.petition_id == petition.id)
    if not _may_see_confidential(principal):
        stmt = stmt.where(Attachment.confidential.is_(False))
    rows = list(await session.scalars(stmt.order_by(Attachment.uploaded_at, Attachment.id)))
    secret = [str(a.id) for a in rows if a.confidential]
    if secret:
        audit.record(
            session,
            "petition.confidential_attachments_listed",
            "petition",
            petition.id,
            petition.handling_unit_id,
            {"after": {"attachment_ids": secret}},
        )
    return rows


async def download(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    petition_id: uuid.UUID,
    attachment_id: uuid.UUID,
) -> Download:
    petition = await PetitionRepository(session, principal.jurisdiction).get(petition_id)
    attachment = await _find(session, principal, petition, attachment_id)
    data = await storage.read(attachment.storage_key)
    if await anyio.to_thread.run_sync(_sha256, data) != attachment.sha256:
        log.error(
            "attachment_corrupted", attachment_id=str(attachment.id), storage_key=attachment.storage_key
        )
        raise AttachmentCorrupted(
            "The stored file no longer matches its digest; it was not sent. Quote the request id to an administrator."
        )
    if attachment.confidential:
        audit.record(
            session,
            "petition_attachment.confidential_read",
            "petition_attachment",
            attachment.id,
            petition.handling_unit_id,
            {"after": {"petition_id": str(petition.id), "sha256": attachment.sha256}},
        )
    return Download(attachment, data)


async def detach(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after_transaction: Callable[[Deferred], None],
    petition_id: uuid.UUID,
    attachment_id: uuid.UUID,
    if_match: str | None = None,
) -> None:
    """Remove a file of a case the principal may change; the bytes go once the removal commits."""
    petition = await PetitionRepository(session, principal.jurisdiction).writable(petition_id)
    attachment = await _find(session, principal, petition, attachment_id)
    check_tag(if_match, file_etag(attachment))
    key = attachment.storage_key
    await session.delete(attachment)
    session.add(_event(principal, petition, "detach", attachment))
    await session.flush()
    committed = _committed(session)

    async def drop_if_removed() -> None:
        if committed():
            await storage.delete(key)

    after_transaction(drop_if_removed)


# Routes ------------------------------------------------------------------------------------

router = APIRouter(prefix="/petitions", tags=["petitions"], route_class=UnitOfWorkRoute)
WRITER = Authorize(Permission.PETITIONS_WRITE)
READER = Authorize(Permission.PETITIONS_READ)
WRITE_ERRORS = {403: ["permission_denied", "not_handling_unit"]}
ATTACHMENT_NOT_FOUND = {404: ["petition_not_found", "attachment_not_found"]}


def _storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


async def _changeable_petition(
    session: Session, petition_id: uuid.UUID, principal: Principal = WRITER
) -> Petition:
    # A dependency, so that a case one cannot change answers 404 or 403 before the upload is
    # validated, whatever the body.
    return await PetitionRepository(session, principal.jurisdiction).writable(petition_id)


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the exact one in RFC 5987 form, which every
    current browser prefers: `Quyết định 12.pdf` arrives as written."""
    ascii_name = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in fold(filename))
    exact = quote(filename, safe="!#$&+-.^_`|~")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{exact}"


@router.post(
    "/{petition_id:uuid}/attachments",
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
    request: Request,
    session: Session,
    after_transaction: AfterTransaction,
    response: Response,
    petition: Annotated[Petition, Depends(_changeable_petition)],
    form: Annotated[AttachmentUpload, Form(media_type="multipart/form-data")],
    principal: Principal = WRITER,
) -> AttachmentRead:
    """Upload a scan or a document of the case (multipart form: `file`, optional `confidential`).
    Only the handling unit's principals attach files. The answer gives the file's detected type,
    size and SHA-256; a name ending that does not fit the type gets the right one added."""
    settings: Settings = request.app.state.settings
    limit = settings.attachment_max_bytes
    attachment = await attach(
        session,
        principal,
        _storage(request),
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
    "/{petition_id:uuid}/attachments",
    operation_id="petitions-attachments-list",
    summary="List a petition's files",
    response_model=list[AttachmentRead],
    responses=problems(404, codes={404: ["petition_not_found"]}),
)
@audited_read
async def list_petition_attachments(
    session: Session, petition_id: uuid.UUID, principal: Principal = READER
) -> list[AttachmentRead]:
    """The case's files, oldest first. Confidential ones are listed only to holders of
    `petitions:confidential`, and such a listing is written to the audit log."""
    rows = await list_attachments(session, principal, petition_id)
    return [AttachmentRead.model_validate(a) for a in rows]


@router.get(
    "/{petition_id:uuid}/attachments/{attachment_id:uuid}",
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
    request: Request,
    session: Session,
    petition_id: uuid.UUID,
    attachment_id: uuid.UUID,
    principal: Principal = READER,
) -> Response:
    """The file as uploaded, always as a download (never rendered in the page). A confidential
    file is served only to holders of `petitions:confidential` (404 to anyone else), and only
    once the read is in the audit log."""
    found = await download(session, principal, _storage(request), petition_id, attachment_id)
    attachment = found.attachment
    return Response(
        content=found.data,
        media_type=attachment.content_type,
        headers={
            "Content-Disposition": content_disposition(attachment.filename),
            "ETag": file_etag(attachment),
            "X-Content-Type-Options": "nosniff",
            # A confidential file must not linger in a shared cache or the browser's.
            "Cache-Control": "no-store" if attachment.confidential else "private, no-cache",
        },
    )


@router.delete(
    "/{petition_id:uuid}/attachments/{attachment_id:uuid}",
    operation_id="petitions-attachments-delete",
    summary="Remove a petition's file",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(403, 404, 412, codes={**WRITE_ERRORS, **ATTACHMENT_NOT_FOUND}),
)
async def delete_attachment(
    request: Request,
    session: Session,
    after_transaction: AfterTransaction,
    petition_id: uuid.UUID,
    attachment_id: uuid.UUID,
    if_match: IfMatch = None,
    principal: Principal = WRITER,
) -> Response:
    """Remove a file attached by mistake (the handling unit only; a confidential one only with
    `petitions:confidential`). The removal is in the case's events and the audit log. `If-Match`
    takes the file's `ETag` (from its download)."""
    await detach(
        session, principal, _storage(request), after_transaction, petition_id, attachment_id, if_match
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
