"""Official administrative units of Vietnam, read from the ``vietnamadminunits`` package (MIT).

Two editions are exposed: ``"legacy"`` (63 provinces with their districts, in force until
30 June 2025) and ``"2025"`` (34 provinces, no district level, from 1 July 2025), plus the
package's old -> new conversion tables turned into lineage links between official codes.
This module is pure and read-only: it opens the package's own ``data/dataset.db`` (SQLite,
read-only mode) and ``data/converter_2025.json`` where pip installed them, never copies them,
and never touches any database of ours. Parsed data is cached for the life of the process.

The package's files are located through the installed distribution's metadata instead of
importing it: ``import vietnamadminunits`` loads the whole address parser (about 0.5 s), and
the package carries no type information.

Data quirks found in vietnamadminunits 1.0.4, and how they are handled here:

- The type column sometimes contradicts the name. Legacy "Thị trấn Ngọc Lặc" (15061) and
  Hồ Chí Minh City's "Phường 5" / "Phường 15" (27046, 27076, in an urban district) are typed
  "Xã"; in the 2025 edition "Phường Việt Hòa" (10543) and "Phường Tân Lộc" (31213) are typed
  "Xã" while "Xã Vĩnh Hòa" (11848) and "Xã Phong Điền" (31299) are typed "Phường". The names
  agree with the official resolutions, so the kind comes from the name's prefix and the type
  column is only a fallback. (The 2025 swaps cancel out: 2,621 / 687 / 13 either way.)
- Type prefixes are not consistently capitalised ("Thị Trấn", "Thị Xã", "Thành Phố"). The
  prefix is rewritten in its official spelling; the rest of the name is kept as is.
- The five island districts without communes (Bạch Long Vĩ 318, Cồn Cỏ 471, Hoàng Sa 498,
  Lý Sơn 536, Côn Đảo 755) are one legacy row each with every ward column NULL. They yield a
  district and no commune. The converter maps them with an empty ward part
  ("thanhphodanang_huyenhoangsa_") to the 2025 special zone, which becomes a district-level
  link whose ``new_code`` is the special zone's 5-digit code.
- Some keys keep diacritics ("xãcẩmgiàng" beside "xãcẩmgiang", "phườngsapả" beside
  "phườngsapa"): the package uses them to tell apart units whose ASCII keys would collide.
  Short keys and short names also repeat across units. Keys are therefore matched as exact,
  full strings, used only to join the converter to the database, and never exposed: callers
  get official codes.
- The same province code has different coordinates in the two tables (e.g. Hà Nội, because
  its territory changed); each edition keeps its own.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Literal, TypeVar

Edition = Literal["legacy", "2025"]
Level = Literal["province", "district", "commune"]
Kind = Literal["province", "district", "commune", "ward", "town", "special_zone"]

_PACKAGE = "vietnamadminunits"
_EDITIONS: tuple[Edition, ...] = ("legacy", "2025")

# Prefixes in their official spelling. Names are matched case-insensitively because the package
# is not consistent about capitalisation (see the module docstring).
_PROVINCE_PREFIXES = ("Tỉnh", "Thành phố")
_DISTRICT_PREFIXES = ("Quận", "Huyện", "Thị xã", "Thành phố")
_COMMUNE_KINDS: dict[str, Kind] = {
    "Xã": "commune",
    "Phường": "ward",
    "Thị trấn": "town",
    "Đặc khu": "special_zone",
}

# Static statements (no string building): only the columns we use, in a stable order so the
# output does not depend on SQLite's scan order.
_SQL: dict[Edition, str] = {
    "legacy": (
        "SELECT provinceCode, province, provinceKey, provinceLat, provinceLon,"
        " districtCode, district, districtKey, districtLat, districtLon,"
        " wardCode, ward, wardType, wardKey, wardLat, wardLon"
        " FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
    ),
    "2025": (
        "SELECT provinceCode, province, provinceKey, provinceLat, provinceLon,"
        " wardCode, ward, wardType, wardKey, wardLat, wardLon"
        " FROM admin_units ORDER BY provinceCode, wardCode"
    ),
}

_LEVEL_ORDER: dict[Level, int] = {"province": 0, "district": 1, "commune": 2}

_K = TypeVar("_K")
_V = TypeVar("_V")


@dataclass(frozen=True)
class OfficialUnit:
    """One administrative unit as the official list states it."""

    edition: Edition
    level: Level  # "district" only exists in the legacy edition
    kind: Kind
    code: str  # 2 digits (province), 3 (district) or 5 (commune); unique within (edition, level)
    name: str  # full official name with its type prefix, e.g. "Phường Thục Phán"
    parent_code: str | None  # province for districts and 2025 communes, district for legacy communes
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class LineageLink:
    """A legacy unit and one 2025 unit (province or commune) it went into."""

    legacy_code: str
    new_code: str  # 2 digits: a 2025 province; 5 digits: a 2025 commune, ward or special zone
    level: Level  # level of the legacy unit
    default: bool  # the package's isDefaultNewWard for divided communes, True otherwise


def source_version() -> str:
    """Version of the installed ``vietnamadminunits``, to record where imported units came from."""
    return metadata.version(_PACKAGE)


def read_units(edition: Edition, province_code: str | None = None) -> list[OfficialUnit]:
    """Units of one edition, parents before children (provinces, then districts, then communes),
    each level ordered by code, optionally one province only (by that edition's province code;
    an unknown code gives an empty list)."""
    if edition not in _EDITIONS:
        raise ValueError(f"unknown edition {edition!r}, expected one of {_EDITIONS}")
    return [unit for province, unit in _units(edition) if province_code in (None, province)]


def read_lineage(province_code: str | None = None) -> list[LineageLink]:
    """Legacy -> 2025 links: every legacy province to the 2025 province(s) it went into, every
    legacy district to the 2025 province(s) its communes went into (and, for the island
    districts without communes, to the special zone it became), every legacy commune to the
    2025 commune(s) it went into. ``province_code`` filters by the LEGACY province code.
    Ordered by level (province, district, commune), then legacy code, then new code."""
    return [link for province, link in _lineage() if province_code in (None, province)]


# --- Reading the package's files -------------------------------------------------------------


def _package_file(relative: str) -> Path:
    # Through the distribution's metadata rather than importlib.resources, which would import
    # the package and its slow address parser.
    located = metadata.distribution(_PACKAGE).locate_file(f"{_PACKAGE}/{relative}")
    path = Path(str(located))
    if not path.is_file():
        raise FileNotFoundError(f"{_PACKAGE} is installed but {relative} is missing ({path})")
    return path


@lru_cache(maxsize=len(_EDITIONS))
def _rows(edition: Edition) -> tuple[sqlite3.Row, ...]:
    # mode=ro: the file belongs to the installed package; we must never write to it.
    uri = f"{_package_file('data/dataset.db').as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        connection.row_factory = sqlite3.Row
        return tuple(connection.execute(_SQL[edition]).fetchall())


@lru_cache(maxsize=1)
def _converter() -> dict[str, object]:
    with _package_file("data/converter_2025.json").open(encoding="utf-8") as file:
        return _as_dict(json.load(file), "converter_2025.json")


# --- Typed access to untyped values (fail loudly if a new package version changes shape) -----


def _text(row: sqlite3.Row, column: str) -> str:
    value = _optional_text(row, column)
    if value is None:
        raise ValueError(f"{_PACKAGE}: {column} is empty in a row that needs it")
    return value


def _optional_text(row: sqlite3.Row, column: str) -> str | None:
    value: object = row[column]
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{_PACKAGE}: {column} should be text, got {value!r}")


def _optional_float(row: sqlite3.Row, column: str) -> float | None:
    value: object = row[column]
    if value is None or isinstance(value, float | int):
        return None if value is None else float(value)
    raise ValueError(f"{_PACKAGE}: {column} should be a number, got {value!r}")


def _as_dict(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValueError(f"{_PACKAGE}: {what} should be an object")
    return value


def _as_list(value: object, what: str) -> list[object]:
    if not isinstance(value, list):
        raise ValueError(f"{_PACKAGE}: {what} should be a list")
    return value


def _as_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{_PACKAGE}: {what} should be a string")
    return value


def _as_bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{_PACKAGE}: {what} should be true or false")
    return value


# --- Names and kinds -------------------------------------------------------------------------


def _match_prefix(text: str, prefixes: tuple[str, ...]) -> str | None:
    """The official spelling of the type prefix ``text`` starts with (or is), if any."""
    for prefix in prefixes:
        head, rest = text[: len(prefix)], text[len(prefix) :]
        if head.casefold() == prefix.casefold() and (rest == "" or rest.startswith(" ")):
            return prefix
    return None


def _official_name(name: str, prefixes: tuple[str, ...]) -> str:
    prefix = _match_prefix(name, prefixes)
    return name if prefix is None else prefix + name[len(prefix) :]


def _commune_kind(name: str, type_column: str | None) -> Kind:
    # The name wins over the type column, which is wrong for a few units (see the docstring).
    prefixes = tuple(_COMMUNE_KINDS)
    prefix = _match_prefix(name, prefixes) or _match_prefix(type_column or "", prefixes)
    if prefix is None:
        raise ValueError(f"{_PACKAGE}: cannot tell the kind of {name!r} (type {type_column!r})")
    return _COMMUNE_KINDS[prefix]


# --- Units -----------------------------------------------------------------------------------

# A unit with the code of the province it lies in (in its own edition), for filtering.
_Placed = tuple[str, OfficialUnit]


def _province(edition: Edition, row: sqlite3.Row) -> OfficialUnit:
    return OfficialUnit(
        edition=edition,
        level="province",
        kind="province",
        code=_text(row, "provinceCode"),
        name=_official_name(_text(row, "province"), _PROVINCE_PREFIXES),
        parent_code=None,
        latitude=_optional_float(row, "provinceLat"),
        longitude=_optional_float(row, "provinceLon"),
    )


def _district(row: sqlite3.Row) -> OfficialUnit:
    return OfficialUnit(
        edition="legacy",
        level="district",
        kind="district",
        code=_text(row, "districtCode"),
        name=_official_name(_text(row, "district"), _DISTRICT_PREFIXES),
        parent_code=_text(row, "provinceCode"),
        latitude=_optional_float(row, "districtLat"),
        longitude=_optional_float(row, "districtLon"),
    )


def _commune(edition: Edition, row: sqlite3.Row, parent_code: str) -> OfficialUnit | None:
    code, name = _optional_text(row, "wardCode"), _optional_text(row, "ward")
    if code is None or name is None:
        return None  # an island district without communes (legacy edition only)
    return OfficialUnit(
        edition=edition,
        level="commune",
        kind=_commune_kind(name, _optional_text(row, "wardType")),
        code=code,
        name=_official_name(name, tuple(_COMMUNE_KINDS)),
        parent_code=parent_code,
        latitude=_optional_float(row, "wardLat"),
        longitude=_optional_float(row, "wardLon"),
    )


def _add_once(index: dict[str, _Placed], province_code: str, unit: OfficialUnit) -> None:
    # Provinces and districts repeat on every commune row; a repeat that differs would mean
    # the package contradicts itself, which we would rather hear about than hide.
    known = index.setdefault(unit.code, (province_code, unit))
    if known != (province_code, unit):
        raise ValueError(f"{_PACKAGE}: {unit.edition} {unit.level} {unit.code} is stated twice differently")


@lru_cache(maxsize=len(_EDITIONS))
def _units(edition: Edition) -> tuple[_Placed, ...]:
    levels: dict[Level, dict[str, _Placed]] = {"province": {}, "district": {}, "commune": {}}
    for row in _rows(edition):
        province = _province(edition, row)
        _add_once(levels["province"], province.code, province)
        parent_code = province.code
        if edition == "legacy":
            district = _district(row)
            _add_once(levels["district"], province.code, district)
            parent_code = district.code
        commune = _commune(edition, row, parent_code)
        if commune is not None:
            _add_once(levels["commune"], province.code, commune)
    return tuple(placed for level in levels.values() for _, placed in sorted(level.items()))


# --- Lineage ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _LegacyPlace:
    """Where a converter key of the legacy edition points; no commune for island districts."""

    province_code: str
    district_code: str
    commune_code: str | None


@dataclass(frozen=True)
class _CommuneMapping:
    """One old -> new pair as the converter states it, still in the package's keys."""

    new_province_key: str
    legacy_key: str
    new_ward_key: str
    default: bool


