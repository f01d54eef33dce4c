"""Region maps: the map page, locator maps and the checks of region data, on two real catalogues.

- "Huế": the sample's 40 wards and communes (content/regions/regions.geojson), a few producers placed in them;
- "Việt Nam": the 34 provinces of 2025 (bench/data/vietnam-provinces-34-2025.geojson), with the Hoàng Sa and
  Trường Sa islands inside Đà Nẵng and Khánh Hòa.

The SVG is read as XML, as written; its geometry is checked against the GeoJSON without the plugin's code.
"""

from __future__ import annotations

import json
import re
import shutil
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, CatalogueBuilder, run_build, square

SVG = "{http://www.w3.org/2000/svg}"
HUE_REGIONS = ROOT / "content/regions/regions.geojson"
PROVINCES = ROOT / "bench/data/vietnam-provinces-34-2025.geojson"
# the credits each data set asks for (THIRD-PARTY-NOTICES.md), shown under every map
ATTRIBUTIONS = {
    "hue": (ROOT / "content/regions/ATTRIBUTION.md").read_text(encoding="utf-8").strip(),
    "country": "Province boundaries: geoBoundaries (www.geoboundaries.org), VNM ADM1, public domain; "
               "dissolved into the 34 provinces of 2025.",
}


def build_catalogue(root, geojson, producers: dict, products: dict, attribution: str, shops: dict = {}):
    """producers: slug → (region, (lat, lon) or None, title); products: slug → producer slug;
    shops (sales points): slug → (region, (lat, lon), title, product slug)."""
    cat = CatalogueBuilder(root)
    shutil.copyfile(geojson, root / "regions/regions.geojson")
    cat.write("regions/ATTRIBUTION.md", attribution)
    for slug, (region, location, title) in producers.items():
        cat.producer(slug, title=title, region=region,
                     location={"lat": location[0], "lon": location[1]} if location else None)
    for slug, producer in products.items():
        cat.product(slug, producer=producer)
    for slug, (region, (lat, lon), title, product) in shops.items():
        cat.shop(slug, title=title, region=region, location={"lat": lat, "lon": lon}, products=[product])
    return cat


HUE = {
    "producers": {
        "htx-tan-my": ("thuan-an", (16.556, 107.642), "HTX Nước mắm Tân Mỹ"),
        "non-la-me-hoa": ("phu-ho", (16.476, 107.693), "Nón lá <Mệ Hoa> & con"),  # escaped, never markup
        "tra-ngu-uyen": ("phu-xuan", (16.472, 107.579), "Trà Ngự Uyển"),
        "mat-ong-nam-dong": ("nam-dong", None, "Mật ong Nam Đông"),  # no location: no marker
    },
    "products": {"nuoc-mam": "htx-tan-my", "mam-ruoc": "htx-tan-my", "nuoc-mam-nhi": "htx-tan-my",
                 "non-la": "non-la-me-hoa", "tra-sen": "tra-ngu-uyen", "mat-ong": "mat-ong-nam-dong"},
    "shops": {"quay-dong-ba": ("phu-vang", (16.42, 107.72), "Quầy <Đông Ba> & đặc sản", "nuoc-mam")},
}
COUNTRY = {
    "producers": {
        "htx-ha-noi": ("ha-noi", (21.03, 105.85), "HTX Hà Nội"),
        "htx-hue": ("hue", (16.46, 107.59), "HTX Huế"),
        "htx-da-nang": ("da-nang", (16.05, 108.20), "HTX Đà Nẵng"),
        "htx-khanh-hoa": ("khanh-hoa", (12.25, 109.10), "HTX Khánh Hòa"),
        "htx-can-tho": ("can-tho", (10.03, 105.75), "HTX Cần Thơ"),
        "htx-ca-mau": ("ca-mau", None, "HTX Cà Mau"),
    },
    "products": {"p1": "htx-ha-noi", "p2": "htx-ha-noi", "p3": "htx-ha-noi", "p4": "htx-ha-noi",
                 "p5": "htx-hue", "p6": "htx-hue", "p7": "htx-da-nang", "p8": "htx-khanh-hoa",
                 "p9": "htx-can-tho", "p10": "htx-ca-mau", "p11": "htx-ca-mau"},
    "shops": {"trung-tam-ocop-hue": ("hue", (16.47, 107.60), "Trung tâm OCOP Huế", "p5")},
}
FIXTURES = {"hue": (HUE_REGIONS, HUE), "country": (PROVINCES, COUNTRY)}


