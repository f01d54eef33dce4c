"""Search and filters: a fixture catalogue built with its Pagefind index, then used in headless Chromium."""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

from site_checks.browser import PHONE, serve, visit
from conftest import CatalogueBuilder, run_build, square, tree_digest


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


SHOP_VI, SHOP_EN = "Gian hàng OCOP Đông Ba", "Dong Ba OCOP counter"  # a market stall, named without "market"


@pytest.fixture(scope="module", params=[None, 2], ids=["one-shard", "shards-of-2-pages"])
def site(request, tmp_path_factory):
    """A catalogue whose words need folding: đặc sản, Đà Nẵng, dầu tràm, nước mắm, Đông Ba; with other
    certifications (HACCP and VietGAP in force and expired, organic, food safety), two export-ready
    products (one by its markets, one by its Incoterms) and a sales point (a market stall) that sells the
    tea-tree oil; built once with the index of each language in one shard, and once in shards of about 2
    pages (search.js merges them)."""
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
                summary="Nước mắm nhĩ ủ chượp một năm.", trade={"export_markets": ["KR"], "incoterms": ["FOB"]},
                certifications=[{"scheme": "haccp", "expires": "2028-01-31"},
                                {"scheme": "vietgap", "expires": "2025-06-30"}])  # expired on TODAY
    cat.translation("products", "nuoc-mam", "en", title="Anchovy fish sauce", summary="Fish sauce aged a year.",
                    images=[{"file": "anh-1.jpg", "alt": "A bottle"}])
    for lang, title, summary in [("ko", "멸치 피시소스", "1년 동안 숙성한 피시소스."),
                                 ("zh", "凤尾鱼鱼露", "陈酿一年的鱼露。"),
                                 ("ja", "カタクチイワシの魚醤", "一年熟成させた魚醤。")]:
        cat.translation("products", "nuoc-mam", lang, title=title, summary=summary, body=summary)
    cat.product("dau-tram", title="Dầu tràm", producer="htx-ong", stars=3, score=60, group="III.3",
                summary="Tinh dầu tràm gió nguyên chất.", certifications=[{"scheme": "vietgap", "expires": "2026-01-31"}])
    cat.product("banh-khoai", title="Bánh khoai đặc sản", producer="co-so-b", stars=5, score=92, group="I.3",
                summary="Món bánh của phố biển.", body="Làm theo công thức của phố cổ.",
                trade={"min_order": {"quantity": 50, "unit": "hộp"}},  # trade facts, but not export-ready
                certifications=[{"scheme": "food-safety-facility"}, {"scheme": "organic-vn"}])
    cat.product("mat-ong", title="Mật ong rừng", producer="htx-ong", stars=4, score=78, group="I.2", summary="Mật ong nguyên chất.",
                trade={"incoterms": ["EXW"]}, certifications=[{"scheme": "vietgap", "expires": "2027-05-31"}, {"scheme": "haccp"}])
    cat.shop("gian-hang-dong-ba", "Gian hàng ở cổng chính.", title=SHOP_VI, kind="market-stall", products=["dau-tram"],
             address="Số 14, khu B, 2 Trần Hưng Đạo, phường Phú Xuân", summary="Gian hàng giới thiệu sản phẩm OCOP.",
             opening_hours="Mo-Sa 06:00-18:00; Su off")
    cat.translation("shops", "gian-hang-dong-ba", "en", title=SHOP_EN, summary="A counter of OCOP products.",
                    address="No. 14, block B, 2 Tran Hung Dao street, Phu Xuan ward")
    output = root / "out"
    shards = [f"SEARCH_SHARD_PAGES={request.param}"] if request.param else []
    result = run_build(cat.root, output, "-e", "CATALOGUE_PER_PAGE=2", f'CATALOGUE_CACHE_PATH="{root / "cache"}"',
                       *shards)
    assert result.returncode == 0, result.stderr
    with serve(output) as base:
        yield {"output": output, "base": base, "stdout": result.stdout + result.stderr,
               "shards": 4 if request.param else 1}  # 8 pages a language


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


