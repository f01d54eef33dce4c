"""`invoke new-product` / `invoke new-producer` / `invoke new-shop`: bundles that pass the check and build; clear
refusals."""

from __future__ import annotations

import yaml
from bs4 import BeautifulSoup

from catalogue_tools.placeholder import is_placeholder
from conftest import content_problems, run_build, run_invoke, tree_digest
from ocop.catalogue.schema import MESSENGERS, TRADE


def test_new_producer_and_product_check_and_build(catalogue, tmp_path):
    root = str(catalogue.root)
    made = run_invoke("new-producer", "--name", "HTX Đồng Đại Lộc", "--kind", "cooperative", "--region", "dan-dien",
                      "--phone", "0234 3812 999, 0905 812 999", "--phone", "+82 2 312 3456", "--zalo", "0905 812 999",
                      "--email", "dongdailoc@example.com", "--contact-person", "Nguyễn Thị Mai",
                      "--languages", "vi,en", "--languages", "ko", "--content", root)
    assert made.returncode == 0, made.stderr
    producer = catalogue.root / "producers/htx-dong-dai-loc/index.md"  # đ → d
    assert producer.is_file() and "Created" in made.stdout
    fields = front_matter(producer)
    assert fields["phone"] == ["0234 3812 999", "0905 812 999", "+82 2 312 3456"]  # repeated and comma-separated
    assert fields["zalo"] == "0905 812 999" and fields["email"] == "dongdailoc@example.com"
    assert fields["contact_person"] == "Nguyễn Thị Mai" and fields["languages"] == ["vi", "en", "ko"]
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
    contacts = BeautifulSoup(page, "html.parser").select_one(".contacts")  # the options, on the product page
    assert {"tel:+842343812999", "tel:+84905812999", "tel:+8223123456", "https://zalo.me/0905812999",
            "mailto:dongdailoc@example.com"} <= {a["href"] for a in contacts.select("a")}
    assert "Nguyễn Thị Mai" in contacts.text and "Tiếng Việt, Tiếng Anh, Tiếng Hàn" in contacts.text


def front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def uncommented(path) -> str:
    """The file with the example lines of its front matter uncommented, as staff do: from the first example
    field (`# trade:`, `# messengers:`) to the end of the front matter, "# " removed."""
    lines, out, started = path.read_text(encoding="utf-8").splitlines(keepends=True), [], False
    for number, line in enumerate(lines):
        started = started or line.startswith(("# trade:", "# messengers:"))
        inside = 0 < number < lines.index("---\n", 1)
        out.append(line[2:] if started and inside and line.startswith("# ") else line)
    return "".join(out)


def test_new_files_show_the_facts_for_buyers_as_comments_that_are_valid_uncommented(catalogue):
    root = str(catalogue.root)
    assert run_invoke("new-producer", "--name", "HTX Mới", "--kind", "cooperative", "--region", "phu-vang",
                      "--content", root).returncode == 0
    assert run_invoke("new-product", "--name", "Nước mắm mới", "--producer", "htx-moi", "--group", "I.4.a",
                      "--stars", "2", "--content", root).returncode == 0
    product, producer = catalogue.root / "products/nuoc-mam-moi/index.md", catalogue.root / "producers/htx-moi/index.md"
    text = product.read_text(encoding="utf-8")
    assert "\n# trade:\n#   min_order: {quantity: 10, unit: thùng 24 chai}" in text and "\n# certifications:" in text
    assert "trade" not in front_matter(product) and "messengers" not in front_matter(producer)  # only comments
    assert not [line for line in content_problems(catalogue.root) if "warning" not in line]

    for path in (product, producer):
        path.write_text(uncommented(path), encoding="utf-8")
    fields, contacts = front_matter(product), front_matter(producer)
    assert set(fields["trade"]) == {spec.name for spec in TRADE.fields}  # the example shows every fact
    assert {c["scheme"] for c in fields["certifications"]} == {"vietgap", "other"} and fields["buy_online"]
    assert set(contacts["messengers"]) == {spec.name for spec in MESSENGERS.fields} and contacts["tax_code"]
    assert not [line for line in content_problems(catalogue.root) if "warning" not in line]


def test_contact_options_follow_the_schema(catalogue):
    before = tree_digest(catalogue.root)
    made = run_invoke("new-producer", "--name", "HTX C", "--kind", "household", "--region", "phu-vang",
                      "--phone", "0234 3812 999, 12345", "--languages", "vi,Korean", "--email", "mai.example.com",
                      "--content", str(catalogue.root))
    assert made.returncode == 1 and "Traceback" not in made.stderr
    errors = made.stderr.splitlines()
    assert any(e.startswith("invoke new-producer: phone[2]: must be a phone number of digits") for e in errors)
    assert "invoke new-producer: languages[2]: must be a two-letter ISO 639-1 language code such as vi, en, ko, " \
           "zh, ja, fr, got 'Korean'; for Korean write `ko`" in errors
    assert "invoke new-producer: email: must be an e-mail address, got 'mai.example.com'" in errors
    assert tree_digest(catalogue.root) == before


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


