"""Every list as a file: `format=csv|xlsx|ndjson` (or `Accept`) on any list operation.

A list route gains its export by one line, `@exportable` under its `@router.get(...)`. The export
is the list itself walked to its end: the endpoint is called again and again with the same filters
and sort, its cursor moved on, `MAX_LIMIT` items at a time. So the rows come from the very
statement the page is cut from (`Repository.listed()` through `page()`, inside the principal's
jurisdiction) and pass through the same Read schema as the JSON list: an export holds exactly the
fields a page shows, and nothing a page hides (a denouncer's identity is in no Read schema of a
list). Each batch is one keyset range scan, so memory stays that of one page whatever the size,
and no server-side cursor is held open while a slow client downloads.

The file is written to a temporary file (xlsxwriter's `constant_memory` mode needs one; CSV and
NDJSON use one too, so that a refusal found halfway — too many rows — is still a clean problem and
never a truncated download), then streamed and deleted. Writing runs in a thread, batch by batch,
so a large workbook does not stall the event loop.

Above `QCDC_EXPORT_SYNC_MAX_ROWS` (counted by the list's own count, `include_total`) the answer is
422 `export_too_large`. Reads are not audited (only confidential reads are, `audited_read`), and an
export is a read of what the lists already show.
"""

import csv
import functools
import inspect
import json
import os
import re
import tempfile
import types
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import IO, Annotated, Any, Union, get_args, get_origin

import anyio
import xlsxwriter
from fastapi import Request
from pydantic import BaseModel
from starlette.responses import StreamingResponse

from api.core import clock
from api.core.errors import ValidationFailed
from api.core.pagination import MAX_LIMIT, ExportFormat, PageQuery
from api.core.schemas import Page

_CHUNK = 64 * 1024
# Set on a list endpoint that answers files too (api/core/openapi.py documents them).
EXPORTABLE = "__qcdc_exportable__"

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES: dict[ExportFormat, str] = {
    ExportFormat.CSV: "text/csv",
    ExportFormat.XLSX: XLSX_MEDIA_TYPE,
    ExportFormat.NDJSON: "application/x-ndjson",
}
_FORMAT_OF_MEDIA = {media: fmt for fmt, media in MEDIA_TYPES.items()} | {
    "application/json": ExportFormat.JSON
}

# Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection"): a value a
# citizen typed (`=HYPERLINK(...)`) must reach an official's Excel as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")

# Column headers of the XLSX files, by field (or dotted path); a field not here keeps its name.
# One map for every list: the same field means the same thing in every domain.
HEADERS: dict[str, str] = {
    "id": "Mã định danh",
    "code": "Mã",
    "name": "Tên",
    "full_name": "Họ và tên",
    "username": "Tên đăng nhập",
    "email": "Thư điện tử",
    "kind": "Loại",
    "status": "Trạng thái",
    "state": "Trạng thái",
    "title": "Tiêu đề",
    "subject": "Nội dung tóm tắt",
    "content": "Nội dung",
    "category": "Lĩnh vực",
    "channel": "Hình thức tiếp nhận",
    "reference": "Số hồ sơ",
    "received_on": "Ngày nhận",
    "due_on": "Hạn xử lý",
    "settled_on": "Ngày giải quyết",
    "settled_on_time": "Giải quyết đúng hạn",
    "closed_on": "Ngày kết thúc",
    "issued_on": "Ngày ban hành",
    "held_on": "Ngày tiếp",
    "dated_on": "Ngày thực hiện",
    "planned_on": "Ngày dự kiến",
    "established_on": "Ngày thành lập",
    "dissolved_on": "Ngày giải thể",
    "effective_date": "Ngày hiệu lực",
    "valid_from": "Hiệu lực từ",
    "valid_to": "Hiệu lực đến",
    "created_at": "Thời điểm tạo",
    "updated_at": "Thời điểm cập nhật",
    "occurred_at": "Thời điểm",
    "unit": "Đơn vị",
    "unit_id": "Mã định danh đơn vị",
    "team_id": "Mã định danh đoàn",
    "committee_id": "Mã định danh Ban",
    "parent_id": "Đơn vị cấp trên",
    "receiving_unit": "Đơn vị tiếp nhận",
    "handling_unit": "Đơn vị giải quyết",
    "owner_unit": "Đơn vị thực hiện",
    "organising_unit": "Đơn vị tổ chức",
    "addressee_unit": "Đơn vị được kiến nghị",
    "is_active": "Đang hoạt động",
    "roles": "Vai trò",
    "grants": "Quyền riêng",
    "scopes": "Phạm vi",
    "legal_basis": "Căn cứ pháp lý",
    "decision_number": "Số quyết định",
    "decision_signer": "Người ký quyết định",
    "document_number": "Số văn bản",
    "note": "Ghi chú",
    "notes": "Ghi chú",
    "place": "Địa điểm",
    "year": "Năm",
    "period": "Kỳ",
    "action": "Hành động",
    "actor_name": "Người thực hiện",
    "investor": "Chủ đầu tư",
    "total_investment": "Tổng mức đầu tư",
    "capital_source": "Nguồn vốn",
    "locations": "Địa bàn",
    "predecessors": "Đơn vị trước",
    "successors": "Đơn vị sau",
    "within_authority": "Thuộc thẩm quyền",
    "outcome": "Kết quả",
    "answer": "Trả lời",
    "topics": "Chủ đề",
    "findings": "Phát hiện",
    "host_name": "Người chủ trì",
    "citizens_received": "Số lượt công dân",
    "cases_received": "Số vụ việc",
    "external_ref": "Mã hệ thống nguồn",
    "external_ref.source": "Hệ thống nguồn",
}


