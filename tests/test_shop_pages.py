"""Where to buy: a sales point's page, the listing of sales points by region, the link from the home page and
the navigation, the producer's visiting hours, and a product's "Where to buy" (nearest first, hours on the build
date), read in Vietnamese and English on one small fixture site built with the real `pelican` command (opening
hours in each language's words and clock); a removed sales point's published address is guarded like a
product's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from catalogue_tools.context import load_catalogue, read_settings
from conftest import TODAY, CatalogueBuilder, run_build, small_catalogue
from ocop.catalogue.errors import Problems
from ocop.catalogue.routes import build_routes
from ocop.links import permalinks
from ocop.maps.projection import Projection
from ocop.maps.sizes import LOCATOR_MARGIN, LOCATOR_WIDTH

HOSTILE = 'Siêu thị <b>Big</b> & "Co.op"'


def fixture_catalogue(root: Path) -> CatalogueBuilder:
    cat = small_catalogue(root)
    cat.producer("htx-a", title="HTX Nước mắm Tân Mỹ", location={"lat": 16.43, "lon": 107.72},
                 opening_hours="Mo-Sa 07:30-11:30,13:30-17:00; Su off")
    cat.product("me-xung", title="Mè xửng", group="I.3.d", stars=3, score=60,  # by htx-a, sold nowhere,
                location={"lat": 16.41, "lon": 107.74})  # made in a workshop of its own, 2.8 km from htx-a
    cat.shop("cho-dong-ba", title="Quầy OCOP chợ Đông Ba", products=["nuoc-mam"], producers=["ho-dung"],
             opening_hours="Mo-Sa 06:00-18:00; Su 06:00-12:00", phone="0234 3812 345",
             images=[{"file": "quay.jpg", "alt": "Quầy hàng trong chợ"}])
    cat.photo("shops/cho-dong-ba/quay.jpg", color=(40, 120, 160))
    cat.translation("shops", "cho-dong-ba", "en", title="Dong Ba market OCOP stall", summary="A stall.",
                    address="Dong Ba market, Phu Xuan ward", images=[{"file": "quay.jpg", "alt": "The stall"}])
    cat.shop("cua-hang-anh-duong", title="Cửa hàng Ánh Dương", kind="shop", location={"lat": 16.405, "lon": 107.745},
             address="Thôn Phú Thứ", opening_hours="Mo-Sa 08:00-17:00; Su off")  # farther from htx-a than the stall
    cat.shop("sieu-thi", title=HOSTILE, kind="supermarket", region="dan-dien", products=["ao-dai"],
             location={"lat": 16.62, "lon": 107.52}, address="Đan Điền", opening_hours='"by appointment"')
    cat.product("nha-vuon", title="Du lịch nhà vườn", group="VI", stars=4, score=75,  # a visit, met at the garden
                location={"lat": 16.459, "lon": 107.556},
                visit={"duration": "1,5 giờ", "group_size": {"min": 2, "max": 20}, "booking_days": 3,
                       "languages": ["vi", "en", "ko"]})
    cat.translation("products", "nha-vuon", "en", title="Garden house visit", summary="A visit.",
                    visit={"duration": "1.5 hours"})
    cat.product("lang-nghe", title="Làng nghề", group="VI", stars=3, score=60,  # only a duration, no meeting point
                visit={"duration": "2 giờ"})
    return cat


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    cat = fixture_catalogue(tmp_path_factory.mktemp("shops") / "content")
    out = tmp_path_factory.mktemp("shops-out") / "output"
    result = run_build(cat.root, out)
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def spaced(text: str) -> str:
    """CLDR's narrow and thin no-break spaces ("6:00\u202fAM\u2009–\u20096:00\u202fPM") as plain spaces."""
    return text.replace("\u202f", " ").replace("\u2009", " ").replace("\xa0", " ")


def hours_table(soup) -> list[tuple[str, str]]:
    return [(tr.th.get_text(strip=True), spaced(tr.td.get_text(" ", strip=True)))
            for tr in soup.select("table.hours tr")]


