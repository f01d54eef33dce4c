"""What every publishing target (folder, rsync, github_pages, s3) shares: the report of a deploy, the files
of a built site, and a setting a target cannot work without.

Apart from `publish/__init__.py`, which chooses and runs a target: the targets need these, and it needs
the targets, so neither imports the other for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import StaffError


@dataclass
class DeployReport:
    target: str
    destination: str
    uploaded: list = field(default_factory=list)  # site paths sent
    unchanged: int = 0
    deleted: list = field(default_factory=list)
    note: str = ""

    def summary(self) -> str:
        parts = [f"{len(self.uploaded)} uploaded"] if self.uploaded or self.unchanged else []
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.deleted:
            parts.append(f"{len(self.deleted)} deleted")
        detail = f" ({', '.join(parts)})" if parts else ""
        return f"Published to {self.target} {self.destination}{detail}.{' ' + self.note if self.note else ''}"


def site_files(site: Path) -> list[tuple[str, Path]]:
    """(site path with '/', file) of every file of a built site, in a stable order."""
    return sorted((p.relative_to(site).as_posix(), p) for p in site.rglob("*") if p.is_file())


def need(value: str, setting: str, variable: str) -> str:
    if not value:
        raise StaffError(f"publishconf.py: {setting} is not set; set it there or in the environment variable "
                         f"{variable}")
    return value