def test_only_product_producer_and_sales_point_pages_are_indexed_with_their_filters(site):
    output = site["output"]
    product = soup_of(output / "san-pham/banh-khoai/index.html")
    body = product.select("[data-pagefind-body]")
    assert len(body) == 1 and body[0].name == "article"
    filters = {(s["data-pagefind-filter"].split("[")[0], s["data-value"])
               for s in product.select("[data-pagefind-filter]")}
    assert filters == {("type", "product"), ("stars", "5"), ("region", "da-nang"), ("kind", "household"),
                       ("group", "i"), ("group", "i-3"),
                       ("certification", "organic-vn"), ("certification", "food-safety-facility")}
    assert "Dặc" not in product.select_one("h1").text and "dặc" in body[0].select_one("[hidden] p").text
    for listing in ["index.html", "san-pham/index.html", "tim-kiem/index.html", "dia-phuong/da-nang/index.html",
                    "diem-ban/index.html"]:
        assert not soup_of(output / listing).select("[data-pagefind-body]"), listing
    languages = {"vi": "vi", "en": "en", "ko": "ko", "zh": "zh-hans", "ja": "ja", "fr": "fr"}
    for code, tag in languages.items():  # one bundle per language, its index named from <html lang>
        bundle = output / "pagefind" / code
        folders = json.loads((bundle / "shards.json").read_text())["shards"]
        # a page's shard is a hash of its producer (a sales point's own slug): 8 pages in 4 shards
        assert set(folders) <= {f"{n}/" for n in range(site["shards"])} and len(folders) >= min(2, site["shards"])
        fragments = []
        for folder in folders:
            assert (bundle / folder / "pagefind.js").is_file()
            assert {p.name.split("_")[0] for p in (bundle / folder).glob("pagefind.*.pf_meta")} == {f"pagefind.{tag}"}
            fragments += list((bundle / folder / "fragment").iterdir())
        assert len(fragments) == 4 + 3 + 1  # products + producers + the sales point, each in one shard
    assert re.search(r"Search: 48 pages indexed by Pagefind", site["stdout"])


def filters_of(path, name: str) -> list[str]:
    """The values of one filter in a page's search data."""
    return sorted(s["data-value"] for s in soup_of(path).select(f'[data-pagefind-filter="{name}[data-value]"]'))


def test_search_data_carries_certifications_in_force_and_export_readiness(site):
    output = site["output"]
    for products, producers in [("san-pham", "co-so"), ("en/products", "en/producers"), ("zh/products", "zh/producers")]:
        nuoc_mam, mat_ong = output / products / "nuoc-mam/index.html", output / products / "mat-ong/index.html"
        assert filters_of(nuoc_mam, "certification") == ["haccp"]  # its VietGAP has expired
        assert filters_of(nuoc_mam, "export") == ["ready"]  # exported to KR, FOB
        assert filters_of(mat_ong, "certification") == ["haccp", "vietgap"]
        assert filters_of(mat_ong, "export") == ["ready"]  # Incoterms only
        banh = output / products / "banh-khoai/index.html"
        assert filters_of(banh, "export") == []  # a minimum order is no export
        dau_tram = output / products / "dau-tram/index.html"
        assert filters_of(dau_tram, "certification") == [] and filters_of(dau_tram, "export") == []
        # a producer is found by its products' certifications and export readiness
        assert filters_of(output / producers / "htx-ong/index.html", "certification") == ["haccp", "vietgap"]
        assert filters_of(output / producers / "htx-ong/index.html", "export") == ["ready"]
        assert filters_of(output / producers / "co-so-b/index.html", "export") == []


def indexed_text(path) -> str:
    """What Pagefind reads of a page: its `data-pagefind-body`, without the parts it is told to ignore."""
    body = soup_of(path).select_one("[data-pagefind-body]")
    for ignored in body.select("[data-pagefind-ignore]"):
        ignored.decompose()
    return " ".join(body.get_text(" ").split())


