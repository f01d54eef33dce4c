"""Photo files named by the content: present, inside their bundle, and an image we can publish.

`inspect_photo` reads only the image header: existence, format, pixel size (an absurdly large photo is
refused before it is decoded), CMYK and 16-bit photos. Decoding the pixels, which finds corrupt and
truncated files, is the image pipeline's job (plugin `images`, connected to `photos_collected`); a
catalogue built without it decodes each photo here at reduced scale instead.

A `Photo` publishes its `renditions` (set by the pipeline) or, without a pipeline, the original file.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from blinker import signal
from PIL import Image, ImageFile

from .content_cache import file_digest

FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
DEFAULT_MAX_MEGAPIXELS = 50
DEFAULT_MAX_MEGABYTES = 40
SIXTEEN_BIT_MODES = {"I;16", "I;16B", "I;16L", "I;16N", "I", "F"}

# Sent by the catalogue generator once every photo is inspected, before anything is written:
# sender=generator, uses=[PhotoUse], problems=Problems. Receivers process the photos and attach
# renditions, reporting bad ones to `problems` against the file and field that named them.
photos_collected = signal("catalogue-photos-collected")


@dataclass(frozen=True)
class Rendition:
    name: str  # the published file name, e.g. anh-1-640.webp
    path: Path  # the file to publish
    width: int
    height: int
    mime: str  # image/webp, image/jpeg, image/png


@dataclass(eq=False)
class Photo:
    source: Path
    name: str  # the file name as written in the front matter
    width: int
    height: int
    format: str
    digest: str = ""  # SHA-256 of the file's bytes
    renditions: list[Rendition] = field(default_factory=list)  # by the image pipeline, widest first
    social: Rendition | None = None  # the 1200×630 sharing image, for products

    def published_files(self) -> list[tuple[str, Path]]:
        """(file name, source path) of every file this photo puts in the site."""
        if not self.renditions:
            return [(self.name, self.source)]
        files = [(r.name, r.path) for r in self.renditions]
        if self.social is not None:
            files.append((self.social.name, self.social.path))
        return files


@dataclass(frozen=True)
class PhotoUse:
    """Where the content names a photo: for error messages that point at the right line."""

    entry: object
    document: object
    field: str
    photo: Photo


class PhotoProblem(Exception):
    pass


def inspect_photo(folder: Path, name: str, max_megapixels=DEFAULT_MAX_MEGAPIXELS,
                  max_megabytes=DEFAULT_MAX_MEGABYTES, verify_pixels: bool = True, cache=None) -> Photo:
    """The photo `name` of the bundle `folder`, or PhotoProblem saying what is wrong with it. A photo
    whose bytes passed the same checks before (`cache`, a ContentCache) is not opened again."""
    if _plain_name(name) and not os.path.islink(folder / name):  # the usual case: no path to resolve
        path = folder / name
    else:
        path = (folder / name).resolve()
        if folder.resolve() not in path.parents:
            raise PhotoProblem(f"{name!r} is outside the folder {folder.name}/; put the photo in that folder")
    if not path.is_file():
        present = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"))
        hint = f" (photos in the folder: {', '.join(present)})" if present else " (the folder has no photos)"
        raise PhotoProblem(f"file {name!r} does not exist in {folder.name}/{hint}")
    size = path.stat().st_size
    if size > max_megabytes * 1024 * 1024:
        raise PhotoProblem(f"{name!r} is {size / 1024 / 1024:.0f} MB; the limit is {max_megabytes} MB")
    digest = file_digest(path.read_bytes())
    key = f"{digest} {max_megapixels} {verify_pixels}"
    known = cache.get("photo", key) if cache is not None else None
    if known is None:
        known = _check_image(path, name, max_megapixels, verify_pixels)
        if cache is not None:
            cache.put("photo", key, known)
    width, height, image_format = known
    return Photo(path, name, width, height, FORMATS[image_format], digest)


@contextlib.contextmanager
def strict_decoding():
    """Pillow refuses truncated files while this runs, whatever another library of the process set
    (WeasyPrint, imported to print the PDF catalogue, sets `ImageFile.LOAD_TRUNCATED_IMAGES = True`,
    which would let a half-uploaded photo through as grey pixels)."""
    saved, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = saved


def _plain_name(name: str) -> bool:
    """A file name of the bundle's own folder: no folder part, not a link elsewhere."""
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


def _check_image(path: Path, name: str, max_megapixels, verify_pixels: bool) -> tuple[int, int, str]:
    """(width, height, format) of a photo that Pillow can publish, or PhotoProblem."""
    try:
        with warnings.catch_warnings(), strict_decoding():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > max_megapixels * 1_000_000:
                    raise PhotoProblem(f"{name!r} is {width}×{height} pixels "
                                       f"({width * height / 1e6:.0f} megapixels); the limit is {max_megapixels}")
                if image.format not in FORMATS:
                    raise PhotoProblem(f"{name!r} is a {image.format} image; use JPEG, PNG or WebP")
                if image.mode == "CMYK":
                    raise PhotoProblem(f"{name!r} is a CMYK image (printing colours); save it as an RGB "
                                       "(sRGB) JPEG for the web")
                if image.mode in SIXTEEN_BIT_MODES or _png_bit_depth(path, image) == 16:
                    raise PhotoProblem(f"{name!r} has 16 bits per channel; save it with 8 bits per channel")
                if verify_pixels:
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                    image.load()
                image_format = image.format
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PhotoProblem(f"{name!r} has too many pixels to be opened safely") from None
    except Image.UnidentifiedImageError:
        raise PhotoProblem(f"{name!r} is not an image Pillow can read (JPEG, PNG or WebP)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoProblem(f"{name!r} is corrupt or truncated ({exc})") from None
    return width, height, image_format


def _png_bit_depth(path: Path, image) -> int | None:
    """Bits per channel of a PNG, from its IHDR chunk (Pillow reads 16-bit RGB as 8-bit RGB)."""
    if image.format != "PNG":
        return None
    with path.open("rb") as handle:
        header = handle.read(25)
    return header[24] if len(header) == 25 else None
