"""Every kind of bad input: one line `PATH:LINE: FIELD: message` each, every problem at once.

Most cases read the catalogue in-process with the build's own loader (`content_problems`: the build's
phase 1, nothing written) and compare the exact lines staff would see. A few real `pelican` builds check
what only a whole build shows: exit status 1, the summary line, no traceback, and the previous good
output left exactly as it was.
"""

from __future__ import annotations

import re
import shutil

import pytest
from PIL import Image

from conftest import CatalogueBuilder, content_problems, run_build, square, tree_digest

PRODUCT = "content/products/nuoc-mam/index.md"
TRANSLATION = "content/products/nuoc-mam/index.en.md"
PRODUCER = "content/producers/htx-a/index.md"
NOT_IN_TRANSLATION = "cannot be set in a translation; it comes from the default-language file index.md"
REAL_DAY = "write YYYY-MM-DD, a real day"


def line_of(path, start: str) -> int:
    """The number of the first line of `path` that starts with `start`: where a message must point."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))


def edit(path, old: str, new: str):
    """Replace `old` by `new` in the file: for what `CatalogueBuilder` cannot write (YAML as typed)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# ---- real builds: exit status, summary, atomic output --------------------------------------------


@pytest.fixture(scope="session")
def good_output(tmp_path_factory):
    """A site built from a valid catalogue: each failing build below must leave a copy of it untouched."""
    cat = CatalogueBuilder(tmp_path_factory.mktemp("good") / "content")
    cat.producer("htx-a")
    cat.product("nuoc-mam")
    out = tmp_path_factory.mktemp("good-out") / "output"
    result = run_build(cat.root, out)
    assert result.returncode == 0, result.stderr
    return out


def fails_with(catalogue, good_output, tmp_path, *expected: str):
    """Build `catalogue` into a copy of a good site; expect failure with each regex in `expected`."""
    out = tmp_path / "site"
    shutil.copytree(good_output, out)
    before = tree_digest(out)
    result = run_build(catalogue.root, out)
    assert result.returncode == 1, f"expected failure, got {result.returncode}\n{result.stderr}"
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    for pattern in expected:
        assert any(re.search(pattern, line) for line in result.problem_lines), \
            f"no line matches {pattern!r} in:\n{result.stderr}"
    assert "nothing was written" in result.stderr
    assert tree_digest(out) == before, "the previous output was changed"
    assert not (tmp_path / "site.partial").exists(), "a half-written staging folder was left behind"
    return result


def test_valid_catalogue_builds(catalogue, tmp_path):
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "san-pham" / "nuoc-mam" / "index.html").is_file()


def test_all_problems_are_reported_together(catalogue, good_output, tmp_path):
    catalogue.product("nuoc-mam", stars=9)
    catalogue.producer("ho-dung", kind="farm")
    catalogue.write("products/dau-tram/index.md", "")
    result = fails_with(catalogue, good_output, tmp_path,
                        r"nuoc-mam/index\.md:\d+: stars:", r"ho-dung/index\.md:\d+: kind:",
                        r"dau-tram/index\.md: file: is empty")
    assert "3 errors in the content" in result.stderr


def test_impossible_date_stops_the_build_with_one_line(catalogue, good_output, tmp_path):
    """Was "internal error while reading the catalogue (ValueError …)", naming neither file nor field."""
    path = edit(catalogue.product("nuoc-mam"), "date: '2025-03-01'", "date: 2025-02-30")
    result = fails_with(catalogue, good_output, tmp_path,
                        rf"products/nuoc-mam/index\.md:{line_of(path, '  date:')}: certificate\.date: 2025-02-30 "
                        r"is not a date that exists \(day is out of range for month\); write YYYY-MM-DD, a real day$")
    assert "1 error in the content" in result.stderr


def test_failed_first_build_writes_no_output_folder(catalogue, tmp_path):
    catalogue.product("nuoc-mam", stars=0)
    result = run_build(catalogue.root, tmp_path / "fresh")
    assert result.returncode == 1
    assert not (tmp_path / "fresh").exists()
    assert not (tmp_path / "fresh.partial").exists()


