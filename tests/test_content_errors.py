"""Every kind of bad input: one line `PATH:LINE: FIELD: message`, exit status 1, no traceback,
and the previous good output left exactly as it was."""

from __future__ import annotations

import re
import shutil

import pytest
from PIL import Image

from conftest import CatalogueBuilder, run_build, tree_digest


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


def fails_with(catalogue, good_output, tmp_path, *expected: str, extra=()):
    """Build `catalogue` into a copy of a good site; expect failure with each regex in `expected`."""
    out = tmp_path / "site"
    shutil.copytree(good_output, out)
    before = tree_digest(out)
    result = run_build(catalogue.root, out, *extra)
    assert result.returncode == 1, f"expected failure, got {result.returncode}\n{result.stderr}"
    assert "Traceback" not in result.stderr + result.stdout
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


def test_unknown_field_suggests_the_right_name(catalogue, good_output, tmp_path):
    path = catalogue.product("nuoc-mam", starz=4)
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("starz: 4") + 1
    fails_with(catalogue, good_output, tmp_path,
               rf"^.*products/nuoc-mam/index\.md:{line}: starz: unknown field; did you mean `stars`\?$")


def test_missing_required_fields(catalogue, good_output, tmp_path):
    catalogue.product("nuoc-mam", summary=None, images=None, stars=9)  # errors with and without a line
    fails_with(catalogue, good_output, tmp_path,
               r"products/nuoc-mam/index\.md:\d+: stars: must be from 1 to 5",
               r"products/nuoc-mam/index\.md: summary: is required",
               r"products/nuoc-mam/index\.md: images: is required")


@pytest.mark.parametrize("fields, pattern", [
    ({"stars": 6, "score": None}, r"index\.md:\d+: stars: must be from 1 to 5, got 6"),
    ({"stars": "bốn"}, r"index\.md:\d+: stars: must be a whole number from 1 to 5, got 'bốn'"),
    ({"stars": 4, "score": 95}, r"index\.md:\d+: score: 95 points is outside the 4-star band \(70–89\)"),
    ({"stars": 3, "score": 55, "certificate": None}, r"index\.md:\d+: certificate: is required for a 3-star product"),
    ({"group": "I.9.z"}, r"index\.md:\d+: group: 'I.9.z' is not an OCOP product group code"),
    ({"group": "i.4.a"}, r"group: .*did you mean `I\.4\.a`\?"),
    ({"producer": "htx-b"}, r"index\.md:\d+: producer: no producer 'htx-b' in content/producers/; did you mean `htx-a`\?"),
    ({"region": "phu-vangg"}, r"index\.md:\d+: region: no region 'phu-vangg' .*did you mean `phu-vang`\?"),
    ({"summary": "x" * 201}, r"index\.md:\d+: summary: is 201 characters long; at most 200 are allowed"),
    ({"certificate": {"decision": "1/QĐ", "issued_by": "UBND", "date": "15/03/2024"}},
     r"index\.md:\d+: certificate\.date: must be a date written YYYY-MM-DD, got '15/03/2024'"),
    ({"price": {"from": "45.000đ"}}, r"index\.md:\d+: price\.from: must be a number"),
    ({"price": {"from": 1000, "currency": "VNĐ"}}, r"price\.currency: must be an ISO 4217 currency code"),
    ({"aliases": ["old/path"]}, r"aliases\[1\]: must be a site path starting and ending with '/'"),
    ({"images": [{"file": "anh-1.jpg"}]}, r"index\.md:\d+: images\[1\]\.alt: is required"),
])
def test_product_field_rules(catalogue, good_output, tmp_path, fields, pattern):
    catalogue.product("nuoc-mam", **fields)
    fails_with(catalogue, good_output, tmp_path, pattern)


