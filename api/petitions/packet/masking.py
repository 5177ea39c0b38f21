"""Masking a denouncer in free text: every mention of their full name, identity number, phone,
e-mail or address, with or without diacritics, becomes `[***]`."""

import re
import unicodedata
from typing import Any

MASK = "[***]"
# Shorter secrets (initials, a two-digit house number) would mask ordinary words.
_MIN_SECRET = 4


def _fold_char(ch: str) -> str:
    """One character for one: the base letter, lower case, đ as d; anything else a space. The
    folded text lines up with the original, so a match found in one is masked in the other."""
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()[:1]
    return base if base.isalnum() else " "


def _folded(text: str) -> str:
    return "".join(_fold_char(ch) for ch in text)


def _pattern(secret: str) -> re.Pattern[str] | None:
    words = _folded(unicodedata.normalize("NFC", secret)).split()
    if len("".join(words)) < _MIN_SECRET:
        return None
    if all(w.isdigit() for w in words):
        # A number may be written grouped: 0912 345 678, 0912.345.678.
        body = " *".join("".join(words))
    else:
        body = " +".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


class Masker:
    def __init__(self, secrets: list[str]) -> None:
        patterns = [_pattern(s) for s in secrets if s]
        self.patterns = [p for p in patterns if p is not None]

    def text(self, text: str) -> str:
        if not self.patterns:
            return text
        text = unicodedata.normalize("NFC", text)
        folded = _folded(text)
        spans = sorted(m.span() for p in self.patterns for m in p.finditer(folded))
        out, at = [], 0
        for start, end in spans:
            if start < at:  # overlaps the previous mask
                start = at
            if start >= end:
                continue
            out += [text[at:start], MASK]
            at = end
        return "".join([*out, text[at:]])

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value
