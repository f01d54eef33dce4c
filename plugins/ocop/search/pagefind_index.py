"""Run Pagefind over the written site: one index per language (from each page's `<html lang>`).

Only pages with a `data-pagefind-body` element are indexed (product, producer and sales point pages, see
`theme/templates/partials/search.html`); navigation, footers and listings never are.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import os
import shutil
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
SIGNATURE = b"pagefind_dcd"  # what each of Pagefind's compressed files holds first, once decompressed
RUNS = 2  # a run whose bundle is broken is made once more
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


class BrokenBundle(Exception):
    """A bundle that Pagefind reported written but that a browser could not load."""


def build_index(site_folder: Path, bundle: Path, glob: str | None = None) -> IndexReport:
    """Index `site_folder` (the pages matching `glob`) and write the bundle into `bundle`.

    The bundle is checked before it is used: on a loaded machine a run has left files empty (its
    `pagefind-entry.json` and WebAssembly: every search of the language then fails), so a broken bundle
    is made once more, and a second failure raises `BrokenBundle`."""
    started = time.perf_counter()
    for attempt in range(1, RUNS + 1):
        shutil.rmtree(bundle, ignore_errors=True)
        asyncio.run(_index(site_folder, bundle, glob))
        for name in UNUSED_FILES:
            (bundle / name).unlink(missing_ok=True)
        try:
            check_bundle(bundle)
            break
        except BrokenBundle as problem:
            if attempt == RUNS:
                raise
            logger.info("Search: Pagefind wrote a broken bundle (%s); indexing it again", problem)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    pages = sum(1 for _ in (bundle / "fragment").iterdir()) if (bundle / "fragment").is_dir() else 0
    return IndexReport(pages, time.perf_counter() - started, len(files), sum(p.stat().st_size for p in files))


def check_bundle(bundle: Path, chunks: bool = True) -> None:
    """Raise BrokenBundle unless `bundle` is whole: its entry is JSON naming metadata that is there, its
    scripts are not empty, and each compressed file (WebAssembly, metadata and, with `chunks`, the index,
    filter and fragment files: 0.05 s for 1,000 pages) decompresses completely to Pagefind's signature (an
    empty or cut file does not)."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        hashes = [language["hash"] for language in entry["languages"].values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as problem:
        raise BrokenBundle(f"pagefind-entry.json: {problem}") from None
    for name in ["pagefind.js", "pagefind-worker.js", *(f"pagefind.{h}.pf_meta" for h in hashes)]:
        if not (bundle / name).is_file() or (bundle / name).stat().st_size == 0:
            raise BrokenBundle(f"{name}: missing or empty")
    for path in bundle.rglob("*") if chunks else bundle.glob("*"):
        if path.suffix in (".pagefind", ".pf_meta", ".pf_index", ".pf_filter", ".pf_fragment") and path.is_file():
            try:
                whole = gzip.decompress(path.read_bytes()).startswith(SIGNATURE)
            except (OSError, EOFError, zlib.error):
                whole = False
            if not whole:
                raise BrokenBundle(f"{path.relative_to(bundle).as_posix()}: empty or cut short")


class _Written(Exception):
    """Leaves the index's context without the second write its exit would make."""


async def _index(site_folder: Path, bundle: Path, glob: str | None) -> None:
    from pagefind.index import PagefindIndex

    # Pagefind (1.5.2, service mode) answers "written" before its last files are on disk, and leaving the
    # context stops its process: under load that cut the entry and the WebAssembly to nothing. So the
    # bundle is written here, the process kept until those files are whole, and the context left with an
    # exception, whose exit stops the service without writing the files a second time.
    try:
        async with PagefindIndex(config={"output_path": str(bundle)}) as index:
            await index.add_directory(str(site_folder), glob=glob)
            await index.write_files()
            await _settled(bundle)
            raise _Written
    except _Written:
        pass


async def _settled(bundle: Path, seconds: float = 10.0) -> None:
    """Wait until the bundle's entry, scripts, metadata and WebAssembly are whole (at most `seconds`;
    `build_index` checks the whole bundle afterwards)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            check_bundle(bundle, chunks=False)
            return
        except BrokenBundle:
            await asyncio.sleep(0.02)
