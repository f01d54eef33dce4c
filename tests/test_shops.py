"""Sales points (contract v1.1, `content/shops/<slug>/`), opening hours, and the product fields `location` and
`visit`: each bad value is one line `PATH:LINE: FIELD: message` found in-process by the build's own loader
(`content_problems`); a valid catalogue links each sales point to what it sells. Pages: test_shop_pages.py."""

from __future__ import annotations

import datetime

import pytest

from catalogue_tools.context import load_catalogue, read_settings
from conftest import TODAY, CatalogueBuilder, content_problems, small_catalogue
from ocop.catalogue import hours

SHOP = "content/shops/cho-dong-ba/index.md"


def line_of(path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.lstrip().startswith(start))


def shop(cat: CatalogueBuilder, slug: str = "cho-dong-ba", **fields):
    """A valid sales point in Phú Vang selling one product of the small catalogue; `fields` change it."""
    return cat.shop(slug, **{"title": "Quầy OCOP chợ Đông Ba", **fields})


@pytest.fixture
def cat(tmp_path) -> CatalogueBuilder:
    cat = small_catalogue(tmp_path / "content")
    shop(cat)
    return cat


def test_a_valid_shop_has_no_problem(cat):
    assert content_problems(cat.root) == []


@pytest.mark.parametrize("fields, line_start, expected", [
    ({"products": ["nuoc-mam", "nuoc-mamm"]}, "- nuoc-mamm",
     "products[2]: no product 'nuoc-mamm' in content/products/; did you mean `nuoc-mam`?"),
    ({"producers": ["ho-dun"]}, "- ho-dun",
     "producers[1]: no producer 'ho-dun' in content/producers/; did you mean `ho-dung`?"),
    ({"products": None}, "title:",
     "products: a sales point needs `products` (slugs of the products it sells) or `producers` (slugs of producers "
     "whose products it all sells), or both"),
    ({"products": []}, "products:",
     "products: a sales point needs `products` (slugs of the products it sells) or `producers` (slugs of producers "
     "whose products it all sells), or both"),
    ({"products": ["nuoc-mam", "nuoc-mam"]}, "products:", "products: lists nuoc-mam twice; keep one"),
    ({"region": "hue"}, "region:", "region: no region 'hue' in regions/regions.geojson"),
    ({"region": "phu-vamg"}, "region:",
     "region: no region 'phu-vamg' in regions/regions.geojson; did you mean `phu-vang`?"),
    ({"kind": "kiosk"}, "kind:",
     "kind: must be one of ocop-centre, shop, supermarket, market-stall, airport, producer-shop, got 'kiosk'"),
    ({"location": {"lat": 16.42}}, "location:", "location.lon: is required (decimal degrees)"),
    ({"summary": "x" * 201}, "summary:", "summary: is 201 characters long; at most 200 are allowed"),
    ({"stars": 4}, "stars:", "stars: unknown field"),
    ({"phone": "0234 38"}, "phone:",
     "phone: '0234 38' is not a valid Vietnamese phone number: a landline has 11 digits with its area code, a "
     'mobile 10, e.g. "0234 3812 345" (landline with its area code), "0905 123 456" (mobile) or, abroad, '
     '"+82 2 312 3456"'),
])
def test_bad_shop_fields(cat, fields, line_start, expected):
    path = shop(cat, **fields)
    assert content_problems(cat.root) == [f"{SHOP}:{line_of(path, line_start)}: {expected}"]


def test_required_shop_fields(cat):
    shop(cat, address=None, location=None)
    assert content_problems(cat.root) == [f"{SHOP}: address: is required (text)",
                                          f"{SHOP}: location: is required (fields: lat, lon)"]


def test_a_location_outside_the_regions_is_a_warning(cat):
    path = shop(cat, location={"lat": 10.5, "lon": 106.1})
    assert content_problems(cat.root) == [
        f"{SHOP}:{line_of(path, 'location:')}: location: warning: lat 10.5, lon 106.1 lies outside every region of "
        "regions/regions.geojson (the map shows the sales point there)"]


def test_a_location_in_another_region_is_a_warning(cat):
    path = shop(cat, location={"lat": 16.62, "lon": 107.52})  # inside Đan Điền
    assert content_problems(cat.root) == [
        f"{SHOP}:{line_of(path, 'location:')}: location: warning: lat 16.62, lon 107.52 lies in region 'dan-dien' "
        "(Đan Điền), not in the sales point's region 'phu-vang' (Phú Vang)"]


