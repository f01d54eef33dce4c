"""`invoke catalogue-pdf`: the printed catalogue, read back as a person would: its pages, its text with
Vietnamese diacritics, its fonts, its QR codes scanned; the filter options and their mistakes."""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from conftest import CatalogueBuilder, run_build, run_invoke

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
    return cat


GROUP_OF = {"nuoc-mam": "I", "me-xung": "I", "buoi": "I", "dau-tram": "III", "ao-dai": "IV"}
TITLES = {"nuoc-mam": "Nước mắm cá cơm Tân Mỹ", "me-xung": "Mè xửng dẻo Đông Ba", "buoi": "Bưởi thanh trà Thủy Biều",
          "dau-tram": "Dầu tràm nguyên chất", "ao-dai": "Áo dài lụa thêu tay"}
ENGLISH_TITLES = {"nuoc-mam": "Tan My anchovy fish sauce"}


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


def test_pages_cover_contents_two_cards_a_page_and_the_index(vietnamese_pdf):
    # cover + contents + each top-level group from a new page, two cards a page + index of producers
    cards_pages = sum(math.ceil(n / 2) for n in Counter(GROUP_OF.values()).values())
    pages = pdf_text(vietnamese_pdf)
    assert len(pages) == 1 + 1 + cards_pages + 1 == 7
    assert "Chương trình Mỗi xã một sản phẩm (OCOP)" in pages[0]
    assert "Toàn bộ sản phẩm của danh mục" in pages[0] and "Ấn bản ngày" in pages[0]
    assert "Mục lục" in pages[1] and "Danh sách cơ sở sản xuất" in pages[-1]
    assert pages[2].rstrip().endswith("3 / 7")  # page numbers in the footer
    catalog = PdfReader(vietnamese_pdf).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "vi"  # tagged, in its language


def test_every_product_name_with_its_diacritics_and_the_contents_page_numbers(vietnamese_pdf):
    pages = pdf_text(vietnamese_pdf)
    text = "\n".join(pages)
    for title in TITLES.values():
        assert nfc(title) in text
    card_page = {slug: next(i for i, page in enumerate(pages[2:-1], start=3) if TITLES[slug] in page)
                 for slug in TITLES}
    assert card_page["ao-dai"] == 7 - 1  # the last group's card, before the index
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


def test_qr_codes_scan_to_the_permanent_product_urls(vietnamese_pdf):
    found = []
    document = pypdfium2.PdfDocument(str(vietnamese_pdf))
    for page in document:
        image = page.render(scale=150 / 72).to_pil()
        found += [code.text for code in zxingcpp.read_barcodes(image)]
    assert sorted(found) == sorted(f"{SITE}/san-pham/{slug}/" for slug in TITLES)


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


@pytest.mark.slow  # prints four more PDFs
@pytest.mark.parametrize("option, value, expected", [
    ("--region", "dan-dien", {"dau-tram", "ao-dai"}),
    ("--min-stars", "5", {"buoi", "ao-dai"}),
    ("--group", "I.3", {"me-xung"}),
    ("--group", "i", {"nuoc-mam", "me-xung", "buoi"}),
])
def test_filters_print_only_the_matching_products(print_catalogue, tmp_path, option, value, expected):
    output = tmp_path / "filtered.pdf"
    result = make_pdf(print_catalogue, output, "--lang", "vi", option, value)
    assert result.returncode == 0, result.stderr
    text = "\n".join(pdf_text(output))
    assert {slug for slug, title in TITLES.items() if title in text} == expected


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
