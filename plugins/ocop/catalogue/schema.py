"""Every field rule of the content contract, declared once.

A `Schema` lists its `Field`s; each field has a check that returns the clean value or raises
`Invalid`, says whether it is required and whether a translation (`index.<lang>.md`) may carry it.
Record-level rules (score inside the band of stars, a certificate for certifiable levels) follow the fields;
the OCOP numbers they check come from `programme.py`.
Validation, error messages, the list of translatable fields and the staff documentation all follow
from these declarations.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from babel.numbers import get_currency_name

from . import contacts, hours, programme, staleness, trade
from .errors import Invalid, Problems
from .frontmatter import Document


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
ALIAS_RE = re.compile(r"^/(?:[A-Za-z0-9._~%-]+/)*$")


def did_you_mean(value, choices) -> str:
    """'; did you mean `x`?' for the closest of `choices`, or '' when none is close."""
    hint = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean `{hint[0]}`?" if hint else ""


def _describe(value) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return repr(value) if isinstance(value, str) else str(value)


# ---- checks: value → clean value, or Invalid -------------------------------------------------


def text(max_length: int | None = None, lenient: bool = False) -> Callable:
    def check(value):
        if lenient and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise Invalid(f"must be text, got the number {value}; put it in quotes")
        if not isinstance(value, str):
            raise Invalid(f"must be text, got {_describe(value)}")
        value = value.strip()
        if not value:
            raise Invalid("must not be empty")
        if max_length is not None and len(value) > max_length:
            raise Invalid(f"is {len(value)} characters long; at most {max_length} are allowed")
        return value
    check.describe = "text" + (f", at most {max_length} characters" if max_length else "")
    return check


def integer(low: int, high: int) -> Callable:
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"must be a whole number from {low} to {high}, got {_describe(value)}")
        if not low <= value <= high:
            raise Invalid(f"must be from {low} to {high}, got {value}")
        return value
    check.describe = f"whole number {low}–{high}"
    return check


def number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(f"must be a number (digits only, no dots between thousands), got {_describe(value)}")
    if value < 0:
        raise Invalid(f"must not be negative, got {value}")
    return value


number.describe = "number"

THOUSANDS_RE = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


def amount(value, source: str | None = None):
    """A price: a number, refusing "35.000" (thousands separators YAML would read as 35.0)."""
    if source is not None and THOUSANDS_RE.match(source.strip()):
        raise Invalid(f"{source} looks like a number with separators between thousands, which YAML reads as "
                      f"{value!r}; write it with digits only: {re.sub(r'[.,]', '', source)}")
    return number(value)


amount.describe = "number, digits only (45000)"
amount.uses_source = True  # sees the text as written, to catch "35.000"


def quantity(value, source: str | None = None):
    value = amount(value, source)
    if value <= 0:
        raise Invalid(f"must be more than 0, got {value}")
    return value


quantity.describe = "number > 0, digits only (1000)"
quantity.uses_source = True


def coordinate(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(f"must be a decimal number of degrees, e.g. 16.4637, got {_describe(value)}")
    return value


coordinate.describe = "decimal degrees"


def date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise Invalid(f"must be a date written YYYY-MM-DD, got {_describe(value)}")


date.describe = "date YYYY-MM-DD"


def slug(value):
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise Invalid(f"must be a slug of lowercase letters a-z, digits and '-', got {_describe(value)}")
    return value


slug.describe = "slug (a-z, 0-9, -)"


def one_of(*choices: str) -> Callable:
    def check(value):
        if value not in choices:
            raise Invalid(f"must be one of {', '.join(choices)}, got {_describe(value)}{did_you_mean(value, choices)}")
        return value
    check.describe = "one of " + ", ".join(f"`{c}`" for c in choices)
    return check


def _quoted(value, example: str = '"0234 3812 345"'):
    """A number YAML read without quotes has lost its leading zero and its +: refuse it, show the quotes."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise Invalid(f"must be written in quotes, e.g. {example}: without quotes YAML reads it as "
                      "a number and drops the leading zero and the +")
    return text()(value)


def phone(value):
    """A valid Vietnamese or international number, normalised: `contacts.Phone` (display, tel)."""
    return contacts.parse_phone(_quoted(value))


