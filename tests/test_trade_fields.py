"""Contract v1.1 fields for buyers, checked in-process through the catalogue loader (no build): each bad
value of each new product and producer field gives its one line `PATH:LINE: FIELD: message` saying what a
right value looks like; good values come out normalised; the page view models print them per language."""

from __future__ import annotations

import datetime
import re

import pytest

from catalogue_tools.context import load_catalogue, read_settings
from conftest import ROOT, TODAY, CatalogueBuilder
from ocop.catalogue.contacts import Handle, Phone
from ocop.catalogue.views import MarkdownRenderer, Site


@pytest.fixture(scope="module")
def settings():
    return dict(read_settings(), CATALOGUE_TODAY=TODAY)


@pytest.fixture
def cat(tmp_path) -> CatalogueBuilder:
    cat = CatalogueBuilder(tmp_path / "content")
    cat.producer("htx-a", title="HTX Nước mắm Tân Mỹ")
    cat.product("nuoc-mam", title="Nước mắm cá cơm")
    return cat


def load(cat, settings):
    return load_catalogue(cat.root, settings)


def error_lines(cat, settings) -> list[str]:
    loaded = load(cat, settings)
    return [str(p) for p in loaded.problems.errors]


def line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def expect_one(cat, settings, pattern: str) -> str:
    """Exactly one error, matching `pattern`, and in the contract's form with a line number."""
    lines = error_lines(cat, settings)
    assert len(lines) == 1, "\n".join(lines)
    assert re.search(pattern, lines[0]), f"{pattern!r} does not match {lines[0]!r}"
    assert re.match(r"^\S+\.md:\d+: [\w.\[\]]+: ", lines[0]), lines[0]
    return lines[0]


