"""Photo pipeline benchmark: N synthetic 12-megapixel phone photos, photos per second and peak memory.

    .venv/bin/python bench/photos.py            # 16 photos
    .venv/bin/python bench/photos.py -n 40

Compares, on the same photos and outputs (widths 1600/1024/640/320, WebP q80 + JPEG q80):
  naive   Pillow the obvious way: open, full decode, LANCZOS from full size for every width, save
  cold    our pipeline (plugins/ocop/images) with an empty cache, all cores
  warm    our pipeline again: every photo in the cache
Each mode runs in its own process, so that its peak memory (max RSS, workers included) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent

WIDTHS = (1600, 1024, 640, 320)


def make_photos(folder: Path, count: int, size: tuple[int, int] = (4000, 3000), first: int = 0) -> list[Path]:
    """Smooth shapes with grain, saved like a phone does: 4000×3000, JPEG q90, EXIF with GPS.
    `first`: the number of the first photo (each number draws a different photo)."""
    folder.mkdir(parents=True, exist_ok=True)
    photos = []
    for index in range(first, first + count):
        rng = random.Random(index)
        small = Image.new("RGB", (800, 600), tuple(rng.randrange(256) for _ in range(3)))
        draw = ImageDraw.Draw(small)
        for _ in range(25):
            x, y = rng.randrange(800), rng.randrange(600)
            r = rng.randrange(20, 200)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
        image = small.filter(ImageFilter.GaussianBlur(6)).resize(size, Image.Resampling.BICUBIC)
        grain = Image.effect_noise(size, 18).convert("RGB")
        image = Image.blend(image, grain, 0.08)
        exif = Image.Exif()
        exif[0x0112] = 6 if index % 3 == 0 else 1
        exif[0x8825] = {1: "N", 2: (16.0, 27.0, 49.0), 3: "E", 4: (107.0, 35.0, 6.0)}
        path = folder / f"photo-{index:03d}.jpg"
        image.save(path, "JPEG", quality=90, exif=exif)
        photos.append(path)
    return photos


def naive(photos: list[Path], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for path in photos:
        with Image.open(path) as image:
            image.load()
            for width in WIDTHS:
                height = round(image.height * width / image.width)
                resized = image.resize((width, height), Image.Resampling.LANCZOS)
                resized.save(out / f"{path.stem}-{width}.jpg", "JPEG", quality=80)
                resized.save(out / f"{path.stem}-{width}.webp", "WEBP", quality=80)


def ours(photos: list[Path], cache: Path, webp_method: int) -> dict:
    from ocop.catalogue.errors import Problems
    from ocop.catalogue.photos import Photo, PhotoUse
    from ocop.images.pipeline import process
    from ocop.images.settings import ImageSettings, PipelineOptions

    images = ImageSettings(widths=WIDTHS) if webp_method < 0 else \
        ImageSettings(widths=WIDTHS, webp_method=webp_method, webp_large_method=webp_method)
    options = PipelineOptions(images, cache, os.cpu_count() or 1, progress=False)
    uses = [PhotoUse(None, None, "images[1].file", Photo(p, p.name, 4000, 3000, "JPEG")) for p in photos]
    problems = Problems()
    stats = process(uses, options, problems, cache.parent / "catalogue")
    assert not problems.errors, problems.errors
    return {"processed": stats.processed, "cached": stats.cached}


def run_mode(mode: str, folder: Path, count: int, webp_method: int) -> None:
    if mode == "make":
        make_photos(folder / "photos", count)
        return
    photos = sorted((folder / "photos").glob("*.jpg"))
    import ocop.catalogue.photos, ocop.images.pipeline  # noqa: E401,F401 - imports are not part of the timing
    started = time.perf_counter()
    extra = {}
    if mode == "naive":
        naive(photos, folder / "naive-out")
    else:
        extra = ours(photos, folder / f"cache-{webp_method}", webp_method)
    seconds = time.perf_counter() - started
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"mode": mode, "photos": len(photos), "seconds": seconds, "peak_mb": peak / 1024, **extra}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=16)
    parser.add_argument("--webp-method", type=int, nargs="+", default=[-1],
                        help="libwebp effort(s) of our pipeline for every width; -1 (default): our settings, "
                             "4 up to 800 px and 2 above (the naive way uses Pillow's default, 4)")
    parser.add_argument("--mode", choices=["make", "naive", "cold", "warm"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        run_mode(args.mode, args.folder, args.count, args.webp_method[0])
        return

    def child(mode, method=4):
        proc = subprocess.run([sys.executable, __file__, "--mode", mode, "--folder", str(folder), "-n",
                               str(args.count), "--webp-method", str(method)], check=True, capture_output=True,
                              text=True)
        return json.loads(proc.stdout.strip().splitlines()[-1]) if mode != "make" else None

    with tempfile.TemporaryDirectory(prefix="ocop-photos-") as tmp:
        folder = Path(tmp)
        print(f"making {args.count} synthetic 12-megapixel photos (a third of them rotated by EXIF) …",
              file=sys.stderr)
        child("make")
        results = {"naive": child("naive")}
        for method in args.webp_method:
            label = "defaults" if method < 0 else f"WebP method {method}"
            results[f"cold ({label})"] = child("cold", method)
            results[f"warm ({label})"] = child("warm", method)
    naive_seconds = results["naive"]["seconds"]
    print(f"{'way':<24} {'photos/s':>9} {'ms/photo':>9} {'vs naive':>9} {'peak MB':>8}")
    for mode, r in results.items():
        print(f"{mode:<24} {r['photos'] / r['seconds']:>9.2f} {1000 * r['seconds'] / r['photos']:>9.2f} "
              f"{naive_seconds / r['seconds']:>8.1f}× {r['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
