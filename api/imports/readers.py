"""Reading an import file as rows of cells under its headers, whatever its format (docs/imports.md).

XLSX (the first sheet, read by calamine: formulas as their cached values, dates as dates), CSV
(UTF-8 with or without a BOM, UTF-16 with a BOM, else Windows-1258; the delimiter sniffed among
`,` `;` and tab) and NDJSON (one JSON object a line). The format is sniffed from the bytes, never
from the name. Text comes out in Unicode NFC; a column whose text reads as TCVN3 or VNI
(`api.imports.legacy.reading_of`) is converted, and the conversion reported per column.

Hostile files are refused with a `FileRefused` (a stable code, a Vietnamese and an English
message) before they cost memory or time out of proportion: an XLSX is a zip, whose sizes are
checked, declared and then actual, before calamine opens it; rows past `import_max_rows` and cells
past Excel's 32,767 characters are refused or flagged, and trailing empty rows are not rows.
"""

import codecs
import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from api.core.importing import ImportProblem
from api.imports import legacy

# Excel's own limit: a longer cell came from something that is not a spreadsheet of records.
MAX_CELL_CHARS = 32_767
# A member of an XLSX packed tighter than this is a zip bomb: real sheets pack at 10 to 100.
MAX_PACKING_RATIO = 1000
# Members smaller than this unpack to too little for their ratio to matter.
RATIO_FLOOR_BYTES = 1024 * 1024
# The cells per column the legacy-encoding decision reads (`legacy.reading_of` wants a sample).
SAMPLE_CELLS = 2000
CHUNK = 1024 * 1024
# A sheet whose XML unpacks to more than this is read a row at a time (openpyxl's read-only mode,
# in constant memory); a smaller one by calamine, ten times faster but holding the whole sheet:
# 35 MB per 20,000 petitions, 1.7 GB for a million (bench/imports.py).
STREAMED_SHEET_BYTES = 64 * 1024 * 1024
# Room for a cell past MAX_CELL_CHARS, so that it is reported as too long rather than as a broken file.
csv.field_size_limit(max(csv.field_size_limit(), 16 * MAX_CELL_CHARS))


class ImportFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    NDJSON = "ndjson"


class FileRefused(ImportProblem):
    """A file that cannot be imported at all."""


@dataclass(frozen=True)
class TooLong:
    """A cell over MAX_CELL_CHARS, kept as its length only (the mapping reports it)."""

    length: int


@dataclass(frozen=True)
class Limits:
    max_rows: int
    max_unpacked_bytes: int
    max_cell_chars: int = MAX_CELL_CHARS


RawRows = Callable[[], Iterator[tuple[int, list[Any]]]]


class Source:
    """An import's file: bytes in memory (a test's, a template's) or a file on disk (a stored
    upload), opened afresh for each pass over it, so that a file of a million rows is read as it
    is needed and never held whole."""

    def __init__(self, data: bytes | Path) -> None:
        self._data = data

    @property
    def path(self) -> Path | None:
        return self._data if isinstance(self._data, Path) else None

    def open(self) -> IO[bytes]:
        return io.BytesIO(self._data) if isinstance(self._data, bytes) else self._data.open("rb")

    def head(self, size: int = 65536) -> bytes:
        with self.open() as stream:
            return stream.read(size)

    def chunks(self) -> Iterator[bytes]:
        with self.open() as stream:
            while chunk := stream.read(CHUNK):
                yield chunk

    def text(self, encoding: str) -> io.TextIOWrapper:
        return io.TextIOWrapper(self.open(), encoding=encoding, newline="")


def source_of(data: bytes | Path | Source) -> Source:
    return data if isinstance(data, Source) else Source(data)


@dataclass
class Table:
    """What a file holds: its headers (the first row) and its data rows, readable more than once."""

    format: ImportFormat
    headers: list[str]
    rows: RawRows
    # CSV that is not UTF-8: its cells are its bytes read as Latin-1, decided per column below.
    eight_bit: bool = False
    encoding: str = "utf-8"