@pytest.fixture(scope="module", params=sorted(FIXTURES))
def built(request, tmp_path_factory):
    """(fixture name, spec, features by id, output folder), built once per module."""
    geojson, spec = FIXTURES[request.param]
    root = tmp_path_factory.mktemp(request.param)
    build_catalogue(root / "content", geojson, spec["producers"], spec["products"], ATTRIBUTIONS[request.param],
                    spec["shops"])
    result = run_build(root / "content", root / "out")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr  # every location lies in its producer's region
    features = {f["properties"]["id"]: f for f in json.loads(geojson.read_text(encoding="utf-8"))["features"]}
    return request.param, spec, features, root / "out"


def credit_text(name: str) -> str:
    """The credit as the page shows it: Markdown links turned into their text."""
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", ATTRIBUTIONS[name])


def expected_counts(spec, features) -> dict[str, int]:
    counts = dict.fromkeys(features, 0)
    for producer in spec["products"].values():
        counts[spec["producers"][producer][0]] += 1
    return counts


def html_of(out, path) -> str:
    return (out / path.strip("/") / "index.html").read_text(encoding="utf-8")


def svg_of(html: str, css_class: str) -> ElementTree.Element:
    """The inline SVG of that class, parsed as XML exactly as written into the page."""
    match = re.search(rf'<svg class="{css_class}".*?</svg>', html, re.S)
    assert match, f"no <svg class={css_class!r}>"
    return ElementTree.fromstring(match.group(0))


def rings_of(d: str) -> list[list[tuple[float, float]]]:
    """Rings of path data made of M (absolute), l (relative) and z."""
    rings = []
    for sub in re.findall(r"M[^Mz]*z", d):
        move, _, rel = sub[1:-1].partition("l")
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", move + " " + rel)]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2]):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def inside(rings, x, y) -> bool:
    """Even-odd rule over all rings, as the SVG fills them."""
    crossings = 0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                crossings += 1
    return crossings % 2 == 1


def region_links(svg) -> dict[str, ElementTree.Element]:
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "map-regions")
    return {a.get("href"): a for a in group.iter(f"{SVG}a")}


@pytest.mark.parametrize("lang, prefix, word, product_word", [("vi", "", "dia-phuong", "sản phẩm"),
                                                              ("en", "/en", "regions", "product")])
def test_map_page_links_every_region_with_its_count(built, lang, prefix, word, product_word):
    name, spec, features, out = built
    html = html_of(out, f"{prefix}/{'ban-do' if lang == 'vi' else 'map'}/")
    svg = svg_of(html, "map-svg")
    links = region_links(svg)
    assert set(links) == {f"{prefix}/{word}/{rid}/" for rid in features}
    counts = expected_counts(spec, features)
    for rid, feature in features.items():
        link = links[f"{prefix}/{word}/{rid}/"]
        props = feature["properties"]
        name_in_lang = props["name"] if lang == "vi" else props.get("name_en", props["name"])
        title = link.find(f"{SVG}title").text
        assert title == link.get("aria-label")
        assert title.startswith(name_in_lang + ": ")
        assert re.search(rf"\b{counts[rid]} {product_word}", title), (title, counts[rid])
        assert len(link.findall(f"{SVG}path")) == 1
    assert BeautifulSoup(html, "html.parser").html["lang"] == lang


