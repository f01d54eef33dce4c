"""Open data: per-language JSON and CSV of the catalogue that validate against the published schema."""

from __future__ import annotations

import csv
import json

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_build

PUBLIC = "https://ocop.hue.example.vn"  # PUBLIC_SITEURL of pelicanconf.py
HOSTILE_TITLE = 'Nước mắm "Tân Mỹ", loại 1 </script><script>alert(1)</script>'
HOSTILE_SUMMARY = "Dòng một,\r\ndòng \"hai\"; <b>đậm</b> & 'ba'"
FORMULA_TAG = "=HYPERLINK(\"http://evil.example\",\"bấm\")"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    from conftest import CatalogueBuilder

    cat = CatalogueBuilder(tmp_path_factory.mktemp("opendata") / "content")
    cat.producer("htx-a", title="HTX Nước mắm Tân Mỹ", address="Thôn 1,\nxã \"Phú\" Thuận")
    cat.product("nuoc-mam", title=HOSTILE_TITLE, summary=HOSTILE_SUMMARY, tags=[FORMULA_TAG, "đặc sản"],
                date="2025-06-01", price={"from": 45000, "to": 60000, "unit": "chai 500 ml"})
    cat.translation("products", "nuoc-mam", "en", title="Anchovy fish sauce", summary="Fish sauce.",
                    images=[{"file": "anh-1.jpg", "alt": "A bottle"}], price={"unit": "500 ml bottle"})
    cat.product("dau-tram", title="Dầu tràm", group="III.3", stars=2, score=40, certificate=None, price=None)
    output = tmp_path_factory.mktemp("opendata-out") / "output"
    result = run_build(cat.root, output, "-e", 'CATALOGUE_LANGUAGES=["vi", "en"]')
    assert result.returncode == 0, result.stderr
    return output