# ---- field rules ----------------------------------------------------------------------------------


def test_unknown_field_suggests_the_right_name(catalogue):
    path = catalogue.product("nuoc-mam", starz=4)
    assert content_problems(catalogue.root) == [
        f"{PRODUCT}:{line_of(path, 'starz: 4')}: starz: unknown field; did you mean `stars`?"]


def test_missing_required_fields(catalogue):
    path = catalogue.product("nuoc-mam", summary=None, images=None, stars=9)  # errors with and without a line
    assert content_problems(catalogue.root) == [
        f"{TRANSLATION}:{line_of(path.with_name('index.en.md'), '- file:')}: images[1].file: 'anh-1.jpg' is not "
        "one of the photos of index.md (); a translation only translates `alt`",
        f"{PRODUCT}: images: is required (list of image, at least 1)",
        f"{PRODUCT}: summary: is required (text, at most 200 characters)",
        f"{PRODUCT}:{line_of(path, 'stars:')}: stars: must be from 1 to 5, got 9",
    ]


@pytest.mark.parametrize("fields, line_start, expected", [
    ({"stars": 6, "score": None}, "stars:", "stars: must be from 1 to 5, got 6"),
    ({"stars": "bốn"}, "stars:", "stars: must be a whole number from 1 to 5, got 'bốn'"),
    ({"stars": 4, "score": 95}, "score:", "score: 95 points is outside the 4-star band (70–89)"),
    ({"stars": 3, "score": 55, "certificate": None}, "stars:",
     "certificate: is required for a 3-star product (decision, issued_by, date); only 3 stars and up are certified"),
    ({"group": "I.9.z"}, "group:",
     "group: 'I.9.z' is not an OCOP product group code of Decision 148/QĐ-TTg (e.g. I.4.a, III.3, VI); "
     "did you mean `I.5.b`?"),
    ({"group": "i.4.a"}, "group:",
     "group: 'i.4.a' is not an OCOP product group code of Decision 148/QĐ-TTg (e.g. I.4.a, III.3, VI); "
     "did you mean `I.4.a`?"),
    ({"producer": "htx-b"}, "producer:",
     "producer: no producer 'htx-b' in content/producers/; did you mean `htx-a`?"),
    ({"region": "phu-vangg"}, "region:",
     "region: no region 'phu-vangg' in regions/regions.geojson; did you mean `phu-vang`?"),
    ({"summary": "x" * 201}, "summary:", "summary: is 201 characters long; at most 200 are allowed"),
    ({"certificate": {"decision": "1/QĐ", "issued_by": "UBND", "date": "15/03/2024"}}, "  date:",
     "certificate.date: must be a date written YYYY-MM-DD, got '15/03/2024'"),
    ({"price": {"from": "45.000đ"}}, "  from:",
     "price.from: must be a number (digits only, no dots between thousands), got '45.000đ'"),
    ({"price": {"from": 1000, "currency": "VNĐ"}}, "  currency:",
     "price.currency: must be an ISO 4217 currency code such as VND or USD, got 'VNĐ'"),
    ({"aliases": ["old/path"]}, "- old/path",
     "aliases[1]: must be a site path starting and ending with '/', e.g. /old/path/, got 'old/path'"),
    ({"images": [{"file": "anh-1.jpg"}]}, "- file:", "images[1].alt: is required (text)"),
])
def test_product_field_rules(catalogue, fields, line_start, expected):
    path = catalogue.product("nuoc-mam", **fields)
    assert content_problems(catalogue.root) == [f"{PRODUCT}:{line_of(path, line_start)}: {expected}"]


