"""Reading import files: each format, each encoding, legacy Vietnamese text converted per column,
and every hostile file refused with its code, never read past its limits."""

import codecs
from datetime import date
from pathlib import Path

import pytest

from api.imports import readers
from api.imports.readers import MAX_CELL_CHARS, Decoded, FileRefused, Limits, TooLong, decode
from tests.imports import files

LIMITS = Limits(max_rows=1000, max_unpacked_bytes=50 * 1024 * 1024)


@pytest.fixture(params=["calamine", "streamed"])
def xlsx_reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each XLSX test runs with both readers: calamine, and openpyxl's streaming one that reads
    sheets too big for calamine's memory (here every sheet is "too big")."""
    if request.param == "streamed":
        monkeypatch.setattr(readers, "STREAMED_SHEET_BYTES", -1)
    return str(request.param)


def _rows(decoded: Decoded) -> list[tuple[int, list[object]]]:
    return list(decoded.rows())


def _refused(data: bytes, limits: Limits = LIMITS) -> str:
    with pytest.raises(FileRefused) as refused:
        decode(data, limits)
    assert refused.value.message_vi and refused.value.message_en
    return refused.value.code


def test_xlsx_reads_the_first_sheet_with_dates_formulas_and_numbers(xlsx_reader: str) -> None:
    data = files.xlsx(
        [
            ["Mã", "Tên", "Ngày bắt đầu", "Số"],
            ["0127305", "Thôn Bản Giới", date(2025, 7, 1), "=1+1|2"],
            [None, None, None, None],
            [127306, "Tổ dân phố 5", None, 3],
        ]
    )
    decoded = decode(data, LIMITS)
    assert (decoded.format, decoded.headers, decoded.total) == (
        "xlsx",
        ["Mã", "Tên", "Ngày bắt đầu", "Số"],
        2,
    )
    assert _rows(decoded) == [
        (2, ["0127305", "Thôn Bản Giới", date(2025, 7, 1), 2.0]),
        (4, [127306.0, "Tổ dân phố 5", None, 3.0]),
    ]
    assert decoded.conversions == {}


def test_a_stored_file_is_read_from_disk_whatever_its_name(xlsx_reader: str, tmp_path: Path) -> None:
    """The worker reads an upload where the storage keeps it: a path with no extension."""
    stored = tmp_path / "c03405ba5f00ae1e2985579d5e9a3890"
    stored.write_bytes(files.xlsx([["Mã", "Tên"], ["01", "Thôn Bản Giới"]]))
    decoded = decode(stored, LIMITS)
    assert (decoded.headers, _rows(decoded)) == (["Mã", "Tên"], [(2, ["01", "Thôn Bản Giới"])])
    ndjson = tmp_path / "d1"
    ndjson.write_text('{"Mã": "01", "Tên": "Thôn Bản Giới"}\n', encoding="utf-8")
    assert _rows(decode(ndjson, LIMITS)) == [(1, ["01", "Thôn Bản Giới"])]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_csv_in_utf8_with_or_without_bom_and_any_delimiter(delimiter: str, bom: bytes) -> None:
    text = files.csv_text([["Mã", "Tên"], ["01", "Thôn Nà Cạn"], ["", ""]], delimiter)
    decoded = decode(bom + text.encode(), LIMITS)
    assert (decoded.headers, decoded.encoding) == (["Mã", "Tên"], "utf-8")
    assert _rows(decoded) == [(2, ["01", "Thôn Nà Cạn"])]


def test_csv_in_windows_1258_is_read_as_such() -> None:
    decoded = decode(files.cp1258("Mã;Tên\n01;Thôn Bản Giới\n02;Xã Hoàng Tung\n"), LIMITS)
    assert (decoded.headers, decoded.encoding, decoded.conversions) == (["Mã", "Tên"], "windows-1258", {})
    assert [row for _, row in _rows(decoded)] == [["01", "Thôn Bản Giới"], ["02", "Xã Hoàng Tung"]]


def test_csv_in_utf16_with_bom() -> None:
    decoded = decode("Mã\tTên\n01\tThôn Bản\n".encode("utf-16"), LIMITS)
    assert _rows(decoded) == [(2, ["01", "Thôn Bản"])]


