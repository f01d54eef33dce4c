"""Content problems as values: collected during a build and reported together, one line each.

The contract's format is `PATH:LINE: FIELD: message` (LINE where known). File-level problems use
the field name `file`.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path


class Invalid(ValueError):
    """A value that breaks its field's rule; the message says what is expected."""


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    field: str
    message: str
    severity: str = "error"  # or "warning"

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.field, self.message)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {self.field}: {prefix}{self.message}"


def display_path(path) -> str:
    """The path as staff typed it: relative to the working folder when inside it."""
    path = Path(path)
    if path.is_absolute():
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            return relative
    return str(path)


@dataclass
class Problems:
    """Every problem found in one build, in a stable order."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path, field_name: str, message: str, line: int | None = None) -> None:
        self.items.append(Problem(display_path(path), line, field_name, message))

    def warning(self, path, field_name: str, message: str, line: int | None = None) -> None:
        self.items.append(Problem(display_path(path), line, field_name, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.items if p.severity == "error"), key=lambda p: p.sort_key)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.items if p.severity == "warning"), key=lambda p: p.sort_key)

    def report(self, stream=None) -> None:
        stream = stream or sys.stderr
        for problem in self.warnings + self.errors:
            print(problem, file=stream)
        stream.flush()


class ContentErrorsWhileWatching(Exception):
    """The same, under `pelican --autoreload`: an ordinary exception, which Pelican's watch loop reports
    in one line and survives, so the preview server keeps serving the last good site."""


class ContentErrors(SystemExit):
    """Raised after reporting: stops Pelican without a traceback and with exit status 1.

    A SystemExit, because Pelican logs every ordinary exception with its traceback.
    """

    def __init__(self, count: int):
        super().__init__(1)
        self.count = count
