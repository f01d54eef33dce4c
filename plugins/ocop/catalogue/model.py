"""The catalogue model: products, producers, sales points, regions, groups and pages, linked and indexed once.

Data flows one way: files → validated records (`Entry`) → one `Catalogue` → page views → templates.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path

from ocop.i18n.collation import sort_key

from .groups import Group
from .photos import Photo
from .regions import Region

FEATURED_FROM_STARS = 4  # the home page features certified products from this many stars
from . import programme, staleness


@dataclass
class Text:
    """The translatable part of an entry in one language: its fields and its Markdown body."""

    lang: str
    fields: dict
    body: str  # Markdown source
    path: Path | None = None


@dataclass(eq=False)
class Entry:
    """One bundle (product, producer, region description or page) with its translations."""

    section: str  # the content section: products, producers, shops, regions, pages
    slug: str
    folder: Path
    fields: dict  # clean fields of the default-language file
    texts: dict[str, Text] = field(default_factory=dict)  # language → text (the default language too)
    photos: dict[str, Photo] = field(default_factory=dict)  # file name → photo
    document: object = field(default=None, repr=False)  # the parsed index.md (for error lines)
    translation_docs: dict = field(default_factory=dict, repr=False)  # language → parsed translation
    schema: object = field(default=None, repr=False)  # the contract's schema of its files (schema.py)

    # A `chain` below is a page language's fallback chain (`Language.chain`): ("ko", "en", "vi") shows the
    # Korean text where there is one, else the English, else the default language's.

    def text(self, chain: tuple) -> Text:
        """The first translation along `chain`: the text a page of that language shows (its title, and the
        language the page is in for search engines); the default language's when none is translated."""
        return next((self.texts[code] for code in chain if code in self.texts), self.texts[self.default_lang])

    @property
    def default_lang(self) -> str:
        return next(iter(self.texts))

    def is_translated(self, lang: str) -> bool:
        return lang in self.texts

    def translated_from(self, lang: str) -> dict | None:
        """The record of the `lang` translation (`translated_from`: what it was translated from), or None when
        there is no such translation or it was never marked current."""
        text = self.texts.get(lang) if lang != self.default_lang else None
        return None if text is None else text.fields.get(staleness.FIELD)

    @functools.cached_property
    def source_digests(self) -> dict:
        """name → digest of each translatable text of index.md (`body` too), None where it has none, in the
        contract's order (staleness.py): made on first use, for an entry with a marked translation."""
        return staleness.digests(self.schema, self.fields, self.texts[self.default_lang].body)

    def stale_fields(self, lang: str) -> list[str]:
        """The translatable texts of index.md that changed since the `lang` translation was last marked
        current: field names in the content contract's order, `body` for the Markdown body ("summary",
        "body"); [] when none did, and when there is no translation or no record (`translated_from`)."""
        recorded = self.translated_from(lang)
        return [] if recorded is None else staleness.changed(recorded, self.source_digests)

    def shown(self, path: tuple, chain: tuple):
        """(value, language) of a translatable field, field by field along `chain`: ("summary",),
        ("price", "unit"), ("certifications", 0, "name"). A partial translation (a title, no summary) shows
        its own title and the next language's summary; facts only index.md has come from it. (None, None)
        when nowhere."""
        for code in chain:
            text = self.texts.get(code)
            value = dig(text.fields, path) if text is not None else None
            if value is not None and value != "":
                return value, code
        value = dig(self.fields, path)
        return (value, self.default_lang) if value is not None else (None, None)

    def body(self, chain: tuple) -> tuple[str, str]:
        """(Markdown, language) of the first non-empty body along `chain`."""
        for code in chain:
            text = self.texts.get(code)
            if text is not None and text.body.strip():
                return text.body, code
        return self.texts[self.default_lang].body, self.default_lang

    def get(self, name: str, chain: tuple, default=None):
        """A top-level field along `chain` (see `shown`), else `default`."""
        value, _lang = self.shown((name,), chain)
        return default if value is None else value


