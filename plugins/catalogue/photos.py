"""Photo files named by the content: present, inside their bundle, and really a usable image.

Only the image header is read for the size check, so an absurdly large photo is refused before it
is decoded; the pixels are then decoded at reduced scale (JPEG DCT scaling through `draft`) to
catch corrupt and truncated files cheaply.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
DEFAULT_MAX_MEGAPIXELS = 50
DEFAULT_MAX_MEGABYTES = 40


@dataclass(frozen=True)
class Photo:
    source: Path
    name: str  # the file name as written in the front matter
    width: int
    height: int
    format: str


class PhotoProblem(Exception):
    pass


def inspect_photo(folder: Path, name: str, max_megapixels=DEFAULT_MAX_MEGAPIXELS,
                  max_megabytes=DEFAULT_MAX_MEGABYTES) -> Photo:
    """The photo `name` of the bundle `folder`, or PhotoProblem saying what is wrong with it."""
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
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > max_megapixels * 1_000_000:
                    raise PhotoProblem(f"{name!r} is {width}×{height} pixels "
                                       f"({width * height / 1e6:.0f} megapixels); the limit is {max_megapixels}")
                if image.format not in FORMATS:
                    raise PhotoProblem(f"{name!r} is a {image.format} image; use JPEG, PNG or WebP")
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
                image_format = image.format
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PhotoProblem(f"{name!r} has too many pixels to be opened safely") from None
    except Image.UnidentifiedImageError:
        raise PhotoProblem(f"{name!r} is not an image Pillow can read (JPEG, PNG or WebP)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoProblem(f"{name!r} is corrupt or truncated ({exc})") from None
    return Photo(path, name, width, height, FORMATS[image_format])
