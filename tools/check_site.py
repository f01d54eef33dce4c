"""Run the static quality gates on a built site: HTML validity, links, product page weight.

    .venv/bin/python tools/check_site.py output [--public-url https://ocop.hue.example.vn]

Exit status 1 when a gate finds a problem; each problem is one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


from site_checks.html_validity import validate  # noqa: E402
from site_checks.links import broken_links  # noqa: E402
from site_checks.page_weight import weight  # noqa: E402

BUDGET = 60 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--public-url", default="")
    args = parser.parse_args()
    pages = sorted(args.output.rglob("*.html"))
    problems = [f"html: {p}" for p in validate(pages)]
    problems += [f"link: {p}" for p in broken_links(args.output, args.public_url)]
    products = sorted(p.parent for p in args.output.glob("san-pham/*/index.html") if p.parent.name != "trang")
    for folder in products:
        page = weight(args.output, "/" + folder.relative_to(args.output).as_posix() + "/")
        if page.total >= BUDGET or page.third_party:
            problems.append(f"weight: /{folder.relative_to(args.output)}/: {page.total / 1024:.1f} KB "
                            f"(budget {BUDGET // 1024} KB), third-party: {page.third_party}")
    for problem in problems:
        print(problem)
    print(f"{len(pages)} pages checked: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
