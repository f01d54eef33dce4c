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


def inputs_digest(pages: dict[str, Path], fingerprints: dict[str, str]) -> str:
    """What Pagefind reads: each page (output path → file), by its fingerprint when the build has one
    (it determines the page's bytes), else by its bytes."""
    digest = hashlib.sha256()
    try:
        digest.update(version("pagefind_bin").encode())
    except PackageNotFoundError:
        digest.update(b"pagefind")
    for path in sorted(pages):
        digest.update(path.encode() + b"\0")
        known = fingerprints.get(path)
        digest.update(known.encode() if known else hashlib.sha256(pages[path].read_bytes()).digest())
    return digest.hexdigest()[:32]


def _link(source, target) -> None:
    try:
        os.link(source, target)  # same file system: no copy
    except OSError:
        shutil.copy2(source, target)


def _link_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, copy_function=_link)


class BundleCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def restore(self, digest: str, bundle: Path, prefix: str, plan=None) -> bool:
        """Put the cached bundle of `digest` at `bundle` (`prefix`: its path in the site); files the
        previous output already has from this bundle are kept there (`plan`, see atomic_output)."""
        cached = self.folder / digest
        if not cached.is_dir():
            return False
        if plan is not None and plan.carry_all(f"bundle:{digest}", prefix):
            return True  # the previous output has every file of this bundle
        shutil.rmtree(bundle, ignore_errors=True)
        for source in sorted(p for p in cached.rglob("*") if p.is_file()):
            relative = source.relative_to(cached).as_posix()
            if plan is not None and plan.carry(f"{prefix}/{relative}", f"bundle:{digest}"):
                continue
            (bundle / relative).parent.mkdir(parents=True, exist_ok=True)
            _link(source, bundle / relative)
            if plan is not None:
                plan.made(f"{prefix}/{relative}", f"bundle:{digest}")
        return True

    def store(self, digest: str, bundle: Path, prefix: str, plan=None) -> None:
        """Keep `bundle` as the one cached bundle (older ones are removed)."""
        if plan is not None:
            for path in bundle.rglob("*"):
                if path.is_file():
                    plan.made(f"{prefix}/{path.relative_to(bundle).as_posix()}", f"bundle:{digest}")
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f"{digest}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        _link_tree(bundle, partial)
        for old in self.folder.iterdir():
            if old != partial:
                shutil.rmtree(old, ignore_errors=True)
        partial.rename(self.folder / digest)
