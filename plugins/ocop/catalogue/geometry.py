"""Plane geometry of region shapes: the checks of GeoJSON coordinates and point-in-polygon; and the
distance between two places on the Earth (`distance_km`), to list the nearest sales points first.

A polygon is a list of rings (the exterior, then holes); a ring is a list of (x, y) pairs whose last
pair repeats the first. The same functions serve lon/lat (content checks) and projected map units.
"""

from __future__ import annotations

import math


def polygons_of(geometry: dict) -> list:
    """The polygons of a valid Polygon or MultiPolygon geometry."""
    coordinates = geometry["coordinates"]
    return [coordinates] if geometry["type"] == "Polygon" else list(coordinates)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def position_problem(position) -> str | None:
    if not isinstance(position, list) or len(position) not in (2, 3) or not all(map(_is_number, position)):
        return f"a position must be [longitude, latitude] in numbers, got {position!r}"[:160]
    lon, lat = position[0], position[1]
    if not -180 <= lon <= 180:
        return f"longitude {lon} is outside -180…180"
    if not -90 <= lat <= 90:
        return f"latitude {lat} is outside -90…90 (are longitude and latitude swapped? GeoJSON is [lon, lat])"
    return None


def ring_problem(ring) -> str | None:
    """What is wrong with one linear ring of GeoJSON, or None."""
    if not isinstance(ring, list) or (ring and _is_number(ring[0])):
        return (f"a ring must be a list of [longitude, latitude] positions, got {str(ring)[:40]}: one level of "
                "brackets missing? A Polygon is [[[lon, lat], …]], a MultiPolygon [[[[lon, lat], …]]]")
    for position in ring:
        problem = position_problem(position)
        if problem:
            return problem
    if len(ring) < 4:
        return f"a ring needs at least 4 positions (the first repeated at the end), got {len(ring)}"
    if ring[0][:2] != ring[-1][:2]:
        return f"the ring is not closed: its last position {ring[-1]} must repeat the first {ring[0]}"
    return None


def coordinates_problems(geometry: dict) -> list[tuple[str, str]]:
    """(where inside `coordinates`, message) for every broken polygon or ring; [] when all is well."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        polygons, prefixes = [coordinates], ["coordinates"]
    else:
        if not isinstance(coordinates, list) or not coordinates:
            return [("coordinates", "a MultiPolygon needs a non-empty list of polygons")]
        polygons = coordinates
        prefixes = [f"coordinates[{i}]" for i in range(len(coordinates))]
    problems = []
    for polygon, prefix in zip(polygons, prefixes):
        if not isinstance(polygon, list) or not polygon:
            problems.append((prefix, "a polygon must be a non-empty list of rings (the outline, then any holes)"))
            continue
        for index, ring in enumerate(polygon):
            problem = ring_problem(ring)
            if problem:
                problems.append((f"{prefix}[{index}]", problem))
    return problems


def bounds_of(rings) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of any number of rings."""
    xs = [p[0] for ring in rings for p in ring]
    ys = [p[1] for ring in rings for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def ring_contains(ring, x: float, y: float) -> bool:
    """Ray casting: is (x, y) inside the ring? (Points exactly on an edge may go either way.)"""
    inside = False
    x1, y1 = ring[-1][0], ring[-1][1]
    for point in ring:
        x2, y2 = point[0], point[1]
        if (y2 > y) != (y1 > y) and x < (x1 - x2) * (y - y2) / (y1 - y2) + x2:
            inside = not inside
        x1, y1 = x2, y2
    return inside


def polygon_contains(polygon, x: float, y: float) -> bool:
    """Even-odd rule over every ring of one polygon: inside the outline and not in a hole."""
    return sum(ring_contains(ring, x, y) for ring in polygon) % 2 == 1


class Shape:
    """A region's polygons with their bounding boxes, for fast repeated point-in-region tests."""

    def __init__(self, polygons):
        self.polygons = polygons
        self.boxes = [bounds_of(polygon[:1]) for polygon in polygons]

    def contains(self, x: float, y: float) -> bool:
        return any(bx0 <= x <= bx1 and by0 <= y <= by1 and polygon_contains(polygon, x, y)
                   for polygon, (bx0, by0, bx1, by1) in zip(self.polygons, self.boxes))


EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


def distance_km(a: dict, b: dict) -> float:
    """Great-circle distance between two `location`s ({"lat", "lon"} in degrees), haversine formula."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
