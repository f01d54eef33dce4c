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
    assert document["schema_version"] == "1.0" and document["$schema"] == schema["$id"]
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
