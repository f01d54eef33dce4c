"""The Pelican generator of the catalogue: read and validate everything, then write every language.

Phase 1, `generate_context`, reads the content folder into one `Catalogue`; if anything is wrong it
reports every problem (`PATH:LINE: FIELD: message`) and stops the build before anything is written.
Phase 2, `generate_output`, renders every route in every configured language in one Pelican run.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import sys
import time
from functools import partial
from pathlib import Path

from pelican.generators import Generator
from pelican.log import console
from pelican.utils import wait_for_changes

from ocop.i18n.languages import LanguageError, configure_languages
from ocop.i18n.translations import load_translations

from . import programme
from .content_cache import ContentCache
from .errors import ContentErrors, ContentErrorsWhileWatching, Problems
from .loader import CatalogueLoader
from .memory import long_lived
from .output_plan import WriteEverything
from .photos import DEFAULT_MAX_MEGABYTES, DEFAULT_MAX_MEGAPIXELS
from .signals import (catalogue_ready, catalogue_written, output_plan_wanted, photos_collected, routes_adding,
                      routes_built)
from .routes import build_routes
from .step_times import StepTimes
from .fingerprints import PageFingerprints
from .rendering import LanguageRenderer, render_pages, write_text
from .views import MEDIA_DIR, MarkdownRenderer

logger = logging.getLogger(__name__)


class CatalogueGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.add_extension("jinja2.ext.i18n")
        self.env.autoescape = True
        self.catalogue = None
        self.routes = []
        self.fingerprints = None
        self.plan = WriteEverything(self.output_path)  # the build's, from `generate_output` on
        self.per_page = self.settings.get("CATALOGUE_PER_PAGE", 24)

    # ---- phase 1: read and validate --------------------------------------------------------------

    def generate_context(self):
        with long_lived():  # the catalogue lives until the end of the build: out of the collector's way
            self._read()

    def _read(self):
        started = time.perf_counter()
        problems = Problems()
        try:
            self.languages = configure_languages(self.settings.get("CATALOGUE_LANGUAGES", ["vi", "en"]),
                                                 self.settings.get("CATALOGUE_URL_WORDS"),
                                                 self.settings.get("CATALOGUE_FALLBACKS"))
        except LanguageError as exc:
            problems.error("pelicanconf.py", exc.setting, str(exc))
            self._stop(problems)
        content_cache = ContentCache(self.cache_folder)
        loader = CatalogueLoader(
            Path(self.path), self.languages, programme.build_date(self.settings.get("CATALOGUE_TODAY")), problems,
            self.settings.get("CATALOGUE_MAX_MEGAPIXELS", DEFAULT_MAX_MEGAPIXELS),
            self.settings.get("CATALOGUE_MAX_MEGABYTES", DEFAULT_MAX_MEGABYTES),
            content_cache, verify_pixels=not photos_collected.receivers,  # an image pipeline decodes them
        )
        try:
            self.catalogue = loader.load()
            content_cache.save()
            photos_collected.send(self, uses=loader.photo_uses, problems=problems)
        except Exception as exc:  # a bug of ours: still one clear line for staff, the details with --debug
            logger.debug("Reading the catalogue failed", exc_info=True)
            problems.error(self.path, "file", f"internal error while reading the catalogue ({type(exc).__name__}: "
                           f"{exc}); run pelican with --debug for details and report it")
        if self.catalogue is not None and not problems.errors:
            for _receiver, names in catalogue_ready.send(self, catalogue=self.catalogue, problems=problems):
                self.env.globals.update(names or {})  # the plugins' template globals: the only way in
            self.routes = build_routes(self.catalogue, self.per_page)
            for _receiver, extra in routes_adding.send(self, catalogue=self.catalogue, problems=problems):
                self.routes.extend(extra or ())
            self._check_url_clashes(problems)
            if not problems.errors:
                routes_built.send(self, routes=self.routes, problems=problems)
        self.translations = self._load_translations(problems)
        if problems.errors:
            self._stop(problems)
        problems.report()
        self.context["catalogue"] = self.catalogue
        self.context["catalogue_routes"] = self.routes
        logger.info("Catalogue read in %.2f s: %d products, %d producers, %d regions, %d languages",
                    time.perf_counter() - started, len(self.catalogue.products), len(self.catalogue.producers),
                    len(self.catalogue.regions), len(self.languages))

    @property
    def cache_folder(self) -> Path:
        """Where builds keep what the next build can reuse (CATALOGUE_CACHE_PATH, else .cache beside the
        content folder): parsed content, QR codes, the search index."""
        return Path(self.settings.get("CATALOGUE_CACHE_PATH") or Path(self.path).parent / ".cache")

    def _load_translations(self, problems: Problems) -> dict:
        """Each language's theme strings; a language without a catalogue falls back to English."""
        folder = Path(self.theme) / "translations"
        translations = {}
        for lang in self.languages:
            translations[lang.code] = load_translations(folder, lang.code)
            if translations[lang.code] is None:
                problems.warning(folder, lang.code,
                                 f"no catalogue {lang.code}/LC_MESSAGES/messages.po: theme text stays in English")
                translations[lang.code] = load_translations(folder, "en")
        return translations

    def _check_url_clashes(self, problems: Problems) -> None:
        """Two pages at one URL (a page slug such as `san-pham`, an alias that is a live page)."""
        reserved = {MEDIA_DIR, self.settings["THEME_STATIC_DIR"]} | {lang.code for lang in self.languages}
        reserved |= {word for lang in self.languages for word in lang.words.values()}
        for route in self.routes:
            if route.page_type == "page" and route.key in reserved:
                problems.error(route.source.path, "file", f"the name {route.key!r} is reserved for the site's own "
                               "pages (map, search, photos, languages …); rename the page's folder or file")
        seen = {}
        for route in self.routes:
            for lang in self.languages[:1] if route.redirect else self.languages:
                path = route.path(lang)
                other = seen.setdefault(path, route)
                if other is route:
                    continue
                # the user-chosen path is to blame: an alias first, then an ordinary page's slug
                culprit = max((route, other), key=lambda r: (r.redirect, r.page_type == "page"))
                doc = culprit.source
                if culprit.redirect:
                    problems.error(doc.path, "aliases", f"{path} is already a page of the site; an alias must be "
                                   "an old path that no page uses any more", doc.line("aliases"))
                else:
                    problems.error(doc.path if doc else self.path, "file", f"this page would be written at {path}, "
                                   "where another page already is; rename its folder or file")

    def _stop(self, problems: Problems):
        problems.report()
        count = len(problems.errors)
        summary = (f"{count} error{'s' if count != 1 else ''} in the content: nothing was written, "
                   "the output folder is left as it was.")
        print(summary, file=sys.stderr)
        if {"-r", "--autoreload"} & set(sys.argv):  # keep `pelican --autoreload --listen` running
            # Pelican's watch loop rebuilds at once after an exception: wait for an edit first.
            print("Waiting for a change in the content or the theme to build again.", file=sys.stderr)
            wait_for_changes("", self.settings)
            raise ContentErrorsWhileWatching(summary)
        raise ContentErrors(count)

    # ---- phase 2: write ----------------------------------------------------------------------

    def generate_output(self, writer):
        started = time.perf_counter()
        output = Path(self.output_path)
        markdown = MarkdownRenderer()
        renderers = {lang.code: LanguageRenderer(self, lang, markdown) for lang in self.languages}
        self.plan = self._output_plan(output)
        # what each page is made from, to keep the unchanged ones (plugins use it too: open data, search)
        self.fingerprints = PageFingerprints(self, Path(self.path), self.per_page)
        steps = StepTimes()
        with steps("pages"):
            written, kept, processes = render_pages(self, renderers, output)
        with steps("sitemaps"):
            self._write_sitemaps(output, self.settings.get("SITEURL", ""))
        with steps("media"):
            self._copy_media(output)
        # the plugins' files (badges, QR codes, feeds, search index) are made here, in this process, by the
        # receivers of catalogue_written in PLUGINS order (as `send` calls them), each timed
        sites = {code: r.site for code, r in renderers.items()}
        for receiver in catalogue_written.receivers_for(self):
            with steps(StepTimes.name_of(receiver)):
                receiver(self, output=output, sites=sites)
        logger.info("Write steps: %s", steps)
        catalogue = self.catalogue
        console.print(f"Catalogue: {len(catalogue.products)} products, {len(catalogue.producers)} producers, "
                      f"{len(catalogue.regions)} regions → {written + kept} pages in "
                      f"{', '.join(lang.code for lang in self.languages)} ({written} made, {kept} unchanged), "
                      f"written in {time.perf_counter() - started:.2f} s"
                      + (f" ({processes} processes)" if processes > 1 else ""))

    def _output_plan(self, output: Path):
        """The plan every file of this build is written through (`output_plan.py`): the one a plugin
        returns for `output_plan_wanted` (atomic_output's keeps unchanged files), else `WriteEverything`."""
        plans = [plan for _receiver, plan in output_plan_wanted.send(self) if plan is not None]
        return plans[0] if plans else WriteEverything(output)

    def pagination(self, site, route):
        items = site.listing(route)
        per_page = self.per_page
        start = (route.page - 1) * per_page

        def url(page):
            return site.url(route.page_type, route.key, page)

        return {
            "items": items[start:start + per_page],
            "total": len(items),
            "page": route.page,
            "pages": route.pages,
            "first_index": start + 1,
            "last_index": min(start + per_page, len(items)),
            "prev_url": url(route.page - 1) if route.page > 1 else None,
            "next_url": url(route.page + 1) if route.page < route.pages else None,
            "urls": [(n, url(n)) for n in range(1, route.pages + 1)],
        }

    def _write_sitemaps(self, output: Path, siteurl: str) -> None:
        """sitemap.xml: every page in every language it is translated into, with those alternates (a page
        shown through a language's fallback chain is left out: its canonical URL is another language's), and
        for a product's or producer's pages the day its facts were last checked (`updated`) as `lastmod`.
        Past SITEMAP_MAX_URLS (50,000, the protocol's limit per file: the national catalogue has more) the
        URLs go into sitemap-1.xml, sitemap-2.xml … and sitemap.xml becomes their index."""
        limit = self.settings.get("SITEMAP_MAX_URLS", 50_000)
        urls = sum(route.indexable(lang) for route in self.routes for lang in self.languages)
        files = ["sitemap.xml"]
        if urls > limit:
            files += [f"sitemap-{n}.xml" for n in range(1, math.ceil(urls / limit) + 1)]

        def make():
            entries = []
            for route in self.routes:
                if route.redirect:
                    continue
                languages = [lang for lang in self.languages if route.indexable(lang)]
                alternates = [(lang.tag, siteurl + route.path(lang)) for lang in languages]
                lastmod = route.updated.isoformat() if route.updated else None
                for lang in languages:
                    entries.append((siteurl + route.path(lang), alternates, lastmod))
            parts = [entries[i:i + limit] for i in range(0, len(entries), limit)] if len(entries) > limit else []
            template = self.env.get_template("sitemap.xml")
            if not parts:
                write_text(output / "sitemap.xml", template.render(entries=entries))
            else:
                for name, part in zip(files[1:], parts):
                    write_text(output / name, template.render(entries=part))
                index = template.render(parts=[f"{siteurl}/{name}" for name in files[1:]])
                write_text(output / "sitemap.xml", index)

        self.plan.reuse(files, self.fingerprints.routes(self.routes), make)

    def _copy_media(self, output: Path) -> None:
        """Each photo's published files (renditions, or the original) under media/<section>/<slug>/;
        a file the output already has from the same source is kept."""
        catalogue = self.catalogue
        entries = [p.entry for p in catalogue.products] + [p.entry for p in catalogue.producers]
        entries += [s.entry for s in catalogue.shops]
        entries += [r.description for r in catalogue.regions.values() if r.description]
        for entry in entries:
            folder = f"{MEDIA_DIR}/{entry.section}/{entry.slug}"
            for photo in entry.photos.values():
                for name, source in photo.published_files():
                    stat = os.stat(source)
                    digest = f"{source}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"
                    target = output / folder / name
                    self.plan.reuse([f"{folder}/{name}"], digest, partial(_link_or_copy, source, target))


def _link_or_copy(source, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)  # same file system: no copy needed
    except OSError:
        shutil.copyfile(source, target)
