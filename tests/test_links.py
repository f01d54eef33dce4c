"""Links that last: badges, QR codes, permalinks, structured data and feeds, as a built site shows them."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOT, run_build, small_catalogue

PUBLIC = "https://ocop.hue.example.vn"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The small catalogue with an expired, a two-star and a located producer's product, built once for
    the module: its tests only read it."""
    root = tmp_path_factory.mktemp("links")
    catalogue = small_catalogue(root / "content")
    catalogue.product("het-han", title="Kẹo gừng", producer="ho-dung", group="I.3.c", stars=3, score=60,
                      certificate={"decision": "9/QĐ-UBND", "issued_by": "UBND", "date": "2020-01-01"},
                      price={"from": 30000, "to": 50000, "unit": "hộp"})
    catalogue.product("hai-sao", title="Đèn tre", producer="ho-dung", group="IV.1", stars=2, score=40,
                      certificate=None, date="2026-10-01")
    catalogue.product("nuoc-mam", title="Nước mắm cá cơm", stars=4, score=80, date="2026-11-01",
                      price={"from": 45000, "to": 90000, "unit": "chai"})
    catalogue.producer("htx-a", title="HTX Nước mắm Tân Mỹ", location={"lat": 16.45, "lon": 107.72},
                       email="lienhe@example.com", website="https://example.com/htx-a", address="Thôn Tân Mỹ")
    out = root / "out"
    result = run_build(catalogue.root, out)
    assert result.returncode == 0, result.stderr
    return out


