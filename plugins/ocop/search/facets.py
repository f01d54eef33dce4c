"""The choices of the filter form: every type of page the search finds (products, producers, and sales
points when the catalogue has some), with how many pages of the type there are; every star level, group,
region, producer kind and certification scheme that has products, and "ready to export" when some product
is, with how many products each has (labels in the page's language, values as in `records.py`). A filter
without choices is left out of the form: a catalogue without other certifications or exporters shows no
such filter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ocop.catalogue.api import CERTIFICATION_SCHEMES
from ocop.i18n.collation import sort_key

from .records import EXPORT_READY, TYPES, certification_schemes

PRODUCER_KINDS = ("cooperative", "enterprise", "cooperative-group", "household")


@dataclass
class Choice:
    value: str
    label: object  # a view (group, region), a number or a text in the page's language; the template words it
    count: int
    depth: int = 0  # sub-groups are indented under their group


@dataclass
class Facets:
    types: list[Choice]  # product, producer, shop: labels are the type (`partials/search.html` words it)
    stars: list[Choice]
    groups: list[Choice]
    regions: list[Choice]
    kinds: list[Choice]
    certifications: list[Choice]  # schemes in the contract's order, named as the product page names them
    export: list[Choice]  # one choice, "ready", when some product is ready to export; else none


def search_facets(site) -> Facets:
    catalogue = site.catalogue
    products = catalogue.products
    stars = Counter(p.stars for p in products)
    in_group = Counter(g.key for p in products for g in p.group.lineage)
    in_region = Counter(p.region.id for p in products)
    kinds = Counter(p.producer.kind for p in products)
    views = [site.product(p) for p in products]
    schemes = Counter(scheme for view in views for scheme in certification_schemes(view))
    exporters = sum(view.export_ready for view in views)
    groups = [Choice(g.key, site.group(g), in_group[g.key], len(g.lineage) - 1)
              for g in catalogue.group_pages() if in_group[g.key]]
    regions = sorted((site.region(r) for r in catalogue.regions.values() if in_region[r.id]),
                     key=lambda view: sort_key(view.name))
    of_type = {"product": len(products), "producer": len(catalogue.producers), "shop": len(catalogue.shops)}
    return Facets(
        types=[Choice(t, t, of_type[t]) for t in TYPES if of_type[t]],
        stars=[Choice(str(n), n, stars[n]) for n in sorted(stars, reverse=True)],
        groups=groups,
        regions=[Choice(r.id, r, in_region[r.id]) for r in regions],
        kinds=[Choice(k, k, kinds[k]) for k in PRODUCER_KINDS if kinds[k]],
        certifications=[Choice(s, site.gettext(CERTIFICATION_SCHEMES[s]), schemes[s])
                        for s in CERTIFICATION_SCHEMES if schemes[s]],
        export=[Choice(EXPORT_READY, EXPORT_READY, exporters)] if exporters else [],
    )
