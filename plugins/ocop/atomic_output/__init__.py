"""Write the site into a staging folder and bring it into the output only when the whole build succeeded.

A build that stops half-way (a content error, a template error, a crash) never touches the output: the
last good site stays exactly as it was. On success, `OutputPlan.commit()` (`plan.py`) moves the new and
changed files in, deletes files that are no longer part of the site, and leaves unchanged files alone, so
they keep their modification time (publishing with rsync or to S3 then sends only real changes).
The plan is the catalogue's `generator.plan` (this plugin answers `output_plan_wanted`): generators that
know a file's inputs did not change keep it without making it again,

    generator.plan.reuse(["san-pham/x/index.html"], digest, make)  # make() only when it changed

and `generator.plan.write(path, data)` keeps a file whose bytes are cheap to make (badges) when they are
the previous build's. The staging folder, `<output>.partial`, and the manifest, `<output>.manifest`, sit
beside the output. List this plugin LAST in PLUGINS: steps of other plugins connected to `finalized` must still see the
staging folder before it is committed.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil

from pelican import signals

from ocop.catalogue.api import output_plan_wanted

from .plan import OutputPlan

logger = logging.getLogger(__name__)

_PLAN: OutputPlan | None = None  # the plan of the build in progress


def plan_of_this_build(generator) -> OutputPlan | None:
    """The answer to the catalogue's `output_plan_wanted`: the plan of the build in progress."""
    return _PLAN


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
    output_plan_wanted.connect(plan_of_this_build)
