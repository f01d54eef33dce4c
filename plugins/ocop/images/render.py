"""Make the renditions of one photo: upright, sRGB, metadata-free, in several widths and formats.

Runs in worker processes. The fast paths: JPEG DCT scaling (`Image.draft`) decodes a 12-megapixel
photo at the smallest scale still large enough, each width is resized from the previous one (with
`reducing_gap`, which lets Pillow `reduce()` by whole factors first), and nothing is decoded twice.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from ocop.catalogue.api import strict_decoding

from .settings import ImageSettings

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
TRANSPOSING_ORIENTATIONS = {5, 6, 7, 8}  # EXIF orientations that swap width and height
MANIFEST = "manifest.json"
DRAFT_TOLERANCE = 0.9


class PhotoRejected(Exception):
    """The pixels cannot be published (corrupt, truncated…); the message completes "'file.jpg' …"."""


def _oriented_size(image) -> tuple[int, int]:
    width, height = image.size
    orientation = image.getexif().get(0x0112, 1)
    return (height, width) if orientation in TRANSPOSING_ORIENTATIONS else (width, height)


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB or RGBA pixels in sRGB, with an embedded profile applied when it is not already sRGB."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    if icc:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" not in ImageCms.getProfileDescription(source).lower():
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
    if mode == "RGBA" and image.getextrema()[3][0] == 255:  # an alpha channel with nothing transparent
        image = image.convert("RGB")
    return image


def target_widths(widths, width: int) -> list[int]:
    """The widths to publish, widest first, never wider than the photo itself."""
    return sorted({min(w, width) for w in widths}, reverse=True)


def _save(image: Image.Image, path: Path, settings: ImageSettings, kind: str) -> None:
    image.info = {}  # no EXIF, GPS, XMP, comments or profiles ever reach a published file
    if kind == "webp":
        lossless = image.mode == "RGBA"
        method = settings.webp_large_method if image.width > settings.large_width else settings.webp_method
        image.save(path, "WEBP", quality=100 if lossless else settings.webp_quality, lossless=lossless,
                   method=method)
    elif kind == "png":
        image.save(path, "PNG", compress_level=6)
    else:
        image.save(path, "JPEG", quality=settings.jpeg_quality, progressive=True)


def render_photo(source: Path, target: Path, settings: ImageSettings) -> dict:
    """Write the renditions of `source` into the folder `target` and return their manifest.

    Files are named by what they are, not by the photo: `<width>.webp`, `<width>.jpg` (`.png` with
    transparency) and `<W>x<H>.jpg` for the social-sharing image, so that identical photos share them.
    """
    target.mkdir(parents=True, exist_ok=True)
    try:
        with strict_decoding(), Image.open(source) as image:
            full_width, full_height = _oriented_size(image)
            social_w, social_h = settings.social_size
            # Decode a JPEG at the smallest DCT scale (1/2, 1/4, 1/8) that still gives DRAFT_TOLERANCE of
            # the widest rendition and covers the social crop: a portrait 3000×4000 phone photo decodes at
            # 1500×2000 and publishes 1500 px as its widest rendition instead of 1600 (never upscaled).
            need = max(min(max(settings.widths), full_width) * DRAFT_TOLERANCE,
                       min(full_width, max(social_w, social_h * full_width / full_height)))
            need = max(1, int(need))
            need_height = max(1, round(need * full_height / full_width))
            if image.format == "JPEG":
                swapped = (need_height, need) if image.size != (full_width, full_height) else (need, need_height)
                image.draft("RGB", swapped)
            image.load()
            icc = image.info.get("icc_profile")
            upright = ImageOps.exif_transpose(image)
            pixels = _to_srgb(upright, icc)
    except PhotoRejected:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoRejected(f"is corrupt or truncated ({exc})") from None

    width, height = pixels.size
    fallback = "png" if pixels.mode == "RGBA" else "jpg"
    renditions = []
    current = social_source = pixels
    for w in target_widths(settings.widths, width):
        h = max(1, round(height * w / width))
        if current.size != (w, h):
            current = current.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for kind, mime in (("webp", "image/webp"), (fallback, f"image/{'png' if fallback == 'png' else 'jpeg'}")):
            name = f"{w}.{kind}"
            _save(current, target / name, settings, kind)
            renditions.append({"name": name, "width": w, "height": h, "mime": mime})
        if w >= social_w and h >= social_h:  # the smallest rendition that still covers the social crop
            social_source = current

    social_source = social_source if social_source.mode == "RGB" else _flatten(social_source)
    social = ImageOps.fit(social_source, settings.social_size, Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    social_name = f"{social_w}x{social_h}.jpg"
    _save(social, target / social_name, settings, "jpg")
    manifest = {"width": width, "height": height, "renditions": renditions,
                "social": {"name": social_name, "width": social_w, "height": social_h, "mime": "image/jpeg"}}
    _write_atomically(target / MANIFEST, json.dumps(manifest))
    return manifest


def _flatten(image: Image.Image) -> Image.Image:
    """RGBA on a white background, for formats without transparency."""
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _write_atomically(path: Path, text: str) -> None:
    """The manifest is written last and atomically: its presence means the entry is complete."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".manifest-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
