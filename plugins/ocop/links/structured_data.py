"""schema.org JSON-LD for search engines and Open Graph locales, in the page's language.

Every URL in it is absolute, from PUBLIC_SITEURL (the address the site is published at), so that the
data is right whatever SITEURL a preview build uses.
"""

from __future__ import annotations

import json

from babel.core import get_global
from markupsafe import Markup


def og_locale(code: str) -> str:
    """Open Graph locale of a language: vi → vi_VN, en → en_US."""
    likely = get_global("likely_subtags").get(code, code)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else code


def _script(data: dict) -> Markup:
    # "<" escaped so that no text (a title with "</script>") can close the element early
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _clean(data):
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def _widest(site, picture) -> str:
    return site.public(picture["srcset"].split(" ")[0] if picture["srcset"] else picture["src"])


def _certification(name: str, number=None, issuer=None, date=None, expires=None, expired=False, url=None,
                   rating=None) -> dict:
    """A schema.org Certification (hasCertification of a Product)."""
    return {"@type": "Certification", "name": name, "certificationIdentification": number,
            "issuedBy": {"@type": "Organization", "name": issuer} if issuer else None,
            "validFrom": date.isoformat() if date else None, "expires": expires.isoformat() if expires else None,
            "certificationStatus": f"https://schema.org/Certification{'Inactive' if expired else 'Active'}",
            "certificationRating": rating, "url": url}


def _certifications(product, rating_label: str) -> list[dict]:
    """The OCOP certificate (at a certified level) and the other certifications, named in the page's language."""
    found = []
    cert = product.certificate
    if cert:
        found.append(_certification(rating_label, cert.decision, cert.issued_by, cert.date, cert.expires,
                                    cert.expired, rating={"@type": "Rating", "ratingValue": product.stars,
                                                          "bestRating": 5, "worstRating": 1}))
    for view, model in zip(product.certifications, product.product.certifications):
        name = f"{view.label}: {view.name.text}" if view.name and view.scheme != "other" else (
            view.name.text if view.name else view.label)
        found.append(_certification(name, model.number, model.issued_by, model.date, model.expires, model.expired,
                                    model.url))
    return found


DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def page_jsonld(site, canonical: str, shown_lang: str, name: str) -> Markup:
    """The page as a schema.org WebPage: its canonical URL and `inLanguage`, the language of the text it
    shows (a page shown through its language's fallback chain is in that other language)."""
    return _script({"@context": "https://schema.org", "@type": "WebPage", "url": site.public(canonical),
                    "name": name, "inLanguage": site.tag(shown_lang),
                    "isPartOf": {"@type": "WebSite", "url": site.public(site.url("home", lang=site.default_lang))}})


def _opening_hours(hours) -> list[dict]:
    """schema.org OpeningHoursSpecification from the parsed hours (an HoursView's usual week): one per
    opening and closing time, with the days it holds on; none for hours that are only a comment."""
    by_time: dict[tuple[str, str], list[str]] = {}
    for weekday, opens, closes in hours.weekly if hours else ():
        by_time.setdefault((opens, closes), []).append(f"https://schema.org/{DAYS[weekday]}")
    return [{"@type": "OpeningHoursSpecification", "dayOfWeek": days, "opens": opens, "closes": closes}
            for (opens, closes), days in by_time.items()]


def _geo(location) -> dict | None:
    return {"@type": "GeoCoordinates", "latitude": location["lat"], "longitude": location["lon"]} if location else None


def product_jsonld(product, rating_label: str) -> Markup:
    site = product.site
    fields = product.product.entry.fields
    price = fields.get("price") or {}
    data = {
        "@context": "https://schema.org",
        # a visit (group VI) is a trip as well as an OCOP product: both types, the Product data kept
        "@type": ["Product", "TouristTrip"] if product.tourism else "Product",
        "name": product.title,
        "description": product.summary,
        "url": site.public(product.url),
        "image": [_widest(site, photo) for photo in product.photos],
        "category": product.group.name,
        "brand": {"@type": "Brand", "name": product.producer.title},
        "manufacturer": {"@type": "Organization", "name": product.producer.title,
                         "url": site.public(product.producer.url)},
        "additionalProperty": [{"@type": "PropertyValue", "name": "OCOP", "value": product.stars, "maxValue": 5,
                                "description": str(rating_label)}],
    }
    if "from" in price:
        data["offers"] = {"@type": "AggregateOffer", "priceCurrency": price.get("currency", "VND"),
                          "lowPrice": price["from"], "highPrice": price.get("to", price["from"]),
                          "url": site.public(product.url)}
    if product.certified:
        cert = product.certificate
        data["award"] = f"{rating_label} ({cert.decision}, {cert.issued_by}, {cert.date.isoformat()})"
    data["countryOfOrigin"] = {"@type": "Country", "name": site.lang.locale.territories.get("VN", "VN"),
                               "identifier": "VN"}
    data["hasCertification"] = _certifications(product, str(rating_label))
    trade = product.trade
    if trade and trade.gtin:
        data[f"gtin{len(trade.gtin)}"] = trade.gtin  # gtin8, gtin12, gtin13 or gtin14
    return _script(_clean(data))


def producer_jsonld(producer) -> Markup:
    site = producer.site
    location = producer.location or {}
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": producer.title,
        "description": producer.summary,
        "url": site.public(producer.url),
        "logo": _widest(site, producer.logo) if producer.logo else None,
        "telephone": producer.tel,  # E.164, like the sales points' and the contact point's
        "email": producer.email,
        "foundingDate": str(producer.founded) if producer.founded else None,
        "address": {"@type": "PostalAddress", "streetAddress": producer.address,
                    "addressRegion": producer.region.name, "addressCountry": "VN"},
        "geo": _geo(location),
        "openingHoursSpecification": _opening_hours(producer.hours),
        "sameAs": [url for url in (producer.website, producer.facebook) if url],
        "makesOffer": [{"@type": "Offer", "itemOffered": {"@type": "Product", "name": p.title,
                                                           "url": site.public(p.url)}} for p in producer.products],
        "taxID": producer.tax_code,
    }
    if producer.phones or producer.email:
        data["contactPoint"] = {
            "@type": "ContactPoint", "contactType": "sales",
            "name": producer.contact_person.text if producer.contact_person else None,
            "telephone": producer.tel, "email": producer.email,
            "availableLanguage": [code for code, _ in producer.languages]}  # BCP 47 codes, as schema.org says
    return _script(_clean(data))


def shop_jsonld(shop) -> Markup:
    """A sales point as a schema.org Store: where it is, how to call it, when it is open."""
    site = shop.site
    data = {
        "@context": "https://schema.org",
        "@type": "Store",
        "name": shop.title,
        "description": shop.summary,
        "url": site.public(shop.url),
        "image": _widest(site, shop.photo) if shop.photo else None,
        "telephone": shop.tel,  # E.164: "+842343812345"
        "email": shop.email,
        "address": {"@type": "PostalAddress", "streetAddress": shop.address,
                    "addressRegion": shop.region.name, "addressCountry": "VN"},
        "geo": _geo(shop.location),
        "openingHoursSpecification": _opening_hours(shop.hours),
        "sameAs": [url for url in (shop.website, shop.facebook) if url],
    }
    return _script(_clean(data))
