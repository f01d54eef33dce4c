"""Page fingerprints (`fingerprints.py`): a page's fingerprint changes when something it shows changes, and
only then. A page whose fingerprint did not change is kept from the previous output, so a missed input
would leave a stale page on the site; a needless change only costs time. In-process, on a small catalogue
written into a temporary folder."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from PIL import Image

from ocop.catalogue.errors import Problems
from ocop.catalogue.fingerprints import PageFingerprints
from ocop.catalogue.loader import CatalogueLoader
from ocop.catalogue.routes import build_routes
from ocop.catalogue.views import MarkdownRenderer, Site
from ocop.i18n.languages import configure_languages

LANGUAGES = configure_languages(["vi", "en"])
TODAY = datetime.date(2026, 11, 29)
PER_PAGE = 2  # three products: two pages of the all-products listing


def square(lon: float, lat: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + .05, lat], [lon + .05, lat + .05],
                                                [lon, lat + .05], [lon, lat]]]}


class Content:
    """A valid catalogue: producer htx-a (Phú Vang) makes nuoc-mam and mam-tom (group I.4.a), producer
    ho-dung (Đan Điền) makes dau-tram (group III.3)."""

    def __init__(self, root: Path):
        self.root = root
        features = [{"type": "Feature", "properties": {"id": id_, "name": name}, "geometry": square(lon, 16.4)}
                    for id_, name, lon in (("phu-vang", "Phú Vang", 107.7), ("dan-dien", "Đan Điền", 107.5))]
        self.write("regions/regions.geojson", json.dumps({"type": "FeatureCollection", "features": features}))
        self.producer("htx-a", title="HTX Nước mắm Tân Mỹ")
        self.producer("ho-dung", title="Hộ kinh doanh Đức Dũng", kind="household", region="dan-dien")
        self.product("nuoc-mam", title="Nước mắm cá cơm", stars=4)
        self.product("mam-tom", title="Mắm tôm", stars=3)
        self.product("dau-tram", title="Dầu tràm", producer="ho-dung", group="III.3", stars=3)

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def markdown(self, relative: str, fields: dict, body: str = "Nội dung.") -> None:
        self.write(relative, f"---\n{yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)}---\n{body}\n")

    def photo(self, relative: str, color) -> None:
        Image.new("RGB", (800, 600), color).save(self.root / relative, "JPEG")

    def producer(self, slug: str, **fields) -> None:
        data = {"title": f"HTX {slug}", "kind": "cooperative", "region": "phu-vang", "summary": "Cơ sở mẫu.",
                "phone": "0234 3812 345"}
        self.markdown(f"producers/{slug}/index.md", dict(data, **fields))

    def product(self, slug: str, **fields) -> None:
        stars = fields.get("stars", 4)
        data = {"title": f"Sản phẩm {slug}", "producer": "htx-a", "group": "I.4.a", "stars": stars,
                "score": {3: 60, 4: 80, 5: 95}[stars],
                "certificate": {"decision": "123/QĐ-UBND", "issued_by": "UBND tỉnh Thừa Thiên Huế",
                                "date": "2025-03-01"},
                "images": [{"file": "anh-1.jpg", "alt": "Ảnh sản phẩm"}],
                "summary": "Tóm tắt sản phẩm."}
        self.markdown(f"products/{slug}/index.md", dict(data, **fields))
        if not (self.root / f"products/{slug}/anh-1.jpg").exists():
            self.photo(f"products/{slug}/anh-1.jpg", (180, sum(slug.encode()) % 200, 40))


class Fingerprints(dict):
    """(page type, key, page, language) → fingerprint of every page of the catalogue in `content`."""

    def __init__(self, content: Content, theme: Path, today=TODAY, **settings):
        super().__init__()
        problems = Problems()
        catalogue = CatalogueLoader(content.root, LANGUAGES, today, problems).load()
        assert not problems.errors, problems.errors
        settings = dict({"SITENAME": "OCOP"}, **settings)
        generator = SimpleNamespace(catalogue=catalogue, theme=str(theme), settings=settings)
        fingerprints = PageFingerprints(generator, content.root, PER_PAGE)
        self.sites = {lang.code: Site(catalogue, lang, "", MarkdownRenderer(), settings) for lang in LANGUAGES}
        self.routes = build_routes(catalogue, PER_PAGE)
        for route in self.routes:
            for lang in LANGUAGES:
                self[route.page_type, route.key, route.page, lang.code] = \
                    fingerprints.page(route, lang, self.sites[lang.code])

    def listing_page_of(self, page_type: str, slug: str) -> int:
        """The page of the (Vietnamese) listing `page_type` that shows the card of `slug`."""
        for route in self.routes:
            if route.page_type == page_type:
                items = route.listing(self.sites["vi"])[(route.page - 1) * PER_PAGE:route.page * PER_PAGE]
                if slug in [(view.product if page_type != "producers" else view.producer).slug for view in items]:
                    return route.page
        raise AssertionError(f"{slug} is on no page of the {page_type} listing")


def changed(before: Fingerprints, after: Fingerprints) -> set:
    """The pages of `before` still in `after` whose fingerprint changed, by (page type, key, page number);
    a page changes in every language or in none."""
    pages = {key for key in before if key in after and before[key] != after[key]}
    by_page = {key[:3] for key in pages}
    assert pages == {page + (lang.code,) for page in by_page for lang in LANGUAGES}, "one language only"
    return by_page


@pytest.fixture
def content(tmp_path) -> Content:
    return Content(tmp_path / "content")


@pytest.fixture
def theme(tmp_path) -> Path:
    (tmp_path / "theme/templates").mkdir(parents=True)
    (tmp_path / "theme/templates/base.html").write_text("<html>{% block body %}{% endblock %}</html>")
    return tmp_path / "theme"


def test_nothing_changed_gives_the_same_fingerprints_and_singletons_have_none(content, theme):
    before = Fingerprints(content, theme, JINJA_FILTERS={"money": lambda v: v})
    after = Fingerprints(content, theme, JINJA_FILTERS={"money": lambda v: v})  # a new function: same setting
    assert before == after
    always_made = {key[0] for key, digest in before.items() if digest is None}
    assert always_made == {"home", "regions", "groups"}


def test_a_product_edit_changes_the_pages_that_show_it_and_no_other(content, theme):
    before = Fingerprints(content, theme)
    content.product("nuoc-mam", title="Nước mắm cá cơm", stars=4, summary="Tóm tắt đã sửa.")
    after = Fingerprints(content, theme)
    assert changed(before, after) == {
        ("product", "nuoc-mam", 1),
        ("product", "mam-tom", 1),  # lists the other products of its producer
        ("producer", "htx-a", 1),
        ("region", "phu-vang", 1),
        ("group", "i-4-a", 1), ("group", "i-4", 1), ("group", "i", 1),  # its group and the groups above
        ("stars", 4, 1),
        ("products", None, before.listing_page_of("products", "nuoc-mam")),
    }


def test_a_photo_or_a_translation_is_part_of_the_product(content, theme):
    before = Fingerprints(content, theme)
    content.photo("products/dau-tram/anh-1.jpg", (10, 200, 10))
    after = Fingerprints(content, theme)
    assert ("product", "dau-tram", 1) in changed(before, after)

    content.markdown("products/dau-tram/index.en.md", {"title": "Cajeput oil", "summary": "Cajeput oil.",
                                                       "images": [{"file": "anh-1.jpg", "alt": "A bottle"}]})
    translated = Fingerprints(content, theme)
    assert ("product", "dau-tram", 1) in changed(after, translated)
    assert ("product", "nuoc-mam", 1) not in changed(after, translated)


def test_a_producer_edit_changes_its_products_pages_not_the_others(content, theme):
    before = Fingerprints(content, theme)
    content.producer("htx-a", title="HTX Nước mắm Tân Mỹ (mới)")
    pages = changed(before, Fingerprints(content, theme))
    assert {("producer", "htx-a", 1), ("product", "nuoc-mam", 1), ("product", "mam-tom", 1),
            ("producers", None, before.listing_page_of("producers", "htx-a"))} <= pages
    assert not {key for key in pages if key[1] in ("dau-tram", "ho-dung", "dan-dien")}


def test_a_new_product_changes_its_producer_and_the_listings_counts(content, theme):
    before = Fingerprints(content, theme)
    content.product("tinh-dau-sa", title="Tinh dầu sả", producer="ho-dung", group="III.3", stars=3)
    after = Fingerprints(content, theme)
    pages = changed(before, after)
    assert {("producer", "ho-dung", 1), ("product", "dau-tram", 1), ("region", "dan-dien", 1),
            ("stars", 3, 1)} <= pages
    # a producer's card says how many products it has: the page of the producers listing showing ho-dung
    assert ("producers", None, before.listing_page_of("producers", "ho-dung")) in pages
    assert not {key for key in pages if key[1] in ("nuoc-mam", "htx-a", "phu-vang")}


def test_theme_and_settings_change_every_page_but_how_the_build_runs_does_not(content, theme):
    before = Fingerprints(content, theme)
    fingerprinted = {key[:3] for key, digest in before.items() if digest is not None}
    for how in ({"CATALOGUE_RENDER_WORKERS": 2}, {"SEARCH_SHARD_PAGES": 10}, {"OUTPUT_PATH": "/elsewhere"},
                {"CATALOGUE_CACHE_PATH": "/tmp/cache"}, {"CATALOGUE_PREVIEW": True},
                {"CATALOGUE_TODAY": "2027-01-01"}):  # the date counts through what it decides (below)
        assert Fingerprints(content, theme, **how) == before, how
    assert changed(before, Fingerprints(content, theme, SITENAME="OCOP Huế")) == fingerprinted
    (theme / "templates/base.html").write_text("<html lang=vi>{% block body %}{% endblock %}</html>")
    assert changed(before, Fingerprints(content, theme)) == fingerprinted


def test_a_later_day_changes_only_the_pages_of_what_it_decides(content, theme):
    """The nightly rebuild: nothing changes on a day no certificate expires; the day after mam-tom's
    certificate expires, the pages that show its badge change (its page, its producer's and that producer's
    other product, the listings and region that show its card) and no other; a producer with opening hours
    shows "today's" hours, so its pages change every day."""
    day = datetime.timedelta(days=1)
    assert changed(Fingerprints(content, theme), Fingerprints(content, theme, today=TODAY + day)) == set()
    content.product("mam-tom", title="Mắm tôm", stars=3,
                    certificate={"decision": "9/QĐ-UBND", "issued_by": "UBND", "date": "2024-01-01",
                                 "expires": TODAY.isoformat()})
    before = Fingerprints(content, theme)
    pages = changed(before, Fingerprints(content, theme, today=TODAY + day))
    assert {("product", "mam-tom", 1), ("producer", "htx-a", 1), ("product", "nuoc-mam", 1),
            ("stars", 3, 1), ("region", "phu-vang", 1), ("group", "i-4", 1)} <= pages
    assert not {key for key in pages if key[1] in ("dau-tram", "ho-dung", "dan-dien", 4)}
    content.producer("ho-dung", title="Hộ kinh doanh Đức Dũng", kind="household", region="dan-dien",
                     opening_hours="Mo-Sa 08:00-17:00")
    before = Fingerprints(content, theme)
    pages = changed(before, Fingerprints(content, theme, today=TODAY + day))
    assert {("producer", "ho-dung", 1), ("product", "dau-tram", 1)} <= pages
