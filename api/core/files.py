"""Uploaded files, whatever they hang off (a petition's scans, a finding's evidence, a progress
report's proofs): what every resource's files share.

The bytes go to the app's storage (`app.state.storage`, `api.core.storage`) under a random key;
the row says what the file is (`StoredFileColumns`). The type is read from the content
(`api.core.filetypes`), never from the name; the size is bounded by `QCDC_ATTACHMENT_MAX_BYTES`;
the SHA-256 taken at upload is checked again before a byte is sent (500 `attachment_corrupted`
otherwise) and is the file's `ETag`, since a file never changes.

Files are not transactional: a file stored for an upload whose transaction does not commit is
deleted once the request is over, and a removed file's bytes go only once the removal commits
(`delete_after`). Who may attach, see or remove a file is the owning domain's rule, as is what
its events and audit say.

A resource's files are rows of their own table hanging off one parent row (a finding, a report,
an activity): `FileRepository` finds them by their parent, `attach()` and `remove()` write them,
`read_upload()` takes the route's form. The owning domain says who may, and on which parent.
"""

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Generic, Protocol, TypeVar
from urllib.parse import quote

import anyio
import structlog
from fastapi import Depends, Form, Request, Response, UploadFile
from pydantic import Field
from sqlalchemy import String, event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column
from sqlalchemy.orm import Session as SyncSession

from api.core import filetypes
from api.core.access import Principal
from api.core.db import utcnow
from api.core.errors import AppError, FieldError, PayloadTooLarge, ValidationFailed
from api.core.etag import check_tag
from api.core.repository import Repository
from api.core.schemas import Params, Schema
from api.core.settings import Settings
from api.core.storage import Storage, new_key
from api.core.text import fold
from api.core.unit_of_work import Deferred

log = structlog.get_logger(__name__)

# Room for the multipart envelope around the file: boundaries, part headers, the other fields.
MULTIPART_ENVELOPE = 64 * 1024


def upload_body_limit(settings: Settings) -> int:
    """The body limit of a route that takes a file (the API's own is far smaller)."""
    return settings.attachment_max_bytes + MULTIPART_ENVELOPE


class AttachmentCorrupted(AppError):
    status = 500
    default_code = "attachment_corrupted"
    title = "Stored file damaged"


class StoredFileColumns:
    """What a row says of a stored file; its bytes live in storage under `storage_key`."""

    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(255))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by: Mapped[str | None] = mapped_column(String(200))


class StoredFile(Protocol):
    """A row of a stored file, as the shared helpers read it."""

    id: uuid.UUID
    filename: str
    content_type: str
    sha256: str
    storage_key: str


class AttachedFile(StoredFileColumns):
    """A file row of a resource: what it is, and the unit its audit events fall in (the parent's,
    set where the row is written or loaded: the row itself does not keep it)."""

    if TYPE_CHECKING:
        # The table's primary key (`UUIDPrimaryKey`), mapped by the model.
        id: Mapped[uuid.UUID]

    __allow_unmapped__ = True
    audit_unit_id: uuid.UUID | None = None


F = TypeVar("F", bound=AttachedFile)
After = Callable[[Deferred], None]


class FileUpload(Params):
    """The multipart form of an upload: the file."""

    file: UploadFile = Field(
        examples=["%PDF-1.7 …"],
        description="PDF, PNG, JPEG, TIFF, DOCX, XLSX or UTF-8 text, at most `QCDC_ATTACHMENT_MAX_BYTES` "
        "(20 MiB by default). The type is read from the content; a name or declared type naming "
        "another type is refused.",
    )


class FileRead(Schema):
    """A stored file: its detected type, size and digest (its download's `ETag`)."""

    id: uuid.UUID = Field(examples=["6d8f0a2c-4e6a-4c8e-9f1b-3d5f7a9c1e3b"])
    filename: str = Field(examples=["bien-ban-kiem-tra.pdf"])
    content_type: str = Field(examples=["application/pdf"])
    size: int = Field(examples=[183244])
    sha256: str = Field(examples=["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"])
    uploaded_at: datetime = Field(examples=["2026-09-09T10:00:00Z"])
    uploaded_by: str | None = Field(examples=["officer-a"])


