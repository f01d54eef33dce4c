"""Links that last: OCOP badges (inline, SVG and PNG files), QR codes of permanent URLs, the permalink
guard (`permalinks.txt`), schema.org JSON-LD and Open Graph data, Atom feeds of new products, and the
producers' contact cards (vCard)."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from pelican.log import console

from ocop.catalogue.api import catalogue_ready, catalogue_written, item_page_file, programme, routes_built, workers_for

from . import permalinks
from .badges import badge_png, badge_reference, badge_svg, badge_symbol
from .feeds import write_feed
from .qr import write_qr_codes
from .structured_data import og_locale, page_jsonld, producer_jsonld, product_jsonld, shop_jsonld
from .vcards import producer_vcard

BADGE_FILE = "ocop-badge"


def template_globals(generator, catalogue, problems) -> dict:
    """What templates use of this plugin (`catalogue_ready`): badges, JSON-LD, the Open Graph locale."""
    return {"site_badge": site_badge, "site_badge_symbols": site_badge_symbols, "product_jsonld": product_jsonld,
            "producer_jsonld": producer_jsonld, "shop_jsonld": shop_jsonld, "og_locale": og_locale,
            "page_jsonld": page_jsonld,
            "BADGE_FILE": BADGE_FILE}


def guard_permalinks(generator, routes, problems) -> None:
    permalinks.check(Path(generator.path), routes, generator.languages, problems)


def badge_texts(gettext, stars: int, state: str) -> tuple[str, str]:
    """The badge's label and note in one language ("OCOP 4 sao", "hết hạn"), from the theme's catalogue."""
    label = (gettext("OCOP %(n)s-star") if programme.certifiable(stars) else gettext("%(n)s stars")) % {"n": stars}
    note = {"certified": "", "expired": gettext("expired"), "uncertified": gettext("not certified")}[state]
    return label, note


def site_badge(site, stars: int, expired: bool = False, reference: bool = False):
    """The inline badge of a page in `site`'s language (templates: `site_badge(site, n, expired)`);
    `reference`: drawn by a `<use>` of the page's badge symbols (`site_badge_symbols`)."""
    state = programme.status(stars, expired)
    return (badge_reference if reference else badge_svg)(stars, state, *badge_texts(site.gettext, stars, state))


def site_badge_symbols(site) -> Markup:
    """Hidden `<symbol>`s of every badge the catalogue shows, for pages whose cards refer to them."""
    kinds = sorted({(p.stars, p.status) for p in site.catalogue.products}, reverse=True)
    symbols = "".join(badge_symbol(stars, state, *badge_texts(site.gettext, stars, state)) for stars, state in kinds)
    return Markup(f'<svg class="badge-symbols" aria-hidden="true" focusable="false">{symbols}</svg>')


def write_files(generator, output, sites) -> None:
    """Badge files per language, QR codes, feeds, contact cards; then remember the new permanent URLs."""
    default = generator.languages[0]
    codes = []  # (permanent URL, folder) of each product's QR code
    for lang in generator.languages:
        site = sites[lang.code]
        gettext = generator.translations[lang.code].gettext
        for product in generator.catalogue.products:
            folder = lang.path("product", product.slug).strip("/")
            state = product.status
            label, note = badge_texts(gettext, product.stars, state)
            generator.plan.write(f"{folder}/{BADGE_FILE}.svg",
                                 badge_svg(product.stars, state, label, note, standalone=True))
            generator.plan.write(f"{folder}/{BADGE_FILE}.png", badge_png(product.stars, state, label, note))
            if lang is default:
                codes.append((site.product(product).permanent_url, folder))
        write_feed(site, output, gettext("New OCOP products") + f" · {generator.settings.get('SITENAME', '')}",
                   gettext("The newest products of the catalogue."))
    site, gettext = sites[default.code], generator.translations[default.code].gettext
    for producer in generator.catalogue.producers:
        view = site.producer(producer)
        path = view.vcard_url[len(site.siteurl):].lstrip("/")
        # the producer's page in the default language shows all the card says: the card is made again only
        # when that page is (vobject takes about 0.35 ms a card: 3 s for the national catalogue's producers)
        page = generator.plan.digest_of(item_page_file(default, "producer", producer.slug))
        if page:
            generator.plan.reuse([path], f"vcard:{page}",
                                 lambda path=path, view=view: generator.plan.write(path, producer_vcard(view, gettext)))
        else:
            generator.plan.write(path, producer_vcard(view, gettext))
    write_qr_codes(codes, output, generator.plan, generator.cache_folder / "qr",
                   workers_for(generator.settings, len(codes)))
    added = permalinks.update(Path(generator.path), generator.routes, generator.languages)
    if added:
        console.print(f"Permalinks: {added} new URLs recorded in {permalinks.FILE_NAME}")


def register():
    catalogue_ready.connect(template_globals)
    routes_built.connect(guard_permalinks)
    catalogue_written.connect(write_files)
