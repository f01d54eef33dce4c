"""Fingerprints of pages: a digest of everything a page shows, to skip the pages whose inputs did not change.

A product page shows the product, its producer's card, the cards of the producer's other products, its
region and group; a listing page shows the cards of its items, its position and the listing's size.
Each of these is summed up by digests of the content files behind it (their bytes, see
`frontmatter.Document.digest`) and of the photos. What every page can show goes into one site-wide
digest: the code of the plugins and the theme (templates, translations, styles), the settings, the
regions, the product groups in use and the ordinary pages (the footer lists them). When the site-wide
digest changes, every page is made again. The date the build runs as (CATALOGUE_TODAY) is not in it: a
product's card carries what the date decides about it (its status: a certificate expires), and a page
that shows opening hours from the build date on carries the date, so that the daily scheduled rebuild
remakes only the pages the day changed.

Pages of other types (home, region and group indexes, maps, search, redirects) get no fingerprint and are
always made: there are few of them.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

PLUGINS_DIR = Path(__file__).resolve().parents[1]
LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "babel", "markupsafe", "pillow", "phonenumbers", "python-stdnum", "vobject",
             "opening-hours-py")
LISTINGS = ("products", "producers", "stars", "group")


def _hash(*parts) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _files_digest(*folders: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _plain(value):
    """Settings as plain data (functions and objects by type only: their repr changes every run)."""
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, dict):
        return sorted((str(k), _plain(v)) for k, v in value.items())
    return type(value).__name__


# Settings that change how a build runs, not what a page shows (the search index's shards are listed in
# a file of their own, not in pages).
HOW_NOT_WHAT = {"CATALOGUE_PREVIEW", "CATALOGUE_RENDER_WORKERS", "CATALOGUE_PARALLEL_FROM",
                "SEARCH_SHARD_PAGES", "SEARCH_INDEX_WORKERS",
                "CATALOGUE_TODAY"}  # what the date decides is in the pages' own digests (`dated`)


def _ignored(setting: str) -> bool:
    """Where things are (content, output, theme, caches): their contents count, not their paths; and
    settings of how the build runs."""
    return (setting in ("PATH", "THEME", "OUTPUT_PATH") or setting.endswith(("_PATH", "_PATHS"))
            or setting in HOW_NOT_WHAT)


def entry_digest(entry) -> str:
    """The files of one bundle: its index.md, its translations and its photos."""
    docs = [("", entry.document.digest)] if entry.document is not None else []
    docs += sorted((lang, doc.digest) for lang, doc in entry.translation_docs.items())
    photos = sorted((name, photo.digest, [(r.name, r.width, r.height) for r in photo.renditions],
                     photo.social.name if photo.social else None) for name, photo in entry.photos.items())
    return _hash(docs, photos)


def dated(product) -> tuple:
    """What the build date decides about a product: its OCOP status (a certificate expires), which of its
    other certifications are past their date and whether its `updated` day has come (`model.checked_on`).
    The date itself is no input of a page that shows nothing else of it, so that a rebuild on a later day
    remakes only the pages the day changed."""
    return product.status, [c.expired for c in product.certifications], product.updated


def _hours_of(*entries) -> bool:
    """Whether a page shows opening hours from the build date on (the coming week, "today's" hours)."""
    return any(entry.fields.get("opening_hours") for entry in entries)


def _filtered_by(product) -> tuple:
    """What the search filters know of a product: its stars, group, region, producer kind, other
    certifications with their expiry (in force or not), export markets and Incoterms (export-ready)."""
    trade = product.entry.fields.get("trade") or {}
    return (product.stars, product.group.code, product.region.id, product.producer.kind,
            sorted((c.scheme, c.expired) for c in product.certifications),
            list(trade.get("export_markets", ())), list(trade.get("incoterms", ())))


class PageFingerprints:
    def __init__(self, generator, content: Path, per_page: int):
        catalogue = self.catalogue = generator.catalogue
        self.per_page = per_page
        self.by_slug = {("product", p.slug): p for p in catalogue.products}
        self.by_slug.update({("producer", p.slug): p for p in catalogue.producers})
        self.by_slug.update({("shop", s.slug): s for s in catalogue.shops})
        self._cards: dict = {}
        regions = [(r.id, r.names, r.parent_id, entry_digest(r.description) if r.description else None)
                   for r in catalogue.regions.values()]
        regions_file = content / "regions" / "regions.geojson"
        self.site = _hash(
            _files_digest(PLUGINS_DIR, Path(generator.theme)),
            [(name, version(name)) for name in LIBRARIES],
            _plain({k: v for k, v in generator.settings.items() if k.isupper() and not _ignored(k)}),
            hashlib.blake2b(regions_file.read_bytes(), digest_size=16).hexdigest() if regions_file.is_file() else "",
            catalogue.map_attribution, regions,
            [g.code for g in catalogue.group_pages()], catalogue.star_levels(),
            [(e.slug, entry_digest(e)) for e in catalogue.pages],
            bool(catalogue.shops),  # the navigation links the sales points when there are some
        )
        # what the filters of the all-products listing count
        self.facets = _hash(sorted(_filtered_by(p) for p in catalogue.products))

    def all_products(self, lang) -> str:
        """Everything about every product and sales point, in `lang` (for files made from the whole catalogue:
        the open data)."""
        return _hash(self.site, lang.code, self.catalogue.today.isoformat(),  # the export's "generated" date
                     [(p.slug, self.card(p)) for p in self.catalogue.products],
                     [(entry_digest(s.entry), s.region.id, [p.slug for p in s.products],
                       [p.slug for p in s.listed_producers]) for s in self.catalogue.shops])

    def routes(self, routes) -> str:
        """The site's addresses, the languages each is translated into and its entry's `updated` date (for the
        sitemap: lastmod)."""
        languages = self.catalogue.languages
        return _hash(self.site, [(r.page_type, r.key, r.page, r.redirect, [r.indexable(lang) for lang in languages],
                                  r.updated) for r in routes])

    def card(self, item) -> str:
        """A product's or producer's card: the item, and what its card says about others."""
        key = id(item)
        if key not in self._cards:
            if hasattr(item, "producer"):  # a product: its producer's name, its region, its badge
                self._cards[key] = _hash(entry_digest(item.entry), entry_digest(item.producer.entry), dated(item),
                                         item.producer.slug, item.region.id, item.group.code)
            else:  # a producer: its region, how many products it has, whether its `updated` day has come
                self._cards[key] = _hash(entry_digest(item.entry), item.region.id, len(item.products), item.updated)
        return self._cards[key]

    def page(self, route, lang, site) -> str | None:
        """The fingerprint of `route` in language `lang` (`site`: its Site), or None: always make it."""
        page_type = route.page_type
        if page_type in ("product", "producer"):
            item = self.by_slug[(page_type, route.key)]
            producer = item.producer if page_type == "product" else item
            shown = [self.card(item), self.card(producer), [self.card(p) for p in producer.products]]
            dated_page = _hours_of(producer.entry)  # the producer's visiting hours
            if page_type == "product":  # where to buy it: the sales points' hours on the build date, dated
                shown.append([entry_digest(shop.entry) for shop in item.shops])
                dated_page = dated_page or bool(item.shops)
            if dated_page:
                shown.append(self.catalogue.today.isoformat())
        elif page_type == "shop":
            shop = self.by_slug[(page_type, route.key)]
            shown = [entry_digest(shop.entry), shop.region.id, [self.card(p) for p in shop.products],
                     self.catalogue.today.isoformat() if _hours_of(shop.entry) else None]
        elif page_type == "region":
            catalogue = self.catalogue
            shown = [[self.card(p) for p in catalogue.by_region[route.key]],
                     [self.card(p) for p in catalogue.producers_by_region[route.key]],
                     [(entry_digest(s.entry), len(s.products)) for s in catalogue.shops_by_region[route.key]]]
        elif page_type in LISTINGS and route.listing is not None:
            items = site.listing(route)
            start = (route.page - 1) * self.per_page
            shown = [len(items), route.pages, [self.card(view.product if page_type != "producers" else view.producer)
                                               for view in items[start:start + self.per_page]]]
            if page_type == "products":
                shown.append(self.facets)
        else:
            return None
        return _hash(self.site, lang.code, page_type, route.key, route.page, shown)
