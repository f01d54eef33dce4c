"""What the search index and the filters know about a product or producer page.

Filter values are language-independent keys (star level, group key `i-4`, region id, producer kind),
so that a filtered URL such as `/san-pham/?stars=4&group=i-4` means the same in every language; the
labels come from the filter form on the page. Two sort keys, as zero-padded positions: `rank`, the order
of the static listings (stars, then name), and `name`, Vietnamese alphabetical order of the language.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from catalogue.views import ProductView
from i18n.collation import sort_key

from .folding import d_folded_words

_ORDERS: WeakKeyDictionary = WeakKeyDictionary()  # Site → {"rank": {id: pos}, "name": {id: pos}}


@dataclass
class SearchRecord:
    type: str  # "product" or "producer"
    filters: list[tuple[str, str]]
    sorts: list[tuple[str, str]]
    folded: str  # words with đ/Đ written with d/D, indexed but not shown


def _orders(site) -> dict:
    """Positions of every product and producer in the language's two orders, computed once per site."""
    if site not in _ORDERS:
        listed = site.products(site.catalogue.products) + site.producers(site.catalogue.producers)
        by_name = sorted(listed, key=lambda view: sort_key(view.title))
        _ORDERS[site] = {"rank": {id(v): i for i, v in enumerate(listed)},
                         "name": {id(v): i for i, v in enumerate(by_name)}}
    return _ORDERS[site]


def search_record(site, view) -> SearchRecord:
    """The filters, sort keys and folded words of a product or producer page (template global)."""
    orders = _orders(site)
    sorts = [(name, f"{positions[id(view)]:06d}") for name, positions in orders.items()]
    if isinstance(view, ProductView):
        products, kind = [view], view.producer.kind
        texts = [view.title, view.summary, view.body, view.producer.title, view.region.name,
                 *(g.name for g in view.group.lineage), *(f"{k} {v}" for k, v in view.specs), *view.tags]
        record_type = "product"
    else:
        products, kind = view.products, view.kind
        texts = [view.title, view.summary, view.body, view.address, view.region.name]
        record_type = "producer"
    filters = [("type", record_type), ("region", view.region.id), ("kind", kind)]
    filters += [("stars", str(n)) for n in sorted({p.stars for p in products}, reverse=True)]
    groups = dict.fromkeys(g.group.key for p in products for g in p.group.lineage)
    filters += [("group", key) for key in groups]
    return SearchRecord(record_type, filters, sorts, d_folded_words(*texts))
