"""Page view models: everything a template shows, ready to print, for one language.

Templates hold no business rules: they get titles in the right language with the `lang` of the text,
formatted prices and dates, URLs, and flags such as `certified` or `expired` computed here once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple
from urllib.parse import quote

import markdown
import nh3
from markupsafe import Markup

from ocop.i18n.collation import sort_key
from ocop.i18n.formatting import (day_name, format_date, format_distance, format_duration, format_number,
                                  format_price, format_time_range)

from . import hours as opening
from . import programme
from . import trade as trade_rules
from .contacts import Handle, Phone
from .geometry import distance_km
from .model import Catalogue, Entry, Producer, Product, Shop, name_order, product_order

MEDIA_DIR = "media"
FEATURED_COUNT = 8  # products featured on the home page
NEWEST_COUNT = 4  # newest products on the home page
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]
# Bodies come from producers (pasted posts, spreadsheets): raw HTML in them goes through nh3's
# allow-list, which drops scripts, iframes, styles, event handlers and every URL scheme not listed here.
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _same_site_images(element: str, attribute: str, value: str) -> str | None:
    """An image inside a body keeps its address only if it is a path of the site (`/media/…`): an image
    from elsewhere would be blocked by the Content-Security-Policy anyway and would tell another server
    who reads the page; a bare name (`x`, `anh.jpg`) leads nowhere. Product photos go in `images`."""
    if element == "img" and attribute in ("src", "srcset") and not (value.startswith("/") and not value.startswith("//")):
        return None
    return value


class MarkdownRenderer:
    """One Markdown converter for the whole build (creating one per file is slow), reset per text.
    Its HTML is sanitised before it is marked safe."""

    def __init__(self):
        self._md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
        self._cache: dict = {}

    def __call__(self, source: str) -> Markup:
        if source not in self._cache:
            html = self._md.reset().convert(source)
            self._cache[source] = Markup(nh3.clean(html, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer",
                                                   attribute_filter=_same_site_images))
        return self._cache[source]


class Site:
    """What every template of one language needs: the language, URLs and locale formatting."""

    def __init__(self, catalogue: Catalogue, lang, siteurl: str, markdown_renderer: MarkdownRenderer, settings):
        self.catalogue = catalogue
        self.lang = lang
        self.languages = catalogue.languages
        self.default_lang = catalogue.languages[0]
        self.siteurl = siteurl.rstrip("/")
        self.markdown = markdown_renderer
        self.settings = settings
        # Made once per language and reused by every page: keyed by the object's identity, since the
        # catalogue's objects live as long as the build.
        self._object_views: dict[tuple[type, int], object] = {}  # (view class, id(model object)) → view
        self._cards: dict[tuple[int, bool], Markup] = {}  # (id(view), reference) → rendered card
        self._sort_keys: dict[tuple[object, int], tuple] = {}  # (order function, id(item)) → sort key
        self._listings: dict[tuple[str, object], list] = {}  # (page type, key) → a listing's sorted items
        self.macros = None  # the theme's partials/macros.html as a module bound to this site (set by the generator)
        self.module = None  # name → a partial template as a module bound to this site (set by the generator)
        self.gettext = lambda message: message  # the language's theme catalogue (set by the generator)

    def card(self, view, reference: bool = False) -> Markup:
        """A product or producer card, rendered once per language however many listings show it.
        `reference`: its badge refers to the page's badge symbols (smaller: for the search index)."""
        key = (id(view), reference)
        if key not in self._cards:
            if isinstance(view, ProductView):
                self._cards[key] = Markup(self.macros.product_card(view, reference=reference))
            elif isinstance(view, ShopView):
                self._cards[key] = Markup(self.macros.shop_card(view))
            else:
                self._cards[key] = Markup(self.macros.producer_card(view))
        return self._cards[key]

    @cached_property
    def map_attribution(self) -> Markup:
        return self.markdown(self.catalogue.map_attribution) if self.catalogue.map_attribution else Markup("")

    # URLs
    def public(self, url: str) -> str:
        """The absolute address a URL of this build will have once published (PUBLIC_SITEURL)."""
        public = self.settings.get("PUBLIC_SITEURL") or self.siteurl
        path = url[len(self.siteurl):] if self.siteurl and url.startswith(self.siteurl) else url
        return public.rstrip("/") + path if path.startswith("/") else path

    def url(self, page_type: str, key=None, page: int = 1, lang=None) -> str:
        return self.siteurl + (lang or self.lang).path(page_type, key, page)

    def media_url(self, entry: Entry, file_name: str) -> str:
        return f"{self.siteurl}/{MEDIA_DIR}/{entry.section}/{entry.slug}/{file_name}"

    def picture(self, entry: Entry, photo, alt: str = "", alt_lang: str | None = None) -> dict:
        """What a <picture> needs: WebP and fallback srcsets, a default src, the intrinsic size.

        Without renditions (no image pipeline) it is the original file alone.
        """
        picture = {"alt": alt, "alt_lang": alt_lang, "width": photo.width, "height": photo.height,
                   "src": self.media_url(entry, photo.name), "srcset": "", "sources": [],
                   "social": self.media_url(entry, photo.social.name) if photo.social else None}
        if photo.renditions:
            by_mime: dict[str, list] = {}
            for rendition in photo.renditions:
                by_mime.setdefault(rendition.mime, []).append(rendition)
            fallback = by_mime.pop("image/jpeg", None) or by_mime.pop("image/png")
            widest = fallback[0]
            picture.update(width=widest.width, height=widest.height,
                           src=self.media_url(entry, min(fallback, key=lambda r: abs(r.width - 640)).name),
                           srcset=self._srcset(entry, fallback))
            picture["sources"] = [{"type": mime, "srcset": self._srcset(entry, items)}
                                  for mime, items in by_mime.items()]
        return picture

    def _srcset(self, entry: Entry, renditions) -> str:
        return ", ".join(f"{self.media_url(entry, r.name)} {r.width}w" for r in renditions)

    @staticmethod
    def message_url(base: str, fields: dict, newline: str = "\r\n") -> str:
        """`base` with a query of text fields percent-encoded as mailto: (RFC 6068: line breaks CRLF) and
        wa.me want them: UTF-8, spaces as %20."""
        query = "&".join(f"{name}={quote(value.replace(chr(10), newline), safe='')}" for name, value in fields.items())
        return f"{base}?{query}" if query else base

    def static_url(self, path: str) -> str:
        return f"{self.siteurl}/{self.settings['THEME_STATIC_DIR']}/{path}"

    # formatting
    def language_name(self, code: str) -> str:
        """The name of language `code` in the page's language: "tiếng Việt", "Vietnamese"."""
        return next(l for l in self.languages if l.code == code).locale.get_display_name(self.lang.locale)

    def tag(self, code: str) -> str:
        """The BCP 47 tag of language `code` for `lang` attributes ("zh" → "zh-Hans")."""
        return next((l.tag for l in self.languages if l.code == code), code)

    def date(self, value, format: str = "long") -> str:
        return format_date(value, self.lang.locale, format) if value else ""

    @cached_property
    def build_date(self) -> str:
        """The day the build runs as (`CATALOGUE_TODAY`), in full: the day of "today's" opening hours."""
        return self.date(self.catalogue.today, "full")

    def number(self, value) -> str:
        return format_number(value, self.lang.locale)

    # views, one per object and language
    def _view(self, cls, obj):
        key = (cls, id(obj))
        if key not in self._object_views:
            self._object_views[key] = cls(obj, self)
        return self._object_views[key]

    def product(self, product: Product) -> "ProductView":
        return self._view(ProductView, product)

    def producer(self, producer: Producer) -> "ProducerView":
        return self._view(ProducerView, producer)

    def region(self, region) -> "RegionView":
        return self._view(RegionView, region)

    def group(self, group) -> "GroupView":
        return self._view(GroupView, group)

    def page(self, entry: Entry) -> "PageView":
        return self._view(PageView, entry)

    def shop(self, shop: Shop) -> "ShopView":
        return self._view(ShopView, shop)

    def shops_by_region(self) -> list[tuple["RegionView", list["ShopView"]]]:
        """Every region with sales points, by name in the page's language, with its sales points by name."""
        regions = [(self.region(self.catalogue.regions[rid]), shops)
                   for rid, shops in self.catalogue.shops_by_region.items() if shops]
        regions.sort(key=lambda item: sort_key(item[0].name))
        return [(region, self.shops(shops)) for region, shops in regions]

    def shops(self, shops) -> list["ShopView"]:
        """Sales points by name in the page's language, as views."""
        return [self.shop(s) for s in sorted(shops, key=self._name_key)]

    def hours(self, text: str, usual: bool = False) -> "HoursView":
        """Opening hours (`opening_hours`) as the page shows them: the coming week from the build date; `usual`:
        the first week from it without a public holiday (paper, which outlives the week: the PDF catalogue)."""
        return HoursView(text, self, usual)

    @property
    def certified_from(self) -> int:
        """The lowest certified star level, for texts that explain the programme."""
        return programme.CERTIFIED_FROM_STARS

    def star_level(self, stars: int) -> programme.StarLevel:
        """What a star level means in the OCOP programme (certified or not, its band of points)."""
        return programme.StarLevel(stars)

    def featured(self) -> list["ProductView"]:
        """The home page's featured products (`Catalogue.featured`), in listing order."""
        return self.products(self.catalogue.featured(), limit=FEATURED_COUNT)

    def newest(self) -> list["ProductView"]:
        """The most recently listed products, newest first (`Catalogue.newest`)."""
        return [self.product(p) for p in self.catalogue.newest(NEWEST_COUNT)]

    def top_groups(self) -> list["GroupView"]:
        return [self.group(g) for g in self.catalogue.group_pages() if g.parent is None]

    def products(self, products, limit: int | None = None) -> list["ProductView"]:
        """`products` in listing order (the first `limit` of them), as views."""
        return [self.product(p) for p in sorted(products, key=self._product_key)[:limit]]

    def producers(self, producers) -> list["ProducerView"]:
        return [self.producer(p) for p in sorted(producers, key=self._name_key)]

    def listing(self, route) -> list:
        """All items of a paginated listing, sorted once for all of its pages."""
        key = (route.page_type, route.key)
        if key not in self._listings:
            self._listings[key] = route.listing(self)
        return self._listings[key]

    def _product_key(self, product):
        return self._sort_key(product, product_order)

    def _name_key(self, item):
        return self._sort_key(item, name_order)

    def _sort_key(self, item, order):
        key = (order, id(item))
        if key not in self._sort_keys:
            self._sort_keys[key] = order(self.lang.chain)(item)
        return self._sort_keys[key]


