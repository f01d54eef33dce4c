"""`invoke catalogue-pdf`: the printable trade-fair catalogue, one PDF per language, from the content.

The catalogue is read and validated exactly as a build reads it, photos get their renditions through
the image pipeline's cache (a later site build finds them there), and each language is printed by
plugins/print_catalogue. `invoke publish` uses `print_site_catalogues` to put the whole catalogue of
every language into the published site.
"""

from __future__ import annotations

import sys
from pathlib import Path

from catalogue.views import MarkdownRenderer, Site
from images.pipeline import process as make_renditions
from images.settings import read_settings as image_settings
from print_catalogue import file_stem, site_file
from print_catalogue.document import PrintCatalogue
from print_catalogue.pdf import PrintedFile, PrintTheme
from print_catalogue.selection import SelectionError, select

from . import StaffError
from .context import LoadedCatalogue, load_catalogue


def load_for_print(content="content", settings: dict | None = None) -> LoadedCatalogue:
    """The validated catalogue with its photo renditions (when the `images` plugin is on)."""
    loaded = load_catalogue(content, settings)
    if loaded.problems.errors or loaded.catalogue is None:
        loaded.problems.report(sys.stderr)
        count = len(loaded.problems.errors)
        raise StaffError(f"{count} error{'s' if count != 1 else ''} in the content (see `invoke check`): "
                         "no PDF was made.")
    if "images" in loaded.settings.get("PLUGINS", []):
        make_renditions(loaded.loader.photo_uses, image_settings(loaded.settings), loaded.problems, loaded.content)
        if loaded.problems.errors:
            loaded.problems.report(sys.stderr)
            raise StaffError("Some photos cannot be processed (see above): no PDF was made.")
    return loaded


def print_catalogues(content="content", langs: str = "", region: str = "", min_stars: str = "", group: str = "",
                     output: str = "", settings: dict | None = None) -> list[PrintedFile]:
    """One PDF per chosen language (`langs`: "vi,en"; empty: every language of the site)."""
    loaded = load_for_print(content, settings)
    languages = _languages(loaded, langs)
    try:
        selection = select(loaded.catalogue, region or None, min_stars or None, group or None)
    except SelectionError as exc:
        raise StaffError(str(exc)) from None
    if output and len(languages) > 1:
        raise StaffError("--output: names one file, but the site has several languages; add --lang, e.g. "
                         f"--lang {languages[0].code}")
    theme, renderer = PrintTheme(_theme(loaded.settings)), MarkdownRenderer()
    printed = []
    for lang in languages:
        target = Path(output) if output else \
            Path("pdf") / f"{file_stem(loaded.settings)}-{lang.code}{selection.file_suffix}.pdf"
        printed.append(theme.write_pdf(_document(loaded, lang, selection, renderer), target))
    return printed


def print_site_catalogues(content, settings: dict, folder: Path) -> list[PrintedFile]:
    """The whole catalogue in every language, laid out as in the site (`danh-muc/ocop-hue-vi.pdf`,
    `en/catalogue/ocop-hue-en.pdf`) below `folder`, for the site build to publish and link."""
    loaded = load_for_print(content, settings)
    selection = select(loaded.catalogue)
    theme, renderer = PrintTheme(_theme(loaded.settings)), MarkdownRenderer()
    return [theme.write_pdf(_document(loaded, lang, selection, renderer),
                            Path(folder) / site_file(lang, file_stem(loaded.settings)).lstrip("/"))
            for lang in loaded.languages]


def _document(loaded: LoadedCatalogue, lang, selection, renderer) -> PrintCatalogue:
    site = Site(loaded.catalogue, lang, "", renderer, loaded.settings)
    return PrintCatalogue(site, selection, loaded.today, loaded.settings.get("SITENAME", ""))


def _languages(loaded: LoadedCatalogue, langs: str) -> list:
    if not langs:
        return loaded.languages
    by_code = {lang.code: lang for lang in loaded.languages}
    wanted = [code.strip() for code in langs.split(",") if code.strip()]
    unknown = [code for code in wanted if code not in by_code]
    if unknown:
        raise StaffError(f"--lang: {', '.join(unknown)} is not a language of the site; use one of "
                         f"{', '.join(by_code)} (CATALOGUE_LANGUAGES in pelicanconf.py)")
    return [by_code[code] for code in wanted]


def _theme(settings: dict) -> Path:
    return Path(settings.get("THEME"))
