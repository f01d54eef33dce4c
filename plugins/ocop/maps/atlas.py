"""The shared geometry of one build, computed once and reused by every page in every language:
region outlines at two levels of detail (the map page, the small locator maps), label anchors,
producer and sales point markers, product counts and the colour scale."""

from __future__ import annotations

from ocop.catalogue.api import bounds_of, polygons_of

from .labels import Anchor, polylabel
from .projection import Projection
from .shades import shade_of, shades_for
from .shapes import outline, simplify_ring
from .sizes import (LOCATOR_MARGIN, LOCATOR_MIN_SIZE, LOCATOR_TOLERANCE, LOCATOR_WIDTH, MAP_MARGIN, MAP_MIN_SIZE,
                    MAP_TOLERANCE, MAP_WIDTH)
from .views import Locator, MapView


def depth(region, regions) -> int:
    level, parent = 0, region.parent_id
    while parent and level < len(regions):
        level, parent = level + 1, regions[parent].parent_id
    return level


def _area(ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2


class Atlas:
    def __init__(self, catalogue):
        self.catalogue = catalogue
        regions = catalogue.regions
        # enclosing regions first, so that the regions inside them are drawn on top
        self.regions = sorted(regions.values(), key=lambda r: depth(r, regions))
        rings = [polygon[0] for r in self.regions for polygon in polygons_of(r.geometry)]
        self.bounds = bounds_of(rings)
        self.projection = Projection(self.bounds, MAP_WIDTH, MAP_MARGIN)
        self.locator_projection = Projection(self.bounds, LOCATOR_WIDTH, LOCATOR_MARGIN)
        self.outlines = {r.id: outline(r.geometry, self.projection, MAP_TOLERANCE, MAP_MIN_SIZE)
                         for r in self.regions}
        self.small_outlines = {r.id: outline(r.geometry, self.locator_projection, LOCATOR_TOLERANCE,
                                             LOCATOR_MIN_SIZE) for r in self.regions}
        self.locator_background = "".join(o.d for o in self.small_outlines.values())
        self.anchors = [self._anchor(r.id) for r in self.regions]
        self.counts = {r.id: len(catalogue.by_region[r.id]) for r in self.regions}
        self.shades = shades_for(self.counts.values())
        self.region_shades = {rid: shade_of(self.shades, n) for rid, n in self.counts.items()}
        self.located = [p for p in catalogue.producers if p.entry.fields.get("location")]
        self.marker_points = {p.slug: self.projection(*self._lonlat(p)) for p in self.located}
        self.small_points = {p.slug: self.locator_projection(*self._lonlat(p)) for p in self.located}
        self.shop_points = {s.slug: self.projection(*self._lonlat(s)) for s in catalogue.shops}
        self.shop_small_points = {s.slug: self.locator_projection(*self._lonlat(s)) for s in catalogue.shops}
        # products with a `location` of their own (a group VI product's meeting point), for their locators
        self.product_small_points = {p.slug: self.locator_projection(*self._lonlat(p)) for p in catalogue.products
                                     if p.entry.fields.get("location")}
        self._views: dict = {}

    @staticmethod
    def _lonlat(producer) -> tuple[float, float]:
        location = producer.entry.fields["location"]
        return location["lon"], location["lat"]

    def _anchor(self, region_id: str) -> Anchor:
        polygon = max(self.outlines[region_id].polygons, key=lambda rings: _area(rings[0]))
        coarse = [simplify_ring(ring, 2.0) for ring in polygon]  # plenty for placing a label, and faster
        x, y, room = polylabel([ring for ring in coarse if len(ring) >= 4] or polygon, precision=1.5)
        return Anchor(region_id, polygon, x, y, room)

    @property
    def width(self) -> int:
        return MAP_WIDTH

    @property
    def height(self) -> int:
        return self.projection.height

    def view(self, site):
        """The map page's map in `site`'s language (names, URLs, labels), made once per language."""
        if site.lang.code not in self._views:
            self._views[site.lang.code] = MapView(self, site)
        return self._views[site.lang.code]

    def locator(self, site, regions=(), producers=(), shops=(), product=None):
        """A small map of the whole area with `regions` highlighted, `producers` and `shops` (sales points) marked,
        and `product`'s own place (a product view with a `location`: its meeting point in group VI)."""
        return Locator(self, site, regions, producers, shops, product)
