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
HOSTILE_SHOP = '@Xưởng "Nón" <b>lá</b> & \'Huế\' </script>'


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    from conftest import CatalogueBuilder

    cat = CatalogueBuilder(tmp_path_factory.mktemp("opendata") / "content")
    cat.producer("htx-a", title="HTX Nước mắm Tân Mỹ", address="Thôn 1,\nxã \"Phú\" Thuận",
                 opening_hours="Mo-Fr 07:30-11:30,13:30-17:00; Sa 08:00-12:00; Su off")
    cat.product("nuoc-mam", title=HOSTILE_TITLE, summary=HOSTILE_SUMMARY, tags=[FORMULA_TAG, "đặc sản"],
                date="2025-06-01", price={"from": 45000, "to": 60000, "unit": "chai 500 ml"})
    cat.translation("products", "nuoc-mam", "en", title="Anchovy fish sauce", summary="Fish sauce.",
                    images=[{"file": "anh-1.jpg", "alt": "A bottle"}], price={"unit": "500 ml bottle"})
    cat.product("dau-tram", title="Dầu tràm", group="III.3", stars=2, score=40, certificate=None, price=None)
    # sales points: one listing a product and the producer of both (sells both, once each), translated, with a
    # photo; one by appointment with hostile text, not translated; one without hours
    cat.shop("cho-dong-ba", title="Quầy OCOP chợ Đông Ba", products=["dau-tram"], producers=["htx-a"],
             opening_hours="Mo-Sa 06:00-18:00; Su 06:00-12:00", phone=["0234 3812 345", "+82 2 312 3456"],
             zalo="0905 812 345", facebook="https://facebook.example.com/dongba",
             images=[{"file": "quay.jpg", "alt": "Quầy hàng trong chợ"}])
    cat.photo("shops/cho-dong-ba/quay.jpg", color=(40, 120, 160))
    cat.translation("shops", "cho-dong-ba", "en", title="Dong Ba market OCOP stall", summary="A stall.",
                    address="Dong Ba market, Phu Xuan ward", images=[{"file": "quay.jpg", "alt": "The stall"}])
    cat.shop("xuong-non", title=HOSTILE_SHOP, kind="producer-shop", address="Thôn 1,\n\"Phú\" <Hồ>",
             opening_hours='"by appointment"', email="non@example.com", website="https://non.example.com/")
    cat.shop("sieu-thi", title="Siêu thị Huế", kind="supermarket", products=["nuoc-mam"], phone=None)
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
    shops = sorted(path.parent.name for path in (ROOT / "content/shops").glob("*/index.md"))
    for path in exports:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(document)] == [], path
        assert len(document["products"]) == len(list((ROOT / "content/products").glob("*/index.md")))
        assert [shop["slug"] for shop in document["shops"]] == shops, path
        with (path.parent / "shops.csv").open(encoding="utf-8-sig", newline="") as handle:
            assert [row["slug"] for row in csv.DictReader(handle)] == shops, path


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
    old = dict({key: value for key, value in document.items() if key != "shops"}, schema_version="1.0", products=[
        dict({k: product[k] for k in FIELDS_1_0}, producer={k: product["producer"][k] for k in PRODUCER_1_0})
        for product in document["products"]])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(old)] == []
    assert list(rows[0])[:len(COLUMNS_1_0)] == COLUMNS_1_0


def test_the_guide_names_every_field_and_column(export):
    """docs/open-data.md documents each field of the JSON (products, producers, sales points) and each column
    of both CSV files."""
    from ocop.open_data.flatten import COLUMNS, SHOP_COLUMNS

    text = (ROOT / "docs/open-data.md").read_text(encoding="utf-8")
    document, _ = load(export)
    names = [*document, *document["products"][0], *document["products"][0]["producer"], *document["shops"][0],
             *COLUMNS, *SHOP_COLUMNS]
    assert [name for name in names if f"`{name}`" not in text] == []


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


