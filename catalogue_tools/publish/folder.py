"""Target `folder`: a local (or mounted) folder, replaced as a whole once the new site is complete.

The new site is first copied beside the destination (same file system), then two renames swap it in;
the old site is removed last. A copy that fails half-way leaves the published folder as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from . import DeployReport, site_files


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
    if final.exists():
        os.rename(final, outgoing)
    os.rename(incoming, final)
    shutil.rmtree(outgoing, ignore_errors=True)
    return DeployReport("folder", str(final), note=f"{len(site_files(final))} files.")
