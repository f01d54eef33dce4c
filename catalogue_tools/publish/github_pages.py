"""Target `github-pages`: the site as the only commit content of a branch (gh-pages), with ghp-import,
pushed to a remote (GitHub serves the branch as GitHub Pages). `.nojekyll` keeps every file served."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .. import StaffError
from .deploying import DeployReport


def deploy(site: Path, settings: dict, destination=None, delete=None, progress=None) -> DeployReport:
    repo = Path(destination or settings.get("PUBLISH_GHP_REPO") or ".")
    branch = settings.get("PUBLISH_GHP_BRANCH", "gh-pages")
    remote = settings.get("PUBLISH_GHP_REMOTE", "origin")
    push = settings.get("PUBLISH_GHP_PUSH", True)
    if not (repo / ".git").exists() and not (repo / "HEAD").is_file():
        raise StaffError(f"{repo}: not a git repository (PUBLISH_GHP_REPO, CATALOGUE_GHP_REPO)")
    command = [str(Path(sys.executable).parent / "ghp-import"), "--no-jekyll", "--force", "--branch", branch,
               "--message", "Publish the OCOP catalogue"]
    if push:
        command += ["--push", "--remote", remote]
    proc = subprocess.run([*command, str(site)], cwd=repo, capture_output=True, text=True)
    if proc.returncode != 0:
        raise StaffError(f"ghp-import into {repo} (branch {branch}) failed: {(proc.stderr or proc.stdout).strip()}")
    where = f"{repo} branch {branch}" + (f", pushed to {remote}" if push else "")
    return DeployReport("github-pages", where)