def test_legend_matches_the_shades_and_the_catalogue(built):
    name, spec, features, out = built
    html = html_of(out, "/en/map/")
    counts = expected_counts(spec, features)
    links = region_links(svg_of(html, "map-svg"))
    shade_of = {href.split("/")[-2]: a.find(f"{SVG}path").get("class") for href, a in links.items()}
    rows = {}
    for li in BeautifulSoup(html, "html.parser").select(".map-legend li"):
        rect = li.select_one("rect[class^=shade-]")
        if rect is None:  # the producer and sales point markers
            continue
        text = li.get_text(" ", strip=True)
        numbers = [int(n) for n in re.findall(r"\d+", text)]
        if text.startswith("No products"):
            low = high = 0
        else:
            low, high = numbers[0], numbers[1] if "–" in text else numbers[0]
        rows[rect["class"][0]] = (low, high, numbers[-1])  # (range, how many regions)
    assert rows["shade-0"][:2] == (0, 0)
    for rid, count in counts.items():
        low, high, _ = rows[shade_of[rid]]
        assert low <= count <= high, (rid, count, shade_of[rid])
    for shade, (_, _, regions) in rows.items():
        assert regions == sum(1 for rid in counts if shade_of[rid] == shade)
    assert len(set(shade_of.values())) > 2  # the scale really distinguishes counts
    assert f"{len(spec['products'])} products in {len(features)} regions" in html


def test_producer_markers_lie_in_their_region_and_link_to_the_producer(built):
    name, spec, features, out = built
    svg = svg_of(html_of(out, "/ban-do/"), "map-svg")
    paths = {href.split("/")[-2]: a.find(f"{SVG}path").get("d") for href, a in region_links(svg).items()}
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "map-markers")
    markers = {a.get("href"): a for a in group.iter(f"{SVG}a")}
    located = {slug: v for slug, v in spec["producers"].items() if v[1]}
    assert set(markers) == {f"/co-so/{slug}/" for slug in located}
    for slug, (region, _, title) in located.items():
        marker = markers[f"/co-so/{slug}/"]
        assert marker.find(f"{SVG}title").text == title  # as written in the content, escaped on the way
        circle = marker.find(f"{SVG}circle")
        x, y = float(circle.get("cx")), float(circle.get("cy"))
        assert inside(rings_of(paths[region]), x, y), f"{slug} not drawn inside {region}"
        others = [rid for rid, d in paths.items() if rid != region and inside(rings_of(d), x, y)]
        assert others == []



@pytest.mark.parametrize("path, prefix, label, legend", [
    ("/ban-do/", "", "Điểm bán: ", "Điểm bán (chọn để mở)"),
    ("/en/map/", "/en", "Sales point: ", "Sales point (select to open)")])
def test_sales_points_are_a_layer_of_squares_linking_to_their_pages(built, path, prefix, label, legend):
    name, spec, features, out = built
    html = html_of(out, path)
    svg = svg_of(html, "map-svg")
    paths = {href.split("/")[-2]: a.find(f"{SVG}path").get("d") for href, a in region_links(svg).items()}
    (slug, (region, _, title, _)), = spec["shops"].items()
    layers = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "map-shops"]
    assert len(layers) == 1
    links = list(layers[0].iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == [f"{prefix}/{'shops' if prefix else 'diem-ban'}/{slug}/"]
    marker = links[0]
    assert marker.get("aria-label") == label + title  # its name, escaped on the way, as the producers'
    assert marker.find(f"{SVG}title").text == title
    assert marker.find(f"{SVG}circle") is None  # a square, not a producer's dot
    square = marker.find(f"{SVG}rect")
    x, y, side = (float(square.get(k)) for k in ("x", "y", "width"))
    assert float(square.get("height")) == side > 0
    assert inside(rings_of(paths[region]), x + side / 2, y + side / 2)
    producers = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "map-markers")
    assert producers.find(f".//{SVG}rect") is None and all(  # the two layers do not mix
        a.get("href").startswith(f"{prefix}/{'producers' if prefix else 'co-so'}/") for a in producers.iter(f"{SVG}a"))
    rows = BeautifulSoup(html, "html.parser").select(".map-legend li")
    shop_rows = [li for li in rows if li.select_one("svg rect.swatch-shop")]
    assert [" ".join(li.get_text().split()) for li in shop_rows] == [legend]
    assert not shop_rows[0].select("circle")


