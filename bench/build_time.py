"""Time full builds of the sample catalogue and of synthetic catalogues (median of several runs).

    .venv/bin/python bench/build_time.py            # sample + 1,000 products, 3 runs each
    .venv/bin/python bench/build_time.py --sizes 300 3000 --runs 5

Each run is a cold `pelican CONTENT -s pelicanconf.py -o OUT` in a fresh process, as staff run it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from make_catalogue import make_catalogue  # noqa: E402


def time_build(content: Path, output: Path, runs: int) -> tuple[float, int]:
    pelican = str(Path(sys.executable).parent / "pelican")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([pelican, str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output)],
                       cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    pages = sum(1 for _ in output.rglob("index.html"))
    return statistics.median(times), pages


def main() -> None:
    parser = argparse.ArgumentParser(description="Median build times of the catalogue generator")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000], help="synthetic catalogue sizes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-sample", action="store_true", help="skip the sample catalogue")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as tmp:
        tmp = Path(tmp)
        rows = []
        if not args.no_sample:
            seconds, pages = time_build(ROOT / "content", tmp / "out-sample", args.runs)
            rows.append(("sample (content/)", seconds, pages))
        for size in args.sizes:
            make_catalogue(size, tmp / f"content-{size}")
            seconds, pages = time_build(tmp / f"content-{size}", tmp / f"out-{size}", args.runs)
            rows.append((f"synthetic {size:,} products", seconds, pages))
    print(f"{'catalogue':<28} {'median':>9} {'pages':>7}   (runs: {args.runs})")
    for name, seconds, pages in rows:
        print(f"{name:<28} {seconds:>8.2f}s {pages:>7}")


if __name__ == "__main__":
    main()
