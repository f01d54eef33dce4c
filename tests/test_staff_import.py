"""`invoke import FILE`: bundles from .csv and .xlsx, idempotent, bodies kept, row-numbered errors, dry run."""

from __future__ import annotations

import csv
import datetime
import shutil

import pytest
import yaml
from bs4 import BeautifulSoup
from openpyxl import Workbook

from catalogue_tools.spreadsheet_import import COLUMNS, import_sheet
from conftest import ROOT, run_build, run_invoke, tree_digest

HEADER = ["type", "slug", "title", "summary", "kind", "region", "phone", "producer", "group", "stars", "score",
          "certificate.decision", "certificate.issued_by", "certificate.date", "price.from", "price.unit", "tags",
          "specs.Dung tích"]
ROWS = [
    ["san-pham", "mam-ruoc", "Mắm ruốc Đầm Chuồn", "Mắm ruốc đặc sánh.", "", "", "", "htx-moi-dam-chuon", "I.4.b", 4, 78,
     "55/QĐ-UBND", "UBND thành phố Huế", "2025-06-01", 30000, "hũ 200 g", "đặc sản; quà biếu", "200 g"],
    ["co-so", "", "HTX Mới Đầm Chuồn", "Hợp tác xã ven đầm.", "cooperative", "phu-vang", "0234 3811 222",
     "", "", "", "", "", "", "", "", "", "", ""],
    ["product", "nuoc-mam", "", "", "", "", "", "", "", "", "", "", "", "", 52000, "chai 750 ml", "", ""],
]
HAND_BODY = "Mô tả **viết tay**, giữ nguyên.  \n\n| cột | giá trị |\n|---|---|\n| a | b |\n\nDòng cuối không có xuống dòng"


def write_csv(path, rows=ROWS, header=HEADER):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path, rows=ROWS, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
    book.save(path)
    return path


def hand_written(catalogue):
    path = catalogue.root / "products/nuoc-mam/index.md"
    text = path.read_text(encoding="utf-8")
    path.write_bytes((text[: text.index("---\n", 4) + 4] + HAND_BODY).encode("utf-8"))
    return path


def test_csv_import_creates_updates_then_changes_nothing(catalogue, tmp_path):
    product = hand_written(catalogue)
    sheet = write_csv(tmp_path / "danh-sach.csv")
    result = run_invoke("import", str(sheet), "--content", str(catalogue.root))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("created") and line.endswith("products/mam-ruoc/index.md") for line in lines)
    assert any(line.startswith("created") and line.endswith("producers/htx-moi-dam-chuon/index.md") for line in lines)
    assert any(line.startswith("updated") and line.endswith("products/nuoc-mam/index.md") for line in lines)
    assert "2 created, 1 updated, 0 unchanged." in result.stdout

    text = product.read_text(encoding="utf-8")
    assert text.endswith("---\n" + HAND_BODY)  # the body byte for byte
    assert "price:\n  from: 52000\n  unit: chai 750 ml\n" in text
    assert "title: Nước mắm cá cơm\n" in text  # fields the sheet leaves empty are kept
    created = (catalogue.root / "products/mam-ruoc/index.md").read_text(encoding="utf-8")
    assert "producer: htx-moi-dam-chuon\n" in created and "tags:\n- đặc sản\n- quà biếu\n" in created
    assert "specs:\n  Dung tích: 200 g\n" in created and "  date: 2025-06-01\n" in created

    before = tree_digest(catalogue.root)
    again = run_invoke("import", str(sheet), "--content", str(catalogue.root))
    assert again.returncode == 0 and "0 created, 0 updated, 3 unchanged." in again.stdout
    assert tree_digest(catalogue.root) == before  # byte-identical

    assert run_invoke("check", "--content", str(catalogue.root)).returncode == 0
    assert run_build(catalogue.root, tmp_path / "out").returncode == 0
    assert "Mắm ruốc Đầm Chuồn" in (tmp_path / "out/san-pham/mam-ruoc/index.html").read_text(encoding="utf-8")