@pytest.mark.parametrize("fields, line_start, expected", [
    ({"phone": 2343812345}, "phone:", 'phone: must be written in quotes, e.g. "0234 3812 345": without quotes YAML '
                                      "reads it as a number and drops the leading zero and the +"),
    ({"kind": "coop"}, "kind:",
     "kind: must be one of cooperative, enterprise, cooperative-group, household, got 'coop'"),
    ({"email": "not-an-email"}, "email:", "email: must be an e-mail address, got 'not-an-email'"),
    ({"website": "www.example.com"}, "website:",
     "website: must be a web address starting with http:// or https://, got 'www.example.com'"),
    ({"region": None}, None, "region: is required (slug (a-z, 0-9, -))"),
    ({"logo": "logo.png"}, "logo:", "logo: file 'logo.png' does not exist in htx-a/ (the folder has no photos)"),
])
def test_producer_field_rules(catalogue, fields, line_start, expected):
    path = catalogue.producer("htx-a", **fields)
    where = f"{PRODUCER}:{line_of(path, line_start)}" if line_start else PRODUCER
    assert content_problems(catalogue.root) == [f"{where}: {expected}"]


def test_location_out_of_range(catalogue):
    path = catalogue.producer("htx-a", location={"lat": 116.5, "lon": 107.6})
    assert content_problems(catalogue.root) == [
        f"{PRODUCER}:{line_of(path, 'location:')}: location: warning: lat 116.5, lon 107.6 lies outside every "
        "region of regions/regions.geojson (the map shows the producer there)",
        f"{PRODUCER}:{line_of(path, '  lat:')}: location.lat: latitude must be between -90 and 90, got 116.5",
    ]


@pytest.mark.parametrize("source", ["phone: 0234361234", "phone: +84905123456"])
def test_unquoted_phone_numbers(catalogue, source):
    path = edit(catalogue.producer("htx-a", phone=None), "region: phu-vang\n", f"region: phu-vang\n{source}\n")
    assert content_problems(catalogue.root) == [
        f'{PRODUCER}:{line_of(path, "phone:")}: phone: must be written in quotes, e.g. "0234 3812 345": without '
        "quotes YAML reads it as a number and drops the leading zero and the +"]


def test_zalo_accepts_an_id_or_a_quoted_number(catalogue):
    catalogue.producer("htx-a", zalo="dautramlocthuy")
    catalogue.producer("ho-dung", kind="household", region="dan-dien", zalo="0905 123 456")
    assert content_problems(catalogue.root) == []


@pytest.mark.parametrize("written, expected", [
    ("35.000", "35.000 looks like a number with separators between thousands, which YAML reads as 35.0; write it "
               "with digits only: 35000"),
    ("1,200,000", "1,200,000 looks like a number with separators between thousands, which YAML reads as "
                  "'1,200,000'; write it with digits only: 1200000"),
    ("12.5", "12.5 is not a whole number of đồng"),
])
def test_prices_written_with_separators(catalogue, written, expected):
    path = edit(catalogue.product("nuoc-mam"), "from: 45000", f"from: {written}")
    assert content_problems(catalogue.root) == [f"{PRODUCT}:{line_of(path, '  from:')}: price.from: {expected}"]


def test_coordinates_with_three_decimals_are_not_thousands(catalogue):
    path = edit(catalogue.producer("htx-a"), "region: phu-vang\n",
                "region: phu-vang\nlocation:\n  lat: 16.279\n  lon: 107.585\n")
    assert content_problems(catalogue.root) == [  # a warning only: 16.279 is read as it is written
        f"{PRODUCER}:{line_of(path, 'location:')}: location: warning: lat 16.279, lon 107.585 lies outside every "
        "region of regions/regions.geojson (the map shows the producer there)"]


# ---- translations ---------------------------------------------------------------------------------


def test_translation_may_not_set_facts(catalogue):
    path = catalogue.translation("products", "nuoc-mam", "en", title="Fish sauce", stars=5,
                                 price={"from": 3, "unit": "bottle"})
    assert content_problems(catalogue.root) == [
        f"{TRANSLATION}: summary: is required (text, at most 200 characters)",
        f"{TRANSLATION}:{line_of(path, 'stars:')}: stars: {NOT_IN_TRANSLATION}",
        f"{TRANSLATION}:{line_of(path, '  from:')}: price.from: {NOT_IN_TRANSLATION}",
    ]


