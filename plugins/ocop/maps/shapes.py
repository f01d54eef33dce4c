"""Region outlines for SVG: projected, simplified (Douglas-Peucker), rounded to whole viewBox units and
written as compact path data. Tiny polygons (islands) are enlarged to a minimum size, never dropped."""

from __future__ import annotations

from dataclasses import dataclass, field

from ocop.catalogue.api import bounds_of, polygons_of


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker on an open polyline; the end points stay."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        index, distance = 0, tolerance * tolerance
        for i in range(first + 1, last):  # squared distance to the segment, inlined: the hot loop of a build
            px, py = points[i]
            t = ((px - ax) * dx + (py - ay) * dy) / length if length else 0.0
            t = 0.0 if t < 0 else 1.0 if t > 1 else t
            ex, ey = ax + t * dx - px, ay + t * dy - py
            d = ex * ex + ey * ey
            if d > distance:
                index, distance = i, d
        if index:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep) if kept]


def simplify_ring(ring: list, tolerance: float) -> list:
    """A closed ring simplified: split at the point farthest from the first, so both halves are open."""
    points = ring[:-1]
    if len(points) < 4:
        return list(ring)
    far = max(range(len(points)), key=lambda i: (points[i][0] - points[0][0]) ** 2 + (points[i][1] - points[0][1]) ** 2)
    half = simplify(points[:far + 1], tolerance)
    rest = simplify(points[far:] + [points[0]], tolerance)
    return half + rest[1:]


def enlarge(ring: list, min_size: float) -> list:
    """A ring scaled about its box centre so that its larger side is at least `min_size`."""
    x0, y0, x1, y1 = bounds_of([ring])
    size = max(x1 - x0, y1 - y0)
    if size >= min_size:
        return ring
    if size == 0:  # a ring of one point: a small diamond
        cx, cy, h = x0, y0, min_size / 2
        return [(cx, cy - h), (cx + h, cy), (cx, cy + h), (cx - h, cy), (cx, cy - h)]
    factor, cx, cy = min_size / size, (x0 + x1) / 2, (y0 + y1) / 2
    return [(cx + (x - cx) * factor, cy + (y - cy) * factor) for x, y in ring]


def rounded(ring: list) -> list[tuple[int, int]]:
    """Whole units, without repeated points; closed."""
    points = []
    for x, y in ring:
        point = (round(x), round(y))
        if not points or point != points[-1]:
            points.append(point)
    if points[0] != points[-1]:
        points.append(points[0])
    return points


def _pair(dx: int, dy: int) -> str:
    return f"{dx}{'' if dy < 0 else ' '}{dy}"


def ring_path(points: list[tuple[int, int]]) -> str:
    """`M x y l dx dy … z`: relative moves of whole units, the shortest plain path data."""
    x, y = points[0]
    parts = []
    for px, py in points[1:-1]:
        part = _pair(px - x, py - y)
        parts.append(part if part.startswith("-") or not parts else " " + part)
        x, y = px, py
    return f"M{_pair(*points[0])}l{''.join(parts)}z"


@dataclass
class Outline:
    """One region at one level of detail: rounded polygons (rings of integer points) and path data."""

    polygons: list  # [[ring, …], …] of (int, int) points
    d: str
    bounds: tuple = field(default=(0, 0, 0, 0))


def outline(geometry: dict, projection, tolerance: float, min_size: float) -> Outline:
    """Project, simplify and round a GeoJSON (Multi)Polygon; a polygon smaller than `min_size` units is
    enlarged to it; holes that vanish at this scale are left out."""
    polygons = []
    for polygon in polygons_of(geometry):
        rings = []
        for index, ring in enumerate(polygon):
            projected = [projection(p[0], p[1]) for p in ring]
            x0, y0, x1, y1 = bounds_of([projected])
            if index and max(x1 - x0, y1 - y0) < 2 * tolerance:
                continue  # a hole too small to see
            if not index:
                projected = enlarge(projected, min_size)
            points = rounded(simplify_ring(projected, tolerance))
            if len(points) < 4:  # simplified into a line: keep every (rounded) point instead
                points = rounded(projected)
            if len(points) < 4:
                points = rounded(enlarge(projected, max(min_size, 3)))
            if len(points) >= 4:
                rings.append(points)
        if rings:
            polygons.append(rings)
    d = "".join(ring_path(ring) for rings in polygons for ring in rings)
    return Outline(polygons, d, bounds_of([ring for rings in polygons for ring in rings]))
