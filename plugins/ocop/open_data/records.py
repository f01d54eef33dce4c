"""One product of the catalogue as an open-data record, in one language (`views.ProductView` → dict).

Values are data, never HTML: text is exactly as written in the content (autoescaping is the templates'
business, not ours). Every URL is absolute, on PUBLIC_SITEURL, like QR codes and feeds.
"""

from __future__ import annotations


SCHEMA_VERSION = "1.0"


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
        "producer": {"slug": producer.slug, "name": producer.title, "lang": site.tag(producer.text_lang),
                     "kind": producer.kind, "url": site.public(producer.url), "phone": producer.phone,
                     "email": producer.email, "website": producer.website, "address": producer.address or None},
        "photos": [dict(photo_files(site, view.entry, view.entry.photos[image["file"]]), alt=picture["alt"])
                   for image, picture in zip(view.entry.fields["images"], view.photos)],
        "tags": view.tags,
        "listed": _date(product.listed),
    }
