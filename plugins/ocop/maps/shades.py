"""The stepped colour scale of product counts: 0 (hatched), then up to five classes of counts."""

from __future__ import annotations

from dataclasses import dataclass

MAX_CLASSES = 5


@dataclass(frozen=True)
class Shade:
    index: int  # CSS class shade-<index>: 0 = no products, 1–5 = light to dark
    low: int
    high: int

    def holds(self, count: int) -> bool:
        return self.low <= count <= self.high


def _two_digits(value: int) -> int:
    """Rounded down to two significant digits (1234 → 1200), for bounds a reader takes in at a glance."""
    scale = 10 ** max(0, len(str(value)) - 2)
    return value // scale * scale


def class_bounds(counts) -> list[tuple[int, int]]:
    """(low, high) of each class of non-zero counts, covering 1…max without gaps: one class per distinct
    count when there are at most five, else five classes holding about as many regions each (quantiles),
    so that the shades tell regions apart however the products are spread."""
    values = sorted(n for n in counts if n > 0)
    if not values:
        return []
    distinct = sorted(set(values))
    if len(distinct) <= MAX_CLASSES:
        lows = distinct
    else:
        lows = sorted({_two_digits(values[len(values) * i // MAX_CLASSES]) for i in range(MAX_CLASSES)})
    lows[0] = 1
    highs = [low - 1 for low in lows[1:]] + [values[-1]]
    return list(zip(lows, highs))


# Which of the five colours (light to dark) a scale of n classes uses: spread out, so that few classes
# still differ clearly.
SPREAD = {1: [3], 2: [2, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 4, 5]}


def shades_for(counts) -> list[Shade]:
    """The scale for these counts: `Shade(0, 0, 0)` first, then each class with its colour index."""
    bounds = class_bounds(counts)
    colours = SPREAD.get(len(bounds), [])
    return [Shade(0, 0, 0)] + [Shade(colour, low, high) for colour, (low, high) in zip(colours, bounds)]


def shade_of(shades: list[Shade], count: int) -> Shade:
    return next(s for s in shades if s.holds(count))
