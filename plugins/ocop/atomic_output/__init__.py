"""Write the site into a staging folder and bring it into the output only when the whole build succeeded.

A build that stops half-way (a content error, a template error, a crash) never touches the output: the
last good site stays exactly as it was. On success, `OutputPlan.commit()` (`plan.py`) moves the new and
changed files in, deletes files that are no longer part of the site, and leaves unchanged files alone, so
they keep their modification time (publishing with rsync or to S3 then sends only real changes).
Generators that know a file's inputs did not change keep it without making it again:

    plan = current_plan()          # None when this plugin is not enabled
    if plan is None or not plan.carry("san-pham/x/index.html", digest):
        ...write the file into the staging folder...; plan.made("san-pham/x/index.html", digest)

`write_file(output, path, data)` does this for files whose bytes are cheap to make (badges).
The staging folder, `<output>.partial`, and the manifest, `<output>.manifest`, sit beside the output.
List this plugin LAST in PLUGINS: steps of other plugins connected to `finalized` must still see the
staging folder before it is committed.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import shutil
from functools import lru_cache
from pathlib import Path

from pelican import signals

from .plan import OutputPlan

logger = logging.getLogger(__name__)

_PLAN: OutputPlan | None = None


def current_plan() -> OutputPlan | None:
    """The plan of the build in progress (None outside a build or without this plugin)."""
    return _PLAN


def write_file(output: Path, path: str, data: bytes | str) -> None:
    """Write `data` at `output`/`path`, or keep the previous output's file when it has these bytes
    (for files that are cheap to make but many: nothing is written, the plan carries the file)."""
    data, digest = _with_digest(data)
    plan = current_plan()
    if plan is not None and plan.carry(path, digest):
        return
    target = output / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    if plan is not None:
        plan.made(path, digest)


@lru_cache(maxsize=512)  # the same badge drawing is written for thousands of products: hashed once
def _with_digest(data: bytes | str) -> tuple[bytes, str]:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, "bytes:" + hashlib.blake2b(data, digest_size=16).hexdigest()


def staging_path(final: str) -> str:
    return os.path.normpath(final) + ".partial"


def _remove(path: str) -> None:
    if os.path.isdir(path):
        shutil.rmtree(path, ignore_errors=True)


def stage(pelican) -> None:
    global _PLAN
    final = os.path.abspath(pelican.output_path)
    staging = staging_path(final)
    pelican.final_output_path = final
    pelican.output_path = staging
    pelican.delete_outputdir = True  # the staging folder starts empty on every run (also --autoreload)
    _remove(staging)
    atexit.register(_remove, staging)  # a failed run leaves nothing behind


def new_plan(pelican) -> None:
    """Every run (also each run of --autoreload, and after a failed one) starts with a fresh plan."""
    global _PLAN
    _PLAN = OutputPlan(pelican.final_output_path, pelican.output_path)


def commit(pelican) -> None:
    global _PLAN
    plan, _PLAN = _PLAN, None
    os.makedirs(pelican.output_path, exist_ok=True)
    report = plan.commit()
    logger.info("Site written to %s: %d files written, %d unchanged, %d kept, %d removed", plan.final,
                report.written, report.unchanged, report.carried, report.removed)


def register() -> None:
    signals.initialized.connect(stage)
    signals.get_generators.connect(new_plan)  # sent at the start of every run
    signals.finalized.connect(commit)
