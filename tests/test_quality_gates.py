"""Quality gates on the sample site, with tools nobody here wrote: the Nu Html Checker, a link check,
axe-core in Chromium, a keyboard walk, a page-weight budget and browser smoke tests. The last test builds
a deliberately broken site and shows that every gate can fail."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_checks.browser import DESKTOP, PHONE, serve, visit
from conftest import ROOT, run_build
from gates import axe_violations, console_problems, keyboard_problems, largest_photo_bytes
from site_checks.html_validity import validate
from site_checks.links import broken_links
from site_checks.page_weight import weight

KB = 1024
PRODUCT, PRODUCER, REGION = "san-pham/tom-chua-hue/", "co-so/htx-nuoc-mam-tan-my-bien/", "dia-phuong/thuan-an/"
SHOP = "diem-ban/quay-ocop-cho-dong-ba/"  # a sales point: photo, opening hours, directions, contacts, products
# The pages a visitor meets, by kind; each in two languages (mostly Vietnamese and its English equivalent).
PAGE_KINDS = {"home": ("", "en/"), "all products": ("san-pham/", "en/products/"),
              "product": (PRODUCT, "en/products/tom-chua-hue/"),
              # a visit (group VI): its facts, and its meeting point as a named flag on the locator map
              "visit": ("san-pham/du-lich-nha-vuon-kim-long/", "en/products/du-lich-cong-dong-lang-zeng-a-luoi/"),
              "producer": (PRODUCER, "en/producers/htx-nuoc-mam-tan-my-bien/"),
              "region": (REGION, "en/regions/thuan-an/"), "map": ("ban-do/", "en/map/"),
              "sales points": ("diem-ban/", "en/shops/"), "sales point": (SHOP, "en/shops/quay-ocop-cho-dong-ba/"),
              "search": ("tim-kiem/", "en/search/"),
              # bar charts in inline SVG with their tables, sub-groups in <details>, wide tables that scroll
              "statistics": ("thong-ke/", "en/statistics/"),
              # the same product in Korean and Chinese (CJK text, zh-Hans), and an untranslated one in Korean
              "product ko/zh": ("ko/products/tom-chua-hue/", "zh/products/tom-chua-hue/"),
              "home ja, untranslated product ko": ("ja/", "ko/products/keo-gung-hue/")}
SMOKE = ["", "san-pham/", "san-pham/trang/2/", PRODUCT, "co-so/", PRODUCER, "dia-phuong/", REGION, "nhom/",
         "nhom/i/", "sao/4/", "ban-do/", "tim-kiem/", "gioi-thieu/", "404.html", "diem-ban/", SHOP,
         "ko/products/tom-chua-hue/", "zh/products/tom-chua-hue/", "ja/", "fr/products/", "ko/search/", "thong-ke/",
         "zh/statistics/"]


@pytest.fixture(scope="module")
def sample(sample_site):
    """The sample site (built once per session: conftest.py), served on a free local port."""
    with serve(sample_site) as base:
        yield sample_site, base


def test_sample_pages_exist(sample):
    output, _ = sample
    for vi, en in PAGE_KINDS.values():
        assert (output / vi / "index.html").is_file() and (output / en / "index.html").is_file(), (vi, en)


# ---- static gates ------------------------------------------------------------------------------------


@pytest.mark.checkers
def test_every_page_is_valid_html(sample):
    output, _ = sample
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 200
    assert validate(pages) == []


def test_no_broken_internal_reference(sample):
    output, _ = sample
    assert broken_links(output, "https://ocop.hue.example.vn") == []


def test_product_page_weight_budget(sample, browser):
    output, base = sample
    for path in PAGE_KINDS["product"]:
        page = weight(output, "/" + path)
        assert page.total < 60 * KB, f"{path}: {page}"
        assert page.third_party == []
    biggest, url = largest_photo_bytes(browser, f"{base}/{PRODUCT}", PHONE)
    assert 0 < biggest < 80 * KB, url


def test_statistics_page_weight_budget(sample):
    """Charts drawn at build time, no script: HTML and CSS only, within a product page's budget."""
    output, _ = sample
    for path in PAGE_KINDS["statistics"]:
        page = weight(output, "/" + path)
        assert page.js == 0 and page.third_party == [], path
        assert page.total < 60 * KB, f"{path}: {page}"


# ---- in the browser ----------------------------------------------------------------------------------


@pytest.mark.checkers
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_serious_accessibility_violation(sample, browser, kind, width):
    _, base = sample
    for path in PAGE_KINDS[kind]:
        assert axe_violations(browser, f"{base}/{path}", width) == [], path


