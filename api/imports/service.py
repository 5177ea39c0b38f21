"""Running an import: a decoded file through a resource's mapping, row by row or in its mapping's
batches, in one transaction (docs/imports.md).

Each row (or batch) is applied inside a savepoint, so a bad row is undone alone and every row is
still checked; what the transaction keeps depends on the mode: a dry run keeps nothing, `all` keeps
everything or nothing, `valid` keeps the good rows. Rows go through the resource's own service
functions with the asker's principal (same rules, jurisdiction and audit as the API).
"""

import importlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import IO, Any

import anyio
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import filetypes
from api.core.access import Principal
from api.core.errors import (
    AppError,
    Conflict,
    FieldError,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    UnsupportedMediaType,
    ValidationFailed,
    invalid_field,
)
from api.core.files import delete_after
from api.core.importing import (
    Applied,
    Bound,
    CellError,
    Importer,
    Mapping,
    NumberedRow,
    Outcome,
    RowError,
    bind,
)
from api.core.permissions import Permission
from api.core.settings import Settings
from api.core.storage import Storage, new_key
from api.core.unit_of_work import Deferred
from api.imports import templates
from api.imports.readers import Decoded, FileRefused, ImportFormat, Limits, TooLong, check_zip, decode, sniff
from api.jobs import service as jobs
from api.jobs.models import Job, JobState
from api.jobs.repository import JobRepository

# The kind of the jobs that run imports (api/imports/jobs.py).
IMPORT = "import"

# The errors a result lists; the count says how many there were in all.
MAX_REPORTED_ERRORS = 1000


class ImportMode(StrEnum):
    ALL = "all"
    VALID = "valid"


_MAPPINGS: dict[str, Mapping] = {}


def mappings() -> dict[str, Mapping]:
    """Every importable resource's mapping, from the `MAPPINGS` of each domain's `imports.py`."""
    if not _MAPPINGS:
        from api.domains import DOMAINS

        for domain in DOMAINS:
            try:
                module = importlib.import_module(f"api.{domain.package}.imports")
            except ModuleNotFoundError as missing:
                if missing.name != f"api.{domain.package}.imports":
                    raise
                continue
            for mapping in getattr(module, "MAPPINGS", ()):
                _MAPPINGS[mapping.resource] = mapping
    return _MAPPINGS


def write_permissions() -> set[Permission]:
    """The permissions that import something: one of them lets a principal submit a file."""
    return {mapping.permission for mapping in mappings().values()}


def mapping_for(resource: str) -> Mapping | None:
    return mappings().get(resource)


def check_permission(principal: Principal, mapping: Mapping) -> None:
    if not principal.can(mapping.permission):
        raise PermissionDenied.lacking(mapping.permission.value)


@dataclass
class Report:
    resource: str
    format: str
    encoding: str
    dry_run: bool
    mode: ImportMode
    rows: int
    conversions: dict[str, str]
    ignored_columns: list[str]
    counts: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in Outcome} | {"failed": 0})
    errors: list[RowError] = field(default_factory=list)
    error_total: int = 0

    @property
    def applied(self) -> bool:
        """Whether the transaction is kept: not a dry run, and in `all` mode no row failed."""
        return not self.dry_run and (self.mode == ImportMode.VALID or self.counts["failed"] == 0)

    def add_errors(self, found: list[RowError]) -> None:
        self.error_total += len(found)
        self.errors.extend(found[: max(0, MAX_REPORTED_ERRORS - len(self.errors))])

    def as_dict(self) -> dict[str, Any]:
        return {
            "resource": self.resource,
            "format": self.format,
            "encoding": self.encoding,
            "dry_run": self.dry_run,
            "mode": self.mode.value,
            "applied": self.applied,
            "rows": self.rows,
            **self.counts,
            "conversions": [
                {"column": column, "from": reading} for column, reading in self.conversions.items()
            ],
            "ignored_columns": self.ignored_columns,
            "error_total": self.error_total,
            "errors": [error.as_dict() for error in self.errors],
        }


def _bind(mapping: Mapping, decoded: Decoded) -> Bound:
    bound = bind(mapping, decoded.headers)
    if bound.duplicates:
        name = bound.duplicates[0]
        raise FileRefused(
            "duplicate_header",
            f"Cột «{name}» lặp lại một cột đã có.",
            f"Column '{name}' repeats a column already given.",
        )
    if bound.missing:
        names = ", ".join(f"{c.header_vi} ({c.header_en})" for c in bound.missing)
        raise FileRefused(
            "missing_column",
            f"Thiếu cột bắt buộc: {names}.",
            f"Required columns are missing: {names}.",
        )
    return bound


