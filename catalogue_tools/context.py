"""The catalogue as the build sees it: settings, languages and the loader, without writing anything."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
import sys
from pathlib import Path

from . import ROOT, StaffError

from ocop.catalogue import programme
from ocop.catalogue.errors import Problems
from ocop.catalogue.loader import CatalogueLoader
from ocop.catalogue.model import Catalogue
from ocop.catalogue.photos import DEFAULT_MAX_MEGABYTES, DEFAULT_MAX_MEGAPIXELS
from ocop.i18n.languages import LanguageError, configure_languages


def read_settings(settings_file: str | Path = "pelicanconf.py") -> dict:
    """Pelican's settings from a settings file of the project (relative to the project folder)."""
    from pelican.settings import read_settings as pelican_settings

    path = Path(settings_file)
    path = path if path.is_absolute() else ROOT / path
    if not path.is_file():
        raise StaffError(f"{path}: settings file not found")
    return pelican_settings(str(path))


def today_of(settings: dict) -> datetime.date:
    return programme.build_date(settings.get("CATALOGUE_TODAY"))


def languages_of(settings: dict):
    try:
        return configure_languages(settings.get("CATALOGUE_LANGUAGES", ["vi", "en"]),
                                   settings.get("CATALOGUE_URL_WORDS"), settings.get("CATALOGUE_FALLBACKS"))
    except LanguageError as exc:
        raise StaffError(f"pelicanconf.py: {exc.setting}: {exc}") from None


def content_folder(content: str | Path) -> Path:
    path = Path(content)
    path = path if path.is_absolute() or path.exists() else ROOT / path
    if not path.is_dir():
        raise StaffError(f"{content}: no such catalogue folder (it holds products/, producers/, regions/)")
    return path


@dataclass
class LoadedCatalogue:
    content: Path
    settings: dict
    languages: list
    today: datetime.date
    problems: Problems
    loader: CatalogueLoader
    catalogue: Catalogue | None  # None when the content has errors


def load_catalogue(content: str | Path = "content", settings: dict | None = None) -> LoadedCatalogue:
    """Read and validate the whole catalogue exactly as a build does; nothing is written."""
    settings = settings if settings is not None else read_settings()
    folder = content_folder(content)
    languages = languages_of(settings)
    problems = Problems()
    loader = CatalogueLoader(folder, languages, today_of(settings), problems,
                             settings.get("CATALOGUE_MAX_MEGAPIXELS", DEFAULT_MAX_MEGAPIXELS),
                             settings.get("CATALOGUE_MAX_MEGABYTES", DEFAULT_MAX_MEGABYTES))
    catalogue = loader.load()
    return LoadedCatalogue(folder, settings, languages, loader.today, problems, loader, catalogue)


def load_valid_catalogue(content: str | Path, settings: dict | None, nothing_made: str) -> LoadedCatalogue:
    """`load_catalogue`, for a tool that makes something from the catalogue: with errors in the content it
    reports them and stops with one line ending in `nothing_made` ("no PDF was made.")."""
    loaded = load_catalogue(content, settings)
    if loaded.problems.errors or loaded.catalogue is None:
        loaded.problems.report(sys.stderr)
        errors = len(loaded.problems.errors)
        raise StaffError(f"{errors} error{'s' if errors != 1 else ''} in the content (see `invoke check`): "
                         f"{nothing_made}")
    return loaded