class Localised(NamedTuple):
    """A text of the content and its language when that is not the page's (for a `lang` attribute)."""

    text: str
    lang: str | None


class EntryView:
    """Text of an entry in the page's language, field by field along the language's fallback chain."""

    def __init__(self, entry: Entry, site: Site):
        self.entry = entry
        self.site = site
        lang = site.lang.code
        self.chain = site.lang.chain
        self.translated = entry.is_translated(lang)
        self.text_lang = entry.text(self.chain).lang  # the language the page shows: its own, else the first along the chain

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def foreign(self) -> bool:
        """True when the text shown is not in the page's language (needs its own `lang`)."""
        return self.text_lang != self.site.lang.code

    def get(self, name, default=None):
        return self.entry.get(name, self.chain, default)

    @property
    def title(self) -> str:
        return self.get("title")

    @property
    def summary(self) -> str:
        return self.get("summary", "")

    @cached_property
    def _body(self) -> tuple[Markup, str]:
        text, lang = self.entry.body(self.chain)
        return self.site.markdown(text), lang

    @property
    def body(self) -> Markup:
        return self._body[0]

    def lang_of(self, name: str) -> str | None:
        """The language of a field as shown ("title", "body", "tags", "price.unit" …) when it is not the
        page's: the `lang` attribute of its element (None: the page's language)."""
        lang = self._body[1] if name == "body" else self.entry.shown(tuple(name.split(".")), self.chain)[1]
        return None if lang in (None, self.site.lang.code) else lang

    def localised(self, *path) -> Localised | None:
        """A translatable text nested in the fields, e.g. ("trade", "port"), along the chain; with its
        language when that is not the page's."""
        value, lang = self.entry.shown(path, self.chain)
        if value is None:
            return None
        return Localised(value, None if lang == self.site.lang.code else lang)

    @property
    def default_text_lang(self) -> str | None:
        """The language of facts written only in index.md (an issuer's name), when it is not the page's."""
        return None if self.entry.default_lang == self.site.lang.code else self.entry.default_lang

    @cached_property
    def photos(self) -> list[dict]:
        """The photos of index.md, in its order, each `alt` the first along the chain that describes that file."""
        photos = []
        for image in self.entry.fields.get("images", ()):
            alt, alt_lang = image["alt"], self.entry.default_lang
            for code in self.chain:
                text = self.entry.texts.get(code)
                found = text and next((i["alt"] for i in text.fields.get("images", ()) if i["file"] == image["file"]
                                       and i.get("alt")), None)
                if found:
                    alt, alt_lang = found, code
                    break
            photos.append(self.site.picture(self.entry, self.entry.photos[image["file"]], alt,
                                            None if alt_lang == self.text_lang else alt_lang))
        return photos