phone.describe = "phone number in quotes, e.g. \"0234 3812 345\" or \"+82 2 312 3456\""


def zalo(value):
    """A Zalo phone number, https://zalo.me/ link or Zalo id: `contacts.Handle` (text, link)."""
    return contacts.zalo(_quoted(value, '"0905 123 456"'))


zalo.describe = "phone number in quotes, https://zalo.me/… link or Zalo id"


def messenger(parse, describe: str) -> Callable:
    def check(value):
        return parse(_quoted(value, '"+84 905 123 456"'))
    check.describe = describe
    return check


def language(value):
    return contacts.language(text()(value))


language.describe = "ISO 639-1 code (vi, en, ko …)"


def written(parse, example: str, describe: str) -> Callable:
    """A code that YAML may read as a number when written without quotes (a barcode, an HS or tax code):
    taken exactly as written in the file, leading zeros and dots included."""
    def check(value, source=None):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if source is None:
                raise Invalid(f"must be text in quotes, e.g. {example}, got the number {value}")
            value = source
        return parse(text()(value))
    check.describe = describe
    check.uses_source = True
    return check


def country(value):
    if value is False:  # YAML 1.1 reads NO (Norway) as the boolean no
        raise Invalid('got yes/no: YAML reads NO as "no"; write Norway in quotes: "NO"')
    return trade.country(text()(value))


country.describe = "ISO 3166-1 alpha-2 code (KR, JP, US …)"


def incoterm(value):
    return trade.incoterm(text()(value))


incoterm.describe = "Incoterms 2020 rule (" + ", ".join(trade.INCOTERMS_2020) + ")"


def scheme(value):
    return trade.scheme(text()(value))


scheme.describe = "one of " + ", ".join(f"`{s}`" for s in trade.CERTIFICATION_SCHEMES)


def opening_hours(value):
    """OpenStreetMap `opening_hours` text, read by the `opening-hours-py` library (`hours.check`)."""
    return hours.check(value)


opening_hours.describe = f"OpenStreetMap opening_hours, e.g. {hours.EXAMPLE}, or {hours.COMMENT_EXAMPLE}"


def yes_no(value):
    if not isinstance(value, bool):
        raise Invalid(f"must be yes or no (true or false), got {_describe(value)}")
    return value


yes_no.describe = "yes or no"


def whole(low: int) -> Callable:
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"must be a whole number, {low} or more, got {_describe(value)}")
        if value < low:
            raise Invalid(f"must be {low} or more, got {value}")
        return value
    check.describe = f"whole number ≥ {low}"
    return check


def email(value):
    value = text()(value)
    if not EMAIL_RE.match(value):
        raise Invalid(f"must be an e-mail address, got {value!r}")
    return value


email.describe = "e-mail address"


def web_url(value):
    value = text()(value)
    if not URL_RE.match(value):
        raise Invalid(f"must be a web address starting with http:// or https://, got {value!r}")
    return value


web_url.describe = "http:// or https:// URL"


def https_url(value):
    value = text()(value)
    if not URL_RE.match(value) or not value.lower().startswith("https://"):
        raise Invalid(f"must be a web address starting with https://, e.g. https://shopee.vn/…, got {value!r}")
    return value


https_url.describe = "https:// URL"


def year(value):
    this_year = datetime.date.today().year
    return integer(1800, this_year)(value)


year.describe = "year, e.g. 2015"


def currency(value):
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{3}", value):
        raise Invalid(f"must be an ISO 4217 currency code such as VND or USD, got {_describe(value)}")
    if get_currency_name(value, locale="en") == value:
        raise Invalid(f"is not a known ISO 4217 currency code: {value}")
    return value


currency.describe = "ISO 4217 code (VND, USD …)"


def file_name(value):
    value = text()(value)
    if value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/"):
        raise Invalid(f"must be a file inside this folder, got {value!r}")
    return value


file_name.describe = "file in this folder"


def alias(value):
    if not isinstance(value, str) or not ALIAS_RE.match(value):
        raise Invalid(f"must be a site path starting and ending with '/', e.g. /old/path/, got {_describe(value)}")
    return value


alias.describe = "site path /old/path/"