@dataclass
class Decoded:
    """A file ready for a mapping: headers, the conversions made per column, and its rows (the
    non-empty ones, with their row numbers as a spreadsheet shows them), readable more than once."""

    format: ImportFormat
    headers: list[str]
    total: int
    rows: RawRows
    encoding: str
    conversions: dict[str, str] = field(default_factory=dict)


def _refuse_format(what_vi: str, what_en: str) -> FileRefused:
    return FileRefused(
        "unsupported_import_format",
        f"Không nhận tệp {what_vi}: hãy lưu lại thành XLSX (Excel 2007 trở lên), CSV hoặc NDJSON.",
        f"{what_en} files are not accepted: save the file as XLSX (Excel 2007 or later), CSV or NDJSON.",
    )


def unreadable(reason_en: str) -> FileRefused:
    return FileRefused(
        "unreadable_file",
        "Không đọc được tệp: tệp hỏng hoặc không phải bảng tính, CSV hay NDJSON.",
        f"The file cannot be read: {reason_en}.",
    )


def sniff(file: bytes | Path | Source) -> ImportFormat:
    """The file's format from its first bytes; XLS, ODS and anything else not ours are refused."""
    source = source_of(file)
    data = source.head()
    if not data:
        raise FileRefused("empty_file", "Tệp rỗng.", "The file is empty.")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise _refuse_format("XLS (Excel 97-2003)", "XLS (Excel 97-2003)")
    if data.startswith(b"PK"):
        try:
            with source.open() as stream, zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
                    raise _refuse_format("ODS (LibreOffice, OpenOffice)", "ODS (LibreOffice, OpenOffice)")
        except zipfile.BadZipFile as exc:
            raise unreadable("a damaged zip archive") from exc
        if "xl/workbook.xml" not in names:
            raise unreadable("a zip archive that is no Excel workbook")
        return ImportFormat.XLSX
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ImportFormat.CSV
    if b"\x00" in data:
        raise unreadable("binary content, not text")
    if data.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{"):
        return ImportFormat.NDJSON
    return ImportFormat.CSV


def check_zip(file: bytes | Path | Source, max_unpacked_bytes: int, *, unpack: bool) -> None:
    """Refuse a zip that unpacks to more than `max_unpacked_bytes`, or whose members pack over
    MAX_PACKING_RATIO: first as declared, then (with `unpack`) as actually unpacked, a chunk at a
    time, since a declared size can lie."""
    bomb = FileRefused(
        "zip_bomb",
        f"Tệp XLSX giải nén ra quá lớn (quá {max_unpacked_bytes} byte hoặc nén bất thường): không đọc.",
        f"The XLSX unpacks to too much (over {max_unpacked_bytes} bytes, or packed abnormally tight): refused.",
    )
    try:
        with source_of(file).open() as raw, zipfile.ZipFile(raw) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > max_unpacked_bytes:
                raise bomb
            for member in members:
                if member.file_size > RATIO_FLOOR_BYTES and (
                    member.file_size > MAX_PACKING_RATIO * max(member.compress_size, 1)
                ):
                    raise bomb
            if not unpack:
                return
            total = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(CHUNK):
                        total += len(chunk)
                        if total > max_unpacked_bytes:
                            raise bomb
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise unreadable("a damaged zip archive") from exc


def _cell(value: Any, limit: int) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, str) and len(value) > limit:
        return TooLong(len(value))
    return value


def _header_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip() if value is not None else ""


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _headers(cells: list[Any]) -> list[str]:
    """The header row's names: trailing blanks dropped; a blank one between names is refused."""
    names = [_header_text(cell) for cell in cells]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise FileRefused(
            "missing_header",
            "Dòng đầu tiên phải là dòng tiêu đề (tên các cột).",
            "The first row must be the header row (the columns' names).",
        )
    for index, name in enumerate(names):
        if not name:
            column = _column_name(index)
            raise FileRefused(
                "blank_header",
                f"Cột {column} không có tiêu đề: mỗi cột có dữ liệu phải có tên ở dòng đầu.",
                f"Column {column} has no header: every column with data needs a name in the first row.",
            )
    return names


