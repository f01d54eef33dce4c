"""PDF catalogue benchmark: a synthetic N-product catalogue printed as one PDF; time, size and pages.

    .venv/bin/python bench/catalogue_pdf.py                 # 300 products, a print-size photo each
    .venv/bin/python bench/catalogue_pdf.py -n 100 --small-photos

The catalogue comes from bench/make_catalogue.py; by default each product gets a photo of its own,
2400×1800 with grain (bench/photos.py), so the PDF embeds N different photos as a real catalogue would
(make_catalogue's own photos are eight flat 640×480 pictures). Renditions are made first, through a
cache of their own, and not timed; the timed step is `invoke catalogue-pdf` minus its process start:
reading the catalogue, laying out and writing the PDF. Each `--dpi` prints once: 300 dpi takes the
1024 px rendition for the 80 mm card photo, 600 dpi the widest (1600 px) one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from catalogue_tools.catalogue_pdf import load_for_print, print_catalogues  # noqa: E402
from catalogue_tools.context import read_settings  # noqa: E402
from make_catalogue import make_catalogue  # noqa: E402
from photos import make_photos  # noqa: E402
from ocop.print_catalogue import document  # noqa: E402

PHOTO_SIZE = (2400, 1800)


def give_each_product_a_photo(content: Path) -> None:
    for index, folder in enumerate(sorted((content / "products").iterdir())):
        [photo] = make_photos(folder / "bench-photos", 1, PHOTO_SIZE, first=index)
        photo.replace(folder / "anh-1.jpg")
        (folder / "bench-photos").rmdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300, help="number of products (default 300)")
    parser.add_argument("--small-photos", action="store_true", help="keep make_catalogue's eight 640×480 photos")
    parser.add_argument("--dpi", type=int, nargs="+", default=[300, 600], help="print resolutions to try")
    parser.add_argument("--lang", default="vi")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        work = Path(tmp)
        content = work / "content"
        started = time.perf_counter()
        make_catalogue(args.n, content)
        if not args.small_photos:
            give_each_product_a_photo(content)
        print(f"catalogue: {args.n} products written in {time.perf_counter() - started:.1f} s")

        settings = read_settings()
        settings["IMAGE_CACHE_PATH"] = str(work / "cache")  # a cold cache of its own, not the project's
        settings["IMAGE_PROGRESS"] = False
        started = time.perf_counter()
        load_for_print(content, settings)
        print(f"renditions: {time.perf_counter() - started:.1f} s (not part of the PDF time)")

        for dpi in args.dpi:
            document.PRINT_DPI = dpi
            output = work / f"catalogue-{dpi}.pdf"
            started = time.perf_counter()
            [printed] = print_catalogues(content, args.lang, output=str(output), settings=settings)
            seconds = time.perf_counter() - started
            print(f"PDF at {dpi} dpi: {seconds:.1f} s, {printed.size / 1024 / 1024:.1f} MB, {printed.pages} pages "
                  f"({args.n} products, {args.lang})")


if __name__ == "__main__":
    main()