def test_translation_photo_must_be_one_of_the_originals(catalogue):
    path = catalogue.translation("products", "nuoc-mam", "en", title="Fish sauce", summary="Fish sauce.",
                                 images=[{"file": "other.jpg", "alt": "x"}])
    assert content_problems(catalogue.root) == [
        f"{TRANSLATION}:{line_of(path, '- file:')}: images[1].file: 'other.jpg' is not one of the photos of "
        "index.md (anh-1.jpg); a translation only translates `alt`"]


def test_translation_into_a_language_the_site_does_not_have(catalogue):
    catalogue.translation("products", "nuoc-mam", "de", title="Fischsauce")
    assert content_problems(catalogue.root) == [
        "content/products/nuoc-mam/index.de.md: file: translation into 'de', a language this site does not have "
        "(site languages: vi, en, ko, zh, ja, fr)"]


def test_translations_are_checked_even_when_the_main_file_is_broken(catalogue):
    catalogue.write("products/nuoc-mam/index.md", "---\ntitle: [unclosed\n---\n")
    path = catalogue.translation("products", "nuoc-mam", "en", title="Fish sauce", summary="x", stars=3)
    assert content_problems(catalogue.root) == [
        f"{TRANSLATION}:{line_of(path, 'stars:')}: stars: {NOT_IN_TRANSLATION}",
        f"{PRODUCT}:3: file: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'",
    ]


# ---- files that cannot be read --------------------------------------------------------------------


def test_yaml_syntax_error_names_file_and_line(catalogue):
    catalogue.write("products/nuoc-mam/index.md",
                    "---\ntitle: Nước mắm\nstars: 4\nsummary: \"unclosed\n---\nBody\n")
    assert content_problems(catalogue.root) == [
        f"{PRODUCT}:4: file: YAML syntax error: while scanning a quoted scalar found unexpected end of stream"]


def test_yaml_tab_indentation_error(catalogue):
    catalogue.write("products/nuoc-mam/index.md", "---\ntitle: x\nprice:\n\tfrom: 1\n---\n")
    assert content_problems(catalogue.root) == [
        f"{PRODUCT}:4: file: YAML syntax error: while scanning for the next token found character that cannot start "
        "any token"]


def test_duplicate_field(catalogue):
    path = edit(catalogue.product("nuoc-mam"), "stars: 4\n", "stars: 4\nstars: 3\n")
    assert content_problems(catalogue.root) == [
        f"{PRODUCT}:{line_of(path, 'stars: 3')}: stars: is given twice; keep one"]


def test_file_that_is_not_utf8(catalogue):
    path = catalogue.product("nuoc-mam")
    path.write_bytes("---\ntitle: Nuoc mam \xe8\n---\n".encode("latin-1"))  # saved as Latin-1, not UTF-8
    assert content_problems(catalogue.root) == [
        f"{PRODUCT}:2: file: is not UTF-8 text (byte 0xe8); save it with UTF-8 encoding"]


def test_empty_file(catalogue):
    catalogue.write("products/nuoc-mam/index.md", "")
    assert content_problems(catalogue.root) == [
        f"{PRODUCT}: file: is empty; it needs front matter between '---' lines"]


def test_file_without_front_matter(catalogue):
    catalogue.write("products/nuoc-mam/index.md", "title: Nước mắm\n")
    assert content_problems(catalogue.root) == [
        f"{PRODUCT}:1: file: must start with front matter: a line '---', the fields, a line '---'"]


def test_bundle_without_index(catalogue):
    catalogue.photo("products/thieu/anh-1.jpg")
    assert content_problems(catalogue.root) == [
        "content/products/thieu: file: has no index.md (the default-language text)"]


def test_folder_name_that_is_not_a_slug(catalogue):
    shutil.copytree(catalogue.root / "products" / "nuoc-mam", catalogue.root / "products" / "Nước-mắm")
    assert content_problems(catalogue.root) == [
        "content/products/Nước-mắm: file: folder name is the URL slug: use lowercase a-z, 0-9 and '-' (đ → d), "
        "e.g. me-xung-thien-huong"]


