"""HTTP routes of the files of a finding's evidence
(/api/v1/inspections/teams/{team_id}/findings/{finding_id}/attachments) and of a recommendation's
progress reports (/api/v1/inspections/recommendations/{recommendation_id}/reports/{report_id}/attachments),
included by the inspections router.

Like a petition's files: an upload is a multipart form (`file`), answered 201 with `Location`
and honouring `Idempotency-Key`; a file never changes, so its download's `ETag` is its SHA-256 and
a removal's `If-Match` takes it. A file is not part of its team or recommendation: its writes do
not change their `ETag`."""

import uuid

from fastapi import APIRouter, Response, status

from api.core import files
from api.core.access import Authorize, Principal
from api.core.etag import IfMatch
from api.core.files import UPLOAD_CODES, AppSettings, Files, UploadForm, read_upload
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.unit_of_work import AfterTransaction, Session, UnitOfWorkRoute
from api.inspections.attachments import service
from api.inspections.attachments.schemas import FindingAttachmentRead, ReportAttachmentRead
from api.inspections.dependencies import NOT_ORGANISER, CurrentRecommendation, CurrentTeam, TeamForUpdate

# The paths the body-size middleware lets carry a file (`api.core.files.upload_body_limit`).
FINDING_UPLOAD_PATH = r"/inspections/teams/[^/]+/findings/[^/]+/attachments"
REPORT_UPLOAD_PATH = r"/inspections/recommendations/[^/]+/reports/[^/]+/attachments"

router = APIRouter(route_class=UnitOfWorkRoute)

FINDING = "/teams/{team_id:uuid}/findings/{finding_id:uuid}/attachments"
REPORT = "/recommendations/{recommendation_id:uuid}/reports/{report_id:uuid}/attachments"
FINDING_NOT_FOUND = ["team_not_found", "finding_not_found"]
REPORT_NOT_FOUND = ["recommendation_not_found", "report_not_found"]
NOT_OWNER = ["permission_denied", "not_owner"]


