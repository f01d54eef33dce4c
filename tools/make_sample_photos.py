#!/usr/bin/env python3
"""(Re)generate the illustrative sample pictures used by the sample catalogue.

Reads the YAML front matter of every default-language Markdown file under
content/products/, content/shops/ and content/producers/ and draws:

* each product and sales point image named in ``images[].file`` as a 1600x1200 progressive
  JPEG: a soft gradient in the colour of the product's OCOP group, a few simple
  shapes that suggest the product, its title in large type and a small
  "Ảnh minh họa / Sample image" caption;
* each producer ``logo`` as a 256x256 PNG badge with the producer's initials.

The pictures are placeholders for the demonstration site, not photos of real
products. Usage (from the repository root)::

    .venv/bin/python tools/make_sample_photos.py [CONTENT_DIR]
"""
from __future__ import annotations

import hashlib
import math
import re
import sys
import unicodedata
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"

W, H = 1600, 1200
SCALE = 2  # draw at 2x and downsample for smooth edges
JPEG_QUALITY = 80
MAX_BYTES = 72_000  # hard limit is 80 KB; keep a margin for the 3 MB content budget
CAPTION = "Ảnh minh họa / Sample image"

# (light top colour, darker bottom colour, accent) per OCOP group
PALETTES = {
    "I": ((252, 226, 178), (214, 118, 52), (255, 246, 226)),     # food: amber
    "II": ((226, 204, 236), (112, 62, 140), (250, 240, 255)),    # beverages: wine
    "III": ((206, 236, 196), (52, 132, 88), (240, 255, 236)),    # herbal: green
    "IV": ((238, 220, 190), (150, 98, 56), (255, 248, 234)),     # handicrafts: rattan
    "V": ((252, 212, 222), (190, 80, 118), (255, 242, 246)),     # ornamental: blossom
    "VI": ((196, 232, 244), (40, 118, 160), (236, 250, 255)),    # tourism: river blue
}

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def front_matter(path: Path) -> dict:
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    return yaml.safe_load(match.group(1)) or {}


def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size)


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def shade(c, f):
    """Darken (f < 1) or lighten (f > 1) a colour."""
    if f < 1:
        return tuple(round(x * f) for x in c)
    return tuple(round(x + (255 - x) * (f - 1)) for x in c)


def gradient(size, top, bottom):
    w, h = size
    column = Image.new("RGB", (1, h))
    for y in range(h):
        column.putpixel((0, y), mix(top, bottom, (y / (h - 1)) ** 1.2))
    return column.resize((w, h))


def seeded(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)


def balanced(draw, text, fnt, width):
    """Lines of at most `width`; two lines are split as evenly as possible."""
    lines = wrap(draw, text, fnt, width)
    if len(lines) != 2:
        return lines
    words = text.split()
    best = min(range(1, len(words)), key=lambda i: max(
        draw.textlength(" ".join(words[:i]), font=fnt),
        draw.textlength(" ".join(words[i:]), font=fnt)))
    return [" ".join(words[:best]), " ".join(words[best:])]


def wrap(draw, text, fnt, width):
    words, lines, line = text.split(), [], ""
    for word in words:
        test = f"{line} {word}".strip()
        if draw.textlength(test, font=fnt) <= width or not line:
            line = test
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


# ---------------------------------------------------------------- motifs
# Each motif draws into `d` (an ImageDraw at SCALE) in the box (cx, cy) +- size.

