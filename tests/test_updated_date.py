"""`updated` (content contract v1.1, products and producers): the day staff last checked an entry's facts.
Checked like every date and never set by a translation; a day after the build date is a warning and shown
nowhere until it comes; shown on the product's and producer's pages in the page's language, the sitemap's
`lastmod` of their pages in every language, in the open data (JSON and CSV); `invoke check` warns of
entries not checked for over a year."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from bs4 import BeautifulSoup

from catalogue_tools.check import run_check
from catalogue_tools.context import load_catalogue, read_settings
from conftest import ROOT, TODAY, CatalogueBuilder, content_problems, run_build

LANGUAGES = ("-e", 'CATALOGUE_LANGUAGES=["vi", "en"]')
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
FUTURE = "2027-01-05"  # after the tests' build date, 2026-11-29


def line_of(path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def checked_catalogue(root) -> CatalogueBuilder:
    """nuoc-mam checked on 2 November 2026, its producer htx-a on 20 October (both translated into English);
    dau-tram dated after the build date; ao-dai and its producer ho-dung without `updated`."""
    cat = CatalogueBuilder(root)
    cat.producer("htx-a", title="HTX Nước mắm Tân Mỹ", updated="2026-10-20")
    cat.translation("producers", "htx-a", "en", title="Tan My fish sauce cooperative", summary="A cooperative.")
    cat.producer("ho-dung", title="Hộ kinh doanh Đức Dũng", kind="household", region="dan-dien")
    cat.product("nuoc-mam", title="Nước mắm cá cơm", updated="2026-11-02")
    cat.translation("products", "nuoc-mam", "en", title="Anchovy fish sauce", summary="Fish sauce.",
                    images=[{"file": "anh-1.jpg", "alt": "A bottle"}])
    cat.product("dau-tram", title="Dầu tràm", group="III.3", stars=2, score=40, certificate=None, updated=FUTURE)
    cat.product("ao-dai", title="Áo dài", producer="ho-dung", group="IV.2", stars=5, score=95)
    return cat


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    cat = checked_catalogue(tmp_path_factory.mktemp("updated") / "content")
    output = tmp_path_factory.mktemp("updated-out") / "output"
    result = run_build(cat.root, output, *LANGUAGES)
    assert result.returncode == 0, result.stderr
    assert f"content/products/dau-tram/index.md:{line_of(cat.root / 'products/dau-tram/index.md', 'updated:')}: " \
           f"updated: warning: {FUTURE} is in the future" in result.stderr
    return output


def page(output, url: str) -> BeautifulSoup:
    return BeautifulSoup((output / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def lastmods(output) -> dict:
    """loc → lastmod (None without one) of every URL of sitemap.xml."""
    root = ElementTree.parse(output / "sitemap.xml").getroot()
    return {url.find("s:loc", SITEMAP_NS).text: getattr(url.find("s:lastmod", SITEMAP_NS), "text", None)
            for url in root.findall("s:url", SITEMAP_NS)}


# ---- validation ---------------------------------------------------------------------------------------

def test_a_wrong_date_is_an_error_naming_the_file_and_field(catalogue):
    product = catalogue.product("nuoc-mam", title="Nước mắm cá cơm", updated="12/11/2026")
    producer = catalogue.producer("ho-dung", kind="household", region="dan-dien", updated=20261112)
    path = catalogue.product("ao-dai", producer="ho-dung", group="IV.2", stars=5, score=95)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\nupdated: 2026-02-30\n", 1), encoding="utf-8")  # no such day
    assert content_problems(catalogue.root) == [
        f"content/producers/ho-dung/index.md:{line_of(producer, 'updated:')}: updated: must be a date written "
        "YYYY-MM-DD, got 20261112",
        "content/products/ao-dai/index.md:2: updated: 2026-02-30 is not a date that exists (day is out of range "
        "for month); write YYYY-MM-DD, a real day",
        f"content/products/nuoc-mam/index.md:{line_of(product, 'updated:')}: updated: must be a date written "
        "YYYY-MM-DD, got '12/11/2026'",
    ]


def test_a_translation_that_sets_the_date_is_an_error(catalogue):
    entries = (("producers", "htx-a"), ("products", "nuoc-mam"))
    paths = [catalogue.translation(kind, slug, "en", title="Name", summary="Summary.", updated="2026-11-02")
             for kind, slug in entries]
    assert content_problems(catalogue.root) == [
        f"content/{kind}/{slug}/index.en.md:{line_of(path, 'updated:')}: updated: cannot be set in a translation; "
        "it comes from the default-language file index.md" for (kind, slug), path in zip(entries, paths)]


def test_a_day_after_the_build_date_is_a_warning_and_not_a_fact_yet(catalogue):
    """A warning, not an error: a build "as of" an earlier day (CATALOGUE_TODAY) of a right catalogue must not
    fail; until the day comes the model has no check date."""
    path = catalogue.producer("htx-a", updated=FUTURE)
    catalogue.product("nuoc-mam", updated=TODAY)  # today is not the future
    assert content_problems(catalogue.root) == [
        f"content/producers/htx-a/index.md:{line_of(path, 'updated:')}: updated: warning: {FUTURE} is in the future "
        f"(the build's date is {TODAY}); write the day the facts were last checked, YYYY-MM-DD, today at the "
        f"latest: until {FUTURE} the site shows no check date"]
    loaded = load_catalogue(catalogue.root, dict(read_settings(), CATALOGUE_TODAY=TODAY))
    producer = next(p for p in loaded.catalogue.producers if p.slug == "htx-a")
    product = next(p for p in loaded.catalogue.products if p.slug == "nuoc-mam")
    assert producer.updated is None and str(product.updated) == TODAY
    later = load_catalogue(catalogue.root, dict(read_settings(), CATALOGUE_TODAY=FUTURE))
    assert str(next(p for p in later.catalogue.producers if p.slug == "htx-a").updated) == FUTURE
    assert not later.problems.items


# ---- pages, sitemap, open data ------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, product_line, producer_line", [
    ("", "Thông tin được kiểm tra ngày 2 tháng 11, 2026.",
     "Thông tin được kiểm tra ngày 20 tháng 10, 2026."),
    ("en", "Facts checked on November 2, 2026.", "Facts checked on October 20, 2026."),
])
def test_pages_say_when_the_facts_were_checked_in_their_language(site, prefix, product_line, producer_line):
    words = {"": ("san-pham", "co-so"), "en": ("products", "producers")}[prefix]
    product = page(site, f"{prefix}/{words[0]}/nuoc-mam/")
    assert [p.text for p in product.select(".checked")] == [product_line]
    assert product.select_one("section.certificate .checked") is not None  # beside the certificate
    producer = page(site, f"{prefix}/{words[1]}/htx-a/")
    assert [p.text for p in producer.select(".checked")] == [producer_line]
    assert producer.select_one("section.contacts .checked") is not None  # with the contacts
    # none where there is no date, nor one to come; a product page does not show its producer's date
    for url in (f"{words[0]}/dau-tram", f"{words[0]}/ao-dai", f"{words[1]}/ho-dung"):
        assert not page(site, f"{prefix}/{url}/").select(".checked"), url


def test_the_sitemap_gives_the_date_as_lastmod_of_the_entrys_pages_in_every_language(site):
    dates = lastmods(site)
    assert dates["/san-pham/nuoc-mam/"] == dates["/en/products/nuoc-mam/"] == "2026-11-02"
    assert dates["/co-so/htx-a/"] == dates["/en/producers/htx-a/"] == "2026-10-20"
    assert dates["/san-pham/dau-tram/"] is None and dates["/san-pham/ao-dai/"] is None  # to come; none
    assert dates["/co-so/ho-dung/"] is None and dates["/"] is None and dates["/san-pham/"] is None
    assert [loc for loc, date in dates.items() if date] == ["/san-pham/nuoc-mam/", "/en/products/nuoc-mam/",
                                                           "/co-so/htx-a/", "/en/producers/htx-a/"]


@pytest.mark.parametrize("prefix", ["", "en"])
def test_open_data_gives_the_dates_of_products_and_producers(site, prefix):
    folder = site / prefix / "open-data"
    document = json.loads((folder / "catalogue.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "open-data/catalogue.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(document)] == []
    products = {p["slug"]: p for p in document["products"]}
    assert {slug: (p["updated"], p["producer"]["updated"]) for slug, p in products.items()} == {
        "ao-dai": (None, None), "dau-tram": (None, "2026-10-20"), "nuoc-mam": ("2026-11-02", "2026-10-20")}
    with (folder / "catalogue.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["slug"]: (row["updated"], row["producer_updated"]) for row in csv.DictReader(handle)}
    assert rows == {"ao-dai": ("", ""), "dau-tram": ("", "2026-10-20"), "nuoc-mam": ("2026-11-02", "2026-10-20")}
    wrong = dict(products["nuoc-mam"], updated="2 November 2026")
    assert list(validator.iter_errors(dict(document, products=[wrong])))


def test_a_rebuild_follows_a_changed_date_and_a_day_that_has_come(tmp_path):
    """The sitemap is kept when its digest (`PageFingerprints.routes`) is unchanged: a new `updated` date
    changes it. A date to come shows on the day it comes, though no file changed."""
    cat = checked_catalogue(tmp_path / "content")
    output = tmp_path / "output"
    assert run_build(cat.root, output, *LANGUAGES).returncode == 0
    cat.product("nuoc-mam", title="Nước mắm cá cơm", updated="2026-11-27")
    result = run_build(cat.root, output, *LANGUAGES)
    assert result.returncode == 0, result.stderr
    assert lastmods(output)["/en/products/nuoc-mam/"] == "2026-11-27"
    assert page(output, "/san-pham/nuoc-mam/").select_one(".checked").text.endswith("27 tháng 11, 2026.")
    result = run_build(cat.root, output, *LANGUAGES, f'CATALOGUE_TODAY="{FUTURE}"')
    assert result.returncode == 0, result.stderr
    assert "in the future" not in result.stderr
    assert lastmods(output)["/san-pham/dau-tram/"] == FUTURE
    assert page(output, "/en/products/dau-tram/").select_one(".checked").text == "Facts checked on January 5, 2027."


# ---- invoke check ---------------------------------------------------------------------------------------

def test_check_warns_of_entries_not_checked_for_over_a_year(catalogue):
    """Over a year: more than 365 days before the build date (2026-11-29). Entries without `updated` are not
    warned of: the field is optional."""
    product = catalogue.product("nuoc-mam", title="Nước mắm cá cơm", updated="2025-11-28")  # 366 days
    catalogue.product("dau-tram", producer="ho-dung", group="III.3", stars=3, score=60, updated="2025-11-29")  # 365
    producer = catalogue.producer("ho-dung", kind="household", region="dan-dien", updated="2024-06-30")
    warnings = [str(p) for p in run_check(catalogue.root, dict(read_settings(), CATALOGUE_TODAY=TODAY)).warnings
                if p.field == "updated"]
    root = catalogue.root
    assert warnings == [
        f"{root}/producers/ho-dung/index.md:{line_of(producer, 'updated:')}: updated: warning: the producer's facts "
        "were last checked on 2024-06-30, 882 days ago; ask the producer whether its contacts, address and opening "
        "hours still hold, then set `updated` to the day you checked",
        f"{root}/products/nuoc-mam/index.md:{line_of(product, 'updated:')}: updated: warning: the product's facts "
        "were last checked on 2025-11-28, 366 days ago; ask the producer whether the price, the certificate and the "
        "facts for buyers still hold, then set `updated` to the day you checked",
    ]


def test_the_samples_checked_entries_and_the_one_not_checked_for_a_year():
    """content/: several products and producers give `updated`; the honey of Nam Đông and its producer were last
    checked over a year before the tests' build date, so `invoke check` has something to say of them."""
    result = run_check(ROOT / "content", dict(read_settings(), CATALOGUE_TODAY=TODAY))
    assert not result.errors
    catalogue = result.loaded.catalogue
    dated = [item for item in (*catalogue.products, *catalogue.producers) if item.updated]
    assert len(dated) >= 8 and {type(item).__name__ for item in dated} == {"Product", "Producer"}
    warned = sorted(Path(p.path).parent.name for p in result.warnings if p.field == "updated")
    assert warned == ["cong-ty-tnhh-dac-san-rung-nam-dong", "mat-ong-rung-nam-dong"]