def test_a_shop_page_in_vietnamese(site):
    soup = page(site, "/diem-ban/cho-dong-ba/")
    assert soup.h1.get_text() == "Quầy OCOP chợ Đông Ba"
    assert soup.select_one(".kind").get_text(" ", strip=True) == "Quầy hàng ở chợ · Phú Vang"
    assert soup.select_one(".address").get_text() == "Chợ Đông Ba, phường Phú Xuân"
    assert hours_table(soup) == [("Thứ Hai", "06:00–18:00"), ("Thứ Ba", "06:00–18:00"), ("Thứ Tư", "06:00–18:00"),
                                 ("Thứ Năm", "06:00–18:00"), ("Thứ Sáu", "06:00–18:00"), ("Thứ Bảy", "06:00–18:00"),
                                 ("Chủ Nhật", "06:00–12:00")]
    assert soup.select_one("table.hours caption").get_text() == "Giờ mở cửa"
    assert soup.select_one(".shop-photo img")["alt"] == "Quầy hàng trong chợ"
    assert [a["href"] for a in soup.select("#contact a")] == ["tel:+842343812345"]
    assert soup.select_one("#contact-heading").get_text() == "Liên hệ"
    # what it sells: its product and every product of its producer, in listing order (stars first)
    cards = [a["href"] for a in soup.select("#products-heading ~ ul .card-link")]
    assert cards == ["/san-pham/ao-dai/", "/san-pham/nuoc-mam/", "/san-pham/dau-tram/"]
    assert soup.select_one("#products-heading").get_text(" ", strip=True) == "Sản phẩm bán tại đây (3)"
    assert soup.select_one("nav.breadcrumb a[href='/diem-ban/']").get_text() == "Nơi mua"


def test_a_shop_page_in_english(site):
    soup = page(site, "/en/shops/cho-dong-ba/")
    assert soup.h1.get_text() == "Dong Ba market OCOP stall" and not soup.h1.has_attr("lang")
    assert soup.select_one(".kind").get_text(" ", strip=True) == "Market stall · Phu Vang"
    assert soup.select_one(".address").get_text() == "Dong Ba market, Phu Xuan ward"
    assert hours_table(soup) == [("Monday", "6:00 AM – 6:00 PM"), ("Tuesday", "6:00 AM – 6:00 PM"),
                                 ("Wednesday", "6:00 AM – 6:00 PM"), ("Thursday", "6:00 AM – 6:00 PM"),
                                 ("Friday", "6:00 AM – 6:00 PM"), ("Saturday", "6:00 AM – 6:00 PM"),
                                 ("Sunday", "6:00 AM – 12:00 PM")]
    assert soup.select_one(".shop-photo img")["alt"] == "The stall"
    assert soup.select_one("#visit-heading").get_text() == "Address and opening hours"
    assert [a["href"] for a in soup.select("#products-heading ~ ul .card-link")] == [
        "/en/products/ao-dai/", "/en/products/nuoc-mam/", "/en/products/dau-tram/"]


def test_directions_to_the_shop(site):
    links = page(site, "/en/shops/cho-dong-ba/").select(".directions a")
    assert [a["href"] for a in links] == [
        "https://www.openstreetmap.org/directions?route=%3B16.42%2C107.72#map=17/16.42/107.72",
        "https://www.google.com/maps/dir/?api=1&destination=16.42%2C107.72",
        "geo:16.42,107.72?q=16.42,107.72(Dong%20Ba%20market%20OCOP%20stall)"]
    # the accessible name starts with the visible one (axe: label-content-name-mismatch), then the place
    assert [a.get_text() for a in links] == ["OpenStreetMap: directions to Dong Ba market OCOP stall",
                                             "Google Maps: directions to Dong Ba market OCOP stall", "Open in a map app"]
    assert [a.get_text() for a in page(site, "/diem-ban/cho-dong-ba/").select(".directions a")] == [
        "OpenStreetMap: chỉ đường đến Quầy OCOP chợ Đông Ba", "Google Maps: chỉ đường đến Quầy OCOP chợ Đông Ba",
        "Mở trong ứng dụng bản đồ"]


