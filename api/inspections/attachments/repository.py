"""Every query on the files of findings and progress reports. A file is reached through its
finding or report, which the caller loaded inside the principal's sight (`FindingRepository.of`,
`RecommendationRepository.report` of a visible recommendation); its audit events fall in that
finding's or report's unit."""

import uuid
from collections.abc import Collection

from api.core.files import FileRepository
from api.inspections.models import (
    InspectionFinding,
    InspectionFindingAttachment,
    InspectionReportAttachment,
)


class FindingAttachmentRepository(FileRepository[InspectionFindingAttachment]):
    model = InspectionFindingAttachment
    parent = InspectionFindingAttachment.finding_id

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


class ReportAttachmentRepository(FileRepository[InspectionReportAttachment]):
    model = InspectionReportAttachment
    parent = InspectionReportAttachment.report_id