@dataclass(frozen=True)
class Upload:
    """An upload's bytes (at most one byte over the limit, enough to refuse it) and what the client
    said of them."""

    data: bytes
    filename: str | None
    declared_type: str | None
    max_bytes: int


# A route's multipart parameter.
UploadForm = Annotated[FileUpload, Form(media_type="multipart/form-data")]


async def read_upload(form: FileUpload, settings: Settings, max_bytes: int | None = None) -> Upload:
    """The form's file, read up to one byte past `max_bytes` (`QCDC_ATTACHMENT_MAX_BYTES` unless given)."""
    limit = settings.attachment_max_bytes if max_bytes is None else max_bytes
    return Upload(
        data=await form.file.read(limit + 1),
        filename=form.file.filename,
        declared_type=form.file.content_type,
        max_bytes=limit,
    )


@dataclass(frozen=True)
class Download(Generic[F]):
    """A file and its verified bytes."""

    attachment: F
    data: bytes


@dataclass(frozen=True)
class Stored:
    """An upload that passed the checks, its bytes stored: the columns of its row."""

    filename: str
    content_type: str
    size: int
    sha256: str
    storage_key: str

    def columns(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
            "storage_key": self.storage_key,
        }


def delete_after(
    session: AsyncSession,
    storage: Storage,
    after_transaction: Callable[[Deferred], None],
    key: str,
    *,
    if_committed: bool,
) -> None:
    """Once the request is over, delete the stored file `key` if its transaction committed (a
    removal) or if it did not (a stored file of a refused upload must go; one of a removal that
    rolled back must stay)."""
    state = {"committed": False}

    def mark(_: SyncSession) -> None:
        state["committed"] = True

    event.listen(session.sync_session, "after_commit", mark)

    async def delete() -> None:
        if state["committed"] == if_committed:
            await storage.delete(key)

    after_transaction(delete)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _inspect(data: bytes, filename: str, declared_type: str | None) -> tuple[filetypes.FileType, str]:
    return filetypes.detect(data, filename, declared_type), _sha256(data)


async def store(
    session: AsyncSession,
    storage: Storage,
    after_transaction: Callable[[Deferred], None],
    *,
    data: bytes,
    filename: str | None,
    declared_type: str | None,
    max_bytes: int,
) -> Stored:
    """Check an upload (413 over `max_bytes`, 422 `empty_file`, 415 `unsupported_file_type`) and
    store its bytes; they are deleted again unless the request's transaction commits."""
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"The file exceeds the limit of {max_bytes} bytes.", extra={"max_bytes": max_bytes}
        )
    if not data:
        raise ValidationFailed(
            "The file is empty.",
            code="empty_file",
            errors=[FieldError(field="file", code="empty_file", message="no bytes")],
        )
    name = filetypes.clean_filename(filename)
    # Hashing and unzipping 20 MiB take tens of milliseconds: off the event loop.
    kind, sha256 = await anyio.to_thread.run_sync(_inspect, data, name, declared_type)
    key = new_key()
    await storage.put(key, data)
    delete_after(session, storage, after_transaction, key, if_committed=False)
    return Stored(
        filename=filetypes.with_extension(name, kind),
        content_type=kind.content_type,
        size=len(data),
        sha256=sha256,
        storage_key=key,
    )


async def attach(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after: After,
    upload: Upload,
    row: Callable[..., F],
    audit_unit_id: uuid.UUID,
) -> F:
    """Store the bytes (`store`), then record the file as `row(**columns)`, audited in `audit_unit_id`."""
    stored = await store(
        session,
        storage,
        after,
        data=upload.data,
        filename=upload.filename,
        declared_type=upload.declared_type,
        max_bytes=upload.max_bytes,
    )
    attachment = row(id=uuid.uuid4(), **stored.columns(), uploaded_by=principal.name)
    attachment.audit_unit_id = audit_unit_id
    session.add(attachment)
    await session.flush()
    return attachment