@pytest.mark.parametrize("fields, pattern", [
    ({"phone": 2343812345}, r"producers/htx-a/index\.md:\d+: phone: must be written in quotes"),
    ({"kind": "coop"}, r"index\.md:\d+: kind: must be one of cooperative, enterprise, cooperative-group, household"),
    ({"email": "not-an-email"}, r"index\.md:\d+: email: must be an e-mail address"),
    ({"website": "www.example.com"}, r"index\.md:\d+: website: must be a web address starting with http"),
    ({"region": None}, r"producers/htx-a/index\.md: region: is required"),
    ({"location": {"lat": 116.5, "lon": 107.6}}, r"index\.md:\d+: location\.lat: latitude must be between -90 and 90"),
    ({"logo": "logo.png"}, r"index\.md:\d+: logo: file 'logo.png' does not exist in htx-a/"),
])
def test_producer_field_rules(catalogue, good_output, tmp_path, fields, pattern):
    catalogue.producer("htx-a", **fields)
    fails_with(catalogue, good_output, tmp_path, pattern)


def test_translation_may_not_set_facts(catalogue, good_output, tmp_path):
    catalogue.translation("products", "nuoc-mam", "en", title="Fish sauce", stars=5,
                          price={"from": 3, "unit": "bottle"})
    fails_with(catalogue, good_output, tmp_path,
               r"nuoc-mam/index\.en\.md:\d+: stars: cannot be set in a translation",
               r"nuoc-mam/index\.en\.md:\d+: price\.from: cannot be set in a translation")


def test_translation_photo_must_be_one_of_the_originals(catalogue, good_output, tmp_path):
    catalogue.translation("products", "nuoc-mam", "en", images=[{"file": "other.jpg", "alt": "x"}])
    fails_with(catalogue, good_output, tmp_path,
               r"index\.en\.md:\d+: images\[1\]\.file: 'other.jpg' is not one of the photos of index\.md")


def test_translation_into_a_language_the_site_does_not_have(catalogue, good_output, tmp_path):
    catalogue.translation("products", "nuoc-mam", "de", title="Fischsauce")
    fails_with(catalogue, good_output, tmp_path,
               r"products/nuoc-mam/index\.de\.md: file: translation into 'de', a language this site does not have")


def test_yaml_syntax_error_names_file_and_line(catalogue, good_output, tmp_path):
    catalogue.write("products/nuoc-mam/index.md",
                    "---\ntitle: Nước mắm\nstars: 4\nsummary: \"unclosed\n---\nBody\n")
    fails_with(catalogue, good_output, tmp_path, r"products/nuoc-mam/index\.md:[45]: file: YAML syntax error")


def test_yaml_tab_indentation_error(catalogue, good_output, tmp_path):
    catalogue.write("products/nuoc-mam/index.md", "---\ntitle: x\nprice:\n\tfrom: 1\n---\n")
    fails_with(catalogue, good_output, tmp_path, r"products/nuoc-mam/index\.md:\d+: file: YAML syntax error")


def test_duplicate_field(catalogue, good_output, tmp_path):
    path = catalogue.product("nuoc-mam")
    path.write_text(path.read_text(encoding="utf-8").replace("stars: 4\n", "stars: 4\nstars: 3\n"), encoding="utf-8")
    fails_with(catalogue, good_output, tmp_path, r"products/nuoc-mam/index\.md:\d+: stars: is given twice")


def test_file_that_is_not_utf8(catalogue, good_output, tmp_path):
    path = catalogue.product("nuoc-mam")
    path.write_bytes("---\ntitle: Nuoc mam \xe8\n---\n".encode("latin-1"))  # saved as Latin-1, not UTF-8
    fails_with(catalogue, good_output, tmp_path, r"products/nuoc-mam/index\.md:2: file: is not UTF-8 text")


def test_empty_file(catalogue, good_output, tmp_path):
    catalogue.write("products/nuoc-mam/index.md", "")
    fails_with(catalogue, good_output, tmp_path, r"products/nuoc-mam/index\.md: file: is empty")


