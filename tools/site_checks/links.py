"""Every internal reference of a built site must resolve to a file of the site."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse
from xml.etree import ElementTree

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


class _References(HTMLParser):
    """(what, url) of every reference in a page; ids of its elements (for #fragments)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in ("a", "link", "area") and attrs.get("href"):
            what = f"hreflang {attrs['hreflang']}" if tag == "link" and attrs.get("hreflang") else f"{tag} href"
            self.refs.append((what, attrs["href"]))
        if tag in ("img", "script", "source", "iframe", "audio", "video") and attrs.get("src"):
            self.refs.append((f"{tag} src", attrs["src"]))
        if tag in ("img", "source") and attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.refs.append((f"{tag} srcset", candidate.split()[0]))
        if tag == "form" and attrs.get("action"):
            self.refs.append(("form action", attrs["action"]))


def _target(site: Path, url: str) -> Path:
    path = unquote(urlparse(url).path)
    target = site / path.lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def broken_links(site: Path, public_url: str = "") -> list[str]:
    """`PAGE: what → URL` for every internal reference that leads nowhere.

    Absolute URLs under `public_url` (the published address, in canonical links and the sitemap) count as
    internal; other sites are not fetched (no network at test time).
    """
    site = Path(site)
    problems = []
    pages = sorted(site.rglob("*.html"))
    ids: dict[Path, set[str]] = {}
    parsed: dict[Path, _References] = {}
    for page in pages:
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page] = parser
        ids[page] = parser.ids
    for page in pages:
        base = "/" + page.relative_to(site).as_posix()
        for what, ref in parsed[page].refs:
            problem = _check(site, base, ref, public_url, ids)
            if problem:
                problems.append(f"{base}: {what} → {ref}: {problem}")
    for sitemap in sorted(site.glob("sitemap*.xml")):  # sitemap.xml, or an index and its parts
        tree = ElementTree.parse(sitemap)
        urls = [(("loc"), e.text) for e in tree.iterfind(".//s:loc", SITEMAP_NS)]
        urls += [("alternate", e.get("href")) for e in tree.iterfind(".//x:link", SITEMAP_NS)]
        for what, url in urls:
            problem = _check(site, f"/{sitemap.name}", url, public_url, ids, absolute_ok=True)
            if problem:
                problems.append(f"/{sitemap.name}: {what} → {url}: {problem}")
    return problems


def _check(site, base, ref, public_url, ids, absolute_ok=False) -> str | None:
    if ref.startswith(("mailto:", "tel:", "data:")):
        return None
    if public_url and ref.startswith(public_url.rstrip("/") + "/"):
        ref = ref[len(public_url.rstrip("/")):]
    url = urlparse(ref)
    if url.scheme or url.netloc:
        return None  # another site: not fetched
    resolved = urljoin(base, ref)
    target = _target(site, resolved)
    if not target.is_file():
        return "no such file"
    fragment = urlparse(resolved).fragment
    if fragment and target.suffix == ".html" and fragment not in ids.get(target, set()):
        return f"no element with id {fragment!r}"
    return None
