"""Full-text search and instant filters with Pagefind.

- Product and producer pages carry their search data (`partials/search.html`): the indexed region,
  filters (stars, group, region, producer kind, type), sort keys and đ-folded words (`folding.py`).
- `/tim-kiem/` (`/en/search/`) is the search page; the all-products listing gets filters. Both are driven
  by `theme/static/js/search.js`, which loads the Pagefind bundle of the site.
- After every build, Pagefind indexes the written site (one index per language); the bundle lands in
  `/pagefind/` before the site is swapped in (receivers of `catalogue_written` run in PLUGINS order:
  list `search` after the plugins that write pages). Without the Pagefind binary the build still succeeds, warns,
  and the search page says that search is unavailable.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

from pelican import signals as pelican_signals
from pelican.log import console

from catalogue.generator import CatalogueGenerator
from catalogue.routes import Route
from catalogue.signals import catalogue_written, routes_adding

from .bundle_cache import BundleCache, indexed_pages, inputs_digest
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


def index_site(generator, output, sites) -> None:
    """Index every page just written (the last step of the catalogue's build, before the swap-in)."""
    if not generator.search_available:
        return
    output = Path(output)
    folders = [lang.path(kind, "x").strip("/").removesuffix("/x") for lang in generator.languages
               for kind in ("product", "producer")]
    cache_root = generator.settings.get("CATALOGUE_CACHE_PATH") or Path(generator.path).parent / ".cache"
    cache = BundleCache(Path(cache_root) / "search")
    pages = indexed_pages(output, folders)
    digest = inputs_digest(output, pages)
    if cache.restore(digest, output / BUNDLE_DIR):
        console.print(f"Search: {len(pages)} indexed pages unchanged, the previous search index is reused")
        return
    try:
        with _status(f"Search: Pagefind is indexing {len(pages)} pages …"):
            report = build_index(output, page_glob(folders))
    except Exception as exc:  # the site is still good without an index: say so, do not fail the build
        logger.warning("Search: Pagefind could not index the site (%s: %s); search is unavailable in this "
                       "build.", type(exc).__name__, exc)
        return
    cache.store(digest, output / BUNDLE_DIR)
    console.print(f"Search: {report.pages} pages indexed by Pagefind in {report.seconds:.2f} s "
                  f"({report.files} files, {report.bytes / 1024:.0f} KB)")


def register() -> None:
    pelican_signals.generator_init.connect(add_template_globals)
    routes_adding.connect(search_route)
    catalogue_written.connect(index_site)
