"""Facts about the official unit lists, read from vietnamadminunits 1.0.4 (no database involved)."""

from collections import Counter

import pytest

from api.units.official_source import (
    Edition,
    LineageLink,
    OfficialUnit,
    read_lineage,
    read_units,
    source_version,
)

CAO_BANG = "04"
EDITIONS: tuple[Edition, ...] = ("legacy", "2025")
# Island districts without communes -> the 2025 special zone each became.
ISLAND_DISTRICTS = {
    "318": "Đặc khu Bạch Long Vĩ",
    "471": "Đặc khu Cồn Cỏ",
    "498": "Đặc khu Hoàng Sa",
    "536": "Đặc khu Lý Sơn",
    "755": "Đặc khu Côn Đảo",
}


def _at(units: list[OfficialUnit], level: str) -> list[OfficialUnit]:
    return [unit for unit in units if unit.level == level]


def _by_code(edition: Edition, level: str) -> dict[str, OfficialUnit]:
    return {unit.code: unit for unit in _at(read_units(edition), level)}


def _commune_links(links: list[LineageLink]) -> dict[str, list[LineageLink]]:
    grouped: dict[str, list[LineageLink]] = {}
    for link in links:
        if link.level == "commune":
            grouped.setdefault(link.legacy_code, []).append(link)
    return grouped


def test_the_data_comes_from_the_pinned_package_version() -> None:
    assert source_version() == "1.0.4"


def test_legacy_cao_bang_has_10_districts_and_161_communes() -> None:
    units = read_units("legacy", CAO_BANG)
    [province] = _at(units, "province")
    assert (province.code, province.name, province.parent_code) == (CAO_BANG, "Tỉnh Cao Bằng", None)
    assert len(_at(units, "district")) == 10
    communes = _at(units, "commune")
    assert len(communes) == 161
    assert {unit.kind for unit in communes} <= {"commune", "ward", "town"}


def test_2025_cao_bang_has_56_communes_and_wards() -> None:
    units = read_units("2025", CAO_BANG)
    assert [unit.name for unit in _at(units, "province")] == ["Tỉnh Cao Bằng"]
    assert _at(units, "district") == []
    communes = _at(units, "commune")
    assert len(communes) == 56
    assert {unit.kind for unit in communes} == {"commune", "ward"}
    assert all(unit.parent_code == CAO_BANG for unit in communes)


def test_2025_country_has_34_provinces_and_3321_communes_by_kind() -> None:
    units = read_units("2025")
    assert len(_at(units, "province")) == 34
    assert Counter(unit.kind for unit in _at(units, "commune")) == {
        "commune": 2621,
        "ward": 687,
        "special_zone": 13,
    }


def test_legacy_country_has_63_provinces_696_districts_and_10035_communes() -> None:
    units = read_units("legacy")
    assert len(_at(units, "province")) == 63
    assert len(_at(units, "district")) == 696
    # Kinds from the name prefix; the package's type column would say 7,695 / 1,724 / 616.
    assert Counter(unit.kind for unit in _at(units, "commune")) == {
        "commune": 7692,
        "ward": 1726,
        "town": 617,
    }


def test_phuong_thuc_phan_is_a_2025_ward_of_cao_bang() -> None:
    matches = [unit for unit in read_units("2025", CAO_BANG) if unit.name == "Phường Thục Phán"]
    assert len(matches) == 1
    assert (matches[0].kind, matches[0].level, matches[0].parent_code) == ("ward", "commune", CAO_BANG)


@pytest.mark.parametrize("edition", EDITIONS)
def test_codes_are_unique_per_level_and_well_formed(edition: Edition) -> None:
    units = read_units(edition)
    pairs = Counter((unit.level, unit.code) for unit in units)
    assert max(pairs.values()) == 1
    digits = {"province": 2, "district": 3, "commune": 5}
    assert all(unit.code.isdigit() and len(unit.code) == digits[unit.level] for unit in units)
    assert all(unit.edition == edition for unit in units)


@pytest.mark.parametrize("edition", EDITIONS)
def test_parents_resolve_in_the_same_edition_and_come_first(edition: Edition) -> None:
    parent_level = {"district": "province", "commune": "district" if edition == "legacy" else "province"}
    seen: set[tuple[str, str]] = set()
    for unit in read_units(edition):
        if unit.level == "province":
            assert unit.parent_code is None
        else:
            assert unit.parent_code is not None
            assert (parent_level[unit.level], unit.parent_code) in seen
        seen.add((unit.level, unit.code))


@pytest.mark.parametrize("edition", EDITIONS)
def test_province_filter_returns_the_province_subtree(edition: Edition) -> None:
    whole = read_units(edition)
    parts = [unit for province in _at(whole, "province") for unit in read_units(edition, province.code)]
    assert sorted(parts, key=repr) == sorted(whole, key=repr)
    assert read_units(edition, "99") == []