def test_file_without_front_matter(catalogue, good_output, tmp_path):
    catalogue.write("products/nuoc-mam/index.md", "title: Nước mắm\n")
    fails_with(catalogue, good_output, tmp_path, r"products/nuoc-mam/index\.md:1: file: must start with front matter")


def test_bundle_without_index(catalogue, good_output, tmp_path):
    catalogue.photo("products/thieu/anh-1.jpg")
    fails_with(catalogue, good_output, tmp_path, r"products/thieu: file: has no index\.md")


def test_folder_name_that_is_not_a_slug(catalogue, good_output, tmp_path):
    catalogue.product("nuoc-mam")
    shutil.copytree(catalogue.root / "products" / "nuoc-mam", catalogue.root / "products" / "Nước-mắm")
    fails_with(catalogue, good_output, tmp_path, r"products/Nước-mắm: file: folder name is the URL slug")


def test_missing_photo_lists_the_photos_present(catalogue, good_output, tmp_path):
    catalogue.product("nuoc-mam", images=[{"file": "chai.jpg", "alt": "Chai"}])
    fails_with(catalogue, good_output, tmp_path,
               r"index\.md:\d+: images\[1\]\.file: file 'chai.jpg' does not exist in nuoc-mam/ \(photos in the folder: anh-1.jpg\)")


def test_photo_outside_the_bundle(catalogue, good_output, tmp_path):
    catalogue.product("nuoc-mam", images=[{"file": "../dau-tram/anh-1.jpg", "alt": "x"}])
    fails_with(catalogue, good_output, tmp_path, r"images\[1\]\.file: must be a file inside this folder")


def test_corrupt_photo(catalogue, good_output, tmp_path):
    catalogue.product("nuoc-mam")
    (catalogue.root / "products/nuoc-mam/anh-1.jpg").write_bytes(b"this is not a jpeg at all")
    fails_with(catalogue, good_output, tmp_path,
               r"index\.md:\d+: images\[1\]\.file: 'anh-1.jpg' is not an image Pillow can read")


def test_truncated_photo(catalogue, good_output, tmp_path):
    catalogue.product("nuoc-mam")
    photo = catalogue.root / "products/nuoc-mam/anh-1.jpg"
    Image.effect_noise((1200, 900), 60).convert("RGB").save(photo, "JPEG", quality=90)
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2])
    fails_with(catalogue, good_output, tmp_path, r"images\[1\]\.file: 'anh-1.jpg' is corrupt or truncated")


def test_absurdly_large_photo(catalogue, good_output, tmp_path):
    catalogue.product("nuoc-mam")
    catalogue.photo("products/nuoc-mam/anh-1.jpg", size=(1500, 1000))
    fails_with(catalogue, good_output, tmp_path,
               r"images\[1\]\.file: 'anh-1.jpg' is 1500×1000 pixels \(2 megapixels\); the limit is 1",
               extra=("-e", "CATALOGUE_MAX_MEGAPIXELS=1"))


def test_photo_in_an_unsupported_format(catalogue, good_output, tmp_path):
    catalogue.product("nuoc-mam", images=[{"file": "anh.gif", "alt": "x"}])
    catalogue.photo("products/nuoc-mam/anh.gif", fmt="GIF")
    fails_with(catalogue, good_output, tmp_path, r"images\[1\]\.file: 'anh.gif' is a GIF image; use JPEG, PNG or WebP")


def test_bad_regions_file(catalogue, good_output, tmp_path):
    catalogue.write("regions/regions.geojson", '{"type": "FeatureCollection", "features": [}')
    fails_with(catalogue, good_output, tmp_path, r"regions/regions\.geojson:1: file: is not valid JSON")