@pytest.mark.parametrize("page, kind, address, sold", [
    ("diem-ban/gian-hang-dong-ba", "Quầy hàng ở chợ", "2 Trần Hưng Đạo", "Dầu tràm"),
    ("en/shops/gian-hang-dong-ba", "Market stall", "2 Tran Hung Dao street", "Dầu tràm"),  # the oil is not translated
    ("fr/shops/gian-hang-dong-ba", "Étal de marché", "2 Tran Hung Dao street", "Dầu tràm"),
])
def test_a_sales_point_is_indexed_by_name_kind_address_and_products_sold(site, page, kind, address, sold):
    path = site["output"] / page / "index.html"
    text = indexed_text(path)
    title = SHOP_VI if page.startswith("diem-ban") else SHOP_EN
    assert title in text and kind in text and address in text  # its kind in the page's language
    assert sold in text  # the products it sells, by name (hidden: the page shows them as cards)
    # a translated page also has the name and address as index.md writes them (hidden), as on signs and maps
    assert SHOP_VI in text and "2 Trần Hưng Đạo" in text
    assert not re.search(r"Thứ Hai|Monday|lundi|06:00|6:00|OpenStreetMap", text)  # hours and directions are not searched
    filters = {(s["data-pagefind-filter"].split("[")[0], s["data-value"])
               for s in soup_of(path).select("[data-pagefind-filter]")}
    # the type filter, its region, and the star levels and groups of what it sells; no producer kind
    assert filters == {("type", "shop"), ("region", "phu-vang"), ("stars", "3"), ("group", "iii"), ("group", "iii-3")}
    card = BeautifulSoup(soup_of(path).select_one('[data-pagefind-meta="card[data-value]"]')["data-value"], "html.parser")
    assert card.select_one("a.card-link")["href"] == f"/{page}/" and card.select_one(".card-title").text == title
    assert kind in card.text and address in card.text  # the result shows its name, kind and address
    rank = soup_of(path).select_one('[data-pagefind-sort="rank[data-value]"]')["data-value"]
    assert rank.startswith("d")  # sorted after every product ("b…") and producer ("c…")


@pytest.mark.parametrize("lang, url, values, labels", [
    ("vi", "/san-pham/nuoc-mam/", ["Nước mắm cá cơm", "Nước mắm nhĩ ủ chượp một năm.", "Hàn Quốc", "FOB", "HACCP"],
     ["Nhóm sản phẩm", "Cơ sở sản xuất", "Địa phương", "Giấy chứng nhận OCOP", "Liên hệ và báo giá",
      "Xuất khẩu sang", "Xem bản đồ", "Còn hiệu lực đến", "Các chứng nhận khác", "Đã hết hạn"]),
    ("en", "/en/products/nuoc-mam/", ["Anchovy fish sauce", "Fish sauce aged a year.", "South Korea", "FOB"],
     ["Product group", "Producer", "Region", "OCOP certificate", "Contact and quote", "Exported to",
      "map of all regions", "Valid until", "Other certifications", "Expired on"]),
])
def test_the_index_holds_what_a_page_says_not_the_labels_every_page_repeats(site, lang, url, values, labels):
    """The labels of facts, fixed headings, the contact link and the locator map are on every page: indexed,
    they would make a word such as "cá" (in "tất cả") or "số" (in "Thông số") match the whole catalogue."""
    text = indexed_content(site["output"] / "pagefind" / lang, url)
    assert all(value in text for value in values), text
    assert not [label for label in labels if label in text], text


def test_a_sales_point_is_found_without_diacritics_and_products_not_by_where_they_are_sold(site):
    output = site["output"]
    hidden = soup_of(output / "diem-ban/gian-hang-dong-ba/index.html").select_one("[data-pagefind-body] [hidden]")
    assert {"Dông", "Dạo"} <= set(hidden.get_text(" ").split())  # đ written d: "dong ba", "hung dao"
    product = soup_of(output / "san-pham/dau-tram/index.html")
    assert SHOP_VI in product.select_one("#where-to-buy").text  # shown on the product page …
    assert "Đông Ba" not in indexed_text(output / "san-pham/dau-tram/index.html")  # … but not searched there
    assert form_choices(output / "tim-kiem/index.html", "type") == (
        "Hiển thị", ["Tất cả kết quả", "Sản phẩm (4)", "Cơ sở (3)", "Điểm bán (1)"])
    assert form_choices(output / "en/search/index.html", "type") == (
        "Show", ["All results", "Products (4)", "Producers (3)", "Sales points (1)"])
    assert soup_of(output / "en/search/index.html").select_one('label[for="search-query"]').text == \
        "Search products, producers and sales points"


def form_choices(path, name: str) -> tuple[str, list[str]]:
    """A filter's label and its options as the static page has them (product counts of the catalogue)."""
    select = soup_of(path).select_one(f"#filter-{name}")
    return select.find_previous("label").text, [o.text for o in select.select("option")]


