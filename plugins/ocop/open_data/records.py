"""One product of the catalogue as an open-data record, in one language (`views.ProductView` → dict).

Values are data, never HTML: text is exactly as written in the content (autoescaping is the templates'
business, not ours). Every URL is absolute, on PUBLIC_SITEURL, like QR codes and feeds. A translatable
text nested in the record (a unit, a port, a certification's or contact person's name) comes with the
language it is in, like the group's and region's names: the export's, or the default language's where the
translation does not give it.

Schema 1.1 added `export_ready`, `trade`, `certifications`, `buy_online`, `updated` and the producer's
`phones`, `zalo`, `messengers`, `contact_person`, `languages`, `tax_code`, `opening_hours`, `weekly_hours` and
`updated`; the 1.0 fields are unchanged (`phone` is the first of `phones`). Sales points (`shop_record`) are records of
their own, beside the products.
"""

from __future__ import annotations


SCHEMA_VERSION = "1.1"
DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")  # OpenStreetMap's, Monday first


def _date(value) -> str | None:
    return value.isoformat() if value else None


def photo_files(site, entry, photo) -> dict:
    """The published files of a photo: its widest JPEG (PNG when transparent) and every WebP, widest first."""
    fallback = [r for r in photo.renditions if r.mime in ("image/jpeg", "image/png")]
    webp = [r for r in photo.renditions if r.mime == "image/webp"]
    if fallback:
        widest = max(fallback, key=lambda r: r.width)
        largest, width, height = site.media_url(entry, widest.name), widest.width, widest.height
    else:  # no image pipeline: the original file is what the site publishes
        largest, width, height = site.media_url(entry, photo.name), photo.width, photo.height
    return {"jpeg": site.public(largest), "width": width, "height": height,
            "webp": [site.public(site.media_url(entry, r.name)) for r in sorted(webp, key=lambda r: -r.width)]}


def _localised(site, value, key: str) -> dict | None:
    """A translatable text (`views.Localised`) as {key: text, "lang": BCP 47 tag of the text}."""
    if value is None:
        return None
    return {key: value.text, "lang": site.tag(value.lang or site.lang.code)}


def _quantity(view, facts: dict, key: str) -> dict | None:
    if key not in facts:
        return None
    unit = _localised(view.site, view.localised("trade", key, "unit"), "unit")
    record = {"quantity": facts[key]["quantity"], **unit}
    if key == "capacity":
        record["per"] = facts[key]["per"]
    return record


def trade_record(view) -> dict | None:
    """The facts for buyers (`trade`): every key, null (or an empty list) where the entry has none."""
    facts = view.entry.fields.get("trade")
    if not facts:
        return None
    return {
        "min_order": _quantity(view, facts, "min_order"),
        "capacity": _quantity(view, facts, "capacity"),
        "lead_time_days": facts.get("lead_time_days"),
        "shelf_life_months": facts.get("shelf_life_months"),
        "export_markets": list(facts.get("export_markets", [])),
        "incoterms": list(facts.get("incoterms", [])),
        "port": _localised(view.site, view.localised("trade", "port"), "name"),
        "hs_code": facts.get("hs_code"),
        "gtin": facts.get("gtin"),
        "oem": facts.get("oem"),
        "samples": facts.get("samples"),
    }


def certification_records(view) -> list[dict]:
    """The other certifications, in the order of index.md: the scheme named in the export's language (as
    the product page names it), the certification's own name with its language, and the dates."""
    site = view.site
    return [{"scheme": cert.scheme, "scheme_name": shown.label,
             "name": shown.name.text if shown.name else None,
             "lang": site.tag(shown.name.lang or site.lang.code) if shown.name else None,
             "number": cert.number, "issued_by": cert.issued_by, "date": _date(cert.date),
             "expires": _date(cert.expires), "expired": cert.expired, "url": cert.url}
            for cert, shown in zip(view.product.certifications, view.certifications)]


def _handle(handle) -> dict:
    """A Zalo or messenger contact: the number or ID as the site shows it, and its link (null without one)."""
    return {"id": handle.text, "url": handle.url}


def _phones(contacts) -> list[dict]:
    """Every phone number of a producer or sales point: as the site shows it, and in E.164 (as `tel:` links
    and the JSON-LD `telephone` give it)."""
    return [{"number": phone.display, "e164": phone.tel} for phone in contacts.phones]


