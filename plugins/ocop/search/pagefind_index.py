"""Run Pagefind over the written site: one index per language (from each page's `<html lang>`).

Only pages with a `data-pagefind-body` element are indexed (product, producer and sales point pages, see
`theme/templates/partials/search.html`); navigation, footers and listings never are.
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass
from pathlib import Path

BUNDLE_DIR = "pagefind"
# Files of Pagefind's own UIs: our pages use only the JavaScript API (pagefind.js) and its worker.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


def pagefind_executable() -> Path | None:
    """The Pagefind binary (from the `pagefind[bin]` package, $PAGEFIND_BINARY_PATH or PATH), if it exists."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    path = get_executable()
    return path if path is not None and os.access(path, os.X_OK) and Path(path).is_file() else None


@dataclass
class IndexReport:
    pages: int  # pages in the index (one fragment each)
    seconds: float
    files: int
    bytes: int


def page_glob(folders: list[str]) -> str:
    """A glob of the pages in `folders` (one level down: `san-pham/<slug>/index.html`), so that Pagefind
    does not even read listings, region pages and redirects (about 15 % of its time on 1,000 products)."""
    return "{" + ",".join(sorted(folders)) + "}/*/index.html"


def build_index(site_folder: Path, bundle: Path, glob: str | None = None) -> IndexReport:
    """Index `site_folder` (the pages matching `glob`) and write the bundle into `bundle`."""
    started = time.perf_counter()
    asyncio.run(_index(site_folder, bundle, glob))
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    pages = sum(1 for _ in (bundle / "fragment").iterdir()) if (bundle / "fragment").is_dir() else 0
    return IndexReport(pages, time.perf_counter() - started, len(files), sum(p.stat().st_size for p in files))


async def _index(site_folder: Path, bundle: Path, glob: str | None) -> None:
    from pagefind.index import PagefindIndex

    async with PagefindIndex(config={"output_path": str(bundle)}) as index:
        await index.add_directory(str(site_folder), glob=glob)
