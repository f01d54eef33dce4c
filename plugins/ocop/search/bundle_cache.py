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
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .pagefind_index import BrokenBundle, check_bundle


def inputs_digest(pages: dict[str, Path], fingerprint_of) -> str:
    """What Pagefind reads: each page (output path → file), by its fingerprint when the build has one
    (`fingerprint_of(path)`, the output plan's `digest_of`: it determines the page's bytes), else by its
    bytes."""
    digest = hashlib.sha256()
    try:
        digest.update(version("pagefind_bin").encode())
    except PackageNotFoundError:
        digest.update(b"pagefind")
    for path in sorted(pages):
        digest.update(path.encode() + b"\0")
        known = fingerprint_of(path)
        digest.update(known.encode() if known else hashlib.sha256(pages[path].read_bytes()).digest())
    return digest.hexdigest()[:32]


def _link(source, target) -> None:
    try:
        os.link(source, target)  # same file system: no copy
    except OSError:
        shutil.copy2(source, target)


def _link_into(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _link(source, target)


def _link_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, copy_function=_link)


class BundleCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def restore(self, digest: str, bundle: Path, prefix: str, plan) -> bool:
        """Put the cached bundle of `digest` at `bundle` (`prefix`: its path in the site); files the
        previous output already has from this bundle are kept there (`plan`: the build's output plan)."""
        cached = self.folder / digest
        if not cached.is_dir():
            return False
        try:  # a bundle cached before bundles were checked may lack its entry or WebAssembly
            check_bundle(cached, chunks=False)
        except BrokenBundle:
            shutil.rmtree(cached, ignore_errors=True)
            return False
        if plan.carry_all(f"bundle:{digest}", prefix):
            return True  # the previous output has every file of this bundle
        shutil.rmtree(bundle, ignore_errors=True)
        for source in sorted(p for p in cached.rglob("*") if p.is_file()):
            relative = source.relative_to(cached).as_posix()
            target = bundle / relative
            plan.reuse([f"{prefix}/{relative}"], f"bundle:{digest}", partial(_link_into, source, target))
        return True

    def store(self, digest: str, bundle: Path, prefix: str, plan) -> None:
        """Keep `bundle` (written by Pagefind this build: recorded in `plan`) as the one cached bundle
        (older ones are removed)."""
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