async def remove(
    session: AsyncSession, storage: Storage, after: After, attachment: StoredFile, if_match: str | None
) -> None:
    """Remove a file's row (`If-Match`: its `ETag`, when given); the bytes go once the removal commits."""
    check_tag(if_match, file_etag(attachment))
    key = attachment.storage_key
    await session.delete(attachment)
    await session.flush()
    delete_after(session, storage, after, key, if_committed=True)


class FileRepository(Repository[F, Any]):
    """The files of one parent row, which the caller loaded inside the principal's sight; their
    audit events fall in the unit it names."""

    not_found_code = "attachment_not_found"
    noun = "Attachment"
    # The column naming the parent row.
    parent: ClassVar[InstrumentedAttribute[uuid.UUID]]

    async def of(self, parent_id: uuid.UUID, attachment_id: uuid.UUID, *, unit_id: uuid.UUID) -> F:
        """One file of the parent (404 `attachment_not_found` otherwise)."""
        # Through the class: the column's descriptor read on an instance would look for a row's value.
        parent = type(self).parent
        found: F | None = await self.session.scalar(
            self.select().where(parent == parent_id, self.model.id == attachment_id)
        )
        if found is None:
            raise self.not_found(attachment_id)
        found.audit_unit_id = unit_id
        return found

    async def listed_for(self, parent_id: uuid.UUID, *, unit_id: uuid.UUID) -> list[F]:
        """The parent's files, oldest first."""
        rows: list[F] = list(
            await self.session.scalars(
                self.select()
                .where(type(self).parent == parent_id)
                .order_by(self.model.uploaded_at, self.model.id)
            )
        )
        for row in rows:
            row.audit_unit_id = unit_id
        return rows


async def read_verified(storage: Storage, stored: StoredFile) -> bytes:
    """The file's bytes, refused (500 `attachment_corrupted`) when they no longer match their digest."""
    data = await storage.read(stored.storage_key)
    if await anyio.to_thread.run_sync(_sha256, data) != stored.sha256:
        log.error("attachment_corrupted", attachment_id=str(stored.id), storage_key=stored.storage_key)
        raise AttachmentCorrupted(
            "The stored file no longer matches its digest; it was not sent. Quote the request id to an administrator."
        )
    return data


async def fetch(storage: Storage, attachment: F) -> Download[F]:
    """A file with its bytes, verified (`read_verified`)."""
    return Download(attachment, await read_verified(storage, attachment))


def file_etag(stored: StoredFile) -> str:
    """A file never changes: its digest is its tag."""
    return f'"{stored.sha256}"'


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the exact one in RFC 5987 form, which every
    current browser prefers: `Quyết định 12.pdf` arrives as written."""
    ascii_name = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in fold(filename))
    exact = quote(filename, safe="!#$&+-.^_`|~")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{exact}"


def download(stored: StoredFile, data: bytes, *, cache_control: str = "private, no-cache") -> Response:
    """The file as uploaded, always as a download (never rendered in the page)."""
    return Response(
        content=data,
        media_type=stored.content_type,
        headers={
            "Content-Disposition": content_disposition(stored.filename),
            "ETag": file_etag(stored),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": cache_control,
        },
    )


# The 200 of a download route, for its `responses=`.
DOWNLOADED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file's bytes, with the type detected at upload (`application/pdf`, "
        "`image/png`, `image/jpeg`, `image/tiff`, DOCX, XLSX or `text/plain; charset=utf-8`).",
        # Served with the type detected at upload, one of these.
        "content": {
            t.content_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
            for t in filetypes.ACCEPTED
        },
        "headers": {
            "ETag": {"description": "The file's SHA-256, quoted.", "schema": {"type": "string"}},
            "Content-Disposition": {
                "description": "`attachment`, with the name in RFC 5987 form (`filename*`).",
                "schema": {"type": "string"},
            },
        },
    }
}
# The problem codes of an upload, whatever the resource.
UPLOAD_CODES: dict[int, list[str]] = {
    413: ["payload_too_large"],
    415: ["unsupported_file_type"],
    422: ["empty_file", "idempotency_key_reused"],
}


async def _storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Files = Annotated[Storage, Depends(_storage)]
AppSettings = Annotated[Settings, Depends(_settings)]
