"""Fallback chains (content contract v1.1, "Translation files"): a page of an entry not translated into its
language shows the first translation along the language's chain, field by field, each element marked with
the language it shows; it is left out of that language's sitemap entries and the hreflang alternates, and
its canonical URL is the page in the language shown."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import run_build, small_catalogue
from ocop.i18n.languages import LanguageError, fallback_chains

LANGUAGES = json.dumps(["vi", "en", "ko"])


# ---- the setting -----------------------------------------------------------------------------------


def test_default_chains_go_through_english_then_the_default_language():
    assert fallback_chains(["vi", "en", "ko", "fr"], None) == {
        "vi": ("vi",), "en": ("en", "vi"), "ko": ("ko", "en", "vi"), "fr": ("fr", "en", "vi")}
    # a site without English falls back to its default language
    assert fallback_chains(["vi", "ko"], {}) == {"vi": ("vi",), "ko": ("ko", "vi")}


def test_a_configured_chain_replaces_the_default_for_its_language_only():
    chains = fallback_chains(["vi", "en", "zh", "ja"], {"ja": ["zh", "en", "vi"]})
    assert chains["ja"] == ("ja", "zh", "en", "vi") and chains["zh"] == ("zh", "en", "vi")


@pytest.mark.parametrize("fallbacks, message", [
    ({"de": ["en", "vi"]}, "'de': 'de' is not a site language (CATALOGUE_LANGUAGES: vi, en, ko)"),
    ({"ko": ["es", "vi"]}, "'ko': 'es' is not a site language (CATALOGUE_LANGUAGES: vi, en, ko)"),
    ({"ko": ["en", "ko", "vi"]}, "'ko': a cycle: ko → en → ko; a chain names each language "
                                 "once and ends with 'vi'"),
    ({"ko": ["en"]}, "'ko': must end with the default language 'vi', the last resort of every "
                     "text: e.g. ['en', 'vi']"),
    ({"ko": []}, "'ko': must end with the default language 'vi', the last resort of every "
                 "text: e.g. ['vi']"),
    ({"ko": "en"}, "'ko': must be a list of languages, e.g. ['en', 'vi']"),
    ({"vi": ["en"]}, "'vi': the default language has no fallback (every entry is written in "
                     "it): leave it out"),
    (["en", "vi"], "must be a mapping of language to its chain, e.g. {'ko': ['en', 'vi']}"),
])
def test_a_chain_that_cannot_work_is_one_clear_line(fallbacks, message):
    with pytest.raises(LanguageError) as error:
        fallback_chains(["vi", "en", "ko"], fallbacks)
    assert str(error.value) == message and error.value.setting == "CATALOGUE_FALLBACKS"


def test_a_build_with_a_bad_chain_stops_with_one_line_and_writes_nothing(catalogue, tmp_path):
    out = tmp_path / "out"
    result = run_build(catalogue.root, out, "-e", f"CATALOGUE_LANGUAGES={LANGUAGES}",
                       'CATALOGUE_FALLBACKS={"ko": ["en"]}')
    assert result.returncode != 0
    assert result.problem_lines[0] == ("pelicanconf.py: CATALOGUE_FALLBACKS: 'ko': must end with the default "
                                       "language 'vi', the last resort of every text: e.g. ['en', 'vi']")
    assert result.problem_lines[1:] == [
        "1 error in the content: nothing was written, the output folder is left as it was."]
    assert "Traceback" not in result.stderr and not out.exists()


# ---- pages -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """vi, en, ko. nuoc-mam: English only (falls back to English in Korean); dau-tram: English and a partial
    Korean translation (title, summary, one photo description: the rest follows the chain); ao-dai: Vietnamese
    only; region phu-vang has an English name only, dan-dien a Korean one."""
    root = tmp_path_factory.mktemp("fallbacks")
    catalogue = small_catalogue(root / "content")
    catalogue.regions([
        {"id": "phu-vang", "name": "Phú Vang", "name_en": "Phu Vang", "geometry": square(107.7, 16.4)},
        {"id": "dan-dien", "name": "Đan Điền", "name_ko": "단디엔", "geometry": square(107.5, 16.6)},
    ])
    catalogue.product("dau-tram", title="Dầu tràm", producer="ho-dung", group="III.3", stars=3, score=60,
                      specs={"Dung tích": "50 ml"}, tags=["tinh dầu"],
                      images=[{"file": "anh-1.jpg", "alt": "Chai dầu tràm"}])
    catalogue.translation("products", "dau-tram", "en", body="Cajeput oil distilled in Phong Dien.",
                          title="Cajeput oil", summary="Cajeput oil.", price={"unit": "50 ml bottle"},
                          specs={"Volume": "50 ml"}, tags=["essential oil"],
                          images=[{"file": "anh-1.jpg", "alt": "A bottle of cajeput oil"}])
    catalogue.translation("products", "dau-tram", "ko", body="", title="카주풋 오일", summary="카주풋 오일.")
    out = root / "out"
    result = run_build(catalogue.root, out, "-e", f"CATALOGUE_LANGUAGES={LANGUAGES}")
    assert result.returncode == 0, result.stderr
    return out


def square(lon, lat, size=0.05):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + size, lat], [lon + size, lat + size],
                                                [lon, lat + size], [lon, lat]]]}


def soup(site, url):
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def alternates(page) -> dict:
    return {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}


def sitemap(site) -> dict:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {url.find("s:loc", ns).text: {link.get("hreflang") for link in url.findall("x:link", ns)}
            for url in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", ns)}


def test_a_korean_page_of_an_english_only_entry_shows_english_and_is_canonically_the_english_page(site):
    page = soup(site, "/ko/products/nuoc-mam/")
    assert page.html["lang"] == "ko"  # the site's own text (navigation, labels) is Korean
    h1 = page.select_one("h1")
    assert (h1.text, h1["lang"]) == ("Anchovy fish sauce", "en")
    assert page.select_one(".summary")["lang"] == "en" and page.select_one(".summary").text == "Fish sauce."
    assert page.select_one(".untranslated-note").text == "아직 번역되지 않았습니다. 이 내용은 영어로 표시됩니다."
    assert page.find("link", rel="canonical")["href"] == "/en/products/nuoc-mam/"
    assert page.select_one('meta[property="og:locale"]')["content"] == "en_US"
    data = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    webpage = next(d for d in data if d["@type"] == "WebPage")
    assert webpage["inLanguage"] == "en" and webpage["url"].endswith("/en/products/nuoc-mam/")
    assert next(d for d in data if d["@type"] == "Product")["name"] == "Anchovy fish sauce"
    # the switcher still leads to the same page in every language
    assert {a["hreflang"]: a["href"] for a in page.select(".lang-switch a")} == {
        "vi": "/san-pham/nuoc-mam/", "en": "/en/products/nuoc-mam/", "ko": "/ko/products/nuoc-mam/"}


def test_pages_shown_through_a_fallback_are_left_out_of_the_sitemap_and_the_alternates(site):
    entries = sitemap(site)
    assert "/ko/products/nuoc-mam/" not in entries and "/ko/products/ao-dai/" not in entries
    assert entries["/en/products/nuoc-mam/"] == {"vi", "en", "x-default"}
    assert entries["/ko/products/dau-tram/"] == {"vi", "en", "ko", "x-default"}  # translated, even partly
    assert entries["/san-pham/ao-dai/"] == {"vi", "x-default"}
    assert "/ko/products/" in entries and "/ko/" in entries  # the theme's own pages exist in every language
    for url in ("/san-pham/nuoc-mam/", "/en/products/nuoc-mam/", "/ko/products/nuoc-mam/"):
        assert alternates(soup(site, url)) == {"vi": "/san-pham/nuoc-mam/", "en": "/en/products/nuoc-mam/",
                                               "x-default": "/san-pham/nuoc-mam/"}, url
    assert set(alternates(soup(site, "/en/products/dau-tram/"))) == {"vi", "en", "ko", "x-default"}


def test_a_partial_translation_mixes_languages_field_by_field(site):
    page = soup(site, "/ko/products/dau-tram/")
    h1 = page.select_one("h1")
    assert h1.text == "카주풋 오일" and not h1.has_attr("lang")
    assert not page.select(".untranslated-note")  # translated, partly
    assert page.find("link", rel="canonical")["href"] == "/ko/products/dau-tram/"
    body = page.select_one(".product-body")
    assert body["lang"] == "en" and "Cajeput oil distilled" in body.text
    assert page.select_one(".price span[lang]")["lang"] == "en" and "50 ml bottle" in page.select_one(".price").text
    specs = page.select_one(".specs dl")
    assert specs["lang"] == "en" and specs.dt.text == "Volume"
    assert page.select_one("ul.tags")["lang"] == "en" and page.select_one("ul.tags li").text == "essential oil"
    figure = page.select_one(".product-photos figure")
    assert (figure.img["alt"], figure["lang"]) == ("A bottle of cajeput oil", "en")


def test_an_entry_in_the_default_language_only_shows_it_everywhere(site):
    page = soup(site, "/ko/products/ao-dai/")
    assert page.select_one("h1")["lang"] == "vi"
    assert page.select_one(".untranslated-note").text.endswith("베트남어로 표시됩니다.")
    assert page.find("link", rel="canonical")["href"] == "/san-pham/ao-dai/"


def test_region_names_follow_the_chain(site):
    page = soup(site, "/ko/regions/")
    names = {a["href"]: (a.get_text(strip=True), a.get("lang")) for a in page.select("main a[href*='/regions/']")}
    assert names["/ko/regions/phu-vang/"][0].startswith("Phu Vang") and names["/ko/regions/phu-vang/"][1] == "en"
    assert names["/ko/regions/dan-dien/"][0].startswith("단디엔") and names["/ko/regions/dan-dien/"][1] is None


def test_a_configured_chain_is_followed(catalogue, tmp_path):
    out = tmp_path / "out"
    result = run_build(catalogue.root, out, "-e", f"CATALOGUE_LANGUAGES={LANGUAGES}",
                       'CATALOGUE_FALLBACKS={"ko": ["vi"]}')
    assert result.returncode == 0, result.stderr
    page = soup(out, "/ko/products/nuoc-mam/")
    assert page.select_one("h1")["lang"] == "vi" and page.select_one("h1").text == "Nước mắm cá cơm"
    assert page.find("link", rel="canonical")["href"] == "/san-pham/nuoc-mam/"