@pytest.mark.parametrize("path", ["", PRODUCT, "tim-kiem/", "san-pham/", "ban-do/", SHOP, "thong-ke/"])
def test_keyboard_reaches_every_control_with_visible_focus(sample, browser, path):
    _, base = sample
    assert keyboard_problems(browser, f"{base}/{path}", PHONE) == []


@pytest.mark.parametrize("path", SMOKE)
def test_each_page_kind_opens_without_console_errors(sample, browser, path):
    _, base = sample
    assert console_problems(browser, f"{base}/{path}") == []


def test_language_switcher_leads_to_the_same_page(sample, browser):
    _, base = sample
    page_visit = visit(browser, f"{base}/{PRODUCT}")
    page = page_visit.page
    vi_title = page.inner_text("h1")
    page.click(".lang-switch a[hreflang=en]")
    page.wait_for_load_state()
    assert page.url == f"{base}/en/products/tom-chua-hue/"
    assert page.evaluate("document.documentElement.lang") == "en" and page.inner_text("h1") != vi_title
    page.click(".lang-switch a[hreflang=ko]")
    page.wait_for_load_state()
    assert page.url == f"{base}/ko/products/tom-chua-hue/" and page.evaluate("document.documentElement.lang") == "ko"
    page.click(".lang-switch a[hreflang=zh-Hans]")
    page.wait_for_load_state()
    assert page.url == f"{base}/zh/products/tom-chua-hue/"
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    page.click(".lang-switch a[hreflang=vi]")
    page.wait_for_load_state()
    assert page.url == f"{base}/{PRODUCT}" and page.inner_text("h1") == vi_title
    page_visit.close()


def test_listings_are_complete_without_javascript(sample, browser):
    output, base = sample
    slugs = {p.name for p in (ROOT / "content/products").iterdir() if (p / "index.md").is_file()}
    seen, url = set(), f"{base}/san-pham/"
    while url:
        page_visit = visit(browser, url, javascript=False)
        page = page_visit.page
        seen |= {a.get_attribute("href").strip("/").split("/")[-1] for a in page.query_selector_all(".grid .card-link")}
        next_link = page.query_selector("a[rel=next]")
        url = base + next_link.get_attribute("href") if next_link else None
        page_visit.close()
    assert seen == slugs


# ---- every gate can fail -----------------------------------------------------------------------------

BREAKAGE = """
<div class="gate-breakage"><li>a list item outside any list</li>
<a href="/khong-ton-tai/">a page that does not exist</a>
<img src="/theme/khong-co.png" srcset="/theme/khong-co-2x.png 2x" width="10" height="10">
<a href="#"><img src="/theme/favicon.svg" width="10" height="10"></a>
<p class="gate-low-contrast">{{ 'chữ nhạt màu ' * 3000 }}</p></div>
<link rel="stylesheet" href="https://cdn.example.com/tracker.css">
"""


@pytest.mark.checkers
def test_every_gate_fails_on_a_broken_site(catalogue, tmp_path, browser):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    product_template = theme / "templates/product.html"
    text = product_template.read_text(encoding="utf-8")
    product_template.write_text(text.replace("{% block content %}", "{% block content %}" + BREAKAGE, 1),
                                encoding="utf-8")
    with (theme / "static/css/site.css").open("a", encoding="utf-8") as css:
        css.write(".gate-low-contrast { color: #ddd; background: #fff; }\n.gate-breakage a:focus { outline: none; }\n")
    output = tmp_path / "out"
    result = run_build(catalogue.root, output, "-e", f'THEME="{theme}"')
    assert result.returncode == 0, result.stderr
    product = "san-pham/nuoc-mam/"
    assert any("li" in problem for problem in validate([output / product / "index.html"]))
    broken = "\n".join(broken_links(output))
    assert "/khong-ton-tai/" in broken and "srcset → /theme/khong-co-2x.png" in broken
    heavy = weight(output, "/" + product)
    assert heavy.total > 60 * KB and heavy.third_party == ["https://cdn.example.com/tracker.css"]
    with serve(output) as base:
        rules = {re.match(r"[\w-]+", v).group() for v in axe_violations(browser, f"{base}/{product}", PHONE)}
        assert {"image-alt", "color-contrast", "link-name"} <= rules
        assert any("no visible focus" in p for p in keyboard_problems(browser, f"{base}/{product}", PHONE))
        assert any("tracker.css" in p or "404" in p for p in console_problems(browser, f"{base}/{product}"))