def label(path: str) -> str:
    """A column's Vietnamese header: its own, else its parts' (`unit.name` → `Đơn vị / Tên`)."""
    if path in HEADERS:
        return HEADERS[path]
    return " / ".join(HEADERS.get(part, part) for part in path.split("."))


def export_too_large(total: int, limit: int) -> ValidationFailed:
    return ValidationFailed(
        f"Có {total} dòng, quá {limit} dòng xuất trực tiếp: hãy thu hẹp bộ lọc hoặc xuất qua tác vụ nền "
        f"(POST /api/v1/exports). / {total} rows match, more than the {limit} exported in the request: "
        "narrow the filters, or export through a job (POST /api/v1/exports with this list's path).",
        code="export_too_large",
    )


@dataclass(frozen=True)
class JobExport:
    """An export a job runs (api/exports/): its own row limit, and where it tells its progress."""

    max_rows: int
    progress: Callable[[int, int], Awaitable[None]]


# Set by the export job around the request it makes to itself: the list's export then takes the
# job's limit instead of the request's, and reports its rows as it writes them.
job_export: ContextVar[JobExport | None] = ContextVar("job_export", default=None)


def requested_format(request: Request, query: PageQuery) -> ExportFormat:
    """`format=` if given, else the media type of `Accept` this API answers a list in that the
    client prefers (highest `q`, then first named); JSON when none is named: `*/*`, a browser's,
    a client's that knows nothing of files."""
    if query.format is not None:
        return query.format
    offered: list[tuple[float, ExportFormat]] = []
    for part in request.headers.get("accept", "").split(","):
        media, *parameters = (piece.strip().lower() for piece in part.split(";"))
        if media in _FORMAT_OF_MEDIA:
            offered.append((_quality(parameters), _FORMAT_OF_MEDIA[media]))
    wanted = [fmt for q, fmt in sorted(offered, key=lambda found: -found[0]) if q > 0]
    return wanted[0] if wanted else ExportFormat.JSON


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def exportable(endpoint: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Make a list endpoint (its query a `PageQuery`, its answer a `Page`) answer files as well."""
    signature = inspect.signature(endpoint)
    query_names = [name for name, p in signature.parameters.items() if _is_page_query(p.annotation)]
    if len(query_names) != 1:
        raise TypeError(f"{endpoint.__name__}: an exportable list takes one PageQuery parameter")
    query_name = query_names[0]
    request_name = "export_request"

    @functools.wraps(endpoint)
    async def answer(*args: Any, **kwargs: Any) -> Any:
        request: Request = kwargs.pop(request_name)
        query: PageQuery = kwargs[query_name]
        fmt = requested_format(request, query)
        if fmt is ExportFormat.JSON:
            return await endpoint(*args, **kwargs)

        async def page(batch: PageQuery) -> Page[Any]:
            found: Page[Any] = await endpoint(*args, **{**kwargs, query_name: batch})
            return found

        return await export(request, query, fmt, page)

    answer.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[
            *signature.parameters.values(),
            inspect.Parameter(request_name, inspect.Parameter.KEYWORD_ONLY, annotation=Request),
        ]
    )
    setattr(answer, EXPORTABLE, True)
    return answer


def _is_page_query(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return isinstance(annotation, type) and issubclass(annotation, PageQuery)


async def export(
    request: Request,
    query: PageQuery,
    fmt: ExportFormat,
    page: Callable[[PageQuery], Awaitable[Page[Any]]],
) -> StreamingResponse:
    """Every item of the list `query` describes, as a `fmt` file answered as an attachment."""
    job = job_export.get()
    limit: int = job.max_rows if job else request.app.state.settings.export_sync_max_rows
    batch = query.model_copy(update={"limit": MAX_LIMIT, "cursor": None, "include_total": True})
    found = await page(batch)
    total = found.total or 0
    if total > limit:
        raise export_too_large(total, limit)
    resource = _resource(request)
    handle, path = tempfile.mkstemp(prefix="qcdc-export-", suffix=f".{fmt.value}")
    os.close(handle)
    try:
        writer = WRITERS[fmt](path, _item_type(found), resource)
        written = 0
        while True:
            written += len(found.items)
            if written > limit:
                raise export_too_large(written, limit)
            await anyio.to_thread.run_sync(writer.write, found.items)
            if job is not None:
                await job.progress(written, max(total, written))
            if found.next_cursor is None:
                break
            batch = batch.model_copy(update={"cursor": found.next_cursor, "include_total": False})
            found = await page(batch)
        await anyio.to_thread.run_sync(writer.close)
    except BaseException:
        os.unlink(path)
        raise
    filename = f"{resource}-{clock.today():%Y%m%d}.{fmt.value}"
    media_type = MEDIA_TYPES[fmt] + ("; charset=utf-8" if fmt is not ExportFormat.XLSX else "")
    return StreamingResponse(
        _chunks(path),
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Content-Length": str((await anyio.Path(path).stat()).st_size),
        },
    )


async def _chunks(path: str) -> AsyncIterator[bytes]:
    """The file, a chunk at a time, deleted once sent (or once the client has gone)."""
    try:
        async with await anyio.open_file(path, "rb") as file:
            while chunk := await file.read(_CHUNK):
                yield chunk
    finally:
        os.unlink(path)


def _resource(request: Request) -> str:
    """What the file is named after: the list operation's id without `-list` (`petitions`,
    `committees-activities`)."""
    route = request.scope.get("route")
    operation = getattr(route, "operation_id", None) or request.url.path.rstrip("/").rsplit("/", 1)[-1]
    return str(operation).removesuffix("-list")


def _item_type(page: Page[Any]) -> type[BaseModel]:
    item: type[BaseModel] = type(page).__pydantic_generic_metadata__["args"][0]
    return item


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (through `Annotated` and `X | None`), None for anything else (a list
    of models is one column)."""
    if get_origin(annotation) is Annotated:
        return _model_of(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _model_of(options[0]) if len(options) == 1 else None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def columns(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The flat columns of a schema, as paths into its JSON: a nested object's fields each a column
    of their own (`unit.name`), in the schema's order."""
    found: list[tuple[str, ...]] = []
    fields: dict[str, Any] = {
        (f.serialization_alias or f.alias or name): f.annotation for name, f in model.model_fields.items()
    }
    fields |= {name: f.return_type for name, f in model.model_computed_fields.items()}
    for key, annotation in fields.items():
        inner = _model_of(annotation)
        if inner is not None and len(prefix) < 3:
            found.extend(columns(inner, (*prefix, key)))
        else:
            found.append((*prefix, key))
    return found


def _at(data: Mapping[str, Any], path: Sequence[str]) -> Any:
    value: Any = data
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def neutralised(text: str) -> str:
    """Text a spreadsheet shows as typed, never runs as a formula (a plain number, `-5`, is none)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) and not _NUMBER.match(text) else text


def restored(text: str) -> str:
    """Text as it was before `neutralised`: an import reads an exported file back unchanged."""
    rest = text[1:]
    return (
        rest
        if text.startswith("'") and rest.startswith(_FORMULA_STARTS) and not _NUMBER.match(rest)
        else text
    )


def _joined(values: Iterable[Any]) -> str:
    """A list in one cell: its items joined with "; ", an object by its name where it has one."""
    parts = []
    for value in values:
        if isinstance(value, Mapping):
            value = value.get("name") or json.dumps(value, ensure_ascii=False, default=str)
        parts.append("" if value is None else str(value.value if isinstance(value, Enum) else value))
    return "; ".join(parts)


def text_cell(value: Any) -> str:
    """A JSON value as CSV writes it: as in the JSON list (`true`, ISO dates), lists joined, empty for
    null, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return neutralised(_joined(value))
    if isinstance(value, Mapping):
        return neutralised(json.dumps(value, ensure_ascii=False))
    if isinstance(value, str):
        return neutralised(value)
    return str(value)


class _Writer:
    def __init__(self, path: str, model: type[BaseModel], resource: str) -> None:
        self.path = path
        self.resource = resource
        self.columns = columns(model)

    def write(self, items: list[BaseModel]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class CsvWriter(_Writer):
    """UTF-8 with a BOM, so that Excel opens Vietnamese text as such; the header row is the fields'
    JSON names, as an import reads them."""

    def __init__(self, path: str, model: type[BaseModel], resource: str) -> None:
        super().__init__(path, model, resource)
        self.file: IO[str] = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self.csv = csv.writer(self.file)
        self.csv.writerow([".".join(c) for c in self.columns])

    def write(self, items: list[BaseModel]) -> None:
        for item in items:
            data = item.model_dump(mode="json", by_alias=True)
            self.csv.writerow([text_cell(_at(data, c)) for c in self.columns])

    def close(self) -> None:
        self.file.close()


class NdjsonWriter(_Writer):
    """One object per line, exactly the JSON list's item."""

    def __init__(self, path: str, model: type[BaseModel], resource: str) -> None:
        super().__init__(path, model, resource)
        self.file: IO[str] = open(path, "w", encoding="utf-8")  # noqa: SIM115

    def write(self, items: list[BaseModel]) -> None:
        self.file.writelines(item.model_dump_json(by_alias=True) + "\n" for item in items)

    def close(self) -> None:
        self.file.close()


class XlsxWriter(_Writer):
    """Vietnamese headers, typed cells (dates as dates, dd/mm/yyyy; times in Vietnam's), a frozen
    header row, an auto-filter and widths fitted to the first rows; `constant_memory` writes each
    row out as soon as the next one starts."""

    def __init__(self, path: str, model: type[BaseModel], resource: str) -> None:
        super().__init__(path, model, resource)
        self.book = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "tmpdir": tempfile.gettempdir(),
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.sheet = self.book.add_worksheet(self.resource[:31])
        self.header = self.book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True})
        self.date = self.book.add_format({"num_format": "dd/mm/yyyy"})
        self.datetime = self.book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
        self.row = 0

    def _start(self, rows: list[list[Any]]) -> None:
        """Widths from the header and the first batch (constant memory writes no row twice)."""
        headers = [label(".".join(c)) for c in self.columns]
        for i, header in enumerate(headers):
            longest = max([len(header), *(len(_shown(r[i])) for r in rows)])
            self.sheet.set_column(i, i, min(max(longest + 2, 10), 60))
        self.sheet.set_row(0, None, self.header)
        for i, header in enumerate(headers):
            self.sheet.write_string(0, i, header, self.header)
        self.sheet.freeze_panes(1, 0)
        self.row = 1

    def write(self, items: list[BaseModel]) -> None:
        rows = [[_at(item.model_dump(by_alias=True), c) for c in self.columns] for item in items]
        if self.row == 0:
            self._start(rows)
        for values in rows:
            for col, value in enumerate(values):
                self._cell(self.row, col, value)
            self.row += 1

    def _cell(self, row: int, col: int, value: Any) -> None:
        match value:
            case None:
                return
            case bool():
                self.sheet.write_boolean(row, col, value)
            case int() | float() | Decimal():
                self.sheet.write_number(row, col, float(value))
            case datetime():
                local = value.astimezone(clock.VIETNAM).replace(tzinfo=None) if value.tzinfo else value
                self.sheet.write_datetime(row, col, local, self.datetime)
            case date():
                self.sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), self.date)
            case _:
                self.sheet.write_string(row, col, neutralised(_shown(value)))

    def close(self) -> None:
        if self.row == 0:
            self._start([])
        self.sheet.autofilter(0, 0, self.row - 1, max(len(self.columns) - 1, 0))
        self.book.close()


def _shown(value: Any) -> str:
    """A value as a cell's text (before neutralising)."""
    match value:
        case None:
            return ""
        case Enum():
            return str(value.value)
        case uuid.UUID():
            return str(value)
        case list():
            return _joined(value)
        case Mapping():
            return json.dumps(value, ensure_ascii=False, default=str)
        case _:
            return str(value)


WRITERS: dict[ExportFormat, type[_Writer]] = {
    ExportFormat.CSV: CsvWriter,
    ExportFormat.XLSX: XlsxWriter,
    ExportFormat.NDJSON: NdjsonWriter,
}