class ProductView(EntryView):
    def __init__(self, product: Product, site: Site):
        super().__init__(product.entry, site)
        self.product = product
        self.stars = product.stars
        self.score = product.entry.fields.get("score")
        self.status = product.status  # programme.CERTIFIED, EXPIRED or UNCERTIFIED
        self.certified = product.certified
        self.certificate = product.valid_certificate
        self.expired = self.status == programme.EXPIRED
        self.updated = product.updated  # when its facts were last checked (a date, None: not said)

    @property
    def url(self) -> str:
        return self.site.url("product", self.slug)

    @property
    def permanent_page(self) -> str:
        """The product's page in the default language: the URL its QR codes print, where they are kept."""
        return self.site.url("product", self.slug, lang=self.site.default_lang)

    @property
    def permanent_url(self) -> str:
        """The absolute permanent address of the product (printed on packaging as a QR code)."""
        return self.site.public(self.permanent_page)

    @property
    def group(self) -> "GroupView":
        return self.site.group(self.product.group)

    @property
    def producer(self) -> "ProducerView":
        return self.site.producer(self.product.producer)

    @property
    def region(self) -> "RegionView":
        return self.site.region(self.product.region)

    @property
    def photo(self) -> dict:
        return self.photos[0]

    @cached_property
    def price(self) -> str:
        price = self.entry.fields.get("price")
        return format_price(price, self.site.lang.locale) if price and "from" in price else ""

    @property
    def price_unit(self) -> str:
        unit = self.localised("price", "unit")
        return unit.text if unit else ""

    @property
    def specs(self) -> list[tuple[str, str]]:
        return list((self.get("specs") or {}).items())

    @property
    def tags(self) -> list[str]:
        return self.get("tags") or []

    @property
    def listed(self):
        return self.product.listed

    @cached_property
    def trade(self) -> "TradeView | None":
        facts = self.entry.fields.get("trade")
        return TradeView(self, facts) if facts else None

    @property
    def export_ready(self) -> bool:
        """Already exported, or offering Incoterms."""
        return bool(self.trade and self.trade.export_ready)

    @cached_property
    def certifications(self) -> list["CertificationView"]:
        """The other certifications (VietGAP, HACCP …), in the order of index.md, named in the page's language."""
        views = []
        for index, cert in enumerate(self.product.certifications):
            views.append(CertificationView(
                scheme=cert.scheme, label=self.site.gettext(trade_rules.CERTIFICATION_SCHEMES[cert.scheme]),
                name=self.localised("certifications", index, "name"), number=cert.number,
                issued_by=cert.issued_by, date=self.site.date(cert.date), expires=self.site.date(cert.expires),
                expired=cert.expired, url=cert.url))
        return views

    @cached_property
    def quote(self) -> tuple[str, str] | None:
        """The "Request a quote" link as (channel, URL): an e-mail with subject and body in the page's language
        (the product's name, its permanent URL, lines for the buyer to fill in); without an e-mail address, a
        WhatsApp message with the same text (foreign buyers first) or the producer's Zalo; else None."""
        producer, gettext = self.producer, self.site.gettext
        default = self.site.default_lang
        name = self.title
        original = self.entry.get("title", (default.code,))
        if original != name:
            name = f"{name} ({original})"
        subject = gettext("Request for a quotation: %(product)s") % {"product": name}
        body = "\n".join([
            gettext("Hello,"), "",
            gettext("I would like a quotation for %(product)s, listed in the OCOP catalogue:") % {"product": name},
            self.site.public(self.site.url("product", self.slug, lang=default)), "",
            gettext("Quantity:") + " ", gettext("Destination (city, country):") + " ",
            gettext("Delivery date:") + " ", "",
            gettext("Thank you."), ""])
        whatsapp = dict(producer.messengers).get("WhatsApp")
        if producer.email:
            return "email", self.site.message_url(f"mailto:{producer.email}", {"subject": subject, "body": body})
        if whatsapp and (not producer.zalo_url or not self.site.lang.is_default):
            return "whatsapp", self.site.message_url(whatsapp.url, {"text": f"{subject}\n\n{body}"}, "\n")
        if producer.zalo_url:
            return "zalo", producer.zalo_url
        return None

    @cached_property
    def sales_points(self) -> list["SalesPoint"]:
        """The sales points that sell it: nearest first to where it is made or experienced (its own `location`,
        else its producer's), by name when it has no location; each with its hours on the build date."""
        origin = self.product.location
        points = []
        for shop in self.site.shops(self.product.shops):
            distance = distance_km(origin, shop.location) if origin else None
            points.append(SalesPoint(shop, distance, format_distance(distance, self.site.lang.locale)
                                     if distance is not None else ""))
        if origin:
            points.sort(key=lambda point: point.distance)  # stable: equally far ones stay by name
        return points

    @property
    def has_location(self) -> bool:
        return self.product.location is not None

    @property
    def tourism(self) -> bool:
        """A visit (group VI): its `location` is a meeting point."""
        return programme.is_tourism(self.product.group.code)

    @cached_property
    def visit(self) -> "VisitView | None":
        """The facts of a visit (group VI `visit`) as the page shows them, only those the entry has; or None."""
        facts = self.entry.fields.get("visit")
        if not facts:
            return None
        names = self.site.lang.locale.languages
        size = facts.get("group_size") or {}
        return VisitView(self.localised("visit", "duration"), size.get("min"), size.get("max"),
                         facts.get("booking_days"),
                         [(code, names.get(code, code)) for code in facts.get("languages", ())])

    @property
    def meeting_point(self) -> "Directions | None":
        """The ways to the product's own `location` (a tour's meeting point), not its producer's."""
        location = self.entry.fields.get("location")
        return Directions.to(location, self.title) if location else None

    @cached_property
    def shops(self) -> list[tuple[str, str]]:
        """Online shops (`buy_online`) as (platform or domain, URL): ("Shopee", "https://shopee.vn/…")."""
        return [(trade_rules.shop_name(url), url) for url in self.entry.fields.get("buy_online", ())]


