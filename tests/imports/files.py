"""Import files built the way their producers build them: XLSX by a spreadsheet writer, CSV in
each encoding, NDJSON, and the hostile ones."""

import io
import json
import unicodedata
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import xlsxwriter

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def xlsx(rows: Sequence[Sequence[Any]], *, merge_header: bool = False, last_row: int | None = None) -> bytes:
    """A workbook whose first sheet holds `rows` (the first the headers); dates as date cells in
    dd/mm/yyyy; `=...` strings as formulas with their cached number after `|` (`=1+1|2`)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Dữ liệu")
    dated = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if r == 0 and merge_header and c == 0:
                sheet.merge_range(0, 0, 0, 1, value)
                continue
            if r == 0 and merge_header and c == 1:
                continue
            if isinstance(value, date | datetime):
                moment = (
                    value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
                )
                sheet.write_datetime(r, c, moment, dated)
            elif isinstance(value, str) and value.startswith("="):
                formula, cached = value.split("|")
                sheet.write_formula(r, c, formula, None, float(cached))
            elif value is not None:
                sheet.write(r, c, value)
    if last_row is not None:
        sheet.write_string(last_row, 0, "x")
    book.close()
    return out.getvalue()


def csv_text(rows: Sequence[Sequence[Any]], delimiter: str = ",") -> str:
    return "\n".join(delimiter.join("" if cell is None else str(cell) for cell in row) for row in rows) + "\n"


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: a letter and its tone as a combining mark."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
            out += base.encode("cp1258") + "".join(p for p in parts if p in _TONES).encode("cp1258")
    return out


def ndjson(records: Sequence[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode()


def zip_bomb(unpacked: int) -> bytes:
    """An "XLSX" whose sheet unpacks to `unpacked` zero bytes (packed a thousand times tighter)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
GARBAGE = bytes(range(256)) * 64
