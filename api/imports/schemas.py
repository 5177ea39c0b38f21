"""Request shapes of /api/v1/imports."""

from fastapi import UploadFile
from pydantic import Field

from api.core.files import FileUpload
from api.imports.service import ImportMode


class ImportUpload(FileUpload):
    """The multipart form of an import: the file, what it holds, and how to apply it."""

    file: UploadFile = Field(
        examples=["Mã,Tên,Loại,Mã đơn vị cấp trên\n0127305,Thôn Bản Giới,village,01273"],
        description="XLSX (the first sheet), CSV (UTF-8, UTF-8 with BOM, or Windows-1258; `,` `;` or tab) or "
        "NDJSON, at most `QCDC_IMPORT_MAX_BYTES` (100 MiB by default); the first row names the columns, in "
        "Vietnamese or English (docs/imports.md). The format is read from the content.",
    )
    resource: str = Field(
        description="What the file holds: `units` (villages, residential groups and other units, each "
        "under its parent's official code), `petitions` (cases with their petitioners), `receptions` "
        "(citizen reception sessions and dialogues); docs/imports.md lists each one's columns.",
        examples=["units"],
    )
    mode: ImportMode = Field(
        ImportMode.ALL,
        description="`all`: every row or none (any error writes nothing); `valid`: the valid rows, the "
        "others reported.",
        examples=["all"],
    )
    dry_run: bool = Field(False, description="Check every row and report, writing nothing.", examples=[True])
