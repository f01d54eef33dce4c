"""A buyer on a product page can act: the facts for buyers and the producer's contacts, in the page's
language, with working links (tel:, zalo.me, wa.me, LINE), a quote request and a contact card (vCard).
One small fixture site, built with the real `pelican` command, read in Vietnamese and English."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import vobject
from bs4 import BeautifulSoup

from conftest import CatalogueBuilder, run_build

PUBLIC = "https://ocop.example.vn"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    cat = CatalogueBuilder(tmp_path_factory.mktemp("buyers") / "content")
    cat.producer("htx-a", title="HTX Nước mắm Tân Mỹ", email="lan@example.com",
                 phone=["0234 3812 345", "+84 905 812 345"], zalo="0905 812 345", contact_person="Trần Thị Lan",
                 languages=["vi", "en", "ko"], tax_code="0100233488",
                 messengers={"whatsapp": "0905 812 345", "line": "tanmyfish", "wechat": "tanmy_fish",
                             "kakaotalk": "tanmyfish"})
    cat.translation("producers", "htx-a", "en", title="Tan My fish sauce cooperative", summary="Fish sauce.",
                    contact_person="Ms Tran Thi Lan")
    cat.producer("ho-zalo", title="Hộ kinh doanh Đức Dũng", kind="household", zalo="0914 552 186")
    cat.producer("ho-whatsapp", title="Hộ Mây tre", kind="household", messengers={"whatsapp": "+82 10 1234 5678"})
    cat.product("nuoc-mam", title="Nước mắm cá cơm", trade={
        "min_order": {"quantity": 1000, "unit": "chai 500 ml"},
        "capacity": {"quantity": 20000, "unit": "chai", "per": "month"},
        "lead_time_days": 7, "shelf_life_months": 24, "export_markets": ["KR", "JP"],
        "incoterms": ["FOB", "EXW"], "port": "Cảng Chân Mây", "hs_code": "2103.90", "gtin": "8935049500018",
        "oem": True, "samples": True},
        certifications=[{"scheme": "haccp", "number": "HC-01", "issued_by": "Bureau Veritas",
                         "date": "2023-01-10", "expires": "2026-01-10"},
                        {"scheme": "organic-vn", "issued_by": "Trung tâm Chứng nhận phù hợp", "expires": "2028-06-30"}],
        buy_online=["https://shopee.vn/nuoc-mam-tan-my", "https://cuahang.example.com/nuoc-mam"])
    cat.translation("products", "nuoc-mam", "en", title="Anchovy fish sauce", summary="Fish sauce.",
                    images=[{"file": "anh-1.jpg", "alt": "A bottle"}],
                    trade={"min_order": {"unit": "500 ml bottles"}, "capacity": {"unit": "bottles"},
                           "port": "Chan May port"})
    cat.product("banh", title="Bánh khoai", producer="ho-zalo", group="I.3.b")
    cat.product("gio-may", title="Giỏ mây", producer="ho-whatsapp", group="IV.1")
    out = tmp_path_factory.mktemp("buyers-out") / "output"
    result = run_build(cat.root, out, f'PUBLIC_SITEURL="{PUBLIC}"')
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def facts(soup) -> dict[str, str]:
    dl = soup.select_one(".buyers dl.trade")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in dl.find_all("dt")}


def test_for_buyers_in_vietnamese(site):
    soup = page(site, "/san-pham/nuoc-mam/")
    assert soup.select_one("#buyers-heading").get_text() == "Dành cho người mua"
    assert facts(soup) == {
        "Đơn hàng tối thiểu": "1.000 chai 500 ml", "Năng lực sản xuất": "20.000 chai mỗi tháng",
        "Thời gian giao hàng": "7 ngày từ khi đặt hàng đến khi giao đi", "Hạn sử dụng": "24 tháng",
        "Đã xuất khẩu sang": "Hàn Quốc, Nhật Bản", "Điều kiện Incoterms 2020": "FOB, EXW",
        "Cảng giao hàng": "Cảng Chân Mây", "Mã HS": "2103.90", "Mã vạch (GTIN)": "8935049500018",
        "Gia công, nhãn riêng (OEM)": "có", "Gửi hàng mẫu": "có"}


def test_for_buyers_in_english(site):
    soup = page(site, "/en/products/nuoc-mam/")
    assert soup.select_one("#buyers-heading").get_text() == "For buyers"
    got = facts(soup)
    assert got["Minimum order"] == "1,000 500 ml bottles"
    assert got["Capacity"] == "20,000 bottles a month"
    assert got["Lead time"] == "7 days from order to dispatch"
    assert got["Shelf life"] == "24 months"
    assert got["Exported to"] == "South Korea, Japan"
    assert got["Port"] == "Chan May port"


def test_certifications_named_in_the_page_language_and_expired_marked(site):
    items = page(site, "/san-pham/nuoc-mam/").select(".certs li")
    assert [li.strong.get_text() for li in items] == ["HACCP", "Hữu cơ theo TCVN 11041"]
    assert "cert-expired" in items[0]["class"] and "Đã hết hạn ngày 10 tháng 1, 2026." in items[0].get_text()
    assert "Số HC-01" in items[0].get_text()
    assert "Còn hiệu lực đến ngày 30 tháng 6, 2028." in items[1].get_text()
    en = page(site, "/en/products/nuoc-mam/").select(".certs li")
    assert en[1].strong.get_text() == "Organic, Vietnamese standard TCVN 11041"
    assert en[1].select_one('span[lang="vi"]').get_text() == "Trung tâm Chứng nhận phù hợp"  # the issuer as written


def test_online_shops_named_by_platform(site):
    links = page(site, "/en/products/nuoc-mam/").select(".shops a")
    assert [(a.get_text(), a["href"], a["rel"]) for a in links] == [
        ("Shopee", "https://shopee.vn/nuoc-mam-tan-my", ["noopener"]),
        ("cuahang.example.com", "https://cuahang.example.com/nuoc-mam", ["noopener"])]


def contact_links(soup) -> dict[str, list[str]]:
    section = soup.select_one("#contact")
    found: dict[str, list[str]] = {}
    for dt in section.select("dl dt"):
        dds = []
        node = dt.find_next_sibling()
        while node is not None and node.name == "dd":
            dds += [a["href"] for a in node.find_all("a")] or [node.get_text(strip=True)]
            node = node.find_next_sibling()
        found[dt.get_text(strip=True)] = dds
    return found


def test_contact_links_have_the_right_scheme_and_number(site):
    soup = page(site, "/en/products/nuoc-mam/")
    links = contact_links(soup)
    assert links["Phone"] == ["tel:+842343812345", "tel:+84905812345"]
    assert links["Zalo"] == ["https://zalo.me/0905812345"]
    assert links["WhatsApp"] == ["https://wa.me/84905812345"]
    assert links["LINE"] == ["https://line.me/ti/p/~tanmyfish"]
    assert links["WeChat"] == ["tanmy_fish"] and links["KakaoTalk"] == ["tanmyfish"]  # IDs as text: no link
    assert links["E-mail"] == ["mailto:lan@example.com"]
    contact = soup.select_one("#contact")
    assert "Ms Tran Thi Lan" in contact.get_text()
    assert "Vietnamese, English, Korean" in contact.get_text()
    displayed = [a.get_text() for a in contact.select('a[href^="tel:"]')]
    assert displayed == ["0234 3812 345", "0905 812 345"]  # national format
    vi = page(site, "/san-pham/nuoc-mam/").select_one("#contact")
    assert vi.h2.get_text() == "Liên hệ và báo giá" and "Tiếng Việt, Tiếng Anh, Tiếng Hàn" in vi.get_text()
    assert "Trần Thị Lan" in vi.get_text()


def quote_of(soup) -> tuple[str, dict]:
    button = soup.select_one("#contact .actions a.button:not(.button-light)")
    parts = urlsplit(button["href"])
    return button.get_text(), parts, {k: v[0] for k, v in parse_qs(parts.query).items()}


@pytest.mark.parametrize("url, subject, lines", [
    ("/san-pham/nuoc-mam/", "Yêu cầu báo giá: Nước mắm cá cơm",
     ["Xin chào,", "Tôi muốn nhận báo giá cho sản phẩm Nước mắm cá cơm trong danh mục OCOP:",
      f"{PUBLIC}/san-pham/nuoc-mam/", "Số lượng: ", "Nơi nhận hàng (thành phố, quốc gia): ", "Ngày giao hàng: "]),
    ("/en/products/nuoc-mam/", "Request for a quotation: Anchovy fish sauce (Nước mắm cá cơm)",
     ["Hello,", "I would like a quotation for Anchovy fish sauce (Nước mắm cá cơm), listed in the OCOP catalogue:",
      f"{PUBLIC}/san-pham/nuoc-mam/", "Quantity: ", "Destination (city, country): ", "Delivery date: "]),
])
def test_request_a_quote_by_email(site, url, subject, lines):
    text, parts, query = quote_of(page(site, url))
    assert text in ("Yêu cầu báo giá", "Request a quote")
    assert parts.scheme == "mailto" and unquote(parts.path) == "lan@example.com"
    assert query["subject"] == subject
    body = query["body"].split("\r\n")
    assert [line for line in body if line] == [line for line in lines if line] + [body[-2]]  # + "Thank you."


def test_request_a_quote_without_email(site):
    text, parts, query = quote_of(page(site, "/san-pham/banh/"))  # Zalo only
    assert (text, parts.geturl()) == ("Yêu cầu báo giá qua Zalo", "https://zalo.me/0914552186")
    text, parts, query = quote_of(page(site, "/en/products/gio-may/"))  # WhatsApp only: the message prefilled
    assert text == "Request a quote on WhatsApp"
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://wa.me/821012345678"
    assert query["text"].startswith("Request for a quotation: Giỏ mây\n\nHello,\n")
    assert f"{PUBLIC}/san-pham/gio-may/" in query["text"]


def test_save_contact_vcard_parses_back(site):
    product = page(site, "/en/products/nuoc-mam/")
    producer = page(site, "/co-so/htx-a/")
    hrefs = {soup.select_one('#contact a[download]')["href"] for soup in (product, producer)}
    assert hrefs == {"/co-so/htx-a/htx-a.vcf"}
    raw = (site / "co-so/htx-a/htx-a.vcf").read_bytes()
    card = vobject.readOne(raw.decode("utf-8"))
    assert card.version.value == "3.0"
    assert card.fn.value == "HTX Nước mắm Tân Mỹ"  # Vietnamese letters intact
    assert [t.value for t in card.tel_list] == ["+842343812345", "+84905812345"]
    assert card.tel_list[1].type_paramlist == ["CELL", "VOICE"]
    assert card.email.value == "lan@example.com"
    assert f"{PUBLIC}/co-so/htx-a/" in [u.value for u in card.url_list]
    assert "Người liên hệ: Trần Thị Lan" in card.note.value
    assert (site / "co-so/ho-zalo/ho-zalo.vcf").is_file()


def test_producer_page_shows_every_contact(site):
    links = contact_links(page(site, "/co-so/htx-a/"))
    assert links["Điện thoại"] == ["tel:+842343812345", "tel:+84905812345"]
    assert links["Mã số thuế"] == ["0100233488"]
    assert links["Zalo"] == ["https://zalo.me/0905812345"]


def test_only_what_the_entry_has(site):
    soup = page(site, "/san-pham/banh/")
    assert soup.select_one(".buyers") is None  # no trade facts, certifications or shops
    assert soup.select_one('.jump a[href="#buyers-heading"]') is None
    assert soup.select_one('.jump a[href="#contact"]') is not None
    assert list(contact_links(soup)) == ["Cơ sở sản xuất", "Điện thoại", "Zalo"]


def json_ld(soup) -> dict:
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def test_product_json_ld_carries_gtin_origin_and_certifications(site):
    data = json_ld(page(site, "/en/products/nuoc-mam/"))
    assert data["gtin13"] == "8935049500018"
    assert data["countryOfOrigin"] == {"@type": "Country", "name": "Vietnam", "identifier": "VN"}
    ocop, haccp, organic = data["hasCertification"]
    assert ocop["name"] == "OCOP 4-star" and ocop["certificationIdentification"] == "123/QĐ-UBND"
    assert ocop["certificationRating"]["ratingValue"] == 4
    assert ocop["certificationStatus"] == "https://schema.org/CertificationActive"
    assert (haccp["@type"], haccp["name"], haccp["certificationIdentification"]) == ("Certification", "HACCP", "HC-01")
    assert haccp["issuedBy"] == {"@type": "Organization", "name": "Bureau Veritas"}
    assert (haccp["validFrom"], haccp["expires"]) == ("2023-01-10", "2026-01-10")
    assert haccp["certificationStatus"] == "https://schema.org/CertificationInactive"  # expired on the build date
    assert organic["name"] == "Organic, Vietnamese standard TCVN 11041"
    assert json_ld(page(site, "/san-pham/nuoc-mam/"))["hasCertification"][2]["name"] == "Hữu cơ theo TCVN 11041"
    assert "gtin13" not in json_ld(page(site, "/san-pham/banh/"))


def test_producer_json_ld_has_a_contact_point(site):
    data = json_ld(page(site, "/en/producers/htx-a/"))
    assert data["contactPoint"] == {"@type": "ContactPoint", "contactType": "sales", "name": "Ms Tran Thi Lan",
                                    "telephone": "+842343812345", "email": "lan@example.com",
                                    "availableLanguage": ["vi", "en", "ko"]}
    assert data["taxID"] == "0100233488"
    assert data["telephone"] == "+842343812345"  # the first of its two numbers, E.164 like the contact point's