def hours_record(contacts) -> dict:
    """`opening_hours` as written (OpenStreetMap syntax) and `weekly_hours`, the open spans of a usual week
    (no public holiday) from the parsed hours, what the JSON-LD's openingHoursSpecification is made of:
    `day` (Mo … Su), `opens`, `closes` ("HH:MM"; "23:59" for midnight, closes before opens past midnight).
    Both null without hours; `weekly_hours` is empty for hours that are only a comment ("by appointment")."""
    hours = contacts.hours
    if hours is None:
        return {"opening_hours": None, "weekly_hours": None}
    return {"opening_hours": hours.text,
            "weekly_hours": [{"day": DAY_CODES[weekday], "opens": opens, "closes": closes}
                             for weekday, opens, closes in hours.weekly]}


def producer_record(producer) -> dict:
    site, fields = producer.site, producer.entry.fields
    return {"slug": producer.slug, "name": producer.title, "lang": site.tag(producer.text_lang),
            "kind": producer.kind, "url": site.public(producer.url), "phone": producer.phone,
            "email": producer.email, "website": producer.website, "address": producer.address or None,
            # 1.1
            "phones": _phones(producer),
            "zalo": _handle(fields["zalo"]) if fields.get("zalo") else None,
            "messengers": {key: _handle(handle) for key, handle in fields.get("messengers", {}).items()},
            "contact_person": _localised(site, producer.contact_person, "name"),
            "languages": list(fields.get("languages", [])),
            "tax_code": producer.tax_code,
            **hours_record(producer),
            "updated": _date(producer.updated)}


def shop_record(shop) -> dict:
    """A sales point (`views.ShopView`, schema 1.1): what it is, where, when it is open, how to reach it, the
    products it sells (those it lists and every product of the producers it lists) and the producers it
    lists, by slug in alphabetical order."""
    site, fields = shop.site, shop.entry.fields
    return {
        "slug": shop.slug,
        "url": site.public(shop.url),
        "permanent_url": site.public(site.url("shop", shop.slug, lang=site.default_lang)),
        "lang": site.tag(shop.text_lang),
        "translated": shop.translated,
        "name": shop.title,
        "summary": shop.summary,
        "kind": shop.kind,
        "region": {"id": shop.region.id, "name": shop.region.name, "lang": site.tag(shop.region.name_lang)},
        "address": shop.address,
        "location": {"lat": shop.location["lat"], "lon": shop.location["lon"]},
        **hours_record(shop),
        "phone": shop.phone,
        "phones": _phones(shop),
        "zalo": _handle(fields["zalo"]) if fields.get("zalo") else None,
        "email": shop.email,
        "website": shop.website,
        "facebook": shop.facebook,
        "products": sorted(product.slug for product in shop.shop.products),
        "producers": sorted(producer.slug for producer in shop.shop.listed_producers),
        "photos": [dict(photo_files(site, shop.entry, shop.entry.photos[image["file"]]), alt=picture["alt"])
                   for image, picture in zip(fields.get("images", ()), shop.photos)],
    }


def product_record(view) -> dict:
    site = view.site
    product = view.product
    text_lang = site.tag(view.text_lang)
    price = view.entry.fields.get("price")
    cert = view.certificate
    producer = view.producer
    return {
        "slug": view.slug,
        "url": site.public(view.url),
        "permanent_url": view.permanent_url,
        "lang": text_lang,
        "translated": view.translated,
        "name": view.title,
        "summary": view.summary,
        "stars": view.stars,
        "score": view.score,
        "status": view.status,
        "certified": view.certified,
        "expired": view.expired,
        "certificate": {"decision": cert.decision, "issued_by": cert.issued_by, "date": _date(cert.date),
                        "expires": _date(cert.expires)} if cert else None,
        "group": {"code": view.group.code, "name": view.group.name, "lang": site.tag(view.group.text_lang),
                  "lineage": [{"code": g.code, "name": g.name} for g in view.group.lineage]},
        "region": {"id": view.region.id, "name": view.region.name, "lang": site.tag(view.region.name_lang)},
        "price": {"from": price["from"], "to": price.get("to", price["from"]),
                  "currency": price.get("currency", "VND"), "unit": view.price_unit or None}
        if price and "from" in price else None,
        "producer": producer_record(producer),
        "photos": [dict(photo_files(site, view.entry, view.entry.photos[image["file"]]), alt=picture["alt"])
                   for image, picture in zip(view.entry.fields["images"], view.photos)],
        "tags": view.tags,
        "listed": _date(product.listed),
        # 1.1
        "export_ready": view.export_ready,
        "trade": trade_record(view),
        "certifications": certification_records(view),
        "buy_online": [{"name": name, "url": url} for name, url in view.shops],
        "updated": _date(view.updated),  # when the facts were last checked (null: not said, or a day to come)
    }
