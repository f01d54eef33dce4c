"""Horizontal bar charts laid out at build time, for inline SVG (partials/statistics.html draws them).

No chart library and no JavaScript: each bar is a row of the chart's table with its name above it and its
value written at its end, so that neither colour nor length alone carries a number. The SVG has no
viewBox: its text keeps the page's size on a phone and on a desktop, and the bars are drawn in percent of
the chart's width, up to `BAR_SPAN` percent (`TOTAL_SPAN`), leaving room for the value after the longest. Names are
wrapped here, by an estimate of their width (CJK characters count double), since SVG text does not wrap.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

BAR_SPAN = 80  # percent of the chart's width that the longest bar takes; its value is written after it
TOTAL_SPAN = 60  # the same for bars that are parts of a whole: their value is longer ("12.345 / 25.500")
FONT_PX = 14  # the names' size (CSS .chart text), in CSS pixels
LINE_PX = 18  # one line of a name
BAR_PX = 18  # a bar's thickness
GAP_PX = 12  # between a bar and the next name
LINE_UNITS = 40  # a name line at most this wide, in half-em units (≈ 280 px at FONT_PX: fits a 390 px phone)
PATTERNS = ("solid", "hatched", "dotted")  # bars of a chart of categories, in row order


@dataclass(frozen=True)
class Bar:
    lines: tuple  # (text, y) of each line of the name, y its baseline
    value: int
    value_text: str  # formatted for the page's locale ("1.234", "12 / 28")
    y: int  # the bar's top
    percent: float | int  # its length, in percent of the chart's width
    track: float | int | None  # the length of its whole (`total`), in percent, or None
    pattern: str = "solid"
    text_y: int = 0  # the value's baseline

    @property
    def text_x(self) -> float | int:
        """Where the value starts, in percent: after the bar (or its track)."""
        return max(self.percent, self.track or 0.0)


@dataclass(frozen=True)
class BarChart:
    bars: tuple
    height: int  # in CSS pixels
    bar_px: int = BAR_PX


def text_units(text: str) -> int:
    """How wide `text` is, in half-em units: 1 a Latin or Vietnamese letter, 2 a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def wrap(text: str, units: int = LINE_UNITS) -> list[str]:
    """`text` in lines of at most `units` (by words; a word wider than a line, e.g. in Chinese, is cut)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_units(candidate) <= units:
            line = candidate
            continue
        if line:
            lines.append(line)
        while text_units(word) > units:  # no spaces to break at: cut by characters
            cut = 1
            while text_units(word[:cut + 1]) <= units:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


def bar_chart(rows, patterns: bool = False) -> BarChart:
    """Lay out one bar per row: `rows` of (name, value, value_text, total or None)."""
    rows = list(rows)
    longest = max([max(value, total or 0) for _name, value, _text, total in rows] + [1])
    span = TOTAL_SPAN if any(total is not None for *_rest, total in rows) else BAR_SPAN
    bars, y = [], 0
    for index, (name, value, value_text, total) in enumerate(rows):
        lines = wrap(name)
        text_lines = tuple((line, y + (n + 1) * LINE_PX - 4) for n, line in enumerate(lines))
        y += len(lines) * LINE_PX + 2
        bars.append(Bar(text_lines, value, value_text, y, _percent(value, longest, span),
                        _percent(total, longest, span) if total is not None else None,
                        PATTERNS[index % len(PATTERNS)] if patterns else "solid",
                        y + round(BAR_PX / 2 + FONT_PX * 0.35)))  # the value's middle on the bar's
        y += BAR_PX + GAP_PX
    return BarChart(tuple(bars), y - GAP_PX + 2 if bars else 0)


def _percent(value: int, longest: int, span: int) -> float | int:
    """`value`'s length in percent, to 0.01 % (written without ".0" when whole: fewer bytes per bar)."""
    percent = round(value * span / longest, 2)
    return int(percent) if percent.is_integer() else percent