def load(output, prefix=""):
    folder = output / prefix / "open-data"
    document = json.loads((folder / "catalogue.json").read_text(encoding="utf-8"))
    with (folder / "catalogue.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return document, rows


@pytest.mark.parametrize("prefix", ["", "en"])
def test_json_validates_against_the_published_schema(export, prefix):
    schema = json.loads((export / "open-data" / "catalogue.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    document, _ = load(export, prefix)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(document)] == []
    assert document["schema_version"] == "1.1" and document["$schema"] == schema["$id"]
    assert document["lang"] == (prefix or "vi")


def test_the_sample_catalogue_validates_in_every_language(sample_site):
    output = sample_site
    schema = json.loads((output / "open-data" / "catalogue.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    exports = sorted(output.glob("**/open-data/catalogue.json"))
    assert len(exports) == 6
    for path in exports:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(document)] == [], path
        assert len(document["products"]) == len(list((ROOT / "content/products").glob("*/index.md")))


# what schema 1.0 had: a minor version keeps every field and column of it, with its meaning
FIELDS_1_0 = ["slug", "url", "permanent_url", "lang", "translated", "name", "summary", "stars", "score", "status",
              "certified", "expired", "certificate", "group", "region", "price", "producer", "photos", "tags", "listed"]
PRODUCER_1_0 = ["slug", "name", "lang", "kind", "url", "phone", "email", "website", "address"]
COLUMNS_1_0 = [
    "slug", "url", "permanent_url", "lang", "translated", "name", "summary", "stars", "score", "status",
    "certified", "expired", "certificate_decision", "certificate_issued_by", "certificate_date",
    "certificate_expires", "group_code", "group_name", "group_lineage", "region_id", "region_name",
    "price_from", "price_to", "price_currency", "price_unit", "producer_slug", "producer_name",
    "producer_kind", "producer_url", "producer_phone", "producer_email", "producer_website",
    "producer_address", "photo_jpeg", "photo_webp", "tags", "listed",
]


def test_a_1_0_document_is_valid_1_1_and_keeps_its_fields_and_columns(export):
    """1.1 only adds optional fields: a document without them validates, and the 1.0 fields and CSV
    columns come first, unchanged."""
    schema = json.loads((export / "open-data" / "catalogue.schema.json").read_text(encoding="utf-8"))
    document, rows = load(export)
    assert list(document["products"][0])[:len(FIELDS_1_0)] == FIELDS_1_0
    assert list(document["products"][0]["producer"])[:len(PRODUCER_1_0)] == PRODUCER_1_0
    old = dict(document, schema_version="1.0", products=[
        dict({k: product[k] for k in FIELDS_1_0}, producer={k: product["producer"][k] for k in PRODUCER_1_0})
        for product in document["products"]])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(old)] == []
    assert list(rows[0])[:len(COLUMNS_1_0)] == COLUMNS_1_0


def test_the_schema_names_the_contracts_certification_schemes():
    from ocop.catalogue.api import CERTIFICATION_SCHEMES

    schema = json.loads((ROOT / "plugins/ocop/open_data/catalogue.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["certification"]["properties"]["scheme"]["enum"] == list(CERTIFICATION_SCHEMES)


def sample_product(output, prefix: str, slug: str) -> tuple[dict, dict]:
    document, rows = load(output, prefix)
    return (next(p for p in document["products"] if p["slug"] == slug),
            next(r for r in rows if r["slug"] == slug))


@pytest.mark.parametrize("prefix, units, port, food_safety", [
    ("", ("thùng 24 chai", "chai 500 ml", "vi"), ("Cảng Chân Mây", "vi"), "Cơ sở đủ điều kiện an toàn thực phẩm"),
    ("en", ("cartons of 24 bottles", "500 ml bottles", "en"), ("Chan May port, Hue", "en"), "Food safety: certified facility"),
])
def test_the_samples_trade_facts_certifications_and_shops_in_vi_and_en(sample_site, prefix, units, port, food_safety):
    product, row = sample_product(sample_site, prefix, "nuoc-mam-ca-com-tan-my")
    min_order, capacity, lang = units
    assert product["export_ready"] is True
    assert product["trade"] == {
        "min_order": {"quantity": 10, "unit": min_order, "lang": lang},
        "capacity": {"quantity": 20000, "unit": capacity, "lang": lang, "per": "month"},
        "lead_time_days": 10, "shelf_life_months": 24, "export_markets": ["KR", "JP"], "incoterms": ["FOB", "EXW"],
        "port": {"name": port[0], "lang": port[1]}, "hs_code": "2103.90.13", "gtin": "9520045120019",
        "oem": True, "samples": True}
    haccp, facility = product["certifications"]
    assert haccp == {"scheme": "haccp", "scheme_name": "HACCP", "name": None, "lang": None,
                     "number": "HACCP-0921/2024", "issued_by": "Trung tâm Chứng nhận phù hợp (QUACERT)",
                     "date": "2024-03-15", "expires": "2027-03-14", "expired": False, "url": None}
    assert facility["scheme"] == "food-safety-facility" and facility["scheme_name"] == food_safety
    assert [shop["name"] for shop in product["buy_online"]] == ["Shopee", "Lazada"]
    assert product["buy_online"][1]["url"] == "https://www.lazada.vn/catalog/?q=nuoc+mam+tan+my"
    # the CSV's flat columns
    assert (row["export_ready"], row["trade_min_order_quantity"], row["trade_min_order_unit"]) == ("true", "10", min_order)
    assert (row["trade_capacity_quantity"], row["trade_capacity_unit"], row["trade_capacity_per"]) == ("20000", capacity, "month")
    assert (row["trade_export_markets"], row["trade_incoterms"], row["trade_port"]) == ("KR; JP", "FOB; EXW", port[0])
    assert (row["trade_hs_code"], row["trade_gtin"], row["trade_oem"]) == ("2103.90.13", "9520045120019", "true")
    assert row["certification_schemes"] == "haccp; food-safety-facility"
    assert row["certification_names"] == f"HACCP; {food_safety}" and row["certifications_expired"] == ""
    assert row["buy_online"].endswith("; https://www.lazada.vn/catalog/?q=nuoc+mam+tan+my")


@pytest.mark.parametrize("prefix, person", [("", ("Phan Thị Hoa", "vi")), ("en", ("Phan Thị Hoa (Ms), sales", "en"))])
def test_the_samples_producer_contacts_in_vi_and_en(sample_site, prefix, person):
    product, row = sample_product(sample_site, prefix, "nuoc-mam-ca-com-tan-my")
    producer = product["producer"]
    assert producer["phones"] == [{"number": "0234 3866 112", "e164": "+842343866112"},
                                  {"number": "0983 866 112", "e164": "+84983866112"}]
    assert producer["phone"] == producer["phones"][0]["number"]  # what a 1.0 reader knows
    assert producer["zalo"] == {"id": "0983 866 112", "url": "https://zalo.me/0983866112"}
    assert producer["messengers"] == {"whatsapp": {"id": "+84 983 866 112", "url": "https://wa.me/84983866112"},
                                      "kakaotalk": {"id": "tanmybien", "url": None}}
    assert producer["contact_person"] == {"name": person[0], "lang": person[1]}
    assert producer["languages"] == ["vi", "en", "ko"] and producer["tax_code"] == "3300852787"
    assert (row["producer_phone"], row["producer_phones"]) == ("0234 3866 112", "0234 3866 112; 0983 866 112")
    assert (row["producer_zalo"], row["producer_kakaotalk"], row["producer_line"]) == ("0983 866 112", "tanmybien", "")
    assert row["producer_whatsapp"] == "'+84 983 866 112"  # a cell starting with + gets its apostrophe
    assert (row["producer_contact_person"], row["producer_languages"]) == (person[0], "vi; en; ko")
    assert row["producer_tax_code"] == "3300852787"


@pytest.mark.parametrize("prefix, other", [("", "Sản phẩm công nghiệp nông thôn tiêu biểu cấp khu vực"),
                                          ("en", "Outstanding rural industrial product, regional level")])
def test_the_samples_other_and_expired_certifications(sample_site, prefix, other):
    tea, tea_row = sample_product(sample_site, prefix, "tra-cung-dinh-hue")
    assert [(c["scheme"], c["name"], c["lang"], c["expires"]) for c in tea["certifications"]] == [
        ("iso-22000", None, None, "2027-08-31"), ("other", other, prefix or "vi", None)]
    assert tea_row["certification_names"] == f"ISO 22000; {other}"
    pomelo, pomelo_row = sample_product(sample_site, prefix, "buoi-thanh-tra-hue")
    assert [(c["scheme"], c["expires"], c["expired"]) for c in pomelo["certifications"]] == [
        ("vietgap", "2025-07-31", True)]
    assert (pomelo_row["certification_schemes"], pomelo_row["certifications_expired"]) == ("", "vietgap")
    assert pomelo["export_ready"] is False


@pytest.mark.parametrize("prefix", ["", "en"])
def test_csv_has_the_same_rows_as_the_json(export, prefix):
    document, rows = load(export, prefix)
    assert (export / prefix / "open-data" / "catalogue.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert [r["slug"] for r in rows] == [p["slug"] for p in document["products"]]
    for row, product in zip(rows, document["products"]):
        assert row["name"] == product["name"] and row["url"] == product["url"]
        assert int(row["stars"]) == product["stars"]
        assert row["certified"] == str(product["certified"]).lower()


def test_urls_are_the_products_permanent_urls(export):
    document, _ = load(export, "en")
    product = next(p for p in document["products"] if p["slug"] == "nuoc-mam")
    assert product["url"] == f"{PUBLIC}/en/products/nuoc-mam/"
    assert product["permanent_url"] == f"{PUBLIC}/san-pham/nuoc-mam/"
    assert product["producer"]["url"] == f"{PUBLIC}/en/producers/htx-a/"
    for photo in product["photos"]:
        for url in [photo["jpeg"], *photo["webp"]]:
            assert url.startswith(PUBLIC + "/media/products/nuoc-mam/")
            assert (export / url.removeprefix(PUBLIC + "/")).is_file(), url
    assert photo["jpeg"].endswith(".jpg") and photo["webp"] and photo["alt"] == "A bottle"


def test_untranslated_product_is_in_vietnamese_and_says_so(export):
    document, rows = load(export, "en")
    untranslated = next(p for p in document["products"] if p["slug"] == "dau-tram")
    assert untranslated["name"] == "Dầu tràm" and untranslated["lang"] == "vi"
    assert untranslated["translated"] is False
    assert untranslated["certificate"] is None and untranslated["status"] == "uncertified"
    assert untranslated["price"] is None and untranslated["score"] == 40
    translated = next(p for p in document["products"] if p["slug"] == "nuoc-mam")
    assert translated["name"] == "Anchovy fish sauce" and translated["lang"] == "en" and translated["translated"]
    assert translated["price"] == {"from": 45000, "to": 60000, "currency": "VND", "unit": "500 ml bottle"}
    assert translated["certificate"]["decision"] == "123/QĐ-UBND"
    assert {r["slug"]: r["lang"] for r in rows} == {"dau-tram": "vi", "nuoc-mam": "en"}


def test_hostile_text_round_trips_exactly(export):
    document, rows = load(export)
    product = next(p for p in document["products"] if p["slug"] == "nuoc-mam")
    row = next(r for r in rows if r["slug"] == "nuoc-mam")
    assert product["name"] == row["name"] == HOSTILE_TITLE  # data, not HTML: nothing escaped
    assert product["summary"] == row["summary"] == HOSTILE_SUMMARY
    assert product["producer"]["address"] == row["producer_address"] == "Thôn 1,\nxã \"Phú\" Thuận"
    # a cell a spreadsheet would run as a formula starts with an apostrophe in the CSV only
    assert product["tags"] == [FORMULA_TAG, "đặc sản"]
    assert row["tags"] == "'" + FORMULA_TAG + "; đặc sản"


@pytest.mark.parametrize("prefix", ["", "en"])
def test_every_page_links_its_language_export_in_the_footer(export, prefix):
    soup = BeautifulSoup((export / prefix / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in soup.select(".site-footer a")}
    base = f"/{prefix}" if prefix else ""
    assert {f"{base}/open-data/catalogue.json", f"{base}/open-data/catalogue.csv"} <= links
