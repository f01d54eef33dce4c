"""The output plan: what the generator and the plugins write every file of the site through.

A build may keep files of the previous output instead of making them again (plugin `atomic_output`
does, with a manifest of what each file was made from). So that the code writing a file reads the same
with or without it, every file goes through the build's plan, `generator.plan`: the generator asks for
one when writing starts (signal `output_plan_wanted`, whose receiver returns it) and, when no plugin
answers, uses `WriteEverything`, which writes every file and keeps nothing.

Every plan has the methods of `WriteEverything` (atomic_output's `OutputPlan` adds `commit`). The one
for almost every file:

    generator.plan.reuse(["san-pham/x/qr.svg", "san-pham/x/qr.png"], digest, make)

keeps the files if the previous build made them from the same `digest` (a digest of their inputs), else
calls `make()`, which writes them into the output folder (or has them written there before the build
ends: pages are rendered later, in worker processes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path


class WriteEverything:
    """The plan of a build without a previous output to keep files from: every file is made."""

    def __init__(self, output: Path):
        self.output = Path(output)

    def reuse(self, paths: Iterable[str], digest: str, make: Callable[[], object]) -> bool:
        """Keep `paths` (relative to the output folder) as the previous build made them if it made every
        one from `digest`; else call `make()`, which writes them, and record them as made from `digest`.
        True when they were kept."""
        make()
        return False

    def write(self, path: str, data: bytes | str) -> None:
        """Write `data` (text: UTF-8) at `path`, or keep the previous output's file when it has these bytes
        (for files that are cheap to make but many, such as badges)."""
        target = self.output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    def made(self, path: str, digest: str) -> None:
        """Record `path` as written this build from inputs with `digest` by something other than `reuse`
        (Pagefind writes its search bundle by itself)."""

    def carry_all(self, digest: str, folder: str) -> bool:
        """Keep every file the previous build made from `digest` (a digest of a whole group of files, such
        as a search bundle) if they are all under `folder` and still there; False, nothing kept, otherwise."""
        return False

    def keep_previous(self, paths: Iterable[str]) -> bool:
        """Keep `paths` as the previous build made them, whatever their inputs now (a preview keeps files
        made from the whole catalogue, such as open data); False, nothing kept, when one is missing."""
        return False

    def keep_previous_folder(self, folder: str) -> bool:
        """`keep_previous` of every file the previous build made under `folder` (False when it made none)."""
        return False

    def file_of(self, path: str) -> Path:
        """Where the file `path` of this build is now: in the output folder being written, or, when it was
        kept, in the previous output."""
        return self.output / path

    def digest_of(self, path: str) -> str | None:
        """The digest `path` was made or kept from in this build (None when not known)."""
        return None

    def previous_text(self, path: str) -> str | None:
        """The text of the previous output's file `path` (None when there is none)."""
        return None

    def carried_any(self, paths: Iterable[str]) -> bool:
        """Whether one of `paths` was kept from the previous output."""
        return False