def m_bottle(d, cx, cy, s, col, acc):
    body = (cx - s * 0.32, cy - s * 0.35, cx + s * 0.32, cy + s * 0.95)
    d.rounded_rectangle(body, radius=s * 0.16, fill=col)
    d.polygon([(cx - s * 0.32, cy - s * 0.25), (cx - s * 0.12, cy - s * 0.7),
               (cx + s * 0.12, cy - s * 0.7), (cx + s * 0.32, cy - s * 0.25)], fill=col)
    d.rectangle((cx - s * 0.12, cy - s * 0.95, cx + s * 0.12, cy - s * 0.65), fill=col)
    d.rounded_rectangle((cx - s * 0.15, cy - s * 1.05, cx + s * 0.15, cy - s * 0.9),
                        radius=s * 0.04, fill=shade(col, 0.7))
    d.rounded_rectangle((cx - s * 0.26, cy + s * 0.1, cx + s * 0.26, cy + s * 0.6),
                        radius=s * 0.05, fill=acc)
    d.ellipse((cx - s * 0.1, cy + s * 0.22, cx + s * 0.1, cy + s * 0.42), fill=col)
    d.rounded_rectangle((cx - s * 0.22, cy - s * 0.2, cx - s * 0.14, cy + s * 0.02),
                        radius=s * 0.04, fill=shade(col, 1.35))


def m_jar(d, cx, cy, s, col, acc):
    d.rounded_rectangle((cx - s * 0.55, cy - s * 0.45, cx + s * 0.55, cy + s * 0.8),
                        radius=s * 0.28, fill=col)
    d.rounded_rectangle((cx - s * 0.45, cy - s * 0.7, cx + s * 0.45, cy - s * 0.42),
                        radius=s * 0.06, fill=shade(col, 0.65))
    d.rounded_rectangle((cx - s * 0.4, cy - s * 0.05, cx + s * 0.4, cy + s * 0.4),
                        radius=s * 0.05, fill=acc)
    d.ellipse((cx - s * 0.4, cy - s * 0.3, cx - s * 0.25, cy + s * 0.5), fill=shade(col, 1.3))


def m_box(d, cx, cy, s, col, acc):
    # a gift box seen from the front, with a ribbon and a round seal
    d.rounded_rectangle((cx - s * 0.9, cy - s * 0.5, cx + s * 0.9, cy + s * 0.8),
                        radius=s * 0.05, fill=col)
    d.rectangle((cx - s * 0.95, cy - s * 0.7, cx + s * 0.95, cy - s * 0.45), fill=shade(col, 0.8))
    d.rectangle((cx - s * 0.09, cy - s * 0.7, cx + s * 0.09, cy + s * 0.8), fill=acc)
    d.ellipse((cx - s * 0.32, cy - s * 0.05, cx + s * 0.32, cy + s * 0.59), fill=acc,
              outline=shade(col, 0.7), width=int(s * 0.04))
    d.ellipse((cx - s * 0.18, cy + s * 0.09, cx + s * 0.18, cy + s * 0.45), fill=col)


def m_sack(d, cx, cy, s, col, acc):
    d.rounded_rectangle((cx - s * 0.6, cy - s * 0.6, cx + s * 0.6, cy + s * 0.9),
                        radius=s * 0.2, fill=col)
    d.polygon([(cx - s * 0.6, cy - s * 0.5), (cx - s * 0.35, cy - s * 0.95),
               (cx + s * 0.35, cy - s * 0.95), (cx + s * 0.6, cy - s * 0.5)], fill=col)
    d.rectangle((cx - s * 0.4, cy - s * 0.72, cx + s * 0.4, cy - s * 0.62), fill=shade(col, 0.7))
    d.ellipse((cx - s * 0.35, cy - s * 0.1, cx + s * 0.35, cy + s * 0.6), fill=acc)
    for i in range(-2, 3):  # rice grains / ears
        x = cx + i * s * 0.12
        d.ellipse((x - s * 0.04, cy + s * 0.05 + abs(i) * s * 0.05,
                   x + s * 0.04, cy + s * 0.2 + abs(i) * s * 0.05), fill=shade(col, 0.8))


def m_hat(d, cx, cy, s, col, acc):
    d.polygon([(cx, cy - s * 0.9), (cx - s * 1.2, cy + s * 0.45), (cx + s * 1.2, cy + s * 0.45)],
              fill=col)
    for i in range(1, 7):  # rings of the conical hat
        t = i / 7
        y = cy - s * 0.9 + t * s * 1.35
        half = t * s * 1.2
        d.line((cx - half, y, cx + half, y), fill=shade(col, 0.82), width=int(s * 0.025))
    d.arc((cx - s * 0.5, cy + s * 0.2, cx + s * 0.5, cy + s * 1.0), 0, 180,
          fill=acc, width=int(s * 0.05))


