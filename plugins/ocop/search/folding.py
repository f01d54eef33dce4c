"""Vietnamese without diacritics in the search index, including đ/Đ.

Pagefind (≥ 1.5) folds accents both in the index and in queries, so "dau tram" already finds "dầu tràm".
It cannot fold đ/Đ: Unicode gives the letter no decomposition, so "dac san" would never find "đặc sản".
Each indexed page therefore carries, hidden, a copy of every word that has a đ/Đ, written with d/D
("Đặc" → "Dặc"); Pagefind's own folding does the rest. Only those words are copied, so ordinary
words are not counted twice and results are not skewed.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<[^>]*>")
_WORD_WITH_D = re.compile(r"\w*[đĐ]\w*")


def d_folded_words(*texts: str) -> str:
    """The words of `texts` that contain đ/Đ, with d/D instead, once each, in order of appearance.

    `texts` may be HTML (a Markdown body): tags are dropped first.
    """
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD_WITH_D.findall(_TAG.sub(" ", str(text or ""))):
            seen.setdefault(word.replace("đ", "d").replace("Đ", "D"), None)
    return " ".join(seen)
