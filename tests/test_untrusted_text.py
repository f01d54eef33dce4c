"""Untrusted text stays text: a catalogue full of hostile strings, built and opened in headless Chromium.

Producers write descriptions (pasted from social media, typed into spreadsheets); nothing they write may
run in a visitor's browser, load anything from elsewhere or break a page. The browser records every
dialog, console message, uncaught error and request; each hostile string must still be visible as the
plain text it was.
"""

from __future__ import annotations

import json
import unicodedata
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from site_checks.browser import PHONE, next_frame, serve, visit, wait_until_enhanced
from conftest import CatalogueBuilder, run_build, square

TITLE = 'Nước mắm </script><script>alert("title")</script>'
SUMMARY = '"><img src=x onerror=alert(\'summary\')> Ngon & rẻ'
PRODUCER = "HTX <svg onload=alert('svg')><script>alert('svg2')</script></svg> Tân Mỹ"
ALT = "' onmouseover='alert(\"alt\")' x='"
UNIT = "chai <b onclick=alert('unit')>500 ml</b>"
SPEC = ("Khối lượng", "< 5 g & \"ngon\" <script>alert('spec')</script>")
TAG_RTL = "مرحبا <i>OCOP</i>"
REGION = "Vùng <b onmouseover=alert('region')>Biển</b>"
ADDRESS = "Thôn 1 </textarea><script>alert('address')</script>"
PAGE_TITLE = "Giới thiệu <img src=https://evil.example/p.png>"
LONG_WORD = "Siêu" + "dàiiiiiiiii" * 9  # no break opportunity: must wrap, not widen the page
UNUSUAL = "Hue\u0301 🍵 & < 5 g"  # a combining mark (decomposed), an emoji, & and <
SHOWN = unicodedata.normalize("NFC", UNUSUAL)  # text is normalised to NFC when read (contract)