def dig(fields, path):
    """fields[path[0]][path[1]]…, or None where a key or index is missing."""
    for key in path:
        if isinstance(fields, dict):
            fields = fields.get(key)
        elif isinstance(fields, list) and isinstance(key, int) and key < len(fields):
            fields = fields[key]
        else:
            return None
    return fields


@dataclass(frozen=True)
class Certificate:
    decision: str
    issued_by: str
    date: datetime.date
    expires: datetime.date
    expired: bool


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=last_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def checked_on(fields: dict, today: datetime.date) -> datetime.date | None:
    """When a product's or producer's facts were last checked (`updated`), as the build date knows it: None
    when not given, or when the day is still to come (the loader warns of it: a slip of the keyboard, or a
    build "as of" an earlier day, which shows the catalogue as it was then). Pages, the sitemap's lastmod
    and the open data all show this date."""
    updated = fields.get("updated")
    return updated if updated is not None and updated <= today else None


def certificate_of(fields: dict, today: datetime.date) -> Certificate | None:
    cert = fields.get("certificate")
    if not cert:
        return None
    expires = cert.get("expires") or add_months(cert["date"], programme.CERTIFICATE_MONTHS)
    return Certificate(cert["decision"], cert["issued_by"], cert["date"], expires, expires < today)


@dataclass(frozen=True)
class Certification:
    """One of a product's other certifications (VietGAP, HACCP, organic …)."""

    scheme: str
    name: str | None  # in the default language; required for `other`
    number: str | None
    issued_by: str | None
    date: datetime.date | None
    expires: datetime.date | None
    url: str | None
    expired: bool  # past `expires` on the build date (CATALOGUE_TODAY)


def certifications_of(fields: dict, today: datetime.date) -> list[Certification]:
    return [Certification(c["scheme"], c.get("name"), c.get("number"), c.get("issued_by"), c.get("date"),
                          c.get("expires"), c.get("url"), bool(c.get("expires") and c["expires"] < today))
            for c in fields.get("certifications", ())]


@dataclass(eq=False)
class Product:
    entry: Entry
    producer: "Producer"
    group: Group
    region: Region
    certificate: Certificate | None
    certifications: list[Certification] = field(default_factory=list)
    shops: list["Shop"] = field(default_factory=list)  # the sales points that sell it, by name (set by Catalogue)
    updated: datetime.date | None = None  # when its facts were last checked, as of the build date (set by Catalogue)

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def location(self) -> dict | None:
        """Where the product is experienced or made: its own `location` (a tour's meeting point), else its
        producer's; None when neither has one."""
        return self.entry.fields.get("location") or self.producer.entry.fields.get("location")

    @property
    def stars(self) -> int:
        return self.entry.fields["stars"]

    @property
    def certifiable(self) -> bool:
        """At a certified star level (`programme.certifiable`): its certificate is what the pages show."""
        return programme.certifiable(self.stars)

    @property
    def valid_certificate(self) -> Certificate | None:
        """The certificate, when it means something: only at a certified level (below, "not certified")."""
        return self.certificate if self.certifiable else None

    @property
    def status(self) -> str:
        """`programme.CERTIFIED`, `EXPIRED` or `UNCERTIFIED`: what the badge and the page say."""
        return programme.status(self.stars, None if self.certificate is None else self.certificate.expired)

    @property
    def certified(self) -> bool:
        """Recognised as OCOP now: at a certified level with a certificate that has not expired."""
        return self.status == programme.CERTIFIED

    @property
    def listed(self) -> datetime.date | None:
        return self.entry.fields.get("date")


class KindOfPlace:
    """What producers and sales points share: a bundle whose folder is the slug, with a `kind` field (a
    producer's legal form, a sales point's kind of shop)."""

    entry: Entry

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def kind(self) -> str:
        return self.entry.fields["kind"]


