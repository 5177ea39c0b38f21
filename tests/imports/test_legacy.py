"""Vietnamese text from before Unicode (TCVN3, VNI Windows) read back as Unicode, and columns left alone
when they are Unicode already."""

import unicodedata
from collections.abc import Callable

import pytest

from api.imports.legacy import TCVN3, VIETNAMESE_LETTERS, VNI, Reading, convert, reading_of
from api.units.official_source import read_units

LOWER = sorted(ch for ch in VIETNAMESE_LETTERS if ch.islower())
# Each letter's spelling in the legacy encodings, for writing test text the way the old fonts did.
TO_TCVN3 = {letter: code for code, letter in TCVN3.items()}
TO_VNI: dict[str, str] = {}
for spelling, letter in VNI.items():
    # The canonical spelling: a lower-case letter's all lower-case, a capital's all capitals.
    if spelling == (spelling.lower() if letter.islower() else spelling.upper()):
        TO_VNI.setdefault(letter, spelling)


def as_tcvn3(text: str) -> str:
    """As typed in .VnTime: a capital toned letter, which TCVN3 has not, as its lower-case letter."""
    return "".join(TO_TCVN3.get(ch, TO_TCVN3.get(ch.lower(), ch)) for ch in text)


def typed_in_tcvn3(text: str) -> str:
    """What comes back of `as_tcvn3(text)`: capital toned letters lower-cased."""
    return "".join(ch.lower() if ch not in TO_TCVN3 and ch.lower() in TO_TCVN3 else ch for ch in text)


def as_vni(text: str) -> str:
    return "".join(TO_VNI.get(ch, ch) for ch in text)


def test_tcvn3_as_spreadsheets_show_it() -> None:
    assert convert("B¶o Th¾ng", Reading.TCVN3) == "Bảo Thắng"
    assert convert("M\xadêng Kh\xad¬ng", Reading.TCVN3) == "Mường Khương"
    assert convert("B\xb8t X\xb8t", Reading.TCVN3) == "Bát Xát"
    assert convert("§µo Hoµng Qu©n", Reading.TCVN3) == "Đào Hoàng Quân"
    # Typed in .VnTimeH, the capitals' font: the same codes, shown as capitals.
    heading = ["UBND X· QU¶NG H\xadNG", "DANH S\xb8CH TH¤N, XãM"]
    assert reading_of(heading) == Reading.TCVN3_CAPITALS
    assert [convert(cell, Reading.TCVN3_CAPITALS) for cell in heading] == [
        "UBND XÃ QUẢNG HƯNG",
        "DANH SÁCH THÔN, XÓM",
    ]


def test_every_lower_case_letter_through_tcvn3() -> None:
    assert len(LOWER) == 67  # 66 vowels with a tone or a mark, and đ
    for letter in LOWER:
        assert convert(as_tcvn3(letter), Reading.TCVN3) == letter
    for capital in "ĂÂĐÊÔƠƯ":
        assert convert(as_tcvn3(capital) + "x", Reading.TCVN3) == capital + "x"


def test_vni_as_spreadsheets_show_it() -> None:
    assert convert("Xin chaøo caùc baïn", Reading.VNI) == "Xin chào các bạn"
    assert convert("VIEÄT NAM", Reading.VNI) == "VIỆT NAM"
    assert convert("Nguyeãn Thò Ñöôïc", Reading.VNI) == "Nguyễn Thị Được"
    assert convert("Tröôøng Sôn", Reading.VNI) == "Trường Sơn"


def test_every_letter_both_cases_through_vni() -> None:
    for letter in LOWER:
        assert convert(as_vni(letter), Reading.VNI) == letter
        assert convert(as_vni(letter.upper()), Reading.VNI) == letter.upper()


@pytest.mark.parametrize(
    ("cells", "reading"),
    [
        (["B¶o Th¾ng", "M\xadêng Kh\xad¬ng", "B\xb8t X\xb8t", "Sa Pa"], Reading.TCVN3),
        ([as_tcvn3("Nông Thị Hằng"), as_tcvn3("Lương Văn Đức")], Reading.TCVN3),
        (["Xin chaøo caùc baïn", "Nguyeãn Thò Ñöôïc", "An"], Reading.VNI),
        ([as_vni("Bế Văn Đàn"), as_vni("Hoàng Thị Ngọc Ánh")], Reading.VNI),
        # Unicode words whose letters are all in Latin-1: as VNI "Hoà" would read "Hồ", no better.
        (["Hoà Bình", "Hà Tây", "Sơn La"], Reading.UNICODE),
        (["Hoà Bình", "Hà Tây"], Reading.UNICODE),
        # One letter beyond Latin-1 settles it, whatever the other cells look like.
        (["B¶o Th¾ng", "Thái Nguyên", "Đồng Nai"], Reading.UNICODE),
        (["01273", "CB-001", ""], Reading.UNICODE),
        ([], Reading.UNICODE),
    ],
)
def test_a_column_is_read_as_its_cells_say(cells: list[str], reading: Reading) -> None:
    assert reading_of(cells) == reading


def test_unicode_in_nfc_whatever_it_came_as() -> None:
    # Windows-1258 writes a base letter and a combining tone.
    decomposed = unicodedata.normalize("NFD", "Việt Nam")
    assert decomposed != "Việt Nam"
    assert convert(decomposed, Reading.UNICODE) == "Việt Nam"


@pytest.mark.parametrize("write", [as_tcvn3, as_vni], ids=["tcvn3", "vni"])
def test_every_official_commune_name_comes_back(write: Callable[[str], str]) -> None:
    """The 14,149 unit names of both editions, written in a legacy encoding by province (a column
    each), come back letter for letter; as Unicode they are left alone."""
    by_province: dict[str, list[str]] = {}
    for edition in ("legacy", "2025"):
        for unit in read_units(edition):
            by_province.setdefault(f"{edition}-{unit.code[:2]}", []).append(unit.name)
    assert len(by_province) > 90
    expected = Reading.TCVN3 if write is as_tcvn3 else Reading.VNI
    for names in by_province.values():
        written = [write(name) for name in names]
        reading = reading_of(written)
        assert reading == expected, names[:5]
        back = [typed_in_tcvn3(name) for name in names] if write is as_tcvn3 else names
        assert [convert(cell, reading) for cell in written] == back
        assert reading_of(names) == Reading.UNICODE
