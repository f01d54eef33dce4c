"""What the statistics page costs a build: the sample and synthetic catalogues built with plugin `statistics`
and without it (`-e PLUGINS=[…]` without "ocop.statistics"), median of several full builds each.

    .venv/bin/python bench/statistics_cost.py                 # sample + 3,000 products, 3 runs each
    .venv/bin/python bench/statistics_cost.py --sizes 300 --runs 5 --no-sample

Each variant has caches of its own, warmed by one build first (photos, QR codes and the search index are
made once, as on a staff laptop); every timed build then writes a fresh output folder, so every page is made,
and the two variants' runs alternate.
The difference is the figures (counted once per build), the statistics page in every language and the
footer link on every page. On a shared machine whole builds vary by seconds, more than that difference, so
the plugin's own work is also timed inside one build: counting the figures, and rendering each language's
statistics page (`--direct` only does that). Figures, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from make_catalogue import make_catalogue  # noqa: E402


def plugins_without_statistics() -> list[str]:
    from catalogue_tools.context import read_settings

    return [name for name in read_settings()["PLUGINS"] if name != "ocop.statistics"]


def build(content: Path, output: Path, cache: Path, settings: list[str]) -> float:
    pelican = str(Path(sys.executable).parent / "pelican")
    env = dict(os.environ, CATALOGUE_CACHE_PATH=str(cache))
    started = time.perf_counter()
    subprocess.run([pelican, str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output), "-q", *settings],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def measure(content: Path, work: Path, runs: int, variants: dict[str, list[str]]) -> dict[str, float]:
    """The median build time of each variant (name → extra settings), its runs taken in turn with the other
    variants' so that a machine busy for a while slows them alike."""
    for name, settings in variants.items():
        build(content, work / name / "warm-up", work / name / "cache", settings)
    times: dict[str, list[float]] = {name: [] for name in variants}
    for n in range(runs):
        for name, settings in variants.items():
            times[name].append(build(content, work / name / f"out-{n}", work / name / "cache", settings))
    return {name: statistics.median(values) for name, values in times.items()}


def timed_build(content: str, output: str) -> None:
    """A build in this process that prints how long the statistics take: the figures (`Statistics`) and each
    language's page (forked render workers print their own pages)."""
    from pelican import main as pelican

    import ocop.statistics as plugin
    from ocop.catalogue.api import catalogue_ready
    from ocop.catalogue.rendering import LanguageRenderer

    def figures(generator, catalogue, problems):
        started = time.perf_counter()
        names = plugin.template_globals(generator, catalogue, problems)
        print(f"figures {time.perf_counter() - started:.3f}", flush=True)
        return names

    render = LanguageRenderer.render

    def page(self, route):
        started = time.perf_counter()
        html = render(self, route)
        if route.page_type == "statistics":
            print(f"page {time.perf_counter() - started:.3f}", flush=True)
        return html

    catalogue_ready.disconnect(plugin.template_globals)
    catalogue_ready.connect(figures)
    LanguageRenderer.render = page
    sys.argv = ["pelican", content, "-s", str(ROOT / "pelicanconf.py"), "-o", output, "-q"]
    pelican()


def direct(content: Path, work: Path) -> tuple[float, float]:
    """(seconds counting the figures, seconds rendering the statistics pages of every language) of one build."""
    env = dict(os.environ, CATALOGUE_CACHE_PATH=str(work / "cache"))
    lines = subprocess.run([sys.executable, __file__, "--timed-build", str(content), str(work / "timed")], cwd=ROOT,
                           env=env, check=True, capture_output=True, text=True).stdout.split("\n")
    figures = sum(float(line.split()[1]) for line in lines if line.startswith("figures "))
    pages = sum(float(line.split()[1]) for line in lines if line.startswith("page "))
    return figures, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[3000], help="synthetic catalogue sizes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-sample", action="store_true", help="skip the sample catalogue")
    parser.add_argument("--direct", action="store_true", help="only time the statistics inside one build each")
    parser.add_argument("--timed-build", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.timed_build:
        return timed_build(*args.timed_build)
    off = ["-e", f"PLUGINS={json.dumps(plugins_without_statistics())}"]
    with tempfile.TemporaryDirectory(prefix="ocop-bench-statistics-") as tmp:
        tmp = Path(tmp)
        catalogues = [] if args.no_sample else [("sample (content/)", ROOT / "content")]
        for size in args.sizes:
            make_catalogue(size, tmp / f"content-{size}")
            catalogues.append((f"synthetic {size:,} products", tmp / f"content-{size}"))
        print(f"{'catalogue':<28} {'with':>8} {'without':>8} {'added':>8}   inside the build: figures + pages   "
              f"(median of {args.runs})")
        for name, content in catalogues:
            folder = tmp / name.split()[0] / content.name
            figures, pages = direct(content, folder / "on")
            if args.direct:
                print(f"{name:<28} {'':>8} {'':>8} {'':>8}   {figures:.3f} s + {pages:.3f} s", flush=True)
                continue
            medians = measure(content, folder, args.runs, {"on": [], "off": off})
            with_stats, without = medians["on"], medians["off"]
            page = (folder / "on" / "out-0" / "thong-ke" / "index.html").stat().st_size / 1024
            print(f"{name:<28} {with_stats:>7.2f}s {without:>7.2f}s {with_stats - without:>+7.2f}s   "
                  f"{figures:.3f} s + {pages:.3f} s (the vi page: {page:.1f} KB of HTML)", flush=True)


if __name__ == "__main__":
    main()
