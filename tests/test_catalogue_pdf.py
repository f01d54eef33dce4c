"""`invoke catalogue-pdf`: the printed catalogue, read back as a person would: its pages, its text with
Vietnamese diacritics, its fonts, its QR codes scanned, where to buy the products; the filter options and
their mistakes."""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from pypdf import PdfReader

from catalogue_tools.context import load_catalogue, read_settings
from conftest import CatalogueBuilder, run_build, run_invoke
from ocop.catalogue.views import MarkdownRenderer, Site
from ocop.print_catalogue.document import PrintCatalogue
from ocop.print_catalogue.pdf import PrintTheme
from ocop.print_catalogue.selection import select

SITE = "https://ocop.hue.example.vn"  # PUBLIC_SITEURL of pelicanconf.py


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def print_catalogue(tmp_path_factory) -> CatalogueBuilder:
    """Five products in three top-level groups (three in group I), with names full of diacritics."""
    cat = CatalogueBuilder(tmp_path_factory.mktemp("print") / "content")
    cat.producer("htx-a", title="HTX Nước mắm Tân Mỹ", address="Thôn Tân Mỹ, xã Phú Vang",
                 phone=["0234 3812 345", "0905 812 345"], zalo="0905 812 345", email="tanmy@example.com")
    cat.producer("ho-dung", title="Hộ kinh doanh Đức Dũng", kind="household", region="dan-dien", phone=None,
                 zalo="0914 552 186", email="ducdung@example.com")
    cat.product("nuoc-mam", title="Nước mắm cá cơm Tân Mỹ", stars=4, score=80, trade={
        "min_order": {"quantity": 1000, "unit": "chai 500 ml"},
        "capacity": {"quantity": 20000, "unit": "chai", "per": "month"}, "export_markets": ["KR"]},
        certifications=[{"scheme": "haccp", "expires": "2028-01-01"}, {"scheme": "vietgap", "expires": "2026-01-10"},
                        {"scheme": "other", "name": "Sản phẩm công nghiệp nông thôn tiêu biểu"}])
    cat.translation("products", "nuoc-mam", "en", title="Tan My anchovy fish sauce", summary="Fish sauce.",
                    images=[{"file": "anh-1.jpg", "alt": "A bottle"}],
                    trade={"min_order": {"unit": "500 ml bottles"}, "capacity": {"unit": "bottles"}},
                    certifications=[None, None, {"name": "Outstanding rural industrial product"}])
    cat.product("me-xung", title="Mè xửng dẻo Đông Ba", group="I.3.d", stars=3, score=60)
    cat.product("buoi", title="Bưởi thanh trà Thủy Biều", group="I.1.a", stars=5, score=92)
    cat.product("dau-tram", title="Dầu tràm nguyên chất", producer="ho-dung", group="III.3", stars=3, score=60)
    cat.product("ao-dai", title="Áo dài lụa thêu tay", producer="ho-dung", group="IV.2", stars=5, score=95)
    # where to buy them: a stall selling me-xung and everything of ho-dung, a workshop by appointment, an
    # airport shop without opening hours
    cat.shop("cho-dong-ba", title="Quầy đặc sản chợ Đông Ba", address="Quầy 14, chợ Đông Ba, phường Phú Xuân",
             products=["me-xung"], producers=["ho-dung"], phone="0234 3526 789",
             opening_hours="Mo-Sa 07:30-11:30,13:30-17:00; Su off")
    cat.translation("shops", "cho-dong-ba", "en", title="Dong Ba market OCOP stall", summary="A stall.",
                    address="Stall 14, Dong Ba market, Phu Xuan ward")
    cat.shop("xuong-non", title="Xưởng nón lá Mệ Hoa", kind="producer-shop", region="dan-dien",
             address="Thôn Phú Thượng", location={"lat": 16.62, "lon": 107.52}, products=["ao-dai"],
             zalo="0935 118 246", opening_hours='"by appointment"')
    cat.shop("san-bay", title="Quầy OCOP sân bay Phú Bài", kind="airport", address="Nhà ga hành khách",
             products=["nuoc-mam"], phone="0234 3861 131")
    return cat