def m_cloth(d, cx, cy, s, col, acc):
    x0, x1 = cx - s * 1.1, cx + s * 1.1
    y0, y1 = cy - s * 0.75, cy + s * 0.85
    d.rectangle((x0, y0, x1, y1), fill=(40, 34, 38))
    bands = [col, acc, shade(col, 0.7), acc, col]
    bh = (y1 - y0) / (len(bands) * 2 + 1)
    for i, c in enumerate(bands):
        top = y0 + bh * (2 * i + 1)
        d.rectangle((x0, top, x1, top + bh * 0.7), fill=c)
        if i % 2 == 0:  # bead diamonds
            n = 9
            for k in range(n):
                x = x0 + (k + 0.5) * (x1 - x0) / n
                r = bh * 0.32
                mid = top + bh * 0.35
                d.polygon([(x, mid - r), (x + r, mid), (x, mid + r), (x - r, mid)],
                          fill=(245, 245, 240))
    for k in range(12):  # fringe
        x = x0 + (k + 0.5) * (x1 - x0) / 12
        d.line((x, y1, x, y1 + s * 0.12), fill=(40, 34, 38), width=int(s * 0.03))


def m_bag(d, cx, cy, s, col, acc):
    d.arc((cx - s * 0.45, cy - s * 1.0, cx + s * 0.45, cy - s * 0.1), 180, 360,
          fill=shade(col, 0.6), width=int(s * 0.08))
    d.rounded_rectangle((cx - s * 0.8, cy - s * 0.55, cx + s * 0.8, cy + s * 0.85),
                        radius=s * 0.15, fill=(40, 34, 38))
    for i, c in enumerate((col, acc, col)):
        y = cy - s * 0.25 + i * s * 0.35
        d.rectangle((cx - s * 0.8, y, cx + s * 0.8, y + s * 0.16), fill=c)


def m_basket(d, cx, cy, s, col, acc):
    d.ellipse((cx - s * 1.0, cy - s * 0.45, cx + s * 1.0, cy - s * 0.05), fill=shade(col, 0.65))
    d.polygon([(cx - s * 1.0, cy - s * 0.25), (cx + s * 1.0, cy - s * 0.25),
               (cx + s * 0.75, cy + s * 0.8), (cx - s * 0.75, cy + s * 0.8)], fill=col)
    for i in range(1, 6):  # weave rows
        y = cy - s * 0.25 + i * s * 0.18
        inset = s * 0.25 * (i * 0.18 / 1.05) * 1.0
        d.line((cx - s * 1.0 + inset, y, cx + s * 1.0 - inset, y), fill=shade(col, 0.8),
               width=int(s * 0.035))
    for k in range(-4, 5):
        d.line((cx + k * s * 0.22, cy - s * 0.25, cx + k * s * 0.17, cy + s * 0.8),
               fill=shade(col, 1.2), width=int(s * 0.025))
    d.arc((cx - s * 0.8, cy - s * 1.1, cx + s * 0.8, cy + s * 0.3), 200, 340,
          fill=shade(col, 0.6), width=int(s * 0.07))


def m_lamp(d, cx, cy, s, col, acc):
    d.line((cx, cy - s * 1.2, cx, cy - s * 0.75), fill=shade(col, 0.5), width=int(s * 0.03))
    d.ellipse((cx - s * 0.8, cy - s * 0.8, cx + s * 0.8, cy + s * 0.8), fill=(255, 236, 170))
    for k in range(-3, 4):
        d.arc((cx - s * 0.8 + abs(k) * s * 0.2, cy - s * 0.8, cx + s * 0.8 - abs(k) * s * 0.2,
               cy + s * 0.8), 0, 360, fill=col, width=int(s * 0.04))
    for k in range(-3, 4):
        y = cy + k * s * 0.22
        half = math.sqrt(max(0.0, (s * 0.8) ** 2 - (k * s * 0.22) ** 2))
        d.line((cx - half, y, cx + half, y), fill=col, width=int(s * 0.03))


