"""The XLSX files of imports: a resource's template, what an official fills in, and the error
report of a run, what an official fixes (docs/imports.md).

The template's first sheet has the mapping's Vietnamese headers (what the importer reads back), a frozen
header row, drop-down lists on columns with fixed values, and one example row; the second sheet
explains each column in Vietnamese and English. The importer reads the template exactly as it
is written: the example row is an ordinary row, to be replaced.
"""

import io
from collections import defaultdict
from datetime import date, datetime
from typing import Any

import xlsxwriter

from api.core.importing import Mapping, bind
from api.imports.readers import MAX_CELL_CHARS, Decoded, TooLong

DATA_SHEET = "Dữ liệu"
HELP_SHEET = "Hướng dẫn"
ERRORS_SHEET = "Lỗi"
# The error report's last column: not a column of any mapping, so a fixed report imports again.
ERRORS_HEADER = "Lỗi cần sửa (errors)"
# Rows a drop-down list covers: far more than a province's villages.
VALIDATED_ROWS = 20_000


def template(mapping: Mapping) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    required = book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1})
    as_text = book.add_format({"num_format": "@"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    data = book.add_worksheet(DATA_SHEET)
    for index, column in enumerate(mapping.columns):
        data.write_string(0, index, column.header_vi, required if column.required else bold)
        # Text cells: a code typed as 0127305 keeps its leading zero.
        data.set_column(index, index, max(14, len(column.header_vi) + 4), as_text)
        if column.example:
            data.write_string(1, index, column.example)
        if column.choices:
            data.data_validation(
                1,
                index,
                VALIDATED_ROWS,
                index,
                {
                    "validate": "list",
                    "source": list(column.choices),
                    "error_title": "Giá trị không hợp lệ",
                    "error_message": f"Chọn một giá trị trong danh sách của cột «{column.header_vi}».",
                },
            )
    data.freeze_panes(1, 0)
    help_sheet = book.add_worksheet(HELP_SHEET)
    headers = ("Cột", "Column", "Bắt buộc", "Mô tả", "Description", "Giá trị / Values")
    for index, header in enumerate(headers):
        help_sheet.write_string(0, index, header, bold)
    for row, column in enumerate(mapping.columns, start=1):
        help_sheet.write_string(row, 0, column.header_vi)
        help_sheet.write_string(row, 1, column.header_en)
        help_sheet.write_string(row, 2, "Có" if column.required else "Không")
        help_sheet.write_string(row, 3, column.help_vi, wrap)
        help_sheet.write_string(row, 4, column.help_en, wrap)
        help_sheet.write_string(row, 5, ", ".join(column.choices), wrap)
    help_sheet.set_column(0, 2, 20)
    help_sheet.set_column(3, 5, 50)
    help_sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


WITHHELD_VI = "Ô để trống vì bảo mật (danh tính người tố cáo): nhập lại từ tệp gốc."
WITHHELD_EN = "Left blank to keep a denouncer's identity secret: copy it again from the original file."


def error_report(decoded: Decoded, errors: list[dict[str, Any]], mapping: Mapping) -> bytes:
    """The rows of `decoded` that had errors, as they were, each bad cell highlighted with its
    message as a comment, and the row's messages in a last column: fixed, the file imports again
    (the importer ignores the messages' column). Cells the mapping withholds (a denunciation's
    denouncers) are left blank, with a note."""
    keys = {index: key for key, index in bind(mapping, decoded.headers).indexes.items()}
    by_row: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for error in errors:
        by_row[int(error["row"])].append(error)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    bad = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    bad_date = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "num_format": "dd/mm/yyyy"})
    dated = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet(ERRORS_SHEET)
    for index, header in enumerate(decoded.headers):
        sheet.write_string(0, index, header, bold)
    messages_at = len(decoded.headers)
    sheet.write_string(0, messages_at, ERRORS_HEADER, bold)
    out_row = 1
    for number, cells in decoded.rows():
        found = by_row.get(number)
        if not found:
            continue
        marked = {e["column"]: e for e in found if e.get("column")}
        withheld = mapping.withheld({key: cells[index] for index, key in keys.items()})
        for index, cell in enumerate(cells):
            if keys.get(index) in withheld:
                sheet.write_blank(out_row, index, None, bad)
                sheet.write_comment(out_row, index, f"{WITHHELD_VI}\n{WITHHELD_EN}")
                continue
            problem = marked.get(decoded.headers[index])
            is_date = isinstance(cell, date)
            style = (bad_date if is_date else bad) if problem else (dated if is_date else None)
            _write(sheet, out_row, index, cell, style)
            if problem:
                sheet.write_comment(out_row, index, f"{problem['message_vi']}\n{problem['message_en']}")
        notes = "\n".join(
            [f"{e.get('column') or ''}: {e['message_vi']} ({e['code']})".lstrip(": ") for e in found]
            + ([WITHHELD_VI] if withheld else [])
        )
        sheet.write_string(out_row, messages_at, notes)
        out_row += 1
    sheet.set_column(messages_at, messages_at, 60)
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


def _write(sheet: Any, row: int, column: int, value: Any, style: Any) -> None:
    if value is None:
        sheet.write_blank(row, column, None, style)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, style)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value, style)
    elif isinstance(value, datetime):
        sheet.write_datetime(row, column, value, style)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, datetime(value.year, value.month, value.day), style)
    elif isinstance(value, TooLong):
        sheet.write_string(row, column, f"[{value.length} ký tự / characters]", style)
    else:
        sheet.write_string(row, column, str(value)[:MAX_CELL_CHARS], style)
