"""Full-text search and instant filters with Pagefind.

- Product, producer and sales point pages carry their search data (`partials/search.html`): the indexed
  region, filters (stars, group, region, producer kind, type), sort keys and đ-folded words (`folding.py`).
- `/tim-kiem/` (`/en/search/`) is the search page; the all-products listing gets filters. Both are driven
  by `theme/static/js/search.js`, which loads the Pagefind bundle of the site.
- After every build, Pagefind indexes the written site, before the site is committed into the output
  (receivers of `catalogue_written` run in PLUGINS order: list `search` after the plugins that write
  pages). Each language's pages are split into shards of about SEARCH_SHARD_PAGES pages (`shards.py`):
  one Pagefind run and bundle per shard, in `/pagefind/<code>/<n>/`, two runs at a time
  (SEARCH_INDEX_WORKERS: each run is one core and holds its pages in memory). Without the Pagefind
  binary the build still succeeds, warns, and the search page says that search is unavailable.
- Pagefind has no incremental mode: a changed page means indexing its whole shard again. A shard whose
  pages did not change gets its cached bundle back byte for byte (`bundle_cache.py`). Previews (`invoke
  serve`) set CATALOGUE_PREVIEW: an edit keeps the previous index, so that a one-product edit shows in
  seconds; builds and publishing always index again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pelican.log import console

from ocop.catalogue.api import Route, catalogue_ready, catalogue_written, page_file, routes_adding

from .bundle_cache import BundleCache, inputs_digest
from .facets import search_facets
from .pagefind_index import BUNDLE_DIR, build_index, page_glob, pagefind_executable
from .records import search_record
from .shards import DEFAULT_INDEX_WORKERS, DEFAULT_SHARD_PAGES, LAYOUT_FILE, folder, layout, split

logger = logging.getLogger(__name__)

def _enabled(settings) -> bool:
    return settings.get("SEARCH_ENABLED", True)


@lru_cache(maxsize=1)
def _pagefind_installed() -> bool:
    """Whether the Pagefind binary is there: looked for once per process (a preview builds many times)."""
    return pagefind_executable() is not None


def search_available(settings) -> bool:
    """Whether a build with these settings makes a search index: search is on (SEARCH_ENABLED) and the
    Pagefind binary is installed. Pages show the search form only then (`SEARCH_AVAILABLE`)."""
    return _enabled(settings) and _pagefind_installed()


def template_globals(generator, catalogue, problems) -> dict:
    """What templates use of this plugin (`catalogue_ready`): each page's search data, the filters'
    choices, whether search works in this build and where its bundle is."""
    available = search_available(generator.settings)
    if _enabled(generator.settings) and not available:
        logger.warning("Search: the Pagefind binary was not found (install the pinned `pagefind[bin]` "
                       "package, or set PAGEFIND_BINARY_PATH); the site is built without a search index "
                       "and its search page says that search is unavailable.")
    return {"search_record": search_record, "search_facets": search_facets, "SEARCH_AVAILABLE": available,
            "SEARCH_BUNDLE": BUNDLE_DIR}


def _status(message: str):
    """A spinner while Pagefind works, on a terminal only (quiet in CI and logs)."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        return console.status(message)
    return contextlib.nullcontext()


def search_route(generator, catalogue, problems) -> list[Route]:
    return [Route("search", None, "search.html", lambda site: {})]


INDEXED = ("product", "producer", "shop")  # the page types Pagefind indexes


def indexed_pages(generator, lang, producer_of: dict[str, str]) -> tuple[dict[str, Path], dict[str, str]]:
    """The product, producer and sales point pages of one language: output path → its file this build
    (written now, or kept in the previous output by the build's plan), and output path → what puts it in a
    shard: a product's or producer's page by the producer's slug (an edit changes a product's page, its
    producer's and the producer's other products', so they are best in one shard; `producer_of`: product
    slug → producer slug), a sales point's by its own slug (it sells the products of many producers)."""
    pages, keys = {}, {}
    for route in generator.routes:
        if route.page_type in INDEXED:
            path = page_file(route, lang)
            pages[path] = generator.plan.file_of(path)
            keys[path] = producer_of[route.key] if route.page_type == "product" else route.key
    return pages, keys


@dataclass
class ShardRun:
    """One shard of one language: its pages, where its bundle goes, its cache and the digest of its pages."""
    lang: object
    index: int
    count: int  # shards of the language
    pages: dict[str, Path]
    bundle: str  # the bundle's path in the site: pagefind/<code>/<index>
    cache: BundleCache
    digest: str


