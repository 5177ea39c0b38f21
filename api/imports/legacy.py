"""Vietnamese text from before Unicode, found in older provincial spreadsheets and CSV files.

Two 8-bit encodings were common: **TCVN3** (ABC, the `.VnTime` fonts), one byte per letter, and
**VNI Windows** (the `VNI-Times` fonts), a base letter followed by a mark character. Opened by a
program that knows nothing of the font, their text arrives as Latin-1 characters: "B¶o Th¾ng"
(TCVN3) or "Xin chaøo" (VNI) for "Bảo Thắng" and "Xin chào".

Whether a column is such text is decided by scoring, not guessing: each candidate reading (as it is,
as TCVN3, as VNI) is scored by the Vietnamese letters it produces minus the stray Latin-1 symbols it
leaves, over the column's cells; a legacy reading wins only when it scores clearly higher. A column
with one real Unicode letter of Vietnamese beyond Latin-1 (ă, đ, ơ, ư, ạ, ả, …) is Unicode: legacy
text never contains one. "Hoà Bình" stays as it is (as VNI it would read "Hồ Bình": same score).

TCVN3 has no capital toned letters (Ó, Ấ, Ờ…): a capital was typed as the lower-case letter, or the
whole text set in a second font (`.VnTimeH`) that shows the lower-case codes as capitals. Which font a
cell used is not in its text; a column whose Latin letters are all capitals (ten at least) is taken to
be in `.VnTimeH` and converted to capitals.
"""

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum


class Reading(StrEnum):
    UNICODE = "unicode"
    TCVN3 = "tcvn3"
    # TCVN3 in `.VnTimeH`, the capitals' font: the lower-case codes, shown as capitals.
    TCVN3_CAPITALS = "tcvn3_capitals"
    VNI = "vni"


# TCVN3 (ABC): the character each Vietnamese letter was written as, in the order of the letters.
_TCVN3_LETTERS = (
    "àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đ" "èéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ" "ơờớởỡợ" "ùúủũụ" "ưừứửữự"
    "ỳýỷỹỵ" "ĂÂĐÊÔƠƯ"
)  # fmt: skip
_TCVN3_CODES = (
    "µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®" "ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé" "¬êíëìî" "ïóñòô" "\xadõøö÷ù"  # noqa: RUF001
    "úýûüþ" "¡¢§£¤¥¦"
)  # fmt: skip
TCVN3 = dict(zip(_TCVN3_CODES, _TCVN3_LETTERS, strict=True))

# VNI Windows: a base letter and its marks (sắc, huyền, hỏi, ngã, nặng), or one character.
_VNI_TONED = {
    # base, its letters without and with each tone, the VNI spelling of each
    "a": ("aáàảãạ", ("a", "aù", "aø", "aû", "aõ", "aï")),
    "â": ("âấầẩẫậ", ("aâ", "aá", "aà", "aå", "aã", "aä")),
    "ă": ("ăắằẳẵặ", ("aê", "aé", "aè", "aú", "aü", "aë")),
    "e": ("eéèẻẽẹ", ("e", "eù", "eø", "eû", "eõ", "eï")),
    "ê": ("êếềểễệ", ("eâ", "eá", "eà", "eå", "eã", "eä")),
    "o": ("oóòỏõọ", ("o", "où", "oø", "oû", "oõ", "oï")),
    "ô": ("ôốồổỗộ", ("oâ", "oá", "oà", "oå", "oã", "oä")),
    "ơ": ("ơớờởỡợ", ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï")),
    "u": ("uúùủũụ", ("u", "uù", "uø", "uû", "uõ", "uï")),
    "ư": ("ưứừửữự", ("ö", "öù", "öø", "öû", "öõ", "öï")),
    "i": ("iíìỉĩị", ("i", "í", "ì", "æ", "ó", "ò")),
    "y": ("yýỳỷỹỵ", ("y", "yù", "yø", "yû", "yõ", "î")),
    "đ": ("đ", ("ñ",)),
}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for letters, spellings in _VNI_TONED.values():
        for letter, spelling in zip(letters, spellings, strict=True):
            if spelling != letter:
                table[spelling] = letter
                table[spelling.upper()] = letter.upper()
                # A capital base letter is sometimes followed by the lower-case mark.
                table[spelling[0].upper() + spelling[1:]] = letter.upper()
    return table


VNI = _vni_table()
_VNI_LONGEST = max(len(k) for k in VNI)

# The precomposed letters of Vietnamese beyond ASCII, both cases.
VIETNAMESE_LETTERS = frozenset(
    "".join(letters for letters, _ in _VNI_TONED.values())
    + "".join(letters for letters, _ in _VNI_TONED.values()).upper()
) - frozenset("aeiouyAEIOUY")
# Those beyond Latin-1: one of them proves a text is Unicode.
_BEYOND_LATIN1 = frozenset(ch for ch in VIETNAMESE_LETTERS if ord(ch) > 0xFF)
# Latin-1 characters that are no Vietnamese letter: what a legacy text shows until it is converted.
_STRAY = frozenset(chr(c) for c in range(0xA0, 0x100)) - VIETNAMESE_LETTERS - {"\xa0"}


def from_tcvn3(text: str) -> str:
    return "".join(TCVN3.get(ch, ch) for ch in text)


def from_vni(text: str) -> str:
    out: list[str] = []
    at = 0
    while at < len(text):
        for size in range(_VNI_LONGEST, 0, -1):
            letter = VNI.get(text[at : at + size])
            if letter is not None:
                out.append(letter)
                at += size
                break
        else:
            out.append(text[at])
            at += 1
    return "".join(out)


_CONVERT = {
    Reading.UNICODE: lambda text: text,
    Reading.TCVN3: from_tcvn3,
    Reading.TCVN3_CAPITALS: lambda text: from_tcvn3(text).upper(),
    Reading.VNI: from_vni,
}
_CANDIDATES = (Reading.UNICODE, Reading.TCVN3, Reading.VNI)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"[^\W\d_]+")