# ---- values YAML cannot build: one line each, never an internal error --------------------------------


@pytest.mark.parametrize("old, new, line_start, expected", [
    ("date: '2025-03-01'", "date: 2025-02-30", "  date:",
     f"certificate.date: 2025-02-30 is not a date that exists (day is out of range for month); {REAL_DAY}"),
    ("certificate:\n  decision: 123/QĐ-UBND\n  issued_by: UBND tỉnh Thừa Thiên Huế\n  date: '2025-03-01'\n",
     "certificate: {decision: 123/QĐ-UBND, issued_by: UBND, date: 2025-13-01}\n", "certificate:",
     f"certificate.date: 2025-13-01 is not a date that exists (month must be in 1..12); {REAL_DAY}"),
    ("stars: 4\n", "stars: 4\ndate: 2025-02-30 10:00:00\n", "date:",
     f"date: 2025-02-30 10:00:00 is not a date that exists (day is out of range for month); {REAL_DAY}"),
    ("stars: 4\n", "stars: 4\ndate: 2025-10-10 25:00:00\n", "date:",
     f"date: 2025-10-10 25:00:00 is not a date that exists (hour must be in 0..23); {REAL_DAY}"),
    ("stars: 4\n", "stars: 4\ndate: !!timestamp ngày 10\n", "date:",
     f"date: ngày 10 is not a date that exists; {REAL_DAY}"),
    ("from: 45000", "from: !!binary 'bm90IGJhc2U2NA'", "  from:",
     "price.from: !!binary data must be base64 (letters a-z, A-Z, digits, +, / and = at the end)"),
    ("summary: Tóm tắt sản phẩm.", "summary: !Ngon tuyệt", "summary:",
     "summary: '!Ngon' is read as a YAML tag, which front matter does not use; if the value starts with '!', put "
     "the whole value in quotes"),
    ("summary: Tóm tắt sản phẩm.", "summary: !!python/object:os.system x", "summary:",
     "summary: '!!python/object:os.system' is read as a YAML tag, which front matter does not use; if the value "
     "starts with '!', put the whole value in quotes"),
    ("stars: 4", "stars: !!int bốn", "stars:", "stars: must be a whole number, got 'bốn'"),
    ("from: 45000", "from: !!float 45k", "  from:", "price.from: must be a number, got '45k'"),
    ("stars: 4\n", "stars: 4\ntags: [!!bool có]\n", "tags:", "tags[1]: must be true or false, got 'có'"),
    ("from: 45000", "from: " + "9" * 5000, "  from:",
     "price.from: is a number 5000 characters long; no field takes a number that long"),
    ("from: 45000", "from: 0x" + "f" * 5000, "  from:",
     "price.from: is a number 5002 characters long; no field takes a number that long"),
    ("stars: 4\n", "stars: 4\ntags: &tags [*tags]\n", "tags:",
     "tags: refers to itself (an alias `*name` inside its own `&name`); write the value out in full"),
    ("stars: 4\n", "stars: 4\nspecs:\n  ? [Dung tích, Khối lượng]\n  : 500 ml\n", "  ? [",
     "specs: a field name must be plain text, not a list or a set of fields"),
    ("summary: Tóm tắt sản phẩm.", "summary: !!str [Tóm tắt]", "summary:",
     "summary: cannot be read: expected a scalar node, but found sequence"),
], ids=["impossible date", "month 13 in flow style", "timestamp on 30 February", "hour 25", "not a timestamp",
        "bad base64", "text starting with !", "python tag", "int tag", "float tag", "bool tag", "huge number",
        "huge hex number", "alias inside itself", "list as a key", "str tag on a list"])
def test_values_yaml_cannot_build(catalogue, old, new, line_start, expected):
    path = edit(catalogue.product("nuoc-mam"), old, new)
    assert content_problems(catalogue.root) == [f"{PRODUCT}:{line_of(path, line_start)}: {expected}"]