def index_site(generator, output, sites) -> None:
    """Index the product, producer and sales point pages: per language, one Pagefind run and bundle per shard
    (`shards.py`), runs in parallel. Shards whose pages did not change get their cached
    bundle back. The last step of the build, before the commit."""
    if not search_available(generator.settings):
        return
    output, plan = Path(output), generator.plan
    settings = generator.settings
    runs, reused = [], 0
    producer_of = {product.slug: product.producer.slug for product in generator.catalogue.products}
    for lang in generator.languages:
        base = f"{BUNDLE_DIR}/{lang.code}"
        shards = split(*indexed_pages(generator, lang, producer_of),
                       settings.get("SEARCH_SHARD_PAGES", DEFAULT_SHARD_PAGES))
        # a preview may keep a shard's previous bundle only if the shards are the same as then
        same_layout = plan.previous_text(f"{base}/{LAYOUT_FILE}") == layout(shards)
        plan.write(f"{base}/{LAYOUT_FILE}", layout(shards))
        caches = generator.cache_folder / "search" / lang.code
        _forget_other_shards(caches, len(shards))
        for index, pages in enumerate(shards):
            if not pages:
                continue
            run = ShardRun(lang, index, len(shards), pages, base + "/" + folder(index).rstrip("/"),
                           BundleCache(caches / f"shard-{index}"),
                           inputs_digest(pages, plan.digest_of))
            if run.cache.restore(run.digest, output / run.bundle, run.bundle, plan):
                reused += len(pages)
            elif not (settings.get("CATALOGUE_PREVIEW") and same_layout and _keep_previous(plan, run)):
                runs.append(run)
    if reused:
        console.print(f"Search: {reused} indexed pages unchanged, the previous search index is reused")
    if runs:
        _index(runs, output, plan, settings.get("SEARCH_INDEX_WORKERS")
               or min(DEFAULT_INDEX_WORKERS, len(os.sched_getaffinity(0))))


def _keep_previous(plan, run: ShardRun) -> bool:
    """In a preview, keep the shard's previous bundle (Pagefind has no incremental mode)."""
    if not plan.keep_previous_folder(run.bundle):
        return False
    console.print(f"Search ({run.lang.code}): pages changed, but this preview keeps the previous search "
                  "index (results may show the old text of what you edited); `invoke build` and "
                  "`invoke publish` index again")
    return True


def _index(runs: list[ShardRun], output: Path, plan, workers: int) -> None:
    """Run Pagefind for `runs`, `workers` at a time (each run is one process on one core)."""
    started = time.perf_counter()

    def index(run: ShardRun) -> int:
        try:
            with _site_view(output, run, plan) as site:
                report = build_index(site, output / run.bundle, page_glob(_folders(run.lang)))
        except Exception as exc:  # the site is still good without an index: say so, do not fail the build
            logger.warning("Search: Pagefind could not index the %s pages (shard %d: %s: %s); search is "
                           "unavailable in this build.", run.lang.code, run.index, type(exc).__name__, exc)
            return 0
        run.cache.store(run.digest, output / run.bundle, run.bundle, plan)
        return report.pages

    pages = sum(len(run.pages) for run in runs)
    with _status(f"Search: Pagefind is indexing {pages} pages in {len(runs)} runs …"), \
            ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        indexed = sum(pool.map(index, runs))
    if indexed:
        console.print(f"Search: {indexed} pages indexed by Pagefind in {time.perf_counter() - started:.2f} s "
                      f"({len(runs)} {'run' if len(runs) == 1 else 'runs'})")


def _forget_other_shards(caches: Path, count: int) -> None:
    """Remove cached bundles of shards that no longer exist (and of the layout before shards)."""
    if caches.is_dir():
        wanted = {f"shard-{index}" for index in range(count)}
        for old in caches.iterdir():
            if old.name not in wanted:
                shutil.rmtree(old, ignore_errors=True)


def _folders(lang) -> list[str]:
    return [lang.path(page_type, "x").strip("/").removesuffix("/x") for page_type in INDEXED]


@contextlib.contextmanager
def _site_view(output: Path, run: ShardRun, plan):
    """A folder with the shard's pages: the output itself when the language has one shard and this build
    wrote all its pages, else a temporary folder of hard links to the pages written now and the ones kept
    from the previous output."""
    whole = not plan.carried_any(run.pages)
    if run.count == 1 and whole:
        yield output
        return
    view = output.with_name(f"{output.name}.search-{run.lang.code}-{run.index}")
    shutil.rmtree(view, ignore_errors=True)
    try:
        for path, file in run.pages.items():
            (view / path).parent.mkdir(parents=True, exist_ok=True)
            os.link(file, view / path)
        yield view
    finally:
        shutil.rmtree(view, ignore_errors=True)


def register() -> None:
    catalogue_ready.connect(template_globals)
    routes_adding.connect(search_route)
    catalogue_written.connect(index_site)