def test_a_translation_carries_only_text(cat):
    path = cat.markdown("shops/cho-dong-ba/index.en.md", {
        "title": "Dong Ba market OCOP stall", "summary": "A stall.", "address": "Dong Ba market", "kind": "shop",
        "products": ["dau-tram"]})
    assert content_problems(cat.root) == [
        f"content/shops/cho-dong-ba/index.en.md:{line_of(path, 'kind:')}: kind: cannot be set in a translation; it "
        "comes from the default-language file index.md",
        f"content/shops/cho-dong-ba/index.en.md:{line_of(path, 'products:')}: products: cannot be set in a "
        "translation; it comes from the default-language file index.md"]


def test_a_shop_photo_must_exist(cat):
    path = shop(cat, images=[{"file": "quay.jpg", "alt": "Quầy hàng"}])
    [problem] = content_problems(cat.root)
    assert problem.startswith(f"{SHOP}:{line_of(path, '- file:')}: images[1].file: ")
    assert "quay.jpg" in problem


# ---- opening hours: parsed by opening-hours-py, one line per bad value --------------------------------

SYNTAX_HINT = ("write English day abbreviations (Mo Tu We Th Fr Sa Su, PH for public holidays) and 24-hour times, "
               'e.g. "Mo-Sa 07:30-11:30,13:30-17:00; Su off", or a comment such as \'"by appointment"\'')


@pytest.mark.parametrize("value, expected", [
    ("Mo-Sa 7h-17h", f"'Mo-Sa 7h-17h' is not in OpenStreetMap opening_hours syntax at \"7h-17h\" (character 7); "
                     f"{SYNTAX_HINT}"),
    ("Thứ 2 - Thứ 7 07:00-17:00", "'Thứ 2 - Thứ 7 07:00-17:00' is not in OpenStreetMap opening_hours syntax at "
                                  f"\"ứ 2 - Thứ 7 07:…\" (character 3); {SYNTAX_HINT}"),
    ("Mo-Su 08:00–17:00", "'Mo-Su 08:00–17:00' is not in OpenStreetMap opening_hours syntax at \"–17:00\" "
                          f"(character 12); {SYNTAX_HINT}"),  # an en dash, as a word processor writes it
    ("Mo-Su 8-17", f"'Mo-Su 8-17' is not in OpenStreetMap opening_hours syntax at \"8-17\" (character 7); {SYNTAX_HINT}"),
    ("by appointment", "'by appointment' is not in OpenStreetMap opening_hours syntax at \"by appointment\" "
                       "(character 1); a comment goes in double quotes, and YAML needs quotes around those: "
                       "'\"by appointment\"'"),
    (False, "got yes/no: YAML reads a bare off or no as a yes/no value; write the hours in quotes, e.g. "
            '"Mo-Sa 07:30-11:30,13:30-17:00; Su off"'),
])
@pytest.mark.parametrize("kind", ["shop", "producer"])
def test_bad_opening_hours(cat, kind, value, expected):
    if kind == "shop":
        path, where = shop(cat, opening_hours=value), SHOP
    else:
        path, where = cat.producer("htx-a", opening_hours=value), "content/producers/htx-a/index.md"
    assert content_problems(cat.root) == [f"{where}:{line_of(path, 'opening_hours:')}: opening_hours: {expected}"]


def test_opening_hours_as_the_contract_writes_them(cat):
    shop(cat, opening_hours="Mo-Sa 07:30-11:30,13:30-17:00; Su off")
    cat.producer("htx-a", opening_hours='"by appointment"')
    assert content_problems(cat.root) == []


def test_a_week_of_hours_from_the_build_date():
    days = hours.week("Mo-Sa 07:30-11:30,13:30-17:00; Su off", datetime.date(2026, 11, 29))  # a Sunday
    assert [d.date.weekday() for d in days] == [6, 0, 1, 2, 3, 4, 5]
    assert days[0].closed and not days[1].closed
    assert [(s.start, s.end) for s in days[1].spans] == [(datetime.time(7, 30), datetime.time(11, 30)),
                                                         (datetime.time(13, 30), datetime.time(17))]
    late = hours.week("Fr 22:00-02:00", datetime.date(2026, 11, 29))
    [span] = late[5].spans  # shown on Friday, ending the next day
    assert (span.start, span.end, span.next_day) == (datetime.time(22), datetime.time(2), True)
    assert late[6].closed  # Saturday's first two hours belong to Friday's evening
    [appointment] = hours.week('"by appointment"', datetime.date(2026, 11, 29))[0].spans
    assert appointment.comment == "by appointment"
    new_year = hours.week("Mo-Su 08:00-17:00; PH off", datetime.date(2026, 12, 29))[3]
    assert new_year.date == datetime.date(2027, 1, 1) and new_year.holiday and new_year.closed


