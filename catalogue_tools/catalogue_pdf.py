"""`invoke catalogue-pdf`: the printable trade-fair catalogue, one PDF per language, from the content.

The catalogue is read and validated exactly as a build reads it, photos get their renditions through
the image pipeline's cache (a later site build finds them there), and each language is printed by
plugins/ocop/print_catalogue. `invoke publish` uses `print_site_catalogues` to put the whole catalogue of
every language into the published site.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ocop.catalogue.views import MarkdownRenderer, Site
from ocop.images.pipeline import process as make_renditions
from ocop.images.settings import read_settings as image_settings
from ocop.print_catalogue import file_stem, site_file
from ocop.print_catalogue.document import PrintCatalogue
from ocop.print_catalogue.pdf import PrintedFile, PrintTheme
from ocop.print_catalogue.selection import SelectionError, select

from . import StaffError
from .context import LoadedCatalogue, languages_of, load_valid_catalogue, read_settings


def load_for_print(content="content", settings: dict | None = None) -> LoadedCatalogue:
    """The validated catalogue with its photo renditions (when the `images` plugin is on)."""
    loaded = load_valid_catalogue(content, settings, "no PDF was made.")
    if "ocop.images" in loaded.settings.get("PLUGINS", []):
        make_renditions(loaded.loader.photo_uses, image_settings(loaded.settings), loaded.problems, loaded.content)
        if loaded.problems.errors:
            loaded.problems.report(sys.stderr)
            raise StaffError("Some photos cannot be processed (see above): no PDF was made.")
    return loaded


def print_catalogues(content="content", langs: str = "", region: str = "", min_stars: str = "", group: str = "",
                     output: str = "", settings: dict | None = None) -> list[PrintedFile]:
    """One PDF per chosen language (`langs`: "vi,en"; empty: every language of the site)."""
    settings = settings if settings is not None else read_settings()
    codes = _language_codes(languages_of(settings), langs)  # wrong options are told before any work
    if output and len(codes) > 1:
        raise StaffError("--output: names one file, but the site has several languages; add --lang, e.g. "
                         f"--lang {codes[0]}")
    loaded = load_for_print(content, settings)
    try:
        selection = select(loaded.catalogue, region or None, min_stars or None, group or None)
    except SelectionError as exc:
        raise StaffError(str(exc)) from None
    languages = [next(lang for lang in loaded.languages if lang.code == code) for code in codes]
    stem = file_stem(loaded.settings)
    return _print(loaded, languages, selection, lambda lang: Path(output) if output else
                  Path("pdf") / f"{stem}-{lang.code}{selection.file_suffix}.pdf")


def print_site_catalogues(content, settings: dict, folder: Path) -> list[PrintedFile]:
    """The whole catalogue in every language, laid out as in the site (`danh-muc/ocop-hue-vi.pdf`,
    `en/catalogue/ocop-hue-en.pdf`) below `folder`, for the site build to publish and link."""
    loaded = load_for_print(content, settings)
    stem = file_stem(loaded.settings)
    return _print(loaded, loaded.languages, select(loaded.catalogue),
                  lambda lang: Path(folder) / site_file(lang, stem).lstrip("/"))


def _print(loaded: LoadedCatalogue, languages, selection, target_of) -> list[PrintedFile]:
    theme, renderer = PrintTheme(_theme(loaded.settings)), MarkdownRenderer()
    return [theme.write_pdf(_document(loaded, lang, selection, renderer), target_of(lang)) for lang in languages]


def _document(loaded: LoadedCatalogue, lang, selection, renderer) -> PrintCatalogue:
    site = Site(loaded.catalogue, lang, "", renderer, loaded.settings)
    return PrintCatalogue(site, selection, loaded.today, loaded.settings.get("SITENAME", ""))


def _language_codes(languages, langs: str) -> list[str]:
    """The codes of `--lang` ("vi,en"), checked against the site's languages; all of them when empty."""
    known = [lang.code for lang in languages]
    wanted = [code.strip() for code in langs.split(",") if code.strip()] or known
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise StaffError(f"--lang: {', '.join(unknown)} is not a language of the site; use one of "
                         f"{', '.join(known)} (CATALOGUE_LANGUAGES in pelicanconf.py)")
    return wanted


def _theme(settings: dict) -> Path:
    return Path(settings.get("THEME"))