@pytest.mark.parametrize("prefix, certification, export", [
    ("", ("Chứng nhận", ["Tất cả chứng nhận", "VietGAP (1)", "HACCP (2)", "Hữu cơ theo TCVN 11041 (1)",
                         "Cơ sở đủ điều kiện an toàn thực phẩm (1)"]),
     ("Xuất khẩu", ["Tất cả", "Sẵn sàng xuất khẩu (2)"])),
    ("en", ("Certification", ["All certifications", "VietGAP (1)", "HACCP (2)",
                              "Organic, Vietnamese standard TCVN 11041 (1)", "Food safety: certified facility (1)"]),
     ("Export", ["Any", "Ready to export (2)"])),
    ("ko", ("인증", ["모든 인증", "VietGAP (1)", "HACCP (2)", "유기농 (베트남 표준 TCVN 11041) (1)", "식품안전 적합 시설 (1)"]),
     ("수출", ["전체", "수출 가능 (2)"])),
    ("fr", ("Certification", ["Toutes les certifications", "VietGAP (1)", "HACCP (2)",
                              "Bio, norme vietnamienne TCVN 11041 (1)",
                              "Établissement agréé pour la sécurité sanitaire des aliments (1)"]),
     ("Export", ["Tous", "Prêt à l’export (2)"])),
])
def test_certification_and_export_filters_are_offered_in_each_language_with_counts(site, prefix, certification, export):
    """Schemes in the contract's order, named as the product page names them; counts of products, the
    expired certifications left out."""
    output = site["output"] / prefix
    listing, search_page = ("san-pham", "tim-kiem") if not prefix else ("products", "search")
    for page in (output / listing / "index.html", output / search_page / "index.html"):
        assert form_choices(page, "certification") == certification
        assert form_choices(page, "export") == export
    # named as the product page names them
    product = soup_of(output / listing / "banh-khoai/index.html")
    named = [li.strong.text for li in product.select(".certs li")]
    assert len(named) == 2 and all(f"{name} (1)" in certification[1] for name in named)


def test_a_catalogue_without_certifications_or_exporters_has_no_such_filters(catalogue, tmp_path):
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    form = soup_of(tmp_path / "out/san-pham/index.html").select_one("[data-filters]")
    assert form.select("#filter-stars") and not form.select("#filter-certification, #filter-export")


def test_search_pages_exist_in_every_language_and_in_the_nav(site):
    output = site["output"]
    vi, en = soup_of(output / "tim-kiem/index.html"), soup_of(output / "en/search/index.html")
    assert vi.select_one("h1").text == "Tìm kiếm" and en.select_one("h1").text == "Search"
    assert vi.select_one('link[hreflang="en"]')["href"] == "/en/search/"
    assert vi.select_one('form[role="search"] input[name="q"]')["id"] == "search-query"
    assert soup_of(output / "index.html").select_one('.main-nav a[href="/tim-kiem/"]')
    assert "/en/search/" in (output / "sitemap.xml").read_text(encoding="utf-8")


# ---- in the browser ----------------------------------------------------------------------------------


DAU_TRAM = {"Dầu tràm", SHOP_VI}  # the product and the sales point that sells it
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


@pytest.mark.parametrize("path, queries, title, kind, label", [
    ("/tim-kiem/", ["dong ba", "Đông Ba", "tran hung dao", "quay hang o cho"], SHOP_VI, "Quầy hàng ở chợ", "Điểm bán"),
    ("/en/search/", ["Dong Ba", "Đông Ba", "Tran Hung Dao", "Trần Hưng Đạo", "market stall"], SHOP_EN, "Market stall",
     "Sales points"),
])
def test_a_sales_point_is_found_by_name_address_and_kind_and_by_its_type(browser, site, path, queries, title, kind, label):
    """The stall by its name with or without diacritics, a word of its address and its kind in the page's
    language, alone (the products it sells are not found by where they are sold; the English page also by
    its Vietnamese name and address); then the products of a query and the sales point that sells them,
    narrowed to the sales point by the type filter."""
    page_visit, titles = search(browser, site["base"], path, queries[0], width=PHONE)
    page = page_visit.page
    assert titles == [title], (queries[0], titles)
    for query in queries[1:]:
        page.fill("#search-query", query)
        assert results(page) == [title], query
    card = page.query_selector("[data-search-results] .card")
    assert card.query_selector("a.card-link").get_attribute("href") == path.replace("tim-kiem", "diem-ban").replace(
        "search", "shops") + "gian-hang-dong-ba/"
    assert kind in card.inner_text() and "2 Tr" in card.inner_text()  # its kind and its address
    page.fill("#search-query", "dau tram")
    assert set(results(page)) == {"Dầu tràm", title}
    assert choices(page, "type")["shop"] == f"{label} (1)"
    page.select_option("#filter-type", "shop")
    assert results(page) == [title]
    assert parse_qs(urlparse(page.url).query) == {"q": ["dau tram"], "type": ["shop"]}
    assert not page_visit.errors and not [c for c in page_visit.console if c[0] == "error"]
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


