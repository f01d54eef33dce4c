"""What a page costs before its photos: the HTML and every stylesheet and script it loads."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.blocking_third_party: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        url = None
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            url = attrs["href"]
            self.styles.append(url)
        elif tag == "script" and attrs.get("src"):
            url = attrs["src"]
            self.scripts.append(url)
        elif tag in ("img", "iframe", "link") and (attrs.get("src") or attrs.get("href")):
            url = attrs.get("src") or attrs.get("href")
        if url and (urlparse(url).scheme in ("http", "https") or url.startswith("//")):
            self.blocking_third_party.append(url)


@dataclass
class Weight:
    html: int
    css: int
    js: int
    third_party: list = field(default_factory=list)  # URLs of other sites the page would request

    @property
    def total(self) -> int:
        return self.html + self.css + self.js


def weight(site: Path, page: str) -> Weight:
    """Bytes of the page at site path `page` (e.g. `/san-pham/x/`), uncompressed, with its CSS and JS."""
    site = Path(site)
    file = site / page.lstrip("/") / "index.html" if page.endswith("/") else site / page.lstrip("/")
    text = file.read_text(encoding="utf-8")
    assets = _Assets()
    assets.feed(text)

    def size(urls):
        return sum((site / urljoin(page, u).lstrip("/")).stat().st_size for u in urls
                   if not urlparse(u).scheme and not u.startswith("//"))

    return Weight(len(text.encode("utf-8")), size(assets.styles), size(assets.scripts), assets.blocking_third_party)
