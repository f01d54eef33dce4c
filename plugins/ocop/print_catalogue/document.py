"""The printed catalogue of one language as its template sees it: sections by product group, one card per
product, the table of contents, where to buy the printed products and the index of producers.

Built on the site's own view models (`api.Site`: titles in the language, formatted prices, regions),
so the PDF says exactly what the web pages say; only what paper needs is added here: the photo file at
print resolution, the QR codes of the permanent URLs, and anchors for the page numbers.
"""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ocop.catalogue.api import GroupView, ProducerView, ProductView, RegionView, ShopView, Site
from ocop.links.qr import qr_svg

from .selection import Selection

# The photo of a card is printed this wide (print.css: .card-photo); at PRINT_DPI it needs
# PHOTO_WIDTH_MM / 25.4 * PRINT_DPI pixels (945 px: the 1024 px rendition of the default widths).
PHOTO_WIDTH_MM = 80
PRINT_DPI = 300
PRINTABLE_TYPES = ("image/jpeg", "image/png")


def print_photo(photo, width_mm: float | None = None, dpi: int | None = None) -> Path:
    """The file to print for `photo`: the smallest JPEG (PNG) rendition sharp at `dpi` (PRINT_DPI) when
    printed `width_mm` (PHOTO_WIDTH_MM) wide, else the widest one; the original without renditions."""
    renditions = sorted((r for r in photo.renditions if r.mime in PRINTABLE_TYPES), key=lambda r: r.width)
    if not renditions:
        return photo.source
    needed = (width_mm or PHOTO_WIDTH_MM) / 25.4 * (dpi or PRINT_DPI)
    return next((r.path for r in renditions if r.width >= needed), renditions[-1].path)


def qr_image(url: str) -> str:
    """The QR code of `url` as an image address: the site's own SVG drawing, in the PDF itself."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(url).encode()).decode()


def contact_line(place, site: Site) -> tuple[str, str] | None:
    """The one contact line a card or a sales point has room for, as (channel, text): the first phone number
    of `place` (a producer or a sales point; with the country code in a catalogue for readers abroad:
    +84 234 3812 345), else its Zalo, else its e-mail address; None when it has none of them."""
    phone = place.phones[0] if place.phones else None
    if phone:
        return "phone", phone.display if site.lang.is_default else phone.international
    for channel, text in (("zalo", place.zalo), ("email", place.email)):
        if text:
            return channel, text
    return None


@dataclass
class Card:
    """One product on paper."""

    product: ProductView
    anchor: str  # id of the card: page numbers in the contents and the index point here
    photo: str  # file URI of the photo at print resolution
    url: str  # the permanent public URL, printed and in the QR code

    @cached_property
    def qr(self) -> str:
        """The QR code of the permanent URL as an image address (the site's own SVG drawing)."""
        return qr_image(self.url)

    @property
    def contact(self) -> tuple[str, str] | None:
        """The producer's one contact line (`contact_line`)."""
        return contact_line(self.product.producer, self.product.site)


@dataclass
class SalesPointEntry:
    """A sales point on the "Where to buy" pages: its page's address and QR code, its hours in a usual week
    (paper outlives the coming week the site shows) and one contact line."""

    shop: ShopView
    url: str  # the permanent public URL of its page, printed and in the QR code

    @cached_property
    def qr(self) -> str:
        return qr_image(self.url)

    @cached_property
    def hours(self):
        """Its `opening_hours` as the shop page's HoursView, over a week without a public holiday; or None."""
        return self.shop.site.hours(self.shop.hours.text, usual=True) if self.shop.hours else None

    @property
    def contact(self) -> tuple[str, str] | None:
        return contact_line(self.shop, self.shop.site)


@dataclass
class Section:
    """A top-level product group (I–VI) and the cards of its products, in the group order of the decision."""

    group: GroupView
    cards: list[Card] = field(default_factory=list)


@dataclass
class ContentsLine:
    group: GroupView
    depth: int  # 0 for I–VI, 1 for I.4, 2 for I.4.a
    anchor: str  # the first card of the group
    count: int


@dataclass
class ShopRegion:
    region: RegionView
    entries: list[SalesPointEntry]


@dataclass
class IndexEntry:
    producer: ProducerView
    cards: list[Card]


class PrintCatalogue:
    """Everything the print templates show for one language and one selection of products."""

    def __init__(self, site: Site, selection: Selection, edition: datetime.date, site_name: str):
        self.site = site
        self.selection = selection
        self.edition = edition
        self.site_name = site_name
        order = {code: index for index, code in enumerate(site.catalogue.groups)}
        # the site's product order (stars, then name), kept within each group by a stable sort
        views = sorted(site.products(selection.products), key=lambda view: order[view.product.group.code])
        self.cards = [self._card(view) for view in views]

    def _card(self, view: ProductView) -> Card:
        entry = view.entry
        photo = entry.photos[entry.fields["images"][0]["file"]]
        return Card(view, f"product-{view.slug}", print_photo(photo).resolve().as_uri(), self.site.public(view.url))

    @cached_property
    def sections(self) -> list[Section]:
        sections: dict[str, Section] = {}
        for card in self.cards:
            top = card.product.product.group.top
            sections.setdefault(top.code, Section(self.site.group(top))).cards.append(card)
        return list(sections.values())

    @cached_property
    def contents(self) -> list[ContentsLine]:
        """Every group that holds a printed product (I–VI and their sub-groups), at its first card."""
        lines: dict[str, ContentsLine] = {}
        for card in self.cards:
            for depth, group in enumerate(card.product.product.group.lineage):
                line = lines.get(group.code)
                if line is None:
                    line = lines[group.code] = ContentsLine(self.site.group(group), depth, card.anchor, 0)
                line.count += 1
        return list(lines.values())

    @cached_property
    def producers(self) -> list[IndexEntry]:
        """Producers of the printed products in Vietnamese alphabetical order, each with its cards."""
        cards_of: dict = {}  # producer → its printed cards, in card order
        for card in self.cards:
            cards_of.setdefault(card.product.product.producer, []).append(card)
        return [IndexEntry(view, cards_of[view.producer]) for view in self.site.producers(cards_of)]

    @cached_property
    def shop_regions(self) -> list[ShopRegion]:
        """Where to buy the printed products: the sales points that sell at least one of them (with a selection,
        also those outside its region: the airport sells a commune's products), by region as the site's
        listing of sales points has them (regions and shops by name in the language)."""
        printed = {id(card.product.product) for card in self.cards}
        regions = []
        for region, shops in self.site.shops_by_region():
            entries = [SalesPointEntry(view, self.site.public(view.url)) for view in shops
                       if any(id(product) in printed for product in view.shop.products)]
            if entries:
                regions.append(ShopRegion(region, entries))
        return regions

    @property
    def edition_date(self) -> str:
        return self.site.date(self.edition)