class VisitView(NamedTuple):
    """A group VI product's `visit`: each fact None (or empty) when the entry does not give it."""

    duration: "Localised | None"  # in the page's language when translated
    group_min: int | None
    group_max: int | None
    booking_days: int | None  # days ahead; 0: on the day
    languages: list[tuple[str, str]]  # guiding languages as (code, name in the page's language)


class SalesPoint(NamedTuple):
    """A sales point as a product page lists it under "Where to buy"."""

    shop: "ShopView"
    distance: float | None  # km from where the product is made or experienced
    distance_text: str  # "2,3 km", "" without a distance


class Quantity(NamedTuple):
    amount: str  # formatted for the page's locale: "1.000", "1,000"
    unit: Localised


@dataclass
class CertificationView:
    scheme: str
    label: str  # the scheme's name in the page's language: "VietGAP", "Hữu cơ (TCVN 11041)"
    name: Localised | None  # the certification's own name (required for `other`)
    number: str | None
    issued_by: str | None  # in the default language (see ProductView.default_text_lang)
    date: str  # formatted, "" when not given
    expires: str
    expired: bool
    url: str | None


class TradeView:
    """A product's facts for buyers (`trade`), ready to print in the page's language."""

    def __init__(self, product: ProductView, facts: dict):
        locale = product.site.lang.locale
        self.min_order = self._quantity(product, facts, "min_order")
        self.capacity = self._quantity(product, facts, "capacity")
        self.capacity_per = (facts.get("capacity") or {}).get("per")  # "month" or "year"
        days, months = facts.get("lead_time_days"), facts.get("shelf_life_months")
        self.lead_time_days = days
        self.lead_time = format_duration(days, "day", locale) if days is not None else None
        self.shelf_life = format_duration(months, "month", locale) if months is not None else None
        # country names in the page's language (Babel / CLDR): "Hàn Quốc", "South Korea", "대한민국"
        self.export_markets = [(code, locale.territories.get(code, code)) for code in facts.get("export_markets", ())]
        self.incoterms = facts.get("incoterms", [])
        self.port = product.localised("trade", "port")
        self.hs_code = facts.get("hs_code")
        self.gtin = facts.get("gtin")
        self.oem = facts.get("oem")
        self.samples = facts.get("samples")

    @staticmethod
    def _quantity(product, facts, key) -> Quantity | None:
        if key not in facts:
            return None
        return Quantity(product.site.number(facts[key]["quantity"]), product.localised("trade", key, "unit"))

    @property
    def export_ready(self) -> bool:
        return bool(self.export_markets or self.incoterms)


