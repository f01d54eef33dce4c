"""The import template shipped in docs/ (import-template.xlsx and import-template.csv), with sample rows
in Vietnamese that import cleanly into the sample catalogue. Regenerate with
`.venv/bin/python -m catalogue_tools.import_template`."""

from __future__ import annotations

import csv
from pathlib import Path

from . import ROOT

HEADER = ["type", "slug", "title", "summary", "kind", "region", "address", "phone", "zalo", "email", "website",
          "representative", "contact_person", "languages", "messengers.whatsapp", "tax_code", "founded",
          "producer", "group", "stars", "score", "certificate.decision", "certificate.issued_by",
          "certificate.date", "price.from", "price.to", "price.unit", "tags", "specs.Khối lượng", "date",
          "trade.min_order.quantity", "trade.min_order.unit", "trade.capacity.quantity", "trade.capacity.unit",
          "trade.capacity.per", "trade.lead_time_days", "trade.shelf_life_months", "trade.export_markets",
          "trade.incoterms", "trade.port", "trade.hs_code", "trade.gtin", "trade.oem", "trade.samples",
          "certifications.1.scheme", "certifications.1.number", "certifications.1.issued_by",
          "certifications.1.date", "certifications.1.expires", "certifications.2.scheme",
          "certifications.2.number", "certifications.2.expires", "buy_online"]
# Columns of codes written with digits: Text in the .xlsx, so that Excel keeps the leading 0 (see
# spreadsheet_import.CODE_COLUMNS).
TEXT_COLUMNS = ["phone", "zalo", "messengers.whatsapp", "tax_code", "trade.hs_code", "trade.gtin",
                "certifications.1.number", "certifications.2.number"]
SAMPLE_ROWS = [
    {"type": "producer", "slug": "htx-me-xung-thien-huong", "title": "HTX Mè xửng Thiên Hương",
     "summary": "Hợp tác xã làm mè xửng và kẹo gương theo công thức gia truyền ở Huế.", "kind": "cooperative",
     "region": "thuan-hoa", "address": "Đường Chi Lăng, phường Thuận Hóa, thành phố Huế",
     "phone": "0234 3520 111; 0905 520 111", "zalo": "0905 520 111", "email": "htxthienhuong@example.com",
     "representative": "Trần Thị Hạnh", "contact_person": "Nguyễn Thị Mai", "languages": "vi; en",
     "tax_code": "3300859013", "founded": 2016},
    {"type": "product", "slug": "me-xung-thien-huong", "title": "Mè xửng Thiên Hương",
     "summary": "Mè xửng dẻo với mè rang, đậu phộng và mạch nha, gói giấy kiếng từng miếng.",
     "producer": "htx-me-xung-thien-huong", "group": "I.3.d", "stars": 3, "score": 62,
     "certificate.decision": "2215/QĐ-UBND", "certificate.issued_by": "UBND thành phố Huế",
     "certificate.date": "2025-08-20", "price.from": 45000, "price.to": 60000, "price.unit": "hộp 250 g",
     "tags": "đặc sản Huế; quà biếu", "specs.Khối lượng": "250 g", "date": "2025-09-01",
     "trade.min_order.quantity": 5, "trade.min_order.unit": "thùng 40 hộp", "trade.capacity.quantity": 3000,
     "trade.capacity.unit": "hộp 250 g", "trade.capacity.per": "month", "trade.lead_time_days": 7,
     "trade.shelf_life_months": 6, "trade.export_markets": "KR; TW", "trade.incoterms": "EXW; FCA",
     "trade.port": "Sân bay Phú Bài", "trade.hs_code": "1704.90", "trade.gtin": "9520045120200",
     "trade.oem": "có", "trade.samples": "có",
     "certifications.1.scheme": "food-safety-facility", "certifications.1.number": "87/2025/ATTP-CNĐK",
     "certifications.1.issued_by": "Sở Y tế thành phố Huế", "certifications.1.date": "2025-04-10",
     "certifications.1.expires": "2028-04-09", "certifications.2.scheme": "iso-22000",
     "certifications.2.number": "ISO22000-0311", "certifications.2.expires": "2027-12-31",
     "buy_online": "https://shopee.vn/search?keyword=me+xung+thien+huong"},
]


def write_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for row in SAMPLE_ROWS:
            writer.writerow([row.get(name, "") for name in HEADER])


def write_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "catalogue"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in SAMPLE_ROWS:
        sheet.append([row.get(name) for name in HEADER])
    for name in TEXT_COLUMNS:  # codes are text, in the rows staff add too: Excel keeps the leading 0
        letter = get_column_letter(HEADER.index(name) + 1)
        sheet.column_dimensions[letter].number_format = "@"
        sheet.column_dimensions[letter].width = 18
        for cell in sheet[letter]:
            cell.number_format = "@"
    sheet.freeze_panes = "A2"
    book.save(path)


if __name__ == "__main__":
    write_csv(ROOT / "docs" / "import-template.csv")
    write_xlsx(ROOT / "docs" / "import-template.xlsx")