def m_flower(d, cx, cy, s, col, acc, petals=5, colour=(250, 200, 40)):
    d.line((cx - s * 1.1, cy + s * 0.9, cx + s * 0.2, cy - s * 0.1), fill=(96, 64, 40),
           width=int(s * 0.08))
    for (fx, fy, r) in ((cx, cy - s * 0.2, 0.42), (cx - s * 0.7, cy + s * 0.45, 0.3),
                        (cx + s * 0.7, cy + s * 0.35, 0.34)):
        rr = s * r
        for k in range(petals):
            a = 2 * math.pi * k / petals - math.pi / 2
            px, py = fx + math.cos(a) * rr * 0.95, fy + math.sin(a) * rr * 0.95
            d.ellipse((px - rr * 0.62, py - rr * 0.62, px + rr * 0.62, py + rr * 0.62), fill=colour)
        d.ellipse((fx - rr * 0.35, fy - rr * 0.35, fx + rr * 0.35, fy + rr * 0.35),
                  fill=shade(colour, 0.7))


def m_fruit(d, cx, cy, s, col, acc):
    for (fx, fy, r, c) in ((cx - s * 0.55, cy + s * 0.2, 0.6, (168, 196, 72)),
                           (cx + s * 0.55, cy + s * 0.25, 0.55, (196, 206, 80)),
                           (cx, cy - s * 0.25, 0.62, (150, 186, 64))):
        rr = s * r
        d.ellipse((fx - rr, fy - rr, fx + rr, fy + rr), fill=c)
        d.ellipse((fx - rr * 0.55, fy - rr * 0.6, fx - rr * 0.15, fy - rr * 0.25),
                  fill=shade(c, 1.35))
    d.polygon([(cx, cy - s * 0.85), (cx + s * 0.35, cy - s * 1.1), (cx + s * 0.1, cy - s * 0.8)],
              fill=(60, 130, 60))


def m_leaf_cup(d, cx, cy, s, col, acc):
    # a tea cup with steam and a leaf
    d.ellipse((cx - s * 0.9, cy + s * 0.55, cx + s * 0.9, cy + s * 0.85), fill=shade(col, 0.75))
    d.chord((cx - s * 0.7, cy - s * 0.5, cx + s * 0.7, cy + s * 0.8), 0, 180, fill=acc)
    d.ellipse((cx - s * 0.7, cy - s * 0.0, cx + s * 0.7, cy + s * 0.3), fill=shade(col, 0.85))
    d.arc((cx + s * 0.5, cy + s * 0.05, cx + s * 0.95, cy + s * 0.45), 270, 90,
          fill=acc, width=int(s * 0.07))
    for k in (-1, 0, 1):
        x = cx + k * s * 0.25
        d.arc((x - s * 0.12, cy - s * 0.75, x + s * 0.12, cy - s * 0.45), 90, 270,
              fill=acc, width=int(s * 0.04))
        d.arc((x - s * 0.12, cy - s * 0.48, x + s * 0.12, cy - s * 0.18), 270, 90,
              fill=acc, width=int(s * 0.04))
    d.ellipse((cx - s * 1.15, cy - s * 0.2, cx - s * 0.65, cy + s * 0.05), fill=(70, 140, 80))


def m_soap(d, cx, cy, s, col, acc):
    d.rounded_rectangle((cx - s * 0.9, cy - s * 0.35, cx + s * 0.9, cy + s * 0.55),
                        radius=s * 0.25, fill=(200, 226, 190))
    d.rounded_rectangle((cx - s * 0.7, cy - s * 0.2, cx + s * 0.7, cy + s * 0.35),
                        radius=s * 0.18, outline=shade(col, 0.8), width=int(s * 0.04))
    for (bx, by, r) in ((0.6, -0.7, 0.16), (0.9, -0.95, 0.1), (0.3, -0.95, 0.08), (-0.5, -0.7, 0.12)):
        d.ellipse((cx + s * (bx - r), cy + s * (by - r), cx + s * (bx + r), cy + s * (by + r)),
                  outline=acc, width=int(s * 0.03))


