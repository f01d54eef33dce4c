"""The catalogue in figures, computed once: from the catalogue, its languages and a date to plain data.

Both the statistics page (every language) and `invoke report` (a spreadsheet) show these figures; neither
counts anything itself. Everything is keyed by what the content writes (star levels, group codes, region
ids, producer kinds, slugs, language codes): naming them in a language is `tables.py`'s work.

The date is the one every expiry decision is made on: the build date (CATALOGUE_TODAY), or the report's
`--as-of`. A certificate in force on its `expires` day expires the day after, as on the product pages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ocop.catalogue.api import PRODUCER_KINDS, programme

EXPIRY_WINDOWS = (90, 180)  # days ahead: certificates that expire within each, the longest listed
STATUSES = (programme.CERTIFIED, programme.EXPIRED, programme.UNCERTIFIED)
SECTIONS = ("products", "producers", "shops")  # what translation coverage counts


@dataclass(frozen=True)
class Tally:
    """How many products one thing has: a star level, a status, a region, a year."""

    key: object
    products: int


@dataclass(frozen=True)
class GroupTally:
    """A product group (code of Decision 148/QĐ-TTg) with its products and its sub-groups that have some."""

    code: str
    products: int
    sub: tuple = ()  # GroupTally of the sub-groups with products, in the decision's order


@dataclass(frozen=True)
class KindTally:
    """A kind of producer (cooperative, enterprise …): how many producers, how many products they make."""

    kind: str
    producers: int
    products: int


@dataclass(frozen=True)
class Expiring:
    """A certificate in force that expires soon."""

    slug: str  # the product's
    stars: int
    expires: datetime.date
    days: int  # from the date of the figures to the last day of validity (0: it expires at the end of today)


@dataclass(frozen=True)
class Coverage:
    """The translation of one section (products, producers, sales points) into one language."""

    lang: str
    section: str
    total: int  # entries of the section
    current: int  # translated, and up to date
    stale: int  # translated, but the default-language text changed since ("may be out of date")
    shown_in: tuple = ()  # the untranslated ones: (language their pages show, count), along the chain

    @property
    def translated(self) -> int:
        return self.current + self.stale

    @property
    def missing(self) -> int:
        return self.total - self.translated


@dataclass(frozen=True)
class Figures:
    as_of: datetime.date
    products: int
    producers: int
    shops: int
    by_stars: tuple  # Tally per star level, 5 → 1 (every level, also those without products)
    by_status: tuple  # Tally per programme status: certified, certificate expired, below the certified levels
    by_group: tuple  # GroupTally per top-level group, in the decision's order (every one)
    by_region: tuple  # Tally per region with products, in the order of regions.geojson
    regions_without: int  # regions without products
    by_kind: tuple  # KindTally per producer kind of the contract, in its order
    by_year: tuple  # Tally per year products were listed (`date`), first to last, years without any included
    undated: int  # products without `date`
    expiring: tuple  # Expiring within the longest window, soonest first
    coverage: tuple  # Coverage per language other than the default, per section that has entries

    def expiring_within(self, days: int) -> list[Expiring]:
        return [e for e in self.expiring if e.days <= days]


def status_on(product, day: datetime.date) -> str:
    """The product's programme status on `day` (what its badge says on a build of that date)."""
    certificate = product.certificate
    return programme.status(product.stars, None if certificate is None else certificate.expires < day)


def count(catalogue, languages, day: datetime.date) -> Figures:
    """The figures of `catalogue` on `day`, translation coverage for `languages` (the first: the default)."""
    products = catalogue.products
    statuses = [status_on(p, day) for p in products]
    by_stars = tuple(Tally(n, sum(1 for p in products if p.stars == n)) for n in reversed(programme.STAR_LEVELS))
    by_status = tuple(Tally(s, statuses.count(s)) for s in STATUSES)
    by_region = tuple(Tally(rid, len(ps)) for rid, ps in catalogue.by_region.items() if ps)
    return Figures(
        as_of=day,
        products=len(products),
        producers=len(catalogue.producers),
        shops=len(catalogue.shops),
        by_stars=by_stars,
        by_status=by_status,
        by_group=tuple(_group_tally(catalogue, g) for g in catalogue.groups.values() if g.parent is None),
        by_region=by_region,
        regions_without=len(catalogue.regions) - len(by_region),
        by_kind=tuple(KindTally(kind, sum(1 for p in catalogue.producers if p.kind == kind),
                                sum(1 for p in products if p.producer.kind == kind)) for kind in PRODUCER_KINDS),
        by_year=_by_year(products),
        undated=sum(1 for p in products if not p.listed),
        expiring=_expiring(products, statuses, day),
        coverage=tuple(_coverage(catalogue, lang, section) for lang in languages[1:] for section in SECTIONS
                       if _entries(catalogue, section)),
    )


def _group_tally(catalogue, group) -> GroupTally:
    sub = tuple(_group_tally(catalogue, child) for child in group.children if catalogue.in_group(child))
    return GroupTally(group.code, len(catalogue.in_group(group)), sub)


def _by_year(products) -> tuple:
    years = [p.listed.year for p in products if p.listed]
    if not years:
        return ()
    return tuple(Tally(year, years.count(year)) for year in range(min(years), max(years) + 1))


def _expiring(products, statuses, day: datetime.date) -> tuple:
    horizon = max(EXPIRY_WINDOWS)
    soon = []
    for product, status in zip(products, statuses):
        if status == programme.CERTIFIED:
            days = (product.certificate.expires - day).days
            if days <= horizon:
                soon.append(Expiring(product.slug, product.stars, product.certificate.expires, days))
    return tuple(sorted(soon, key=lambda e: (e.expires, e.slug)))


def _entries(catalogue, section: str) -> list:
    return [item.entry for item in getattr(catalogue, section)]


def _coverage(catalogue, lang, section: str) -> Coverage:
    current = stale = 0
    shown: dict[str, int] = {}
    entries = _entries(catalogue, section)
    for entry in entries:
        if entry.is_translated(lang.code):
            if entry.stale_fields(lang.code):
                stale += 1
            else:
                current += 1
        else:
            code = entry.text(lang.chain).lang
            shown[code] = shown.get(code, 0) + 1
    order = {code: index for index, code in enumerate(lang.chain)}
    return Coverage(lang.code, section, len(entries), current, stale,
                    tuple(sorted(shown.items(), key=lambda item: order.get(item[0], len(order)))))