def choices(page, name: str) -> dict[str, str]:
    """A filter's options as search.js shows them: value → label with the count it would give."""
    return {o.get_attribute("value"): o.inner_text()
            for o in page.query_selector_all(f"#filter-{name} option") if o.get_attribute("value")}


def test_certification_and_export_filters_narrow_the_products_in_vietnamese(browser, site):
    page_visit = visit(browser, site["base"] + "/san-pham/", width=PHONE)
    page = page_visit.page
    page.wait_for_selector("[data-filters]:enabled")
    page.select_option("#filter-certification", "haccp")
    assert results(page) == ["Mật ong rừng", "Nước mắm cá cơm"]
    assert page.is_hidden("[data-static-listing]")
    assert choices(page, "export") == {"ready": "Sẵn sàng xuất khẩu (2)"}  # counts of every shard, added
    stars = choices(page, "stars")
    assert [stars[n].rsplit(" ", 1)[1] for n in ["5", "4", "3"]] == ["(0)", "(2)", "(0)"]
    page.select_option("#filter-certification", "vietgap")
    assert results(page) == ["Mật ong rừng"]  # the expired VietGAP of the fish sauce and the oil do not count
    page.select_option("#filter-certification", "")
    page.select_option("#filter-export", "ready")
    assert results(page) == ["Mật ong rừng", "Nước mắm cá cơm"]  # by its Incoterms, by its markets
    assert choices(page, "certification") == {
        "vietgap": "VietGAP (1)", "haccp": "HACCP (2)", "organic-vn": "Hữu cơ theo TCVN 11041 (0)",
        "food-safety-facility": "Cơ sở đủ điều kiện an toàn thực phẩm (0)"}
    assert parse_qs(urlparse(page.url).query) == {"export": ["ready"]}
    page.select_option("#filter-certification", "organic-vn")
    results(page)
    assert page.inner_text("[data-search-status]").startswith("Không tìm thấy")
    assert not page_visit.errors and not [c for c in page_visit.console if c[0] == "error"]
    page_visit.close()


def test_certification_and_export_filters_in_english_find_products_and_producers(browser, site):
    page_visit, titles = search(browser, site["base"], "/en/search/", certification="vietgap")
    assert set(titles) == {"Mật ong rừng", "HTX Ong mật Phú Vang"}  # the product (untranslated) and its producer
    page = page_visit.page
    assert page.inner_text("[data-search-status]") == "2 results"
    assert choices(page, "export") == {"ready": "Ready to export (2)"}
    page.select_option("#filter-certification", "")
    page.select_option("#filter-export", "ready")
    assert results(page) == ["Anchovy fish sauce", "Mật ong rừng", "HTX Nước mắm Tân Mỹ", "HTX Ong mật Phú Vang"]
    assert choices(page, "certification") == {
        "vietgap": "VietGAP (2)", "haccp": "HACCP (4)", "organic-vn": "Organic, Vietnamese standard TCVN 11041 (0)",
        "food-safety-facility": "Food safety: certified facility (0)"}
    page.select_option("#filter-type", "product")
    assert results(page) == ["Anchovy fish sauce", "Mật ong rừng"]
    assert choices(page, "certification")["haccp"] == "HACCP (2)"
    page_visit.close()

    shared = visit(browser, site["base"] + "/en/products/?certification=organic-vn")
    assert results(shared.page) == ["Bánh khoai đặc sản"]
    assert shared.page.input_value("#filter-certification") == "organic-vn"
    assert choices(shared.page, "export") == {"ready": "Ready to export (0)"}
    shared.close()


def test_without_javascript_listings_stay_complete(browser, site):
    titles = []
    for path in ["/san-pham/", "/san-pham/trang/2/"]:
        page_visit = visit(browser, site["base"] + path, javascript=False)
        titles += [t.inner_text() for t in page_visit.page.query_selector_all(".card-title")]
        for name in ("stars", "certification", "export"):
            assert page_visit.page.is_disabled(f"#filter-{name}")  # in the disabled fieldset
        page_visit.close()
    assert titles == ["Bánh khoai đặc sản", "Mật ong rừng", "Nước mắm cá cơm", "Dầu tràm"]
    search_page = visit(browser, site["base"] + "/tim-kiem/", javascript=False)
    assert "Tìm kiếm cần JavaScript" in search_page.page.inner_text("main")
    search_page.close()