def m_house(d, cx, cy, s, col, acc):
    # a wooden house with a tiled roof, water in front
    d.rectangle((cx - s * 1.3, cy + s * 0.55, cx + s * 1.3, cy + s * 0.95), fill=shade(col, 1.3))
    d.rectangle((cx - s * 0.9, cy - s * 0.15, cx + s * 0.9, cy + s * 0.55), fill=(150, 96, 60))
    d.polygon([(cx - s * 1.15, cy - s * 0.1), (cx - s * 0.7, cy - s * 0.75),
               (cx + s * 0.7, cy - s * 0.75), (cx + s * 1.15, cy - s * 0.1)], fill=(170, 70, 50))
    for k in range(-2, 3):
        x = cx + k * s * 0.35
        d.rectangle((x - s * 0.1, cy + s * 0.05, x + s * 0.1, cy + s * 0.55), fill=(96, 58, 36))
    for k in range(-3, 4):  # lotus pads
        x = cx + k * s * 0.38
        d.ellipse((x - s * 0.12, cy + s * 0.68, x + s * 0.12, cy + s * 0.8), fill=(70, 140, 80))


def m_stilt(d, cx, cy, s, col, acc):
    # a stilt house among hills
    d.polygon([(cx - s * 1.5, cy + s * 0.9), (cx - s * 0.6, cy - s * 0.7), (cx + s * 0.3, cy + s * 0.9)],
              fill=shade(col, 0.8))
    d.polygon([(cx - s * 0.2, cy + s * 0.9), (cx + s * 0.8, cy - s * 0.5), (cx + s * 1.6, cy + s * 0.9)],
              fill=shade(col, 0.7))
    d.rectangle((cx - s * 0.6, cy + s * 0.05, cx + s * 0.6, cy + s * 0.45), fill=(150, 96, 60))
    d.polygon([(cx - s * 0.8, cy + s * 0.1), (cx, cy - s * 0.55), (cx + s * 0.8, cy + s * 0.1)],
              fill=(120, 84, 50))
    for k in (-0.5, -0.15, 0.15, 0.5):
        d.rectangle((cx + s * k - s * 0.04, cy + s * 0.45, cx + s * k + s * 0.04, cy + s * 0.9),
                    fill=(96, 58, 36))


def m_scene(d, cx, cy, s, col, acc):
    # generic landscape for second pictures: sun, hills and calm water
    d.ellipse((cx + s * 0.7, cy - s * 1.0, cx + s * 1.2, cy - s * 0.5), fill=(255, 240, 190))
    d.polygon([(cx - s * 1.7, cy + s * 0.5), (cx - s * 0.7, cy - s * 0.5), (cx + s * 0.4, cy + s * 0.5)],
              fill=shade(col, 0.9))
    d.polygon([(cx - s * 0.3, cy + s * 0.5), (cx + s * 0.8, cy - s * 0.3), (cx + s * 1.8, cy + s * 0.5)],
              fill=shade(col, 0.75))
    d.rounded_rectangle((cx - s * 1.8, cy + s * 0.5, cx + s * 1.8, cy + s * 1.0), radius=s * 0.1,
                        fill=mix(acc, (120, 180, 215), 0.45))
    for k, half in ((1, 1.2), (2, 0.7)):
        y = cy + s * (0.55 + 0.13 * k)
        d.line((cx - s * half, y, cx + s * half, y), fill=shade(col, 1.4), width=int(s * 0.03))


