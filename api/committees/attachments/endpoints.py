"""HTTP routes of the files of a committee's activity
(/api/v1/committees/{committee_id}/activities/{activity_id}/attachments), included by the committees
router next to the activities.

Like a finding's evidence: an upload is a multipart form (`file`), answered 201 with `Location` and
honouring `Idempotency-Key`; a file never changes, so its download's `ETag` is its SHA-256 and a
removal's `If-Match` takes it. A file is not part of its activity: its writes do not change the
activity's `ETag`."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Response, status

from api.committees.attachments import service
from api.committees.attachments.schemas import ActivityAttachmentRead
from api.committees.models import Committee
from api.committees.repository import CommitteeRepository
from api.core import files
from api.core.access import Authorize, Principal
from api.core.etag import IfMatch
from api.core.files import UPLOAD_CODES, AppSettings, Files, UploadForm, read_upload
from api.core.permissions import Permission
from api.core.repository import current
from api.core.responses import problems
from api.core.unit_of_work import AfterTransaction, Session, UnitOfWorkRoute

# The path the body-size middleware lets carry a file (`api.core.files.upload_body_limit`).
UPLOAD_PATH = r"/committees/[^/]+/activities/[^/]+/attachments"

CurrentCommittee = Annotated[Committee, current(CommitteeRepository, "committee_id")]

router = APIRouter(route_class=UnitOfWorkRoute)

FILES = "/{committee_id:uuid}/activities/{activity_id:uuid}/attachments"
ACTIVITY_NOT_FOUND = ["committee_not_found", "activity_not_found"]
FILE_NOT_FOUND = [*ACTIVITY_NOT_FOUND, "attachment_not_found"]


@router.post(
    FILES,
    operation_id="committees-activities-attachments-create",
    summary="Attach a file to an activity",
    status_code=status.HTTP_201_CREATED,
    response_model=ActivityAttachmentRead,
    responses=problems(404, 413, 415, 422, codes={404: ACTIVITY_NOT_FOUND, **UPLOAD_CODES}),
)
async def create_activity_attachment(
    session: Session,
    after_transaction: AfterTransaction,
    storage: Files,
    settings: AppSettings,
    response: Response,
    # A dependency, so that a committee one does not see answers 404 before the upload is
    # validated, whatever the body.
    committee: CurrentCommittee,
    activity_id: uuid.UUID,
    form: UploadForm,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> ActivityAttachmentRead:
    """Upload a file of the activity (multipart form: `file`): its plan as sent, the minutes, the
    evidence of its findings. Whoever records the committee's activities attaches files, its own
    members (role `committee_member`) included. The answer gives the file's detected type, size and
    SHA-256; a name ending that does not fit the type gets the right one added."""
    attachment = await service.attach(
        session,
        principal,
        storage,
        after_transaction,
        committee,
        activity_id,
        await read_upload(form, settings),
    )
    response.headers["Location"] = (
        f"/api/v1/committees/{committee.id}/activities/{activity_id}/attachments/{attachment.id}"
    )
    return ActivityAttachmentRead.model_validate(attachment)


@router.get(
    FILES,
    operation_id="committees-activities-attachments-list",
    summary="An activity's files",
    response_model=list[ActivityAttachmentRead],
    responses=problems(404, codes={404: ACTIVITY_NOT_FOUND}),
)
async def list_activity_attachments(
    session: Session,
    committee: CurrentCommittee,
    activity_id: uuid.UUID,
    principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> list[ActivityAttachmentRead]:
    """The activity's files, oldest first, to whoever sees the committee."""
    found = await service.listed(session, principal, committee, activity_id)
    return [ActivityAttachmentRead.model_validate(a) for a in found]


@router.get(
    FILES + "/{attachment_id:uuid}",
    operation_id="committees-activities-attachments-get",
    summary="Download an activity's file",
    response_class=Response,
    responses={
        **files.DOWNLOADED,
        **problems(404, 500, codes={404: FILE_NOT_FOUND, 500: ["attachment_corrupted"]}),
    },
)
async def download_activity_attachment(
    session: Session,
    storage: Files,
    committee: CurrentCommittee,
    activity_id: uuid.UUID,
    attachment_id: uuid.UUID,
    principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> Response:
    """The file as uploaded, always as a download (never rendered in the page); its `ETag` is its SHA-256."""
    found = await service.download(session, principal, storage, committee, activity_id, attachment_id)
    return files.download(found.attachment, found.data)


@router.delete(
    FILES + "/{attachment_id:uuid}",
    operation_id="committees-activities-attachments-delete",
    summary="Remove an activity's file",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(404, 412, codes={404: FILE_NOT_FOUND}),
)
async def delete_activity_attachment(
    session: Session,
    after_transaction: AfterTransaction,
    storage: Files,
    committee: CurrentCommittee,
    activity_id: uuid.UUID,
    attachment_id: uuid.UUID,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.COMMITTEES_WRITE),
) -> Response:
    """Remove a file attached by mistake; the bytes go once the removal commits. `If-Match` takes the
    file's `ETag` (from its download)."""
    await service.detach(
        session, principal, storage, after_transaction, committee, activity_id, attachment_id, if_match
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
