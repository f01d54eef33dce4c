"""The permalink guard: printed QR codes and shared links must keep working for years.

`permalinks.txt` in the content folder lists every product, producer and sales point URL the catalogue has
ever published, one path a line. A build that would drop one (a folder renamed or deleted without an alias)
stops with a message naming the URL and the fix; every successful build adds its new URLs.
"""

from __future__ import annotations

from pathlib import Path

FILE_NAME = "permalinks.txt"
HEADER = ("# Every product, producer and sales point URL this catalogue has published. Written by the build;\n"
          "# commit it with the content. A listed URL must keep working: to rename a product folder, add the\n"
          "# old path to the product's `aliases`. Delete a line only to retire a URL on purpose.\n")
KINDS = ("product", "producer", "shop")


def read_permalinks(content: Path) -> list[tuple[int, str]]:
    path = Path(content) / FILE_NAME
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, line.strip()) for number, line in enumerate(lines, start=1)
            if line.strip() and not line.startswith("#")]


def published_paths(routes, languages) -> list[str]:
    """The product, producer and sales point URLs of this build, every language."""
    return [route.path(lang) for route in routes if route.page_type in KINDS for lang in languages]


def check(content: Path, routes, languages, problems) -> None:
    live = {route.path(lang) for route in routes for lang in languages}
    for number, path in read_permalinks(content):
        if path not in live:
            problems.error(Path(content) / FILE_NAME, path,
                           "this published URL would disappear, and printed QR codes and shared links point to it; "
                           "restore the folder, or add the path to the `aliases` of the product that replaces it, "
                           "or delete this line to retire the URL on purpose", number)


def update(content: Path, routes, languages) -> int:
    """Add this build's new URLs; returns how many were added."""
    known = {path for _, path in read_permalinks(content)}
    new = [path for path in published_paths(routes, languages) if path not in known]
    if not new:
        return 0
    path = Path(content) / FILE_NAME
    text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "".join(f"{p}\n" for p in new), encoding="utf-8")
    return len(new)