@dataclass
class ListOf:
    """A list whose items all pass `item` (a check or a nested Schema)."""

    item: Any
    min_items: int = 0

    @property
    def describe(self) -> str:
        item = self.item.name if isinstance(self.item, Schema) else getattr(self.item, "describe", "items")
        return f"list of {item}" + (f", at least {self.min_items}" if self.min_items else "")


list_of = ListOf


@dataclass
class OneOrListOf(ListOf):
    """One item or a list of them; the clean value is always a list."""

    @property
    def describe(self) -> str:
        return f"{getattr(self.item, 'describe', 'item')}, or a list of them"


one_or_list_of = OneOrListOf


def text_mapping(value):
    if not isinstance(value, dict):
        raise Invalid(f"must be a set of 'name: value' lines, got {_describe(value)}")
    clean = {}
    for key, item in value.items():
        key = text(lenient=True)(key)
        clean[key] = text(lenient=True)(item)
    return clean


text_mapping.describe = "mapping of text to text"


# ---- fields and schemas -----------------------------------------------------------------------


@dataclass
class Field:
    name: str
    check: Any  # a check function, a nested Schema, or list_of(...)
    required: bool = False
    translatable: bool = False
    doc: str = ""
    required_in_translation: bool = False  # a translation that leaves it out would mix languages
    translation_only: bool = False  # only a translation may carry it (`translated_from`)

    @property
    def check_description(self) -> str:
        if isinstance(self.check, Schema):
            return "fields: " + ", ".join(f.name for f in self.check.fields)
        return getattr(self.check, "describe", "")


@dataclass
class Schema:
    name: str
    fields: list[Field]
    rules: list[Callable] = field(default_factory=list)

    def __post_init__(self):
        self.by_name = {f.name: f for f in self.fields}

    def validate(self, doc: Document, problems: Problems, translation: bool = False) -> dict:
        """Clean values of `doc.data`; every problem is added to `problems`."""
        return self._validate_mapping(doc.data, "", doc, problems, translation)

    def _validate_mapping(self, data, prefix, doc, problems, translation):
        clean: dict = {}
        if not isinstance(data, dict):
            problems.error(doc.path, prefix or "file", f"must be a set of fields, got {_describe(data)}",
                           doc.line(prefix))
            return clean
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            spec = self.by_name.get(key)
            if spec is None:
                problems.error(doc.path, name, f"unknown field{did_you_mean(key, self.by_name)}", doc.line(name))
                continue
            if spec.translation_only and not translation:
                problems.error(doc.path, name, "belongs in a translation (index.<lang>.md) only: it records which "
                               "text of index.md the translation was made from; remove it here", doc.line(name))
                continue
            if translation and not spec.translatable:
                problems.error(doc.path, name, "cannot be set in a translation; it comes from the "
                               "default-language file index.md", doc.line(name))
                continue
            if value is None:
                if spec.required and not translation:
                    problems.error(doc.path, name, "is required but empty", doc.line(name))
                continue
            result = self._check(spec.check, value, name, doc, problems, translation)
            if result is not None:
                clean[key] = result
        for spec in self.fields:
            if (spec.required_in_translation if translation else spec.required) and spec.name not in data:
                name = f"{prefix}.{spec.name}" if prefix else spec.name
                problems.error(doc.path, name, f"is required ({spec.check_description})",
                               doc.line(prefix) if prefix else None)
        for rule in self.rules if not translation else ():
            for field_name, message, *near in rule(clean):  # near: a field whose line to show if absent
                name = f"{prefix}.{field_name}" if prefix else field_name
                if name in doc.lines or not near:
                    line = doc.line(name if name in doc.lines else prefix)
                else:
                    line = doc.line(f"{prefix}.{near[0]}" if prefix else near[0])
                problems.error(doc.path, name, message, line)
        return clean

    def _check(self, check, value, name, doc, problems, translation):
        if isinstance(check, Schema):
            return check._validate_mapping(value, name, doc, problems, translation)
        if isinstance(check, OneOrListOf) and not isinstance(value, list):
            result = self._check(check.item, value, name, doc, problems, translation)
            return None if result is None else [result]
        if isinstance(check, ListOf):
            if not isinstance(value, list):
                problems.error(doc.path, name, f"must be a list (lines starting with '- '), got {_describe(value)}",
                               doc.line(name))
                return None
            if len(value) < check.min_items and not translation:
                problems.error(doc.path, name, f"needs at least {check.min_items} item(s)", doc.line(name))
            items = []
            for index, item in enumerate(value, start=1):
                if item is None and translation and isinstance(check.item, Schema):
                    items.append({})  # an item with nothing to translate keeps its place ("- " or "- {}")
                    continue
                result = self._check(check.item, item, f"{name}[{index}]", doc, problems, translation)
                if result is not None:
                    items.append(result)
            return items
        try:
            if getattr(check, "uses_source", False):
                return check(value, source=doc.sources.get(name))
            return check(value)
        except Invalid as exc:
            problems.error(doc.path, name, str(exc), doc.line(name))
            return None


