"""Settings of the image pipeline, read from Pelican's settings, with the fingerprint that keys the cache."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

# Bump when the way renditions are made changes: every cached rendition is then made again.
PIPELINE_VERSION = 1


@dataclass(frozen=True)
class ImageSettings:
    widths: tuple[int, ...] = (320, 640, 1024, 1600)
    jpeg_quality: int = 80
    webp_quality: int = 80
    webp_method: int = 4  # libwebp effort 0–6 for phone-sized renditions: 4 is libwebp's default
    # Renditions wider than `large_width` are what desktops fetch; effort 2 encodes them twice as fast
    # for about 6 % more bytes, while the small files phones on mobile networks download stay minimal.
    webp_large_method: int = 2
    large_width: int = 800
    social_size: tuple[int, int] = (1200, 630)

    @property
    def fingerprint(self) -> str:
        """Changes whenever any setting that shapes the output files changes."""
        data = json.dumps({"version": PIPELINE_VERSION, **asdict(self)}, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class PipelineOptions:
    images: ImageSettings
    cache_path: Path
    workers: int
    progress: bool


def read_settings(settings: dict) -> PipelineOptions:
    widths = tuple(sorted({int(w) for w in settings.get("IMAGE_WIDTHS", ImageSettings.widths)}, reverse=True))
    images = ImageSettings(
        widths=widths,
        jpeg_quality=int(settings.get("IMAGE_JPEG_QUALITY", ImageSettings.jpeg_quality)),
        webp_quality=int(settings.get("IMAGE_WEBP_QUALITY", ImageSettings.webp_quality)),
        webp_method=int(settings.get("IMAGE_WEBP_METHOD", ImageSettings.webp_method)),
        webp_large_method=int(settings.get("IMAGE_WEBP_LARGE_METHOD", ImageSettings.webp_large_method)),
        large_width=int(settings.get("IMAGE_LARGE_WIDTH", ImageSettings.large_width)),
        social_size=tuple(settings.get("IMAGE_SOCIAL_SIZE", ImageSettings.social_size)),
    )
    cache = Path(settings.get("IMAGE_CACHE_PATH") or Path(settings.get("PATH", ".")).parent / ".cache" / "images")
    workers = settings.get("IMAGE_WORKERS") or os.cpu_count() or 1
    progress = settings.get("IMAGE_PROGRESS")
    if progress is None:  # a bar on a terminal, quiet in CI and in logs
        import sys
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    return PipelineOptions(images, cache.resolve(), int(workers), bool(progress))