def _values(
    number: int, mapping: Mapping, bound: Bound, cells: list[Any]
) -> tuple[dict[str, Any], list[RowError]]:
    """A row's cells parsed by their columns; empty cells are absent."""
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for column in mapping.columns:
        index = bound.indexes.get(column.key)
        cell = cells[index] if index is not None else None
        if cell is None:
            if column.required:
                errors.append(
                    RowError(
                        number,
                        column.header_vi,
                        "missing_value",
                        f"Thiếu giá trị ở cột bắt buộc «{column.header_vi}».",
                        f"The required column '{column.header_en}' is empty.",
                    )
                )
            continue
        if isinstance(cell, TooLong):
            errors.append(
                RowError(
                    number,
                    column.header_vi,
                    "cell_too_long",
                    f"Ô dài {cell.length} ký tự, quá giới hạn 32.767.",
                    f"The cell has {cell.length} characters, over the limit of 32,767.",
                )
            )
            continue
        if isinstance(cell, dict | list):
            errors.append(
                RowError(
                    number, column.header_vi, "invalid_value", "Giá trị không hợp lệ.", "Not a plain value."
                )
            )
            continue
        try:
            values[column.key] = column.parser(cell)
        except CellError as error:
            errors.append(RowError(number, column.header_vi, error.code, error.message_vi, error.message_en))
    return values, errors


Progress = Callable[[int, int], Awaitable[None]]


def _chunks(rows: Iterable[tuple[int, list[Any]]], size: int) -> Iterator[list[tuple[int, list[Any]]]]:
    """The file's rows `size` at a time, read as they are needed (a file is never held whole)."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


async def _apply(by: Importer, mapping: Mapping, rows: list[NumberedRow]) -> list[Applied]:
    """What became of each row: a batch in a savepoint of its own, which, should the database
    refuse it (a record another transaction wrote meanwhile), is undone and the rows applied one
    by one, each then with its own answer."""
    if len(rows) < 2:
        return [await mapping.apply_one(by, number, values) for number, values in rows]
    try:
        async with by.session.begin_nested():
            return await mapping.apply_many(by, rows)
    except DBAPIError:
        return await Mapping.apply_many(mapping, by, rows)


class _PlansAsTablesGrow:
    """Has PostgreSQL plan the import's statements again each time the rows applied double. A
    file can grow a table a hundredfold in its one transaction, and a plan cached while a table
    was small is kept: the foreign-key checks' above all, a child row's check of its case's key,
    which then read the table whole, once per row written (a million-case import slowed down as
    its tables grew). `DISCARD PLANS` makes each cached plan again, for the tables as they are
    now. Forcing a new plan for every statement (`plan_cache_mode`) cost PostgreSQL a fifth of
    its time per case; planning at 1, 2, 4… thousand rows costs it a few dozen plans in all
    (bench/README.md)."""

    def __init__(self, session: AsyncSession, first: int) -> None:
        self.session = session
        self.postgresql = session.get_bind().dialect.name == "postgresql"
        self.next = first

    async def after(self, done: int) -> None:
        if self.postgresql and done >= self.next:
            await self.session.execute(text("DISCARD PLANS"))
            self.next = 2 * done


async def run(
    by: Importer,
    mapping: Mapping,
    decoded: Decoded,
    *,
    mode: ImportMode,
    dry_run: bool,
    progress: Progress,
) -> Report:
    """Apply every row (each alone or in its mapping's batches, in savepoints) and report; the
    caller keeps the transaction only if `report.applied`."""
    check_permission(by.principal, mapping)
    bound = _bind(mapping, decoded)
    report = Report(
        resource=mapping.resource,
        format=decoded.format.value,
        encoding=decoded.encoding,
        dry_run=dry_run,
        mode=mode,
        rows=decoded.total,
        conversions=decoded.conversions,
        ignored_columns=bound.ignored,
    )
    plans = _PlansAsTablesGrow(by.session, mapping.batch_size)
    await progress(0, decoded.total)
    done = 0
    for chunk in _chunks(decoded.rows(), mapping.batch_size):
        valid: list[NumberedRow] = []
        for number, cells in chunk:
            values, errors = _values(number, mapping, bound, cells)
            if errors:
                report.counts["failed"] += 1
                report.add_errors(errors)
            else:
                valid.append((number, values))
        for applied in await _apply(by, mapping, valid):
            if isinstance(applied, Outcome):
                report.counts[applied.value] += 1
            else:
                report.counts["failed"] += 1
                report.add_errors(applied)
        done += len(chunk)
        await plans.after(done)
        await progress(done, decoded.total)
    return report


def _problem(error: FileRefused) -> AppError:
    detail = f"{error.message_en} ({error.message_vi})"
    if error.code in ("unsupported_import_format", "unreadable_file"):
        return UnsupportedMediaType(detail, code=error.code)
    if error.code == "zip_bomb":
        return PayloadTooLarge(detail, code=error.code)
    return ValidationFailed(
        detail, code=error.code, errors=[FieldError(field="file", code=error.code, message=error.message_en)]
    )


def _first_look(file: Path, max_unpacked_bytes: int) -> None:
    if sniff(file) == ImportFormat.XLSX:
        check_zip(file, max_unpacked_bytes, unpack=False)


@dataclass(frozen=True)
class Incoming:
    """An import's file as the request received it: the server spooled it (to disk past a
    megabyte), and it is copied on in chunks, never read whole into memory."""

    stream: IO[bytes]
    size: int
    filename: str | None


def _spool(stream: IO[bytes], folder: Path) -> Path:
    """The upload copied to a file of its own beside the storage (which then takes it over)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, prefix=".import-")
    with os.fdopen(fd, "wb") as out:
        stream.seek(0)
        shutil.copyfileobj(stream, out, 1024 * 1024)
    return Path(name)


