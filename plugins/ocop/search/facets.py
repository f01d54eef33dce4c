"""The choices of the filter form: every star level, group, region and producer kind that has products,
with how many products each has (labels in the page's language, values as in `records.py`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ocop.i18n.collation import sort_key

PRODUCER_KINDS = ("cooperative", "enterprise", "cooperative-group", "household")


@dataclass
class Choice:
    value: str
    label: object  # a view (group, region) or a number; the template words it
    count: int
    depth: int = 0  # sub-groups are indented under their group


@dataclass
class Facets:
    stars: list[Choice]
    groups: list[Choice]
    regions: list[Choice]
    kinds: list[Choice]


def search_facets(site) -> Facets:
    catalogue = site.catalogue
    products = catalogue.products
    stars = Counter(p.stars for p in products)
    in_group = Counter(g.key for p in products for g in p.group.lineage)
    in_region = Counter(p.region.id for p in products)
    kinds = Counter(p.producer.kind for p in products)
    groups = [Choice(g.key, site.group(g), in_group[g.key], len(g.lineage) - 1)
              for g in catalogue.group_pages() if in_group[g.key]]
    regions = sorted((site.region(r) for r in catalogue.regions.values() if in_region[r.id]),
                     key=lambda view: sort_key(view.name))
    return Facets(
        stars=[Choice(str(n), n, stars[n]) for n in sorted(stars, reverse=True)],
        groups=groups,
        regions=[Choice(r.id, r, in_region[r.id]) for r in regions],
        kinds=[Choice(k, k, kinds[k]) for k in PRODUCER_KINDS if kinds[k]],
    )
