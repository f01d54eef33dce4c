"""Region names on the map: placed at each region's most inland point (polylabel), as large as fits
inside the region without touching another label or a marker; names that fit nowhere are left out."""

from __future__ import annotations

import heapq
import math
import unicodedata
from dataclasses import dataclass

from ocop.catalogue.api import bounds_of, polygon_contains

LINE_HEIGHT = 1.15  # of the font size
PADDING = 0.15  # empty space kept around a label, of the font size

# Advance widths in em of a semi-bold sans-serif (system-ui: Segoe UI, Roboto, Noto Sans), slightly
# generous so that a label measured here fits in any of them. Diacritics do not change the width.
NARROW = set("fijlrtI!.,:;'|()[]")
WIDE = set("mwMW")
SPACE = set(" -–")


def text_width(text: str, size: float) -> float:
    width = 0.0
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            continue
        if char in NARROW:
            width += 0.32
        elif char in WIDE:
            width += 0.88
        elif char in SPACE:
            width += 0.3
        elif char.isupper():
            width += 0.7
        else:
            width += 0.58
    return width * size


def _segments(polygon) -> list[tuple]:
    """Each edge as (ax, ay, dx, dy, squared length), for many distance queries."""
    return [(a[0], a[1], b[0] - a[0], b[1] - a[1], (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2)
            for ring in polygon for a, b in zip(ring, ring[1:])]


def _edge_distance(segments, x: float, y: float) -> float:
    best = math.inf
    for ax, ay, dx, dy, length in segments:
        t = ((x - ax) * dx + (y - ay) * dy) / length if length else 0.0
        t = 0.0 if t < 0 else 1.0 if t > 1 else t
        ex, ey = ax + t * dx - x, ay + t * dy - y
        d = ex * ex + ey * ey
        if d < best:
            best = d
    return math.sqrt(best)


def polylabel(polygon, precision: float = 1.0) -> tuple[float, float, float]:
    """The point of a polygon farthest from its edges (the "pole of inaccessibility", after Mapbox's
    polylabel): (x, y, distance to the nearest edge)."""
    x0, y0, x1, y1 = bounds_of(polygon[:1])
    cell = min(x1 - x0, y1 - y0)
    if cell <= 0:
        return x0, y0, 0.0
    segments = _segments(polygon)

    def entry(x, y, h):
        d = _edge_distance(segments, x, y)
        if not polygon_contains(polygon, x, y):
            d = -d
        return (-(d + h * math.sqrt(2)), d, x, y, h)  # the cell that may hold the farthest point first

    queue = []
    h = cell / 2
    x = x0
    while x < x1:
        y = y0
        while y < y1:
            heapq.heappush(queue, entry(x + h, y + h, h))
            y += cell
        x += cell
    best = entry((x0 + x1) / 2, (y0 + y1) / 2, 0)  # the centre of the box is a good first guess
    while queue:
        item = heapq.heappop(queue)
        _, d, x, y, h = item
        if d > best[1]:
            best = item
        if -item[0] - best[1] <= precision:
            continue
        h /= 2
        for dx in (-h, h):
            for dy in (-h, h):
                heapq.heappush(queue, entry(x + dx, y + dy, h))
    return best[2], best[3], max(best[1], 0.0)


@dataclass(frozen=True)
class Anchor:
    """Where a region's label can go: computed once per build, whatever the language."""

    region_id: str
    polygon: list  # the region's largest polygon, in viewBox units
    x: float
    y: float
    room: float  # distance from (x, y) to the nearest edge


@dataclass(frozen=True)
class Label:
    region_id: str
    x: float
    size: float
    lines: tuple  # ((text, baseline y), …)
    box: tuple  # (x0, y0, x1, y1)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _fits(box, polygon) -> bool:
    """Is the box inside the polygon? Tested on its corners and a few points along each side."""
    x0, y0, x1, y1 = box
    for i in range(5):
        t = i / 4
        for x, y in ((x0 + (x1 - x0) * t, y0), (x0 + (x1 - x0) * t, y1), (x0, y0 + (y1 - y0) * t),
                     (x1, y0 + (y1 - y0) * t)):
            if not polygon_contains(polygon, x, y):
                return False
    return True


def _splits(name: str) -> list[list[str]]:
    """The name on one line, then on two lines: after a dash ("Chân Mây -" / "Lăng Cô") if it has one,
    else at the space nearest the middle."""
    options = [[name]]
    words = name.split(" ")
    breaks = [i for i in range(1, len(words)) if words[i] not in ("-", "–")
              and min(len(" ".join(words[:i])), len(" ".join(words[i:]))) >= 3]
    if breaks:
        dashes = [i for i in range(1, len(words)) if words[i - 1] in ("-", "–")]
        best = dashes[0] if dashes else min(breaks, key=lambda i: abs(len(" ".join(words[:i])) - len(name) / 2))
        options.append([" ".join(words[:best]), " ".join(words[best:])])
    return options


def place_labels(anchors: list[Anchor], names: dict, min_size: float, max_size: float,
                 obstacles: list[tuple]) -> list[Label]:
    """Labels for as many regions as fit, roomiest regions first; `obstacles` are boxes (markers) that no
    label may cover. Each label is the largest size from `max_size` down to `min_size` that fits."""
    placed: list[Label] = []
    taken = list(obstacles)
    for anchor in sorted(anchors, key=lambda a: -a.room):
        name = names[anchor.region_id]
        label = None
        start = max(min_size, min(max_size, anchor.room * 0.9))
        size = start
        while size >= min_size - 1e-9 and label is None:
            for lines in _splits(name):
                label = _try(anchor, lines, size, taken)
                if label:
                    break
            size -= max(0.5, min_size * 0.08)
        if label:
            placed.append(label)
            taken.append(label.box)
    return placed


def _try(anchor: Anchor, lines: list[str], size: float, taken) -> Label | None:
    width = max(text_width(line, size) for line in lines)
    height = LINE_HEIGHT * size * len(lines)
    pad = PADDING * size
    offsets = [(0, 0)]
    step = anchor.room / 2
    offsets += [(dx * step, dy * step) for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0), (-1, -1), (1, -1),
                                                       (-1, 1), (1, 1), (0, -2), (0, 2))]
    for dx, dy in offsets:
        cx, cy = anchor.x + dx, anchor.y + dy
        box = (cx - width / 2 - pad, cy - height / 2 - pad, cx + width / 2 + pad, cy + height / 2 + pad)
        if any(_overlaps(box, other) for other in taken) or not _fits(box, anchor.polygon):
            continue
        top = cy - height / 2
        baselines = tuple((line, round(top + LINE_HEIGHT * size * i + 0.86 * size, 1)) for i, line in enumerate(lines))
        return Label(anchor.region_id, round(cx, 1), round(size, 1), baselines, box)
    return None
