"""Search and filters: a fixture catalogue built with its Pagefind index, then used in headless Chromium."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

from site_checks.browser import PHONE, serve, visit
from conftest import CatalogueBuilder, run_build, square, tree_digest


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module", params=[None, 2], ids=["one-shard", "shards-of-2-pages"])
def site(request, tmp_path_factory):
    """A catalogue whose words need folding: đặc sản, Đà Nẵng, dầu tràm, nước mắm; built once with the
    index of each language in one shard, and once in shards of about 2 pages (search.js merges them)."""
    root = tmp_path_factory.mktemp("search")
    cat = CatalogueBuilder(root / "content")
    cat.regions([
        {"id": "phu-vang", "name": "Phú Vang", "name_en": "Phu Vang", "geometry": square(107.7, 16.4)},
        {"id": "da-nang", "name": "Đà Nẵng", "name_en": "Da Nang", "geometry": square(108.1, 16.0)},
    ])
    cat.producer("htx-a", title="HTX Nước mắm Tân Mỹ")
    cat.producer("co-so-b", title="Cơ sở Bánh Sông Hàn", kind="household", region="da-nang")
    cat.producer("htx-ong", title="HTX Ong mật Phú Vang")
    cat.product("nuoc-mam", title="Nước mắm cá cơm", stars=4, score=80, group="I.4.a",
                summary="Nước mắm nhĩ ủ chượp một năm.")
    cat.translation("products", "nuoc-mam", "en", title="Anchovy fish sauce", summary="Fish sauce aged a year.",
                    images=[{"file": "anh-1.jpg", "alt": "A bottle"}])
    for lang, title, summary in [("ko", "멸치 피시소스", "1년 동안 숙성한 피시소스."),
                                 ("zh", "凤尾鱼鱼露", "陈酿一年的鱼露。"),
                                 ("ja", "カタクチイワシの魚醤", "一年熟成させた魚醤。")]:
        cat.translation("products", "nuoc-mam", lang, title=title, summary=summary, body=summary)
    cat.product("dau-tram", title="Dầu tràm", producer="htx-ong", stars=3, score=60, group="III.3",
                summary="Tinh dầu tràm gió nguyên chất.")
    cat.product("banh-khoai", title="Bánh khoai đặc sản", producer="co-so-b", stars=5, score=92, group="I.3",
                summary="Món bánh của phố biển.", body="Làm theo công thức của phố cổ.")
    cat.product("mat-ong", title="Mật ong rừng", producer="htx-ong", stars=4, score=78, group="I.2", summary="Mật ong nguyên chất.")
    output = root / "out"
    shards = [f"SEARCH_SHARD_PAGES={request.param}"] if request.param else []
    result = run_build(cat.root, output, "-e", "CATALOGUE_PER_PAGE=2", f'CATALOGUE_CACHE_PATH="{root / "cache"}"',
                       *shards)
    assert result.returncode == 0, result.stderr
    with serve(output) as base:
        yield {"output": output, "base": base, "stdout": result.stdout + result.stderr,
               "shards": 4 if request.param else 1}  # 7 pages a language


def search(browser, base, path, query=None, *, width=1280, **selects):
    """Open the search page (or a listing), type a query, choose filters; return the visit and result titles."""
    page_visit = visit(browser, base + path, width=width)
    page = page_visit.page
    page.wait_for_selector("[data-filters]:enabled")
    for name, value in selects.items():
        page.select_option(f"#filter-{name}", value)
    if query is not None:
        page.fill("#search-query", query)
    return page_visit, results(page)


def results(page):
    """Titles of the result cards once search.js has shown them (it marks the form busy, then ready)."""
    page.wait_for_selector("[data-search][data-state=ready]")
    return [t.inner_text() for t in page.query_selector_all("[data-search-results]:not([hidden]) .card-title")]


# ---- the index, without a browser ------------------------------------------------------------------


def test_only_product_and_producer_pages_are_indexed_with_their_filters(site):
    output = site["output"]
    product = soup_of(output / "san-pham/banh-khoai/index.html")
    body = product.select("[data-pagefind-body]")
    assert len(body) == 1 and body[0].name == "article"
    filters = {(s["data-pagefind-filter"].split("[")[0], s["data-value"])
               for s in product.select("[data-pagefind-filter]")}
    assert filters == {("type", "product"), ("stars", "5"), ("region", "da-nang"), ("kind", "household"),
                       ("group", "i"), ("group", "i-3")}
    assert "Dặc" not in product.select_one("h1").text and "dặc" in body[0].select_one("[hidden] p").text
    for listing in ["index.html", "san-pham/index.html", "tim-kiem/index.html", "dia-phuong/da-nang/index.html"]:
        assert not soup_of(output / listing).select("[data-pagefind-body]"), listing
    languages = {"vi": "vi", "en": "en", "ko": "ko", "zh": "zh-hans", "ja": "ja", "fr": "fr"}
    for code, tag in languages.items():  # one bundle per language, its index named from <html lang>
        bundle = output / "pagefind" / code
        folders = json.loads((bundle / "shards.json").read_text())["shards"]
        # a page's shard is a hash of its producer: 7 pages of 3 producers in 4 shards
        assert set(folders) <= {f"{n}/" for n in range(site["shards"])} and len(folders) >= min(2, site["shards"])
        fragments = []
        for folder in folders:
            assert (bundle / folder / "pagefind.js").is_file()
            assert {p.name.split("_")[0] for p in (bundle / folder).glob("pagefind.*.pf_meta")} == {f"pagefind.{tag}"}
            fragments += list((bundle / folder / "fragment").iterdir())
        assert len(fragments) == 4 + 3  # products + producers, each in one shard
    assert re.search(r"Search: 42 pages indexed by Pagefind", site["stdout"])


def test_search_pages_exist_in_every_language_and_in_the_nav(site):
    output = site["output"]
    vi, en = soup_of(output / "tim-kiem/index.html"), soup_of(output / "en/search/index.html")
    assert vi.select_one("h1").text == "Tìm kiếm" and en.select_one("h1").text == "Search"
    assert vi.select_one('link[hreflang="en"]')["href"] == "/en/search/"
    assert vi.select_one('form[role="search"] input[name="q"]')["id"] == "search-query"
    assert soup_of(output / "index.html").select_one('.main-nav a[href="/tim-kiem/"]')
    assert "/en/search/" in (output / "sitemap.xml").read_text(encoding="utf-8")


# ---- in the browser ----------------------------------------------------------------------------------


DAU_TRAM = {"Dầu tràm"}
DAC_SAN = {"Bánh khoai đặc sản"}
DA_NANG = {"Bánh khoai đặc sản", "Cơ sở Bánh Sông Hàn"}  # the product and producer in Đà Nẵng


@pytest.mark.parametrize("query, expected", [
    ("dầu tràm", DAU_TRAM), ("dau tram", DAU_TRAM),
    ("đặc sản", DAC_SAN), ("dac san", DAC_SAN), ("dac", DAC_SAN), ("Đặc", DAC_SAN),
    ("kho", DA_NANG), ("banh kho", DA_NANG),  # a word being typed: a prefix of "khoai" (on both pages)
    ("Đà Nẵng", DA_NANG), ("Da Nang", DA_NANG), ("da nang", DA_NANG),
    ("nuoc mam", {"Nước mắm cá cơm", "HTX Nước mắm Tân Mỹ"}),
])
def test_vietnamese_queries_with_and_without_diacritics(browser, site, query, expected):
    page_visit, titles = search(browser, site["base"], "/tim-kiem/", query)
    assert set(titles) == expected, (query, titles)
    assert not page_visit.errors and not [c for c in page_visit.console if c[0] == "error"]
    page_visit.close()


@pytest.mark.parametrize("query, expected", [
    ("fish sauce", "Anchovy fish sauce"),  # translated
    ("dau tram", "Dầu tràm"),  # not translated: shown in Vietnamese, still found without diacritics
    ("Da Nang", "Bánh khoai đặc sản"),
])
def test_english_queries_search_the_english_index(browser, site, query, expected):
    page_visit, titles = search(browser, site["base"], "/en/search/", query)
    assert expected in titles, (query, titles)
    assert all("/en/" in a.get_attribute("href")
               for a in page_visit.page.query_selector_all("[data-search-results] a.card-link"))
    page_visit.close()


@pytest.mark.parametrize("path, query, expected", [
    ("/ko/search/", "피시소스", "멸치 피시소스"),
    ("/zh/search/", "鱼露", "凤尾鱼鱼露"),  # Chinese has no spaces: Pagefind segments the words
    ("/ja/search/", "魚醤", "カタクチイワシの魚醤"),
    ("/ko/search/", "dau tram", "Dầu tràm"),  # untranslated: found in Vietnamese, without diacritics
])
def test_korean_chinese_japanese_queries_search_their_own_index(browser, site, path, query, expected):
    page_visit, titles = search(browser, site["base"], path, query)
    assert expected in titles, (query, titles)
    prefix = path.split("/")[1]
    assert all(a.get_attribute("href").startswith(f"/{prefix}/")
               for a in page_visit.page.query_selector_all("[data-search-results] a.card-link"))
    page_visit.close()


def test_a_stars_filter_narrows_the_results(browser, site):
    page_visit, titles = search(browser, site["base"], "/tim-kiem/", "nguyen chat")
    assert set(titles) == {"Dầu tràm", "Mật ong rừng"}
    page = page_visit.page
    page.select_option("#filter-stars", "4")
    assert results(page) == ["Mật ong rừng"]
    assert parse_qs(urlparse(page.url).query) == {"q": ["nguyen chat"], "stars": ["4"]}
    assert page.inner_text("[data-search-status]") == "1 kết quả"
    page_visit.close()


def test_filters_without_a_query_list_matching_products_and_producers(browser, site):
    page_visit, titles = search(browser, site["base"], "/tim-kiem/", region="da-nang")
    assert set(titles) == {"Bánh khoai đặc sản", "Cơ sở Bánh Sông Hàn"}
    page_visit.page.select_option("#filter-type", "producer")
    assert results(page_visit.page) == ["Cơ sở Bánh Sông Hàn"]
    page_visit.close()


def test_all_products_filters_and_sort_update_a_shareable_url(browser, site):
    base = site["base"]
    page_visit = visit(browser, base + "/san-pham/", width=PHONE)
    page = page_visit.page
    page.wait_for_selector("[data-filters]:enabled")
    static = [t.inner_text() for t in page.query_selector_all("[data-static-listing] .card-title")]
    assert len(static) == 2  # two per page in this build: the static listing is paginated
    page.select_option("#filter-group", "i")
    assert results(page) == ["Bánh khoai đặc sản", "Mật ong rừng", "Nước mắm cá cơm"]  # stars, then name
    stars = {o.get_attribute("value"): o.inner_text() for o in page.query_selector_all("#filter-stars option")}
    assert [stars[n].rsplit(" ", 1)[1] for n in ["5", "4", "3"]] == ["(1)", "(2)", "(0)"]  # counts, all shards
    assert page.is_hidden("[data-static-listing]")
    assert parse_qs(urlparse(page.url).query) == {"group": ["i"]}
    page.select_option("#filter-group", "")
    results(page)
    assert page.is_visible("[data-static-listing]") and urlparse(page.url).query == ""
    page.select_option("#filter-sort", "name")
    assert results(page) == ["Bánh khoai đặc sản", "Dầu tràm", "Mật ong rừng", "Nước mắm cá cơm"]
    assert page.is_hidden("[data-static-listing]")
    page_visit.close()

    shared = visit(browser, base + "/san-pham/?stars=4&region=phu-vang&group=i-4")
    assert results(shared.page) == ["Nước mắm cá cơm"]
    assert shared.page.input_value("#filter-stars") == "4"
    assert shared.page.input_value("#filter-region") == "phu-vang"
    shared.close()


def test_without_javascript_listings_stay_complete(browser, site):
    titles = []
    for path in ["/san-pham/", "/san-pham/trang/2/"]:
        page_visit = visit(browser, site["base"] + path, javascript=False)
        titles += [t.inner_text() for t in page_visit.page.query_selector_all(".card-title")]
        assert page_visit.page.is_disabled("#filter-stars")  # in the disabled fieldset
        page_visit.close()
    assert titles == ["Bánh khoai đặc sản", "Mật ong rừng", "Nước mắm cá cơm", "Dầu tràm"]
    search_page = visit(browser, site["base"] + "/tim-kiem/", javascript=False)
    assert "Tìm kiếm cần JavaScript" in search_page.page.inner_text("main")
    search_page.close()


@pytest.mark.slow
def test_an_unchanged_site_reuses_its_index_byte_for_byte_and_an_edit_reindexes(catalogue, tmp_path):
    cache = f'CATALOGUE_CACHE_PATH="{tmp_path / "cache"}"'
    first = run_build(catalogue.root, tmp_path / "out", "-e", cache)
    assert "pages indexed by Pagefind" in first.stdout
    bundle = tree_digest(tmp_path / "out/pagefind")
    again = run_build(catalogue.root, tmp_path / "out", "-e", cache)
    assert "the previous search index is reused" in again.stdout
    assert tree_digest(tmp_path / "out/pagefind") == bundle
    catalogue.product("dau-tram", title="Dầu tràm gió", producer="ho-dung", group="III.3", stars=3, score=60)
    edited = run_build(catalogue.root, tmp_path / "out", "-e", cache)
    assert "pages indexed by Pagefind" in edited.stdout
    assert tree_digest(tmp_path / "out/pagefind") != bundle


# ---- without Pagefind ----------------------------------------------------------------------------


def test_a_missing_pagefind_binary_warns_and_the_search_page_says_so(catalogue, tmp_path):
    result = run_build(catalogue.root, tmp_path / "out", env={"PAGEFIND_BINARY_PATH": str(tmp_path / "nowhere")})
    assert result.returncode == 0, result.stderr
    assert "the Pagefind binary was not found" in result.stdout + result.stderr
    page = soup_of(tmp_path / "out/tim-kiem/index.html")
    assert "chưa có chức năng tìm kiếm" in page.select_one("main").text
    assert not page.select("script") and not page.select("form[role=search]")
    assert not (tmp_path / "out/pagefind").exists()
    assert not soup_of(tmp_path / "out/san-pham/index.html").select("[data-filters]")
