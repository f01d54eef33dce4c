"""`invoke publish`: check, build with publishconf.py (incrementally, in a folder of the build caches), then deploy.

Nothing reaches the target unless the content check and the build both succeed and the built site
looks whole; a failed run leaves the published site exactly as it was. One module per target (folder.py,
rsync.py, github_pages.py, s3.py), each with a `deploy` function; what they share is in deploying.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ocop.print_catalogue import FOLDER_SETTING as PDF_FOLDER_SETTING

from .. import ROOT, StaffError
from ..check import run_check
from ..context import read_settings
from .deploying import DeployReport

TARGETS = ("folder", "rsync", "github-pages", "s3")
REQUIRED_FILES = ("index.html", "404.html", "sitemap.xml")


def build_site(content: Path, settings_file: str, output: Path, pdf_folder: Path | None = None) -> None:
    """The real `pelican` build, as `invoke build --publish` runs it; its messages go to the terminal.
    `pdf_folder`: the printed catalogues the site publishes and links (plugin print_catalogue)."""
    pelican = str(Path(sys.executable).parent / "pelican")
    command = [pelican, str(content), "-s", str(ROOT / settings_file), "-o", str(output)]
    if pdf_folder is not None:
        command += ["-e", f"{PDF_FOLDER_SETTING}={json.dumps(str(pdf_folder))}"]
    proc = subprocess.run(command, cwd=ROOT)
    if proc.returncode != 0:
        raise StaffError("The build failed (see the messages above): nothing was published; "
                         "the published site is unchanged.")
    missing = [name for name in REQUIRED_FILES if not (output / name).is_file()]
    if missing:
        raise StaffError(f"The built site has no {', '.join(missing)}: nothing was published; "
                         "the published site is unchanged.")


def publish(content="content", target: str | None = None, destination: str | None = None,
            settings_file: str = "publishconf.py", delete: bool | None = None,
            progress: bool | None = None) -> DeployReport:
    settings = read_settings(settings_file)
    target = target or settings.get("PUBLISH_TARGET", "folder")
    if target not in TARGETS:
        raise StaffError(f"--target: {target!r} is not a publishing target; use one of {', '.join(TARGETS)}")
    deploy = _deployer(target)  # an unusable target is reported before the build

    result = run_check(content, settings)
    if result.errors:
        result.problems.report(sys.stderr)
        count = len(result.errors)
        raise StaffError(f"{count} error{'s' if count != 1 else ''} in the content (invoke check): nothing was "
                         "published; the published site is unchanged.")
    work = Path(tempfile.mkdtemp(prefix="ocop-publish-"))
    try:
        site = build_folder(settings)
        pdf_folder = print_pdfs(result.loaded.content, settings, work / "print")
        build_site(result.loaded.content, settings_file, site, pdf_folder)
        report = deploy(site, settings, destination=destination, delete=delete, progress=progress)
        if result.warnings:
            report.note = (report.note + " " if report.note else "") + \
                f"{len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''}: see them with `invoke check`."
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_folder(settings: dict) -> Path:
    """Where `publish` builds the site: PUBLISH_BUILD_PATH, by default `publish/site` in the build caches
    (CATALOGUE_CACHE_PATH). The folder is kept between runs so that a publish is an incremental build (the
    previous output and its manifest let the build keep unchanged pages, plugin atomic_output); a build
    that fails leaves it as the last good build, and nothing is deployed."""
    folder = settings.get("PUBLISH_BUILD_PATH") or Path(settings.get("CATALOGUE_CACHE_PATH") or ROOT / ".cache") / \
        "publish" / "site"
    return Path(folder)


def print_pdfs(content: Path, settings: dict, folder: Path) -> Path | None:
    """The PDF catalogue of every language for the site (PUBLISH_PDF), or None when switched off."""
    if not settings.get("PUBLISH_PDF", True):
        return None
    from ..catalogue_pdf import print_site_catalogues

    for printed in print_site_catalogues(content, settings, folder):
        print(f"Printed {printed.path.relative_to(folder)}: {printed.pages} pages, "
              f"{printed.size / 1024 / 1024:.1f} MB")
    return folder


def _deployer(target: str):
    if target == "folder":
        from .folder import deploy
    elif target == "rsync":
        from .rsync import deploy
    elif target == "github-pages":
        from .github_pages import deploy
    else:
        from .s3 import deploy
    return deploy
