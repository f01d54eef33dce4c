"""Render every route in every language, in this process or in worker processes on all cores.

Rendering is most of a large build's time. First the pages whose fingerprint (`fingerprints.py`) is the
one the previous build recorded are kept as they are (the build's output plan); the others are split
between forked workers, each rendering every N-th page. The workers inherit the read catalogue, the
routes, the compiled templates and the views already made (fork), and the pages are the same bytes
whichever process renders them.
"""

from __future__ import annotations

import multiprocessing
import os
from functools import partial
from pathlib import Path

from .views import MarkdownRenderer, Site

_SHARED = None  # (generator, renderers, jobs) that forked workers render (set just before the fork)


class LanguageRenderer:
    """Renders the routes of one language: one `Site` (views, caches) and the template context base."""

    def __init__(self, generator, lang, markdown: MarkdownRenderer):
        self.generator = generator
        self.lang = lang
        self.languages = {other.code: other for other in generator.languages}
        settings = generator.settings
        self.site = Site(generator.catalogue, lang, settings.get("SITEURL", ""), markdown, settings)
        self.site.gettext = generator.translations[lang.code].gettext  # for texts made in Python (badges)
        self.activate()
        self._modules: dict = {}
        self.site.module = self.module
        self.site.macros = self.module("partials/macros.html")
        self.base = {"site": self.site, "SITENAME": settings.get("SITENAME", ""), "settings": settings}

    def module(self, name: str):
        """A template of macros (`partials/…`) bound to this language's site, made once: templates use
        `{% set m = site.module('partials/macros.html') %}` rather than importing it with their context
        on every page (which runs the whole file again for each page)."""
        if name not in self._modules:
            self._modules[name] = self.generator.env.get_template(name).make_module({"site": self.site})
        return self._modules[name]

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
        # the language switcher leads to the same page in every language; hreflang alternates name only the
        # languages the page is translated into, and a page shown through the fallback chain is canonically
        # the page in the language it shows
        context["switcher"] = [] if route.redirect else [
            (other, site.url(route.page_type, route.key, route.page, other)) for other in generator.languages]
        context["alternates"] = [(other, url) for other, url in context["switcher"] if route.indexable(other)]
        shown = route.shown_lang(self.lang)
        context["shown_lang"] = shown
        context["canonical"] = site.url(route.page_type, route.key, route.page,
                                        self.languages[shown] if shown != self.lang.code else None)
        if route.listing is not None:
            context["pagination"] = generator.pagination(site, route)
        return generator.get_template(route.template.removesuffix(".html")).render(context)

    def render_404(self) -> str:
        return self.generator.get_template("404").render(dict(self.base, route=None, alternates=[], switcher=[],
                                                              canonical="", shown_lang=self.lang.code))


def page_file(route, lang) -> str:
    """The file of `route` in `lang`, relative to the output folder ("san-pham/x/index.html")."""
    return _index_file(route.path(lang))


def item_page_file(lang, page_type: str, key) -> str:
    """The file of the page of one item (`page_type` "product", "producer" …, `key` its slug) in `lang`."""
    return _index_file(lang.path(page_type, key))


def _index_file(path: str) -> str:
    folder = path.strip("/")
    return f"{folder}/index.html" if folder else "index.html"


def plan_pages(generator, renderers: dict) -> tuple[list, int]:
    """The (route index, language code) pairs to render, and how many pages the output keeps as they are:
    a page whose fingerprint is the one the previous build recorded for it is carried over (`generator.plan`)."""
    plan, fingerprints = generator.plan, generator.fingerprints
    jobs, carried = [], 0
    for index, route in enumerate(generator.routes):
        for lang in generator.languages:
            renderer = renderers[lang.code]
            if not renderer.wants(route):
                continue
            digest = fingerprints.page(route, lang, renderer.site)
            render = partial(jobs.append, (index, lang.code))  # rendered later, maybe in a worker process
            if digest is None:
                render()
            elif plan.reuse([page_file(route, lang)], digest, render):
                carried += 1
    return jobs, carried


def _render_share(generator, renderers: dict, jobs: list, output: Path, share: int, shares: int) -> int:
    """Render and write jobs share, share + shares, …; returns the pages written."""
    written = 0
    mine = jobs[share::shares]
    for lang in generator.languages:
        renderer = renderers[lang.code]
        renderer.activate()
        for index, code in mine:
            if code == lang.code:
                route = generator.routes[index]
                write_text(output / page_file(route, lang), renderer.render(route))
                written += 1
        if lang.is_default and share == 0:
            write_text(output / "404.html", renderer.render_404())
    return written


def _worker(args) -> int:
    output, share, shares = args
    generator, renderers, jobs = _SHARED
    return _render_share(generator, renderers, jobs, Path(output), share, shares)


def workers_for(settings, pages: int) -> int:
    """How many processes render: CATALOGUE_RENDER_WORKERS (None: one per core), and only from
    CATALOGUE_PARALLEL_FROM pages on (forking costs more than it saves on a small site)."""
    if pages < settings.get("CATALOGUE_PARALLEL_FROM", 1500):
        return 1
    wanted = settings.get("CATALOGUE_RENDER_WORKERS") or len(os.sched_getaffinity(0))
    return max(1, min(int(wanted), 32))


def render_pages(generator, renderers: dict, output: Path) -> tuple[int, int, int]:
    """Write the pages of `generator.routes` in every language that changed (every page when the build's
    plan keeps nothing); returns (pages written, pages kept as they were, processes)."""
    jobs, carried = plan_pages(generator, renderers)
    workers = workers_for(generator.settings, len(jobs))
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return _render_share(generator, renderers, jobs, output, 0, 1), carried, 1
    global _SHARED
    _SHARED = (generator, renderers, jobs)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            written = sum(pool.map(_worker, [(str(output), share, workers) for share in range(workers)]))
    finally:
        _SHARED = None
    return written, carried, workers


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
