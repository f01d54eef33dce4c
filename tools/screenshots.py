"""Screenshots of a built site at phone and desktop widths, in headless Chromium (Debian `chromium`).

    .venv/bin/python tools/screenshots.py output /tmp/shots / /en/ /san-pham/tom-chua-hue/

Serves OUTPUT on a free localhost port and writes one PNG per page and width (390 and 1280 px).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path


from site_checks.browser import serve  # noqa: E402  (the tests' localhost server)

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                  "--virtual-time-budget=5000"]  # let images load and decode before the shot


def screenshot(url: str, target: Path, width: int, height: int) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--window-size={width},{height}", f"--screenshot={target}", url],
                   check=True, capture_output=True, timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="built site folder")
    parser.add_argument("target", type=Path, help="folder for the PNG files")
    parser.add_argument("paths", nargs="+", help="site paths, e.g. / /en/")
    parser.add_argument("--widths", type=int, nargs="+", default=[390, 1280])
    parser.add_argument("--height", type=int, default=2400)
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    with serve(args.output) as base:
        for path in args.paths:
            for width in args.widths:
                name = (path.strip("/").replace("/", "_") or "home") + f"-{width}.png"
                screenshot(base + path, args.target / name, width, args.height)
                print(args.target / name)

if __name__ == "__main__":
    main()