def _untoned(letter: str) -> str:
    """The letter without its tone, its other marks kept: ấ → â, ừ → ư."""
    kept = "".join(ch for ch in unicodedata.normalize("NFD", letter) if ch not in _TONES)
    return unicodedata.normalize("NFC", kept).lower()


# Vietnamese syllables: an onset, then a rhyme. Text read with the wrong table gives syllables no
# Vietnamese word has ("Tổnh", "Laõm" for "Tỉnh", "Lâm").
_ONSETS = (
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
_RHYMES = frozenset(
    """a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et ê êch êm ên ênh êp êt êu
    i ia ich iêc iêm iên iêng iêp iêt iêu im in inh ip it iu
    o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oen oeo oet oi om
    on ong ooc oong op ot ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
    u ua uân uâng uât uây uc uê uêch uênh ui um un ung uôc uôi uôm uôn uông uôt up ut uơ
    uy uya uych uyên uyêt uynh uyt uyu
    ư ưa ưc ưi ưm ưn ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu
    y yêm yên yêt yêu""".split()  # noqa: SIM905 (a table to read)
)


def _tones(word: str) -> int:
    return sum(1 for ch in unicodedata.normalize("NFD", word) if ch in _TONES)


def _is_syllable(word: str) -> bool:
    """Whether a word (lower case) is a Vietnamese syllable: one tone at most, an onset and a rhyme."""
    if _tones(word) > 1:
        return False
    bare = "".join(_untoned(ch) for ch in word)
    return any(bare.startswith(onset) and bare[len(onset) :] in _RHYMES for onset in _ONSETS)


def score(text: str) -> int:
    """Vietnamese letters, minus stray Latin-1 symbols, plus two for each word with a mark that is a
    Vietnamese syllable and minus two for each that is not: higher for the right reading of a text."""
    letters = sum(1 for ch in text if ch in VIETNAMESE_LETTERS)
    strays = sum(1 for ch in text if ch in _STRAY)
    syllables = 0
    for word in _WORD.findall(text.lower()):
        if not word.isascii():
            syllables += 2 if _is_syllable(word) else -2
    return letters - strays + syllables


def is_unicode(text: str) -> bool:
    """Whether the text has a letter no legacy encoding can produce (ă, đ, ơ, ư, ạ, ả, …)."""
    return any(ch in _BEYOND_LATIN1 for ch in text)


def reading_of(cells: Iterable[str]) -> Reading:
    """How a column's text is to be read, from its cells (a sample will do): Unicode unless a legacy
    reading scores clearly better (by at least 2 and by a tenth of the letters)."""
    totals = dict.fromkeys(_CANDIDATES, 0)
    letters = capitals = small = 0
    for cell in cells:
        if is_unicode(cell):
            return Reading.UNICODE
        latin = [ch for ch in cell if ch.isascii() and ch.isalpha()]
        capitals += sum(1 for ch in latin if ch.isupper())
        small += len(latin) - sum(1 for ch in latin if ch.isupper())
        if cell.isascii():
            continue
        letters += sum(1 for ch in cell if ch.isalpha())
        for reading in _CANDIDATES:
            totals[reading] += score(_CONVERT[reading](cell))
    best = max(totals, key=lambda r: (totals[r], r == Reading.UNICODE))
    margin = totals[best] - totals[Reading.UNICODE]
    if best == Reading.UNICODE or margin < max(2, letters // 10):
        return Reading.UNICODE
    if best == Reading.TCVN3 and small == 0 and capitals >= 10:
        return Reading.TCVN3_CAPITALS
    return best


def convert(text: str, reading: Reading) -> str:
    """The text read as `reading`, in Unicode NFC (a composed letter, never a base and its marks)."""
    return unicodedata.normalize("NFC", _CONVERT[reading](text))