# ---- record rules -----------------------------------------------------------------------------

def score_in_band(record):
    stars, score = record.get("stars"), record.get("score")
    if stars in programme.SCORE_BANDS and score is not None:
        low, high = programme.SCORE_BANDS[stars]
        if not low <= score <= high:
            yield "score", f"{score} points is outside the {stars}-star band ({low}–{high})"


def certificate_when_certifiable(record):
    stars = record.get("stars")
    if stars is not None and programme.certifiable(stars) and "certificate" not in record:
        yield ("certificate", f"is required for a {stars}-star product (decision, issued_by, date); "
               f"only {programme.CERTIFIED_FROM_STARS} stars and up are certified", "stars")


def expiry_after_issue(record):
    if record.get("date") and record.get("expires") and record["expires"] <= record["date"]:
        yield "expires", f"{record['expires']} is not after the certificate date {record['date']}"


def name_for_other(record):
    if record.get("scheme") == "other" and not record.get("name"):
        yield "name", "is required when `scheme` is `other`: the certification's name, e.g. \"Rainforest Alliance\"", "scheme"


def smallest_first(record):
    if record.get("min") is not None and record.get("max") is not None and record["max"] < record["min"]:
        yield "max", f"{record['max']} is less than `min` ({record['min']})"


def products_or_producers(record):
    if not record.get("products") and not record.get("producers"):
        yield ("products", "a sales point needs `products` (slugs of the products it sells) or `producers` (slugs "
               "of producers whose products it all sells), or both", "title")


def listed_once(*names: str) -> Callable:
    def rule(record):
        for name in names:
            items = record.get(name) or []
            for twice in sorted({i for i in items if items.count(i) > 1}):
                yield name, f"lists {twice} twice; keep one"
    return rule


def price_range(record):
    if record.get("currency", "VND") == "VND":
        for name in ("from", "to"):
            if isinstance(record.get(name), float) and not record[name].is_integer():
                yield name, f"{record[name]} is not a whole number of đồng"
    if record.get("to") is not None and record.get("from") is not None and record["to"] < record["from"]:
        yield "to", f"{record['to']} is less than `from` ({record['from']})"


def location_range(record):
    if "lat" in record and not -90 <= record["lat"] <= 90:
        yield "lat", f"latitude must be between -90 and 90, got {record['lat']}"
    if "lon" in record and not -180 <= record["lon"] <= 180:
        yield "lon", f"longitude must be between -180 and 180, got {record['lon']}"


# ---- the contract's schemas -------------------------------------------------------------------

IMAGE = Schema("image", [
    Field("file", file_name, required=True, translatable=True, required_in_translation=True,
          doc="a photo in the product's folder"),
    Field("alt", text(), required=True, translatable=True, required_in_translation=True,
          doc="what the photo shows, for screen readers"),
])

CERTIFICATE = Schema("certificate", [
    Field("decision", text(), required=True, doc='decision number, e.g. "1234/QĐ-UBND"'),
    Field("issued_by", text(), required=True, doc="the body that recognised the product"),
    Field("date", date, required=True, doc="date of the decision"),
    Field("expires", date, doc=f"default: date + {programme.CERTIFICATE_MONTHS} months"),
], rules=[expiry_after_issue])

PRICE = Schema("price", [
    Field("from", amount, required=True),
    Field("to", amount),
    Field("currency", currency, doc="default VND"),
    Field("unit", text(), translatable=True, doc='e.g. "chai 500 ml"'),
], rules=[price_range])