@dataclass(eq=False)
class Producer(KindOfPlace):
    entry: Entry
    region: Region
    products: list[Product] = field(default_factory=list)
    updated: datetime.date | None = None  # when its facts were last checked, as of the build date (set by Catalogue)


@dataclass(eq=False)
class Shop(KindOfPlace):
    """A sales point (điểm bán): an OCOP centre, a shop, a market stall … It sells the products it lists and
    every product of the producers it lists."""

    entry: Entry
    region: Region
    listed_products: list[Product]
    listed_producers: list[Producer]
    products: list[Product] = field(default_factory=list)  # all it sells, in listing order (set by Catalogue)

    @property
    def location(self) -> dict:
        return self.entry.fields["location"]


@dataclass
class Catalogue:
    products: list[Product]
    producers: list[Producer]
    regions: dict[str, Region]
    groups: dict[str, Group]
    pages: list[Entry]
    languages: list  # i18n.languages.Language, the first is the default
    today: datetime.date
    map_attribution: str = ""  # Markdown: credits of the region boundaries (regions/ATTRIBUTION.md)
    shops: list[Shop] = field(default_factory=list)  # sales points, by name

    def __post_init__(self):
        self._group_pages: list[Group] | None = None
        self.by_stars: dict[int, list[Product]] = {}
        self.by_region: dict[str, list[Product]] = {r: [] for r in self.regions}
        self.producers_by_region: dict[str, list[Producer]] = {r: [] for r in self.regions}
        self._by_group: dict[str, list[Product]] = {}  # a group's products and its sub-groups'
        for product in self.products:
            self.by_stars.setdefault(product.stars, []).append(product)
            self.by_region[product.region.id].append(product)
            for group in product.group.lineage:
                self._by_group.setdefault(group.code, []).append(product)
            product.producer.products.append(product)
        for producer in self.producers:
            self.producers_by_region[producer.region.id].append(producer)
        for item in (*self.products, *self.producers):
            item.updated = checked_on(item.entry.fields, self.today)
        self.shops_by_region: dict[str, list[Shop]] = {r: [] for r in self.regions}
        for shop in self.shops:
            sold = {id(p) for p in shop.listed_products}
            sold |= {id(p) for producer in shop.listed_producers for p in producer.products}
            shop.products = [p for p in self.products if id(p) in sold]
            for product in shop.products:
                product.shops.append(shop)
            self.shops_by_region[shop.region.id].append(shop)

    def star_levels(self) -> list[int]:
        """Star levels with a page: the certified levels always, lower ones when a product has them."""
        return sorted(set(self.by_stars) | set(programme.certified_levels()), reverse=True)

    def featured(self) -> list[Product]:
        """Products the home page features: certified now, from FEATURED_FROM_STARS stars."""
        return [p for p in self.products if p.certified and p.stars >= FEATURED_FROM_STARS]

    def newest(self, count: int) -> list[Product]:
        """The `count` most recently listed products (`date`), newest first; undated ones are left out."""
        return sorted((p for p in self.products if p.listed), key=lambda p: p.listed, reverse=True)[:count]

    def group_pages(self) -> list[Group]:
        """Every top-level group, and every sub-group that holds a product (with its ancestors)."""
        if self._group_pages is None:
            used = {g.code for p in self.products for g in p.group.lineage}
            self._group_pages = [g for g in self.groups.values() if g.parent is None or g.code in used]
        return self._group_pages

    def in_group(self, group: Group) -> list[Product]:
        return list(self._by_group.get(group.code, ()))


def product_order(chain: tuple):
    """Stars first (5 → 1), then Vietnamese alphabetical order of the title shown along `chain`."""
    return lambda p: (-p.stars, sort_key(p.entry.get("title", chain)))


def name_order(chain: tuple):
    return lambda item: sort_key(item.entry.get("title", chain))