def _xlsx(source: Source, limits: Limits) -> Table:
    from python_calamine import CalamineWorkbook

    check_zip(source, limits.max_unpacked_bytes, unpack=True)
    if _largest_sheet(source) > STREAMED_SHEET_BYTES:
        return _xlsx_streamed(source, limits)
    try:
        workbook = (
            CalamineWorkbook.from_path(str(source.path))
            if source.path is not None
            else CalamineWorkbook.from_filelike(source.open())
        )
        sheet = workbook.get_sheet_by_index(0)
        merged = sheet.merged_cell_ranges or []
    except Exception as exc:  # calamine's errors are of its own types; any means the same here
        raise unreadable("a damaged or unusual Excel workbook") from exc
    first_row = sheet.start[0] if sheet.start else 0
    for (top, left), (bottom, right) in merged:
        if top <= first_row <= bottom:
            raise _merged_header(left, right)
    rows = sheet.iter_rows()
    try:
        headers = _headers(list(next(rows)))
    except StopIteration:
        raise FileRefused("empty_file", "Tệp rỗng.", "The file is empty.") from None

    def read() -> Iterator[tuple[int, list[Any]]]:
        cells = sheet.iter_rows()
        next(cells, None)
        for number, row in enumerate(cells, start=first_row + 2):
            yield number, [_cell(value, limits.max_cell_chars) for value in row]

    return Table(ImportFormat.XLSX, headers, read)


def _merged_header(left: int, right: int) -> FileRefused:
    return FileRefused(
        "merged_header",
        f"Tiêu đề có ô gộp ({_column_name(left)}:{_column_name(right)}): bỏ gộp ô, mỗi cột một tiêu đề.",
        f"The header row has merged cells ({_column_name(left)}-{_column_name(right)}): unmerge "
        "them, one header per column.",
    )


def _largest_sheet(source: Source) -> int:
    with source.open() as raw, zipfile.ZipFile(raw) as archive:
        return max(
            (m.file_size for m in archive.infolist() if m.filename.startswith("xl/worksheets/")), default=0
        )


_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _merged_ranges(source: Source, member: str) -> Iterator[tuple[int, int, int, int]]:
    """The merged ranges a sheet's XML declares (top row, left column, bottom row, right column;
    0-based), read from the zip a chunk at a time (they follow the rows)."""
    with source.open() as raw, zipfile.ZipFile(raw) as archive, archive.open(member) as xml:
        tail = b""
        while chunk := xml.read(CHUNK):
            text = tail + chunk
            for found in _MERGE.finditer(text):
                left, top, right, bottom = found.groups()
                yield int(top) - 1, _column_index(left), int(bottom) - 1, _column_index(right)
            # A tag cut by the chunk's end is found whole in the next.
            tail = text[-256:] if b"<mergeCell" in text[-256:] else b""


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - ord("A") + 1
    return index - 1


