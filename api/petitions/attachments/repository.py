"""Every query on a case's files. A file is reached through its case, which the caller loaded
through `PetitionRepository` (inside the jurisdiction); a confidential file exists only for a
holder of `petitions:confidential` (`scope`), to anyone else it is a 404."""

import uuid
from typing import Any

from sqlalchemy import Select

from api.core.permissions import Permission
from api.core.repository import Repository
from api.petitions.models import Attachment, Petition


class AttachmentRepository(Repository[Attachment, Any]):
    model = Attachment
    not_found_code = "attachment_not_found"
    noun = "Attachment"

    def scope(self, stmt: Select[Any]) -> Select[Any]:
        if self.principal.can(Permission.PETITIONS_CONFIDENTIAL):
            return stmt
        return stmt.where(Attachment.confidential.is_(False))

    async def of(self, petition: Petition, attachment_id: uuid.UUID) -> Attachment:
        """One file of the case (404 `attachment_not_found` otherwise); its audit events fall in
        the case's jurisdiction."""
        found: Attachment | None = await self.session.scalar(
            self.select().where(Attachment.petition_id == petition.id, Attachment.id == attachment_id)
        )
        if found is None:
            raise self.not_found(attachment_id)
        found.audit_unit_id = petition.handling_unit_id
        return found

    async def listed_for(self, petition: Petition, *, shared_only: bool = False) -> list[Attachment]:
        """The case's files, oldest first; `shared_only`: never a confidential one, whoever reads."""
        stmt = self.select().where(Attachment.petition_id == petition.id)
        if shared_only:
            stmt = stmt.where(Attachment.confidential.is_(False))
        return list(await self.session.scalars(stmt.order_by(Attachment.uploaded_at, Attachment.id)))