def test_xlsx_import_writes_the_same_files_as_csv(catalogue, tmp_path):
    hand_written(catalogue)
    twin = tmp_path / "twin"
    shutil.copytree(catalogue.root, twin)
    assert run_invoke("import", str(write_xlsx(tmp_path / "danh-sach.xlsx")), "--content", str(twin)).returncode == 0
    import_sheet(write_csv(tmp_path / "danh-sach.csv"), catalogue.root)
    assert tree_digest(twin) == tree_digest(catalogue.root)
    again = import_sheet(tmp_path / "danh-sach.xlsx", twin)
    assert again.counts() == {"created": 0, "updated": 0, "unchanged": 3}


def test_dry_run_writes_nothing(catalogue, tmp_path):
    before = tree_digest(catalogue.root)
    result = run_invoke("import", str(write_csv(tmp_path / "a.csv")), "--dry-run", "--content", str(catalogue.root))
    assert result.returncode == 0, result.stderr
    assert "created (dry run)" in result.stdout and "updated (dry run)" in result.stdout
    assert "dry run, nothing was written." in result.stdout
    assert tree_digest(catalogue.root) == before


def test_bad_rows_give_row_numbered_errors_and_write_nothing(catalogue, tmp_path):
    rows = [
        ROWS[0][:9] + [7] + ROWS[0][10:14] + ["35.000"] + ROWS[0][15:],  # row 2: stars 7, price with a dot
        ["co-so", "htx-x", "HTX X", "Tóm tắt.", "coop", "phu-vanq", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["san-pham", "sp-y", "SP Y", "Tóm tắt.", "", "", "", "htx-b", "I.4.a", 2, "", "", "", "", "", "", "", ""],
        ["thing", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ]
    sheet = write_csv(tmp_path / "loi.csv", rows)
    before = tree_digest(catalogue.root)
    result = run_invoke("import", str(sheet), "--content", str(catalogue.root))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    name = str(sheet)
    assert f"{name}:2: stars: must be from 1 to 5, got 7" in errors
    assert any(e.startswith(f"{name}:2: price.from: 35.000 looks like a number with separators") for e in errors)
    assert any(e.startswith(f"{name}:2: producer: no producer 'htx-moi-dam-chuon'") for e in errors)
    assert any(e.startswith(f"{name}:3: kind: must be one of cooperative") and "got 'coop'" in e for e in errors)
    assert f"{name}:3: region: no region 'phu-vanq' in regions/regions.geojson; did you mean `phu-vang`?" in errors
    assert any(e.startswith(f"{name}:4: producer: no producer 'htx-b'") for e in errors)
    assert any(e.startswith(f"{name}:5: type: must be product or producer") for e in errors)
    assert "nothing was written" in errors[-1]
    assert tree_digest(catalogue.root) == before


def test_unknown_column_is_named(catalogue, tmp_path):
    sheet = write_csv(tmp_path / "cot.csv", [ROWS[2] + ["x"]], HEADER + ["starz"])
    result = run_invoke("import", str(sheet), "--content", str(catalogue.root))
    assert result.returncode == 1
    assert f"{sheet}:1: starz: unknown column; did you mean `stars`?" in result.stderr.splitlines()


def test_phone_typed_as_a_number_in_excel(catalogue, tmp_path):
    sheet = write_xlsx(tmp_path / "so.xlsx", [["co-so", "htx-z", "HTX Z", "Tóm tắt.", "household", "phu-vang", 234381]],
                       HEADER[:7])
    result = import_sheet(sheet, catalogue.root)
    assert [str(p) for p in result.problems.errors] == [
        f"{sheet}:2: phone: is a number in the sheet (234381), which drops the leading 0: format the column as "
        "Text and type the number again"]


# ---- contract v1.1: the columns for buyers -----------------------------------------------------------

BUYER_HEADER = [
    "type", "slug", "title", "summary", "kind", "region", "phone", "zalo", "email", "contact_person", "languages",
    "messengers.whatsapp", "messengers.wechat", "tax_code", "producer", "group", "stars",
    "trade.min_order.quantity", "trade.min_order.unit", "trade.capacity.quantity", "trade.capacity.unit",
    "trade.capacity.per", "trade.lead_time_days", "trade.shelf_life_months", "trade.export_markets",
    "trade.incoterms", "trade.port", "trade.hs_code", "trade.gtin", "trade.oem", "trade.samples",
    "certifications.1.scheme", "certifications.1.number", "certifications.1.issued_by", "certifications.1.date",
    "certifications.1.expires", "certifications.2.scheme", "certifications.2.name", "certifications.2.expires",
    "buy_online"]
BUYER_ROWS = [
    {"type": "co-so", "slug": "htx-dam-chuon", "title": "HTX Đầm Chuồn", "summary": "Hợp tác xã ven đầm.",
     "kind": "cooperative", "region": "phu-vang", "phone": "0234 3811 222, 0905 811 222", "zalo": "0905 811 222",
     "email": "damchuon@example.com", "contact_person": "Lê Thị Hoa", "languages": "vi; en; ko",
     "messengers.whatsapp": "+84 905 811 222", "messengers.wechat": "damchuon_hue", "tax_code": "0100233488"},
    {"type": "san-pham", "slug": "mam-ruoc", "title": "Mắm ruốc Đầm Chuồn", "summary": "Mắm ruốc đặc sánh.",
     "producer": "htx-dam-chuon", "group": "I.4.b", "stars": 2,
     "trade.min_order.quantity": 20, "trade.min_order.unit": "thùng 12 hũ", "trade.capacity.quantity": 5000,
     "trade.capacity.unit": "hũ 200 g", "trade.capacity.per": "tháng", "trade.lead_time_days": 0,
     "trade.shelf_life_months": 12, "trade.export_markets": "KR; jp", "trade.incoterms": "FOB; EXW",
     "trade.port": "Cảng Chân Mây", "trade.hs_code": "2103.90", "trade.gtin": "8935049500018", "trade.oem": "không",
     "trade.samples": "có", "certifications.1.scheme": "haccp", "certifications.1.number": "HC-0021",
     "certifications.1.issued_by": "QUACERT", "certifications.1.date": "2025-02-01",
     "certifications.1.expires": "2028-01-31", "certifications.2.scheme": "other",
     "certifications.2.name": "Sản phẩm công nghiệp nông thôn tiêu biểu", "certifications.2.expires": "2024-12-31",
     "buy_online": "https://shopee.vn/mam-ruoc-dam-chuon; https://postmart.vn/mam-ruoc"},
]


def buyer_rows(rows=BUYER_ROWS, header=BUYER_HEADER):
    return [[row.get(name, "") for name in header] for row in rows]


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_buyers_columns_import_into_bundles_that_build(catalogue, tmp_path):
    sheet = write_xlsx(tmp_path / "nguoi-mua.xlsx", buyer_rows(), BUYER_HEADER)
    result = run_invoke("import", str(sheet), "--content", str(catalogue.root))
    assert result.returncode == 0, result.stderr
    assert "2 created, 0 updated, 0 unchanged." in result.stdout

    producer = front_matter(catalogue.root / "producers/htx-dam-chuon/index.md")
    assert producer["phone"] == ["0234 3811 222", "0905 811 222"]  # several numbers in one cell
    assert producer["languages"] == ["vi", "en", "ko"] and producer["contact_person"] == "Lê Thị Hoa"
    assert producer["messengers"] == {"whatsapp": "+84 905 811 222", "wechat": "damchuon_hue"}
    assert producer["tax_code"] == "0100233488" and producer["zalo"] == "0905 811 222"
    product = front_matter(catalogue.root / "products/mam-ruoc/index.md")
    assert product["trade"] == {
        "min_order": {"quantity": 20, "unit": "thùng 12 hũ"},
        "capacity": {"quantity": 5000, "unit": "hũ 200 g", "per": "month"},  # "tháng" is month
        "lead_time_days": 0, "shelf_life_months": 12, "export_markets": ["KR", "jp"], "incoterms": ["FOB", "EXW"],
        "port": "Cảng Chân Mây", "hs_code": "2103.90", "gtin": "8935049500018", "oem": False, "samples": True}
    assert product["certifications"] == [
        {"scheme": "haccp", "number": "HC-0021", "issued_by": "QUACERT", "date": datetime.date(2025, 2, 1),
         "expires": datetime.date(2028, 1, 31)},
        {"scheme": "other", "name": "Sản phẩm công nghiệp nông thôn tiêu biểu", "expires": datetime.date(2024, 12, 31)}]
    assert product["buy_online"] == ["https://shopee.vn/mam-ruoc-dam-chuon", "https://postmart.vn/mam-ruoc"]

    before = tree_digest(catalogue.root)  # the CSV of the same rows changes nothing
    again = import_sheet(write_csv(tmp_path / "nguoi-mua.csv", buyer_rows(), BUYER_HEADER), catalogue.root)
    assert again.counts() == {"created": 0, "updated": 0, "unchanged": 2} and tree_digest(catalogue.root) == before

    assert run_build(catalogue.root, tmp_path / "out").returncode == 0
    soup = BeautifulSoup((tmp_path / "out/san-pham/mam-ruoc/index.html").read_text(encoding="utf-8"), "html.parser")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
             for dt in soup.select(".buyers dl.trade dt")}
    assert facts["Đơn hàng tối thiểu"] == "20 thùng 12 hũ" and facts["Đã xuất khẩu sang"] == "Hàn Quốc, Nhật Bản"
    assert facts["Mã vạch (GTIN)"] == "8935049500018"
    certificates = soup.select_one(".buyers ul.certs").get_text(" ", strip=True)
    assert "HACCP" in certificates and "Sản phẩm công nghiệp nông thôn tiêu biểu" in certificates
    links = {a["href"] for a in soup.select(".contacts a")}
    assert {"tel:+842343811222", "tel:+84905811222", "https://zalo.me/0905811222",
            "https://wa.me/84905811222"} <= links


def test_certification_columns_change_the_numbered_certification_of_the_file(catalogue, tmp_path):
    catalogue.product("nuoc-mam", title="Nước mắm cá cơm", certifications=[
        {"scheme": "vietgap", "number": "VG-1", "issued_by": "Trung tâm A", "expires": "2026-01-01"}])
    header = ["type", "slug", "certifications.1.expires", "certifications.2.scheme", "certifications.2.number"]
    sheet = write_csv(tmp_path / "gia-han.csv", [["san-pham", "nuoc-mam", "2029-01-01", "iso-22000", "ISO-7"]], header)
    assert not import_sheet(sheet, catalogue.root).problems.errors
    assert front_matter(catalogue.root / "products/nuoc-mam/index.md")["certifications"] == [
        {"scheme": "vietgap", "number": "VG-1", "issued_by": "Trung tâm A", "expires": datetime.date(2029, 1, 1)},
        {"scheme": "iso-22000", "number": "ISO-7"}]

    gap = write_csv(tmp_path / "lo.csv", [["san-pham", "nuoc-mam", "halal"]], ["type", "slug", "certifications.4.scheme"])
    assert [str(p) for p in import_sheet(gap, catalogue.root).problems.errors] == [
        f"{gap}:2: certifications.4.scheme: there is no certification 3 (in the file or the sheet) before it: "
        "number the certifications 1, 2, 3 … without a gap"]


# (column, cell, the start of its one line); rows update the fixture's product nuoc-mam or producer htx-a
BAD_BUYER_VALUES = [
    ("trade.min_order.quantity", "0", "must be more than 0, got 0"),
    ("trade.capacity.quantity", "20.000", "20.000 looks like a number with separators between thousands"),
    ("trade.capacity.per", "tuần", "must be one of month, year, got 'tuần'"),
    ("trade.lead_time_days", "7 ngày", "must be a whole number, 0 or more, got '7 ngày'"),
    ("trade.shelf_life_months", "0", "must be 1 or more, got 0"),
    ("trade.export_markets", "KR; Korea", "must be an ISO 3166-1 two-letter country code"),
    ("trade.incoterms", "FOB; DAT", "DAT is not an Incoterms 2020 rule; its 2020 counterpart is DPU"),
    ("trade.hs_code", "21", "must be a Harmonized System code of 4, 6, 8 or 10 digits"),
    ("trade.gtin", "8935049500017", "8935049500017: the check digit (the last one) does not match"),
    ("trade.oem", "maybe", "must be yes or no (có or không), got 'maybe'"),
    ("certifications.1.scheme", "vietgapp", "must be one of vietgap, globalgap, haccp"),
    ("certifications.1.expires", "2025-02-30", "2025-02-30 is not a date that exists"),
    ("certifications.1.url", "http://cert.example.com/1", "must be a web address starting with https://"),
    ("buy_online", "https://shopee.vn/a; shopee.vn/b", "must be a web address starting with https://"),
    ("phone", "0234 3811 222; 12345", "must be a phone number of digits, spaces, +, - and brackets"),
    ("zalo", "Zalo Hoa", "must be a phone number, e.g. \"0905 123 456\", a link https://zalo.me/…, or a Zalo id"),
    ("languages", "vi; Korean", "must be a two-letter ISO 639-1 language code such as vi, en, ko, zh, ja, fr, got "
                                "'Korean'; for Korean write `ko`"),
    ("messengers.whatsapp", "wa-hoa", "must be a phone number of digits"),
    ("messengers.wechat", "1234", "must be a WeChat ID"),
    ("tax_code", "0100233487", "0100233487: the check digit (the 10th digit) does not match the first nine"),
]


# the right values a bad one needs beside it, so that it is the row's only mistake
COMPANIONS = {"trade.min_order.quantity": {"trade.min_order.unit": "thùng"},
              "trade.capacity.quantity": {"trade.capacity.unit": "chai", "trade.capacity.per": "month"},
              "trade.capacity.per": {"trade.capacity.quantity": "1000", "trade.capacity.unit": "chai"},
              "certifications.1.expires": {"certifications.1.scheme": "haccp"},
              "certifications.1.url": {"certifications.1.scheme": "haccp"}}


@pytest.mark.parametrize("column, cell, message", BAD_BUYER_VALUES, ids=[c for c, *_ in BAD_BUYER_VALUES])
def test_each_bad_buyers_value_is_one_line(catalogue, tmp_path, column, cell, message):
    row = ["co-so", "htx-a"] if column in COLUMNS and "producer" in COLUMNS[column] else ["san-pham", "nuoc-mam"]
    companions = COMPANIONS.get(column, {})
    header = ["type", "slug", column, *companions]
    sheet = write_csv(tmp_path / "sai.csv", [row + [cell, *companions.values()]], header)
    before = tree_digest(catalogue.root)
    errors = [str(p) for p in import_sheet(sheet, catalogue.root).problems.errors]
    assert len(errors) == 1 and errors[0].startswith(f"{sheet}:2: {column}: {message}"), errors
    assert tree_digest(catalogue.root) == before


@pytest.mark.parametrize("column, number, explained", [
    ("zalo", 905811222, "which drops the leading 0: format the column as Text and type the number again"),
    ("messengers.whatsapp", 84905811222, "which drops the leading 0 or the +: format the column as Text and type "
                                         "the number again"),
    ("tax_code", 100233488, "which drops the leading 0 (0100233488 becomes 100233488): format the column as Text "
                            "and type the code again"),
    ("trade.gtin", 8935049500018, "which drops a leading 0 and shows a long number as 9.52005E+12, losing digits: "
                                  "format the column as Text and type the barcode again"),
    ("trade.hs_code", 303.89, "which drops the leading 0 and the last zeros (0303.80 becomes 303.8): format the "
                              "column as Text and type the code again"),
])
def test_codes_the_spreadsheet_made_numbers_are_explained(catalogue, tmp_path, column, number, explained):
    row = ["co-so", "htx-a"] if "producer" in COLUMNS[column] else ["san-pham", "nuoc-mam"]
    sheet = write_xlsx(tmp_path / "so.xlsx", [row + [number]], ["type", "slug", column])
    assert [str(p) for p in import_sheet(sheet, catalogue.root).problems.errors] == [
        f"{sheet}:2: {column}: is a number in the sheet ({number}), {explained}"]


def test_a_csv_saved_by_excel_with_a_long_number_is_explained(catalogue, tmp_path):
    sheet = write_csv(tmp_path / "excel.csv", [["san-pham", "nuoc-mam", "8.93505E+12"]], ["type", "slug", "trade.gtin"])
    assert [str(p) for p in import_sheet(sheet, catalogue.root).problems.errors] == [
        f"{sheet}:2: trade.gtin: 8.93505E+12 is how Excel writes a long number in a CSV: its last digits are lost. "
        "Format the column as Text in the spreadsheet, type the barcode again and save the CSV again"]


def test_columns_of_nested_fields_are_explained(catalogue, tmp_path):
    sheet = write_csv(tmp_path / "cot.csv", [], ["type", "slug", "trade", "certifications.1.schema", "trade.min_order"])
    errors = [str(p) for p in import_sheet(sheet, catalogue.root).problems.errors]
    assert f"{sheet}:1: certifications.1.schema: unknown column; did you mean `certifications.1.scheme`?" in errors
    assert f"{sheet}:1: trade.min_order: unknown column (one column per field: `trade.min_order.quantity`, " \
           "`trade.min_order.unit`)" in errors
    assert any(e.startswith(f"{sheet}:1: trade: unknown column (one column per field: `trade.min_order.quantity`")
               for e in errors)


def test_shipped_templates_import_into_the_sample_catalogue(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for template in ("import-template.csv", "import-template.xlsx"):
        result = import_sheet(ROOT / "docs" / template, content, dry_run=True)
        assert not result.problems.errors, [str(p) for p in result.problems.errors]
        assert result.counts() == {"created": 2, "updated": 0, "unchanged": 0}


def test_impossible_date_in_a_cell_names_row_and_column(catalogue, tmp_path):
    sheet = write_csv(tmp_path / "ngay.csv", [ROWS[0][:13] + ["2025-02-30"] + ROWS[0][14:], ROWS[1]])
    before = tree_digest(catalogue.root)
    result = import_sheet(sheet, catalogue.root)
    assert [str(p) for p in result.problems.errors] == [
        f"{sheet}:2: certificate.date: 2025-02-30 is not a date that exists (day is out of range for month); "
        "write YYYY-MM-DD, a real day"]
    assert tree_digest(catalogue.root) == before


def test_impossible_date_in_a_bundle_to_update_is_one_line(catalogue, tmp_path):
    path = catalogue.root / "products/nuoc-mam/index.md"
    text = path.read_text(encoding="utf-8").replace("date: '2025-03-01'", "date: 2025-13-01")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  date: 2025-13-01") + 1
    result = run_invoke("import", str(write_csv(tmp_path / "gia.csv", [ROWS[2]])), "--content", str(catalogue.root))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}:{line}: certificate.date: 2025-13-01 is not a date that exists (month must be in 1..12); " \
           "write YYYY-MM-DD, a real day; fix the file first (invoke check)" in result.stderr.splitlines()