@router.post(
    FINDING,
    operation_id="inspections-teams-findings-attachments-create",
    summary="Attach evidence to a finding",
    status_code=status.HTTP_201_CREATED,
    response_model=FindingAttachmentRead,
    responses=problems(
        403,
        404,
        409,
        413,
        415,
        422,
        codes={403: NOT_ORGANISER, 404: FINDING_NOT_FOUND, 409: ["team_not_collecting"], **UPLOAD_CODES},
    ),
)
async def create_finding_attachment(
    session: Session,
    after_transaction: AfterTransaction,
    storage: Files,
    settings: AppSettings,
    response: Response,
    # A dependency, so that a team one cannot change answers 404 or 403 before the upload is
    # validated, whatever the body.
    team: TeamForUpdate,
    finding_id: uuid.UUID,
    form: UploadForm,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> FindingAttachmentRead:
    """Upload a file of the finding's evidence (multipart form: `file`) while the team is in progress
    or reported; only the organising unit's principals attach files. The answer gives the file's
    detected type, size and SHA-256; a name ending that does not fit the type gets the right one added."""
    attachment = await service.attach_to_finding(
        session, principal, storage, after_transaction, team, finding_id, await read_upload(form, settings)
    )
    response.headers["Location"] = (
        f"/api/v1/inspections/teams/{team.id}/findings/{finding_id}/attachments/{attachment.id}"
    )
    return FindingAttachmentRead.model_validate(attachment)


@router.get(
    FINDING,
    operation_id="inspections-teams-findings-attachments-list",
    summary="A finding's evidence files",
    response_model=list[FindingAttachmentRead],
    responses=problems(404, codes={404: FINDING_NOT_FOUND}),
)
async def list_finding_attachments(
    session: Session,
    team: CurrentTeam,
    finding_id: uuid.UUID,
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> list[FindingAttachmentRead]:
    """The finding's files, oldest first, to whoever sees the finding (a visited unit sees only the
    findings about its own targets)."""
    found = await service.finding_attachments(session, principal, team, finding_id)
    return [FindingAttachmentRead.model_validate(a) for a in found]


@router.get(
    FINDING + "/{attachment_id:uuid}",
    operation_id="inspections-teams-findings-attachments-get",
    summary="Download a finding's evidence file",
    response_class=Response,
    responses={
        **files.DOWNLOADED,
        **problems(
            404, 500, codes={404: [*FINDING_NOT_FOUND, "attachment_not_found"], 500: ["attachment_corrupted"]}
        ),
    },
)
async def download_finding_attachment(
    session: Session,
    storage: Files,
    team: CurrentTeam,
    finding_id: uuid.UUID,
    attachment_id: uuid.UUID,
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> Response:
    """The file as uploaded, always as a download (never rendered in the page)."""
    found = await service.download_finding_attachment(
        session, principal, storage, team, finding_id, attachment_id
    )
    return files.download(found.attachment, found.data)


@router.delete(
    FINDING + "/{attachment_id:uuid}",
    operation_id="inspections-teams-findings-attachments-delete",
    summary="Remove a finding's evidence file",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(
        403,
        404,
        409,
        412,
        codes={
            403: NOT_ORGANISER,
            404: [*FINDING_NOT_FOUND, "attachment_not_found"],
            409: ["team_not_collecting"],
        },
    ),
)
async def delete_finding_attachment(
    session: Session,
    after_transaction: AfterTransaction,
    storage: Files,
    team: TeamForUpdate,
    finding_id: uuid.UUID,
    attachment_id: uuid.UUID,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> Response:
    """Remove a file attached by mistake while the team is in progress or reported (the organising
    unit only); the bytes go once the removal commits. `If-Match` takes the file's `ETag` (from its
    download)."""
    await service.detach_from_finding(
        session, principal, storage, after_transaction, team, finding_id, attachment_id, if_match
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    REPORT,
    operation_id="inspections-recommendations-reports-attachments-create",
    summary="Attach a file to a progress report",
    status_code=status.HTTP_201_CREATED,
    response_model=ReportAttachmentRead,
    responses=problems(
        403,
        404,
        409,
        413,
        415,
        422,
        codes={
            403: NOT_OWNER,
            404: REPORT_NOT_FOUND,
            409: ["recommendation_not_in_progress"],
            **UPLOAD_CODES,
        },
    ),
)
async def create_report_attachment(
    session: Session,
    after_transaction: AfterTransaction,
    storage: Files,
    settings: AppSettings,
    response: Response,
    recommendation: CurrentRecommendation,
    report_id: uuid.UUID,
    form: UploadForm,
    principal: Principal = Authorize(Permission.INSPECTIONS_REPORT),
) -> ReportAttachmentRead:
    """Upload a file backing a progress report (multipart form: `file`: a decision, a photo of what
    was done) while the recommendation is open or in progress; only the owner unit's principals
    attach files, to the reports filed for it."""
    attachment = await service.attach_to_report(
        session,
        principal,
        storage,
        after_transaction,
        recommendation,
        report_id,
        await read_upload(form, settings),
    )
    response.headers["Location"] = (
        f"/api/v1/inspections/recommendations/{recommendation.id}/reports/{report_id}/attachments/{attachment.id}"
    )
    return ReportAttachmentRead.model_validate(attachment)


@router.get(
    REPORT,
    operation_id="inspections-recommendations-reports-attachments-list",
    summary="A progress report's files",
    response_model=list[ReportAttachmentRead],
    responses=problems(404, codes={404: REPORT_NOT_FOUND}),
)
async def list_report_attachments(
    session: Session,
    recommendation: CurrentRecommendation,
    report_id: uuid.UUID,
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> list[ReportAttachmentRead]:
    """The report's files, oldest first, to whoever sees the recommendation (its organiser and its owner)."""
    found = await service.report_attachments(session, principal, recommendation, report_id)
    return [ReportAttachmentRead.model_validate(a) for a in found]


@router.get(
    REPORT + "/{attachment_id:uuid}",
    operation_id="inspections-recommendations-reports-attachments-get",
    summary="Download a progress report's file",
    response_class=Response,
    responses={
        **files.DOWNLOADED,
        **problems(
            404, 500, codes={404: [*REPORT_NOT_FOUND, "attachment_not_found"], 500: ["attachment_corrupted"]}
        ),
    },
)
async def download_report_attachment(
    session: Session,
    storage: Files,
    recommendation: CurrentRecommendation,
    report_id: uuid.UUID,
    attachment_id: uuid.UUID,
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> Response:
    """The file as uploaded, always as a download (never rendered in the page)."""
    found = await service.download_report_attachment(
        session, principal, storage, recommendation, report_id, attachment_id
    )
    return files.download(found.attachment, found.data)


@router.delete(
    REPORT + "/{attachment_id:uuid}",
    operation_id="inspections-recommendations-reports-attachments-delete",
    summary="Remove a progress report's file",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(
        403,
        404,
        409,
        412,
        codes={
            403: NOT_OWNER,
            404: [*REPORT_NOT_FOUND, "attachment_not_found"],
            409: ["recommendation_not_in_progress"],
        },
    ),
)
async def delete_report_attachment(
    session: Session,
    after_transaction: AfterTransaction,
    storage: Files,
    recommendation: CurrentRecommendation,
    report_id: uuid.UUID,
    attachment_id: uuid.UUID,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_REPORT),
) -> Response:
    """Remove a file attached by mistake while the recommendation is open or in progress (the owner
    unit only); the bytes go once the removal commits. `If-Match` takes the file's `ETag`."""
    await service.detach_from_report(
        session, principal, storage, after_transaction, recommendation, report_id, attachment_id, if_match
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