def test_a_tcvn3_column_is_converted_and_reported(xlsx_reader: str) -> None:
    # As an 8-bit file (a CSV saved from a .VnTime spreadsheet) and as text cells of an XLSX.
    legacy = b"M\xb7,T\xaan\n01,Th\xabn B\xb6n Gi\xedi\n02,X\xb7 Ho\xb5ng Tung\n"
    decoded = decode(legacy, LIMITS)
    assert decoded.headers == ["Mã", "Tên"]
    assert decoded.conversions == {"Mã": "tcvn3", "Tên": "tcvn3"}
    assert [row[1] for _, row in _rows(decoded)] == ["Thôn Bản Giới", "Xã Hoàng Tung"]
    data = files.xlsx([["Mã", "Tên"], ["01", "Th«n B¶n Giíi"], ["02", "X· Hoµng Tung"]])
    decoded = decode(data, LIMITS)
    assert decoded.conversions == {"Tên": "tcvn3"}
    assert [row[1] for _, row in _rows(decoded)] == ["Thôn Bản Giới", "Xã Hoàng Tung"]


def test_text_comes_out_nfc() -> None:
    decomposed = "Tho\u0302n Ba\u0309n"
    decoded = decode(files.csv_text([["Tên"], [decomposed]]).encode(), LIMITS)
    assert _rows(decoded) == [(2, ["Thôn Bản"])]


def test_ndjson_rows_keep_their_keys_as_headers() -> None:
    data = files.ndjson([{"code": "01", "name": "Thôn A"}, {"code": "02", "kind": "village"}])
    decoded = decode(b"\n" + data + b"\n\n", LIMITS)
    assert decoded.headers == ["code", "name", "kind"]
    assert _rows(decoded) == [(2, ["01", "Thôn A", None]), (3, ["02", None, "village"])]


def test_ndjson_objects_and_lists_read_as_a_csv_export_writes_them() -> None:
    record = {"unit": {"code": "01"}, "topics": ["a", "b"], "none": [], "people": [{"name": "A"}]}
    decoded = decode(files.ndjson([record]), LIMITS)
    assert decoded.headers == ["unit.code", "topics", "none", "people"]
    assert _rows(decoded) == [(1, ["01", "a; b", None, [{"name": "A"}]])]


def test_a_huge_cell_is_kept_as_its_length() -> None:
    decoded = decode(files.csv_text([["Tên"], ["a" * (MAX_CELL_CHARS + 1)]]).encode(), LIMITS)
    assert _rows(decoded) == [(2, [TooLong(MAX_CELL_CHARS + 1)])]


def test_a_cell_past_any_reason_is_a_malformed_csv() -> None:
    assert _refused(b"Ten\n" + b"a" * (17 * MAX_CELL_CHARS) + b"\n") == "malformed_csv"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (files.XLS, "unsupported_import_format"),
        (files.ods(), "unsupported_import_format"),
        (files.GARBAGE, "unreadable_file"),
        (b"PK\x03\x04 not a zip at all", "unreadable_file"),
        (b"Ma,,Ten\n1,2,3\n", "blank_header"),
        (b'{"a": 1}\n[1, 2]\n', "invalid_ndjson"),
        (b'{"a": "\xff"}\n', "invalid_encoding"),
    ],
)
def test_files_that_are_not_ours_are_refused(data: bytes, code: str) -> None:
    assert _refused(data) == code


def test_merged_header_cells_are_refused(xlsx_reader: str) -> None:
    assert (
        _refused(files.xlsx([["Mã", "", "Tên"], ["01", "x", "Thôn"]], merge_header=True)) == "merged_header"
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    assert _refused(files.zip_bomb(8 * 1024 * 1024), Limits(1000, 4 * 1024 * 1024)) == "zip_bomb"


def test_too_many_rows_are_refused_and_trailing_empty_rows_are_not_rows() -> None:
    rows: list[list[str | None]] = [["Mã"]]
    rows += [[f"{n:03d}"] for n in range(5)]
    rows += [[None] for _ in range(50)]
    assert decode(files.csv_text(rows).encode(), Limits(5, LIMITS.max_unpacked_bytes)).total == 5
    six = [["Mã"], *[[f"{n:03d}"] for n in range(6)]]
    assert _refused(files.csv_text(six).encode(), Limits(5, LIMITS.max_unpacked_bytes)) == "too_many_rows"


def test_a_sheet_as_tall_as_excel_allows_is_answered(xlsx_reader: str) -> None:
    # A value in row 1,048,576 and a million empty rows before it: empty rows are skipped, not rows.
    decoded = decode(
        files.xlsx([["Mã"], ["01"]], last_row=1_048_575), Limits(1000, LIMITS.max_unpacked_bytes)
    )
    assert decoded.total == 2
    assert [number for number, _ in decoded.rows()] == [2, 1_048_576]