LOCATION = Schema("location", [
    Field("lat", coordinate, required=True, doc="latitude, decimal degrees"),
    Field("lon", coordinate, required=True, doc="longitude, decimal degrees"),
], rules=[location_range])

MIN_ORDER = Schema("min_order", [
    Field("quantity", quantity, required=True),
    Field("unit", text(), required=True, translatable=True, doc='e.g. "thùng 24 chai"'),
])

CAPACITY = Schema("capacity", [
    Field("quantity", quantity, required=True),
    Field("unit", text(), required=True, translatable=True, doc='e.g. "chai 500 ml"'),
    Field("per", one_of("month", "year"), required=True),
])

TRADE = Schema("trade", [
    Field("min_order", MIN_ORDER, translatable=True, doc="smallest order: `quantity`, `unit`"),
    Field("capacity", CAPACITY, translatable=True, doc="how much can be made: `quantity`, `unit`, `per`"),
    Field("lead_time_days", whole(0), doc="days from order to dispatch"),
    Field("shelf_life_months", whole(1)),
    Field("export_markets", list_of(country), doc="countries the product is already sold to"),
    Field("incoterms", list_of(incoterm)),
    Field("port", text(), translatable=True, doc="port or place for FOB/FCA"),
    Field("hs_code", written(trade.hs_code, '"0303.89"', 'HS code of 4, 6, 8 or 10 digits, e.g. "0303.89"')),
    Field("gtin", written(trade.gtin, '"8935049500018"', "barcode number (GTIN-8/12/13/14)")),
    Field("oem", yes_no, doc="takes private-label orders"),
    Field("samples", yes_no, doc="sends samples to buyers"),
], rules=[listed_once("export_markets", "incoterms")])

CERTIFICATION = Schema("certification", [
    Field("scheme", scheme, required=True),
    Field("name", text(), translatable=True, doc="required for `other`"),
    Field("number", text()),
    Field("issued_by", text()),
    Field("date", date),
    Field("expires", date),
    Field("url", https_url),
], rules=[name_for_other, expiry_after_issue])

MESSENGERS = Schema("messengers", [
    Field("whatsapp", messenger(contacts.whatsapp, 'phone number in quotes, e.g. "+84 905 123 456"')),
    Field("kakaotalk", messenger(contacts.kakaotalk, "KakaoTalk ID or https://open.kakao.com/… link")),
    Field("wechat", messenger(contacts.wechat, "WeChat ID")),
    Field("line", messenger(contacts.line, "LINE ID")),
])

GROUP_SIZE = Schema("group_size", [
    Field("min", whole(1), doc="fewest visitors"),
    Field("max", whole(1), doc="most visitors"),
], rules=[smallest_first])

VISIT = Schema("visit", [
    Field("duration", text(), translatable=True, doc='how long the visit takes, e.g. "3 giờ"'),
    Field("group_size", GROUP_SIZE, doc="`min`, `max` visitors"),
    Field("booking_days", whole(0), doc="how many days ahead to book"),
    Field("languages", list_of(language), doc="guiding languages"),
], rules=[listed_once("languages")])

PRODUCT = Schema("product", [
    Field("title", text(), required=True, translatable=True, required_in_translation=True),
    Field("producer", slug, required=True, doc="folder name in content/producers/"),
    Field("group", text(), required=True, doc="OCOP group code of Decision 148/QĐ-TTg, e.g. I.4.a"),
    Field("stars", integer(1, 5), required=True),
    Field("score", integer(0, 100), doc="inside the band of `stars`"),
    Field("certificate", CERTIFICATE, doc=f"required from {programme.CERTIFIED_FROM_STARS} stars"),
    Field("region", slug, doc="region id; default: the producer's region"),
    Field("images", list_of(IMAGE, min_items=1), required=True, translatable=True),
    Field("summary", text(200), required=True, translatable=True, required_in_translation=True),
    Field("price", PRICE, translatable=True, doc="only `unit` in translations"),
    Field("specs", text_mapping, translatable=True),
    Field("tags", list_of(text()), translatable=True),
    Field("aliases", list_of(alias), doc="old site paths that redirect here"),
    Field("date", date, doc="when the product was listed"),
    Field("trade", TRADE, translatable=True, doc="facts for buyers; in translations only the units and `port`"),
    Field("certifications", list_of(CERTIFICATION), translatable=True,
          doc="other certifications; in translations only `name`, in the same order"),
    Field("buy_online", list_of(https_url), doc="online shops selling the product"),
    Field("location", LOCATION, doc="where the product is experienced (group VI: the meeting point); default: "
          "the producer's location"),
    Field("updated", date, doc="when the entry's facts were last checked (sitemap lastmod, open data)"),
    Field("visit", VISIT, translatable=True, doc="group VI only: duration, group size, booking, guiding languages; "
          "in translations only `duration`"),
], rules=[score_in_band, certificate_when_certifiable])