def test_the_visitor_downloads_one_pagefind_runtime_for_every_shard(browser, site):
    """Shards are merged into one Pagefind index: its script, worker and WebAssembly come once, from the
    first shard, however many shards the language has; every shard's entry and metadata are read."""
    context = browser.new_context()
    fetched = []
    context.on("requestfinished", lambda request: fetched.append(urlparse(request.url).path))
    try:
        page = context.new_page()
        page.goto(site["base"] + "/tim-kiem/?q=mat+ong")
        assert "Mật ong rừng" in results(page)
    finally:
        context.close()
    bundle = site["output"] / "pagefind/vi"
    folders = json.loads((bundle / "shards.json").read_text())["shards"]
    runtime = [path for path in fetched if re.search(r"/pagefind(-worker)?\.js$|\.pagefind$", path)]
    assert sorted(runtime) == sorted(f"/pagefind/vi/{folders[0]}{name}"
                                     for name in ["pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind"])
    metadata = {path.split("/")[3] for path in fetched if path.endswith(".pf_meta")}
    assert metadata == {folder.rstrip("/") for folder in folders}
    assert (len(folders) > 1) == (site["shards"] > 1)


def test_search_works_when_its_web_worker_cannot_start(browser, site):
    """Pagefind searches in a web worker; a phone where it does not start still gets results."""
    context = browser.new_context()
    context.route("**/pagefind-worker.js", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(site["base"] + "/tim-kiem/?q=dau+tram")
        assert results(page) == ["Dầu tràm", SHOP_VI]
    finally:
        context.close()


def test_an_index_that_cannot_load_is_said_and_the_listing_stays(browser, site):
    """A lost connection or a new deploy under an open page: the filters stay off, the static listing
    stays, the page says that search is unavailable and marks itself so (data-state)."""
    context = browser.new_context()
    context.route("**/pagefind/vi/**/*.pagefind", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(site["base"] + "/san-pham/")
        page.wait_for_selector("[data-search][data-state=unavailable]")
        assert "Không tải được chức năng tìm kiếm" in page.inner_text("[data-search-status]")
        assert page.is_disabled("#filter-stars")
        listing = [t.inner_text() for t in page.query_selector_all("[data-static-listing]:not([hidden]) .card-title")]
        assert listing == ["Bánh khoai đặc sản", "Mật ong rừng"]  # the first page of the listing, as built
    finally:
        context.close()


@pytest.mark.slow
def test_an_unchanged_site_reuses_its_index_byte_for_byte_and_an_edit_reindexes(catalogue, tmp_path):
    cache = f'CATALOGUE_CACHE_PATH="{tmp_path / "cache"}"'
    catalogue.shop("cho-dong-ba", title="Quầy OCOP chợ Đông Ba")
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
    bundle = tree_digest(tmp_path / "out/pagefind")
    assert "Quầy bán đặc sản" in indexed_content(tmp_path / "out/pagefind/vi", "/diem-ban/cho-dong-ba/")
    catalogue.shop("cho-dong-ba", "Quầy ở cổng chính, bán cả mè xửng.", title="Quầy OCOP chợ Đông Ba")
    moved = run_build(catalogue.root, tmp_path / "out", "-e", cache)
    assert "pages indexed by Pagefind" in moved.stdout, "a sales point's page is indexed: its edit indexes again"
    assert tree_digest(tmp_path / "out/pagefind") != bundle
    assert "bán cả mè xửng" in indexed_content(tmp_path / "out/pagefind/vi", "/diem-ban/cho-dong-ba/")


def indexed_content(bundle, url: str) -> str:
    """The text Pagefind indexed of the page at `url` (its fragment: gzip, a signature, then JSON)."""
    for fragment in bundle.glob("*/fragment/*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        if data["url"] == url:
            return data["content"]
    raise AssertionError(f"{url} is not in the index")


# ---- without Pagefind ----------------------------------------------------------------------------


def test_a_missing_pagefind_binary_warns_and_the_search_page_says_so(catalogue, tmp_path):
    result = run_build(catalogue.root, tmp_path / "out", env={"PAGEFIND_BINARY_PATH": str(tmp_path / "nowhere")})
    assert result.returncode == 0, result.stderr
    assert "the Pagefind binary was not found" in result.stdout + result.stderr
    page = soup_of(tmp_path / "out/tim-kiem/index.html")
    assert "chưa có chức năng tìm kiếm" in page.select_one("main").text
    assert not page.select("script[src]") and not page.select("form[role=search]")
    assert not (tmp_path / "out/pagefind").exists()
    assert not soup_of(tmp_path / "out/san-pham/index.html").select("[data-filters]")