@lru_cache(maxsize=1)
def _legacy_places() -> dict[str, _LegacyPlace]:
    # The converter's key format: provinceKey_districtKey_wardKey, the ward part empty for
    # island districts whose ward columns are NULL.
    places: dict[str, _LegacyPlace] = {}
    for row in _rows("legacy"):
        ward_key = _optional_text(row, "wardKey") or ""
        key = f"{_text(row, 'provinceKey')}_{_text(row, 'districtKey')}_{ward_key}"
        places[key] = _LegacyPlace(
            _text(row, "provinceCode"), _text(row, "districtCode"), _optional_text(row, "wardCode")
        )
    return places


@lru_cache(maxsize=len(_EDITIONS))
def _province_codes(edition: Edition) -> dict[str, str]:
    return {_text(row, "provinceKey"): _text(row, "provinceCode") for row in _rows(edition)}


@lru_cache(maxsize=1)
def _new_commune_codes() -> dict[tuple[str, str], str]:
    # Ward keys are only unique within a province, hence the pair.
    return {
        (_text(row, "provinceKey"), _text(row, "wardKey")): _text(row, "wardCode") for row in _rows("2025")
    }


def _province_mappings() -> Iterator[tuple[str, str]]:
    """(new province key, legacy province key) pairs from DICT_PROVINCE."""
    table = _as_dict(_converter()["DICT_PROVINCE"], "DICT_PROVINCE")
    for new_key, legacy_keys in table.items():
        for legacy_key in _as_list(legacy_keys, f"DICT_PROVINCE[{new_key}]"):
            yield new_key, _as_str(legacy_key, f"DICT_PROVINCE[{new_key}]")