GROUP_OF = {"nuoc-mam": "I", "me-xung": "I", "buoi": "I", "dau-tram": "III", "ao-dai": "IV"}
TITLES = {"nuoc-mam": "Nước mắm cá cơm Tân Mỹ", "me-xung": "Mè xửng dẻo Đông Ba", "buoi": "Bưởi thanh trà Thủy Biều",
          "dau-tram": "Dầu tràm nguyên chất", "ao-dai": "Áo dài lụa thêu tay"}
ENGLISH_TITLES = {"nuoc-mam": "Tan My anchovy fish sauce"}
SHOPS = {"cho-dong-ba": "Quầy đặc sản chợ Đông Ba", "xuong-non": "Xưởng nón lá Mệ Hoa",
         "san-bay": "Quầy OCOP sân bay Phú Bài"}


def make_pdf(catalogue: CatalogueBuilder, output: Path, *options: str):
    result = run_invoke("catalogue-pdf", "--content", str(catalogue.root), "--output", str(output), *options)
    return result


@pytest.fixture(scope="module")
def vietnamese_pdf(print_catalogue, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("pdf") / "vi.pdf"
    result = make_pdf(print_catalogue, output, "--lang", "vi")
    assert result.returncode == 0, result.stderr
    assert f"{output}: " in result.stdout and " pages, " in result.stdout
    return output


def pdf_text(path: Path) -> list[str]:
    return [nfc(page.extract_text()) for page in PdfReader(path).pages]


def test_pages_cover_contents_two_cards_a_page_where_to_buy_and_the_index(vietnamese_pdf):
    # cover + contents + each top-level group from a new page, two cards a page + where to buy + index
    cards_pages = sum(math.ceil(n / 2) for n in Counter(GROUP_OF.values()).values())
    pages = pdf_text(vietnamese_pdf)
    assert len(pages) == 1 + 1 + cards_pages + 1 + 1 == 8
    assert "Chương trình Mỗi xã một sản phẩm (OCOP)" in pages[0]
    assert "Toàn bộ sản phẩm của danh mục" in pages[0] and "Ấn bản ngày" in pages[0]
    assert "Mục lục" in pages[1] and pages[-2].startswith("Nơi mua") and "Danh sách cơ sở sản xuất" in pages[-1]
    assert pages[2].rstrip().endswith("3 / 8")  # page numbers in the footer
    catalog = PdfReader(vietnamese_pdf).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "vi"  # tagged, in its language


def test_every_product_name_with_its_diacritics_and_the_contents_page_numbers(vietnamese_pdf):
    pages = pdf_text(vietnamese_pdf)
    text = "\n".join(pages)
    for title in TITLES.values():
        assert nfc(title) in text
    card_page = {slug: next(i for i, page in enumerate(pages[2:-1], start=3) if TITLES[slug] in page)
                 for slug in TITLES}
    assert card_page["ao-dai"] == 8 - 2  # the last group's card, before where to buy and the index
    # contents: "I Thực phẩm (3) ...... 3"; index: each product with the page of its card
    assert any(line.startswith("I Thực phẩm (3)") and line.endswith(" 3") for line in pages[1].splitlines())
    index_lines = pages[-1].splitlines()
    for slug, title in TITLES.items():
        assert any(line.startswith(title) and line.endswith(f" {card_page[slug]}") for line in index_lines), title
    # Vietnamese order of producers: Hộ … before HTX …
    assert pages[-1].index("Hộ kinh doanh Đức Dũng") < pages[-1].index("HTX Nước mắm Tân Mỹ")


def test_fonts_are_embedded(vietnamese_pdf):
    for page in PdfReader(vietnamese_pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded, not referenced
    assert {"Noto-Sans", "Noto-Sans-Bold", "DejaVu-Sans-Bold"} <= embedded_fonts(vietnamese_pdf)


def scanned(path: Path, pages=None) -> list[str]:
    """The text of every QR code on the pages (all of them by default), as a phone reads paper: 150 dpi."""
    document = pypdfium2.PdfDocument(str(path))
    found = []
    for index in pages if pages is not None else range(len(document)):
        found += [code.text for code in zxingcpp.read_barcodes(document[index].render(scale=150 / 72).to_pil())]
    return found


def test_qr_codes_scan_to_the_permanent_product_and_sales_point_urls(vietnamese_pdf):
    assert sorted(scanned(vietnamese_pdf)) == sorted([*(f"{SITE}/san-pham/{slug}/" for slug in TITLES),
                                                      *(f"{SITE}/diem-ban/{slug}/" for slug in SHOPS)])


def words(text: str) -> str:
    return " ".join(text.split())  # thin and no-break spaces of the time formats too


def test_where_to_buy_lists_each_sales_point_by_region_with_hours_contact_and_qr_code(vietnamese_pdf):
    pages = pdf_text(vietnamese_pdf)
    page = words(pages[-2])
    # in the contents, with its page; regions and sales points in Vietnamese order (Đan before Phú, đặc before OCOP)
    assert any(line.startswith("Nơi mua") and line.endswith(f" {len(pages) - 1}") for line in pages[1].splitlines())
    assert page.startswith("Nơi mua Các điểm bán sản phẩm trong danh mục này, theo địa phương")
    assert page.index("Đan Điền") < page.index(SHOPS["xuong-non"]) < page.index("Phú Vang") \
        < page.index(SHOPS["cho-dong-ba"]) < page.index(SHOPS["san-bay"])
    stall = page[page.index(SHOPS["cho-dong-ba"]):page.index(SHOPS["san-bay"])]
    assert stall.startswith(f"{SHOPS['cho-dong-ba']} Quầy hàng ở chợ Địa chỉ Quầy 14, chợ Đông Ba, phường Phú Xuân "
                            "Điện thoại 0234 3526 789")
    # the week as the shop's page has it, Monday first, the closed Sunday said
    assert "Giờ mở cửa Thứ Hai 07:30–11:30, 13:30–17:00 Thứ Ba 07:30–11:30, 13:30–17:00" in stall
    assert "Thứ Bảy 07:30–11:30, 13:30–17:00 Chủ Nhật Đóng cửa" in stall
    assert f"{SITE}/diem-ban/cho-dong-ba/" in stall
    workshop = page[page.index(SHOPS["xuong-non"]):page.index("Phú Vang")]
    assert "Cửa hàng của cơ sở sản xuất" in workshop and "Zalo 0935 118 246" in workshop
    assert "Giờ mở cửa: theo hẹn trước" in workshop and "Thứ Hai" not in workshop
    airport = page[page.index(SHOPS["san-bay"]):]
    assert "Cửa hàng tại sân bay" in airport and "Chưa có giờ mở cửa: hãy gọi điện trước khi đến." in airport
    assert sorted(scanned(vietnamese_pdf, [len(pages) - 2])) == sorted(f"{SITE}/diem-ban/{slug}/" for slug in SHOPS)


def card_texts(path: Path) -> dict[str, str]:
    """The text of each product's card (slug → words joined by single spaces), cut at the titles."""
    cards = {}
    for page in pdf_text(path)[2:-1]:
        words = " ".join(page.split())
        found = sorted((words.find(title), slug) for slug, title in [*TITLES.items(), *ENGLISH_TITLES.items()]
                       if title in words)
        for (start, slug), (end, _) in zip(found, [*found[1:], (len(words), "")]):
            cards[slug] = words[start:end]
    return cards


def test_cards_show_minimum_order_capacity_certifications_and_one_contact(vietnamese_pdf):
    cards = card_texts(vietnamese_pdf)
    fish_sauce = cards["nuoc-mam"]
    assert "Đơn hàng tối thiểu: 1.000 chai 500 ml" in fish_sauce
    assert "Năng lực sản xuất: 20.000 chai mỗi tháng" in fish_sauce
    assert "Các chứng nhận khác: HACCP, VietGAP (hết hạn), Sản phẩm công nghiệp nông thôn tiêu biểu" in fish_sauce
    assert "Điện thoại 0234 3812 345" in fish_sauce  # the first phone number; no second contact line
    assert "0905 812 345" not in fish_sauce and "tanmy@example.com" not in fish_sauce
    tea_tree_oil = cards["dau-tram"]  # a producer without a phone: its Zalo; and no facts for buyers
    assert "Zalo 0914 552 186" in tea_tree_oil and "ducdung@example.com" not in tea_tree_oil
    assert "Đơn hàng tối thiểu" not in tea_tree_oil and "chứng nhận khác" not in tea_tree_oil


def card_frames(page) -> list[tuple[float, float, float, float]]:
    """The borders of the cards on a page (pdfium's page objects), as (left, bottom, right, top) in points."""
    frames = []
    for item in page.get_objects(max_depth=5):
        if item.type == pypdfium2.raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = item.get_bounds()
            if right - left > 400 and top - bottom > 200:  # a card: 180 mm wide, at least 116 mm high
                frames.append((left, bottom, right, top))
    return frames


@pytest.mark.slow  # prints another PDF
def test_a_card_with_more_than_fits_grows_and_hides_nothing(catalogue, tmp_path):
    catalogue.producer("ho-dung", title="Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp Thủy Thanh Hương Thủy", kind="household",
                       region="dan-dien", address="Tổ dân phố Thanh Thủy Chánh, phường Thủy Thanh, thành phố Huế")
    catalogue.product("dau-tram", title="Dầu tràm nguyên chất chưng cất thủ công từ lá tràm rừng Phong Điền",
                      producer="ho-dung", group="III.3", stars=3, score=60, summary="Dầu tràm " * 22,
                      trade={"min_order": {"quantity": 100, "unit": "thùng 48 chai thủy tinh 50 ml"},
                             "capacity": {"quantity": 20000, "unit": "chai thủy tinh 50 ml", "per": "year"}},
                      certifications=[{"scheme": s} for s in ("haccp", "iso-22000", "fssc-22000", "organic-vn",
                                                              "organic-usda", "organic-eu", "food-safety-facility")])
    catalogue.product("tinh-dau", title="Tinh dầu sả", producer="ho-dung", group="III.3", stars=3, score=60)
    output = tmp_path / "vi.pdf"
    assert make_pdf(catalogue, output, "--lang", "vi", "--group", "III").returncode == 0
    document = pypdfium2.PdfDocument(str(output))
    pages = pdf_text(output)
    big = next(i for i, text in enumerate(pages) if "Dầu tràm nguyên chất" in text)
    assert "Tinh dầu sả" not in pages[big] and "Tinh dầu sả" in pages[big + 1]  # the next card: the next page
    text = document[big].get_textpage()

    def height(words):  # (bottom, top) of the first line with these words
        _left, bottom, _right, top = text.get_charbox(text.search(words).get_next()[0])
        return bottom, top

    title, last_line = height("Dầu tràm nguyên chất"), height("Địa phương")
    [frame] = [f for f in card_frames(document[big]) if f[1] < title[0] and title[1] < f[3]]
    assert frame[1] < last_line[0] and last_line[1] < frame[3]  # the card's last line is inside its frame


@pytest.fixture(scope="module")
def english_pdf(print_catalogue, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("pdf") / "en.pdf"
    result = make_pdf(print_catalogue, output, "--lang", "en")
    assert result.returncode == 0, result.stderr
    return output


@pytest.mark.slow  # prints another PDF
def test_english_cards_show_the_facts_for_buyers_in_english(english_pdf):
    cards = card_texts(english_pdf)
    fish_sauce = cards["nuoc-mam"]
    assert "Minimum order: 1,000 500 ml bottles" in fish_sauce
    assert "Capacity: 20,000 bottles a month" in fish_sauce
    assert "Other certifications: HACCP, VietGAP (expired), Outstanding rural industrial product" in fish_sauce
    assert "Phone +84 234 3812 345" in fish_sauce  # dialled from abroad
    assert "Zalo 0914 552 186" in cards["dau-tram"]


@pytest.mark.slow  # prints another PDF
def test_english_catalogue_uses_translations_and_english_urls(english_pdf):
    output = english_pdf
    text = "\n".join(pdf_text(output))
    assert "One Commune One Product (OCOP)" in text and "Index of producers" in text
    assert "Tan My anchovy fish sauce" in text and "Mè xửng dẻo Đông Ba" in text  # untranslated: Vietnamese
    assert f"{SITE}/en/products/nuoc-mam/" in "".join(text.split())  # printed under the QR code, wrapped


@pytest.mark.slow  # prints another PDF
def test_english_where_to_buy_names_kinds_days_and_times_in_english(english_pdf):
    pages = pdf_text(english_pdf)
    page = words(pages[-2])
    assert page.startswith("Where to buy The sales points of the products in this catalogue")
    stall = page[page.index("Dong Ba market OCOP stall"):]
    assert stall.startswith("Dong Ba market OCOP stall Market stall Address Stall 14, Dong Ba market, Phu Xuan ward "
                            "Phone +84 234 3526 789")
    assert "Opening hours Monday 7:30 – 11:30 AM, 1:30 – 5:00 PM" in stall and "Sunday Closed" in stall
    assert f"{SITE}/en/shops/cho-dong-ba/" in stall
    assert "Producer's shop" in page and "Opening hours: by appointment" in page and "Airport shop" in page
    assert "Xưởng nón lá Mệ Hoa" in page  # untranslated: its Vietnamese name
    assert sorted(scanned(english_pdf, [len(pages) - 2])) == sorted(f"{SITE}/en/shops/{slug}/" for slug in SHOPS)


@pytest.mark.slow  # prints four more PDFs
@pytest.mark.parametrize("option, value, expected, shops", [
    # a selection's sales points: those selling a printed product, wherever they are (the stall in Phú Vang
    # sells Đan Điền's products)
    ("--region", "dan-dien", {"dau-tram", "ao-dai"}, {"cho-dong-ba", "xuong-non"}),
    ("--min-stars", "5", {"buoi", "ao-dai"}, {"cho-dong-ba", "xuong-non"}),
    ("--group", "I.3", {"me-xung"}, {"cho-dong-ba"}),
    ("--group", "i", {"nuoc-mam", "me-xung", "buoi"}, {"cho-dong-ba", "san-bay"}),
])
def test_filters_print_only_the_matching_products_and_their_sales_points(print_catalogue, tmp_path, option, value,
                                                                         expected, shops):
    output = tmp_path / "filtered.pdf"
    result = make_pdf(print_catalogue, output, "--lang", "vi", option, value)
    assert result.returncode == 0, result.stderr
    text = "\n".join(pdf_text(output))
    assert {slug for slug, title in TITLES.items() if title in text} == expected
    assert {slug for slug, title in SHOPS.items() if title in text} == shops


@pytest.mark.parametrize("options, message", [
    (["--lang", "vi", "--region", "hanoi"], "--region: 'hanoi' is not a region of the catalogue"),
    (["--lang", "vi", "--group", "IX.9"], "--group: 'IX.9' is not an OCOP product group code"),
    (["--lang", "vi", "--min-stars", "7"], "--min-stars: '7' is not a star level; use a whole number from 1 to 5"),
    (["--lang", "xx"], "--lang: xx is not a language of the site; use one of vi, en"),
    (["--lang", "vi", "--region", "a-luoi-1"], "no product matches --region a-luoi-1: nothing to print"),
])
def test_bad_options_are_one_clear_line(print_catalogue, tmp_path, options, message):
    output = tmp_path / "never.pdf"
    result = make_pdf(print_catalogue, output, *options)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not output.exists()


def test_output_needs_a_language_when_the_site_has_several(print_catalogue, tmp_path):
    result = run_invoke("catalogue-pdf", "--content", str(print_catalogue.root), "--output", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and "--output: names one file" in result.stderr


def test_site_links_and_publishes_the_pdfs_it_is_given(catalogue, tmp_path):
    folder = tmp_path / "print"
    (folder / "danh-muc").mkdir(parents=True)
    (folder / "danh-muc/ocop-hue-vi.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 1_500_000)
    result = run_build(catalogue.root, tmp_path / "out", "-e", f'PRINT_CATALOGUE_FOLDER="{folder}"')
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert '<a href="/danh-muc/ocop-hue-vi.pdf" type="application/pdf">Danh mục sản phẩm để in (PDF, 1,4 MB)</a>' in home
    assert (tmp_path / "out/danh-muc/ocop-hue-vi.pdf").stat().st_size > 1_500_000
    assert "ocop-hue-en.pdf" not in (tmp_path / "out/en/index.html").read_text(encoding="utf-8")  # none printed



def embedded_fonts(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            names.add(str(descriptor["/FontName"]).split("+")[-1])
    return names


def test_a_cjk_language_needs_only_its_settings_and_prints_with_noto_sans_cjk(print_catalogue, tmp_path):
    from catalogue_tools.catalogue_pdf import print_catalogues
    from catalogue_tools.context import read_settings

    settings = read_settings()
    settings["CATALOGUE_LANGUAGES"] = ["vi", "en", "ja"]  # no Japanese theme catalogue: theme texts in English
    translation = print_catalogue.translation("products", "nuoc-mam", "ja", title="タンミーの魚醤", summary="魚醤。",
                                              images=[{"file": "anh-1.jpg", "alt": "瓶"}])
    try:
        [printed] = print_catalogues(print_catalogue.root, "ja", output=str(tmp_path / "ja.pdf"), settings=settings)
    finally:
        translation.unlink()
    text = "\n".join(pdf_text(printed.path))
    assert "タンミーの魚醤" in text and "Mè xửng dẻo Đông Ba" in text
    assert f"{SITE}/ja/products/nuoc-mam/" in "".join(text.split())
    fonts = embedded_fonts(printed.path)
    assert "Noto-Sans-CJK-JP" in fonts, fonts  # no tofu: the Japanese glyphs come from Noto Sans CJK


def test_content_errors_print_nothing(catalogue, tmp_path):
    catalogue.product("dau-tram", producer="ho-dung", group="III.3", stars=9)
    output = tmp_path / "never.pdf"
    result = make_pdf(catalogue, output, "--lang", "vi")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "stars: must be from 1 to 5, got 9" in result.stderr and "no PDF was made" in result.stderr
    assert not output.exists()


def test_paper_prints_a_usual_week_where_the_site_shows_the_holiday_week(catalogue):
    """A printed catalogue serves for months: a sales point closed on public holidays shows its usual week,
    not the closed Wednesday of the edition's week (National Day, 2 September 2026) that its page shows."""
    catalogue.shop("cho", title="Quầy đặc sản", opening_hours="Mo-Su 08:00-17:00; PH off")
    loaded = load_catalogue(catalogue.root, dict(read_settings(), CATALOGUE_TODAY="2026-08-31"))
    site = Site(loaded.catalogue, loaded.languages[0], "", MarkdownRenderer(), loaded.settings)
    html = PrintTheme(Path(loaded.settings["THEME"])).html(
        PrintCatalogue(site, select(loaded.catalogue), loaded.today, "OCOP Huế"))
    rows = [(tr.th.get_text(), tr.td.get_text(" ", strip=True))
            for tr in BeautifulSoup(html, "html.parser").select("#where-to-buy table.hours tr")]
    assert rows == [(day, "08:00–17:00") for day in
                    ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")]
    [shop] = loaded.catalogue.shops
    assert site.shop(shop).hours.rows[2][1:3] == ("Đóng cửa", True)  # the site: that week's Wednesday
