"""Answers of the files of a finding's evidence and of a progress report (uploads are
`api.core.files.FileUpload` forms)."""

import uuid

from pydantic import Field

from api.core.files import FileRead


class FindingAttachmentRead(FileRead):
    """A file of a finding's evidence; its download's `ETag` is its SHA-256."""

    finding_id: uuid.UUID = Field(examples=["3a5c7e9b-1d2f-4a6c-8e0b-2d4f6a8c0e1b"])


class ReportAttachmentRead(FileRead):
    """A file of a progress report; its download's `ETag` is its SHA-256."""

    report_id: uuid.UUID = Field(examples=["5c7e9a1b-3d5f-4b7c-9d1e-3f5a7b9c1d3e"])
