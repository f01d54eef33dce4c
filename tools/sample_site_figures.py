"""Build time and page weight of the sample site, as staff and visitors meet them.

    .venv/bin/python tools/sample_site_figures.py [--project DIR] [--runs 3] [PAGE …]

Builds `DIR/content` with `DIR/pelicanconf.py` (default: this project) into a fresh output folder RUNS times
(the caches of photos, QR codes and the search index warm after the first, as on a staff laptop), then once
more into the last output with nothing changed, and prints the median full build, the unchanged rebuild and
the HTML + CSS + JS bytes of each PAGE (default: a product page in vi and en, the map page). `--project`
points at another checkout (an older commit: `git worktree add /tmp/before COMMIT`) to compare before and
after with the same Python environment. Figures, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from site_checks.page_weight import weight  # this script's folder, tools/, is on the path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ["/san-pham/nuoc-mam-ca-com-tan-my/", "/en/products/nuoc-mam-ca-com-tan-my/",
                 "/san-pham/tom-chua-hue/", "/ban-do/"]


def build(project: Path, output: Path) -> float:
    pelican = str(Path(sys.executable).parent / "pelican")
    started = time.perf_counter()
    subprocess.run([pelican, str(project / "content"), "-s", str(project / "pelicanconf.py"), "-o", str(output),
                    "-q"], cwd=project, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    project = args.project.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        build(project, Path(tmp) / "warm-up")  # fills the caches, as any staff laptop has them
        times = [build(project, Path(tmp) / f"out-{n}") for n in range(args.runs)]
        output = Path(tmp) / f"out-{args.runs - 1}"
        unchanged = build(project, output)
        print(f"{project}: full build {statistics.median(times):.2f} s (median of {args.runs}, warm caches), "
              f"nothing changed {unchanged:.2f} s")
        for page in args.pages:
            if not (output / page.strip("/") / "index.html").is_file():
                print(f"  {page}: not in this site")
                continue
            w = weight(output, page)
            print(f"  {page}: {(w.html + w.css + w.js) / 1024:.1f} KB (HTML {w.html / 1024:.1f} KB, "
                  f"CSS {w.css / 1024:.1f} KB, JS {w.js / 1024:.1f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
