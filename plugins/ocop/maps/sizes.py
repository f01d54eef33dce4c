"""How large the maps are drawn: viewBox widths and margins, how much outlines are simplified, the label
layers and the marker sizes. The atlas (`atlas.py`: the geometry of a build) and the views (`views.py`:
what templates show) both need them, so they live here, apart from both."""

from __future__ import annotations

from dataclasses import dataclass

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