@pytest.mark.parametrize("prefix, name", [("", "Xưởng nón lá Mệ Hoa"), ("en", "Me Hoa conical hat workshop")])
def test_the_samples_sales_points_in_vi_and_en(sample_site, prefix, name):
    shops, rows = load_shops(sample_site, prefix)
    workshop = next(shop for shop in shops if shop["slug"] == "xuong-non-la-me-hoa")
    assert (workshop["name"], workshop["kind"], workshop["lang"]) == (name, "producer-shop", prefix or "vi")
    assert (workshop["opening_hours"], workshop["weekly_hours"]) == ('"by appointment"', [])  # by appointment
    assert workshop["producers"] == ["ho-kinh-doanh-non-la-me-hoa"]
    assert workshop["products"] == ["non-bai-tho-hue", "non-la-mini-trang-tri"]  # every product of that producer
    assert workshop["phones"] == [{"number": "0935 118 246", "e164": "+84935118246"}]
    tea = next(shop for shop in shops if shop["slug"] == "cua-hang-tra-cung-dinh-ngu-uyen")
    assert tea["opening_hours"] == "Mo-Sa 08:00-17:30; Su off"  # closed on Sunday
    assert [span["day"] for span in tea["weekly_hours"]] == ["Mo", "Tu", "We", "Th", "Fr", "Sa"]
    centre = next(shop for shop in shops if shop["slug"] == "trung-tam-ocop-hue")
    assert {"tom-chua-hue", "mut-vo-buoi-thanh-tra", "me-xung-deo-huong-giang"} <= set(centre["products"])
    assert centre["url"] == f"{PUBLIC}{'/en/shops' if prefix else '/diem-ban'}/trung-tam-ocop-hue/"
    assert centre["photos"][0]["jpeg"].startswith(f"{PUBLIC}/media/shops/trung-tam-ocop-hue/")
    row = next(row for row in rows if row["slug"] == "trung-tam-ocop-hue")
    assert row["products"] == "; ".join(centre["products"]) and row["zalo"] == "0905 822 468"


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


