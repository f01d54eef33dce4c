"""Every page of the site, once per language: its URL, template and what it shows.

A `Route` is language-independent (a product page, page 2 of the four-star listing); the generator
renders it in every language, and the sitemap and hreflang links come from the same list.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Callable

from .model import Catalogue


@dataclass(frozen=True)
class Route:
    page_type: str  # a page type of i18n.languages.Language.path
    key: object  # slug, id, star level or group key; None for singletons
    template: str
    context: Callable  # site → template variables
    page: int = 1
    pages: int = 1
    listing: Callable | None = None  # site → all items of a paginated listing
    source: object = None  # the content file behind the page, to name in error messages
    redirect: bool = False  # an alias: written once, not in the sitemap, no language alternates
    lang: str | None = None  # a redirect's language: the one whose page it leads to
    entry: object = None  # the content entry whose text the page shows (None: the theme's text only)
    updated: datetime.date | None = None  # its product's or producer's `updated` (`checked_on`): sitemap lastmod

    def path(self, lang) -> str:
        return lang.path(self.page_type, self.key, self.page)

    def shown_lang(self, lang) -> str:
        """The language of the text the page of `lang` shows: its own, or the first translation of the entry
        along its fallback chain (content contract, "Translation files")."""
        return lang.code if self.entry is None else self.entry.text(lang.chain).lang

    def indexable(self, lang) -> bool:
        """Whether the page of `lang` is the page of its text for search engines: in that language's sitemap
        entries and the hreflang alternates. A page showing another language's text through the fallback
        chain is not (its canonical URL is the page in the language it shows)."""
        return not self.redirect and (self.entry is None or self.entry.is_translated(lang.code))


def alias_paths(aliases, languages) -> list[tuple[str, str]]:
    """(old path, language of the page it leads to). An old product URL of the default language
    (`/san-pham/ten-cu/`, a renamed folder) also brings that product's old URL in every other language
    (`/en/products/ten-cu/`); an alias under `/en/` leads to the English page."""
    default = languages[0]
    prefixes = {lang.prefix + "/": lang.code for lang in languages[1:]}
    paths = {}
    for alias in aliases:
        lang = next((code for prefix, code in prefixes.items() if alias.startswith(prefix)), default.code)
        paths.setdefault(alias, lang)
        parts = alias.strip("/").split("/")
        if len(parts) == 2 and parts[0] == default.words["product"]:
            for other in languages[1:]:
                paths.setdefault(other.path("product", parts[1]), other.code)
    return list(paths.items())


def paginated(page_type, key, template, context, listing, count: int, per_page: int) -> list[Route]:
    pages = max(1, math.ceil(count / per_page))
    return [Route(page_type, key, template, context, page, pages, listing) for page in range(1, pages + 1)]


def build_routes(catalogue: Catalogue, per_page: int) -> list[Route]:
    routes = [Route("home", None, "home.html", lambda site: {})]
    routes += paginated("products", None, "products.html", lambda site: {},
                        lambda site: site.products(catalogue.products), len(catalogue.products), per_page)
    routes += paginated("producers", None, "producers.html", lambda site: {},
                        lambda site: site.producers(catalogue.producers), len(catalogue.producers), per_page)
    routes.append(Route("regions", None, "regions.html", lambda site: {}))
    routes.append(Route("groups", None, "groups.html", lambda site: {}))
    for product in catalogue.products:
        routes.append(Route("product", product.slug, "product.html",
                            lambda site, p=product: {"product": site.product(p)}, source=product.entry.document,
                            entry=product.entry, updated=product.updated))
        for alias, lang in alias_paths(product.entry.fields.get("aliases", []), catalogue.languages):
            routes.append(Route("alias", alias, "redirect.html",
                                lambda site, p=product: {"target": site.product(p)},
                                source=product.entry.document, redirect=True, lang=lang))
    for producer in catalogue.producers:
        routes.append(Route("producer", producer.slug, "producer.html",
                            lambda site, p=producer: {"producer": site.producer(p)}, entry=producer.entry,
                            updated=producer.updated))
    if catalogue.shops:
        routes.append(Route("shops", None, "shops.html", lambda site: {}))
    for shop in catalogue.shops:
        routes.append(Route("shop", shop.slug, "shop.html", lambda site, s=shop: {"shop": site.shop(s)},
                            source=shop.entry.document, entry=shop.entry))
    for region in catalogue.regions.values():
        routes.append(Route("region", region.id, "region.html",
                            lambda site, r=region: {"region": site.region(r)}, entry=region.description))
    for stars in catalogue.star_levels():
        products = catalogue.by_stars.get(stars, [])
        routes += paginated("stars", stars, "stars.html", lambda site, n=stars: {"stars": n},
                            lambda site, ps=products: site.products(ps), len(products), per_page)
    for group in catalogue.group_pages():
        products = catalogue.in_group(group)
        routes += paginated("group", group.key, "group.html", lambda site, g=group: {"group": site.group(g)},
                            lambda site, ps=products: site.products(ps), len(products), per_page)
    for entry in catalogue.pages:
        routes.append(Route("page", entry.slug, "page.html", lambda site, e=entry: {"page_entry": site.page(e)},
                            source=entry.document, entry=entry))
    return routes
