"""`invoke new-product` / `invoke new-producer`: bundles that pass the check and build; clear refusals."""

from __future__ import annotations

from catalogue_tools.placeholder import is_placeholder
from conftest import run_build, run_invoke, tree_digest


def test_new_producer_and_product_check_and_build(catalogue, tmp_path):
    root = str(catalogue.root)
    made = run_invoke("new-producer", "--name", "HTX Đồng Đại Lộc", "--kind", "cooperative", "--region", "dan-dien",
                      "--phone", "0234 3812 999", "--content", root)
    assert made.returncode == 0, made.stderr
    producer = catalogue.root / "producers/htx-dong-dai-loc/index.md"  # đ → d
    assert producer.is_file() and "Created" in made.stdout
    made = run_invoke("new-product", "--name", "Mè xửng Đông Ba", "--producer", "htx-dong-dai-loc", "--group", "I.3.d",
                      "--stars", "4", "--decision", "12/QĐ-UBND", "--issued-by", "UBND thành phố Huế",
                      "--certified", "2026-01-02", "--summary", "Kẹo mè xửng dẻo.", "--content", root)
    assert made.returncode == 0, made.stderr
    folder = catalogue.root / "products/me-xung-dong-ba"
    text = (folder / "index.md").read_text(encoding="utf-8")
    assert "title: Mè xửng Đông Ba\nproducer: htx-dong-dai-loc\ngroup: I.3.d\nstars: 4\n" in text
    assert "  decision: 12/QĐ-UBND\n" in text and "summary: Kẹo mè xửng dẻo.\n" in text
    assert is_placeholder(folder / "anh-1.jpg")

    check = run_invoke("check", "--content", root)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "anh-1.jpg' is the placeholder photo of a new product" in check.stdout
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/san-pham/me-xung-dong-ba/index.html").read_text(encoding="utf-8")
    assert "Mè xửng Đông Ba" in page and "Viết mô tả" not in page  # the guidance comment is not published
    assert (tmp_path / "out/co-so/htx-dong-dai-loc/index.html").is_file()


def test_a_low_star_product_needs_no_certificate(catalogue):
    made = run_invoke("new-product", "--name", "Bánh ép", "--producer", "htx-a", "--group", "I.3.b", "--stars", "2",
                      "--content", str(catalogue.root))
    assert made.returncode == 0, made.stderr
    assert "certificate" not in (catalogue.root / "products/banh-ep/index.md").read_text(encoding="utf-8")


def test_existing_slug_is_refused_and_nothing_changes(catalogue):
    before = tree_digest(catalogue.root)
    made = run_invoke("new-product", "--name", "Nước mắm", "--slug", "nuoc-mam", "--producer", "htx-a", "--group",
                      "I.4.a", "--stars", "2", "--content", str(catalogue.root))
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert "products/nuoc-mam/ already exists" in made.stderr
    made = run_invoke("new-producer", "--name", "HTX A", "--kind", "cooperative", "--region", "phu-vang",
                      "--content", str(catalogue.root))
    assert made.returncode == 1 and "producers/htx-a/ already exists" in made.stderr
    assert tree_digest(catalogue.root) == before


def test_unknown_references_suggest_the_right_name(catalogue):
    made = run_invoke("new-product", "--name", "Mắm ruốc", "--producer", "htx-b", "--group", "I.4.x", "--stars", "3",
                      "--region", "phu-vanq", "--content", str(catalogue.root))
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert "--producer: no producer 'htx-b' in content/producers/; did you mean `htx-a`?" in made.stderr
    assert "--group: 'I.4.x' is not an OCOP product group code" in made.stderr and "did you mean `I.4." in made.stderr
    assert "--region: no region 'phu-vanq' in regions/regions.geojson; did you mean `phu-vang`?" in made.stderr
    assert not (catalogue.root / "products/mam-ruoc").exists()


def test_three_stars_need_a_certificate_and_options_follow_the_schema(catalogue):
    made = run_invoke("new-product", "--name", "Mắm ruốc", "--producer", "htx-a", "--group", "I.4.a", "--stars", "3",
                      "--content", str(catalogue.root))
    assert made.returncode == 1 and "needs its certificate" in made.stderr
    made = run_invoke("new-producer", "--name", "HTX B", "--kind", "coop", "--region", "phu-vang",
                      "--content", str(catalogue.root))
    assert made.returncode == 1
    assert "invoke new-producer: kind: must be one of cooperative, enterprise, cooperative-group, household, " \
           "got 'coop'" in made.stderr
    assert not (catalogue.root / "products/mam-ruoc").exists() and not (catalogue.root / "producers/htx-b").exists()
