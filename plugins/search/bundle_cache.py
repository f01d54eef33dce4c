"""Reuse the last search bundle when the indexed pages did not change.

Pagefind rebuilds its whole index on every run (seconds for a province, most of a minute for the
national catalogue) and writes some of its filter files differently each time, so an unchanged site
would still upload new index files. The bundle is therefore kept in the build cache under a digest of
what Pagefind reads (every indexed page, byte for byte, and the Pagefind version); a build whose pages
give the same digest gets the same bundle back, byte-identical, without running Pagefind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def indexed_pages(site_folder: Path, folders: list[str]) -> list[Path]:
    return sorted(p for folder in folders for p in (site_folder / folder).glob("*/index.html"))


def inputs_digest(site_folder: Path, pages: list[Path]) -> str:
    digest = hashlib.sha256()
    try:
        digest.update(version("pagefind_bin").encode())
    except PackageNotFoundError:
        digest.update(b"pagefind")
    for page in pages:
        digest.update(page.relative_to(site_folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()[:32]


def _link_tree(source: Path, target: Path) -> None:
    def link(src, dst):
        try:
            os.link(src, dst)  # same file system: no copy
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


class BundleCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def restore(self, digest: str, bundle: Path) -> bool:
        cached = self.folder / digest
        if not cached.is_dir():
            return False
        shutil.rmtree(bundle, ignore_errors=True)
        _link_tree(cached, bundle)
        return True

    def store(self, digest: str, bundle: Path) -> None:
        """Keep `bundle` as the one cached bundle (older ones are removed)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f"{digest}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        _link_tree(bundle, partial)
        for old in self.folder.iterdir():
            if old != partial:
                shutil.rmtree(old, ignore_errors=True)
        partial.rename(self.folder / digest)