def load_shops(output, prefix=""):
    document, _ = load(output, prefix)
    with (output / prefix / "open-data" / "shops.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return document["shops"], rows


def week(*days):
    return [{"day": day, "opens": opens, "closes": closes} for day, opens, closes in days]


def test_sales_points_in_the_json_in_english(export):
    shops, _ = load_shops(export, "en")
    assert [shop["slug"] for shop in shops] == ["cho-dong-ba", "sieu-thi", "xuong-non"]
    stall = shops[0]
    photos = stall.pop("photos")
    assert stall == {
        "slug": "cho-dong-ba", "url": f"{PUBLIC}/en/shops/cho-dong-ba/",
        "permanent_url": f"{PUBLIC}/diem-ban/cho-dong-ba/",
        "lang": "en", "translated": True, "name": "Dong Ba market OCOP stall", "summary": "A stall.",
        "kind": "market-stall", "region": {"id": "phu-vang", "name": "Phu Vang", "lang": "en"},
        "address": "Dong Ba market, Phu Xuan ward", "location": {"lat": 16.42, "lon": 107.72},
        "opening_hours": "Mo-Sa 06:00-18:00; Su 06:00-12:00",
        "weekly_hours": week(*[(day, "06:00", "18:00") for day in ("Mo", "Tu", "We", "Th", "Fr", "Sa")],
                             ("Su", "06:00", "12:00")),
        "phone": "0234 3812 345",
        "phones": [{"number": "0234 3812 345", "e164": "+842343812345"},
                   {"number": "+82 2-312-3456", "e164": "+8223123456"}],
        "zalo": {"id": "0905 812 345", "url": "https://zalo.me/0905812345"},
        "email": None, "website": None, "facebook": "https://facebook.example.com/dongba",
        # it lists dau-tram and the producer of both products: each sold once
        "products": ["dau-tram", "nuoc-mam"], "producers": ["htx-a"]}
    [photo] = photos
    assert photo["alt"] == "The stall" and photo["jpeg"].endswith(".jpg") and photo["webp"]
    for url in [photo["jpeg"], *photo["webp"]]:
        assert url.startswith(f"{PUBLIC}/media/shops/cho-dong-ba/")
        assert (export / url.removeprefix(PUBLIC + "/")).is_file(), url
    # not translated into English: the Vietnamese text, and says so
    workshop = shops[2]
    assert (workshop["name"], workshop["lang"], workshop["translated"]) == (HOSTILE_SHOP, "vi", False)
    assert workshop["url"] == f"{PUBLIC}/en/shops/xuong-non/" and workshop["photos"] == []


def test_hours_by_appointment_and_no_hours(export):
    shops, rows = load_shops(export)
    _, supermarket, workshop = shops
    # a comment only: the text as written, and no open spans a program could take for opening times
    assert (workshop["opening_hours"], workshop["weekly_hours"]) == ('"by appointment"', [])
    assert (supermarket["opening_hours"], supermarket["weekly_hours"]) == (None, None)  # not given
    assert (rows[2]["opening_hours"], rows[2]["weekly_hours"]) == ('"by appointment"', "")
    assert (rows[1]["opening_hours"], rows[1]["weekly_hours"], rows[1]["phones"]) == ("", "", "")
    assert (supermarket["phone"], supermarket["phones"], supermarket["zalo"]) == (None, [], None)


@pytest.mark.parametrize("prefix", ["", "en"])
def test_sales_points_csv_has_the_json_fields_flattened(export, prefix):
    shops, rows = load_shops(export, prefix)
    assert (export / prefix / "open-data" / "shops.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert [row["slug"] for row in rows] == [shop["slug"] for shop in shops]
    stall = rows[0]
    assert (stall["url"], stall["name"], stall["address"]) == (shops[0]["url"], shops[0]["name"], shops[0]["address"])
    assert (stall["kind"], stall["region_id"], stall["lat"], stall["lon"]) == ("market-stall", "phu-vang", "16.42", "107.72")
    assert stall["weekly_hours"] == ("Mo 06:00-18:00; Tu 06:00-18:00; We 06:00-18:00; Th 06:00-18:00; "
                                     "Fr 06:00-18:00; Sa 06:00-18:00; Su 06:00-12:00")
    assert (stall["phone"], stall["phones"]) == ("0234 3812 345", "0234 3812 345; +82 2-312-3456")
    assert stall["phones_e164"] == "'+842343812345; +8223123456"  # a cell starting with + gets its apostrophe
    assert (stall["zalo"], stall["products"], stall["producers"]) == ("0905 812 345", "dau-tram; nuoc-mam", "htx-a")
    assert stall["photo_jpeg"] == shops[0]["photos"][0]["jpeg"]
    assert (stall["translated"], stall["lang"]) == ("true", prefix or "vi")


def test_hostile_text_of_a_sales_point_round_trips_exactly(export):
    shops, rows = load_shops(export)
    assert shops[2]["name"] == HOSTILE_SHOP and shops[2]["address"] == rows[2]["address"] == 'Thôn 1,\n"Phú" <Hồ>'
    assert rows[2]["name"] == "'" + HOSTILE_SHOP  # starts with @: a spreadsheet would run it
    text = (export / "open-data" / "catalogue.json").read_text(encoding="utf-8")
    assert json.loads(text)["shops"][2]["name"] == HOSTILE_SHOP


def test_producers_give_their_opening_hours(export):
    document, rows = load(export)
    producer = document["products"][0]["producer"]
    assert producer["opening_hours"] == "Mo-Fr 07:30-11:30,13:30-17:00; Sa 08:00-12:00; Su off"
    weekdays = [(day, opens, closes) for day in ("Mo", "Tu", "We", "Th", "Fr")
                for opens, closes in (("07:30", "11:30"), ("13:30", "17:00"))]
    assert producer["weekly_hours"] == week(*weekdays, ("Sa", "08:00", "12:00"))  # Sunday off: not there
    assert rows[0]["producer_opening_hours"] == producer["opening_hours"]


def test_the_schema_refuses_a_sales_point_it_does_not_describe(export):
    """The schema describes sales points field by field: a wrong kind, a missing field, an unknown field or
    hours in another form fail."""
    schema = json.loads((export / "open-data" / "catalogue.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    document, _ = load(export)
    stall = document["shops"][0]
    for wrong in (dict(stall, kind="kiosk"), {k: v for k, v in stall.items() if k != "location"},
                  dict(stall, opening_hours_en="Mon-Sat"),
                  dict(stall, weekly_hours=[{"day": "Mon", "opens": "6:00", "closes": "18:00"}]),
                  dict(stall, phones=[{"number": "0234 3812 345", "e164": "02343812345"}])):
        assert list(validator.iter_errors(dict(document, shops=[wrong]))), wrong


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
