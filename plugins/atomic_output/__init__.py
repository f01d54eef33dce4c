"""Write the site into a staging folder and swap it in only when the whole build succeeded.

A build that stops half-way (a content error, a template error, a crash) never leaves a
half-written site behind, and the last good output stays exactly as it was. Files whose bytes did not
change keep their modification time across builds (publishing with rsync then sends only real changes). The staging folder,
`<output>.partial`, sits beside the output so that the swap is a rename on one file system.

List this plugin LAST in PLUGINS: post-build steps of other plugins connected to `finalized`
(a search index, for instance) must still see the staging folder before it is swapped in.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil

from pelican import signals

logger = logging.getLogger(__name__)


def staging_path(final: str) -> str:
    return os.path.normpath(final) + ".partial"


def _remove(path: str) -> None:
    if os.path.isdir(path):
        shutil.rmtree(path, ignore_errors=True)


def stage(pelican) -> None:
    final = os.path.abspath(pelican.output_path)
    staging = staging_path(final)
    pelican.final_output_path = final
    pelican.output_path = staging
    pelican.delete_outputdir = True  # the staging folder starts empty on every run (also --autoreload)
    _remove(staging)
    atexit.register(_remove, staging)  # a failed run leaves nothing behind


def keep_unchanged_times(final: str, staging: str) -> int:
    """Give every staged file whose bytes equal the previous output's file that file's times, so that an
    unchanged page keeps its modification time (rsync, `make`-style tools and caches see it unchanged).
    Returns how many files kept their time."""
    kept = 0
    for folder, _dirs, files in os.walk(staging):
        relative = os.path.relpath(folder, staging)
        for name in files:
            new, old = os.path.join(folder, name), os.path.join(final, relative, name)
            try:
                old_stat, new_stat = os.stat(old), os.stat(new)
            except OSError:
                continue
            if old_stat.st_ino == new_stat.st_ino:
                kept += 1  # the same file (a hard link from a cache)
                continue
            if old_stat.st_size != new_stat.st_size or not _same_bytes(old, new):
                continue
            os.utime(new, ns=(old_stat.st_atime_ns, old_stat.st_mtime_ns))
            kept += 1
    return kept


def _same_bytes(a: str, b: str) -> bool:
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            chunk_a, chunk_b = fa.read(1 << 16), fb.read(1 << 16)
            if chunk_a != chunk_b:
                return False
            if not chunk_a:
                return True


def publish(pelican) -> None:
    final, staging = pelican.final_output_path, pelican.output_path
    if not os.path.isdir(staging):
        os.makedirs(staging)
    if os.path.isdir(final):
        keep_unchanged_times(final, staging)
    previous = final + ".previous"
    _remove(previous)
    if os.path.isdir(final):
        os.rename(final, previous)
    os.rename(staging, final)
    _remove(previous)
    logger.info("Site written to %s", final)


def register() -> None:
    signals.initialized.connect(stage)
    signals.finalized.connect(publish)