def test_new_shop_checks_and_builds(catalogue, tmp_path):
    root = str(catalogue.root)
    made = run_invoke("new-shop", "--name", "Quầy OCOP chợ Đông Ba", "--kind", "market-stall", "--region", "phu-vang",
                      "--address", "Chợ Đông Ba, phường Phú Xuân", "--lat", "16.42", "--lon", "107.72",
                      "--products", "nuoc-mam", "--producers", "ho-dung", "--hours", "Mo-Sa 07:00-17:00; Su off",
                      "--phone", "0234 3812 345", "--summary", "Quầy đặc sản trong chợ.", "--content", root)
    assert made.returncode == 0, made.stderr
    path = catalogue.root / "shops/quay-ocop-cho-dong-ba/index.md"  # đ → d
    assert "Created" in made.stdout
    fields = front_matter(path)
    assert fields["kind"] == "market-stall" and fields["location"] == {"lat": 16.42, "lon": 107.72}
    assert fields["products"] == ["nuoc-mam"] and fields["producers"] == ["ho-dung"]
    assert fields["opening_hours"] == "Mo-Sa 07:00-17:00; Su off" and fields["phone"] == "0234 3812 345"

    check = run_invoke("check", "--content", root)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "quay-ocop-cho-dong-ba" not in check.stdout  # it has its opening hours
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "out/diem-ban/quay-ocop-cho-dong-ba/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert "Quầy OCOP chợ Đông Ba" in page.h1.text and "Viết giới thiệu" not in str(page)
    products = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select("a[href*='/san-pham/']")}
    assert {"nuoc-mam", "dau-tram", "ao-dai"} <= products  # listed, and every product of ho-dung


def test_new_shop_by_appointment_needs_no_other_hours(catalogue):
    made = run_invoke("new-shop", "--name", "Xưởng nón lá", "--kind", "producer-shop", "--region", "dan-dien",
                      "--address", "Làng Mệ Hoa", "--lat", "16.62", "--lon", "107.52", "--producers", "ho-dung",
                      "--hours", '"by appointment"', "--content", str(catalogue.root))
    assert made.returncode == 0, made.stderr
    assert front_matter(catalogue.root / "shops/xuong-non-la/index.md")["opening_hours"] == '"by appointment"'
    assert not [line for line in content_problems(catalogue.root) if "xuong-non-la" in line]


def test_bad_shop_options_each_give_their_line_and_nothing_is_written(catalogue):
    before = tree_digest(catalogue.root)
    made = run_invoke("new-shop", "--name", "Quầy mới", "--kind", "kiosk", "--region", "phu-vang",
                      "--address", "Chợ Đông Ba", "--lat", "16.42", "--lon", "east", "--products", "nuoc-mam, nuoc-mamm",
                      "--producers", "htx-b", "--hours", "Mon-Sat 7am-5pm", "--content", str(catalogue.root))
    assert made.returncode == 1 and "Traceback" not in made.stderr
    errors = made.stderr.splitlines()
    assert "invoke new-shop: kind: must be one of ocop-centre, shop, supermarket, market-stall, airport, " \
           "producer-shop, got 'kiosk'" in errors
    assert "invoke new-shop: --products: no product 'nuoc-mamm' in content/products/; did you mean `nuoc-mam`?" \
        in errors
    assert "invoke new-shop: --producers: no producer 'htx-b' in content/producers/; did you mean `htx-a`?" in errors
    assert any(e.startswith("invoke new-shop: opening_hours: 'Mon-Sat 7am-5pm' is not in OpenStreetMap "
                            "opening_hours syntax") and "Mo-Sa 07:30-11:30" in e for e in errors)
    assert "invoke new-shop: location.lon: must be a decimal number of degrees, e.g. 16.4637, got 'east'" in errors
    assert len(errors) == 5  # one line each, all at once
    made = run_invoke("new-shop", "--name", "Quầy trống", "--kind", "shop", "--region", "phu-vang", "--address", "Huế",
                      "--lat", "16.42", "--lon", "107.72", "--content", str(catalogue.root))
    assert made.returncode == 1 and "products" in made.stderr and len(made.stderr.splitlines()) == 1
    assert tree_digest(catalogue.root) == before
