"""What an uploaded file really is, read from its bytes; never from its name or declared type.

A browser derives the declared type from the file name, so a text file renamed `.pdf` arrives as
`application/pdf`. Only the content decides. A name or declared type that names a different
accepted type is refused rather than corrected: that file is mislabelled, or it was crafted.
"""

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from api.core.errors import UnsupportedMediaType


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("a PDF document", "application/pdf", (".pdf",))
PNG = FileType("a PNG image", "image/png", (".png",))
JPEG = FileType("a JPEG image", "image/jpeg", (".jpg", ".jpeg", ".jpe", ".jfif"))
TIFF = FileType("a TIFF image", "image/tiff", (".tif", ".tiff"))
DOCX = FileType(
    "a Word document (DOCX)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileType(
    "an Excel workbook (XLSX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
TEXT = FileType("plain UTF-8 text", "text/plain; charset=utf-8", (".txt",))
ACCEPTED = (PDF, PNG, JPEG, TIFF, DOCX, XLSX, TEXT)

_BY_EXTENSION = {ext: t for t in ACCEPTED for ext in t.extensions}
_BY_DECLARED_TYPE = {t.content_type.split(";")[0]: t for t in ACCEPTED} | {
    "application/x-pdf": PDF,
    "image/jpg": JPEG,
    "image/pjpeg": JPEG,
    "image/x-png": PNG,
    "image/tif": TIFF,
}
# The main part's type in `[Content_Types].xml` tells a document from a workbook; the
# macro-enabled, template and add-in variants declare other types and are refused.
_OOXML_MAIN_PARTS = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_MAX_MANIFEST = 1 << 20
# C0 controls other than tab, line feed, form feed and carriage return, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_NAME = 200


def _office(data: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if any(name.lower().endswith("vbaproject.bin") for name in archive.namelist()):
                return None  # macros, whatever the manifest says
            manifest = archive.getinfo("[Content_Types].xml")
            # The declared size bounds the read: a decompression bomb stops there.
            if manifest.file_size > _MAX_MANIFEST:
                return None
            types = archive.read(manifest)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        KeyError,
        EOFError,
        RuntimeError,
        ValueError,
        zlib.error,
    ):
        return None
    found = {kind for marker, kind in _OOXML_MAIN_PARTS.items() if marker in types}
    return found.pop() if len(found) == 1 else None


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return not _CONTROL.search(text)


def sniff(data: bytes) -> FileType | None:
    """The accepted type the bytes are, or None."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    return TEXT if _is_text(data) else None


class UnsupportedFileType(UnsupportedMediaType):
    default_code = "unsupported_file_type"
    extensions = {
        "accepted_types": {
            "type": "array",
            "items": {"type": "string"},
            "description": "The media types an upload may have.",
            "examples": [["application/pdf", "image/jpeg", "image/png"]],
        }
    }


def _unsupported(detail: str) -> UnsupportedFileType:
    return UnsupportedFileType(
        detail, extra={"accepted_types": sorted({t.content_type.split(";")[0] for t in ACCEPTED})}
    )


def detect(data: bytes, filename: str, declared_type: str | None) -> FileType:
    """The file's type from its content, refused (415 `unsupported_file_type`) when it is none
    of the accepted ones or when its name or declared type claims another accepted type."""
    detected = sniff(data)
    if detected is None:
        raise _unsupported(
            "The file is none of the accepted types (PDF, PNG, JPEG, TIFF, DOCX, XLSX, UTF-8 text)."
        )
    by_name = _BY_EXTENSION.get(PurePosixPath(filename).suffix.lower())
    by_type = _BY_DECLARED_TYPE.get((declared_type or "").split(";")[0].strip().lower())
    for claim in (by_name, by_type):
        if claim is not None and claim != detected:
            raise _unsupported(f"The file's content is {detected.label}, not {claim.label} as it claims.")
    return detected


def clean_filename(raw: str | None, fallback: str = "attachment") -> str:
    """A label for the file: its last path component, NFC, without control or bidirectional
    format characters (which can disguise an extension), at most 200 characters."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = name.strip().lstrip(".").strip() or fallback
    if len(name) > _MAX_NAME:
        suffix = PurePosixPath(name).suffix
        suffix = suffix if len(suffix) <= 16 else ""
        name = name[: _MAX_NAME - len(suffix)] + suffix
    return name


def with_extension(filename: str, kind: FileType) -> str:
    """The name, ending in an extension of its real type (a `.csv` of text becomes `.csv.txt`),
    so the reader's computer opens it with the right program."""
    if PurePosixPath(filename).suffix.lower() in kind.extensions:
        return filename
    return filename + kind.extensions[0]