MESSENGERS = {"whatsapp": "WhatsApp", "line": "LINE", "kakaotalk": "KakaoTalk", "wechat": "WeChat"}


class ContactsView(EntryView):
    """An entry people contact and visit: a producer or a sales point. Its contacts (phones, Zalo, messengers,
    e-mail, website, Facebook) for partials/buyers.html's `contact`, its address, opening hours and the way
    there; what the entry does not have is None or empty."""

    updated = None  # when its facts were last checked: a producer's `updated` (sales points have none)

    def __init__(self, entry: Entry, site: Site):
        super().__init__(entry, site)
        fields = entry.fields
        self.phones: list[Phone] = fields.get("phone") or []  # (display, tel) pairs: "0234 3812 345", "+842343812345"
        self.phone = self.phones[0].display if self.phones else None  # the first, as printed on cards
        self.email = fields.get("email")
        self.website = fields.get("website")
        self.facebook = fields.get("facebook")
        zalo: Handle | None = fields.get("zalo")
        self.zalo = zalo.text if zalo else None  # a number in national format, or a Zalo id
        self.zalo_url = zalo.url if zalo else None  # https://zalo.me/0905123456 (None for an id without a link)
        self.representative = fields.get("representative")
        self.founded = fields.get("founded")
        self.location = fields.get("location")
        self.tax_code = fields.get("tax_code")
        # (platform, Handle) in a fixed order; a Handle's url is None where the platform has no link (WeChat)
        self.messengers = [(name, fields["messengers"][key]) for key, name in MESSENGERS.items()
                           if key in fields.get("messengers", {})]

    @property
    def address(self) -> str:
        return self.get("address", "")

    @property
    def address_lang(self) -> str | None:
        """The language of the address when it is not the page's (a translation may leave it out)."""
        address = self.localised("address")
        return address.lang if address else None

    @property
    def tel(self) -> str:
        """The first phone number as a `tel:` target, E.164: "+842343812345"."""
        return self.phones[0].tel if self.phones else ""

    @property
    def reachable(self) -> bool:
        """Whether there is any way to call or write (a sales point may have none)."""
        return bool(self.phones or self.zalo or self.messengers or self.email or self.website or self.facebook)

    @property
    def vcard_url(self) -> str | None:
        """A contact card to save, where the entry has one."""
        return None

    @property
    def contact_person(self) -> Localised | None:
        return self.localised("contact_person")

    @cached_property
    def languages(self) -> list[tuple[str, str]]:
        """Languages the contacts speak, as (code, name in the page's language): ("ko", "tiếng Hàn")."""
        names = self.site.lang.locale.languages
        return [(code, names.get(code, code)) for code in self.entry.fields.get("languages", ())]

    @cached_property
    def hours(self) -> "HoursView | None":
        """`opening_hours` over the coming week (from the build date), or None."""
        text = self.entry.fields.get("opening_hours")
        return self.site.hours(text) if text else None

    @property
    def hours_on_build_date(self) -> str | None:
        """What the hours say on the day of the build (`Site.build_date`): a line made once, at build time."""
        return self.hours.on(self.site.catalogue.today) if self.hours else None

    @cached_property
    def directions(self) -> "Directions | None":
        return Directions.to(self.location, self.title) if self.location else None


