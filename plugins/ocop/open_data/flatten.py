"""The CSV form of an open-data record: one row per product (catalogue.csv) or per sales point (shops.csv),
nested fields flattened into named columns.

Lists are joined with "; " (the JSON keeps them as lists). A text cell that a spreadsheet would run as a
formula (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe ("CSV injection");
the JSON export is never altered, so it is the exact source. Column names: docs/open-data.md.
"""

from __future__ import annotations

LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The CSV header, in order (csv.DictWriter refuses a row with a key not listed here).
COLUMNS = [
    "slug", "url", "permanent_url", "lang", "translated", "name", "summary", "stars", "score", "status",
    "certified", "expired", "certificate_decision", "certificate_issued_by", "certificate_date",
    "certificate_expires", "group_code", "group_name", "group_lineage", "region_id", "region_name",
    "price_from", "price_to", "price_currency", "price_unit", "producer_slug", "producer_name",
    "producer_kind", "producer_url", "producer_phone", "producer_email", "producer_website",
    "producer_address", "photo_jpeg", "photo_webp", "tags", "listed",
    # 1.1: columns are only ever added at the end
    "export_ready", "trade_min_order_quantity", "trade_min_order_unit", "trade_capacity_quantity",
    "trade_capacity_unit", "trade_capacity_per", "trade_lead_time_days", "trade_shelf_life_months",
    "trade_export_markets", "trade_incoterms", "trade_port", "trade_hs_code", "trade_gtin", "trade_oem",
    "trade_samples", "certification_schemes", "certification_names", "certifications_expired", "buy_online",
    "producer_phones", "producer_zalo", "producer_whatsapp", "producer_line", "producer_kakaotalk",
    "producer_wechat", "producer_contact_person", "producer_languages", "producer_tax_code",
    "producer_opening_hours", "updated", "producer_updated",
]
# shops.csv (1.1), one row per sales point
SHOP_COLUMNS = [
    "slug", "url", "permanent_url", "lang", "translated", "name", "summary", "kind", "region_id", "region_name",
    "address", "lat", "lon", "opening_hours", "weekly_hours", "phone", "phones", "phones_e164", "zalo", "email",
    "website", "facebook", "products", "producers", "photo_jpeg", "photo_webp",
]
MESSENGERS = ("whatsapp", "line", "kakaotalk", "wechat")


def _join(values) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _trade(record: dict) -> dict:
    trade = record["trade"] or {}
    min_order, capacity, port = trade.get("min_order") or {}, trade.get("capacity") or {}, trade.get("port") or {}
    return {
        "trade_min_order_quantity": min_order.get("quantity"),
        "trade_min_order_unit": min_order.get("unit"),
        "trade_capacity_quantity": capacity.get("quantity"),
        "trade_capacity_unit": capacity.get("unit"),
        "trade_capacity_per": capacity.get("per"),
        "trade_lead_time_days": trade.get("lead_time_days"),
        "trade_shelf_life_months": trade.get("shelf_life_months"),
        "trade_export_markets": _join(trade.get("export_markets", [])),
        "trade_incoterms": _join(trade.get("incoterms", [])),
        "trade_port": port.get("name"),
        "trade_hs_code": trade.get("hs_code"),
        "trade_gtin": trade.get("gtin"),
        "trade_oem": trade.get("oem"),
        "trade_samples": trade.get("samples"),
    }


def _certifications(record: dict) -> dict:
    """In force: scheme keys and names (a certification of scheme `other` by its own name); expired: keys."""
    in_force = [c for c in record["certifications"] if not c["expired"]]
    return {
        "certification_schemes": _join(c["scheme"] for c in in_force),
        "certification_names": _join(c["name"] if c["scheme"] == "other" and c["name"] else c["scheme_name"]
                                     for c in in_force),
        "certifications_expired": _join(c["scheme"] for c in record["certifications"] if c["expired"]),
    }