def test_labels_fit_and_do_not_overlap(built):
    name, spec, features, out = built
    svg = svg_of(html_of(out, "/ban-do/"), "map-svg")
    for layer in ("map-labels-wide", "map-labels-narrow"):
        group = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == f"map-labels {layer}")
        assert group.get("aria-hidden") == "true"  # the links carry the names
        texts = list(group.iter(f"{SVG}text"))
        boxes = []
        for text in texts:
            size = float(text.get("font-size"))
            lines = [t for t in text.itertext()]
            ys = [float(t.get("y")) for t in text.iter(f"{SVG}tspan")] or [float(text.get("y"))]
            width = max(len(line) for line in lines) * size * 0.5
            boxes.append((float(text.get("x")) - width / 2, ys[0] - size * 0.8, float(text.get("x")) + width / 2, ys[-1]))
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    wide = [t.get("font-size") for g in svg.iter(f"{SVG}g") if g.get("class") == "map-labels map-labels-wide"
            for t in g.iter(f"{SVG}text")]
    assert len(wide) >= 5  # (on phones the provinces of the country map are too small for any name)


@pytest.mark.parametrize("built", ["country"], indirect=True)
def test_islands_stay_on_the_country_map(built):
    name, spec, features, out = built
    svg = svg_of(html_of(out, "/ban-do/"), "map-svg")
    paths = {href.split("/")[-2]: a.find(f"{SVG}path").get("d") for href, a in region_links(svg).items()}
    xs = [x for d in paths.values() for ring in rings_of(d) for x, _ in ring]
    lons = [p[0] for f in features.values() for poly in (f["geometry"]["coordinates"] if f["geometry"]["type"] ==
            "MultiPolygon" else [f["geometry"]["coordinates"]]) for ring in poly for p in ring]
    # x is linear in longitude (any cylindrical projection): map x back to degrees east
    to_lon = lambda x: min(lons) + (x - min(xs)) / (max(xs) - min(xs)) * (max(lons) - min(lons))  # noqa: E731
    for province, islands in (("da-nang", "Hoàng Sa"), ("khanh-hoa", "Trường Sa")):
        rings = rings_of(paths[province])
        offshore = [ring for ring in rings if min(to_lon(x) for x, _ in ring) > 111]
        assert len(rings) >= 4 and len(offshore) >= 3, (islands, len(rings), len(offshore))
        for ring in offshore:  # each island is drawn with some area, not a dot that rounding collapsed
            assert len(set(ring)) >= 3
            assert max(max(x for x, _ in ring) - min(x for x, _ in ring),
                       max(y for _, y in ring) - min(y for _, y in ring)) >= 5


@pytest.mark.parametrize("page, here", [("/dia-phuong/{region}/", "region"), ("/en/products/{product}/", "product"),
                                        ("/co-so/{producer}/", "producer")])
def test_locator_maps(built, page, here):
    name, spec, features, out = built
    producer = next(slug for slug, v in spec["producers"].items() if v[1])
    region = spec["producers"][producer][0]
    product = next(slug for slug, p in spec["products"].items() if p == producer)
    html = html_of(out, page.format(region=region, product=product, producer=producer))
    svg = svg_of(html, "locator-svg")
    assert svg.get("role") == "img" and svg.get("aria-label")
    here_paths = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "locator-here"]
    assert len(here_paths) == 1
    markers = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "locator-marker"]
    x, y = float(markers[0].get("cx")), float(markers[0].get("cy"))
    assert inside(rings_of(here_paths[0].get("d")), x, y) or \
        any(c.get("class") == "locator-ring" for c in svg.iter(f"{SVG}circle"))
    figure = BeautifulSoup(html, "html.parser").select_one("figure.locator")
    assert credit_text(name) in " ".join(figure.get_text().split())
    assert len(re.search(r'<figure class="locator.*?</figure>', html, re.S).group(0).encode()) < 12_000


