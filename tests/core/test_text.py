"""Vietnamese search keys: the quick way for Vietnamese text folds as the general one does."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from api.core.text import fold, search_terms, searchable


def _folded_generally(text: str) -> str:
    """The definition: NFD of the whole text, no combining marks, đ as d, lower case, one space."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())


def test_vietnamese_meets_its_plain_spelling() -> None:
    assert fold("Phường  Thục Phán\tĐồng Đăng") == "phuong thuc phan dong dang"
    assert fold("Ủy ban nhân dân XÃ ĐỨC XUÂN") == "uy ban nhan dan xa duc xuan"
    assert searchable("HS-2026-000001", None, "", "Nguyễn Thị Ánh") == "hs-2026-000001 nguyen thi anh"
    assert search_terms("  khiếu   NẠI ") == ["khieu", "nai"]


def test_a_lone_mark_leaves_no_empty_word() -> None:
    assert fold("a \u0301 b") == "a b"


# Vietnamese letters and marks, spaces of several kinds, and any other character.
_VIETNAMESE = st.sampled_from(
    [*"aăâeêioôơuưyđĐ AĂÂỆỮ-,.\t\n", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
)
# Not Vietnamese: a space that is not ASCII, the one character of the marks' block that is no mark.
_OTHER = st.sampled_from(["\u00a0", "\u034f"]) | st.characters()


@given(st.lists(_VIETNAMESE, max_size=60).map("".join))
def test_vietnamese_text_folds_as_any_text(text: str) -> None:
    assert fold(text) == _folded_generally(text)


@given(st.lists(_VIETNAMESE | _OTHER, max_size=60).map("".join))
def test_any_text_folds_by_the_definition(text: str) -> None:
    assert fold(text) == _folded_generally(text)
