"""Lighthouse (npm `lighthouse@12.2.3`, Debian chromium) mobile scores of pages of a built site.

    .venv/bin/python tools/lighthouse.py / /san-pham/tom-chua-hue/ /ban-do/

A script, not a test: scores move with the machine's load. Builds the catalogue as it is published
(`publishconf.py`: absolute canonical and hreflang URLs) with the local server's address as the public
one, serves it, runs Lighthouse's default mobile emulation (throttled 4G, a mid-range phone) per page,
prints a table of the four category scores and keeps the full reports in `.cache/lighthouse/`. npx fetches
Lighthouse from the npm registry the first time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from site_checks.browser import CHROMIUM, serve  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"


def run(url: str, report: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
                    f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
                   check=True, env=env, timeout=300)
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = [a["id"] for a in data["audits"].values() if a.get("score") is not None and a["score"] < 0.9
               and a.get("scoreDisplayMode") == "binary"]
    return {"scores": scores, "failing": failing,
            "lcp": data["audits"]["largest-contentful-paint"]["displayValue"],
            "cls": data["audits"]["cumulative-layout-shift"]["displayValue"]}


def build(content: Path, output: Path, public: str) -> None:
    pelican = str(Path(sys.executable).parent / "pelican")
    subprocess.run([pelican, str(content), "-s", str(ROOT / "publishconf.py"), "-o", str(output)], cwd=ROOT,
                   check=True, capture_output=True, env=dict(os.environ, CATALOGUE_SITEURL=public))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="site paths, e.g. / /san-pham/tom-chua-hue/")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    reports = ROOT / ".cache" / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    rows = []
    public = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory() as tmp:
        build(args.content, Path(tmp) / "output", public)
        with serve(Path(tmp) / "output", args.port) as base:
            for path in args.paths:
                name = path.strip("/").replace("/", "_") or "home"
                rows.append((path, run(base + path, reports / f"{name}.json")))
    print("| page | performance | accessibility | best practices | SEO | LCP | CLS | failing audits |")
    print("|---|---|---|---|---|---|---|---|")
    for path, r in rows:
        s = r["scores"]
        print(f"| `{path}` | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} | "
              f"{r['lcp']} | {r['cls']} | {', '.join(r['failing']) or '—'} |")


if __name__ == "__main__":
    main()
