"""The sample Huế catalogue, built as staff build it: every page in every language (vi, en, ko, zh, ja, fr), no broken link."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup, SoupStrainer

from conftest import ROOT

CONTENT = ROOT / "content"
# The sample's languages (pelicanconf.py): code → URL prefix and the BCP 47 tag of <html lang>/hreflang.
PREFIXES = {"vi": "", "en": "/en", "ko": "/ko", "zh": "/zh", "ja": "/ja", "fr": "/fr"}
TAGS = {"vi": "vi", "en": "en", "ko": "ko", "zh": "zh-Hans", "ja": "ja", "fr": "fr"}


@pytest.fixture
def site(sample_site) -> Path:
    """The sample catalogue as staff build it (built once for every test that reads it: conftest.py)."""
    return sample_site


def page_file(site: Path, url: str) -> Path:
    path = site / url.strip("/") / "index.html"
    assert path.is_file(), f"missing page {url}"
    return path


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(page_file(site, url).read_text(encoding="utf-8"), "html.parser")


def hreflang_links(soup: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def slugs(section: str) -> list[str]:
    return sorted(p.name for p in (CONTENT / section).iterdir() if (p / "index.md").is_file())


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# The sample's fallback chains (pelicanconf.py sets none: English where there is English, then Vietnamese).
CHAINS = {lang: [lang] + [c for c in ("en", "vi") if c != lang] for lang in PREFIXES}
SECTIONS = {"san-pham": "products", "products": "products", "co-so": "producers", "producers": "producers",
            "diem-ban": "shops", "shops": "shops"}


def translated_into(url: str) -> set[str] | None:
    """The languages the content entry a page shows is written in (from the content files), or None for a
    page of the theme's own text (home, listings, map …), which every language has."""
    parts = url.strip("/").split("/")
    parts = parts[1:] if parts and parts[0] in PREFIXES and parts[0] != "vi" else parts
    if len(parts) == 2 and parts[0] in SECTIONS:
        folder = CONTENT / SECTIONS[parts[0]] / parts[1]
    elif len(parts) == 1 and (CONTENT / "pages" / parts[0] / "index.md").is_file():
        folder = CONTENT / "pages" / parts[0]
    else:
        return None
    return {"vi"} | {lang for lang in PREFIXES if (folder / f"index.{lang}.md").is_file()}


def language_of(url: str) -> str:
    return next((code for code, prefix in PREFIXES.items() if prefix and url.startswith(prefix + "/")), "vi")


def test_every_content_page_exists_in_every_language(site):
    regions = [f["properties"]["id"] for f in
               json.loads((CONTENT / "regions" / "regions.geojson").read_text(encoding="utf-8"))["features"]]
    assert len(regions) == 40
    expected = ["/", "/en/", "/san-pham/", "/en/products/", "/co-so/", "/en/producers/"]
    expected += [f"/san-pham/{s}/" for s in slugs("products")] + [f"/en/products/{s}/" for s in slugs("products")]
    expected += [f"/co-so/{s}/" for s in slugs("producers")] + [f"/en/producers/{s}/" for s in slugs("producers")]
    expected += [f"/dia-phuong/{r}/" for r in regions] + [f"/en/regions/{r}/" for r in regions]
    expected += [f"/sao/{n}/" for n in (2, 3, 4, 5)] + [f"/en/stars/{n}/" for n in (2, 3, 4, 5)]
    codes = {front_matter(CONTENT / "products" / s / "index.md")["group"] for s in slugs("products")}
    keys = set()
    for code in codes:  # a group page for the code and each enclosing group: I.4.a → i, i-4, i-4-a
        parts = code.lower().split(".")
        keys |= {"-".join(parts[:i]) for i in range(1, len(parts) + 1)}
    expected += [f"/nhom/{k}/" for k in keys] + [f"/en/groups/{k}/" for k in keys]
    for url in expected:
        page_file(site, url)
    # every other language: the English paths under its own prefix
    for url in [u for u in expected if u.startswith("/en/")]:
        for prefix in PREFIXES.values():
            if prefix not in ("", "/en"):
                page_file(site, prefix + url.removeprefix("/en"))
    assert len(slugs("products")) >= 24 and len(slugs("producers")) >= 10


