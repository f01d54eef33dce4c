"""Photos resized for publishing: responsive WebP/JPEG renditions, upright, sRGB, without metadata.

Connects to the catalogue's `photos_collected` signal: after the content is read and before anything is
written, every photo is turned into renditions (`render.py`), in parallel, through a cache outside the
output folder (`cache.py`); bad photos are reported like every other content problem.
"""

from __future__ import annotations

from pathlib import Path

from pelican.log import console

from ocop.catalogue.api import photos_collected

from .pipeline import process
from .settings import read_settings


def on_photos_collected(generator, uses, problems):
    options = read_settings(generator.settings)
    stats = process(uses, options, problems, Path(generator.path))
    console.print(f"Photos: {stats.photos} photos, {stats.processed} processed, {stats.cached} from cache"
                  f"{f', {stats.failed} failed' if stats.failed else ''} in {stats.seconds:.2f} s")


def register():
    photos_collected.connect(on_photos_collected)