def _contacts(producer: dict) -> dict:
    messengers = producer["messengers"]
    return {
        "producer_phones": _join(phone["number"] for phone in producer["phones"]),
        "producer_zalo": (producer["zalo"] or {}).get("id"),
        **{f"producer_{key}": (messengers.get(key) or {}).get("id") for key in MESSENGERS},
        "producer_contact_person": (producer["contact_person"] or {}).get("name"),
        "producer_languages": _join(producer["languages"]),
        "producer_tax_code": producer["tax_code"],
        "producer_opening_hours": producer["opening_hours"],
    }


PAGE_COLUMNS = ("slug", "url", "permanent_url", "lang", "translated", "name", "summary")


def _page_columns(record: dict) -> dict:
    """The columns a product's and a sales point's rows both start with: the page, its language, its name."""
    return {name: record[name] for name in PAGE_COLUMNS}


def _flat(record: dict) -> dict:
    cert = record["certificate"] or {}
    price = record["price"] or {}
    producer = record["producer"]
    return {
        **_page_columns(record),
        "stars": record["stars"],
        "score": record["score"],
        "status": record["status"],
        "certified": record["certified"],
        "expired": record["expired"],
        "certificate_decision": cert.get("decision"),
        "certificate_issued_by": cert.get("issued_by"),
        "certificate_date": cert.get("date"),
        "certificate_expires": cert.get("expires"),
        "group_code": record["group"]["code"],
        "group_name": record["group"]["name"],
        "group_lineage": _join(f"{g['code']} {g['name']}" for g in record["group"]["lineage"]),
        "region_id": record["region"]["id"],
        "region_name": record["region"]["name"],
        "price_from": price.get("from"),
        "price_to": price.get("to"),
        "price_currency": price.get("currency"),
        "price_unit": price.get("unit"),
        "producer_slug": producer["slug"],
        "producer_name": producer["name"],
        "producer_kind": producer["kind"],
        "producer_url": producer["url"],
        "producer_phone": producer["phone"],
        "producer_email": producer["email"],
        "producer_website": producer["website"],
        "producer_address": producer["address"],
        "photo_jpeg": _join(p["jpeg"] for p in record["photos"]),
        "photo_webp": _join(url for p in record["photos"] for url in p["webp"]),
        "tags": _join(record["tags"]),
        "listed": record["listed"],
        "export_ready": record["export_ready"],
        **_trade(record),
        **_certifications(record),
        "buy_online": _join(shop["url"] for shop in record["buy_online"]),
        **_contacts(producer),
        "updated": record["updated"],
        "producer_updated": producer["updated"],
    }


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _weekly(spans) -> str:
    """The machine-readable week as "Mo 08:00-17:30; Tu 08:00-17:30; …"."""
    return _join(f"{span['day']} {span['opens']}-{span['closes']}" for span in spans or ())


def _flat_shop(record: dict) -> dict:
    return {
        **_page_columns(record),
        "kind": record["kind"],
        "region_id": record["region"]["id"],
        "region_name": record["region"]["name"],
        "address": record["address"],
        "lat": record["location"]["lat"],
        "lon": record["location"]["lon"],
        "opening_hours": record["opening_hours"],
        "weekly_hours": _weekly(record["weekly_hours"]),
        "phone": record["phone"],
        "phones": _join(phone["number"] for phone in record["phones"]),
        "phones_e164": _join(phone["e164"] for phone in record["phones"]),
        "zalo": (record["zalo"] or {}).get("id"),
        "email": record["email"],
        "website": record["website"],
        "facebook": record["facebook"],
        "products": _join(record["products"]),
        "producers": _join(record["producers"]),
        "photo_jpeg": _join(p["jpeg"] for p in record["photos"]),
        "photo_webp": _join(url for p in record["photos"] for url in p["webp"]),
    }


def csv_row(record: dict) -> dict:
    return {column: _cell(value) for column, value in _flat(record).items()}


def shop_csv_row(record: dict) -> dict:
    return {column: _cell(value) for column, value in _flat_shop(record).items()}