def test_every_value_yaml_cannot_build_is_reported_at_once(catalogue):
    path = edit(catalogue.product("nuoc-mam"), "stars: 4\n",
                "stars: 4\ndate: 2025-02-30\ntags: [!!bool có]\naliases:\n- !cu /san-pham/cu/\n")
    assert content_problems(catalogue.root) == [
        f"{PRODUCT}:{line_of(path, 'date:')}: date: 2025-02-30 is not a date that exists (day is out of range for "
        f"month); {REAL_DAY}",
        f"{PRODUCT}:{line_of(path, 'tags:')}: tags[1]: must be true or false, got 'có'",
        f"{PRODUCT}:{line_of(path, '- !cu')}: aliases[1]: '!cu' is read as a YAML tag, which front matter does "
        "not use; if the value starts with '!', put the whole value in quotes",
    ]


def test_an_alias_of_a_bad_value_is_reported_once(catalogue):
    path = edit(catalogue.product("nuoc-mam"), "stars: 4\n", "stars: 4\ndate: &listed 2025-02-30\ntags: [*listed]\n")
    assert content_problems(catalogue.root) == [
        f"{PRODUCT}:{line_of(path, 'date:')}: date: 2025-02-30 is not a date that exists (day is out of range for "
        f"month); {REAL_DAY}"]


