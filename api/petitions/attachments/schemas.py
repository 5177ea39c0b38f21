"""Request and response shapes of /api/v1/petitions/{petition_id}/attachments."""

import uuid
from datetime import datetime

from pydantic import Field

from api.core.files import FileUpload
from api.core.schemas import Schema


class AttachmentRead(Schema):
    id: uuid.UUID
    filename: str = Field(examples=["quyet-dinh-12.pdf"])
    content_type: str = Field(examples=["application/pdf"])
    size: int = Field(examples=[183244])
    sha256: str = Field(examples=["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"])
    confidential: bool = Field(examples=[False])
    uploaded_at: datetime
    uploaded_by: str | None = Field(examples=["officer-a"])


class AttachmentUpload(FileUpload):
    """The multipart form of an upload: the file, and whether it identifies a denouncer."""

    confidential: bool = Field(
        False,
        description="A denouncer's handwriting, identity papers or anything else that identifies them: "
        "then only holders of `petitions:confidential` see the file, and each read is audited. "
        "Not implied by the case being a denunciation.",
    )
