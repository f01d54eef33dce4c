"""The statistics page (`/thong-ke/`, `/en/statistics/`) and `invoke report`: the same figures, as a visitor
reads them under each chart and as staff get them in a spreadsheet, on a small catalogue whose every count is
known (built once for the module, as of conftest's TODAY, 2026-11-29)."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import re
from xml.etree import ElementTree

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from conftest import ROOT, TODAY, run_build, run_invoke, small_catalogue, square

VI, EN = "thong-ke/", "en/statistics/"


def statistics_catalogue(root):
    """Seven products whose stars, status, groups, regions, kinds, years, expiry and translations are chosen."""
    cat = small_catalogue(root)  # nuoc-mam (4★, I.4.a, en), dau-tram (3★, III.3), ao-dai (5★, IV.2)
    cat.regions([
        {"id": "phu-vang", "name": "Phú Vang", "name_en": "Phu Vang", "geometry": square(107.7, 16.4)},
        {"id": "dan-dien", "name": "Đan Điền", "geometry": square(107.5, 16.6)},
        {"id": "a-luoi-1", "name": "A Lưới 1", "name_en": "A Luoi 1", "geometry": square(107.2, 16.2)},
        {"id": "huong-tra", "name": "Hương Trà", "name_en": "Huong Tra", "geometry": square(107.4, 16.5)},
    ])
    cat.producer("cty-b", title="Công ty TNHH Bình An", kind="enterprise")
    cat.translation("producers", "cty-b", "en", title="Binh An Co., Ltd.", summary="A firm.")
    cat.translation("producers", "cty-b", "ko", title="빈안 주식회사", summary="회사.")
    cat.product("nuoc-mam", title="Nước mắm cá cơm", stars=4, score=80, date="2024-05-10")
    cat.product("dau-tram", title="Dầu tràm", producer="ho-dung", group="III.3", stars=3, score=60, date="2026-02-01")
    # translated once, then index.md changed: its record no longer matches ("may be out of date")
    cat.translation("products", "dau-tram", "en", title="Cajeput oil", summary="Oil.",
                    translated_from={"title": "000000"})
    cat.product("ao-dai", title="Áo dài", producer="ho-dung", group="IV.2", stars=5, score=95, date="2026-06-01")
    cat.translation("products", "ao-dai", "ko", title="아오자이", summary="전통 의상.")
    certificate = {"decision": "9/QĐ-UBND", "issued_by": "UBND tỉnh"}
    cat.product("mam-ruoc", title="Mắm ruốc", group="I.4.b", stars=3, score=55, date="2024-02-01",
                certificate={**certificate, "date": "2024-01-20", "expires": "2027-01-20"})  # in 52 days
    cat.product("che-bo", title="Rượu chè bồ", producer="cty-b", group="II.1.a", stars=4, score=72,
                certificate={**certificate, "date": "2024-04-15", "expires": "2027-04-15"})  # in 137 days; no date
    cat.product("tra-gung", title="Trà gừng", producer="cty-b", group="I.3.d", stars=3, score=51, region="a-luoi-1",
                date="2024-07-07", certificate={**certificate, "date": "2023-01-01"})  # expired 2026-01-01
    cat.product("non-la", title="Nón lá", group="IV.2", stars=2, score=40, certificate=None, date="2026-03-03")
    cat.shop("quay-a")
    return cat


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("statistics")
    cat = statistics_catalogue(root / "content")
    result = run_build(cat.root, root / "out")
    assert result.returncode == 0, result.stderr
    return cat, root / "out"


def page(out, path) -> BeautifulSoup:
    return BeautifulSoup((out / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def table_rows(soup, name) -> list[tuple[str, list[str]]]:
    """(row name, [every cell's text]) of the page's table `name`, as a reader sees them."""
    table = soup.select_one(f"table#table-{name}")
    return [(words(tr.find("th")), [words(cell) for cell in tr.find_all(["th", "td"])]) for tr in table.select("tbody tr")]


def column(soup, name, title) -> dict[str, str]:
    """Row name → the text of column `title` in table `name`."""
    table = soup.select_one(f"table#table-{name}")
    index = [words(th) for th in table.select("thead th")].index(title)
    return {name: cells[index] for name, cells in table_rows(soup, name)}


@dataclasses.dataclass
class Bar:
    name: str
    value: int
    width: float  # percent
    track: float | None
    text: str


def bars(svg: ElementTree.Element) -> list[Bar]:
    """The bars of a chart as drawn: the name lines above each bar, its length, its written value."""
    found, name, track = [], [], None
    for element in svg:
        tag, css = element.tag.split("}")[-1], element.get("class", "")
        if tag == "text" and "chart-name" in css:
            name.append(element.text)
        elif tag == "rect" and "chart-track" in css:
            track = float(element.get("width").rstrip("%"))
        elif tag == "rect" and "chart-bar" in css:
            found.append(Bar(" ".join(name), 0, float(element.get("width").rstrip("%")), track, ""))
            name, track = [], None
        elif tag == "text" and "chart-value" in css:  # the value written after the bar: "3", "1 / 7"
            found[-1].text = element.text
            found[-1].value = int(element.text.split(" / ")[0].replace(",", ""))
    return found


def charts(out, path) -> dict[str, ElementTree.Element]:
    """Each chart of the page (parsed as XML, exactly as written) by the table it draws."""
    html = (out / path / "index.html").read_text(encoding="utf-8")
    svgs = [ElementTree.fromstring(s) for s in re.findall(r'<svg class="chart-svg".*?</svg>', html, re.S)]
    return {svg.get("data-table").removeprefix("table-"): svg for svg in svgs}


# ---- the page ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [VI, EN])
def test_every_bar_is_a_row_of_its_table(site, path):
    _, out = site
    soup = page(out, path)
    drawn = charts(out, path)
    assert set(drawn) == {"status", "stars", "groups", "regions", "kinds", "years", "translations"}
    for name, svg in drawn.items():
        assert svg.get("role") == "img" and svg.find("{http://www.w3.org/2000/svg}title").text.strip()
        rows = table_rows(soup, name)
        chart = bars(svg)
        if name != "translations":
            assert [bar.name for bar in chart] == [row for row, _cells in rows], name
        # lengths proportional to the values (and the tracks to the totals), drawn to 0.01 % of the width
        lengths = [(bar.width, bar.value) for bar in chart]
        lengths += [(bar.track, int(bar.text.split(" / ")[1])) for bar in chart if bar.track is not None]
        longest = max(lengths, key=lambda length: length[1])
        assert all(abs(width - value * longest[0] / longest[1]) <= 0.01 for width, value in lengths), (name, lengths)
        for bar in chart:
            cells = next(cells for row, cells in rows if row == bar.name and bar.text.split(" / ")[0] in cells)
            assert all(number in cells for number in bar.text.split(" / ")), (name, bar)


def test_the_counts_are_the_catalogues(site):
    _, out = site
    soup = page(out, EN)
    drawn = charts(out, EN)
    assert [(b.name, b.value) for b in bars(drawn["stars"])] == [
        ("OCOP 5-star", 1), ("OCOP 4-star", 2), ("OCOP 3-star", 3), ("2-star, not certified", 1),
        ("1-star, not certified", 0)]
    assert [(b.name, b.value) for b in bars(drawn["status"])] == [
        ("Certified", 5), ("Certificate expired", 1), ("Below 3 stars, not certified", 1)]
    # a chart of categories tells them apart by pattern too, not by colour alone
    assert [r.get("class") for r in drawn["status"].iter("{http://www.w3.org/2000/svg}rect")
            if "chart-bar" in r.get("class", "")] == ["chart-bar", "chart-bar chart-hatched", "chart-bar chart-dotted"]
    assert [b.value for b in bars(drawn["groups"])] == [3, 1, 1, 2, 0, 0]
    assert [(b.name, b.value) for b in bars(drawn["regions"])] == [("Phu Vang", 4), ("Đan Điền", 2), ("A Luoi 1", 1)]
    assert "1 region has no products yet." in words(soup)
    assert column(soup, "kinds", "Producers") == {"Cooperative": "1", "Enterprise": "1", "Cooperative group": "0",
                                                  "Household business": "1"}
    assert [(b.name, b.value) for b in bars(drawn["kinds"])] == [
        ("Cooperative", 3), ("Enterprise", 2), ("Cooperative group", 0), ("Household business", 2)]
    assert [(b.name, b.value) for b in bars(drawn["years"])] == [("2024", 3), ("2025", 0), ("2026", 3)]
    assert "1 product has no listing date." in words(soup)
    key = {words(div.dt): words(div.dd) for div in soup.select(".key-figures div")}
    assert key["Products"] == "7" and key["Producers"] == "3" and key["Sales points"] == "1"


def test_sub_groups_on_demand(site):
    _, out = site
    soup = page(out, EN)
    (food,) = [d for d in soup.select("details.subgroups") if "Food" in words(d.summary)]
    assert not food.has_attr("open")  # shown when asked for
    assert [(code, n) for _name, (code, _sub, n) in table_rows(food, "subgroups-i")] == [
        ("I.3", "1"), ("I.3.d", "1"), ("I.4", "2"), ("I.4.a", "1"), ("I.4.b", "1")]
    assert food.select_one("a[href='/en/groups/i-4-b/']").get_text() == "Other seasonings"
    assert len(soup.select("details.subgroups")) == 4  # I, II, III and IV have sub-groups with products


def test_certificates_expiring_within_90_and_180_days(site):
    _, out = site
    soup = page(out, EN)
    section = soup.select_one("section[aria-labelledby=expiring-heading]")
    assert words(section.h2) == "Certificates expiring within 180 days"
    assert [words(li) for li in section.select(".expiry-windows li")] == [
        "1 certificate expires within 90 days", "2 certificates expire within 180 days"]
    rows = table_rows(soup, "expiring")
    assert [cells for _name, cells in rows] == [
        ["Mắm ruốc", "HTX Nước mắm Tân Mỹ", "OCOP 3-star", "January 20, 2027", "52"],
        ["Rượu chè bồ", "Binh An Co., Ltd.", "OCOP 4-star", "April 15, 2027", "137"]]
    links = [a["href"] for a in section.select("tbody a")]
    assert links == ["/en/products/mam-ruoc/", "/en/producers/htx-a/", "/en/products/che-bo/", "/en/producers/cty-b/"]
    assert section.select_one("tbody a[lang=vi]").get_text() == "Mắm ruốc"  # shown untranslated, said so
    vi = table_rows(page(out, VI), "expiring")
    assert [cells[3] for _name, cells in vi] == ["20 tháng 1, 2027", "15 tháng 4, 2027"]
    assert page(out, VI).select_one("table#table-expiring a")["href"] == "/san-pham/mam-ruoc/"


def test_translation_coverage_counts_stale_apart_from_missing(site):
    _, out = site
    rows = table_rows(page(out, EN), "translations")
    by = {(name, cells[1]): cells[2:] for name, cells in rows}
    # entries, up to date, may be out of date, not translated, shown instead in
    assert by[("English", "Products")] == ["7", "1", "1", "5", "Vietnamese: 5"]
    assert by[("Korean", "Products")] == ["7", "1", "0", "6", "English: 2; Vietnamese: 4"]
    assert by[("Korean", "Producers")] == ["3", "1", "0", "2", "Vietnamese: 2"]
    assert by[("English", "Sales points")] == ["1", "0", "0", "1", "Vietnamese: 1"]
    chart = bars(charts(out, EN)["translations"])
    assert [(b.name, b.text) for b in chart[:2]] == [("English", "1 / 7"), ("Korean", "1 / 7")]


def test_as_of_the_build_date_in_the_pages_language(site):
    _, out = site
    assert "as of November 29, 2026" in words(page(out, EN).select_one(".lead"))
    assert "tính đến ngày 29 tháng 11, 2026" in words(page(out, VI).select_one(".lead"))
    assert page(out, VI).html["lang"] == "vi" and words(page(out, VI).h1) == "Thống kê"


def test_numbers_are_formatted_for_the_pages_locale(site):
    """A national catalogue's thousands: "12.345" in Vietnamese, "12,345" in English, in charts and tables."""
    from catalogue_tools.context import load_catalogue, read_settings
    from ocop.catalogue.views import MarkdownRenderer, Site
    from ocop.i18n.translations import load_translations
    from ocop.statistics.figures import Tally, count
    from ocop.statistics.views import StatisticsView

    cat, _ = site
    settings = {**read_settings(), "CATALOGUE_TODAY": TODAY}
    catalogue = load_catalogue(cat.root, settings).catalogue
    figures = dataclasses.replace(count(catalogue, catalogue.languages, catalogue.today),
                                  by_stars=(Tally(5, 12345), Tally(4, 1200)))
    for code, text in (("vi", "12.345"), ("en", "12,345"), ("fr", "12\u202f345")):
        lang = next(lang for lang in catalogue.languages if lang.code == code)
        view = StatisticsView(figures, catalogue, Site(catalogue, lang, "", MarkdownRenderer(), settings),
                              load_translations(ROOT / "theme" / "translations", code))
        assert view.chart("stars").bars[0].value_text == text
        assert view.text(view.tables["stars"].rows[0][1]) == text
        assert view.text(view.tables["expiring"].rows[0][3]) == format_date(datetime.date(2027, 1, 20), "long",
                                                                            locale=lang.locale)


@pytest.mark.parametrize("home, other, path", [("", "san-pham/nuoc-mam/", VI), ("en/", "en/products/nuoc-mam/", EN)])
def test_linked_from_the_footer_and_the_home_page(site, home, other, path):
    _, out = site
    for url in (home, other, path):
        assert page(out, url).select_one(f".site-footer a[href='/{path}']"), url
    assert page(out, home).select_one(f"main a[href='/{path}']")
    assert page(out, path).select_one(f".site-footer a[href='/{path}']")["aria-current"] == "page"


# ---- invoke report --------------------------------------------------------------------------------------


def sheet_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_spreadsheet_has_the_pages_numbers(site, tmp_path):
    cat, out = site
    target = tmp_path / "bao-cao.xlsx"
    result = run_invoke("report", "--content", str(cat.root), "--as-of", TODAY, "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert "2 within 180 days" in result.stdout
    book = load_workbook(target)
    names = book.sheetnames
    assert names[0] == "Tóm tắt" and len(names) == 10  # one sheet per table, in the page's language
    soup = page(out, VI)
    sheets = dict(zip(["summary", "status", "stars", "groups", "subgroups", "regions", "kinds", "years", "expiring",
                       "translations"], (book[name] for name in names)))
    for name in ("status", "stars", "groups", "regions", "kinds", "years", "translations"):
        header, *rows = sheet_rows(sheets[name])
        table = soup.select_one(f"table#table-{name}")
        assert header == [words(th) for th in table.select("thead th")], name  # headers in Vietnamese
        assert [[str(value) if value is not None else "" for value in row] for row in rows] == \
            [cells for _name, cells in table_rows(soup, name)], name
    header, *rows = sheet_rows(sheets["expiring"])
    assert header[-1] == "Trang" and [row[:5] for row in rows] == [
        ["Mắm ruốc", "HTX Nước mắm Tân Mỹ", "OCOP 3 sao", datetime.datetime(2027, 1, 20), 52],
        ["Rượu chè bồ", "Công ty TNHH Bình An", "OCOP 4 sao", datetime.datetime(2027, 4, 15), 137]]
    assert rows[0][5] == "https://ocop.hue.example.vn/san-pham/mam-ruoc/"
    assert sheets["expiring"]["F2"].hyperlink.target == rows[0][5]
    summary = dict(sheet_rows(sheets["summary"])[1:])
    assert summary["Sản phẩm"] == 7 and summary["Ngày số liệu"] == datetime.datetime(2026, 11, 29)
    subgroups = sheet_rows(sheets["subgroups"])
    assert subgroups[0] == ["Nhóm", "Mã", "Phân nhóm", "Sản phẩm"]
    assert [(row[0], row[1], row[3]) for row in subgroups[1:]] == [
        ("I", "I.3", 1), ("I", "I.3.d", 1), ("I", "I.4", 2), ("I", "I.4.a", 1), ("I", "I.4.b", 1), ("II", "II.1", 1),
        ("II", "II.1.a", 1), ("III", "III.3", 1), ("IV", "IV.2", 2)]
    assert subgroups[1][2] == "Thực phẩm chế biến" and sheets["subgroups"]["C3"].alignment.indent == 1


def test_as_of_moves_a_certificate_from_certified_to_expired(site, tmp_path):
    cat, _ = site
    statuses = {}
    for day in ("2027-01-20", "2027-01-21"):  # the certificate of mam-ruoc is valid through 2027-01-20
        target = tmp_path / f"{day}.xlsx"
        result = run_invoke("report", "--content", str(cat.root), "--lang", "en", "--as-of", day, "--output", str(target))
        assert result.returncode == 0, result.stderr
        book = load_workbook(target)
        statuses[day] = dict(sheet_rows(book["Certificates"])[1:])
        expiring = [row[0] for row in sheet_rows(book["Expiring certificates"])[1:]]
        assert ("Mắm ruốc" in expiring) == (day == "2027-01-20")
    assert statuses["2027-01-20"] == {"Certified": 5, "Certificate expired": 1, "Below 3 stars, not certified": 1}
    assert statuses["2027-01-21"] == {"Certified": 4, "Certificate expired": 2, "Below 3 stars, not certified": 1}


def test_csv_format_is_a_folder_of_utf8_files_with_a_byte_order_mark(site, tmp_path):
    cat, _ = site
    folder = tmp_path / "csv"
    result = run_invoke("report", "--content", str(cat.root), "--lang", "en", "--as-of", TODAY, "--format", "csv",
                        "--output", str(folder))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.csv" for name in (
        "summary", "status", "stars", "groups", "subgroups", "regions", "kinds", "years", "expiring", "translations"))
    assert (folder / "status.csv").read_bytes().startswith(b"\xef\xbb\xbfStatus,Products")
    with (folder / "expiring.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Product", "Producer", "Stars", "Expires", "Days left", "Page"]
    assert rows[1] == ["Mắm ruốc", "HTX Nước mắm Tân Mỹ", "OCOP 3-star", "2027-01-20", "52",
                       "https://ocop.hue.example.vn/en/products/mam-ruoc/"]
    with (folder / "translations.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert ["Korean", "Products", "7", "1", "0", "6", "English: 2; Vietnamese: 4"] in list(csv.reader(handle))


@pytest.mark.parametrize("options, message", [
    (["--as-of", "2027-02-30"], "--as-of: '2027-02-30' is not a date; write it as YYYY-MM-DD"),
    (["--lang", "de"], "--lang: 'de' is not a language of the site; use one of vi, en, ko, zh, ja, fr"),
    (["--format", "pdf"], "--format: 'pdf' is not a format of the report; use xlsx or csv"),
    (["--output", "bao-cao.csv"], "--output: 'bao-cao.csv': a spreadsheet's file name ends in .xlsx"),
])
def test_a_wrong_option_is_one_clear_line(site, tmp_path, options, message):
    cat, _ = site
    result = run_invoke("report", "--content", str(cat.root), *options)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr
    assert "Traceback" not in result.stderr