class ProducerView(ContactsView):
    def __init__(self, producer: Producer, site: Site):
        super().__init__(producer.entry, site)
        self.producer = producer
        self.kind = producer.kind
        self.updated = producer.updated

    @property
    def url(self) -> str:
        return self.site.url("producer", self.slug)

    @property
    def vcard_url(self) -> str:
        """The producer's contact card (vCard), one file for every language: /co-so/<slug>/<slug>.vcf."""
        return f"{self.site.url('producer', self.slug, lang=self.site.default_lang)}{self.slug}.vcf"

    @property
    def logo(self) -> dict | None:
        name = self.entry.fields.get("logo")
        if not name:
            return None
        return self.site.picture(self.entry, self.entry.photos[name])

    @property
    def region(self) -> "RegionView":
        return self.site.region(self.producer.region)

    @cached_property
    def products(self) -> list[ProductView]:
        return self.site.products(self.producer.products)


class ShopView(ContactsView):
    """A sales point: what it is, where, when it is open, how to get there and what it sells."""

    def __init__(self, shop: Shop, site: Site):
        super().__init__(shop.entry, site)
        self.shop = shop
        self.kind = shop.kind  # a SHOP_KINDS value, named by the theme's `shop_kind_label`

    @property
    def url(self) -> str:
        return self.site.url("shop", self.slug)

    @property
    def photo(self) -> dict | None:
        return self.photos[0] if self.photos else None

    @property
    def region(self) -> "RegionView":
        return self.site.region(self.shop.region)

    @cached_property
    def products(self) -> list[ProductView]:
        return self.site.products(self.shop.products)


