"""Progress of long steps: a `rich` bar on a terminal, nothing in CI or when the output is not a terminal."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager


def wanted(progress: bool | None = None) -> bool:
    if progress is not None:
        return progress
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress_bar(description: str, total: int, show: bool | None = None):
    """Yields advance(n=1); a no-op when not shown."""
    if not wanted(show) or total == 0:
        yield lambda n=1: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)