def test_by_appointment_is_said_in_each_language(site):
    vi, en = page(site, "/diem-ban/sieu-thi/"), page(site, "/en/shops/sieu-thi/")
    assert vi.select_one(".hours-single").get_text(" ", strip=True) == "Giờ mở cửa: theo hẹn trước"
    assert en.select_one(".hours-single").get_text(" ", strip=True) == "Opening hours: by appointment"
    assert not vi.select("table.hours")
    assert vi.select_one(".kind").get_text(" ", strip=True) == "Quầy OCOP trong siêu thị · Đan Điền"
    assert not vi.select("#contact")  # a sales point without any contact has no empty contact section


def test_text_from_the_content_is_escaped(site):
    html = (site / "diem-ban/sieu-thi/index.html").read_text(encoding="utf-8")
    assert "<b>Big</b>" not in html
    soup = page(site, "/diem-ban/sieu-thi/")
    assert soup.h1.get_text() == HOSTILE
    geo = soup.select(".directions a")[2]["href"]
    assert geo.endswith("(Si%C3%AAu%20th%E1%BB%8B%20%3Cb%3EBig%3C%2Fb%3E%20%26%20%22Co.op%22)")


def test_the_producer_shows_when_to_visit_its_workshop(site):
    vi, en = page(site, "/co-so/htx-a/"), page(site, "/en/producers/htx-a/")
    assert vi.select_one("#visit-heading").get_text() == "Đến thăm cơ sở"
    assert en.select_one("#visit-heading").get_text() == "Visit the workshop"
    assert hours_table(vi)[0] == ("Thứ Hai", "07:30–11:30, 13:30–17:00")
    assert hours_table(vi)[6] == ("Chủ Nhật", "Đóng cửa")
    assert hours_table(en)[0] == ("Monday", "7:30 – 11:30 AM, 1:30 – 5:00 PM")
    assert hours_table(en)[6] == ("Sunday", "Closed")
    assert en.select("table.hours tr")[6]["class"] == ["hours-closed"]
    assert en.select_one(".visit .directions a")["href"].startswith("https://www.openstreetmap.org/directions?")
    assert not page(site, "/co-so/ho-dung/").select("#visit-heading")  # no hours, no section


def test_the_listing_groups_sales_points_by_region(site):
    soup = page(site, "/diem-ban/")
    sections = [(s.h2.span.get_text(), [a["href"] for a in s.select(".card-link")]) for s in soup.select("main section")]
    assert sections == [("Đan Điền", ["/diem-ban/sieu-thi/"]),
                        ("Phú Vang", ["/diem-ban/cua-hang-anh-duong/", "/diem-ban/cho-dong-ba/"])]
    en = page(site, "/en/shops/")
    assert en.h1.get_text() == "Where to buy"
    card = en.select_one("a[href='/en/shops/cho-dong-ba/']").find_parent("article")
    assert [p.get_text(" ", strip=True) for p in card.select(".card-meta")] == [
        "Market stall · Phu Vang", "Dong Ba market, Phu Xuan ward", "3 products"]


@pytest.mark.parametrize("prefix, listing, label", [("", "/diem-ban/", "Nơi mua"), ("/en", "/en/shops/", "Where to buy")])
def test_home_page_and_navigation_lead_to_the_sales_points(site, prefix, listing, label):
    soup = page(site, prefix + "/")
    assert soup.select_one(f".main-nav a[href='{listing}']").get_text() == label
    assert soup.select_one(f".home-shops a[href='{listing}']")
    assert page(site, listing).select_one(f".main-nav a[href='{listing}']")["aria-current"] == "true"