@pytest.mark.parametrize("path, label", [("/ban-do/", "Dữ liệu bản đồ:"), ("/en/map/", "Map data:")])
def test_attribution_under_the_map_in_each_language(built, path, label):
    name, spec, features, out = built
    soup = BeautifulSoup(html_of(out, path), "html.parser")
    caption = " ".join(soup.select_one("figure.region-map figcaption").get_text().split())
    assert caption.startswith(label) and credit_text(name) in caption
    assert soup.select_one(f'.main-nav a[href="{path}"]')["aria-current"] == "true"
    # the optional hover line is a script file (the CSP allows no inline script), hidden without it
    assert soup.select_one(".map-hover").has_attr("hidden")
    assert [s["src"] for s in soup.find_all("script", src=True)] == ["/theme/js/map.js"]
    assert (out / "theme/js/map.js").is_file()
    assert [s["type"] for s in soup.find_all("script", src=False)] == ["application/ld+json"]  # data, not code


# ---- bad region data and producer locations --------------------------------------------------------

@pytest.fixture
def small(tmp_path):
    cat = CatalogueBuilder(tmp_path / "content")
    cat.producer("htx-a")
    cat.product("nuoc-mam")
    return cat


def with_geometry(cat, geometry):
    cat.regions([{"id": "phu-vang", "name": "Phú Vang", "geometry": square(107.7, 16.4)},
                 {"id": "bad", "name": "Vùng lỗi", "geometry": geometry}])


