"""What a resource's import mapping is made of: its columns, the parsers of their cells, and the
errors a row can have (docs/imports.md).

Each importable domain declares its mapping in its own `imports.py` (`MAPPINGS = (...)`): the
columns (key, Vietnamese header, English header, parser, required, help, enum values), and how a
row's values become the resource's Create/Update schema and are applied through the domain's own
service functions, with the importer's principal, so an import obeys the same rules, jurisdiction
and audit as the API. The imports domain (`api/imports/`) reads files, runs mappings and reports.
"""

import math
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.errors import AppError
from api.core.exports import restored
from api.core.permissions import Permission
from api.core.settings import Settings
from api.core.text import fold


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class ImportProblem(Exception):
    """Something an import cannot take: a stable code, and what to tell in both languages."""

    def __init__(self, code: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en


class CellError(ImportProblem):
    """A value a column cannot take (`column`: its header, where the mapping knows it)."""

    def __init__(self, code: str, message_vi: str, message_en: str, column: str | None = None) -> None:
        super().__init__(code, message_vi, message_en)
        self.column = column


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    code: str
    message_vi: str
    message_en: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }


Parser = Callable[[Any], Any]


@dataclass(frozen=True)
class Column:
    key: str
    header_vi: str
    header_en: str
    parser: Parser
    required: bool = False
    help_vi: str = ""
    help_en: str = ""
    # The values an enum column takes (its template offers them as a drop-down list).
    choices: tuple[str, ...] = ()
    example: str = ""
    # Other headers that name it: the field paths an export of the resource's list writes
    # (`external_ref.id`), so that an exported file imports back unchanged.
    aliases: tuple[str, ...] = ()

    def names(self) -> set[str]:
        """The folded headers that name this column: Vietnamese, English, its key and aliases."""
        return {fold(self.header_vi), fold(self.header_en), fold(self.key), *map(fold, self.aliases)}


@dataclass(frozen=True)
class Importer:
    """Who applies a file's rows, in which transaction, with which settings (a petition's
    identity key, for one): what a domain's service functions are called with."""

    session: AsyncSession
    principal: Principal
    settings: Settings


# A row's number in its file, and its values by column key.
NumberedRow = tuple[int, dict[str, Any]]
# What became of a row: its outcome, or what was wrong with it.
Applied = Outcome | list[RowError]
# What a row's apply may raise about the row itself (anything else is the import's failure).
ROW_PROBLEMS = (CellError, ValidationError, AppError)


class Mapping(ABC):
    """A resource's import: its columns, and how one row's values are applied."""

    resource: str
    permission: Permission
    columns: tuple[Column, ...]
    # Vietnamese messages of the codes its domain's service raises (beside the common MESSAGES_VI).
    messages_vi: ClassVar[dict[str, str]] = {}
    # How many rows `apply_many` is given at once: more than 1 for a mapping that applies many
    # rows in a few statements (its rows are new records, mostly, and a big file is common).
    batch_size: int = 1

    @abstractmethod
    async def apply(self, by: Importer, values: dict[str, Any]) -> Outcome:
        """Create or update the row's record (upsert by its key), through the domain's service:
        raise a `CellError`, a pydantic `ValidationError` or an `AppError` for a row that cannot be."""

    async def apply_many(self, by: Importer, rows: list[NumberedRow]) -> list[Applied]:
        """What became of each row, in order: here each applied alone (`apply_one`). A mapping
        with a batch path overrides this with the same answers; the caller runs it in a savepoint
        and, should the database refuse the batch, runs the rows one by one instead."""
        return [await self.apply_one(by, number, values) for number, values in rows]

    async def apply_one(self, by: Importer, number: int, values: dict[str, Any]) -> Applied:
        """One row in its own savepoint: a bad row is undone alone and the others still checked."""
        try:
            # Undone, the savepoint takes back what the session held of the row (api/core/savepoints.py).
            async with by.session.begin_nested():
                return await self.apply(by, values)
        except ROW_PROBLEMS as error:
            return row_errors(number, self, error)

    def withheld(self, cells: dict[str, Any]) -> set[str]:  # noqa: ARG002 - what a mapping overrides
        """The columns of a failed row (its cells by column key, as read) that its error report
        must not give back (a denunciation's denouncers): none by default."""
        return set()

    def header_of(self, key: str) -> str | None:
        return _headers(self.columns).get(key)

    def problem(self, key: str, code: str, message_vi: str, message_en: str) -> CellError:
        """A row's error on the column of `key`."""
        return CellError(code, message_vi, message_en, self.header_of(key))

    def external_ref(self, values: dict[str, Any]) -> tuple[str, str] | None:
        """The row's `(source, id)` from its `external_source` and `external_id` columns: both or
        neither (`missing_value` on the one left blank)."""
        source, ref_id = values.get("external_source"), values.get("external_id")
        if (source is None) != (ref_id is None):
            raise self.problem(
                "external_id" if source is not None else "external_source",
                "missing_value",
                "Hệ thống nguồn và mã ở hệ thống nguồn phải đi cùng nhau.",
                "External source and external ID go together.",
            )
        return self.whole_ref(values)

    @staticmethod
    def whole_ref(values: dict[str, Any]) -> tuple[str, str] | None:
        """The row's `(source, id)` when it gives both, else None, without a word on a half pair
        (a batch sends such a row alone, where `external_ref` answers it)."""
        source, ref_id = values.get("external_source"), values.get("external_id")
        return None if source is None or ref_id is None else (str(source), str(ref_id))