def test_every_language_has_the_pages(site):
    for path in ("/ko/shops/cho-dong-ba/", "/zh/shops/", "/ja/shops/sieu-thi/", "/fr/shops/cho-dong-ba/"):
        assert (site / path.strip("/") / "index.html").is_file(), path
    alternates = {link["hreflang"]: link["href"] for link in page(site, "/en/shops/cho-dong-ba/").select(
        "link[rel=alternate][hreflang]")}
    # written in Vietnamese and English: the other languages show its English text (fallback chain)
    assert alternates == {"vi": "/diem-ban/cho-dong-ba/", "en": "/en/shops/cho-dong-ba/",
                          "x-default": "/diem-ban/cho-dong-ba/"}
    switcher = {a["hreflang"]: a["href"] for a in page(site, "/en/shops/cho-dong-ba/").select(".lang-switch a")}
    assert switcher["zh-Hans"] == "/zh/shops/cho-dong-ba/"
    chinese = page(site, "/zh/shops/cho-dong-ba/")
    assert chinese.select_one("h1")["lang"] == "en"
    assert chinese.find("link", rel="canonical")["href"] == "/en/shops/cho-dong-ba/"
    assert page(site, "/fr/shops/cho-dong-ba/").select_one(".kind").get_text(" ", strip=True).startswith("Étal de marché")


def test_the_locator_marks_the_shop_and_the_region_lists_it(site):
    soup = page(site, "/diem-ban/cho-dong-ba/")
    assert len(soup.select(".locator svg rect.locator-shop")) == 1
    region = page(site, "/dia-phuong/phu-vang/")
    assert [a["href"] for a in region.select("#shops-heading ~ ul .card-link")] == [
        "/diem-ban/cua-hang-anh-duong/", "/diem-ban/cho-dong-ba/"]


def test_published_shop_addresses_are_guarded(site, tmp_path):
    cat = fixture_catalogue(tmp_path / "content")
    settings = dict(read_settings(), CATALOGUE_TODAY=TODAY)
    loaded = load_catalogue(cat.root, settings)
    routes = build_routes(loaded.catalogue, 24)
    permalinks.update(cat.root, routes, loaded.languages)
    recorded = [path for _, path in permalinks.read_permalinks(cat.root)]
    assert "/diem-ban/cho-dong-ba/" in recorded and "/en/shops/cho-dong-ba/" in recorded
    for path in (cat.root / "shops" / "sieu-thi").iterdir():
        path.unlink()
    (cat.root / "shops" / "sieu-thi").rmdir()
    loaded = load_catalogue(cat.root, settings)
    problems = Problems()
    permalinks.check(cat.root, build_routes(loaded.catalogue, 24), loaded.languages, problems)
    gone = sorted(problem.field for problem in problems.errors)
    assert gone == sorted(f"{lang.prefix}{lang.path('shop', 'sieu-thi')[len(lang.prefix):]}"
                          for lang in loaded.languages)
    assert "/diem-ban/sieu-thi/" in gone


# ---- a product's "Where to buy" --------------------------------------------------------------------------

def sales_points(soup) -> list[tuple[str, ...]]:
    return [tuple(spaced(span.get_text(" ", strip=True)) for span in li.find_all(["a", "span"], recursive=False))
            for li in soup.select("#where-to-buy .sales-points > li")]