class Directions(NamedTuple):
    """Ways to a place from wherever the visitor is: OpenStreetMap's and Google Maps' route planners with the
    place as destination, and a `geo:` URI (RFC 5870) that phones open in their map app."""

    openstreetmap: str
    google_maps: str
    geo: str

    @classmethod
    def to(cls, location: dict, name: str) -> "Directions":
        lat, lon = location["lat"], location["lon"]
        return cls(f"https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}#map=17/{lat}/{lon}",
                   f"https://www.google.com/maps/dir/?api=1&destination={lat}%2C{lon}",
                   f"geo:{lat},{lon}?q={lat},{lon}({quote(name, safe='')})")


class HoursRow(NamedTuple):
    day: str  # the day's name in the page's language: "Thứ Hai", "Monday"
    text: str  # "07:30–11:30, 13:30–17:00", "Closed", "by appointment"
    closed: bool
    holiday: str  # "" or the note that the day is a public holiday, with its date


class HoursView:
    """Opening hours in one language, from what the library makes of them over the seven days from the build
    date (`CATALOGUE_TODAY`; `usual`: the first such week without a public holiday): a row per day of the week
    from the locale's first day, or one line when every day says the same comment ("by appointment"). Comments
    the theme knows are translated; others are shown as written."""

    def __init__(self, text: str, site: Site, usual: bool = False):
        self.site = site
        self.text = text
        gettext = site.gettext
        days = (opening.regular_week if usual else opening.week)(text, site.catalogue.today)
        self.by_date = {day.date: day for day in days}
        first = site.lang.locale.first_week_day
        ordered = sorted(days, key=lambda day: (day.weekday - first) % 7)
        self.rows = [HoursRow(day_name(day.weekday, site.lang.locale), self.day_text(day), day.closed,
                              gettext("public holiday, %(date)s") % {"date": site.date(day.date, "d MMMM")}
                              if day.holiday else "")
                     for day in ordered]
        # one line for a week that is the same all day long, every day: "by appointment", "Open 24 hours"
        texts = {self.day_text(day) for day in days}
        self.single = texts.pop() if len(texts) == 1 and all(day.all_day for day in days) else None

    def comment(self, text: str) -> str:
        known = opening.COMMENTS.get(text.strip().casefold())
        return self.site.gettext(known) if known else text

    def span_text(self, span: opening.Span) -> str:
        text = format_time_range(span.start, span.end, self.site.lang.locale)
        return f"{text} ({self.comment(span.comment)})" if span.comment else text

    def day_text(self, day: opening.Day) -> str:
        gettext = self.site.gettext
        if day.closed:
            closed = gettext("Closed")
            return f"{closed} ({self.comment(day.closed_comment)})" if day.closed_comment else closed
        if day.all_day:
            span = day.spans[0]
            if span.comment:
                return self.comment(span.comment)
            return gettext("Open 24 hours") if span.open else gettext("Hours not known")
        return ", ".join(self.span_text(span) for span in day.spans)

    def on(self, date) -> str:
        """What the hours say on `date` (one of the seven days from the build date)."""
        return self.day_text(self.by_date[date])

    @cached_property
    def weekly(self) -> list[tuple[int, str, str]]:
        """The open spans of a usual week (no public holiday in it) as (weekday, opens, closes), 0 = Monday,
        times "HH:MM" ("00:00"–"23:59" all day; closes before opens past midnight), Monday first; days
        that are only a comment ("by appointment", which the library reads as open all day) or unknown are left
        out: machine-readable hours."""
        spans = []
        for day in sorted(opening.regular_week(self.text, self.site.catalogue.today), key=lambda d: d.weekday):
            for span in day.spans:
                if span.open and not (day.all_day and span.comment):  # a day-long comment: "by appointment"
                    midnight = day.all_day or (span.end == datetime.time() and not span.next_day)
                    closes = "23:59" if midnight else span.end.strftime("%H:%M")
                    spans.append((day.weekday, span.start.strftime("%H:%M"), closes))
        return spans


