"""Size and time of the search step (Pagefind) for the sample catalogue and synthetic catalogues.

    .venv/bin/python bench/search_index.py                 # sample + 1,000 products
    .venv/bin/python bench/search_index.py --sizes 3000

Builds each catalogue once (`pelican`, as staff run it), reads the build's own "Search:" line for the
indexing time, and measures the bundle in `output/pagefind/`: what a visitor may download.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from make_catalogue import make_catalogue  # noqa: E402


def folder_bytes(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.glob(pattern) if p.is_file())


def measure(content: Path, output: Path) -> dict:
    pelican = str(Path(sys.executable).parent / "pelican")
    proc = subprocess.run([pelican, str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output)],
                          cwd=ROOT, check=True, capture_output=True, text=True, env={"COLUMNS": "200",
                                                                                      "PATH": "/usr/bin:/bin"})
    line = re.search(r"Search: (\d+) pages indexed by Pagefind in ([\d.]+) s", proc.stdout + proc.stderr)
    bundle = output / "pagefind"
    return {
        "pages": int(line.group(1)), "seconds": float(line.group(2)),
        "total": folder_bytes(bundle, "**/*"),
        "index": folder_bytes(bundle / "index"), "fragments": folder_bytes(bundle / "fragment"),
        "filters": folder_bytes(bundle / "filter"), "runtime": folder_bytes(bundle),
        "files": sum(1 for p in bundle.rglob("*") if p.is_file()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000], help="synthetic catalogue sizes")
    parser.add_argument("--no-sample", action="store_true", help="skip the sample catalogue")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not args.no_sample:
            rows.append(("sample", measure(ROOT / "content", tmp / "sample-out")))
        for size in args.sizes:
            make_catalogue(size, tmp / f"content-{size}")
            rows.append((f"{size:,} products", measure(tmp / f"content-{size}", tmp / f"out-{size}")))
    kb = lambda n: f"{n / 1024:,.0f} KB"  # noqa: E731
    print("| catalogue | pages indexed | search step | bundle | index | fragments | filters | runtime (JS+wasm) | files |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(f"| {name} | {r['pages']:,} | {r['seconds']:.2f} s | {kb(r['total'])} | {kb(r['index'])} | "
              f"{kb(r['fragments'])} | {kb(r['filters'])} | {kb(r['runtime'])} | {r['files']:,} |")


if __name__ == "__main__":
    main()
