"""The stepped colour scale of product counts: 0 (hatched), then up to five classes of counts."""

from __future__ import annotations

from dataclasses import dataclass

MAX_CLASSES = 5
NICE = (1, 2, 3, 5)  # class bounds are 1, 2, 3, 5, 10, 20, 30, 50 …


@dataclass(frozen=True)
class Shade:
    index: int  # CSS class shade-<index>: 0 = no products, 1–5 = light to dark
    low: int
    high: int

    def holds(self, count: int) -> bool:
        return self.low <= count <= self.high


def _nice(value: float) -> int:
    """The nearest of 1, 2, 3, 5, 10, 20, 30, 50, 100 …"""
    candidates = [n * 10 ** e for e in range(0, 10) for n in NICE]
    return min(candidates, key=lambda n: abs(n - value) / n)


def class_bounds(top: int) -> list[tuple[int, int]]:
    """(low, high) of each non-empty class, covering 1…top: one class per count up to 5, else nice,
    roughly geometric steps (counts are skewed: most regions have few products, a few have many)."""
    if top <= 0:
        return []
    if top <= MAX_CLASSES:
        return [(n, n) for n in range(1, top + 1)]
    lows = [1]
    for i in range(1, MAX_CLASSES):
        low = _nice(top ** (i / MAX_CLASSES))
        if lows[-1] < low <= top:
            lows.append(low)
    return [(low, (lows[i + 1] - 1) if i + 1 < len(lows) else top) for i, low in enumerate(lows)]


# Which of the five colours (light to dark) a scale of n classes uses: spread out, so that few classes
# still differ clearly.
SPREAD = {1: [3], 2: [2, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 4, 5]}


def shades_for(counts) -> list[Shade]:
    """The scale for these counts: `Shade(0, 0, 0)` first, then each class with its colour index."""
    bounds = class_bounds(max(counts, default=0))
    colours = SPREAD.get(len(bounds), [])
    return [Shade(0, 0, 0)] + [Shade(colour, low, high) for colour, (low, high) in zip(colours, bounds)]


def shade_of(shades: list[Shade], count: int) -> Shade:
    return next(s for s in shades if s.holds(count))
