"""Target `rsync`: `rsync` over SSH (or to a local folder) sends only what changed.

Files are compared by checksum (a rebuilt site has new modification times); `--delay-updates` puts the
changed files in place together at the end; `--delete` removes pages that are gone (on by default).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .. import StaffError
from .deploying import DeployReport, need


def deploy(site: Path, settings: dict, destination=None, delete=None, progress=None) -> DeployReport:
    dest = need(destination or settings.get("PUBLISH_RSYNC_DEST", ""), "PUBLISH_RSYNC_DEST", "CATALOGUE_RSYNC_DEST")
    if shutil.which("rsync") is None:
        raise StaffError("rsync is not installed on this computer (Debian/Ubuntu: apt-get install rsync)")
    delete = settings.get("PUBLISH_RSYNC_DELETE", True) if delete is None else delete
    command = ["rsync", "--recursive", "--links", "--times", "--checksum", "--delay-updates", "--compress",
               "--out-format=%n", "-e", "ssh"]
    if delete:
        command.append("--delete-after")
    if ":" not in dest:  # a local folder
        Path(dest).mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([*command, f"{site}/", dest.rstrip("/") + "/"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise StaffError(f"rsync to {dest} failed (exit status {proc.returncode}): {proc.stderr.strip()}")
    names = [line for line in proc.stdout.splitlines() if line and not line.endswith("/")]
    deleted = [line.removeprefix("deleting ") for line in names if line.startswith("deleting ")]
    uploaded = [line for line in names if not line.startswith("deleting ")]
    return DeployReport("rsync", dest, uploaded=uploaded, deleted=deleted)
