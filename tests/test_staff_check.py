"""`invoke check`: every error in the contract's format, and each kind of staff warning."""

from __future__ import annotations

import datetime

from catalogue_tools.check import run_check
from ocop.catalogue import programme
from conftest import CatalogueBuilder, run_invoke


def good_catalogue(root) -> CatalogueBuilder:
    """No error and no warning: translated, wide photos, certificates valid for long."""
    cat = CatalogueBuilder(root)
    cat.producer("htx-a")
    cat.translation("producers", "htx-a", "en", title="Cooperative A", summary="A producer.")
    cat.photo("products/nuoc-mam/anh-1.jpg", size=(1600, 1200))
    cat.product("nuoc-mam", certificate={"decision": "1/QĐ-UBND", "issued_by": "UBND", "date": str(datetime.date.today())})
    cat.translation("products", "nuoc-mam", "en", title="Fish sauce", summary="Fish sauce.",
                    images=[{"file": "anh-1.jpg", "alt": "A bottle"}])
    return cat


def test_clean_catalogue_passes(tmp_path):
    cat = good_catalogue(tmp_path / "content")
    result = run_invoke("check", "--content", str(cat.root), "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The catalogue is in order: 1 products, 1 producers." in result.stdout


def test_each_warning_kind_and_strict(tmp_path):
    cat = good_catalogue(tmp_path / "content")
    today = programme.build_date(None)  # what `invoke check` judges expiry on: today in Viet Nam
    soon = today + datetime.timedelta(days=30)
    cat.product("nuoc-mam", certificate={"decision": "1/QĐ-UBND", "issued_by": "UBND", "date": "2024-01-02",
                                         "expires": str(soon)})
    cat.product("mam-ruoc", stars=2, score=40, certificate=None)  # no translation, 800-pixel photo
    cat.producer("htx-trong", title="HTX Trống")  # no products, no translation
    result = run_invoke("check", "--content", str(cat.root))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()

    def has(pattern_start: str, text: str) -> bool:
        return any(line.startswith(pattern_start) and text in line for line in lines)

    text = (cat.root / "products/nuoc-mam/index.md").read_text(encoding="utf-8")
    expires_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("  expires:"))
    root = str(cat.root)
    assert has(f"{root}/products/nuoc-mam/index.md:{expires_line}: certificate.expires: warning:",
               f"expires on {soon}, in 30 days")
    assert has(f"{root}/products/mam-ruoc/index.md: file: warning:", "has no translation (index.en.md, index.ko.md, index.zh.md, index.ja.md, index.fr.md)")
    assert has(f"{root}/producers/htx-trong/index.md: file: warning:", "has no products")
    assert has(f"{root}/products/mam-ruoc/index.md:", "images[1].file: warning: 'anh-1.jpg' is 800 pixels wide, "
               "less than the largest rendition (1600)")
    assert not has(f"{root}/products/nuoc-mam/index.md", "pixels wide")  # 1600 is wide enough
    assert "5 warnings." in result.stdout  # htx-trong: no products, no translation
    strict = run_invoke("check", "--content", str(cat.root), "--strict")
    assert strict.returncode == 1


def test_expired_certificate_is_a_warning(tmp_path):
    cat = good_catalogue(tmp_path / "content")
    cat.product("nuoc-mam", certificate={"decision": "1/QĐ-UBND", "issued_by": "UBND", "date": "2020-01-02"})
    warnings = [str(p) for p in run_check(cat.root).warnings]
    assert any("certificate.date: warning: the OCOP certificate expired on 2023-01-02" in w for w in warnings)


def test_errors_fail_in_the_contract_format(tmp_path):
    cat = good_catalogue(tmp_path / "content")
    path = cat.product("nuoc-mam", starz=4, producer="htx-b")
    line = path.read_text(encoding="utf-8").splitlines().index("starz: 4") + 1
    result = run_invoke("check", "--content", str(cat.root))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{cat.root}/products/nuoc-mam/index.md:{line}: starz: unknown field; did you mean `stars`?" \
        in result.stdout.splitlines()
    assert any(line.endswith("producer: no producer 'htx-b' in content/producers/; did you mean `htx-a`?")
               for line in result.stdout.splitlines())
    assert "2 errors" in result.stdout


def test_dropped_permalink_is_an_error(tmp_path):
    cat = good_catalogue(tmp_path / "content")
    cat.write("permalinks.txt", "/san-pham/da-xoa/\n")
    errors = [str(p) for p in run_check(cat.root).errors]
    assert any("permalinks.txt:1: /san-pham/da-xoa/: this published URL would disappear" in e for e in errors)


def test_missing_folder_is_one_clear_line(tmp_path):
    result = run_invoke("check", "--content", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "no such catalogue folder" in result.stderr


def test_sales_point_without_opening_hours_is_a_warning(tmp_path):
    cat = good_catalogue(tmp_path / "content")
    cat.shop("quay-dong-ba", opening_hours="Mo-Sa 07:00-17:00; Su off")
    cat.shop("quay-moi")
    warnings = [str(p) for p in run_check(cat.root).warnings]
    assert [w for w in warnings if "opening hours" in w] == [
        f"{cat.root}/shops/quay-moi/index.md: opening_hours: warning: sales point 'quay-moi' has no opening hours; "
        "visitors cannot tell when to come: add them, e.g. opening_hours: \"Mo-Sa 07:00-17:00; Su off\", or "
        "opening_hours: '\"by appointment\"'"]
