"""Write the site into a staging folder and swap it in only when the whole build succeeded.

A build that stops half-way (a content error, a template error, a crash) never leaves a
half-written site behind, and the last good output stays exactly as it was. The staging folder,
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


def publish(pelican) -> None:
    final, staging = pelican.final_output_path, pelican.output_path
    if not os.path.isdir(staging):
        os.makedirs(staging)
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
