"""What the search index and the filters know about a product, producer or sales point page.

Filter values are language-independent keys (type `product`, `producer` or `shop`, star level, group key
`i-4`, region id, producer kind, certification scheme `haccp`, `ready` for export-ready), so that a
filtered URL such as `/san-pham/?stars=4&group=i-4&certification=haccp` means the same in every language;
the labels come from the filter form on the page. A producer has the star levels, groups, certifications
and export readiness of its products, and a sales point those of the products it sells, so that the
search page finds them with them; a sales point is also found by the names of the products it sells (the
page lists them as cards, outside what Pagefind reads), and a page that shows a translation by the item's
name (and a place's address) as written in its own file, `index.md`: what a visitor reads on a sign, a
package or a map ("Đông Ba" finds the English page of "Dong Ba market"). Two sort keys: `rank`, the order
of the static listings (products by stars 5 → 1, then name; producers after every product, then sales
points, by name), and `name`, Vietnamese alphabetical order of the title in the page's language.

A sort key depends on its page's own item only (type, stars, title, slug), so that adding or renaming
a product changes no other page. It spells `i18n.collation.sort_key(title)` (letters, tone marks, the
text itself) in lowercase letters whose string order is the collation's order: Pagefind sorts a key's
values as numbers only when every value parses as one, and otherwise compares the strings as they are,
byte by byte (`page_values.sort_by_key(|p| p.0)` in `build_indexes`, pagefind/src/index/mod.rs).
Lowercase letters without digits keep that order under a case-insensitive or "natural" (digit-aware)
comparison too. Each number is a fixed count of base-25 digits `b`…`z`, and each sequence of numbers
ends with `a`, which sorts before every digit, so a sequence sorts before the longer ones it begins.
The slug comes last, to order items whose titles are identical. `rank` starts with `b` and one letter
for the missing stars (5★ `b`, 1★ `f`) for a product, with `c` for a producer and `d` for a sales point.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ocop.catalogue.api import CERTIFICATION_SCHEMES, ProductView, ShopView
from ocop.i18n.collation import sort_key

from .folding import d_folded_words

_DIGITS = "bcdefghijklmnopqrstuvwxyz"  # base 25; "a" ends a sequence
_SHIFT = 100  # the lowest collation weight is -100 (word separators)
_WIDE = 5  # 25**5 numbers: every code point (≤ 0x10FFFF) and every weight (≤ 1000 + 0x10FFFF) fits
_NARROW = 1  # a tone mark (0–5) or a count of missing stars (0–4)


TYPES = ("product", "producer", "shop")  # the values of the `type` filter, in the order of the static listings
_RANKS = dict(zip(TYPES, "bcd"))  # the first letter of each type's `rank`


@dataclass
class SearchRecord:
    type: str  # one of TYPES
    filters: list[tuple[str, str]]
    sorts: list[tuple[str, str]]
    folded: str  # words with đ/Đ written with d/D, indexed but not shown
    unseen: str = ""  # a sales point's products by name, the item's own-language name: indexed, not shown


@lru_cache(maxsize=65536)  # a catalogue uses a few thousand distinct weights and code points
def _number(value: int, width: int) -> str:
    """`value` in `width` base-25 letters. Out of range values are clamped to the nearest end (they then
    compare equal to it, and the rest of the key decides); `sort_key` gives none today, see `_WIDE`."""
    value = min(max(value, 0), len(_DIGITS) ** width - 1)
    letters = ""
    for _ in range(width):
        value, digit = divmod(value, len(_DIGITS))
        letters = _DIGITS[digit] + letters
    return letters


def _sequence(values, width: int) -> str:
    return "".join(_number(v, width) for v in values) + "a"


def name_key(title: str, slug: str) -> str:
    """Vietnamese alphabetical order of `title`: letters, then tone marks, then the text itself, then slug."""
    primary, tones, text = sort_key(title)
    return (_sequence((w + _SHIFT for w in primary), _WIDE) + _sequence(tones, _NARROW)
            + _sequence(map(ord, text), _WIDE) + slug)


def sort_keys(record_type: str, title: str, slug: str, stars: int | None = None) -> list[tuple[str, str]]:
    """The `rank` and `name` keys of a page of `record_type` (one of TYPES; a product with its `stars`)."""
    name = name_key(title, slug)
    rank = _RANKS[record_type] + ("" if stars is None else _number(5 - stars, _NARROW)) + name
    return [("rank", rank), ("name", name)]


def certification_schemes(view: ProductView) -> list[str]:
    """The schemes of the product's other certifications in force on the build date, in the contract's
    order, once each: what the certification filter finds it by (an expired HACCP is no HACCP to a buyer)."""
    schemes = {c.scheme for c in view.certifications if not c.expired}
    return [scheme for scheme in CERTIFICATION_SCHEMES if scheme in schemes]


EXPORT_READY = "ready"  # the value of the `export` filter: exported already, or offering Incoterms
ORIGINAL_FIELDS = ("title", "address")  # what a translated page is also found by, as index.md writes it


def original_texts(view) -> list[str]:
    """The item's name and address as written in its own file (index.md), where the page shows others."""
    fields = view.entry.fields
    return [fields[name] for name in ORIGINAL_FIELDS if fields.get(name) and fields[name] != view.get(name)]


def search_record(view, *shown: str) -> SearchRecord:
    """The filters, sort keys and folded words of a product, producer or sales point page (template
    global); `shown`: other texts of the page that the theme words, such as a sales point's kind."""
    sold = []
    if isinstance(view, ProductView):
        products, kind = [view], view.producer.kind
        texts = [view.title, view.summary, view.body, view.producer.title, view.region.name,
                 *(g.name for g in view.group.lineage), *(f"{k} {v}" for k, v in view.specs), *view.tags]
        record_type, sorts = "product", sort_keys("product", view.title, view.slug, view.stars)
    elif isinstance(view, ShopView):  # a sales point's kind is no producer kind: the `kind` filter leaves it out
        products, kind = view.products, None
        sold = list(dict.fromkeys(p.title for p in products))
        texts = [view.title, view.summary, view.body, view.address, view.region.name, *sold]
        record_type, sorts = "shop", sort_keys("shop", view.title, view.slug)
    else:
        products, kind = view.products, view.kind
        texts = [view.title, view.summary, view.body, view.address, view.region.name]
        record_type, sorts = "producer", sort_keys("producer", view.title, view.slug)
    filters = [("type", record_type), ("region", view.region.id)] + ([("kind", kind)] if kind else [])
    filters += [("stars", str(n)) for n in sorted({p.stars for p in products}, reverse=True)]
    groups = dict.fromkeys(g.group.key for p in products for g in p.group.lineage)
    filters += [("group", key) for key in groups]
    schemes = dict.fromkeys(scheme for p in products for scheme in certification_schemes(p))
    filters += [("certification", scheme) for scheme in schemes]
    if any(p.export_ready for p in products):
        filters.append(("export", EXPORT_READY))
    unseen = [*sold, *original_texts(view)]
    return SearchRecord(record_type, filters, sorts, d_folded_words(*texts, *unseen, *shown), ", ".join(unseen))