def _commune_mappings() -> Iterator[_CommuneMapping]:
    """Old -> new commune pairs: whole communes (NO_DIVIDED), then divided ones (DIVIDED)."""
    whole = _as_dict(_converter()["DICT_PROVINCE_WARD_NO_DIVIDED"], "DICT_PROVINCE_WARD_NO_DIVIDED")
    for province_key, wards in whole.items():
        for ward_key, legacy_keys in _as_dict(wards, province_key).items():
            for legacy_key in _as_list(legacy_keys, ward_key):
                yield _CommuneMapping(province_key, _as_str(legacy_key, ward_key), ward_key, True)
    divided = _as_dict(_converter()["DICT_PROVINCE_WARD_DIVIDED"], "DICT_PROVINCE_WARD_DIVIDED")
    for province_key, legacy_communes in divided.items():
        for legacy_key, targets in _as_dict(legacy_communes, province_key).items():
            for target in _as_list(targets, legacy_key):
                fields = _as_dict(target, legacy_key)
                new_ward_key = _as_str(fields["newWardKey"], legacy_key)
                default = _as_bool(fields["isDefaultNewWard"], legacy_key)
                yield _CommuneMapping(province_key, legacy_key, new_ward_key, default)


def _resolve(index: dict[_K, _V], key: _K, what: str) -> _V:
    try:
        return index[key]
    except KeyError:
        raise ValueError(f"{_PACKAGE}: converter {what} {key!r} is not in dataset.db") from None


