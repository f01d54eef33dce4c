"""The shared geometry of one build, computed once and reused by every page in every language:
region outlines at two levels of detail (the map page, the small locator maps), label anchors,
producer markers, product counts and the colour scale."""

from __future__ import annotations

from dataclasses import dataclass

from ocop.catalogue.geometry import bounds_of, polygons_of

from .labels import Anchor, polylabel
from .projection import Projection
from .shades import shade_of, shades_for
from .shapes import outline, simplify_ring

MAP_WIDTH = 1000  # viewBox width of the map page; theme/static/css/site.css relies on it (marker size)
MAP_MARGIN = 12
MAP_TOLERANCE = 0.7  # simplification, in viewBox units (0.7 px when the map is shown 1000 px wide)
MAP_MIN_SIZE = 8  # the smallest island is drawn this large (about 5 px wide on a 700 px map)
LOCATOR_WIDTH = 320
LOCATOR_MARGIN = 4
LOCATOR_TOLERANCE = 0.9
LOCATOR_MIN_SIZE = 3
LOCATOR_RING_BELOW = 14  # a highlighted region smaller than this gets a ring around it


@dataclass(frozen=True)
class LabelLayer:
    """Labels and markers sized for one range of screen widths (CSS shows one layer at a time)."""

    name: str
    shown_at: float  # the width in CSS px the map is assumed to be shown at
    min_px: float
    max_px: float
    marker_px: float

    @property
    def unit(self) -> float:  # viewBox units per CSS px
        return MAP_WIDTH / self.shown_at

    @property
    def marker_radius(self) -> float:
        return round(self.marker_px * self.unit, 1)


# "wide" from 40rem up (labels 11–15 px on a map about 700 px wide), "narrow" on phones (about 360 px).
# The narrow marker radii are repeated in site.css (`.map-markers circle { r: … }`).
LABEL_LAYERS = (LabelLayer("wide", 700, 11, 15, 5), LabelLayer("narrow", 360, 11, 13, 7.5))
DENSE_MARKERS = 60  # from this many producers on the map, markers are drawn at half size


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
        from .views import MapView

        if site.lang.code not in self._views:
            self._views[site.lang.code] = MapView(self, site)
        return self._views[site.lang.code]

    def locator(self, site, regions=(), producers=()):
        """A small map of the whole area with `regions` highlighted and `producers` marked."""
        from .views import Locator

        return Locator(self, site, regions, producers)