@cache
def _headers(columns: tuple[Column, ...]) -> dict[str, str]:
    return {column.key: column.header_vi for column in columns}


# Parsers: a cell (a string, a number, a date or a bool, already stripped; never None) to a value.


def text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    # An export writes `'=…` for text a spreadsheet would run as a formula: read back, it is `=…`.
    return restored(str(value))


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def day(value: Any) -> date:
    """A date as a spreadsheet holds it, as Vietnamese files write it (dd/mm/yyyy) or in ISO."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value).strip()
    try:
        found = _DAY_FIRST.match(raw)
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
        return date.fromisoformat(raw[:10])
    except ValueError:
        raise CellError(
            "invalid_date",
            f"Ngày không hợp lệ: «{raw[:40]}» (viết dd/mm/yyyy, ví dụ 01/07/2025).",
            f"Not a date: '{raw[:40]}' (write dd/mm/yyyy, e.g. 01/07/2025, or YYYY-MM-DD).",
        ) from None


_TRUE = {"1", "x", "co", "yes", "true", "dung", "y"}
_FALSE = {"0", "khong", "no", "false", "sai", "n"}


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(text(value))
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise CellError(
        "invalid_boolean",
        f"Giá trị «{text(value)[:40]}» không phải Có/Không.",
        f"'{text(value)[:40]}' is not yes/no (Có/Không).",
    )


def number(value: Any) -> float:
    if isinstance(value, bool):
        raise CellError("invalid_number", "Không phải một số.", "Not a number.")
    if isinstance(value, int | float):
        result = float(value)
    else:
        try:
            result = float(text(value).replace(",", "."))
        except ValueError:
            result = math.nan
    if not math.isfinite(result):
        raise CellError(
            "invalid_number",
            f"«{text(value)[:40]}» không phải một số.",
            f"'{text(value)[:40]}' is not a number.",
        )
    return result


def choice(labels: dict[str, tuple[str, ...]]) -> Parser:
    """An enum: its English code, or one of its Vietnamese labels (folded: "Tổ dân phố", "to dan pho")."""
    names = {fold(code): code for code in labels} | {
        fold(label): code for code, spellings in labels.items() for label in spellings
    }

    def parse(value: Any) -> str:
        found = names.get(fold(text(value)))
        if found is None:
            raise CellError(
                "invalid_choice",
                f"«{text(value)[:40]}» không thuộc các giá trị cho phép.",
                f"'{text(value)[:40]}' is not one of the allowed values: {', '.join(labels)}.",
            )
        return found

    return parse


# Vietnamese messages of the codes any import's rows meet; a mapping adds its domain's
# (`Mapping.messages_vi`), and other codes get the generic one.
MESSAGES_VI: dict[str, str] = {
    "outside_jurisdiction": "Bản ghi nằm ngoài phạm vi quản lý của bạn.",
    "unit_not_found": "Không tìm thấy đơn vị trong phạm vi quản lý của bạn.",
    "date_outside_unit_life": "Đơn vị chưa tồn tại hoặc đã giải thể vào ngày này.",
    "date_in_future": "Ngày không được sau hôm nay.",
    "invalid_period": "Ngày kết thúc trước ngày bắt đầu.",
    "duplicate_external_ref": "Mã tham chiếu ngoài đã thuộc về một bản ghi khác.",
    "missing_value": "Thiếu giá trị bắt buộc.",
    "invalid_value": "Giá trị không hợp lệ.",
    "cell_too_long": "Ô quá dài.",
}


def _message_vi(mapping: Mapping, code: str) -> str:
    return mapping.messages_vi.get(code) or MESSAGES_VI.get(code) or f"Không áp dụng được dòng này ({code})."


def row_errors(
    row: int, mapping: Mapping, error: Exception, field_to_key: Callable[[str], str] = lambda name: name
) -> list[RowError]:
    """What went wrong with a row, per column where known, from any error its apply raised."""
    if isinstance(error, CellError):
        return [RowError(row, error.column, error.code, error.message_vi, error.message_en)]
    if isinstance(error, ValidationError):
        found = []
        for item in error.errors():
            name = ".".join(str(part) for part in item["loc"]) or None
            column = mapping.header_of(field_to_key(name.split(".")[0])) if name else None
            found.append(
                RowError(row, column, "invalid_value", MESSAGES_VI["invalid_value"], f"{name}: {item['msg']}")
            )
        return found
    if isinstance(error, AppError):
        if error.errors:
            return [
                RowError(
                    row,
                    mapping.header_of(field_to_key(item.field.split(".")[0])),
                    item.code,
                    _message_vi(mapping, item.code),
                    error.detail,
                )
                for item in error.errors
            ]
        return [
            RowError(
                row,
                None,
                error.code,
                _message_vi(mapping, error.code),
                error.detail,
            )
        ]
    raise error


@dataclass
class Bound:
    """A file's headers matched to a mapping's columns: the index of each column found."""

    indexes: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    missing: list[Column] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def bind(mapping: Mapping, headers: Sequence[str]) -> Bound:
    """Match headers to columns case- and diacritics-insensitively, by Vietnamese or English name."""
    bound = Bound()
    by_name = {name: column for column in mapping.columns for name in column.names()}
    for index, header in enumerate(headers):
        column = by_name.get(fold(header))
        if column is None:
            bound.ignored.append(header)
        elif column.key in bound.indexes:
            bound.duplicates.append(header)
        else:
            bound.indexes[column.key] = index
    bound.missing = [c for c in mapping.columns if c.required and c.key not in bound.indexes]
    return bound