def test_names_carry_an_officially_spelled_type_prefix() -> None:
    prefixes = {
        "province": ("Tỉnh ", "Thành phố "),
        "district": ("Quận ", "Huyện ", "Thị xã ", "Thành phố "),
        "commune": ("Xã ", "Phường ", "Thị trấn ", "Đặc khu "),
    }
    for edition in EDITIONS:
        assert all(unit.name.startswith(prefixes[unit.level]) for unit in read_units(edition))


def test_kind_follows_the_name_where_the_type_column_is_wrong() -> None:
    legacy, new = _by_code("legacy", "commune"), _by_code("2025", "commune")
    assert (legacy["15061"].name, legacy["15061"].kind) == ("Thị trấn Ngọc Lặc", "town")
    assert (legacy["27046"].name, legacy["27046"].kind) == ("Phường 5", "ward")
    assert (new["10543"].name, new["10543"].kind) == ("Phường Việt Hòa", "ward")
    assert (new["11848"].name, new["11848"].kind) == ("Xã Vĩnh Hòa", "commune")
    assert (new["31213"].name, new["31213"].kind) == ("Phường Tân Lộc", "ward")
    assert (new["31299"].name, new["31299"].kind) == ("Xã Phong Điền", "commune")


def test_units_have_coordinates() -> None:
    for edition in EDITIONS:
        assert all(unit.latitude is not None and unit.longitude is not None for unit in read_units(edition))


def test_island_districts_exist_without_communes() -> None:
    legacy = read_units("legacy")
    districts = {unit.code for unit in _at(legacy, "district")}
    with_communes = {unit.parent_code for unit in _at(legacy, "commune")}
    assert districts - with_communes == set(ISLAND_DISTRICTS)


def test_cao_bang_lineage_maps_all_161_communes_into_the_56_new_ones() -> None:
    legacy = {unit.code for unit in _at(read_units("legacy", CAO_BANG), "commune")}
    new = {unit.code for unit in _at(read_units("2025", CAO_BANG), "commune")}
    grouped = _commune_links(read_lineage(CAO_BANG))
    assert set(grouped) == legacy
    targets = {link.new_code for links in grouped.values() for link in links}
    assert targets == new  # every new commune has at least one source, none is elsewhere


def test_cao_bang_lineage_filter_covers_its_province_and_districts() -> None:
    links = read_lineage(CAO_BANG)
    assert [(link.legacy_code, link.new_code) for link in links if link.level == "province"] == [
        (CAO_BANG, CAO_BANG)
    ]
    districts = {unit.code for unit in _at(read_units("legacy", CAO_BANG), "district")}
    assert {link.legacy_code for link in links if link.level == "district"} == districts


def test_every_link_points_to_an_existing_2025_unit() -> None:
    provinces, communes = _by_code("2025", "province"), _by_code("2025", "commune")
    for link in read_lineage():
        assert link.new_code in (provinces if len(link.new_code) == 2 else communes)


def test_no_legacy_unit_is_left_without_a_mapping() -> None:
    legacy, links = read_units("legacy"), read_lineage()
    for level in ("province", "district", "commune"):
        codes = {unit.code for unit in _at(legacy, level)}
        mapped = {link.legacy_code for link in links if link.level == level}
        assert codes == mapped, level


def test_every_legacy_province_and_district_lands_in_one_2025_province() -> None:
    links = read_lineage()
    province_links = Counter(
        link.legacy_code for link in links if link.level != "commune" and len(link.new_code) == 2
    )
    assert set(province_links.values()) == {1}
    assert len(province_links) == 63 + 696


def test_island_districts_map_to_their_special_zone() -> None:
    communes = _by_code("2025", "commune")
    zones = {
        link.legacy_code: communes[link.new_code]
        for link in read_lineage()
        if link.level == "district" and len(link.new_code) == 5
    }
    assert {code: zone.name for code, zone in zones.items()} == ISLAND_DISTRICTS
    assert {zone.kind for zone in zones.values()} == {"special_zone"}


def test_each_legacy_commune_has_exactly_one_default_target() -> None:
    grouped = _commune_links(read_lineage())
    assert all(sum(link.default for link in links) == 1 for links in grouped.values())
    divided = [links for links in grouped.values() if len(links) > 1]
    assert len(divided) == 471


def test_lineage_is_ordered_by_level_then_codes() -> None:
    links = read_lineage()
    order = {"province": 0, "district": 1, "commune": 2}
    keys = [(order[link.level], link.legacy_code, link.new_code) for link in links]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_results_are_fresh_lists_over_cached_data() -> None:
    first = read_units("legacy", CAO_BANG)
    first.clear()
    assert len(read_units("legacy", CAO_BANG)) == 1 + 10 + 161