BODY = """Mô tả với định dạng: **đậm**, *nghiêng*, [liên kết](https://example.com/) và danh sách:

- một
- hai

| Loại | Giá |
|---|---|
| Nhất | 90.000 |

<script>alert('body')</script>
<img src="https://evil.example/pixel.png" alt="theo dõi">
<img src=x onerror="alert('onerror')">
<iframe src="https://evil.example/"></iframe>
<a href="javascript:alert('js-link')">bấm đây</a>
<a href="data:text/html,<script>alert('data')</script>">dữ liệu</a>
<svg><script>alert('svg-body')</script></svg>
<p style="position:fixed;top:0">kiểu</p>
<form action="https://evil.example/"><input name=x></form>
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    cat = CatalogueBuilder(root / "content")
    cat.regions([{"id": "vung-bien", "name": REGION, "name_en": REGION, "geometry": square(107.7, 16.4)},
                 {"id": "phu-vang", "name": "Phú Vang", "geometry": square(107.5, 16.6)}])
    cat.producer("htx-a", title=PRODUCER, region="vung-bien", address=ADDRESS, representative=UNUSUAL,
                 summary=SUMMARY, location={"lat": 16.42, "lon": 107.72})
    cat.product("nuoc-mam", title=TITLE, summary=SUMMARY, body=BODY, region="vung-bien",
                images=[{"file": "anh-1.jpg", "alt": ALT}],
                price={"from": 45000, "unit": UNIT}, specs={SPEC[0]: SPEC[1]}, tags=[TAG_RTL, LONG_WORD],
                date="2026-11-01")
    cat.product("dau-tram", title=UNUSUAL, group="III.3", stars=3, score=60, summary=LONG_WORD)
    cat.markdown("pages/gioi-thieu/index.md", {"title": PAGE_TITLE, "summary": SUMMARY}, BODY)
    output = root / "out"
    result = run_build(cat.root, output)
    assert result.returncode == 0, result.stderr
    with serve(output) as base:
        yield {"output": output, "base": base}


PAGES = ["/", "/san-pham/", "/san-pham/nuoc-mam/", "/san-pham/dau-tram/", "/co-so/htx-a/",
         "/dia-phuong/vung-bien/", "/dia-phuong/", "/gioi-thieu/", "/en/products/nuoc-mam/", "/en/producers/htx-a/",
         "/tim-kiem/", "/sao/4/", "/ban-do/", "/en/map/"]


def assert_nothing_ran(page_visit, base):
    assert page_visit.dialogs == []
    assert page_visit.errors == []
    assert page_visit.console == []  # CSP violations and blocked loads would be logged here too
    assert [url for url in page_visit.requests if not url.startswith(base)] == []


@pytest.mark.parametrize("path", PAGES)
def test_no_hostile_string_runs_or_loads_anything(browser, hostile, path):
    page_visit = visit(browser, hostile["base"] + path)
    wait_until_enhanced(page_visit.page, console=page_visit.console)  # search.js has shown its results (hostile titles among them)
    page_visit.page.mouse.move(200, 300)  # hover handlers, had any survived
    next_frame(page_visit.page)  # the page has handled the move
    assert_nothing_ran(page_visit, hostile["base"])
    page_visit.close()


def test_hostile_strings_are_shown_as_plain_text(browser, hostile):
    page_visit = visit(browser, hostile["base"] + "/san-pham/nuoc-mam/")
    page = page_visit.page
    assert page.inner_text("h1") == TITLE
    assert page.title().startswith(TITLE)
    assert page.inner_text(".summary") == SUMMARY
    assert page.get_attribute(".product-photos img", "alt") == ALT
    assert page.inner_text(".price") .endswith(UNIT)
    assert page.inner_text(".specs dd") == SPEC[1]
    assert page.inner_text(".tags li:first-child") == TAG_RTL
    assert page.inner_text(".facts a[href='/co-so/htx-a/']") == PRODUCER
    assert REGION in page.inner_text(".facts")
    body = page.locator(".product-body")
    assert body.locator("strong").inner_text() == "đậm" and body.locator("td").first.inner_text() == "Nhất"
    assert body.locator("script, iframe, form, svg, [style], [onerror]").count() == 0
    assert body.locator("img[src]").count() == 0  # images from elsewhere lose their address
    assert [a.get_attribute("href") for a in body.locator("a").all()] == ["https://example.com/", None, None]
    ld, webpage = (json.loads(s.inner_text()) for s in page.locator('script[type="application/ld+json"]').all())
    assert ld["name"] == TITLE and ld["description"] == SUMMARY
    assert webpage["name"].startswith(TITLE)  # the page's own JSON-LD (its title) keeps the text as it is too
    assert page.get_attribute('meta[property="og:title"]', "content").startswith(TITLE)
    page_visit.close()
    producer = visit(browser, hostile["base"] + "/co-so/htx-a/")
    assert producer.page.inner_text("h1") == PRODUCER
    assert ADDRESS in producer.page.inner_text(".contacts") and SHOWN in producer.page.inner_text(".contacts")
    producer.close()
    about = visit(browser, hostile["base"] + "/gioi-thieu/")
    assert about.page.inner_text("h1") == PAGE_TITLE
    about.close()


def test_unusual_text_stays_correct_and_long_words_wrap_on_a_phone(browser, hostile):
    page_visit = visit(browser, hostile["base"] + "/san-pham/dau-tram/", width=PHONE)
    assert page_visit.page.inner_text("h1") == SHOWN  # "Hué" as one letter, the emoji, & and < intact
    page_visit.close()
    for path in PAGES:  # the long word (a summary, a tag) wraps: nothing is wider than the phone
        page_visit = visit(browser, hostile["base"] + path, width=PHONE)
        assert page_visit.page.evaluate("document.documentElement.scrollWidth") <= PHONE, path
        page_visit.close()


def test_search_results_and_filters_keep_hostile_text_inert(browser, hostile):
    page_visit = visit(browser, hostile["base"] + "/tim-kiem/")
    page = page_visit.page
    page.wait_for_selector("[data-filters]:enabled")
    page.fill("#search-query", "alert script")
    page.wait_for_selector("[data-search][data-state=ready]")
    titles = [t.inner_text() for t in page.query_selector_all("[data-search-results] .card-title")]
    assert TITLE in titles
    page.select_option("#filter-region", "vung-bien")
    page.wait_for_selector("[data-search][data-state=ready]")
    page.mouse.move(200, 400)
    assert_nothing_ran(page_visit, hostile["base"])
    page_visit.close()
    listing = visit(browser, hostile["base"] + "/san-pham/?region=vung-bien&sort=name")  # the listing's filters
    listing.page.wait_for_selector("[data-search][data-state=ready]")
    assert TITLE in [t.inner_text() for t in listing.page.query_selector_all("[data-search-results] .card-title")]
    listing.page.select_option("#filter-stars", "4")
    listing.page.wait_for_selector("[data-search][data-state=ready]")
    assert_nothing_ran(listing, hostile["base"])
    listing.close()


def test_the_map_keeps_hostile_names_as_text_and_uses_no_blocked_resource(browser, hostile):
    page_visit = visit(browser, hostile["base"] + "/ban-do/")
    page = page_visit.page
    region = page.locator(".map-regions a[href='/dia-phuong/vung-bien/']")
    assert region.get_attribute("aria-label").startswith(REGION)
    assert region.locator("title").text_content().startswith(REGION)
    marker = page.locator(".map-markers a[href='/co-so/htx-a/']")
    assert PRODUCER in marker.get_attribute("aria-label")
    region.hover()
    region.focus()
    page.keyboard.press("Tab")
    page.wait_for_selector(".map-hover.map-hover-active")  # map.js has shown the name under the pointer/focus
    next_frame(page)
    assert_nothing_ran(page_visit, hostile["base"])
    page_visit.close()


def test_feeds_and_sitemap_stay_well_formed_xml(hostile):
    feed = ElementTree.parse(hostile["output"] / "feed.xml")
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert TITLE in titles
    ElementTree.parse(hostile["output"] / "sitemap.xml")


def test_every_page_carries_the_content_security_policy(hostile):
    pages = sorted(hostile["output"].rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        csp = soup.select_one('head meta[http-equiv="Content-Security-Policy"]')
        assert csp is not None, path
        policy = dict(part.strip().split(" ", 1) for part in csp["content"].split(";"))
        assert policy["script-src"] == "'self' 'wasm-unsafe-eval'" and policy["object-src"] == "'none'", path
        assert not [s for s in soup.select("script") if s.string and s.get("type") != "application/ld+json"], path


def test_header_files_carry_the_same_policy_for_hosts_that_send_headers(hostile):
    meta_policy = BeautifulSoup((hostile["output"] / "index.html").read_text(encoding="utf-8"),
                                "html.parser").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    netlify = (hostile["output"] / "_headers").read_text(encoding="utf-8")
    assert netlify.startswith("/*\n")
    assert f"  Content-Security-Policy: {meta_policy}; frame-ancestors 'self'\n" in netlify
    assert "  X-Content-Type-Options: nosniff\n" in netlify
    apache = (hostile["output"] / ".htaccess").read_text(encoding="utf-8")
    assert f'Header always set Content-Security-Policy "{meta_policy}; frame-ancestors \'self\'"' in apache