def test_region_feature_problems(catalogue, good_output, tmp_path):
    from conftest import square
    catalogue.regions([
        {"id": "phu-vang", "name": "Phú Vang", "geometry": square(107.7, 16.4)},
        {"id": "phu-vang", "name": "Phú Vang 2", "geometry": square(107.8, 16.4)},
        {"id": "Dan Dien", "name": "Đan Điền", "geometry": square(107.5, 16.6)},
        {"id": "a-luoi-1", "name": "A Lưới 1", "geometry": {"type": "Point", "coordinates": [107.2, 16.2]}},
    ])
    fails_with(catalogue, good_output, tmp_path,
               r"regions\.geojson: features\[2\]\.properties\.id: duplicate region id 'phu-vang'",
               r"regions\.geojson: features\[3\]\.properties\.id: must be a region id",
               r"regions\.geojson: features\[4\]\.geometry: region 'a-luoi-1': geometry must be a Polygon or MultiPolygon")


def test_all_problems_are_reported_together(catalogue, good_output, tmp_path):
    catalogue.product("nuoc-mam", stars=9)
    catalogue.producer("ho-dung", kind="farm")
    catalogue.write("products/dau-tram/index.md", "")
    result = fails_with(catalogue, good_output, tmp_path,
                        r"nuoc-mam/index\.md:\d+: stars:", r"ho-dung/index\.md:\d+: kind:",
                        r"dau-tram/index\.md: file: is empty")
    assert "3 errors in the content" in result.stderr


def test_failed_first_build_writes_no_output_folder(catalogue, tmp_path):
    catalogue.product("nuoc-mam", stars=0)
    result = run_build(catalogue.root, tmp_path / "fresh")
    assert result.returncode == 1
    assert not (tmp_path / "fresh").exists()
    assert not (tmp_path / "fresh.partial").exists()


@pytest.mark.parametrize("source, pattern", [
    ("phone: 0234361234", r"phone: must be written in quotes, e\.g\. \"0234 3812 345\""),
    ("phone: +84905123456", r"phone: must be written in quotes"),
])
def test_unquoted_phone_numbers(catalogue, good_output, tmp_path, source, pattern):
    path = catalogue.producer("htx-a", phone=None)
    path.write_text(path.read_text(encoding="utf-8").replace("region: phu-vang\n", f"region: phu-vang\n{source}\n"),
                    encoding="utf-8")
    fails_with(catalogue, good_output, tmp_path, r"producers/htx-a/index\.md:\d+: " + pattern)


def test_zalo_accepts_an_id_or_a_quoted_number(catalogue, tmp_path):
    catalogue.producer("htx-a", zalo="dautramlocthuy")
    catalogue.producer("ho-dung", kind="household", region="dan-dien", zalo="0905 123 456")
    assert run_build(catalogue.root, tmp_path / "out").returncode == 0


@pytest.mark.parametrize("written, pattern", [
    ("35.000", r"price\.from: 35\.000 looks like a number with separators between thousands, which YAML reads "
               r"as 35\.0; write it with digits only: 35000"),
    ("1,200,000", r"price\.from: 1,200,000 looks like a number with separators"),
    ("12.5", r"price\.from: 12\.5 is not a whole number of đồng"),
])
def test_prices_written_with_separators(catalogue, good_output, tmp_path, written, pattern):
    path = catalogue.product("nuoc-mam")
    path.write_text(path.read_text(encoding="utf-8").replace("from: 45000", f"from: {written}"), encoding="utf-8")
    fails_with(catalogue, good_output, tmp_path, pattern)


def test_translations_are_checked_even_when_the_main_file_is_broken(catalogue, good_output, tmp_path):
    catalogue.write("products/nuoc-mam/index.md", "---\ntitle: [unclosed\n---\n")
    catalogue.translation("products", "nuoc-mam", "en", title="Fish sauce", summary="x", stars=3)
    fails_with(catalogue, good_output, tmp_path, r"nuoc-mam/index\.md:\d+: file: YAML syntax error",
               r"nuoc-mam/index\.en\.md:\d+: stars: cannot be set in a translation")


def test_coordinates_with_three_decimals_are_fine(catalogue, tmp_path):
    path = catalogue.producer("htx-a")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "region: phu-vang\n", "region: phu-vang\nlocation:\n  lat: 16.279\n  lon: 107.585\n"), encoding="utf-8")
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
