"""Every query on the files of findings and progress reports. A file is reached through its
finding or report, which the caller loaded inside the principal's sight (`FindingRepository.of`,
`RecommendationRepository.report` of a visible recommendation); its audit events fall in that
finding's or report's unit."""

import uuid
from collections.abc import Collection
from typing import Any

from api.core.repository import Repository
from api.inspections.models import (
    InspectionFinding,
    InspectionFindingAttachment,
    InspectionRecommendationReport,
    InspectionReportAttachment,
)


class FindingAttachmentRepository(Repository[InspectionFindingAttachment, Any]):
    model = InspectionFindingAttachment
    not_found_code = "attachment_not_found"
    noun = "Attachment"

    async def of(self, finding: InspectionFinding, attachment_id: uuid.UUID) -> InspectionFindingAttachment:
        """One file of the finding (404 `attachment_not_found` otherwise)."""
        found: InspectionFindingAttachment | None = await self.session.scalar(
            self.select().where(
                InspectionFindingAttachment.finding_id == finding.id,
                InspectionFindingAttachment.id == attachment_id,
            )
        )
        if found is None:
            raise self.not_found(attachment_id)
        found.audit_unit_id = finding.unit_id
        return found

    async def of_targets(self, target_ids: Collection[uuid.UUID]) -> list[InspectionFindingAttachment]:
        """The files of every finding about these targets (a team's, which the caller changes)."""
        rows = (
            await self.session.execute(
                self.select()
                .add_columns(InspectionFinding.unit_id)
                .join(InspectionFinding, InspectionFinding.id == InspectionFindingAttachment.finding_id)
                .where(InspectionFinding.target_id.in_(target_ids))
            )
        ).all()
        for attachment, unit_id in rows:
            attachment.audit_unit_id = unit_id
        return [attachment for attachment, _ in rows]

    async def listed_for(self, finding: InspectionFinding) -> list[InspectionFindingAttachment]:
        """The finding's files, oldest first."""
        rows = list(
            await self.session.scalars(
                self.select()
                .where(InspectionFindingAttachment.finding_id == finding.id)
                .order_by(InspectionFindingAttachment.uploaded_at, InspectionFindingAttachment.id)
            )
        )
        for row in rows:
            row.audit_unit_id = finding.unit_id
        return rows


class ReportAttachmentRepository(Repository[InspectionReportAttachment, Any]):
    model = InspectionReportAttachment
    not_found_code = "attachment_not_found"
    noun = "Attachment"

    async def of(
        self, report: InspectionRecommendationReport, attachment_id: uuid.UUID
    ) -> InspectionReportAttachment:
        """One file of the report (404 `attachment_not_found` otherwise)."""
        found: InspectionReportAttachment | None = await self.session.scalar(
            self.select().where(
                InspectionReportAttachment.report_id == report.id,
                InspectionReportAttachment.id == attachment_id,
            )
        )
        if found is None:
            raise self.not_found(attachment_id)
        found.audit_unit_id = report.unit_id
        return found

    async def listed_for(self, report: InspectionRecommendationReport) -> list[InspectionReportAttachment]:
        """The report's files, oldest first."""
        return list(
            await self.session.scalars(
                self.select()
                .where(InspectionReportAttachment.report_id == report.id)
                .order_by(InspectionReportAttachment.uploaded_at, InspectionReportAttachment.id)
            )
        )
