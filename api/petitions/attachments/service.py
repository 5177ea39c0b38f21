"""Files of a case (scans of the letter, decisions, minutes): their use cases.

Storing, checking and serving the bytes is what every resource's files share (`api.core.files`):
the type read from the content, the size limit, the digest checked on download, the stored file
deleted after the transaction. What is a case's own is here: who may, confidentiality, events.

A *confidential* file — a denouncer's handwriting or identity papers — is uploaded by whoever
records the case (the receiving officer scans it), but only holders of `petitions:confidential`
see it in a list or download it; to anyone else it does not exist (404). Every read of one is
written to the audit log, committed before the bytes leave (the list and download routes are
`audited_read`; Law on Denunciations 2018, Art. 9 and 56).
Nothing is marked confidential by default, even on a denunciation: the one who uploads decides,
file by file, because a denunciation's decisions and minutes are not secret.
"""

import functools
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import audit, files
from api.core.access import Principal
from api.core.files import After, Download, Upload
from api.core.storage import Storage
from api.petitions.attachments.repository import AttachmentRepository
from api.petitions.events import record_event
from api.petitions.models import Attachment, Petition
from api.petitions.workflows import RecordAction


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


async def attach(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after_transaction: After,
    petition: Petition,
    upload: Upload,
    *,
    confidential: bool,
) -> Attachment:
    """Store a file of a case the principal may change (loaded for update)."""
    attachment = await files.attach(
        session,
        principal,
        storage,
        after_transaction,
        upload,
        functools.partial(Attachment, petition_id=petition.id, confidential=confidential),
        petition.handling_unit_id,
    )
    _record(session, principal, petition, RecordAction.ATTACH, attachment)
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
) -> Download[Attachment]:
    found = await files.fetch(
        storage, await AttachmentRepository(session, principal).of(petition, attachment_id)
    )
    attachment = found.attachment
    if attachment.confidential:
        audit.record(
            session,
            "petition_attachment.confidential_read",
            "petition_attachment",
            attachment.id,
            petition.handling_unit_id,
            {"after": {"petition_id": str(petition.id), "sha256": attachment.sha256}},
        )
    return found


async def detach(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after_transaction: After,
    petition: Petition,
    attachment_id: uuid.UUID,
    if_match: str | None = None,
) -> None:
    """Remove a file of a case the principal may change (loaded for update); the bytes go once
    the removal commits."""
    attachment = await AttachmentRepository(session, principal).of(petition, attachment_id)
    await files.remove(session, storage, after_transaction, attachment, if_match)
    _record(session, principal, petition, RecordAction.DETACH, attachment)
