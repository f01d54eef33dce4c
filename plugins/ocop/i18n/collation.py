"""Vietnamese text helpers: sort keys, diacritic folding and ASCII slugs.

Vietnamese treats ă, â, đ, ê, ô, ơ and ư as letters of their own (a < ă < â < b < … < d < đ < e),
and the five tone marks as a secondary difference (ngang < huyền < hỏi < ngã < sắc < nặng).
Code-point order gets both wrong ("Đ" sorts after "Z"), and Unicode's default collation
interleaves "ăn" with "an". `sort_key` follows the Vietnamese alphabet; `fold` removes every mark,
including the stroke of đ/Đ that Unicode does not decompose, so "me xung" matches "mè xửng".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks that make a separate letter of the alphabet, and tone marks in dictionary order.
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_DIGIT_BASE = -20  # digits before letters


def _letters(text: str):
    """Yield (letter, tone) for each base character of `text`, lowercased, in Vietnamese terms."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    letter, tone = None, 0
    for ch in decomposed:
        if unicodedata.combining(ch):
            if ch in _TONES:
                tone = _TONES[ch]
            elif letter is not None and ch in _LETTER_MARKS:
                if ch == "\u0302":
                    letter = {"a": "â", "e": "ê", "o": "ô"}.get(letter, letter)
                elif ch == "\u031b":
                    letter = {"o": "ơ", "u": "ư"}.get(letter, letter)
                else:
                    letter = {"a": "ă"}.get(letter, letter)
            continue
        if letter is not None:
            yield letter, tone
        letter, tone = ch, 0
    if letter is not None:
        yield letter, tone


@lru_cache(maxsize=1 << 17)  # titles are sorted in every listing and language (English falls back to
def sort_key(text: str) -> tuple:  # Vietnamese): the national catalogue has ~50,000 distinct ones
    """A key that orders strings the way a Vietnamese dictionary does.

    Primary: letters in Vietnamese alphabetical order (digits first, then other characters by
    code point); secondary: tone marks; a final tie-break on the text keeps the order total.
    """
    primary, secondary = [], []
    for letter, tone in _letters(text or ""):
        if letter in _RANK:
            primary.append(_RANK[letter])
        elif letter.isdecimal():  # 0-9 and other scripts' digits ("²" is a digit, not a number: below)
            primary.append(_DIGIT_BASE + int(letter))
        elif letter.isspace() or letter in "-–—_,.;:/()'\"":
            primary.append(-100)  # word separators sort before every letter: "me xung" < "meo"
        else:
            primary.append(1000 + ord(letter))
        secondary.append(tone)
    return (tuple(primary), tuple(secondary), text)


def fold(text: str) -> str:
    """Lowercase ASCII-ish folding: strip every diacritic, map đ → d. "Đà Nẵng" → "da nang"."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII slug `a-z0-9-` from any Vietnamese text: "Mè xửng Đông Ba" → "me-xung-dong-ba"."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")