MOTIFS = [  # (slug prefixes, motif); first match wins
    (("nuoc-mam", "dau-tram", "dau-xoa-bop", "ruou", "mat-ong"), m_bottle),
    (("tom-chua", "mam-ruoc", "keo-gung"), m_jar),
    (("gao-",), m_sack),
    (("tra-",), m_leaf_cup),
    (("me-xung", "bot-gao", "mut-", "banh-"), m_box),
    (("non-",), m_hat),
    (("vai-",), m_cloth),
    (("tui-",), m_bag),
    (("den-",), m_lamp),
    (("gio-",), m_basket),
    (("mai-", "hoa-"), m_flower),
    (("buoi-",), m_fruit),
    (("xa-phong",), m_soap),
    (("du-lich-nha-vuon",), m_house),
    (("du-lich",), m_stilt),
    (("trung-tam-", "quay-", "goc-", "cua-hang-", "xuong-"), m_house),  # sales points (content/shops/)
]


def motif_for(slug: str):
    for prefixes, fn in MOTIFS:
        if slug.startswith(prefixes):
            return fn
    return m_box


def group_key(code: str) -> str:
    key = str(code or "I").split(".")[0].upper()
    return key if key in PALETTES else "I"


def draw_caption(img: Image.Image, title: str, subtitle: str | None, dark):
    """Title band at the bottom and the sample caption at the top right."""
    d = ImageDraw.Draw(img, "RGBA")
    w, h = img.size
    f_cap = font(30 * SCALE, bold=False)
    cap_w = d.textlength(CAPTION, font=f_cap)
    pad = 18 * SCALE
    x1, y0 = w - 40 * SCALE, 36 * SCALE
    d.rounded_rectangle((x1 - cap_w - 2 * pad, y0, x1, y0 + 30 * SCALE + 2 * pad),
                        radius=22 * SCALE, fill=(255, 255, 255, 170))
    d.text((x1 - cap_w - pad, y0 + pad - 4 * SCALE), CAPTION, font=f_cap, fill=dark + (255,))

    size = 112
    while True:
        f_title = font(size * SCALE)
        lines = balanced(d, title, f_title, w - 200 * SCALE)
        if len(lines) <= 2 or size <= 64:
            break
        size -= 8
    line_h = int(size * 1.22) * SCALE
    sub_lines = []
    f_sub = font(40 * SCALE, bold=False)
    if subtitle:
        sub_lines = balanced(d, subtitle, f_sub, w - 220 * SCALE)[:2]
    block = len(lines) * line_h + len(sub_lines) * 54 * SCALE + 90 * SCALE
    top = h - block
    d.rectangle((0, top, w, h), fill=dark + (150,))
    y = top + 45 * SCALE
    for line in lines:
        tw = d.textlength(line, font=f_title)
        x = (w - tw) / 2
        d.text((x + 4 * SCALE, y + 4 * SCALE), line, font=f_title, fill=(0, 0, 0, 90))
        d.text((x, y), line, font=f_title, fill=(255, 255, 255, 255))
        y += line_h
    for line in sub_lines:
        tw = d.textlength(line, font=f_sub)
        d.text(((w - tw) / 2, y), line, font=f_sub, fill=(255, 255, 255, 235))
        y += 54 * SCALE


