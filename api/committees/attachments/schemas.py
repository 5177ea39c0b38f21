"""Answers of the files of a committee's activity (uploads are `api.core.files.FileUpload` forms)."""

import uuid

from pydantic import Field

from api.core.files import FileRead


class ActivityAttachmentRead(FileRead):
    """A file of an activity (its plan as sent, the minutes, the evidence of its findings); its
    download's `ETag` is its SHA-256."""

    activity_id: uuid.UUID = Field(examples=["2b4d6f8a-0c1e-4a3b-9d5f-7e9a1c3b5d7f"])
