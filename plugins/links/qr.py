"""QR codes of permanent product URLs, for packaging: SVG (any size) and a print-ready PNG (segno)."""

from __future__ import annotations

from pathlib import Path

import segno

PNG_SCALE = 16  # 16 px per module: a version-3 code is about 650 px, sharp at 5 cm and 300 dpi


def write_qr(url: str, folder: Path) -> None:
    """`qr.svg` and `qr.png` of `url` in `folder`, error correction M (survives a scratched label)."""
    code = segno.make(url, error="m", micro=False)
    folder.mkdir(parents=True, exist_ok=True)
    code.save(folder / "qr.svg", scale=4, border=4, title=url, svgclass="qr-code")
    code.save(folder / "qr.png", scale=PNG_SCALE, border=4)