def test_the_usual_week_leaves_out_public_holidays():
    """Structured data states hours by day of week: from a week with no holiday, not New Year's closed Friday."""
    usual = hours.regular_week("Mo-Su 08:00-17:00; PH off", datetime.date(2026, 12, 29))
    assert usual[0].date == datetime.date(2027, 1, 5) and not any(day.closed or day.holiday for day in usual)
    this_week = datetime.date(2026, 11, 29)
    assert hours.regular_week("Mo-Sa 08:00-17:00", this_week) == hours.week("Mo-Sa 08:00-17:00", this_week)


# ---- the products' `location` and `visit` ----------------------------------------------------------

PRODUCT = "content/products/nuoc-mam/index.md"


def test_visit_only_on_tourism_products(cat):
    path = cat.product("nuoc-mam", title="Nước mắm cá cơm", visit={"duration": "2 giờ"})
    assert content_problems(cat.root) == [
        f"{PRODUCT}:{line_of(path, 'visit:')}: visit: only products of group VI (community tourism, sights) are "
        "visits; this product is in group I.4.a: remove `visit`, or put the product in group VI"]


def test_visit_facts(cat):
    cat.product("nuoc-mam", title="Tour làng chài", group="VI", visit={
        "duration": "3 giờ", "group_size": {"min": 2, "max": 12}, "booking_days": 1, "languages": ["vi", "en"]},
        location={"lat": 16.43, "lon": 107.74})
    assert content_problems(cat.root) == []
    path = cat.product("nuoc-mam", title="Tour làng chài", group="VI", visit={
        "group_size": {"min": 12, "max": 2}, "booking_days": -1, "languages": ["English"]})
    assert content_problems(cat.root) == [
        f"{PRODUCT}:{line_of(path, 'max:')}: visit.group_size.max: 2 is less than `min` (12)",
        f"{PRODUCT}:{line_of(path, 'booking_days:')}: visit.booking_days: must be 0 or more, got -1",
        f"{PRODUCT}:{line_of(path, '- English')}: visit.languages[1]: must be a two-letter ISO 639-1 language code "
        "such as vi, en, ko, zh, ja, fr, got 'English'; for English write `en`"]


def test_a_product_location_outside_the_regions_is_a_warning(cat):
    path = cat.product("nuoc-mam", title="Nước mắm cá cơm", location={"lat": 21.0, "lon": 105.8})
    assert content_problems(cat.root) == [
        f"{PRODUCT}:{line_of(path, 'location:')}: location: warning: lat 21.0, lon 105.8 lies outside every region "
        "of regions/regions.geojson (the map shows the product there)"]


# ---- the linked catalogue --------------------------------------------------------------------------

def test_a_shop_sells_its_products_and_all_of_its_producers(cat):
    shop(cat, products=["nuoc-mam"], producers=["ho-dung"])
    shop(cat, "sieu-thi", title="Siêu thị Co.opmart Huế", kind="supermarket", products=["ao-dai"])
    catalogue = load_catalogue(cat.root, dict(read_settings(), CATALOGUE_TODAY=TODAY)).catalogue
    shops = {s.slug: s for s in catalogue.shops}
    assert [p.slug for p in shops["cho-dong-ba"].products] == ["ao-dai", "nuoc-mam", "dau-tram"]  # listing order
    products = {p.slug: p for p in catalogue.products}
    assert [s.slug for s in products["ao-dai"].shops] == ["cho-dong-ba", "sieu-thi"]
    assert [s.slug for s in products["nuoc-mam"].shops] == ["cho-dong-ba"]
    assert catalogue.shops_by_region["phu-vang"] == [shops["cho-dong-ba"], shops["sieu-thi"]]


# ---- the sample catalogue --------------------------------------------------------------------------

def test_the_sample_has_sales_points_of_every_common_kind():
    """content/: at least 6 sales points in Huế of at least 4 kinds, each selling several products, with
    hours (one by appointment, one closed on Sunday) and an English translation; no problem at all."""
    from conftest import ROOT

    loaded = load_catalogue(ROOT / "content", dict(read_settings(), CATALOGUE_TODAY=TODAY))
    assert [str(p) for p in loaded.problems.items] == []
    shops = loaded.catalogue.shops
    assert len(shops) >= 6
    assert {"ocop-centre", "airport", "market-stall", "supermarket", "producer-shop"} <= {s.kind for s in shops}
    assert all(len(s.products) >= 2 for s in shops), [(s.slug, len(s.products)) for s in shops]
    assert all(s.entry.is_translated("en") for s in shops)
    weeks = {s.slug: hours.week(s.entry.fields["opening_hours"], datetime.date(2026, 11, 29)) for s in shops}
    assert any(all(day.spans and day.spans[0].comment == "by appointment" for day in week) for week in weeks.values())
    assert any(week[0].closed and not week[1].closed for week in weeks.values())  # 29 November 2026: a Sunday
