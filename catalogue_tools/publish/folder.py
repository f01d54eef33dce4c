"""Target `folder`: a local (or mounted) folder, replaced as a whole once the new site is complete.

The new site is first copied beside the destination (same file system), then swapped in: in one atomic
step on Linux (renameat2 with RENAME_EXCHANGE, so a visitor sees either the old or the new site, never
nothing), elsewhere with two renames in quick succession. The old site is removed last. A copy that
fails half-way leaves the published folder as it was.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

from .deploying import DeployReport, site_files

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False where the system cannot (then nothing was changed)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0


def deploy(site: Path, settings: dict, destination=None, delete=None, progress=None) -> DeployReport:
    final = Path(destination or settings["PUBLISH_FOLDER"]).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    incoming = final.with_name(f".{final.name}.incoming")
    outgoing = final.with_name(f".{final.name}.outgoing")
    for leftover in (incoming, outgoing):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        shutil.copytree(site, incoming)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    if not final.exists():
        os.rename(incoming, final)
    elif exchange(incoming, final):
        shutil.rmtree(incoming, ignore_errors=True)  # now the old site
    else:
        os.rename(final, outgoing)
        os.rename(incoming, final)
        shutil.rmtree(outgoing, ignore_errors=True)
    return DeployReport("folder", str(final), note=f"{len(site_files(final))} files.")
