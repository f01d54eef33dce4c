"""QR codes of permanent product URLs, for packaging: SVG (any size) and a print-ready PNG (segno).

Making a code costs about 10 ms (segno chooses the mask in Python), so codes are cached by URL in
`<cache>/qr/` and hard-linked into the site: a build makes only the codes of new URLs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import segno
from PIL import Image

PNG_SCALE = 16  # 16 px per module: a version-3 code is about 650 px, sharp at 5 cm and 300 dpi


VERSION = 1  # bump when the drawing changes


def write_qr(url: str, folder: Path, cache: Path | None = None) -> None:
    """`qr.svg` and `qr.png` of `url` in `folder`, through the cache when one is given."""
    if cache is None:
        return _make_qr(url, folder)
    entry = Path(cache) / hashlib.sha256(f"{VERSION} {url}".encode()).hexdigest()[:32]
    if not (entry / "qr.png").is_file():
        tmp = entry.with_name(entry.name + f".{os.getpid()}.tmp")
        _make_qr(url, tmp)
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("qr.svg", "qr.png"):
        try:
            os.link(entry / name, folder / name)
        except OSError:
            shutil.copyfile(entry / name, folder / name)


def qr_code(url: str) -> segno.QRCode:
    """The code of `url` as printed everywhere. Error correction M: it survives a scratched or creased label."""
    return segno.make(url, error="m", micro=False)


def _make_qr(url: str, folder: Path) -> None:
    code = qr_code(url)
    folder.mkdir(parents=True, exist_ok=True)
    code.save(folder / "qr.svg", scale=4, border=4, title=url, svgclass="qr-code")
    # segno's own PNG writer is pure Python (12 ms a code); Pillow scales the module matrix in C
    rows = list(code.matrix_iter(scale=1, border=4))
    modules = Image.frombytes("L", (len(rows[0]), len(rows)), bytes(0 if dark else 255 for row in rows for dark in row))
    modules.resize((modules.width * PNG_SCALE, modules.height * PNG_SCALE), Image.Resampling.NEAREST) \
        .convert("1").save(folder / "qr.png", optimize=True)
