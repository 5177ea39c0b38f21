"""The files of a case: what each is; the bytes live in the app's storage."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.core.db import Base, UUIDPrimaryKey, utcnow


class Attachment(UUIDPrimaryKey, Base):
    """A scanned document or decision; the bytes live in storage under `storage_key`.

    `confidential` files (a denouncer's handwriting, identity papers) are listed and served only
    to principals with `petitions:confidential`."""

    __tablename__ = "petition_attachments"
    __audit__ = "petition_attachment"
    # A file's name can carry a person's name; the digest identifies the file well enough.
    __audit_redact__ = ("filename",)

    petition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(255))
    confidential: Mapped[bool] = mapped_column(default=False)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by: Mapped[str | None] = mapped_column(String(200))
    __allow_unmapped__ = True
    audit_unit_id: uuid.UUID | None = None