async def submit(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after_transaction: Callable[[Deferred], None],
    settings: Settings,
    upload: Incoming,
    *,
    resource: str,
    mode: ImportMode,
    dry_run: bool,
) -> Job:
    """Check an import's file as far as is quick (size, format, an XLSX's declared sizes), store it
    and record its job (run by the worker as `principal`). The caller enqueues the job once the
    request has committed; the file is deleted again if it does not."""
    mapping = mapping_for(resource)
    if mapping is None:
        raise invalid_field(
            "resource",
            "unknown_import_resource",
            f"Nothing imports {resource!r}; importable: {', '.join(sorted(mappings()))}.",
        )
    check_permission(principal, mapping)
    if upload.size > settings.import_max_bytes:
        raise PayloadTooLarge(
            f"The file exceeds the limit of {settings.import_max_bytes} bytes.",
            extra={"max_bytes": settings.import_max_bytes},
        )
    spooled = await anyio.to_thread.run_sync(_spool, upload.stream, settings.data_dir)
    try:
        await anyio.to_thread.run_sync(_first_look, spooled, settings.import_max_unpacked_bytes)
        key = new_key()
        await storage.put_file(key, spooled)
    except FileRefused as error:
        raise _problem(error) from error
    finally:
        spooled.unlink(missing_ok=True)
    delete_after(session, storage, after_transaction, key, if_committed=False)
    return await jobs.submit(
        session,
        principal,
        IMPORT,
        {
            "resource": resource,
            "mode": mode.value,
            "dry_run": dry_run,
            "storage_key": key,
            "filename": filetypes.clean_filename(upload.filename),
            "size": upload.size,
        },
    )


def limits(settings: Settings) -> Limits:
    return Limits(max_rows=settings.import_max_rows, max_unpacked_bytes=settings.import_max_unpacked_bytes)


async def error_report(
    session: AsyncSession, principal: Principal, storage: Storage, settings: Settings, job_id: uuid.UUID
) -> tuple[bytes, str]:
    """The error report of one's own finished import (`templates.error_report`) and its file name."""
    job = await JobRepository(session, principal).get(job_id)
    if job.kind != IMPORT:
        raise NotFound(f"Job {job_id} is no import.", code="job_not_found")
    if job.state != JobState.SUCCEEDED or not job.result:
        raise Conflict(
            "The import has not finished, or failed as a whole (see its error): there are no rows to report.",
            code="import_report_unavailable",
        )
    key = job.params.get("storage_key")
    try:
        data = await storage.read(str(key)) if key else None
    except FileNotFoundError:
        data = None
    if data is None:
        raise Conflict(
            "The imported file has been deleted (kept QCDC_JOB_FILE_RETENTION_HOURS after the import): "
            "its error report is gone; the job's result still lists the errors.",
            code="import_report_unavailable",
        )
    try:
        decoded = await anyio.to_thread.run_sync(decode, data, limits(settings))
    except FileRefused as error:
        raise Conflict(error.message_en, code="import_report_unavailable") from error
    mapping = mapping_for(str(job.params["resource"]))
    if mapping is None:
        raise Conflict("Nothing imports this job's resource any more.", code="import_report_unavailable")
    report = await anyio.to_thread.run_sync(
        templates.error_report, decoded, list(job.result.get("errors", [])), mapping
    )
    stem = str(job.params.get("filename") or "import").rsplit(".", 1)[0]
    return report, f"loi-{stem}.xlsx"
