"""How many pages each language offers search engines (sitemap entries), before and after fallback chains.

    .venv/bin/python bench/indexable_pages.py                         # the sample catalogue
    .venv/bin/python bench/indexable_pages.py --sizes 17000           # bench/make_catalogue.py's synthetic one
    .venv/bin/python bench/indexable_pages.py --sizes 17000 --build   # and time a build with six languages

"Before" is every page in every language (what the sitemap listed before issue 22: an untranslated page
was published as if it were in its language); "after" is what the sitemap lists now: a page of a content
entry only in the languages the entry is translated into (`Route.indexable`). The counts come from the
catalogue read in-process with the build's own loader and routes, plus the pages plugins add in every
language (map, search); with `--build` the sitemap of a real build is counted too, and the build timed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from make_catalogue import make_catalogue  # noqa: E402

from catalogue_tools.context import load_catalogue, read_settings  # noqa: E402
from ocop.catalogue.routes import build_routes  # noqa: E402

SIX = ["vi", "en", "ko", "zh", "ja", "fr"]
PLUGIN_PAGES = 2  # the map and the search page, in every language (plugins add their routes at build time)


def count(content: Path, languages: list[str]) -> tuple[Counter, Counter]:
    settings = dict(read_settings(), CATALOGUE_LANGUAGES=languages)
    loaded = load_catalogue(content, settings)
    if loaded.problems.errors:
        sys.exit("\n".join(str(p) for p in loaded.problems.errors))
    routes = [r for r in build_routes(loaded.catalogue, settings.get("CATALOGUE_PER_PAGE", 24)) if not r.redirect]
    before, after = Counter(), Counter()
    for lang in loaded.languages:
        before[lang.code] = len(routes) + PLUGIN_PAGES
        after[lang.code] = sum(route.indexable(lang) for route in routes) + PLUGIN_PAGES
    return before, after


def sitemap_counts(output: Path, languages: list[str]) -> Counter:
    counts = Counter()
    for sitemap in output.glob("sitemap*.xml"):
        for loc in re.findall(r"<loc>([^<]*)</loc>", sitemap.read_text(encoding="utf-8")):
            path = "/" + loc.split("://", 1)[-1].split("/", 1)[-1] if "://" in loc else loc
            first = path.strip("/").split("/", 1)[0]
            if not first.startswith("sitemap"):
                counts[first if first in languages[1:] else languages[0]] += 1
    return counts


def timed_build(content: Path, work: Path, languages: list[str]) -> float:
    env = dict(os.environ, CATALOGUE_CACHE_PATH=str(work / "cache"))
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "pelican"), str(content), "-s", str(ROOT / "pelicanconf.py"),
                    "-o", str(work / "out"), "-e", f"CATALOGUE_LANGUAGES={languages!r}".replace("'", '"'),
                    'CATALOGUE_TODAY="2026-11-29"'], cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def report(name: str, before: Counter, after: Counter, languages: list[str]) -> None:
    print(f"{name}: indexable pages per language, before → after")
    for code in languages:
        print(f"  {code}: {before[code]:>7,} → {after[code]:>7,}")
    print(f"  all: {sum(before.values()):>6,} → {sum(after.values()):>7,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[], help="synthetic catalogue sizes")
    parser.add_argument("--languages", nargs="*", default=SIX)
    parser.add_argument("--build", action="store_true", help="also build (cold) and count the sitemap")
    args = parser.parse_args()
    if not args.sizes:
        report("sample catalogue", *count(ROOT / "content", args.languages), args.languages)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            make_catalogue(size, work / "content")
            report(f"{size:,} synthetic products", *count(work / "content", args.languages), args.languages)
            if args.build:
                seconds = timed_build(work / "content", work, args.languages)
                print(f"  cold build, {len(args.languages)} languages: {seconds:.1f} s; sitemap entries:",
                      dict(sitemap_counts(work / "out", args.languages)))


if __name__ == "__main__":
    main()
