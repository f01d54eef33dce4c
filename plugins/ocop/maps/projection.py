"""Web Mercator fitted into an SVG viewBox: conformal, so shapes look right at any latitude."""

from __future__ import annotations

import math


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude in degrees → Web Mercator in radians (y grows northwards)."""
    lat = max(-85.0, min(85.0, lat))
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


class Projection:
    """lon/lat → viewBox units: the bounds fill `width` (less a margin), north up; the height follows."""

    def __init__(self, bounds: tuple[float, float, float, float], width: float, margin: float):
        lon0, lat0, lon1, lat1 = bounds
        self.x0, self.y0 = mercator(lon0, lat1)  # the north-west corner
        x1, y1 = mercator(lon1, lat0)
        span_x, span_y = max(x1 - self.x0, 1e-9), max(self.y0 - y1, 1e-9)
        self.margin = margin
        self.scale = (width - 2 * margin) / span_x
        self.width = width
        self.height = math.ceil(span_y * self.scale + 2 * margin)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = mercator(lon, lat)
        return (x - self.x0) * self.scale + self.margin, (self.y0 - y) * self.scale + self.margin

    def invert(self, x: float, y: float) -> tuple[float, float]:
        mx = (x - self.margin) / self.scale + self.x0
        my = self.y0 - (y - self.margin) / self.scale
        return math.degrees(mx), math.degrees(2 * math.atan(math.exp(my)) - math.pi / 2)
