"""What the map templates show, in one language: ready values, no geometry left to compute."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ocop.i18n.collation import sort_key

from .labels import place_labels
from .sizes import DENSE_MARKERS, LABEL_LAYERS, LOCATOR_RING_BELOW, LOCATOR_WIDTH


@dataclass(frozen=True)
class RegionShape:
    region: object  # catalogue.views.RegionView
    d: str  # path data
    count: int  # products of the region
    shade: int  # colour class


@dataclass(frozen=True)
class Marker:
    producer: object  # catalogue.views.ProducerView
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class ShopMarker:
    """A sales point: a square (`x`, `y` its top left corner), apart from the producers' round dots."""

    shop: object  # catalogue.views.ShopView
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class PlaceMarker:
    """A product's own place (its `location`) on its locator: a group VI product's meeting point as a flag whose
    pole stands on the point (`meeting`), else where the product is made as a diamond centred on it; `x`, `y`
    the point itself. Apart from the producers' dots and the sales points' squares by its shape."""

    product: object  # catalogue.views.ProductView
    meeting: bool
    x: float
    y: float
    flip: tuple = (1, 1)  # the flag mirrored (-1) where it would leave the map on the right (x) or at the top (y)

    @property
    def transform(self) -> str:
        scale = "" if self.flip == (1, 1) else f" scale({self.flip[0]} {self.flip[1]})"
        return f"translate({self.x} {self.y}){scale}"


# The flag in locator units, its pole's foot at (0, 0): a pole 14 high, a pennant 10 wide. The diamond: 11 across.
FLAG_PATH = "M-1 0V-14l11 4-9 4V0z"
FLAG_HEIGHT, FLAG_WIDTH = 14, 10
DIAMOND_PATH = "M0-5.5l5.5 5.5-5.5 5.5-5.5-5.5z"


@dataclass(frozen=True)
class LegendRow:
    shade: int
    low: int
    high: int
    regions: int  # how many regions have this shade


class MapView:
    """The map page's map in one language."""

    def __init__(self, atlas, site):
        self.atlas = atlas
        self.site = site
        self.width, self.height = atlas.width, atlas.height
        self.portrait = self.height > self.width
        self.regions = [RegionShape(site.region(r), atlas.outlines[r.id].d, atlas.counts[r.id],
                                    atlas.region_shades[r.id].index) for r in atlas.regions]
        self.dense = len(atlas.located) >= DENSE_MARKERS  # many producers: smaller dots (class map-markers-dense)
        self.marker_scale = 0.5 if self.dense else 1.0
        radius = round(LABEL_LAYERS[0].marker_radius * self.marker_scale, 1)
        self.markers = [Marker(site.producer(p), round(x, 1), round(y, 1), radius)
                        for p in atlas.located for x, y in [atlas.marker_points[p.slug]]]
        # sales points: squares about as large as the dots (same area), their own layer drawn above them
        side = round(radius * 1.8, 1)
        self.shop_markers = [ShopMarker(view, round(x - side / 2, 1), round(y - side / 2, 1), side)
                             for view in site.shops(atlas.catalogue.shops)
                             for x, y in [atlas.shop_points[view.shop.slug]]]
        self.total_products = len(atlas.catalogue.products)

    @cached_property
    def regions_by_name(self) -> list[RegionShape]:
        return sorted(self.regions, key=lambda shape: sort_key(shape.region.name))

    @cached_property
    def legend(self) -> list[LegendRow]:
        shades = list(self.atlas.region_shades.values())
        return [LegendRow(s.index, s.low, s.high, sum(1 for t in shades if t is s)) for s in self.atlas.shades]

    @cached_property
    def label_layers(self) -> list[tuple[str, list]]:
        """(layer name, [(label, region shape), …]) for each screen-width layer."""
        names = {shape.region.id: shape.region.name for shape in self.regions}
        shapes = {shape.region.id: shape for shape in self.regions}
        layers = []
        for layer in LABEL_LAYERS:
            r = layer.marker_radius * self.marker_scale * 1.2
            obstacles = [(m.x - r, m.y - r, m.x + r, m.y + r) for m in self.markers]
            obstacles += [(m.x + m.size / 2 - r, m.y + m.size / 2 - r, m.x + m.size / 2 + r, m.y + m.size / 2 + r)
                          for m in self.shop_markers]
            labels = place_labels(self.atlas.anchors, names, layer.min_px * layer.unit, layer.max_px * layer.unit,
                                  obstacles)
            layers.append((layer.name, [(label, shapes[label.region_id]) for label in labels]))
        return layers


class Locator:
    """A small overview map: every region in grey, some highlighted, some producers and sales points marked, and
    a product's own place (`place`, a PlaceMarker, or None)."""

    flag_path, diamond_path = FLAG_PATH, DIAMOND_PATH

    def __init__(self, atlas, site, regions=(), producers=(), shops=(), product=None):
        self.width, self.height = LOCATOR_WIDTH, atlas.locator_projection.height
        self.background = atlas.locator_background
        ids = [r.id for r in regions]
        outlines = [atlas.small_outlines[i] for i in ids]
        self.highlight = "".join(o.d for o in outlines)
        self.ring = None
        if outlines:
            x0 = min(o.bounds[0] for o in outlines)
            y0 = min(o.bounds[1] for o in outlines)
            x1 = max(o.bounds[2] for o in outlines)
            y1 = max(o.bounds[3] for o in outlines)
            size = max(x1 - x0, y1 - y0)
            if size < LOCATOR_RING_BELOW:
                self.ring = (round((x0 + x1) / 2, 1), round((y0 + y1) / 2, 1), round(size / 2 + 6, 1))
        self.markers = [Marker(view, round(x, 1), round(y, 1), 3.5) for view in producers
                        if view.producer.slug in atlas.small_points
                        for x, y in [atlas.small_points[view.producer.slug]]]
        # sales points: squares of the same size (a shape apart from the producers' dots, not a colour alone)
        self.shop_markers = [ShopMarker(view, round(x - 3.5, 1), round(y - 3.5, 1), 7) for view in shops
                             for x, y in [atlas.shop_small_points[view.shop.slug]]]
        self.place = self._place(atlas, product) if product is not None else None

    def _place(self, atlas, product) -> "PlaceMarker | None":
        """The product's own `location`: a group VI product's meeting point always; another product's only where it
        is not its producer's (the producer's dot marks that already)."""
        point = atlas.product_small_points.get(product.slug)
        if point is None:
            return None
        meeting, model = product.tourism, product.product
        if not meeting and model.entry.fields["location"] == model.producer.entry.fields.get("location"):
            return None
        x, y = round(point[0], 1), round(point[1], 1)
        flip = (-1 if x + FLAG_WIDTH > self.width else 1, -1 if y - FLAG_HEIGHT < 0 else 1) if meeting else (1, 1)
        return PlaceMarker(product, meeting, x, y, flip)