def replace_line(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- bad values: one line each -------------------------------------------------------------------

TRADE_ERRORS = [
    ({"min_order": {"quantity": 0, "unit": "thùng"}}, r"trade\.min_order\.quantity: must be more than 0, got 0"),
    ({"min_order": {"quantity": 10}}, r"trade\.min_order\.unit: is required"),
    ({"min_order": {"quantity": "mười", "unit": "thùng"}}, r"trade\.min_order\.quantity: must be a number"),
    ({"capacity": {"quantity": 5000, "unit": "chai", "per": "week"}},
     r"trade\.capacity\.per: must be one of month, year, got 'week'"),
    ({"capacity": {"quantity": 5000, "unit": "chai"}}, r"trade\.capacity\.per: is required"),
    ({"lead_time_days": -1}, r"trade\.lead_time_days: must be 0 or more, got -1"),
    ({"lead_time_days": "7 ngày"}, r"trade\.lead_time_days: must be a whole number, 0 or more, got '7 ngày'"),
    ({"shelf_life_months": 0}, r"trade\.shelf_life_months: must be 1 or more, got 0"),
    ({"shelf_life_months": 1.5}, r"trade\.shelf_life_months: must be a whole number, 1 or more"),
    ({"export_markets": ["Korea"]}, r"trade\.export_markets\[1\]: must be an ISO 3166-1 two-letter country code, "
                                    r"e\.g\. KR"),
    ({"export_markets": ["JP", "UK"]}, r"trade\.export_markets\[2\]: .*got 'UK'; write GB \(United Kingdom\)"),
    ({"export_markets": ["Hàn Quốc"]}, r"trade\.export_markets\[1\]: .*got 'Hàn Quốc'; write KR"),
    ({"export_markets": ["EU"]}, r"trade\.export_markets\[1\]: .*; write each country of the EU, e\.g\. DE, FR, NL"),
    ({"export_markets": ["KR", "kr"]}, r"trade\.export_markets: lists KR twice; keep one"),
    ({"export_markets": "KR"}, r"trade\.export_markets: must be a list"),
    ({"incoterms": ["DAT"]}, r"trade\.incoterms\[1\]: DAT is not an Incoterms 2020 rule; its 2020 counterpart is DPU"),
    ({"incoterms": ["FOB", "FOBB"]}, r"trade\.incoterms\[2\]: must be an Incoterms 2020 rule: one of EXW, FCA, CPT, "
                                     r"CIP, DAP, DPU, DDP, FAS, FOB, CFR, CIF, got 'FOBB'"),
    ({"hs_code": "03.03"}, r"trade\.hs_code: must be a Harmonized System code of 4, 6, 8 or 10 digits, dots "
                           r"allowed, e\.g\. \"0303\.89\""),
    ({"hs_code": "0303.891"}, r"trade\.hs_code: must be a Harmonized System code"),
    ({"hs_code": "9903.10"}, r"trade\.hs_code: 9903\.10 starts with chapter 99, which the Harmonized System does "
                             r"not have"),
    ({"gtin": "8935049500017"}, r"trade\.gtin: 8935049500017: the check digit \(the last one\) does not match the "
                                r"others, which would end in 8"),
    ({"gtin": "89350495"}, r"trade\.gtin: 89350495: the check digit"),
    ({"gtin": "893504950"}, r"trade\.gtin: must be the number under the barcode: 8, 12, 13 or 14 digits"),
    ({"oem": "có"}, r"trade\.oem: must be yes or no \(true or false\), got 'có'"),
    ({"samples": 1}, r"trade\.samples: must be yes or no"),
    ({"port": ""}, r"trade\.port: must not be empty"),
    ({"moq": 10}, r"trade\.moq: unknown field"),
]


@pytest.mark.parametrize("trade, pattern", TRADE_ERRORS)
def test_bad_trade_facts(cat, settings, trade, pattern):
    path = cat.product("nuoc-mam", trade=trade)
    line = expect_one(cat, settings, r"products/nuoc-mam/index\.md:\d+: " + pattern)
    key = next(iter(trade))
    assert int(line.split(":")[1]) >= line_of(path, f"{key}:")


def test_norway_written_without_quotes(cat, settings):
    path = cat.product("nuoc-mam", trade={"export_markets": ["SE", "DK"]})
    replace_line(path, "- DK", "- NO")
    expect_one(cat, settings, r'trade\.export_markets\[2\]: got yes/no: YAML reads NO as "no"; write Norway in '
                              r'quotes: "NO"')


@pytest.mark.parametrize("written, pattern", [
    ("quantity: 1.000", r"trade\.min_order\.quantity: 1\.000 looks like a number with separators between "
                        r"thousands, which YAML reads as 1\.0; write it with digits only: 1000"),
    ("quantity: -5", r"trade\.min_order\.quantity: must not be negative, got -5"),
])
def test_quantities_as_written(cat, settings, written, pattern):
    path = cat.product("nuoc-mam", trade={"min_order": {"quantity": 7, "unit": "thùng"}})
    replace_line(path, "quantity: 7", written)
    expect_one(cat, settings, pattern)


CERTIFICATION_ERRORS = [
    ({"scheme": "VietGAP"}, r"certifications\[1\]\.scheme: must be one of vietgap, globalgap, haccp, .*, got "
                            r"'VietGAP'; did you mean `vietgap`\?"),
    ({"scheme": "ISO 22000"}, r"certifications\[1\]\.scheme: .*did you mean `iso-22000`\?"),
    ({"scheme": "organic"}, r"certifications\[1\]\.scheme: .*did you mean `organic-vn, organic-usda, organic-eu or "
                            r"organic-jas`\?"),
    ({"number": "12"}, r"certifications\[1\]\.scheme: is required \(one of `vietgap`"),
    ({"scheme": "other"}, r"certifications\[1\]\.name: is required when `scheme` is `other`"),
    ({"scheme": "haccp", "date": "2024-05-01", "expires": "2023-05-01"},
     r"certifications\[1\]\.expires: 2023-05-01 is not after the certificate date 2024-05-01"),
    ({"scheme": "haccp", "date": "01/05/2024"}, r"certifications\[1\]\.date: must be a date written YYYY-MM-DD"),
    ({"scheme": "haccp", "url": "http://cert.example.com/1"},
     r"certifications\[1\]\.url: must be a web address starting with https://"),
    ({"scheme": "haccp", "number": 1234}, r"certifications\[1\]\.number: must be text, got the number 1234; put it "
                                          r"in quotes"),
    ({"scheme": "haccp", "valid": "yes"}, r"certifications\[1\]\.valid: unknown field"),
]


@pytest.mark.parametrize("certification, pattern", CERTIFICATION_ERRORS)
def test_bad_certifications(cat, settings, certification, pattern):
    cat.product("nuoc-mam", certifications=[certification])
    expect_one(cat, settings, r"products/nuoc-mam/index\.md:\d+: " + pattern)


def test_a_certification_list_must_be_a_list_of_mappings(cat, settings):
    cat.product("nuoc-mam", certifications=["vietgap"])
    expect_one(cat, settings, r"certifications\[1\]: must be a set of fields")


@pytest.mark.parametrize("shops, pattern", [
    (["http://shopee.vn/nuoc-mam"], r"buy_online\[1\]: must be a web address starting with https://, e\.g\. "
                                    r"https://shopee\.vn/…, got 'http://shopee\.vn/nuoc-mam'"),
    (["https://tiki.vn/x", "shopee.vn/x"], r"buy_online\[2\]: must be a web address starting with https://"),
    ("https://tiki.vn/x", r"buy_online: must be a list"),
])
def test_bad_online_shops(cat, settings, shops, pattern):
    cat.product("nuoc-mam", buy_online=shops)
    expect_one(cat, settings, pattern)


PRODUCER_ERRORS = [
    ({"phone": "0234 361 234"}, r"phone: '0234 361 234' is not a valid Vietnamese phone number: a landline has 11 "
                                r"digits with its area code, a mobile 10, e\.g\. \"0234 3812 345\""),
    ({"phone": ["0234 3812 345", "0905 123"]}, r"phone\[2\]: '0905 123' is not a valid Vietnamese phone number"),
    ({"phone": []}, r"phone: needs at least 1 item"),
    ({"phone": "+82 2 312"}, r"phone: '\+82 2 312' is not a valid phone number of \+82"),
    ({"phone": "gọi 0905 812 345"}, r"phone: must be a phone number of digits, spaces, \+, - and brackets"),
    ({"zalo": "0905 123"}, r"zalo: '0905 123' is not a valid Vietnamese phone number"),
    ({"zalo": "http://zalo.me/0905812345"}, r"zalo: a Zalo link must start with https://zalo\.me/, e\.g\. "
                                            r"https://zalo\.me/0905123456"),
    ({"zalo": "https://zalo.example.com/x"}, r"zalo: a Zalo link must start with https://zalo\.me/"),
    ({"zalo": "Nước mắm Tân Mỹ"}, r"zalo: must be a phone number, e\.g\. \"0905 123 456\", a link https://zalo\.me/…, "
                                  r"or a Zalo id without spaces"),
    ({"contact_person": ""}, r"contact_person: must not be empty"),
    ({"languages": ["vi", "English"]}, r"languages\[2\]: must be a two-letter ISO 639-1 language code such as vi, en, "
                                       r"ko, zh, ja, fr, got 'English'; for English write `en`"),
    ({"languages": ["tiếng Hàn"]}, r"languages\[1\]: .*; for tiếng Hàn write `ko`"),
    ({"languages": ["vie"]}, r"languages\[1\]: must be a two-letter ISO 639-1 language code"),
    ({"languages": ["vi", "VI"]}, r"languages: lists vi twice; keep one"),
    ({"languages": "vi"}, r"languages: must be a list"),
    ({"messengers": {"whatsapp": "0905 123"}}, r"messengers\.whatsapp: '0905 123' is not a valid Vietnamese phone"),
    ({"messengers": {"viber": "0905812345"}}, r"messengers\.viber: unknown field"),
    ({"messengers": {"wechat": "1abc"}}, r"messengers\.wechat: must be a WeChat ID: 6 to 20 letters, digits, '_' or "
                                         r"'-', starting with a letter, e\.g\. ocop_hue, got '1abc'"),
    ({"messengers": {"kakaotalk": "https://kakao.example.com/x"}},
     r"messengers\.kakaotalk: a KakaoTalk link must start with https://open\.kakao\.com/"),
    ({"messengers": {"kakaotalk": "ocop hue"}}, r"messengers\.kakaotalk: must be a KakaoTalk ID"),
    ({"messengers": {"line": "a b"}}, r"messengers\.line: must be a LINE ID \(4 to 20 letters"),
    ({"messengers": "0905812345"}, r"messengers: must be a set of fields"),
    ({"tax_code": "0100233489"}, r"tax_code: 0100233489: the check digit \(the 10th digit\) does not match the first "
                                 r"nine"),
    ({"tax_code": "01002334"}, r"tax_code: must be a Vietnamese tax code of 10 digits, or 10 digits, '-' and 3 more "
                               r"for a branch, e\.g\. \"0100233488\" or \"0100233488-001\", got '01002334'"),
    ({"tax_code": "0100233488/001"}, r"tax_code: must be a Vietnamese tax code"),
]


@pytest.mark.parametrize("fields, pattern", PRODUCER_ERRORS)
def test_bad_producer_contacts(cat, settings, fields, pattern):
    cat.producer("htx-a", **fields)
    expect_one(cat, settings, r"producers/htx-a/index\.md:\d+: " + pattern)


@pytest.mark.parametrize("written, pattern", [
    ("zalo: 905812345", r"zalo: must be written in quotes, e\.g\. \"0905 123 456\""),
    ("messengers: {whatsapp: 84905812345}", r"messengers\.whatsapp: must be written in quotes"),
    ("phone: [\"0234 3812 345\", 905812345]", r"phone\[2\]: must be written in quotes"),
])
def test_numbers_without_quotes(cat, settings, written, pattern):
    path = cat.producer("htx-a", phone=None)
    replace_line(path, "region: phu-vang\n", f"region: phu-vang\n{written}\n")
    expect_one(cat, settings, pattern)


# ---- a fact in a translation is an error ---------------------------------------------------------

@pytest.mark.parametrize("section, slug, fields, pattern", [
    ("products", "nuoc-mam", {"trade": {"lead_time_days": 3}}, r"index\.en\.md:\d+: trade\.lead_time_days: cannot be "
                                                               r"set in a translation"),
    ("products", "nuoc-mam", {"trade": {"min_order": {"quantity": 5, "unit": "box"}}},
     r"index\.en\.md:\d+: trade\.min_order\.quantity: cannot be set in a translation"),
    ("products", "nuoc-mam", {"trade": {"gtin": "8935049500018"}}, r"trade\.gtin: cannot be set in a translation"),
    ("products", "nuoc-mam", {"certifications": [{"scheme": "haccp"}]},
     r"index\.en\.md:\d+: certifications\[1\]\.scheme: cannot be set in a translation"),
    ("products", "nuoc-mam", {"buy_online": ["https://tiki.vn/x"]}, r"buy_online: cannot be set in a translation"),
    ("producers", "htx-a", {"phone": "0234 3812 345"}, r"producers/htx-a/index\.en\.md:\d+: phone: cannot be set"),
    ("producers", "htx-a", {"languages": ["en"]}, r"languages: cannot be set in a translation"),
    ("producers", "htx-a", {"messengers": {"line": "ocophue"}}, r"messengers: cannot be set in a translation"),
    ("producers", "htx-a", {"tax_code": "0100233488"}, r"tax_code: cannot be set in a translation"),
    ("producers", "htx-a", {"zalo": "0905 812 345"}, r"zalo: cannot be set in a translation"),
])
def test_a_fact_in_a_translation_is_an_error(cat, settings, section, slug, fields, pattern):
    cat.product("nuoc-mam", trade={"min_order": {"quantity": 10, "unit": "thùng"}},
                certifications=[{"scheme": "haccp"}])
    cat.translation(section, slug, "en", title="Title", summary="Summary.", **fields)
    expect_one(cat, settings, pattern)


def test_a_translation_translates_only_what_index_md_has(cat, settings):
    cat.product("nuoc-mam", trade={"min_order": {"quantity": 10, "unit": "thùng"}},
                certifications=[{"scheme": "haccp"}, {"scheme": "other", "name": "Chứng nhận X"}])
    cat.translation("products", "nuoc-mam", "en", title="Fish sauce", summary="Fish sauce.",
                    trade={"capacity": {"unit": "bottles"}, "port": "Chan May port"},
                    certifications=[{"name": "X certificate"}])
    lines = error_lines(cat, settings)
    assert len(lines) == 3, lines
    assert any(re.search(r"index\.en\.md:\d+: trade\.capacity: index\.md has no trade\.capacity; a translation only "
                         r"translates the units and the port of index\.md", line) for line in lines)
    assert any(re.search(r"index\.en\.md:\d+: trade\.port: index\.md has no trade\.port", line) for line in lines)
    assert any(re.search(r"index\.en\.md:\d+: certifications: lists 1 certification\(s\), index\.md 2; list them in "
                         r"the order of index\.md", line) for line in lines)


def test_all_problems_of_the_new_fields_together(cat, settings):
    cat.product("nuoc-mam", trade={"gtin": "123", "incoterms": ["XYZ"]}, certifications=[{"scheme": "x"}],
                buy_online=["ftp://x"])
    cat.producer("htx-a", phone="1", languages=["xx"], tax_code="1")
    fields = sorted(line.split(": ")[1] for line in error_lines(cat, settings))
    assert fields == ["buy_online[1]", "certifications[1].scheme", "languages[1]", "phone", "tax_code",
                      "trade.gtin", "trade.incoterms[1]"]


# ---- good values, normalised -----------------------------------------------------------------------

GOOD_PRODUCT = {
    "trade": {"min_order": {"quantity": 1000, "unit": "chai 500 ml"},
              "capacity": {"quantity": 20000, "unit": "chai", "per": "month"},
              "lead_time_days": 7, "shelf_life_months": 24, "export_markets": ["kr", "JP", "US"],
              "incoterms": ["fob", "EXW"], "port": "Cảng Chân Mây", "hs_code": "2103.90",
              "gtin": "893 5049 50001 8", "oem": True, "samples": False},
    "certifications": [{"scheme": "haccp", "number": "HC-01", "issued_by": "Bureau Veritas",
                        "date": "2023-01-10", "expires": "2026-01-10"},
                       {"scheme": "vietgap", "expires": "2027-06-30"},
                       {"scheme": "other", "name": "Chứng nhận sản phẩm xanh", "url": "https://cert.example.com/1"}],
    "buy_online": ["https://shopee.vn/nuoc-mam-tan-my", "https://www.lazada.vn/products/x",
                   "https://tiki.vn/p/1", "https://postmart.vn/x", "https://shop.example.com/nuoc-mam"],
}

GOOD_PRODUCER = {
    "phone": ["+84 234 3812 345", "0905812345", "+82 2 312 3456"], "zalo": "0905 812 345",
    "contact_person": "Trần Thị Lan", "languages": ["vi", "EN", "ko"], "email": "lan@example.com",
    "messengers": {"whatsapp": "0905 812 345", "kakaotalk": "tanmyfish", "wechat": "tanmy_fish",
                   "line": "tanmyfish"},
    "tax_code": "0100233488-001",
}


@pytest.fixture
def good(cat, settings):
    cat.producer("htx-a", title="HTX Nước mắm Tân Mỹ", **GOOD_PRODUCER)
    cat.product("nuoc-mam", title="Nước mắm cá cơm", **GOOD_PRODUCT)
    cat.translation("products", "nuoc-mam", "en", title="Anchovy fish sauce", summary="Fish sauce.",
                    trade={"min_order": {"unit": "500 ml bottles"}, "port": "Chan May port"},
                    certifications=[None, {}, {"name": "Green product certificate"}])
    cat.translation("producers", "htx-a", "en", title="Tan My fish sauce cooperative", summary="Fish sauce.",
                    contact_person="Ms Tran Thi Lan")
    loaded = load(cat, settings)
    assert not loaded.problems.errors, "\n".join(map(str, loaded.problems.errors))
    return loaded


def test_good_values_are_normalised(good):
    producer = good.catalogue.producers[0].entry.fields
    assert producer["phone"] == [Phone("0234 3812 345", "+842343812345"), Phone("0905 812 345", "+84905812345"),
                                 Phone("+82 2-312-3456", "+8223123456")]
    assert producer["zalo"] == Handle("0905 812 345", "https://zalo.me/0905812345")
    assert producer["languages"] == ["vi", "en", "ko"]
    assert producer["messengers"] == {"whatsapp": Handle("+84 905 812 345", "https://wa.me/84905812345"),
                                      "kakaotalk": Handle("tanmyfish"), "wechat": Handle("tanmy_fish"),
                                      "line": Handle("tanmyfish", "https://line.me/ti/p/~tanmyfish")}
    assert producer["tax_code"] == "0100233488-001"
    trade = good.catalogue.products[0].entry.fields["trade"]
    assert trade["export_markets"] == ["KR", "JP", "US"]
    assert trade["incoterms"] == ["FOB", "EXW"]
    assert trade["gtin"] == "8935049500018"
    assert trade["hs_code"] == "2103.90"


@pytest.mark.parametrize("written, field, value", [
    ("gtin: '8935049500018'", "gtin", "8935049500018"),
    ("gtin: 8935049500018", "gtin", "8935049500018"),  # unquoted: taken as written
    ("gtin: 00012345600012", "gtin", "00012345600012"),  # leading zeros kept
    ("hs_code: 0303.89", "hs_code", "0303.89"),  # YAML would read 303.89
    ("hs_code: 0303", "hs_code", "0303"),  # YAML 1.1 would read the octal number 195
])
def test_codes_written_without_quotes_are_taken_as_written(cat, settings, written, field, value):
    path = cat.product("nuoc-mam", trade={"oem": True})
    replace_line(path, "  oem: true", f"  oem: true\n  {written}")
    loaded = load(cat, settings)
    assert not loaded.problems.errors, loaded.problems.errors
    assert loaded.catalogue.products[0].entry.fields["trade"][field] == value


def test_tax_code_without_quotes(cat, settings):
    path = cat.producer("htx-a")
    replace_line(path, "region: phu-vang\n", "region: phu-vang\ntax_code: 0100233488\n")
    loaded = load(cat, settings)
    assert not loaded.problems.errors
    assert loaded.catalogue.producers[0].entry.fields["tax_code"] == "0100233488"


@pytest.mark.parametrize("zalo, handle", [
    ("dautramlocthuy", Handle("dautramlocthuy")),  # a Zalo id, as in v1: text
    ("https://zalo.me/0905812345", Handle("zalo.me/0905812345", "https://zalo.me/0905812345")),
    ("4318522226353035453", Handle("4318522226353035453", "https://zalo.me/4318522226353035453")),  # an Official Account
    ("+84 905 812 345", Handle("0905 812 345", "https://zalo.me/0905812345")),
])
def test_zalo_forms(cat, settings, zalo, handle):
    cat.producer("htx-a", zalo=zalo)
    loaded = load(cat, settings)
    assert not loaded.problems.errors, loaded.problems.errors
    assert loaded.catalogue.producers[0].entry.fields["zalo"] == handle


def test_line_and_kakaotalk_links(cat, settings):
    cat.producer("htx-a", messengers={"line": "@tanmy", "kakaotalk": "https://open.kakao.com/o/sAbCdEf"})
    messengers = load(cat, settings).catalogue.producers[0].entry.fields["messengers"]
    assert messengers["line"] == Handle("@tanmy", "https://line.me/R/ti/p/%40tanmy")
    assert messengers["kakaotalk"] == Handle("open.kakao.com/o/sAbCdEf", "https://open.kakao.com/o/sAbCdEf")


def test_a_single_phone_stays_valid_as_in_v1(cat, settings):
    cat.producer("htx-a", phone="0234 3812 345")
    producer = load(cat, settings).catalogue.producers[0].entry.fields
    assert producer["phone"] == [Phone("0234 3812 345", "+842343812345")]


def test_the_sample_catalogue_stays_valid():
    loaded = load_catalogue(ROOT / "content")
    assert not loaded.problems.errors, "\n".join(map(str, loaded.problems.errors))


# ---- view models: what the pages print --------------------------------------------------------------

def views(loaded, settings, lang: str):
    language = next(l for l in loaded.catalogue.languages if l.code == lang)
    site = Site(loaded.catalogue, language, "", MarkdownRenderer(), settings)
    return site.product(loaded.catalogue.products[0]), site.producer(loaded.catalogue.producers[0])


def test_trade_facts_in_vietnamese(good, settings):
    product, _ = views(good, settings, "vi")
    trade = product.trade
    assert (trade.min_order.amount, trade.min_order.unit) == ("1.000", ("chai 500 ml", None))
    assert (trade.capacity.amount, trade.capacity.unit.text, trade.capacity_per) == ("20.000", "chai", "month")
    assert (trade.lead_time, trade.shelf_life) == ("7 ngày", "24 tháng")
    assert trade.export_markets == [("KR", "Hàn Quốc"), ("JP", "Nhật Bản"), ("US", "Hoa Kỳ")]
    assert trade.incoterms == ["FOB", "EXW"] and trade.port == ("Cảng Chân Mây", None)
    assert (trade.hs_code, trade.gtin, trade.oem, trade.samples) == ("2103.90", "8935049500018", True, False)
    assert product.export_ready


def test_trade_facts_in_english_and_korean(good, settings):
    product, _ = views(good, settings, "en")
    trade = product.trade
    assert (trade.min_order.amount, trade.min_order.unit) == ("1,000", ("500 ml bottles", None))
    assert trade.capacity.unit == ("chai", "vi")  # not translated: marked as Vietnamese
    assert (trade.lead_time, trade.shelf_life) == ("7 days", "24 months")
    assert [name for _, name in trade.export_markets] == ["South Korea", "Japan", "United States"]
    assert trade.port == ("Chan May port", None)
    # no Korean translation: the English units (the fallback chain: English, then Vietnamese), marked as English;
    # country names in Korean
    product, _ = views(good, settings, "ko")
    assert product.trade.min_order.unit == ("500 ml bottles", "en")
    assert product.trade.capacity.unit == ("chai", "vi")  # English leaves it out: Vietnamese, field by field
    assert [name for _, name in product.trade.export_markets] == ["대한민국", "일본", "미국"]
    assert product.trade.lead_time == "7일"


def test_certifications_expire_on_the_build_date(good, settings):
    assert datetime.date.fromisoformat(TODAY) > datetime.date(2026, 1, 10)
    product, _ = views(good, settings, "en")
    haccp, vietgap, other = product.certifications
    assert (haccp.label, haccp.number, haccp.issued_by, haccp.expired) == ("HACCP", "HC-01", "Bureau Veritas", True)
    assert haccp.expires == "January 10, 2026"
    assert (vietgap.label, vietgap.expired, vietgap.name) == ("VietGAP", False, None)
    assert (other.label, other.name, other.url) == ("Other certification", ("Green product certificate", None),
                                                    "https://cert.example.com/1")
    product, _ = views(good, settings, "vi")
    assert product.certifications[2].name == ("Chứng nhận sản phẩm xanh", None)
    assert product.certifications[0].expires == "10 tháng 1, 2026"


def test_online_shops_are_named_by_platform(good, settings):
    product, _ = views(good, settings, "vi")
    assert [name for name, _ in product.shops] == ["Shopee", "Lazada", "Tiki", "Postmart", "shop.example.com"]


def test_producer_contacts_view(good, settings):
    _, producer = views(good, settings, "en")
    assert [(p.display, p.tel) for p in producer.phones] == [("0234 3812 345", "+842343812345"),
                                                              ("0905 812 345", "+84905812345"),
                                                              ("+82 2-312-3456", "+8223123456")]
    assert (producer.phone, producer.tel) == ("0234 3812 345", "+842343812345")
    assert (producer.zalo, producer.zalo_url) == ("0905 812 345", "https://zalo.me/0905812345")
    assert [name for name, _ in producer.messengers] == ["WhatsApp", "LINE", "KakaoTalk", "WeChat"]
    assert producer.messengers[0][1].url == "https://wa.me/84905812345"
    assert producer.messengers[3][1].url is None  # WeChat has no link: the ID is shown as text
    assert producer.languages == [("vi", "Vietnamese"), ("en", "English"), ("ko", "Korean")]
    assert producer.contact_person == ("Ms Tran Thi Lan", None)
    assert producer.tax_code == "0100233488-001"
    _, producer = views(good, settings, "vi")
    assert [name for _, name in producer.languages] == ["Tiếng Việt", "Tiếng Anh", "Tiếng Hàn"]
    assert producer.contact_person == ("Trần Thị Lan", None)
    _, producer = views(good, settings, "fr")  # no French translation: the English name (fallback chain), marked so
    assert producer.contact_person == ("Ms Tran Thi Lan", "en")