def test_aliases_that_multiply_are_read_quickly(catalogue):
    """Eight levels of nine aliases each would be 43 million items to walk (minutes): only nodes are walked."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 8)]
    edit(catalogue.product("nuoc-mam"), "stars: 4\n", "stars: 4\n" + "\n".join(levels) + "\n")
    problems = content_problems(catalogue.root)
    assert [line.split(": ", 2)[1] for line in problems] == [f"a{n}" for n in range(8)]  # unknown fields


def test_values_yaml_cannot_build_in_translations_regions_and_pages(catalogue):
    translation = edit(catalogue.root / "products/nuoc-mam/index.en.md", "title: Anchovy fish sauce",
                       "title: !Anchovy fish sauce")
    region = catalogue.markdown("regions/phu-vang/index.md", {"summary": "Vùng ven biển."})
    edit(region, "summary: Vùng ven biển.", "summary: Vùng ven biển.\ntitle: !!binary 'xin chào'")
    page = catalogue.markdown("pages/gioi-thieu/index.md", {"title": "Giới thiệu"})
    edit(page, "title: Giới thiệu", "title: Giới thiệu\nsummary: !!float năm")
    assert content_problems(catalogue.root) == [
        "content/pages/gioi-thieu/index.md:3: summary: must be a number, got 'năm'",
        f"{TRANSLATION}:{line_of(translation, 'title:')}: title: '!Anchovy' is read as a YAML tag, which front "
        "matter does not use; if the value starts with '!', put the whole value in quotes",
        "content/regions/phu-vang/index.md:3: title: !!binary data must be base64 (letters a-z, A-Z, digits, +, / "
        "and = at the end)",
    ]


def test_fields_nested_too_deeply(catalogue):
    edit(catalogue.product("nuoc-mam"), "stars: 4\n", "stars: 4\ntags: " + "[" * 2000 + "]" * 2000 + "\n")
    assert content_problems(catalogue.root) == [f"{PRODUCT}:2: file: fields are nested too deeply to be read"]


# ---- photos and regions -----------------------------------------------------------------------------


def test_missing_photo_lists_the_photos_present(catalogue):
    path = catalogue.product("nuoc-mam", images=[{"file": "chai.jpg", "alt": "Chai"}])
    assert content_problems(catalogue.root) == [
        f"{TRANSLATION}:{line_of(path.with_name('index.en.md'), '- file:')}: images[1].file: 'anh-1.jpg' is not "
        "one of the photos of index.md (chai.jpg); a translation only translates `alt`",
        f"{PRODUCT}:{line_of(path, '- file:')}: images[1].file: file 'chai.jpg' does not exist in nuoc-mam/ "
        "(photos in the folder: anh-1.jpg)",
    ]


def test_photo_outside_the_bundle(catalogue):
    path = catalogue.product("nuoc-mam", images=[{"file": "../dau-tram/anh-1.jpg", "alt": "x"}])
    assert f"{PRODUCT}:{line_of(path, '- file:')}: images[1].file: must be a file inside this folder, got " \
           "'../dau-tram/anh-1.jpg'" in content_problems(catalogue.root)


@pytest.mark.parametrize("damage, expected", [
    (lambda photo: photo.write_bytes(b"this is not a jpeg at all"),
     re.escape("images[1].file: 'anh-1.jpg' is not an image Pillow can read (JPEG, PNG or WebP)")),
    (lambda photo: photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2]),
     re.escape("images[1].file: 'anh-1.jpg' is corrupt or truncated (") + r".+\)"),
], ids=["corrupt", "truncated"])
def test_photo_that_cannot_be_read(catalogue, damage, expected):
    path = catalogue.product("nuoc-mam")
    photo = catalogue.root / "products/nuoc-mam/anh-1.jpg"
    Image.effect_noise((1200, 900), 60).convert("RGB").save(photo, "JPEG", quality=90)
    damage(photo)
    [problem] = content_problems(catalogue.root)
    assert re.fullmatch(re.escape(f"{PRODUCT}:{line_of(path, '- file:')}: ") + expected, problem), problem


def test_absurdly_large_photo(catalogue):
    path = catalogue.product("nuoc-mam")
    catalogue.photo("products/nuoc-mam/anh-1.jpg", size=(1500, 1000))
    assert content_problems(catalogue.root, CATALOGUE_MAX_MEGAPIXELS=1) == [
        f"{PRODUCT}:{line_of(path, '- file:')}: images[1].file: 'anh-1.jpg' is 1500×1000 pixels (2 megapixels); "
        "the limit is 1"]


def test_photo_in_an_unsupported_format(catalogue):
    path = catalogue.product("nuoc-mam", images=[{"file": "anh.gif", "alt": "x"}])
    catalogue.photo("products/nuoc-mam/anh.gif", fmt="GIF")
    assert content_problems(catalogue.root) == [
        f"{TRANSLATION}:{line_of(path.with_name('index.en.md'), '- file:')}: images[1].file: 'anh-1.jpg' is not "
        "one of the photos of index.md (anh.gif); a translation only translates `alt`",
        f"{PRODUCT}:{line_of(path, '- file:')}: images[1].file: 'anh.gif' is a GIF image; use JPEG, PNG or WebP",
    ]


def test_bad_regions_file(catalogue):
    catalogue.write("regions/regions.geojson", '{"type": "FeatureCollection", "features": [}')
    assert content_problems(catalogue.root) == [  # without regions, no producer's region exists
        "content/producers/ho-dung/index.md:4: region: no region 'dan-dien' in regions/regions.geojson",
        "content/producers/htx-a/index.md:4: region: no region 'phu-vang' in regions/regions.geojson",
        "content/regions/regions.geojson:1: file: is not valid JSON: Expecting value",
    ]


def test_region_feature_problems(catalogue):
    catalogue.regions([
        {"id": "phu-vang", "name": "Phú Vang", "geometry": square(107.7, 16.4)},
        {"id": "phu-vang", "name": "Phú Vang 2", "geometry": square(107.8, 16.4)},
        {"id": "Dan Dien", "name": "Đan Điền", "geometry": square(107.5, 16.6)},
        {"id": "a-luoi-1", "name": "A Lưới 1", "geometry": {"type": "Point", "coordinates": [107.2, 16.2]}},
    ])
    assert content_problems(catalogue.root) == [
        "content/producers/ho-dung/index.md:4: region: no region 'dan-dien' in regions/regions.geojson",
        "content/regions/regions.geojson: features[2].properties.id: duplicate region id 'phu-vang'",
        "content/regions/regions.geojson: features[3].properties.id: must be a region id of lowercase a-z, 0-9 and "
        "'-', got 'Dan Dien'",
        "content/regions/regions.geojson: features[4].geometry: region 'a-luoi-1': geometry must be a Polygon or "
        "MultiPolygon, got 'Point'",
    ]