def test_where_to_buy_nearest_first_with_the_hours_of_the_build_day(site):
    vi = page(site, "/san-pham/nuoc-mam/")
    assert vi.select_one("#where-heading").get_text() == "Nơi mua"
    assert vi.select_one("#where-to-buy .hours-date").get_text() == (
        "Giờ mở cửa ngày Chủ Nhật, 29 tháng 11, 2026, ngày trang này được tạo: hãy kiểm tra lại trước khi đến.")
    assert sales_points(vi) == [  # the stall is 1 km from the producer, the shop (first by name) 4 km
        ("Quầy OCOP chợ Đông Ba", "Quầy hàng ở chợ · cách 1,1 km", "Chợ Đông Ba, phường Phú Xuân",
         "Giờ mở cửa: 06:00–12:00"),
        ("Cửa hàng Ánh Dương", "Cửa hàng · cách 3,9 km", "Thôn Phú Thứ", "Giờ mở cửa: Đóng cửa")]
    en = page(site, "/en/products/nuoc-mam/")
    assert en.select_one("#where-to-buy .hours-date").get_text().startswith("Opening hours on Sunday, November 29, 2026")
    assert sales_points(en) == [
        ("Dong Ba market OCOP stall", "Market stall · 1.1 km away", "Dong Ba market, Phu Xuan ward",
         "Hours: 6:00 AM – 12:00 PM"),
        ("Cửa hàng Ánh Dương", "Shop · 3.9 km away", "Thôn Phú Thứ", "Hours: Closed")]
    assert en.select_one("#where-to-buy .sales-point-name")["href"] == "/en/shops/cho-dong-ba/"
    assert [a["lang"] for a in en.select("#where-to-buy .sales-point-name") if a.has_attr("lang")] == ["vi"]
    assert en.select("#where-to-buy .directions a")[1]["href"] == (
        "https://www.google.com/maps/dir/?api=1&destination=16.42%2C107.72")
    assert en.select_one("#where-to-buy .label").get_text() == "Nearest to where it is made first."
    # the producer's own visiting hours, on the same day
    assert spaced(en.select_one(".visit-producer").get_text(" ", strip=True)) == (
        "The producer receives visitors: Closed · all opening hours")
    assert en.select_one(".visit-producer a")["href"] == "/en/producers/htx-a/#visit-heading"
    assert en.select_one(".jump a")["href"] == "#where-to-buy"


def test_where_to_buy_by_name_without_a_location(site):
    soup = page(site, "/en/products/ao-dai/")  # its producer has no location
    assert [point[0] for point in sales_points(soup)] == ["Dong Ba market OCOP stall", HOSTILE]
    assert [point[1] for point in sales_points(soup)] == ["Market stall", "Supermarket corner"]
    assert sales_points(soup)[1][3] == "Hours: by appointment"
    assert not soup.select(".visit-producer")
    assert soup.select_one("#where-to-buy p.label") is None  # no "nearest first" without a location
    assert not page(site, "/san-pham/dau-tram/").select("#where-to-buy .sales-points a[href='/diem-ban/sieu-thi/']")


def test_a_product_sold_nowhere_shows_the_producer_visiting_hours(site):
    soup = page(site, "/en/products/me-xung/")  # its producer, htx-a, receives visitors
    assert soup.select_one("#where-heading").get_text() == "Visit the workshop"
    assert not soup.select("#where-to-buy .sales-points")
    assert spaced(soup.select_one(".visit-producer").get_text(" ", strip=True)).startswith(
        "The producer receives visitors: Closed")
    assert soup.select_one(".jump a").get_text() == "Visit the workshop"


# ---- a group VI product's visit ---------------------------------------------------------------------------

def visit_facts(soup) -> list[tuple[str, str]]:
    return [(dt.get_text(strip=True), dt.find_next_sibling("dd").get_text(strip=True))
            for dt in soup.select("#visit dl dt")]


def test_a_visit_shows_its_facts_in_the_page_language(site):
    vi, en = page(site, "/san-pham/nha-vuon/"), page(site, "/en/products/nha-vuon/")
    assert vi.select_one("#visit-facts-heading").get_text() == "Chuyến tham quan"
    assert visit_facts(vi) == [("Thời gian", "1,5 giờ"), ("Số khách", "2–20 người"),
                               ("Đặt trước", "3 ngày"), ("Hướng dẫn bằng", "Tiếng Việt, Tiếng Anh, Tiếng Hàn")]
    assert en.select_one("#visit-facts-heading").get_text() == "Your visit"
    assert visit_facts(en) == [("Duration", "1.5 hours"), ("Group size", "2–20 people"),
                               ("Booking", "3 days ahead"), ("Guided in", "Vietnamese, English, Korean")]
    assert not en.select_one("#visit dd").has_attr("lang")  # the translated duration is in the page's language
    # the ways to the meeting point: the product's own location
    links = en.select("#visit .directions a")
    assert [a["href"] for a in links][:2] == [
        "https://www.openstreetmap.org/directions?route=%3B16.459%2C107.556#map=17/16.459/107.556",
        "https://www.google.com/maps/dir/?api=1&destination=16.459%2C107.556"]
    assert links[2]["href"] == "geo:16.459,107.556?q=16.459,107.556(Garden%20house%20visit)"