# (level, legacy code, new code) -> (legacy province code, default)
_Links = dict[tuple[Level, str, str], tuple[str, bool]]


def _link(links: _Links, level: Level, legacy: str, new: str, province: str, default: bool) -> None:
    # A pair stated twice is the default as soon as one statement says so.
    _, known_default = links.get((level, legacy, new), (province, False))
    links[(level, legacy, new)] = (province, default or known_default)


def _add_commune_links(links: _Links, mapping: _CommuneMapping) -> None:
    place = _resolve(_legacy_places(), mapping.legacy_key, "legacy key")
    new_province = _resolve(_province_codes("2025"), mapping.new_province_key, "province key")
    new_key = (mapping.new_province_key, mapping.new_ward_key)
    new_commune = _resolve(_new_commune_codes(), new_key, "ward key")
    # Districts were abolished: a district went wherever its communes went.
    _link(links, "district", place.district_code, new_province, place.province_code, True)
    if place.commune_code is None:
        # An island district without communes, mapped as a whole to the special zone it became.
        _link(links, "district", place.district_code, new_commune, place.province_code, True)
    else:
        _link(links, "commune", place.commune_code, new_commune, place.province_code, mapping.default)


@lru_cache(maxsize=1)
def _lineage() -> tuple[tuple[str, LineageLink], ...]:
    links: _Links = {}
    for new_key, legacy_key in _province_mappings():
        legacy = _resolve(_province_codes("legacy"), legacy_key, "legacy province key")
        new = _resolve(_province_codes("2025"), new_key, "province key")
        _link(links, "province", legacy, new, legacy, True)
    for mapping in _commune_mappings():
        _add_commune_links(links, mapping)
    ordered = sorted(links.items(), key=lambda item: (_LEVEL_ORDER[item[0][0]], item[0][1], item[0][2]))
    return tuple(
        (province, LineageLink(legacy, new, level, default))
        for (level, legacy, new), (province, default) in ordered
    )
