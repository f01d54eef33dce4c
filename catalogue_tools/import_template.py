"""The import template shipped in docs/ (import-template.xlsx and import-template.csv), with sample rows
in Vietnamese that import cleanly into the sample catalogue. Regenerate with
`.venv/bin/python -m catalogue_tools.import_template`."""

from __future__ import annotations

import csv
from pathlib import Path

from . import ROOT

HEADER = ["type", "slug", "title", "summary", "kind", "region", "address", "phone", "email", "website",
          "representative", "founded", "producer", "group", "stars", "score", "certificate.decision",
          "certificate.issued_by", "certificate.date", "price.from", "price.to", "price.unit", "tags",
          "specs.Khối lượng", "date"]
SAMPLE_ROWS = [
    {"type": "producer", "slug": "htx-me-xung-thien-huong", "title": "HTX Mè xửng Thiên Hương",
     "summary": "Hợp tác xã làm mè xửng và kẹo gương theo công thức gia truyền ở Huế.", "kind": "cooperative",
     "region": "thuan-hoa", "address": "Đường Chi Lăng, phường Thuận Hóa, thành phố Huế", "phone": "0234 3520 111",
     "email": "htxthienhuong@example.com", "representative": "Trần Thị Hạnh", "founded": 2016},
    {"type": "product", "slug": "me-xung-thien-huong", "title": "Mè xửng Thiên Hương",
     "summary": "Mè xửng dẻo với mè rang, đậu phộng và mạch nha, gói giấy kiếng từng miếng.",
     "producer": "htx-me-xung-thien-huong", "group": "I.3.d", "stars": 3, "score": 62,
     "certificate.decision": "2215/QĐ-UBND", "certificate.issued_by": "UBND thành phố Huế",
     "certificate.date": "2025-08-20", "price.from": 45000, "price.to": 60000, "price.unit": "hộp 250 g",
     "tags": "đặc sản Huế; quà biếu", "specs.Khối lượng": "250 g", "date": "2025-09-01"},
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

    book = Workbook()
    sheet = book.active
    sheet.title = "catalogue"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in SAMPLE_ROWS:
        sheet.append([row.get(name) for name in HEADER])
    for column in ("H",):  # phone numbers are text: Excel keeps the leading 0
        for cell in sheet[column]:
            cell.number_format = "@"
    sheet.freeze_panes = "A2"
    book.save(path)


if __name__ == "__main__":
    write_csv(ROOT / "docs" / "import-template.csv")
    write_xlsx(ROOT / "docs" / "import-template.xlsx")
