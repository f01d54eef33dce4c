"""Print HTML from the theme's Jinja2 templates (theme/templates/print/), turned into PDF by WeasyPrint.

The templates are autoescaped and translated with the theme's own Babel catalogues, like the site's
pages; the print stylesheet and the embedded fonts live in theme/print/. WeasyPrint is imported only
here, so a site build that does not print never loads it.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ocop.i18n.translations import SOURCE_LANGUAGE, load_translations
from ocop.links import site_badge
from ocop.links.badges import FONT as BADGE_FONT

from .document import PrintCatalogue

TEMPLATE = "print/catalogue.html"


@dataclass(frozen=True)
class PrintedFile:
    path: Path
    pages: int
    size: int  # bytes


class PrintTheme:
    """The theme's print templates and translations, loaded once for every language."""

    def __init__(self, theme: Path):
        self.theme = Path(theme)
        self.assets = self.theme / "print"  # print.css and fonts/: relative URLs of the print HTML
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(self.theme / "templates")),
                                      autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                      extensions=["jinja2.ext.i18n"])
        self.env.globals.update(site_badge=site_badge, badge_font=BADGE_FONT.as_uri())
        self._translations: dict[str, gettext.NullTranslations] = {}

    def translations(self, lang: str) -> gettext.NullTranslations:
        """The language's theme catalogue; a language without one prints in English."""
        if lang not in self._translations:
            folder = self.theme / "translations"
            self._translations[lang] = load_translations(folder, lang) or load_translations(folder, SOURCE_LANGUAGE)
        return self._translations[lang]

    def html(self, document: PrintCatalogue) -> str:
        translations = self.translations(document.site.lang.code)
        document.site.gettext = translations.gettext  # texts made in Python: the badges, the opening hours
        document.site.module = self.modules(document.site)
        self.env.install_gettext_translations(translations, newstyle=True)
        return self.env.get_template(TEMPLATE).render(doc=document, site=document.site)

    def modules(self, site):
        """`site.module(name)` for the print templates, as the site's renderer gives it to the pages: a partial
        (partials/visit.html's opening hours) as a module bound to `site`, made once per document."""
        made = {}

        def module(name: str):
            if name not in made:
                made[name] = self.env.get_template(name).make_module({"site": site})
            return made[name]
        return module

    def write_pdf(self, document: PrintCatalogue, target: Path) -> PrintedFile:
        from weasyprint import HTML

        rendered = HTML(string=self.html(document), base_url=str(self.assets) + "/").render()
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        rendered.write_pdf(target, pdf_tags=True)  # tagged: screen readers and reflow read it in order
        return PrintedFile(target, len(rendered.pages), target.stat().st_size)
