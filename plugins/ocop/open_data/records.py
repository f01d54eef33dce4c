"""One product of the catalogue as an open-data record, in one language (`views.ProductView` → dict).

Values are data, never HTML: text is exactly as written in the content (autoescaping is the templates'
business, not ours). Every URL is absolute, on PUBLIC_SITEURL, like QR codes and feeds. A translatable
text nested in the record (a unit, a port, a certification's or contact person's name) comes with the
language it is in, like the group's and region's names: the export's, or the default language's where the
translation does not give it.

Schema 1.1 added `export_ready`, `trade`, `certifications`, `buy_online` and the producer's `phones`,
`zalo`, `messengers`, `contact_person`, `languages`, `tax_code`; the 1.0 fields are unchanged (`phone` is
the first of `phones`). A record of another kind (sales points) would get a function of its own here.
"""

from __future__ import annotations


SCHEMA_VERSION = "1.1"


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


def producer_record(producer) -> dict:
    site, fields = producer.site, producer.entry.fields
    return {"slug": producer.slug, "name": producer.title, "lang": site.tag(producer.text_lang),
            "kind": producer.kind, "url": site.public(producer.url), "phone": producer.phone,
            "email": producer.email, "website": producer.website, "address": producer.address or None,
            # 1.1
            "phones": [{"number": phone.display, "e164": phone.tel} for phone in producer.phones],
            "zalo": _handle(fields["zalo"]) if fields.get("zalo") else None,
            "messengers": {key: _handle(handle) for key, handle in fields.get("messengers", {}).items()},
            "contact_person": _localised(site, producer.contact_person, "name"),
            "languages": list(fields.get("languages", [])),
            "tax_code": producer.tax_code}


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
    }
