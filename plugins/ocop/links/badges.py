"""OCOP star badges, drawn by us: one geometry, written as SVG (inline and standalone) and as PNG.

Three honest states, a product's OCOP status (`programme.status` of the catalogue): `certified` (a
certified level with a valid certificate, gold), `expired` (grey, with the word for expired) and
`uncertified` (below the certified levels, grey outline stars). Every badge carries its text
alternative (`role="img"`, `aria-label` and `<title>`), so a screen reader says "OCOP 4 sao".
"""

from __future__ import annotations

import io
import math
import os
import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 232, 64
FONT = Path(__file__).parent / "fonts" / "DejaVuSans-Bold.ttf"  # Vietnamese glyphs for the PNG files
# Korean, Chinese and Japanese labels ("OCOP 4성", "OCOP 4 星", "OCOP 4 つ星") need a CJK font in the PNG files:
# the system's Noto Sans CJK (Debian fonts-noto-cjk; CATALOGUE_CJK_FONT names another file). Without one,
# the PNG says "OCOP 4★" instead of drawing empty boxes; SVG badges use the visitor's own fonts.
CJK_FONTS = [os.environ.get("CATALOGUE_CJK_FONT", ""), "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
             "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]
# faces of a Noto Sans CJK collection: Han characters are drawn the way each language writes them
CJK_FACE = {"ja": 0, "ko": 1, "zh": 2}
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_CJK = re.compile("[\u1100-\u11ff\u2e80-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")

PALETTES = {
    "certified": {"background": "#fff8e6", "border": "#b7791f", "seal": "#7a1f2b", "seal_text": "#ffffff",
                  "star": "#c98a0b", "star_off": "#e2d6c4", "text": "#5b3a00"},
    "expired": {"background": "#f1f1f0", "border": "#8a8580", "seal": "#6b6560", "seal_text": "#ffffff",
                "star": "#8a8580", "star_off": "#d6d3d1", "text": "#4a4541"},
    "uncertified": {"background": "#f7f5f2", "border": "#a8a29e", "seal": "#a8a29e", "seal_text": "#ffffff",
                    "star": "#a8a29e", "star_off": "#e7e5e4", "text": "#57534e"},
}


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


@lru_cache(maxsize=1)
def _cjk_font_file() -> str | None:
    return next((path for path in CJK_FONTS if path and Path(path).is_file()), None)


def _face(text: str) -> tuple[str, int] | None:
    """The font file and face that draw `text`: DejaVu, or a CJK face (None: no CJK font on this machine)."""
    if not _CJK.search(text):
        return str(FONT), 0
    path = _cjk_font_file()
    if path is None:
        return None
    lang = "ko" if _HANGUL.search(text) else "ja" if _KANA.search(text) else "zh"
    return path, CJK_FACE[lang] if path.endswith(".ttc") else 0


def _label_size(text: str) -> int:
    """The largest font size (15 → 10 px) at which the label fits beside the seal."""
    face = _face(text) or (str(FONT), 0)
    for size in range(15, 9, -1):
        if _font(size, face).getlength(text) <= LABEL_ROOM:
            return size
    return 10


def _text(label: str, note: str) -> str:
    return f"{label} · {note}" if note else label


def _shapes(stars: int, state: str, text: str) -> str:
    """What the badge draws (frame, seal, stars, label), inside its viewBox."""
    colours = PALETTES[state]
    stars_svg = "".join(
        f'<polygon points="{" ".join(f"{x},{y}" for x, y in points)}" fill="{colours["star"] if on else colours["star_off"]}"/>'
        for points, on in _stars(stars))
    label_size = _label_size(text)
    fit = f' textLength="{LABEL_ROOM}" lengthAdjust="spacingAndGlyphs"' if label_size == 10 else ""
    return (
        f'<rect x="1" y="1" width="{WIDTH - 2}" height="{HEIGHT - 2}" rx="12" fill="{colours["background"]}" '
        f'stroke="{colours["border"]}" stroke-width="2"/>'
        f'<circle cx="34" cy="32" r="25" fill="{colours["seal"]}"/>'
        f'<text x="34" y="37" text-anchor="middle" font-family="DejaVu Sans, Verdana, sans-serif" '
        f'font-weight="700" font-size="13" fill="{colours["seal_text"]}">OCOP</text>'
        f'{stars_svg}'
        f'<text x="70" y="53" font-family="DejaVu Sans, Verdana, sans-serif" font-weight="700" '
        f'font-size="{label_size}" fill="{colours["text"]}"{fit}>{escape(text)}</text>'
    )


def _frame(state: str, text: str, inside: str, xmlns: str = "") -> Markup:
    title = escape(text)
    return Markup(f'<svg{xmlns} class="ocop-badge ocop-badge-{state}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
                  f'height="{HEIGHT}" role="img" aria-label="{title}"><title>{title}</title>{inside}</svg>')


def badge_id(stars: int, state: str) -> str:
    return f"ocop-badge-{stars}-{state}"


@lru_cache(maxsize=256)  # a catalogue has a few dozen distinct badges, shown thousands of times
def badge_svg(stars: int, state: str, label: str, note: str = "", standalone: bool = False) -> Markup:
    """The badge as SVG markup; `label` is "OCOP 4 sao", `note` "hết hạn" or "" (certified)."""
    text = _text(label, note)
    return _frame(state, text, _shapes(stars, state, text), ' xmlns="http://www.w3.org/2000/svg"' if standalone else "")


@lru_cache(maxsize=256)
def badge_symbol(stars: int, state: str, label: str, note: str = "") -> Markup:
    """The badge's drawing as a `<symbol>`, for a page that shows many badges by reference."""
    return Markup(f'<symbol id="{badge_id(stars, state)}" viewBox="0 0 {WIDTH} {HEIGHT}">'
                  f'{_shapes(stars, state, _text(label, note))}</symbol>')


@lru_cache(maxsize=256)
def badge_reference(stars: int, state: str, label: str, note: str = "") -> Markup:
    """The badge drawn by reference to its `badge_symbol` on the page: the same element, role and text
    alternative as `badge_svg`, a tenth of its size (cards of search results carry this one)."""
    return _frame(state, _text(label, note), f'<use href="#{badge_id(stars, state)}"/>')


@lru_cache(maxsize=64)
def _font(size: int, face: tuple[str, int] = (str(FONT), 0)):
    return ImageFont.truetype(face[0], size, index=face[1])


@lru_cache(maxsize=256)
def badge_png(stars: int, state: str, label: str, note: str = "", scale: int = 2) -> bytes:
    """The same badge as a PNG, drawn with Pillow at `scale` × for sharp display on phones."""
    colours = PALETTES[state]
    text = f"{label} · {note}" if note else label
    face = _face(text)
    if face is None:  # no CJK font here: a label every font can draw, rather than empty boxes
        text, face = f"OCOP {stars}★", (str(FONT), 0)
    image = Image.new("RGBA", (WIDTH * scale, HEIGHT * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    s = scale
    draw.rounded_rectangle((s, s, (WIDTH - 1) * s, (HEIGHT - 1) * s), radius=12 * s,
                           fill=colours["background"], outline=colours["border"], width=2 * s)
    draw.ellipse(((34 - 25) * s, (32 - 25) * s, (34 + 25) * s, (32 + 25) * s), fill=colours["seal"])
    draw.text((34 * s, 32 * s), "OCOP", font=_font(13 * s), fill=colours["seal_text"], anchor="mm")
    for points, on in _stars(stars):
        draw.polygon([(x * s, y * s) for x, y in points], fill=colours["star"] if on else colours["star_off"])
    font = _font(_label_size(text) * s, face)
    while font.getlength(text) > LABEL_ROOM * s and font.size > 8 * s:
        font = _font(font.size - 1, face)
    draw.text((LABEL_X * s, 53 * s), text, font=font, fill=colours["text"], anchor="ls")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
