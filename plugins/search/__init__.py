"""Full-text search and instant filters with Pagefind.

- Product and producer pages carry their search data (`partials/search.html`): the indexed region,
  filters (stars, group, region, producer kind, type), sort keys and đ-folded words (`folding.py`).
- `/tim-kiem/` (`/en/search/`) is the search page; the all-products listing gets filters. Both are driven
  by `theme/static/js/search.js`, which loads the Pagefind bundle of the site.
- After every build, Pagefind indexes the written site (one index per language); the bundle lands in
  `/pagefind/` before the site is committed into the output (receivers of `catalogue_written` run in PLUGINS order:
  list `search` after the plugins that write pages). Without the Pagefind binary the build still succeeds, warns,
  and the search page says that search is unavailable.
- Pagefind has no incremental mode: any change to an indexed page means indexing every page again (95 s
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


def indexed_pages(generator, output: Path, plan) -> dict[str, Path]:
    """Every product and producer page of the site (output path → its file this build: written into
    `output`, or kept in the previous output by the plan)."""
    pages = {}
    for route in generator.routes:
        if route.kind in ("product", "producer"):
            for lang in generator.languages:
                path = page_file(route, lang)
                pages[path] = output / path if plan is None or path not in plan.carried else plan.final / path
    return pages


def index_site(generator, output, sites) -> None:
    """Index every product and producer page (the last step of the catalogue's build, before the commit)."""
    if not generator.search_available:
        return
    output = Path(output)
    plan = current_plan()
    cache = BundleCache(generator.cache_folder / "search")
    pages = indexed_pages(generator, output, plan)
    digest = inputs_digest(pages, plan.digests if plan is not None else {})
    if cache.restore(digest, output / BUNDLE_DIR, BUNDLE_DIR, plan):
        console.print(f"Search: {len(pages)} indexed pages unchanged, the previous search index is reused")
        return
    if generator.settings.get("CATALOGUE_PREVIEW") and plan is not None and plan.keep_previous(
            path for path in plan.previous if path.startswith(BUNDLE_DIR + "/")):
        console.print("Search: pages changed, but this preview keeps the previous search index (results may "
                      "show the old text of what you edited); `invoke build` and `invoke publish` index again")
        return
    try:
        with _status(f"Search: Pagefind is indexing {len(pages)} pages …"), _site_view(output, pages, plan) as site:
            report = build_index(site, output / BUNDLE_DIR, page_glob(_folders(generator)))
    except Exception as exc:  # the site is still good without an index: say so, do not fail the build
        logger.warning("Search: Pagefind could not index the site (%s: %s); search is unavailable in this "
                       "build.", type(exc).__name__, exc)
        return
    cache.store(digest, output / BUNDLE_DIR, BUNDLE_DIR, plan)
    console.print(f"Search: {report.pages} pages indexed by Pagefind in {report.seconds:.2f} s "
                  f"({report.files} files, {report.bytes / 1024:.0f} KB)")


def _folders(generator) -> list[str]:
    return [lang.path(kind, "x").strip("/").removesuffix("/x") for lang in generator.languages
            for kind in ("product", "producer")]


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
