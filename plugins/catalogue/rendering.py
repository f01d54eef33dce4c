"""Render every route in every language, in this process or in worker processes on all cores.

Rendering is most of a large build's time and each page is independent of the others, so a big site is
split between forked workers: each renders every N-th route in every language and writes its files.
The workers inherit the read catalogue, the routes and the compiled templates (fork), keep their own
view caches, and the pages are the same bytes whichever process renders them.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from .views import MarkdownRenderer, Site

_GENERATOR = None  # the generator whose routes forked workers render (set just before the fork)


class LanguageRenderer:
    """Renders the routes of one language: one `Site` (views, caches) and the template context base."""

    def __init__(self, generator, lang, markdown: MarkdownRenderer):
        self.generator = generator
        self.lang = lang
        settings = generator.settings
        self.site = Site(generator.catalogue, lang, settings.get("SITEURL", ""), markdown, settings)
        self.site.gettext = generator.translations[lang.code].gettext  # for texts made in Python (badges)
        self.activate()
        self.site.macros = generator.env.get_template("partials/macros.html").make_module({"site": self.site})
        self.base = {"site": self.site, "SITENAME": settings.get("SITENAME", ""), "settings": settings}

    def activate(self) -> None:
        """Make the theme's gettext speak this language (one Jinja environment serves every language)."""
        self.generator.env.install_gettext_translations(self.generator.translations[self.lang.code], newstyle=True)

    def wants(self, route) -> bool:
        return not route.redirect or route.lang == self.lang.code

    def render(self, route) -> str:
        generator, site = self.generator, self.site
        context = dict(self.base)
        context.update(route.context(site))
        context["route"] = route
        context["alternates"] = [] if route.redirect else [
            (other, site.url(route.kind, route.key, route.page, other)) for other in generator.languages]
        context["canonical"] = site.url(route.kind, route.key, route.page)
        if route.listing is not None:
            context["pagination"] = generator.pagination(site, route)
        return generator.get_template(route.template.removesuffix(".html")).render(context)

    def render_404(self) -> str:
        return self.generator.get_template("404").render(dict(self.base, route=None, alternates=[], canonical=""))


def _render_share(generator, output: Path, share: int, shares: int) -> int:
    """Render and write routes share, share + shares, … in every language; returns the pages written."""
    markdown = MarkdownRenderer()
    written = 0
    for lang in generator.languages:
        renderer = LanguageRenderer(generator, lang, markdown)
        for index, route in enumerate(generator.routes):
            if index % shares == share and renderer.wants(route):
                write_text(output / route.path(lang).strip("/") / "index.html", renderer.render(route))
                written += 1
        if lang.is_default and share == 0:
            write_text(output / "404.html", renderer.render_404())
    return written


def _worker(args) -> int:
    output, share, shares = args
    return _render_share(_GENERATOR, Path(output), share, shares)


def workers_for(settings, pages: int) -> int:
    """How many processes render: CATALOGUE_RENDER_WORKERS (None: one per core), and only from
    CATALOGUE_PARALLEL_FROM pages on (forking costs more than it saves on a small site)."""
    if pages < settings.get("CATALOGUE_PARALLEL_FROM", 1500):
        return 1
    wanted = settings.get("CATALOGUE_RENDER_WORKERS") or len(os.sched_getaffinity(0))
    return max(1, min(int(wanted), 32))


def render_pages(generator, output: Path) -> tuple[int, int]:
    """Write every page of `generator.routes` in every language; returns (pages written, processes)."""
    pages = len(generator.routes) * len(generator.languages)
    workers = workers_for(generator.settings, pages)
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return _render_share(generator, output, 0, 1), 1
    global _GENERATOR
    _GENERATOR = generator
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            written = sum(pool.map(_worker, [(str(output), share, workers) for share in range(workers)]))
    finally:
        _GENERATOR = None
    return written, workers


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