class RegionView:
    def __init__(self, region, site: Site):
        self.region = region
        self.site = site
        self.id = region.id
        self.description = site.page(region.description) if region.description else None
        self.name, self.name_lang = region.name_along(site.lang.chain)
        self.foreign = self.name_lang != site.lang.code

    @property
    def url(self) -> str:
        return self.site.url("region", self.id)

    @cached_property
    def products(self) -> list[ProductView]:
        return self.site.products(self.site.catalogue.by_region[self.id])

    @property
    def product_count(self) -> int:
        """len(products), without sorting them (indexes show the counts of every region)."""
        return len(self.site.catalogue.by_region[self.id])

    @cached_property
    def producers(self) -> list[ProducerView]:
        return self.site.producers(self.site.catalogue.producers_by_region[self.id])

    @cached_property
    def shops(self) -> list["ShopView"]:
        """The region's sales points, by name."""
        return self.site.shops(self.site.catalogue.shops_by_region.get(self.id, ()))

    @property
    def image(self) -> dict | None:
        if not self.description or not self.description.entry.fields.get("image"):
            return None
        entry = self.description.entry
        return self.site.picture(entry, entry.photos[entry.fields["image"]], self.description.get("image_alt", ""))


class GroupView:
    def __init__(self, group, site: Site):
        self.group = group
        self.site = site
        self.code = group.code
        self.name = group.name(site.lang.code)
        # the official list names groups in Vietnamese and English; other languages show the English name
        self.text_lang = site.lang.code if site.lang.code in group.names else "en"
        self.foreign = self.text_lang != site.lang.code

    @property
    def url(self) -> str:
        return self.site.url("group", self.group.key)

    @property
    def lineage(self) -> list["GroupView"]:
        return [self.site.group(g) for g in self.group.lineage]

    @property
    def children(self) -> list["GroupView"]:
        pages = {g.code for g in self.site.catalogue.group_pages()}
        return [self.site.group(g) for g in self.group.children if g.code in pages]

    @cached_property
    def products(self) -> list[ProductView]:
        return self.site.products(self.site.catalogue.in_group(self.group))

    @property
    def product_count(self) -> int:
        """len(products), without sorting them (indexes show the counts of every group)."""
        return len(self.site.catalogue.in_group(self.group))


class PageView(EntryView):
    @property
    def url(self) -> str:
        return self.site.url("page", self.slug)
