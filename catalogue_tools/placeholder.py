"""The stand-in photo of a new product: valid, so the catalogue builds, and recognisable, so that
`invoke check` reminds staff to replace it with a real photo.

It is as wide as the largest rendition (no "photo too small" warning of its own) and carries a JPEG
comment that marks it as a placeholder.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

MARKER = b"OCOP-PLACEHOLDER"
FILE_NAME = "anh-1.jpg"
ALT = "Ảnh tạm: thay bằng ảnh thật của sản phẩm"


def write_placeholder(path: Path, width: int) -> None:
    height = width * 3 // 4
    image = Image.new("RGB", (width, height), (226, 222, 214))
    draw = ImageDraw.Draw(image)
    step = max(8, width // 16)
    for x in range(-height, width, step):  # light diagonal stripes: obviously not a product photo
        draw.line([(x, height), (x + height, 0)], fill=(210, 205, 195), width=max(2, step // 4))
    image.save(path, "JPEG", quality=70, comment=MARKER)


def is_placeholder(path: Path) -> bool:
    try:
        with Image.open(path) as image:
            return image.info.get("comment") == MARKER
    except OSError:
        return False