def _local_target(site: Path, url: str, base: str) -> Path | None:
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc or url.startswith(("mailto:", "tel:", "#")):
        return None
    path = parsed.path if parsed.path.startswith("/") else base.rsplit("/", 1)[0] + "/" + parsed.path
    target = site / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def test_no_broken_internal_link_or_image(site):
    broken = []
    pages = html_pages(site)
    assert len(pages) > 200
    references = SoupStrainer(["a", "link", "img", "script"])  # parse only the elements that refer to files
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser", parse_only=references)
        base = "/" + str(html.relative_to(site))
        refs = [a["href"] for a in soup.find_all(["a", "link"], href=True)]
        refs += [img["src"] for img in soup.find_all(["img", "script"], src=True)]
        for ref in refs:
            target = _local_target(site, ref, base)
            if target is not None and not target.is_file():
                broken.append(f"{base} → {ref}")
    assert not broken, "\n".join(broken[:20])


def test_every_page_has_lang_canonical_hreflang_and_switcher(site):
    """Each page: its language, the switcher to the same page in every language; hreflang alternates to the
    languages its entry is written in (each pointing back); the canonical URL is the page itself, or, for a
    page shown through its language's fallback chain, the page in the language it shows."""
    alternates_of = {}  # page file → its hreflang links: each page is parsed once
    points_back = []  # (URL, its language tag, an alternate that must link back to it)
    fallbacks = 0
    for html in html_pages(site):
        if html.name == "404.html":
            continue
        url = "/" + str(html.parent.relative_to(site)).replace(".", "").strip("/") + "/"
        url = url.replace("//", "/")
        text = html.read_text(encoding="utf-8")
        # what is checked is in the head and the site header (the language switcher): parse only those
        soup = BeautifulSoup(text[:text.index("</header>") + len("</header>")], "html.parser")
        lang = language_of(url)
        tag = TAGS[lang]
        assert soup.html["lang"] == tag, url
        switcher = {a["hreflang"]: a["href"] for a in soup.select(".lang-switch a")}
        assert set(switcher) == set(TAGS.values()) and switcher[tag] == url, url
        assert {a["lang"] for a in soup.select(".lang-switch a")} == set(TAGS.values())
        assert [a["hreflang"] for a in soup.select(".lang-switch a[aria-current]")] == [tag], url
        written = translated_into(url) or set(PREFIXES)
        alternates = alternates_of[html] = hreflang_links(soup)
        assert set(alternates) == {TAGS[c] for c in written} | {"x-default"}, url
        assert alternates == {t: switcher[t] for t in alternates if t != "x-default"} | {"x-default": switcher["vi"]}
        shown = next(code for code in CHAINS[lang] if code in written)
        assert soup.find("link", rel="canonical")["href"] == switcher[TAGS[shown]], url
        fallbacks += shown != lang
        if lang in written:
            points_back += [(url, tag, alternates[TAGS[other]]) for other in written]
    assert fallbacks > 100  # the sample's Korean, Chinese, Japanese and French pages are mostly fallbacks
    for url, tag, other in points_back:  # every alternate exists and points back here (checked from both ends)
        back = alternates_of[page_file(site, other)]
        assert back[tag] == url, other