@pytest.mark.parametrize("coordinates, field, message", [
    ([[[107.1, 16.1], [107.2, 16.1], [107.1, 16.1]]], r"coordinates\[0\]", "at least 4 positions"),
    ([[[107.1, 16.1], [107.2, 16.1], [107.2, 16.2], [107.1, 16.2]]], r"coordinates\[0\]", "not closed"),
    ([[[197.1, 16.1], [107.2, 16.1], [107.2, 16.2], [197.1, 16.1]]], r"coordinates\[0\]", "longitude 197.1"),
    ([[[16.1, 107.1], [16.2, 107.1], [16.2, 107.2], [16.1, 107.1]]], r"coordinates\[0\]", "latitude 107.1 .*swapped"),
    ([[["107.1", 16.1], [107.2, 16.1], [107.2, 16.2], ["107.1", 16.1]]], r"coordinates\[0\]", "must be \\[longitude"),
    ([[107.1, 16.1], [107.2, 16.1]], r"coordinates\[0\]", "a ring must be a list"),
])
def test_malformed_coordinates_are_errors(small, tmp_path, coordinates, field, message):
    with_geometry(small, {"type": "Polygon", "coordinates": coordinates})
    result = run_build(small.root, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any(re.search(rf"regions/regions\.geojson: features\[2\]\.geometry\.{field}: region 'bad': .*{message}", line)
               for line in result.problem_lines), result.stderr


def test_malformed_multipolygon_names_the_polygon(small, tmp_path):
    with_geometry(small, {"type": "MultiPolygon", "coordinates": [square(107.1, 16.1)["coordinates"],
                                                                  [[[107.3, 16.1], [107.4, 16.1], [107.3, 16.1]]]]})
    result = run_build(small.root, tmp_path / "out")
    assert result.returncode == 1
    assert any(re.search(r"regions\.geojson: features\[2\]\.geometry\.coordinates\[1\]\[0\]: region 'bad': a ring "
                         r"needs at least 4", line) for line in result.problem_lines), result.stderr


def test_feature_lines_are_named_when_the_file_has_one_feature_a_line(small, tmp_path):
    features = [{"type": "Feature", "properties": {"id": "phu-vang", "name": "Phú Vang"}, "geometry": square(107.7, 16.4)},
                {"type": "Feature", "properties": {"id": "bad", "name": "Lỗi"},
                 "geometry": {"type": "Polygon", "coordinates": [[[107.1, 16.1], [107.2, 16.1], [107.1, 16.1]]]}}]
    small.write("regions/regions.geojson", '{"type": "FeatureCollection", "features": [\n'
                + ",\n".join(json.dumps(f, ensure_ascii=False) for f in features) + "\n]}\n")
    result = run_build(small.root, tmp_path / "out")
    assert any(re.search(r"regions\.geojson:3: features\[2\]\.geometry\.coordinates\[0\]: region 'bad'", line)
               for line in result.problem_lines), result.stderr


def test_location_outside_every_region_is_a_warning(small, tmp_path):
    path = small.producer("htx-a", location={"lat": 10.5, "lon": 106.1})
    result = run_build(small.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.problem_lines if "location" in line)
    assert re.search(r"producers/htx-a/index\.md:\d+: location: warning: lat 10\.5, lon 106\.1 lies outside every "
                     r"region", line), line
    assert path.read_text(encoding="utf-8").splitlines()[int(line.split(":")[1]) - 1].startswith("location")


def test_location_in_another_region_is_a_warning(small, tmp_path):
    small.producer("htx-a", region="phu-vang", location={"lat": 16.62, "lon": 107.52})  # inside dan-dien
    result = run_build(small.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert any(re.search(r"producers/htx-a/index\.md:\d+: location: warning: lat 16\.62, lon 107\.52 lies in region "
                         r"'dan-dien' \(Đan Điền\), not in the producer's region 'phu-vang'", line)
               for line in result.problem_lines), result.stderr
    # the marker is drawn where the producer is, in the other region
    svg = svg_of(html_of(tmp_path / "out", "/ban-do/"), "map-svg")
    paths = {href.split("/")[-2]: a.find(f"{SVG}path").get("d") for href, a in region_links(svg).items()}
    circle = next(svg.iter(f"{SVG}circle"))
    assert inside(rings_of(paths["dan-dien"]), float(circle.get("cx")), float(circle.get("cy")))


def test_names_from_content_are_escaped_in_the_svg(small, tmp_path):
    small.regions([{"id": "phu-vang", "name": 'Phú "Vang" <script>alert(1)</script> & Co',
                    "geometry": square(107.7, 16.4)}])
    result = run_build(small.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = html_of(tmp_path / "out", "/ban-do/")
    assert "<script>" not in html
    link = next(iter(region_links(svg_of(html, "map-svg")).values()))
    assert link.find(f"{SVG}title").text.startswith('Phú "Vang" <script>alert(1)</script> & Co: ')
    assert link.get("aria-label") == link.find(f"{SVG}title").text


def test_nested_regions_draw_the_enclosing_region_first(small, tmp_path):
    small.regions([{"id": "dan-dien", "name": "Đan Điền", "parent": "phu-vang", "geometry": square(107.71, 16.41, 0.02)},
                   {"id": "phu-vang", "name": "Phú Vang", "geometry": square(107.7, 16.4)}])
    result = run_build(small.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    links = list(region_links(svg_of(html_of(tmp_path / "out", "/ban-do/"), "map-svg")))
    assert links == ["/dia-phuong/phu-vang/", "/dia-phuong/dan-dien/"]


def flag_outline(marker) -> list[tuple[float, float]]:
    """The corners of a locator's meeting point flag (`<g transform="translate(x y) [scale(sx sy)]"><path d=…>`,
    path data of M, V, l and z) in the locator's viewBox units."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", marker.get("transform"))]
    tx, ty, sx, sy = (numbers + [1, 1])[:4]
    x = y = 0.0
    corners = []
    for command, args in re.findall(r"([MVlz])([^MVlz]*)", marker.find(f"{SVG}path").get("d")):
        values = [float(n) for n in re.findall(r"-?\d*\.?\d+", args)]
        if command == "M":
            x, y = values
        elif command == "V":
            y = values[0]
        elif command == "l":
            for dx, dy in zip(values[::2], values[1::2]):
                x, y = x + dx, y + dy
                corners.append((tx + sx * x, ty + sy * y))
            continue
        else:
            continue
        corners.append((tx + sx * x, ty + sy * y))
    return corners


def test_meeting_points_at_the_edges_keep_their_flag_on_the_locator(small, tmp_path):
    """A group VI product's meeting point is a flag whose pole stands on the point; at the right edge of the area
    it flies to the left, at the top it hangs down, never cut off by the end of the map."""
    tours = {"tour-east": ("phu-vang", 107.749, 16.43, 'Tour <b>"Đông"</b> & biển'),  # the area's east edge
             "tour-north": ("dan-dien", 107.52, 16.649, "Tour bắc"),  # its north edge
             "tour-middle": ("phu-vang", 107.72, 16.42, "Tour giữa")}
    for slug, (region, lon, lat, title) in tours.items():
        small.product(slug, title=title, group="VI", region=region, location={"lat": lat, "lon": lon})
    result = run_build(small.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    from ocop.maps.projection import Projection
    from ocop.maps.sizes import LOCATOR_MARGIN, LOCATOR_WIDTH

    projection = Projection((107.2, 16.2, 107.75, 16.65), LOCATOR_WIDTH, LOCATOR_MARGIN)  # CatalogueBuilder's regions
    for slug, (region, lon, lat, title) in tours.items():
        svg = svg_of(html_of(tmp_path / "out", f"/san-pham/{slug}/"), "locator-svg")  # parsed: escaped as XML
        width, height = (float(n) for n in svg.get("viewBox").split()[2:])
        flag, = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "locator-meeting"]
        assert flag.get("aria-label") == f"Điểm hẹn: {title}" == flag.find(f"{SVG}title").text
        x, y = projection(lon, lat)
        corners = flag_outline(flag)
        xs, ys = [cx for cx, _ in corners], [cy for _, cy in corners]
        assert all(0 <= cx <= width and 0 <= cy <= height for cx, cy in corners), (slug, corners)
        # the pole stands on the point: the flag spans it across (the pole's width) and ends at it
        assert min(xs) < x < max(xs) and y == pytest.approx(max(ys) if min(ys) < y else min(ys), abs=0.06), slug
        flies = ("east" if max(xs) - x > x - min(xs) else "west", "up" if min(ys) < y else "down")
        assert flies == {"tour-east": ("west", "up"), "tour-north": ("east", "down"),
                         "tour-middle": ("east", "up")}[slug]


# ---- geometry units ---------------------------------------------------------------------------------

def test_tiny_islands_are_enlarged_not_dropped():
    from ocop.maps.projection import Projection
    from ocop.maps.shapes import outline

    island = square(112.0, 16.5, 0.001)  # about 100 m: far below one viewBox unit
    geometry = {"type": "MultiPolygon", "coordinates": [square(107.0, 16.0, 1.0)["coordinates"], island["coordinates"]]}
    projection = Projection((107.0, 16.0, 112.001, 17.0), 320, 4)
    shape = outline(geometry, projection, tolerance=0.9, min_size=3)
    assert len(shape.polygons) == 2
    small_ring = shape.polygons[1][0]
    assert len(set(small_ring)) >= 3
    assert max(x for x, _ in small_ring) - min(x for x, _ in small_ring) >= 2


def test_projection_round_trip_and_shape():
    from ocop.maps.projection import Projection

    projection = Projection((102.1, 8.4, 115.0, 23.4), 1000, 10)
    for lon, lat in ((105.85, 21.03), (109.1, 12.25), (114.0, 10.0)):
        x, y = projection(lon, lat)
        assert projection.invert(x, y) == pytest.approx((lon, lat), abs=1e-9)
    # conformal: a small square near Hà Nội stays square
    x0, y0 = projection(105.8, 21.0)
    x1, y1 = projection(105.9, 21.0 + 0.1 * 0.9336)  # at 21°N a degree of longitude is 0.9336 × a degree of latitude
    assert abs((x1 - x0) / (y0 - y1) - 1) < 0.01


@pytest.mark.parametrize("counts", [[0, 1, 2, 4], [0] * 20 + [1, 1, 2, 3, 5, 8, 13, 40, 120, 1300],
                                    list(range(15, 49)), [7] * 30, [0] * 5])
def test_colour_classes_cover_every_count_once_and_tell_regions_apart(counts):
    from ocop.maps.shades import shade_of, shades_for

    shades = shades_for(counts)
    for n in range(0, max(counts) + 1):  # every possible count up to the largest, not only those present
        assert sum(s.holds(n) for s in shades) == 1, n
    used = {shade_of(shades, n).index for n in counts}
    assert len(used) == min(len(set(counts)), 1 + 5 if 0 in counts else 5)