def _streamed_value(value: Any) -> Any:
    """A cell as calamine gives it: numbers as floats, a day without a time as a date."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, datetime) and value.time() == time():
        return value.date()
    return value


def _xlsx_streamed(source: Source, limits: Limits) -> Table:
    """A big first sheet, read by openpyxl's read-only mode a row at a time (each pass anew)."""
    from openpyxl import load_workbook

    def numbered() -> Generator[tuple[int, list[Any]], None, None]:
        try:
            # A stream, not the path: openpyxl refuses a path without an Excel extension (a stored upload).
            book = load_workbook(source.open(), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl's errors are many; any means the same here
            raise unreadable("a damaged or unusual Excel workbook") from exc
        try:
            sheet = book.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
                yield number, [_streamed_value(value) for value in row]
        finally:
            book.close()

    def member() -> str:
        book = load_workbook(source.open(), read_only=True)
        try:
            return str(book.worksheets[0]._worksheet_path)
        finally:
            book.close()

    rows = numbered()
    first_row, first = next(((n, row) for n, row in rows if not _empty(row)), (0, None))
    rows.close()
    if first is None:
        raise FileRefused("empty_file", "Tệp rỗng.", "The file is empty.")
    for top, left, bottom, right in _merged_ranges(source, member()):
        if top <= first_row - 1 <= bottom:
            raise _merged_header(left, right)
    headers = _headers(first)

    def read() -> Iterator[tuple[int, list[Any]]]:
        for number, row in numbered():
            if number > first_row:
                yield number, [_cell(value, limits.max_cell_chars) for value in row]

    return Table(ImportFormat.XLSX, headers, read)


def _is_utf8(source: Source) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in source.chunks():
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _text(source: Source) -> tuple[str, bool]:
    """The encoding to read a text file with, and whether it is 8-bit legacy (decided per column)."""
    if source.head(2).startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", False
    if _is_utf8(source):
        return "utf-8-sig", False
    return "latin-1", True


def _delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(stream: io.TextIOWrapper, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, row
    except (csv.Error, UnicodeDecodeError) as exc:
        raise FileRefused(
            "malformed_csv",
            f"Tệp CSV hỏng ở dòng {reader.line_num + 1} (ô quá dài hoặc dấu ngoặc kép không đóng).",
            f"The CSV is malformed at line {reader.line_num + 1} (a cell too long, or an unclosed quote).",
        ) from exc


def _csv(source: Source, limits: Limits) -> Table:
    encoding, eight_bit = _text(source)
    try:
        with source.text(encoding) as stream:
            first = stream.readline()
    except UnicodeDecodeError as exc:
        raise unreadable("text in no encoding it declares") from exc
    delimiter = _delimiter(first)

    def lines() -> Iterator[tuple[int, list[str]]]:
        with source.text(encoding) as stream:
            yield from _csv_rows(stream, delimiter)

    found = next(lines(), None)
    if found is None:
        raise FileRefused("empty_file", "Tệp rỗng.", "The file is empty.")
    headers = _headers(list(found[1]))

    def read() -> Iterator[tuple[int, list[Any]]]:
        numbered = lines()
        next(numbered, None)
        for number, row in numbered:
            yield number, [_cell(value, limits.max_cell_chars) for value in row]

    return Table(ImportFormat.CSV, headers, read, eight_bit=eight_bit, encoding=encoding)


def _flat(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """An object's nested objects as columns of their own, named by their path (`unit.code`), and
    a list of plain values as one cell joined with "; " (`topics`), as a list's CSV export writes
    them: an exported NDJSON file imports back."""
    flat: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict) and value:
            flat.update(_flat(value, f"{prefix}{key}."))
        elif isinstance(value, list) and all(isinstance(part, str | int | float) for part in value):
            flat[f"{prefix}{key}"] = "; ".join(str(part) for part in value)
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _objects(stream: io.TextIOWrapper) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            raise FileRefused(
                "invalid_ndjson",
                f"Dòng {number} không phải một đối tượng JSON.",
                f"Line {number} is not a JSON object.",
            )
        yield number, _flat(value)


def _ndjson(source: Source, limits: Limits) -> Table:
    if not _is_utf8(source):
        raise FileRefused(
            "invalid_encoding",
            "Tệp NDJSON phải là UTF-8.",
            "An NDJSON file must be UTF-8.",
        )

    def objects() -> Iterator[tuple[int, dict[str, Any]]]:
        with source.text("utf-8-sig") as stream:
            yield from _objects(stream)

    headers: dict[str, None] = {}
    for _, item in objects():
        headers.update(dict.fromkeys(_header_text(key) for key in item))
    names = [name for name in headers if name]
    if not names:
        raise FileRefused("empty_file", "Tệp rỗng.", "The file is empty.")

    def read() -> Iterator[tuple[int, list[Any]]]:
        for number, item in objects():
            cells = {_header_text(key): value for key, value in item.items()}
            yield number, [_cell(cells.get(name), limits.max_cell_chars) for name in names]

    return Table(ImportFormat.NDJSON, names, read)


def open_table(file: bytes | Path | Source, limits: Limits) -> Table:
    """The file's headers and rows (not yet decoded), after the checks its format needs."""
    source = source_of(file)
    kind = sniff(source)
    if kind == ImportFormat.XLSX:
        return _xlsx(source, limits)
    if kind == ImportFormat.NDJSON:
        return _ndjson(source, limits)
    return _csv(source, limits)


def _empty(row: list[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def _legacy_cells(cells: list[str]) -> str:
    """What a column of an 8-bit file (its cells read as Latin-1) is: a legacy reading, or
    Windows-1258 ("cp1258")."""
    reading = legacy.reading_of(cells)
    if reading == legacy.Reading.UNICODE:
        return "cp1258"
    as_cp1258 = sum(legacy.score(_from_cp1258(cell)) for cell in cells)
    as_legacy = sum(legacy.score(legacy.convert(cell, reading)) for cell in cells)
    return reading.value if as_legacy > as_cp1258 else "cp1258"


def _from_cp1258(text: str) -> str:
    return unicodedata.normalize("NFC", text.encode("latin-1").decode("cp1258", errors="replace"))


def _decoder(reading: str) -> Callable[[str], str]:
    if reading == "cp1258":
        return _from_cp1258
    as_reading = legacy.Reading(reading)
    return lambda text: legacy.convert(text, as_reading)


def decode(file: bytes | Path | Source, limits: Limits) -> Decoded:
    """Open the file, read it once to count its rows (refusing too many) and to decide each text
    column's reading, and return its rows as they will be read, decoded."""
    table = open_table(file, limits)
    width = len(table.headers)
    # The header is text of its column too (in a legacy file, "M·" is "Mã").
    samples: list[list[str]] = [[name] if not name.isascii() else [] for name in table.headers]
    total = 0
    for number, row in table.rows():
        row = row[:width]
        if _empty(row):
            continue
        total += 1
        if total > limits.max_rows:
            raise FileRefused(
                "too_many_rows",
                f"Tệp có quá {limits.max_rows} dòng dữ liệu (dòng {number}): hãy chia thành nhiều tệp.",
                f"The file has over {limits.max_rows} data rows (row {number}): split it.",
            )
        for index, cell in enumerate(row):
            if isinstance(cell, str) and not cell.isascii() and len(samples[index]) < SAMPLE_CELLS:
                samples[index].append(cell)
    readings: list[str] = []
    for index in range(width):
        if table.eight_bit:
            readings.append(_legacy_cells(samples[index]))
        else:
            readings.append(legacy.reading_of(samples[index]).value)
    decoders = [
        _decoder(reading) if reading != legacy.Reading.UNICODE.value else _nfc for reading in readings
    ]
    plain = _from_cp1258 if table.eight_bit else _nfc
    headers = [_header(name, decoders[index], plain) for index, name in enumerate(table.headers)]
    conversions = {
        headers[index]: reading
        for index, reading in enumerate(readings)
        if reading not in (legacy.Reading.UNICODE.value, "cp1258")
    }

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for number, row in table.rows():
            row = row[:width] + [None] * (width - len(row))
            if _empty(row):
                continue
            yield (
                number,
                [
                    decoders[index](cell).strip() if isinstance(cell, str) else cell
                    for index, cell in enumerate(row)
                ],
            )

    encoding = "windows-1258" if table.eight_bit else table.encoding.removesuffix("-sig")
    return Decoded(table.format, headers, total, rows, encoding, conversions)


def _header(name: str, decoder: Callable[[str], str], plain: Callable[[str], str]) -> str:
    """A header read as its column is, where that reads better than as it is: a header is typed
    apart from its column's cells, in Unicode even above legacy text, often."""
    converted, as_is = decoder(name).strip(), plain(name).strip()
    return converted if legacy.score(converted) > legacy.score(as_is) else as_is


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
