"""The Nu Html Checker (the W3C validator, `vnu.jar` from the npm package `vnu-jar`) over built pages."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class CheckerMissing(RuntimeError):
    pass


def validate(pages: list[Path], errors_only: bool = True) -> list[str]:
    """`FILE:LINE: message` for every error (and warning, unless `errors_only`) in `pages`, in one JVM run."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        raise CheckerMissing(f"the HTML checker needs Java and {VNU_JAR} (`make checkers` installs them)")
    args = [java, "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
    if errors_only:
        args.append("--errors-only")
    proc = subprocess.run(args + [str(p) for p in pages], capture_output=True, text=True, timeout=600)
    report = json.loads(proc.stderr or proc.stdout or '{"messages": []}')
    problems = []
    for message in report.get("messages", []):
        if message.get("type") == "info" and message.get("subType") != "warning":
            continue
        where = message.get("url", "").removeprefix("file:")
        problems.append(f"{where}:{message.get('lastLine', '?')}: {message.get('message')} "
                        f"[{message.get('extract', '').strip()[:80]}]")
    return problems
