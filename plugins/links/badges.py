"""OCOP star badges, drawn by us: one geometry, written as SVG (inline and standalone) and as PNG.

Three honest states: `certified` (3–5 stars with a valid certificate, gold), `expired` (grey, with the
word for expired) and `uncertified` (1–2 stars, grey outline stars). Every badge carries its text
alternative (`role="img"`, `aria-label` and `<title>`), so a screen reader says "OCOP 4 sao".
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 232, 64
FONT = Path(__file__).parent / "fonts" / "DejaVuSans-Bold.ttf"  # Vietnamese glyphs for the PNG files

PALETTES = {
    "certified": {"background": "#fff8e6", "border": "#b7791f", "seal": "#7a1f2b", "seal_text": "#ffffff",
                  "star": "#c98a0b", "star_off": "#e2d6c4", "text": "#5b3a00"},
    "expired": {"background": "#f1f1f0", "border": "#8a8580", "seal": "#6b6560", "seal_text": "#ffffff",
                "star": "#8a8580", "star_off": "#d6d3d1", "text": "#4a4541"},
    "uncertified": {"background": "#f7f5f2", "border": "#a8a29e", "seal": "#a8a29e", "seal_text": "#ffffff",
                    "star": "#a8a29e", "star_off": "#e7e5e4", "text": "#57534e"},
}


def state_of(stars: int, certificate) -> str:
    if stars < 3 or certificate is None:
        return "uncertified"
    return "expired" if certificate.expired else "certified"


def _star_points(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    inner = outer * 0.45
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((round(cx + radius * math.cos(angle), 2), round(cy + radius * math.sin(angle), 2)))
    return points


def _stars(stars: int):
    """(points, filled) for the five stars of the badge."""
    return [(_star_points(82 + i * 24, 22, 10.5), i < stars) for i in range(5)]


LABEL_X, LABEL_ROOM = 70, WIDTH - 70 - 10


def _label_size(text: str) -> int:
    """The largest font size (15 → 10 px) at which the label fits beside the seal."""
    for size in range(15, 9, -1):
        if _font(size).getlength(text) <= LABEL_ROOM:
            return size
    return 10


@lru_cache(maxsize=256)  # a catalogue has a few dozen distinct badges, shown thousands of times
def badge_svg(stars: int, state: str, label: str, note: str = "", standalone: bool = False) -> Markup:
    """The badge as SVG markup; `label` is "OCOP 4 sao", `note` "hết hạn" or "" (certified)."""
    colours = PALETTES[state]
    text = f"{label} · {note}" if note else label
    title = escape(text)
    stars_svg = "".join(
        f'<polygon points="{" ".join(f"{x},{y}" for x, y in points)}" fill="{colours["star"] if on else colours["star_off"]}"/>'
        for points, on in _stars(stars))
    xmlns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    label_size = _label_size(text)
    fit = f' textLength="{LABEL_ROOM}" lengthAdjust="spacingAndGlyphs"' if label_size == 10 else ""
    svg = (
        f'<svg{xmlns} class="ocop-badge ocop-badge-{state}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{title}"><title>{title}</title>'
        f'<rect x="1" y="1" width="{WIDTH - 2}" height="{HEIGHT - 2}" rx="12" fill="{colours["background"]}" '
        f'stroke="{colours["border"]}" stroke-width="2"/>'
        f'<circle cx="34" cy="32" r="25" fill="{colours["seal"]}"/>'
        f'<text x="34" y="37" text-anchor="middle" font-family="DejaVu Sans, Verdana, sans-serif" '
        f'font-weight="700" font-size="13" fill="{colours["seal_text"]}">OCOP</text>'
        f'{stars_svg}'
        f'<text x="70" y="53" font-family="DejaVu Sans, Verdana, sans-serif" font-weight="700" '
        f'font-size="{label_size}" fill="{colours["text"]}"{fit}>{escape(text)}</text></svg>'
    )
    return Markup(svg)


@lru_cache(maxsize=32)
def _font(size: int):
    return ImageFont.truetype(str(FONT), size)


@lru_cache(maxsize=256)
def badge_png(stars: int, state: str, label: str, note: str = "", scale: int = 2) -> bytes:
    """The same badge as a PNG, drawn with Pillow at `scale` × for sharp display on phones."""
    colours = PALETTES[state]
    text = f"{label} · {note}" if note else label
    image = Image.new("RGBA", (WIDTH * scale, HEIGHT * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    s = scale
    draw.rounded_rectangle((s, s, (WIDTH - 1) * s, (HEIGHT - 1) * s), radius=12 * s,
                           fill=colours["background"], outline=colours["border"], width=2 * s)
    draw.ellipse(((34 - 25) * s, (32 - 25) * s, (34 + 25) * s, (32 + 25) * s), fill=colours["seal"])
    draw.text((34 * s, 32 * s), "OCOP", font=_font(13 * s), fill=colours["seal_text"], anchor="mm")
    for points, on in _stars(stars):
        draw.polygon([(x * s, y * s) for x, y in points], fill=colours["star"] if on else colours["star_off"])
    font = _font(_label_size(text) * s)
    while font.getlength(text) > LABEL_ROOM * s and font.size > 8 * s:
        font = _font(font.size - 1)
    draw.text((LABEL_X * s, 53 * s), text, font=font, fill=colours["text"], anchor="ls")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
