"""Files of a finding's evidence and of a recommendation's progress reports: their use cases.

Storing, checking and serving the bytes is what every resource's files share (`api.core.files`).
What is the inspections' own is who may:
- a finding's evidence is part of the finding: the organising unit's principals (holding
  `inspections:write`) attach and remove files while the team collects findings (in progress or
  reported), as they record the finding itself; whoever sees the finding (the organiser, and a
  visited unit about its own targets only) lists and downloads them;
- a progress report's files are the owner unit's: its principals (holding `inspections:report`)
  attach and remove files of the reports filed for it while the recommendation is followed up
  (open or in progress), as they file reports; whoever sees the recommendation (the organiser and
  the owner) lists and downloads them.
Every write is in the audit log (the models' `__audit__`), without the file's name.
"""

import functools
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import files
from api.core.access import Principal
from api.core.errors import Conflict, Forbidden
from api.core.files import After, Download, Upload
from api.core.storage import Storage
from api.inspections.attachments.repository import FindingAttachmentRepository, ReportAttachmentRepository
from api.inspections.findings.repository import FindingRepository
from api.inspections.models import (
    InspectionFinding,
    InspectionFindingAttachment,
    InspectionRecommendation,
    InspectionRecommendationReport,
    InspectionReportAttachment,
    InspectionTeam,
)
from api.inspections.recommendations.repository import RecommendationRepository, is_owner
from api.inspections.recommendations.workflow import REPORTING
from api.inspections.workflows import COLLECTING


def _check_collecting(team: InspectionTeam) -> None:
    if team.status not in COLLECTING:
        raise Conflict(
            f"The team is {team.status}: a finding's evidence changes only while the team is in progress "
            "or reported.",
            code="team_not_collecting",
        )


# A finding's evidence --------------------------------------------------------------------------


async def _finding(
    session: AsyncSession, principal: Principal, team: InspectionTeam, finding_id: uuid.UUID
) -> InspectionFinding:
    return await FindingRepository(session, principal).of(team, finding_id)


async def attach_to_finding(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after: After,
    team: InspectionTeam,
    finding_id: uuid.UUID,
    upload: Upload,
) -> InspectionFindingAttachment:
    """Store a file of evidence for a finding of a team the principal organises (loaded for update)."""
    finding = await _finding(session, principal, team, finding_id)
    _check_collecting(team)
    return await files.attach(
        session,
        principal,
        storage,
        after,
        upload,
        functools.partial(InspectionFindingAttachment, finding_id=finding.id),
        finding.unit_id,
    )


async def finding_attachments(
    session: AsyncSession, principal: Principal, team: InspectionTeam, finding_id: uuid.UUID
) -> list[InspectionFindingAttachment]:
    finding = await _finding(session, principal, team, finding_id)
    return await FindingAttachmentRepository(session, principal).listed_for(
        finding.id, unit_id=finding.unit_id
    )


async def download_finding_attachment(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    team: InspectionTeam,
    finding_id: uuid.UUID,
    attachment_id: uuid.UUID,
) -> Download[InspectionFindingAttachment]:
    finding = await _finding(session, principal, team, finding_id)
    attachment = await FindingAttachmentRepository(session, principal).of(
        finding.id, attachment_id, unit_id=finding.unit_id
    )
    return await files.fetch(storage, attachment)


async def detach_from_finding(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after: After,
    team: InspectionTeam,
    finding_id: uuid.UUID,
    attachment_id: uuid.UUID,
    if_match: str | None,
) -> None:
    finding = await _finding(session, principal, team, finding_id)
    attachment = await FindingAttachmentRepository(session, principal).of(
        finding.id, attachment_id, unit_id=finding.unit_id
    )
    _check_collecting(team)
    await files.remove(session, storage, after, attachment, if_match)


async def remove_finding_evidence(
    session: AsyncSession, principal: Principal, storage: Storage, after: After, finding: InspectionFinding
) -> None:
    """A finding removed takes its files with it: each row's removal audited, the bytes gone once
    the removal commits."""
    for attachment in await FindingAttachmentRepository(session, principal).listed_for(
        finding.id, unit_id=finding.unit_id
    ):
        await files.remove(session, storage, after, attachment, None)


async def remove_targets_evidence(
    session: AsyncSession, principal: Principal, storage: Storage, after: After, target_ids: set[uuid.UUID]
) -> None:
    """Targets removed from a team take their findings with them (the database cascades), and the
    findings' files: each row's removal audited here, the bytes gone once the removal commits."""
    if not target_ids:
        return
    for attachment in await FindingAttachmentRepository(session, principal).of_targets(target_ids):
        await files.remove(session, storage, after, attachment, None)


# A progress report's files ---------------------------------------------------------------------


async def _report(
    session: AsyncSession,
    principal: Principal,
    recommendation: InspectionRecommendation,
    report_id: uuid.UUID,
) -> InspectionRecommendationReport:
    return await RecommendationRepository(session, principal).report(recommendation.id, report_id)


def _check_owner(
    principal: Principal, recommendation: InspectionRecommendation, report: InspectionRecommendationReport
) -> None:
    """Only the owner's principals change its reports' files, and only of reports filed for it
    (not those of a unit the recommendation was addressed to before), while it is followed up."""
    if not is_owner(principal, recommendation) or report.unit_id != recommendation.owner_unit_id:
        raise Forbidden(
            f"Only the principals of {recommendation.owner_unit.name}, the unit it is addressed to, attach "
            "files to its progress reports.",
            code="not_owner",
        )
    if recommendation.status not in REPORTING:
        raise Conflict(
            f"The recommendation is {recommendation.status}: a progress report's files change while it is "
            "open or in progress.",
            code="recommendation_not_in_progress",
        )


async def attach_to_report(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after: After,
    recommendation: InspectionRecommendation,
    report_id: uuid.UUID,
    upload: Upload,
) -> InspectionReportAttachment:
    report = await _report(session, principal, recommendation, report_id)
    _check_owner(principal, recommendation, report)
    return await files.attach(
        session,
        principal,
        storage,
        after,
        upload,
        functools.partial(InspectionReportAttachment, report_id=report.id),
        report.unit_id,
    )


async def report_attachments(
    session: AsyncSession,
    principal: Principal,
    recommendation: InspectionRecommendation,
    report_id: uuid.UUID,
) -> list[InspectionReportAttachment]:
    report = await _report(session, principal, recommendation, report_id)
    return await ReportAttachmentRepository(session, principal).listed_for(report.id, unit_id=report.unit_id)


async def download_report_attachment(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    recommendation: InspectionRecommendation,
    report_id: uuid.UUID,
    attachment_id: uuid.UUID,
) -> Download[InspectionReportAttachment]:
    report = await _report(session, principal, recommendation, report_id)
    attachment = await ReportAttachmentRepository(session, principal).of(
        report.id, attachment_id, unit_id=report.unit_id
    )
    return await files.fetch(storage, attachment)


async def detach_from_report(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after: After,
    recommendation: InspectionRecommendation,
    report_id: uuid.UUID,
    attachment_id: uuid.UUID,
    if_match: str | None,
) -> None:
    report = await _report(session, principal, recommendation, report_id)
    attachment = await ReportAttachmentRepository(session, principal).of(
        report.id, attachment_id, unit_id=report.unit_id
    )
    _check_owner(principal, recommendation, report)
    await files.remove(session, storage, after, attachment, if_match)