def test_sitemap_lists_every_page_in_the_languages_it_is_written_in(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    urls = root.findall("s:url", ns)
    locs = {u.find("s:loc", ns).text for u in urls}
    pages = {("/" + str(p.parent.relative_to(site)) + "/").replace("/./", "/") for p in site.rglob("index.html")}
    written = {url for url in pages if language_of(url) in (translated_into(url) or PREFIXES)}
    assert locs == written and len(written) < len(pages)
    assert "/ko/products/keo-gung-hue/" not in locs and "/en/products/keo-gung-hue/" in locs
    for url in urls:
        loc = url.find("s:loc", ns).text
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(alternates) == {TAGS[c] for c in translated_into(loc) or PREFIXES} | {"x-default"}, loc
        assert loc in alternates.values() and set(alternates.values()) <= locs


def test_prices_and_dates_are_formatted_per_locale(site):
    vi = page(site, "/san-pham/me-xung-deo-huong-giang/").select_one(".price strong").text
    en = page(site, "/en/products/me-xung-deo-huong-giang/").select_one(".price strong").text
    assert vi == "45.000\u00a0₫" and en == "₫45,000"  # a no-break space keeps the amount on one line
    cert_vi = page(site, "/san-pham/keo-gung-hue/").select_one(".certificate").text
    cert_en = page(site, "/en/products/keo-gung-hue/").select_one(".certificate").text
    assert "10 tháng 5, 2024" in cert_vi and "May 10, 2024" in cert_en


def test_expired_certificate_is_shown_as_expired(site):
    soup = page(site, "/san-pham/keo-gung-hue/")
    badge = soup.select_one(".rating svg")
    assert "ocop-badge-expired" in badge["class"] and badge["aria-label"] == "OCOP 3 sao · hết hạn"
    assert badge.title.text == "OCOP 3 sao · hết hạn"
    assert "Đã hết hạn" in soup.select_one(".certificate .status").text
    assert "1128/QĐ-UBND" in soup.select_one(".certificate").text
    en = page(site, "/en/products/keo-gung-hue/")
    assert en.select_one(".rating svg")["aria-label"] == "OCOP 3-star · expired"
    # not featured on the home page as a valid rating
    assert "/san-pham/keo-gung-hue/" not in {a["href"] for a in page(site, "/").select("#featured ~ ul a")}


def test_valid_certificate_shows_decision_issuer_and_expiry(site):
    cert = page(site, "/en/products/tra-cung-dinh-hue/").select_one(".certificate")
    assert "status-valid" in str(cert) and "Valid until" in cert.text
    badge = page(site, "/en/products/tra-cung-dinh-hue/").select_one(".rating svg")
    assert badge["aria-label"] == "OCOP 5-star" and "ocop-badge-certified" in badge["class"]


def test_two_star_product_is_not_certified(site):
    soup = page(site, "/san-pham/den-tre-dan-trang-tri/")
    assert soup.select_one(".rating svg")["aria-label"] == "2 sao · chưa chứng nhận"
    assert "chưa được chứng nhận" in soup.select_one(".certificate").text
    assert not soup.select(".certificate dl")


def test_untranslated_product_appears_in_english_in_vietnamese(site):
    untranslated = [s for s in slugs("products") if not (CONTENT / "products" / s / "index.en.md").exists()]
    assert untranslated, "the sample should keep some products untranslated"
    for slug in untranslated:
        soup = page(site, f"/en/products/{slug}/")
        title = front_matter(CONTENT / "products" / slug / "index.md")["title"]
        assert soup.html["lang"] == "en"
        h1 = soup.select_one("h1")
        assert h1.text == title and h1["lang"] == "vi"
        assert "Not yet translated" in soup.select_one(".untranslated-note").text
        cards = [c for url in ("/en/products/", "/en/products/page/2/") for c in page(site, url).select(".card")]
        card = next(c for c in cards if c.select_one(f'a[href="/en/products/{slug}/"]'))
        assert card.select_one(".card-title")["lang"] == "vi" and card.select_one(".tag-untranslated")


def test_translated_product_is_in_english(site):
    soup = page(site, "/en/products/tra-cung-dinh-hue/")
    h1 = soup.select_one("h1")
    assert not h1.has_attr("lang") and h1.text == front_matter(
        CONTENT / "products" / "tra-cung-dinh-hue" / "index.en.md")["title"]
    assert not soup.select(".untranslated-note")
    assert soup.select_one(".specs dt").text in ("Weight", "Volume", "Ingredients", "Storage", "Shelf life")


def test_producer_page_has_contact_links_and_all_products(site):
    slug = "htx-dau-tram-loc-thuy-xanh"
    fields = front_matter(CONTENT / "producers" / slug / "index.md")
    soup = page(site, f"/co-so/{slug}/")
    tel = soup.select_one('.contacts a[href^="tel:"]')
    first = fields["phone"] if isinstance(fields["phone"], str) else fields["phone"][0]
    assert tel["href"] == "tel:+84" + re.sub(r"\D", "", first)[1:]  # E.164: "0234 3871 550" → +842343871550
    assert soup.select_one('.contacts a[href^="mailto:"]')["href"] == "mailto:" + fields["email"]
    own = sorted(s for s in slugs("products")
                 if front_matter(CONTENT / "products" / s / "index.md")["producer"] == slug)
    listed = sorted(a["href"].split("/")[-2] for a in soup.select("#products-heading ~ ul .card-link"))
    assert listed == own


def test_region_page_lists_its_producers_and_products(site):
    soup = page(site, "/dia-phuong/phu-loc/")
    assert soup.select_one("h1").text == "Phú Lộc"
    assert soup.select('a[href="/co-so/htx-dau-tram-loc-thuy-xanh/"]')
    assert soup.select('a[href="/san-pham/dau-tram-nguyen-chat/"]')


def test_group_pages_name_groups_in_each_language(site):
    assert page(site, "/nhom/i-4-a/").select_one("h1").text.startswith("Nước mắm, nước tương")
    assert page(site, "/en/groups/i-4-a/").select_one("h1").text.startswith("Fish sauce, soy sauce")
    top = page(site, "/nhom/i/")
    assert top.select('a[href="/san-pham/nuoc-mam-ca-com-tan-my/"]')  # sub-group products listed under I


def test_all_products_listing_sorted_by_stars_then_vietnamese_order(site):
    from ocop.i18n.collation import sort_key
    soup = page(site, "/san-pham/")
    cards = soup.select(".card")
    stars = [int(c.select_one(".stars")["data-stars"]) for c in cards]
    assert stars == sorted(stars, reverse=True)
    for level in set(stars):
        titles = [c.select_one(".card-title").text for c, s in zip(cards, stars) if s == level]
        assert titles == sorted(titles, key=sort_key)


def test_sample_notice_and_map_attribution_on_every_page(site):
    for url in ("/", "/en/", "/san-pham/tom-chua-hue/", "/en/regions/phu-loc/"):
        soup = page(site, url)
        assert soup.select_one(".sample-notice")
        assert "Thang Le Quoc" in soup.select_one(".attribution").text


def test_map_page_links_every_region_and_stays_small(site):
    regions = [f["properties"]["id"] for f in
               json.loads((CONTENT / "regions" / "regions.geojson").read_text(encoding="utf-8"))["features"]]
    for url, region_word in (("/ban-do/", "dia-phuong"), ("/en/map/", "en/regions")):
        html = site / url.strip("/") / "index.html"
        assert html.stat().st_size < 150_000, f"{url}: {html.stat().st_size} bytes"
        svg = ElementTree.fromstring(re.search(r'<svg class="map-svg".*?</svg>', html.read_text(encoding="utf-8"),
                                               re.S).group(0))
        hrefs = [a.get("href") for a in svg.iter("{http://www.w3.org/2000/svg}a")]
        assert {f"/{region_word}/{r}/" for r in regions} <= set(hrefs)
        markers = [h for h in hrefs if "/co-so/" in h or "/producers/" in h]
        located = [s for s in slugs("producers") if "location" in front_matter(CONTENT / "producers" / s / "index.md")]
        assert len(markers) == len(located) >= 10
    assert page(site, "/dia-phuong/").select_one('.lead a[href="/ban-do/"]')
    for url in ("/dia-phuong/phu-loc/", "/en/products/tom-chua-hue/", "/co-so/htx-nuoc-mam-tan-my-bien/"):
        locator = page(site, url).select_one("figure.locator")
        assert locator and "Thang Le Quoc" in locator.text, url
        assert len(str(locator).encode()) < 8_000, url


def test_language_switcher_names_each_language_in_itself_vietnamese_first(site):
    names = [a.text for a in page(site, "/ko/").select(".lang-switch a")]
    assert names == ["Tiếng Việt", "English", "한국어", "中文", "日本語", "Français"]


def test_korean_product_page_has_korean_interface_and_prices(site):
    soup = page(site, "/ko/products/tom-chua-hue/")
    assert soup.html["lang"] == "ko"
    assert soup.select_one("h1").text == front_matter(CONTENT / "products/tom-chua-hue/index.ko.md")["title"]
    assert not soup.select_one("h1").has_attr("lang") and not soup.select(".untranslated-note")
    assert soup.select_one(".price .label").text == "가격:"  # the colon is part of the translation ("价格：", "Prix :")
    assert soup.select_one(".price strong").text == "₫150,000"
    assert {"제품", "생산자", "지역", "검색"} <= {a.text for a in soup.select(".main-nav a")}
    assert soup.select_one("#cert-heading").text == "OCOP 인증서"
    assert "까지 유효합니다" in soup.select_one(".certificate .status").text
    assert re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일", soup.select_one(".certificate dl").text)
    assert page(site, "/ko/products/tom-chua-hue/").select_one(".rating svg")["aria-label"].startswith("OCOP ")


def test_untranslated_product_on_the_korean_site_shows_english_with_a_korean_note(site):
    """The Korean fallback chain (default: English, then Vietnamese): a product written in Vietnamese and
    English shows its English text, marked with its language, and names English in the note."""
    slug = "keo-gung-hue"
    assert not (CONTENT / "products" / slug / "index.ko.md").exists()
    soup = page(site, f"/ko/products/{slug}/")
    assert soup.html["lang"] == "ko"
    h1 = soup.select_one("h1")
    assert h1.text == front_matter(CONTENT / "products" / slug / "index.en.md")["title"] and h1["lang"] == "en"
    assert soup.select_one(".summary")["lang"] == "en" and soup.select_one(".product-body")["lang"] == "en"
    assert soup.select_one(".untranslated-note").text == "아직 번역되지 않았습니다. 이 내용은 영어로 표시됩니다."
    assert soup.find("link", rel="canonical")["href"] == f"/en/products/{slug}/"


def test_a_product_written_only_in_vietnamese_falls_back_to_vietnamese(site):
    slug = "bot-gao-lut-rang"
    assert not list((CONTENT / "products" / slug).glob("index.*.md"))
    soup = page(site, f"/fr/products/{slug}/")
    assert soup.select_one("h1")["lang"] == "vi"
    assert soup.select_one(".untranslated-note").text.endswith("vietnamien.")
    assert soup.find("link", rel="canonical")["href"] == f"/san-pham/{slug}/"


@pytest.mark.parametrize("lang, label, price, date", [("zh", "价格：", "₫150,000", "年"), ("ja", "価格：", "₫150,000", "年"),
                                                      ("fr", "Prix\u00a0:", "150\u202f000\u00a0₫", "")])
def test_chinese_japanese_french_pages_are_formatted_per_locale(site, lang, label, price, date):
    soup = page(site, f"{PREFIXES[lang]}/products/tom-chua-hue/")
    assert soup.html["lang"] == TAGS[lang]
    assert soup.select_one(".price .label").text == label
    assert soup.select_one(".price strong").text == price
    assert date in soup.select_one(".certificate dl").text
    assert soup.select_one("h1").text == front_matter(CONTENT / f"products/tom-chua-hue/index.{lang}.md")["title"]