def test_a_visit_shows_only_what_its_entry_has(site):
    en = page(site, "/en/products/lang-nghe/")  # no translation: the Vietnamese duration, marked as such
    assert visit_facts(en) == [("Duration", "2 giờ")]
    assert en.select_one("#visit dd")["lang"] == "vi"
    assert not en.select("#visit .directions")  # no location of its own: no meeting point
    assert not page(site, "/en/products/nuoc-mam/").select("#visit")  # not a visit


# ---- a product's own place on its locator map -------------------------------------------------------------

def locator_point(tmp_path: Path, lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) falls on a locator of the fixture's regions: the maps plugin's Web Mercator fitted to the
    bounds of every region's outline, at the locator's width and margin."""
    regions = json.loads((CatalogueBuilder(tmp_path).root / "regions/regions.geojson").read_text(encoding="utf-8"))
    points = [point for feature in regions["features"] for point in feature["geometry"]["coordinates"][0]]
    bounds = (min(x for x, _ in points), min(y for _, y in points), max(x for x, _ in points), max(y for _, y in points))
    return Projection(bounds, LOCATOR_WIDTH, LOCATOR_MARGIN)(lon, lat)


def place_on(figure, kind: str) -> tuple:
    """The locator's marker of a product's own place (`kind`: meeting, made): the element and the point it marks."""
    markers = figure.select(f"svg g.locator-{kind}")
    assert len(markers) == 1
    x, y = re.fullmatch(r"translate\((\S+) (\S+)\)", markers[0]["transform"]).groups()
    return markers[0], (float(x), float(y))


@pytest.mark.parametrize("url, name, key", [
    ("/san-pham/nha-vuon/", "Điểm hẹn: Du lịch nhà vườn", ["Cơ sở sản xuất", "Điểm hẹn"]),
    ("/en/products/nha-vuon/", "Meeting point: Garden house visit", ["Producer", "Meeting point"])])
def test_the_meeting_point_is_a_flag_on_the_locator(site, tmp_path, url, name, key):
    figure = page(site, url).select_one("figure.locator")
    svg = figure.select_one("svg")
    assert svg["role"] == "group"  # an image's parts are hidden from screen readers, and this one has a named part
    flag, point = place_on(figure, "meeting")
    assert point == pytest.approx(locator_point(tmp_path, 107.556, 16.459), abs=0.06)  # the product's location
    assert flag["role"] == "img" and flag["aria-label"] == name and flag.title.get_text() == name
    assert not flag.has_attr("lang")  # the title is in the page's language
    assert flag.find(["circle", "rect"]) is None and flag.path  # a shape of its own, not a dot or a square
    assert not figure.select(".locator-made")
    # the producer's dot stays at the producer's location, another place, and the caption keys both
    dot = svg.select_one("circle.locator-marker")
    assert (float(dot["cx"]), float(dot["cy"])) == pytest.approx(locator_point(tmp_path, 107.72, 16.43), abs=0.06)
    assert [li.get_text(" ", strip=True) for li in figure.select("figcaption .locator-key li")] == key
    assert all(li.select_one("svg[aria-hidden=true]") for li in figure.select(".locator-key li"))


def test_the_meeting_point_in_a_page_of_another_language(site):
    flag, _ = place_on(page(site, "/fr/products/nha-vuon/").select_one("figure.locator"), "meeting")
    assert flag["aria-label"] == "Point de rendez-vous : Garden house visit"
    assert flag["lang"] == "en"  # the English title, the French one missing


def test_only_a_product_with_a_place_of_its_own_marks_it(site, tmp_path):
    # a visit without a meeting point, and a product made where its producer is: the producer's dot alone
    for url in ("/en/products/lang-nghe/", "/san-pham/lang-nghe/", "/en/products/nuoc-mam/"):
        figure = page(site, url).select_one("figure.locator")
        assert figure.select_one("svg")["role"] == "img", url
        assert not figure.select("svg g") and not figure.select(".locator-key"), url
        assert len(figure.select("svg circle.locator-marker")) == 1, url
    # a product of another group made at a place of its own: a diamond, named as such (not a meeting point)
    for url, name, key in (("/en/products/me-xung/", "Where it is made: Mè xửng", ["Producer", "Where it is made"]),
                           ("/san-pham/me-xung/", "Nơi sản xuất: Mè xửng", ["Cơ sở sản xuất", "Nơi sản xuất"])):
        figure = page(site, url).select_one("figure.locator")
        made, point = place_on(figure, "made")
        assert point == pytest.approx(locator_point(tmp_path, 107.74, 16.41), abs=0.06)
        assert made["role"] == "img" and made["aria-label"] == name
        assert not figure.select(".locator-meeting")
        assert [li.get_text(" ", strip=True) for li in figure.select(".locator-key li")] == key
    assert place_on(page(site, "/en/products/me-xung/").select_one("figure.locator"), "made")[0]["lang"] == "vi"


# ---- structured data (schema.org JSON-LD) -----------------------------------------------------------------

def jsonld(site: Path, url: str) -> dict:
    """The page's main JSON-LD (beside it, every page has a WebPage with its canonical URL and language)."""
    data = [json.loads(script.string) for script in page(site, url).select('script[type="application/ld+json"]')]
    assert [d["@type"] for d in data][1:] == ["WebPage"], url
    return data[0]


