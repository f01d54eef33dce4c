"""QR codes of permanent product URLs, for packaging: SVG (any size) and a print-ready PNG.

The code is encoded by zint through zxing-cpp (already pinned: the tests decode the codes with it),
which picks the mask by the standard's penalty rules in C++ in about 0.2 ms; segno, used before, took
13 ms a code evaluating masks in Python, close to four minutes for the national catalogue's first build.
Codes are still cached by URL in `<cache>/qr/` and hard-linked into the site.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import shutil
from pathlib import Path

import zxingcpp
from markupsafe import escape
from PIL import Image

PNG_SCALE = 16  # 16 px per module: a version-3 code is about 650 px, sharp at 5 cm and 300 dpi
SVG_SCALE = 4  # the SVG's nominal size in px per module (it scales to any size)
VERSION = 2  # bump when the drawing changes
QR_FILES = ("qr.svg", "qr.png")


def write_qr(url: str, output: Path, folder: str, cache: Path | None = None) -> None:
    """`qr.svg` and `qr.png` of `url` in `output`/`folder`, through the cache when one is given."""
    if cache is None:
        _make_qr(url, output / folder)
        return
    entry = _cached(url, cache)
    (output / folder).mkdir(parents=True, exist_ok=True)
    for name in QR_FILES:
        try:
            os.link(entry / name, output / folder / name)
        except OSError:
            shutil.copyfile(entry / name, output / folder / name)


def write_qr_codes(codes, output: Path, plan, cache: Path | None = None, processes: int = 1) -> None:
    """`write_qr` of each (url, folder) of `codes`, except where the build's output `plan` keeps the
    previous output's files of the same URL; the codes the cache does not have yet are made first in
    `processes` forked processes (a first build of the national catalogue makes 17,000, ~4 ms each)."""
    pending = []  # made below, after the cache is filled
    for url, folder in codes:
        files = [f"{folder}/{name}" for name in QR_FILES]
        plan.reuse(files, _digest(url), functools.partial(pending.append, (url, folder)))
    if cache is not None and processes > 1 and "fork" in multiprocessing.get_all_start_methods():
        missing = [url for url, _folder in pending if not (_entry(url, cache) / "qr.png").is_file()]
        if len(missing) > 1:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                pool.map(functools.partial(_cached, cache=cache), missing, chunksize=64)
    for url, folder in pending:
        write_qr(url, output, folder, cache)


def _digest(url: str) -> str:
    """What a code's files are made from (for the output plan)."""
    return f"qr:{VERSION}:{url}"


def _entry(url: str, cache: Path) -> Path:
    return Path(cache) / hashlib.sha256(f"{VERSION} {url}".encode()).hexdigest()[:32]


def _cached(url: str, cache: Path) -> Path:
    """The cache's folder of `url`'s code, made if it is missing (atomically: processes may share it)."""
    entry = _entry(url, cache)
    if not (entry / "qr.png").is_file():
        tmp = entry.with_name(entry.name + f".{os.getpid()}.tmp")
        _make_qr(url, tmp)
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
    return entry


def qr_svg(url: str) -> str:
    """The SVG of `url`'s code, as on the product pages (the printed catalogue uses it too)."""
    return _svg(_modules(url), url)


def _modules(url: str) -> Image.Image:
    """Error correction M: the code survives a scratched or creased label. A quiet zone of 4 modules."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    matrix = memoryview(code.to_image(scale=1, add_quiet_zones=True))
    height, width = matrix.shape
    return Image.frombytes("L", (width, height), matrix.tobytes())  # 0 dark, 255 light


def _make_qr(url: str, folder: Path) -> None:
    modules = _modules(url)
    width, height = modules.size
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "qr.svg").write_text(_svg(modules, url), encoding="utf-8")
    modules.convert("1", dither=Image.Dither.NONE) \
        .resize((width * PNG_SCALE, height * PNG_SCALE), Image.Resampling.NEAREST).save(folder / "qr.png")


def _svg(modules: Image.Image, url: str) -> str:
    """One path of horizontal runs of dark modules: small, and crisp at any size."""
    width, height = modules.size
    pixels = modules.tobytes()
    runs = []
    for y in range(height):
        row = pixels[y * width:(y + 1) * width]
        x = 0
        while x < width:
            if row[x] == 0:
                start = x
                while x < width and row[x] == 0:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" width="{width * SVG_SCALE}" '
            f'height="{height * SVG_SCALE}" viewBox="0 0 {width} {height}" shape-rendering="crispEdges">'
            f'<title>{escape(url)}</title><rect width="{width}" height="{height}" fill="#fff"/>'
            f'<path d="{"".join(runs)}" fill="#000"/></svg>\n')