PRODUCER_KINDS = ("cooperative", "enterprise", "cooperative-group", "household")

PRODUCER = Schema("producer", [
    Field("title", text(), required=True, translatable=True, required_in_translation=True),
    Field("kind", one_of(*PRODUCER_KINDS), required=True),
    Field("region", slug, required=True, doc="region id"),
    Field("address", text(), translatable=True),
    Field("location", LOCATION),
    Field("phone", one_or_list_of(phone, min_items=1)),
    Field("email", email),
    Field("website", web_url),
    Field("facebook", web_url),
    Field("zalo", zalo),
    Field("logo", file_name),
    Field("representative", text()),
    Field("founded", year),
    Field("summary", text(200), required=True, translatable=True, required_in_translation=True),
    Field("contact_person", text(), translatable=True, doc="who answers buyers"),
    Field("languages", list_of(language), doc="languages the contacts speak"),
    Field("messengers", MESSENGERS),
    Field("tax_code", written(contacts.tax_code, '"0100233488"', "Vietnamese tax code, 10 digits (-3 for a branch)")),
    Field("opening_hours", opening_hours, doc="when visitors and buyers can come"),
    Field("updated", date, doc="when the entry's facts were last checked (sitemap lastmod, open data)"),
], rules=[listed_once("languages")])

SHOP_KINDS = ("ocop-centre", "shop", "supermarket", "market-stall", "airport", "producer-shop")

SHOP = Schema("sales point", [
    Field("title", text(), required=True, translatable=True, required_in_translation=True),
    Field("kind", one_of(*SHOP_KINDS), required=True),
    Field("region", slug, required=True, doc="region id"),
    Field("address", text(), required=True, translatable=True),
    Field("location", LOCATION, required=True),
    Field("summary", text(200), required=True, translatable=True, required_in_translation=True),
    Field("products", list_of(slug), doc="slugs of the products it sells"),
    Field("producers", list_of(slug), doc="slugs of producers whose products it sells (all of them)"),
    Field("opening_hours", opening_hours),
    Field("phone", one_or_list_of(phone, min_items=1)),
    Field("zalo", zalo),
    Field("email", email),
    Field("website", web_url),
    Field("facebook", web_url),
    Field("images", list_of(IMAGE), translatable=True),
], rules=[products_or_producers, listed_once("products", "producers")])

REGION_DESCRIPTION = Schema("region description", [
    Field("title", text(), translatable=True, doc="overrides the GeoJSON name"),
    Field("summary", text(200), translatable=True),
    Field("image", file_name),
    Field("image_alt", text(), translatable=True),
])

PAGE = Schema("page", [
    Field("title", text(), required=True, translatable=True, required_in_translation=True),
    Field("summary", text(200), translatable=True),
])


def recording_its_source(schema: Schema) -> Schema:
    """`schema` and, for its translations only, `translated_from`: a digest of each translatable text of
    index.md when the translation was last marked current (staleness.py; `invoke translations --mark-current`)."""
    record = Schema(staleness.FIELD, [Field(name, staleness.digest_check, translatable=True)
                                      for name in staleness.names(schema)])
    return Schema(schema.name, [*schema.fields, Field(
        staleness.FIELD, record, translatable=True, translation_only=True,
        doc="translations only, written by `invoke translations --mark-current`: what the translation was made from")],
        schema.rules)


PRODUCT, PRODUCER, SHOP, REGION_DESCRIPTION, PAGE = map(recording_its_source,
                                                        (PRODUCT, PRODUCER, SHOP, REGION_DESCRIPTION, PAGE))
