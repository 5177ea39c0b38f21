"""Files of a case (scans of the letter, decisions, minutes): their use cases.

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

import anyio
import structlog
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session as SyncSession

from api.core import audit, filetypes
from api.core.access import Principal
from api.core.errors import AppError, FieldError, PayloadTooLarge, ValidationFailed
from api.core.etag import check_tag
from api.core.storage import Storage, new_key
from api.core.unit_of_work import Deferred
from api.petitions.attachments.repository import AttachmentRepository
from api.petitions.events import record_event
from api.petitions.models import Attachment, Petition
from api.petitions.workflows import RecordAction

log = structlog.get_logger(__name__)


class AttachmentCorrupted(AppError):
    status = 500
    default_code = "attachment_corrupted"
    title = "Stored file damaged"


@dataclass(frozen=True)
class Download:
    attachment: Attachment
    data: bytes


def _delete_once_over(
    session: AsyncSession,
    storage: Storage,
    after_transaction: Callable[[Deferred], None],
    key: str,
    *,
    if_committed: bool,
) -> None:
    """Files are not transactional: once the request is over, delete the stored file `key` if its
    transaction committed (a removal) or if it did not (a stored file of a refused upload must go;
    one of a removal that rolled back must stay)."""
    state = {"committed": False}

    def mark(_: SyncSession) -> None:
        state["committed"] = True

    event.listen(session.sync_session, "after_commit", mark)

    async def delete() -> None:
        if state["committed"] == if_committed:
            await storage.delete(key)

    after_transaction(delete)


def _record(
    session: AsyncSession,
    principal: Principal,
    petition: Petition,
    action: RecordAction,
    attachment: Attachment,
) -> None:
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
    record_event(session, principal, petition, action, data, from_status=petition.status)


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
    """Store a file of a case the principal may change (loaded for update)."""
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
    _delete_once_over(session, storage, after_transaction, key, if_committed=False)
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
    _record(session, principal, petition, RecordAction.ATTACH, attachment)
    await session.flush()
    return attachment


async def list_attachments(
    session: AsyncSession, principal: Principal, petition: Petition
) -> list[Attachment]:
    """A case's files, oldest first; confidential ones only for holders of `petitions:confidential`
    (and then the read is audited: their names can name the denouncer)."""
    rows = await AttachmentRepository(session, principal).listed_for(petition)
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
    petition: Petition,
    attachment_id: uuid.UUID,
) -> Download:
    attachment = await AttachmentRepository(session, principal).of(petition, attachment_id)
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
    petition: Petition,
    attachment_id: uuid.UUID,
    if_match: str | None = None,
) -> None:
    """Remove a file of a case the principal may change (loaded for update); the bytes go once
    the removal commits."""
    attachment = await AttachmentRepository(session, principal).of(petition, attachment_id)
    check_tag(if_match, file_etag(attachment))
    key = attachment.storage_key
    await session.delete(attachment)
    _record(session, principal, petition, RecordAction.DETACH, attachment)
    await session.flush()
    _delete_once_over(session, storage, after_transaction, key, if_committed=True)
