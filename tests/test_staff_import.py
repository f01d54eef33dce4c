"""`invoke import FILE`: bundles from .csv and .xlsx, idempotent, bodies kept, row-numbered errors, dry run."""

from __future__ import annotations

import csv
import shutil

from openpyxl import Workbook

from catalogue_tools.spreadsheet_import import import_sheet
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
        f"{sheet}:2: phone: is a number in the sheet, which drops the leading 0: format the column as Text and "
        "type the number again"]


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
