"""Full-text search and instant filters with Pagefind.

- Product and producer pages carry their search data (`partials/search.html`): the indexed region,
  filters (stars, group, region, producer kind, type), sort keys and đ-folded words (`folding.py`).
- `/tim-kiem/` (`/en/search/`) is the search page; the all-products listing gets filters. Both are driven
  by `theme/static/js/search.js`, which loads the Pagefind bundle of the site.
- After every build, Pagefind indexes the written site: one run and one bundle per language, in
  `/pagefind/<code>/` (a run holds its pages in memory: 7 GB for both languages of 17,000 products in
  one run), before the site is committed into the output (receivers of `catalogue_written` run in PLUGINS order:
  list `search` after the plugins that write pages). Without the Pagefind binary the build still succeeds, warns,
  and the search page says that search is unavailable.
- Pagefind has no incremental mode: any change to an indexed page means indexing every page again (90 s
  for the national catalogue here). When the indexed pages did not change, the cached bundle is reused
  byte for byte (`bundle_cache.py`). Previews (`invoke serve`) set CATALOGUE_PREVIEW: an edit keeps the
  previous index, so that a one-product edit shows in seconds; builds and publishing always index again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
from pathlib import Path

from pelican import signals as pelican_signals
from pelican.log import console

from atomic_output import current_plan
from catalogue.generator import CatalogueGenerator
from catalogue.rendering import page_file
from catalogue.routes import Route
from catalogue.signals import catalogue_written, routes_adding

from .bundle_cache import BundleCache, inputs_digest
from .facets import search_facets
from .pagefind_index import BUNDLE_DIR, build_index, page_glob, pagefind_executable
from .records import search_record

logger = logging.getLogger(__name__)

def _enabled(settings) -> bool:
    return settings.get("SEARCH_ENABLED", True)


def add_template_globals(generator) -> None:
    if not isinstance(generator, CatalogueGenerator):
        return
    available = _enabled(generator.settings) and pagefind_executable() is not None
    generator.search_available = available
    if _enabled(generator.settings) and not available:
        logger.warning("Search: the Pagefind binary was not found (install the pinned `pagefind[bin]` "
                       "package, or set PAGEFIND_BINARY_PATH); the site is built without a search index "
                       "and its search page says that search is unavailable.")
    generator.env.globals.update(search_record=search_record, search_facets=search_facets,
                                 SEARCH_AVAILABLE=available, SEARCH_BUNDLE=BUNDLE_DIR)


def _status(message: str):
    """A spinner while Pagefind works, on a terminal only (quiet in CI and logs)."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        return console.status(message)
    return contextlib.nullcontext()


def search_route(generator, catalogue, problems) -> list[Route]:
    return [Route("search", None, "search.html", lambda site: {})]


def indexed_pages(generator, lang, output: Path, plan) -> dict[str, Path]:
    """The product and producer pages of one language (output path → its file this build: written into
    `output`, or kept in the previous output by the plan)."""
    pages = {}
    for route in generator.routes:
        if route.kind in ("product", "producer"):
            path = page_file(route, lang)
            pages[path] = output / path if plan is None or path not in plan.carried else plan.final / path
    return pages


def index_site(generator, output, sites) -> None:
    """Index the product and producer pages, one Pagefind run and bundle per language (`/pagefind/<code>/`):
    each run holds only its language in memory. The last step of the build, before the commit."""
    if not generator.search_available:
        return
    output, plan = Path(output), current_plan()
    reused, indexed, seconds = 0, 0, 0.0
    for lang in generator.languages:
        bundle = f"{BUNDLE_DIR}/{lang.code}"
        cache = BundleCache(generator.cache_folder / "search" / lang.code)
        pages = indexed_pages(generator, lang, output, plan)
        digest = inputs_digest(pages, plan.digests if plan is not None else {})
        if cache.restore(digest, output / bundle, bundle, plan):
            reused += len(pages)
            continue
        if generator.settings.get("CATALOGUE_PREVIEW") and plan is not None and plan.keep_previous(
                path for path in plan.previous if path.startswith(bundle + "/")):
            console.print(f"Search ({lang.code}): pages changed, but this preview keeps the previous search "
                          "index (results may show the old text of what you edited); `invoke build` and "
                          "`invoke publish` index again")
            continue
        try:
            with _status(f"Search: Pagefind is indexing {len(pages)} pages ({lang.code}) …"), \
                    _site_view(output, pages, plan) as site:
                report = build_index(site, output / bundle, page_glob(_folders(lang)))
        except Exception as exc:  # the site is still good without an index: say so, do not fail the build
            logger.warning("Search: Pagefind could not index the %s pages (%s: %s); search is unavailable in "
                           "this build.", lang.code, type(exc).__name__, exc)
            continue
        cache.store(digest, output / bundle, bundle, plan)
        indexed, seconds = indexed + report.pages, seconds + report.seconds
    if indexed:
        console.print(f"Search: {indexed} pages indexed by Pagefind in {seconds:.2f} s")
    if reused:
        console.print(f"Search: {reused} indexed pages unchanged, the previous search index is reused")


def _folders(lang) -> list[str]:
    return [lang.path(kind, "x").strip("/").removesuffix("/x") for kind in ("product", "producer")]


@contextlib.contextmanager
def _site_view(output: Path, pages: dict[str, Path], plan):
    """A folder with every indexed page: the output itself when this build wrote them all, else a
    temporary folder of hard links to the pages written now and the ones kept from the previous output."""
    if plan is None or not plan.carried.intersection(pages):
        yield output
        return
    view = output.with_name(output.name + ".search")
    shutil.rmtree(view, ignore_errors=True)
    try:
        for path, file in pages.items():
            (view / path).parent.mkdir(parents=True, exist_ok=True)
            os.link(file, view / path)
        yield view
    finally:
        shutil.rmtree(view, ignore_errors=True)


def register() -> None:
    pelican_signals.generator_init.connect(add_template_globals)
    routes_adding.connect(search_route)
    catalogue_written.connect(index_site)