def soup(out, path):
    return BeautifulSoup((out / path.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("path, slug, label, state", [
    ("/san-pham/", "nuoc-mam", "OCOP 4 sao", "certified"),
    ("/en/products/", "nuoc-mam", "OCOP 4-star", "certified"),
    ("/san-pham/", "het-han", "OCOP 3 sao · hết hạn", "expired"),
    ("/en/products/", "het-han", "OCOP 3-star · expired", "expired"),
    ("/san-pham/", "hai-sao", "2 sao · chưa chứng nhận", "uncertified"),
    ("/en/products/", "hai-sao", "2 stars · not certified", "uncertified"),
])
def test_badges_on_cards_product_and_star_pages(site, path, slug, label, state):
    product_page = soup(site, f"{path}{slug}/")
    badge = product_page.select_one(".rating svg")
    assert badge["role"] == "img" and badge["aria-label"] == label and badge.title.text == label
    assert f"ocop-badge-{state}" in badge["class"]
    card = next(c for c in soup(site, path).select(".card") if c.select_one(f'a[href="{path}{slug}/"]'))
    assert card.select_one("svg")["aria-label"] == label
    stars = soup(site, f"{path.replace('san-pham', 'sao').replace('products', 'stars')}{product_page.select_one('.stars')['data-stars']}/")
    assert any(svg["aria-label"] == label for svg in stars.select(".card svg"))


@pytest.mark.parametrize("lang_path, label", [("san-pham/het-han", "OCOP 3 sao · hết hạn"),
                                              ("en/products/nuoc-mam", "OCOP 4-star")])
def test_standalone_badge_files(site, lang_path, label):
    svg = ElementTree.parse(site / lang_path / "ocop-badge.svg").getroot()  # valid XML
    assert svg.tag == f"{SVG}svg" and svg.get("role") == "img" and svg.get("aria-label") == label
    assert svg.find(f"{SVG}title").text == label
    with Image.open(site / lang_path / "ocop-badge.png") as png:
        assert png.format == "PNG" and png.size == (464, 128)


def test_producer_page_offers_badges_qr_codes_and_an_embed_snippet(site):
    page = soup(site, "/co-so/htx-a/")
    kit = page.select_one(".for-producers")
    snippet = BeautifulSoup(kit.select_one("textarea").text, "html.parser")
    assert snippet.a["href"] == f"{PUBLIC}/san-pham/nuoc-mam/"
    assert snippet.img["src"] == f"{PUBLIC}/san-pham/nuoc-mam/ocop-badge.svg"
    assert snippet.img["alt"].startswith("OCOP 4 sao")
    links = {a["href"] for a in kit.select("a[download]")}
    assert {"/san-pham/nuoc-mam/ocop-badge.png", "/san-pham/nuoc-mam/qr.png", "/san-pham/nuoc-mam/qr.svg"} <= links


@pytest.mark.parametrize("slug", ["nuoc-mam", "het-han"])
def test_qr_codes_decode_to_the_permanent_url(site, slug):
    with Image.open(site / "san-pham" / slug / "qr.png") as png:
        assert png.width >= 400  # print-ready
        results = zxingcpp.read_barcodes(png.convert("L"))
    assert [r.text for r in results] == [f"{PUBLIC}/san-pham/{slug}/"]
    ElementTree.parse(site / "san-pham" / slug / "qr.svg")
    en = soup(site, f"/en/products/{slug}/")  # the English page offers the same permanent code
    assert en.select_one(".qr img")["src"] == f"/san-pham/{slug}/qr.svg"


def test_the_svg_qr_code_decodes_in_a_browser(site, browser):
    import io

    from site_checks.browser import serve, visit

    with serve(site) as base:
        page_visit = visit(browser, f"{base}/san-pham/nuoc-mam/qr.svg", width=400)
        shot = page_visit.page.screenshot()
        page_visit.close()
    with Image.open(io.BytesIO(shot)) as image:
        assert [r.text for r in zxingcpp.read_barcodes(image.convert("L"))] == [f"{PUBLIC}/san-pham/nuoc-mam/"]


def test_product_json_ld(site):
    for path, name, label in (("/san-pham/nuoc-mam/", "Nước mắm cá cơm", "OCOP 4 sao"),
                              ("/en/products/nuoc-mam/", "Anchovy fish sauce", "OCOP 4-star")):
        data = json.loads(soup(site, path).select_one('script[type="application/ld+json"]').string)
        assert data["@type"] == "Product" and data["name"] == name
        assert data["url"] == PUBLIC + path
        assert data["brand"] == {"@type": "Brand", "name": "HTX Nước mắm Tân Mỹ"}
        assert data["offers"] == {"@type": "AggregateOffer", "priceCurrency": "VND", "lowPrice": 45000,
                                  "highPrice": 90000, "url": PUBLIC + path}
        assert data["image"][0].startswith(PUBLIC + "/media/products/nuoc-mam/anh-1-")
        assert data["additionalProperty"][0] == {"@type": "PropertyValue", "name": "OCOP", "value": 4,
                                                 "maxValue": 5, "description": label}
        assert data["award"].startswith(label) and "123/QĐ-UBND" in data["award"]
    expired = json.loads(soup(site, "/san-pham/het-han/").select_one('script[type="application/ld+json"]').string)
    assert "award" not in expired  # an expired certificate is no award


def test_producer_json_ld(site):
    data = json.loads(soup(site, "/en/producers/htx-a/").select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "LocalBusiness" and data["name"] == "HTX Nước mắm Tân Mỹ"
    assert data["address"] == {"@type": "PostalAddress", "streetAddress": "Thôn Tân Mỹ",
                               "addressRegion": "Phu Vang", "addressCountry": "VN"}
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 16.45, "longitude": 107.72}
    assert data["sameAs"] == ["https://example.com/htx-a"]
    # the number in E.164 (as the sales points' Store gives it), while the page shows it as dialled in Viet Nam
    assert data["telephone"] == "+842343812345"
    page = soup(site, "/co-so/htx-a/")
    scripts = [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]
    assert [data["telephone"] for data in scripts if data["@type"] == "LocalBusiness"] == ["+842343812345"]
    assert page.select_one('a[href="tel:+842343812345"]').get_text(strip=True) == "0234 3812 345"


def test_open_graph_tags(site):
    page = soup(site, "/en/products/nuoc-mam/")
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert og["og:type"] == "product" and og["og:title"].startswith("Anchovy fish sauce")
    assert og["og:url"] == f"{PUBLIC}/en/products/nuoc-mam/"
    assert og["og:image"] == f"{PUBLIC}/media/products/nuoc-mam/anh-1-1200x630.jpg"
    assert og["og:locale"] == "en_US"
    # the alternates are the languages the product is written in (Vietnamese and English, not the Korean …
    # pages that show its English text through their fallback chain)
    alternates = {m["content"] for m in page.select('meta[property="og:locale:alternate"]')}
    assert alternates == {"vi_VN"}
    korean = soup(site, "/ko/products/nuoc-mam/")
    assert korean.select_one('meta[property="og:locale"]')["content"] == "en_US"
    assert {m["content"] for m in korean.select('meta[property="og:locale:alternate"]')} == {"vi_VN"}
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"


def test_atom_feed_of_newest_products_per_language(site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for path, first in (("feed.xml", "Nước mắm cá cơm"), ("en/feed.xml", "Anchovy fish sauce")):
        feed = ElementTree.parse(site / path).getroot()
        titles = [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)]
        assert titles[:2] == [first, "Đèn tre"]  # newest first; untranslated stays Vietnamese
    korean = ElementTree.parse(site / "ko/feed.xml").getroot()
    entries = {e.find("a:title", ns).text: e for e in korean.findall("a:entry", ns)}
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert korean.get(xml_lang) == "ko"
    # the fallback chain: English where there is English, then Vietnamese, each entry saying which
    assert entries["Anchovy fish sauce"].get(xml_lang) == "en" and entries["Đèn tre"].get(xml_lang) == "vi"
    assert entries["Anchovy fish sauce"].find("a:link", ns).get("href").endswith("/ko/products/nuoc-mam/")
    home = soup(site, "/en/")
    assert home.select_one('link[type="application/atom+xml"]')["href"] == "/en/feed.xml"


@pytest.mark.slow
def test_permalinks_are_recorded_and_guarded(catalogue, tmp_path):
    out = tmp_path / "out"
    assert run_build(catalogue.root, out).returncode == 0
    listed = (catalogue.root / "permalinks.txt").read_text(encoding="utf-8")
    for path in ("/san-pham/nuoc-mam/", "/en/products/nuoc-mam/", "/co-so/htx-a/", "/en/producers/ho-dung/"):
        assert f"\n{path}\n" in listed
    # renaming a product folder without an alias breaks printed QR codes: the build refuses
    (catalogue.root / "products/nuoc-mam").rename(catalogue.root / "products/nuoc-mam-tan-my")
    result = run_build(catalogue.root, out)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = listed.splitlines().index("/san-pham/nuoc-mam/") + 1
    assert re.search(rf"permalinks\.txt:{line}: /san-pham/nuoc-mam/: this published URL would disappear.*"
                     r"add the path to the `aliases`", result.stderr), result.stderr
    assert "/en/products/nuoc-mam/: this published URL would disappear" in result.stderr
    # the fix the message names: an alias keeps both languages' old URLs alive
    catalogue.product("nuoc-mam-tan-my", title="Nước mắm cá cơm", aliases=["/san-pham/nuoc-mam/"])
    (catalogue.root / "products/nuoc-mam-tan-my/index.en.md").unlink()
    result = run_build(catalogue.root, out)
    assert result.returncode == 0, result.stderr
    redirect = soup(out, "/en/products/nuoc-mam/")
    assert redirect.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=/en/products/nuoc-mam-tan-my/"
    assert "/san-pham/nuoc-mam-tan-my/" in (catalogue.root / "permalinks.txt").read_text(encoding="utf-8")


def test_sample_catalogue_permalinks_are_committed_and_complete():
    listed = set((ROOT / "content/permalinks.txt").read_text(encoding="utf-8").split())
    for folder in (ROOT / "content/products").iterdir():
        assert f"/san-pham/{folder.name}/" in listed and f"/en/products/{folder.name}/" in listed


@pytest.mark.parametrize("label, face", [("OCOP 4성", 1), ("OCOP 4 つ星 · 期限切れ", 0), ("OCOP 4 星", 2)])
def test_korean_chinese_japanese_badge_png_draws_real_glyphs(label, face):
    from ocop.links import badges

    assert badges._cjk_font_file(), "no CJK font on this machine: `make test` installs Debian's fonts-noto-cjk"
    assert badges._face(label)[1] == face  # Korean, Japanese and Chinese forms of the Han characters
    # empty boxes would all look alike: two different labels must give two different pictures
    assert badges.badge_png(4, "certified", label) != badges.badge_png(4, "certified", label.replace("4", "4 "))
    other = badges.badge_png(4, "certified", label[:-1] + ("한" if face == 1 else "中"))
    assert other != badges.badge_png(4, "certified", label)


def test_without_a_cjk_font_the_badge_png_keeps_to_what_it_can_draw(monkeypatch):
    from ocop.links import badges

    monkeypatch.setattr(badges, "_cjk_font_file", lambda: None)
    badges.badge_png.cache_clear()
    try:
        assert badges._face("OCOP 4성") is None and badges._face("OCOP 4 sao")[0].endswith("DejaVuSans-Bold.ttf")
        assert badges.badge_png(4, "certified", "OCOP 4성") == badges.badge_png(4, "certified", "OCOP 4★")
    finally:
        badges.badge_png.cache_clear()