def product_picture(slug: str, meta: dict, index: int, alt: str) -> Image.Image:
    top, bottom, accent = PALETTES[group_key(meta.get("group"))]
    big = (W * SCALE, H * SCALE)
    img = gradient(big, top, bottom)
    d = ImageDraw.Draw(img, "RGBA")
    rnd = seeded(f"{slug}/{index}")
    # soft decorative circles in the background
    for k in range(5):
        r = (120 + (rnd >> (k * 3)) % 160) * SCALE
        x = ((rnd >> (k * 5)) % W) * SCALE
        y = ((rnd >> (k * 4 + 2)) % (H // 2)) * SCALE
        d.ellipse((x - r, y - r, x + r, y + r), fill=accent + (60,))
    fg = shade(bottom, 0.85)
    cx, cy, s = W * SCALE / 2, 430 * SCALE, 290 * SCALE
    if index == 0:
        # ground shadow under the object
        d.ellipse((cx - s * 1.2, cy + s * 0.85, cx + s * 1.2, cy + s * 1.1), fill=(0, 0, 0, 40))
        motif_for(slug)(d, cx, cy, s, fg, accent)
        subtitle = None
    else:
        m_scene(d, cx, cy, s, fg, accent)
        subtitle = alt
    draw_caption(img, meta.get("title", slug), subtitle, shade(bottom, 0.45))
    return img.resize((W, H), Image.LANCZOS)


def save_jpeg(img: Image.Image, path: Path):
    quality = JPEG_QUALITY
    while True:
        img.save(path, "JPEG", quality=quality, progressive=True, optimize=True)
        if path.stat().st_size <= MAX_BYTES or quality <= 60:
            return
        quality -= 3  # keep every photo under the size budget


def initials(title: str) -> str:
    skip = {"htx", "công", "ty", "tnhh", "tổ", "hợp", "tác", "hộ", "kinh", "doanh", "nông",
            "nghiệp", "cổ", "phần", "dịch", "vụ"}
    words = [w for w in title.split() if w.lower() not in skip]
    letters = "".join(w[0] for w in words if w[0].isalpha())
    return (letters[-2:] if len(letters) >= 2 else letters or "?").upper()


def logo_picture(slug: str, meta: dict, number: int = 0) -> Image.Image:
    keys = list(PALETTES)
    top, bottom, accent = PALETTES[keys[(number + 1) % len(keys)]]  # neighbours differ
    size = 256 * 4
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((8, 8, size - 8, size - 8), fill=shade(bottom, 0.8))
    d.ellipse((70, 70, size - 70, size - 70), outline=accent, width=24)
    # a small leaf above the letters
    leaf = [(size / 2 + 90 * math.cos(a), 235 + 60 * math.sin(a) * abs(math.cos(a / 2)))
            for a in (i * math.pi / 24 for i in range(48))]
    d.polygon(leaf, fill=top)
    d.line((size / 2 - 90, 235, size / 2 + 90, 235), fill=shade(bottom, 0.8), width=8)
    text = initials(meta.get("title", slug))
    f = font(330)
    tw = d.textlength(text, font=f)
    d.text(((size - tw) / 2, size / 2 - 160), text, font=f, fill=(255, 255, 255))
    d.rectangle((size / 2 - 150, size - 270, size / 2 + 150, size - 250), fill=accent)
    img = img.resize((256, 256), Image.LANCZOS)
    return img.quantize(colors=64, method=Image.Quantize.FASTOCTREE)  # small PNG


def main(argv: list[str]) -> int:
    content = Path(argv[1]) if len(argv) > 1 else ROOT / "content"
    written = 0
    shops = sorted((content / "shops").glob("*/index.md"))
    for md in sorted((content / "products").glob("*/index.md")) + shops:
        meta = front_matter(md)
        if md in shops:
            meta = {**meta, "group": "IV"}  # sales points in the handicrafts' warm colours
        for i, image in enumerate(meta.get("images") or []):
            target = md.parent / image["file"]
            img = product_picture(md.parent.name, meta, i, image.get("alt", ""))
            if target.suffix.lower() in (".jpg", ".jpeg"):
                save_jpeg(img, target)
            else:
                img.save(target, optimize=True)
            written += 1
            print(f"{target.relative_to(content)}  {target.stat().st_size // 1024} KB")
    logos = 0
    for md in sorted((content / "producers").glob("*/index.md")):
        meta = front_matter(md)
        if meta.get("logo"):
            target = md.parent / meta["logo"]
            logo = logo_picture(md.parent.name, meta, logos)
            logos += 1
            if target.suffix.lower() in (".jpg", ".jpeg"):
                logo.convert("RGB").save(target, "JPEG", quality=85)
            else:
                logo.save(target, optimize=True)
            written += 1
            print(f"{target.relative_to(content)}  {target.stat().st_size // 1024} KB")
    print(f"{written} pictures written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