def test_a_sales_point_is_a_store(site):
    data = jsonld(site, "/en/shops/cho-dong-ba/")
    assert data["@type"] == "Store"
    assert data["name"] == "Dong Ba market OCOP stall"
    assert data["url"].endswith("/en/shops/cho-dong-ba/") and data["url"].startswith("http")
    assert data["telephone"] == "+842343812345"
    assert data["address"] == {"@type": "PostalAddress", "streetAddress": "Dong Ba market, Phu Xuan ward",
                               "addressRegion": "Phu Vang", "addressCountry": "VN"}
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 16.42, "longitude": 107.72}
    week = [f"https://schema.org/{day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")]
    assert data["openingHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": week, "opens": "06:00", "closes": "18:00"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Sunday"], "opens": "06:00",
         "closes": "12:00"}]
    assert jsonld(site, "/diem-ban/cho-dong-ba/")["address"]["streetAddress"] == "Chợ Đông Ba, phường Phú Xuân"


def test_hours_by_appointment_are_no_machine_hours(site):
    data = jsonld(site, "/diem-ban/sieu-thi/")
    assert data["name"] == HOSTILE and "openingHoursSpecification" not in data and "telephone" not in data
    assert "<b>" not in page(site, "/diem-ban/sieu-thi/").select_one('script[type="application/ld+json"]').string


def test_a_producer_with_hours_states_them(site):
    hours = jsonld(site, "/en/producers/htx-a/")["openingHoursSpecification"]
    weekdays = [f"https://schema.org/{day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")]
    assert hours == [{"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays, "opens": "07:30", "closes": "11:30"},
                     {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays, "opens": "13:30", "closes": "17:00"}]
    assert "openingHoursSpecification" not in jsonld(site, "/en/producers/ho-dung/")


def test_a_visit_is_a_tourist_trip_and_a_product(site):
    data = jsonld(site, "/en/products/nha-vuon/")
    assert data["@type"] == ["Product", "TouristTrip"]
    assert data["name"] == "Garden house visit" and data["additionalProperty"][0]["value"] == 4
    assert jsonld(site, "/en/products/nuoc-mam/")["@type"] == "Product"
