"""The translation report of `invoke translations`: per language, the theme's strings translated, the
products, producers and sales points that have a translation file (`index.<lang>.md`), and for the others
the language their pages show instead (the first translation along the language's fallback chain,
CATALOGUE_FALLBACKS), naming them; then the translations that may be out of date (a translatable text of their
index.md changed since they were marked current: `translated_from`, staleness.py) and, apart, those never
marked current (unknown, not stale)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from ocop.catalogue.errors import Problems, display_path
from ocop.catalogue.loader import CatalogueLoader
from ocop.i18n.translations import SOURCE_LANGUAGE, catalogue_path

from .context import content_folder, languages_of, read_settings, today_of

SECTIONS = ("products", "producers", "shops")


@dataclass
class LanguageStatus:
    code: str
    ui_translated: int
    ui_total: int
    ui_source: bool = False  # the templates are written in this language
    ui_missing_catalogue: bool = False
    chain: tuple = ()  # the language's fallback chain, itself first
    bundles: dict = field(default_factory=dict)  # section → (translated slugs, missing slugs)
    # section → {language shown: slugs}: where the missing ones fall back to along the chain
    shown: dict = field(default_factory=dict)
    stale: list = field(default_factory=list)  # (translation file, the texts of index.md changed since)
    unmarked: dict = field(default_factory=dict)  # section → slugs of translations never marked current


def ui_strings(po_path: Path) -> tuple[int, int]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    done = sum(1 for m in messages if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,)))
    return done, len(messages)


def translation_entries(folder: Path, settings: dict) -> tuple[list, Problems]:
    """Every entry of the catalogue (products, producers, sales points, region descriptions, pages) as the
    build reads its files, each on its own (nothing cross-checked), with the problems found."""
    problems = Problems()
    loader = CatalogueLoader(folder, languages_of(settings), today_of(settings), problems)
    files = loader.read_files()
    return [*files.products, *files.producers, *files.shops, *files.region_descriptions, *files.pages], problems


def translation_status(content="content", settings=None, theme_translations: Path | None = None) -> list:
    settings = settings if settings is not None else read_settings()
    folder = content_folder(content)
    entries, _problems = translation_entries(folder, settings)  # a file with errors: `invoke check` says
    theme_translations = theme_translations or Path(settings["THEME"]) / "translations"
    languages = languages_of(settings)
    statuses = []
    for lang in languages:
        po = catalogue_path(theme_translations, lang.code)
        if lang.code == SOURCE_LANGUAGE:
            status = LanguageStatus(lang.code, 0, 0, ui_source=True)
        elif po.is_file():
            status = LanguageStatus(lang.code, *ui_strings(po))
        else:
            status = LanguageStatus(lang.code, 0, 0, ui_missing_catalogue=True)
        status.chain = lang.chain
        for section in SECTIONS if not lang.is_default else ():  # the default language is the original
            slugs = sorted(p.parent.name for p in (folder / section).glob("*/index.md"))
            if not slugs:
                continue
            done = [s for s in slugs if (folder / section / s / f"index.{lang.code}.md").is_file()]
            missing = [s for s in slugs if s not in done]
            status.bundles[section] = (done, missing)
            shown = status.shown[section] = {}
            for slug in missing:
                code = next(c for c in lang.chain[1:] if c == languages[0].code
                            or (folder / section / slug / f"index.{c}.md").is_file())
                shown.setdefault(code, []).append(slug)
        for entry in entries if not lang.is_default else ():
            if not entry.is_translated(lang.code):
                continue
            if entry.translated_from(lang.code) is None:
                status.unmarked.setdefault(entry.section, []).append(entry.slug)
            elif stale := entry.stale_fields(lang.code):
                status.stale.append((entry.texts[lang.code].path, stale))
        statuses.append(status)
    return statuses


def format_status(statuses: list) -> str:
    lines = []
    for status in statuses:
        lines.append(f"{status.code}:" + ("" if status.bundles else " (default language of the content)"))
        if status.ui_source:
            lines.append("  theme strings: written in this language (nothing to translate)")
        elif status.ui_missing_catalogue:
            lines.append(f"  theme strings: no catalogue yet (invoke translations --add {status.code})")
        else:
            lines.append(f"  theme strings translated: {status.ui_translated}/{status.ui_total}")
        if status.bundles:
            lines.append(f"  fallback chain: {' → '.join(status.chain)}")
        for section, (done, missing) in status.bundles.items():
            lines.append(f"  {section} translated: {len(done)}/{len(done) + len(missing)}")
            for code, slugs in sorted(status.shown[section].items(), key=lambda item: status.chain.index(item[0])):
                lines.append(f"    shown in {code} (not yet translated): {len(slugs)}: {', '.join(slugs)}")
            lines += unmarked_line("    ", status.unmarked.get(section))
        for section, slugs in status.unmarked.items():
            if section not in status.bundles:  # pages and region descriptions
                lines += unmarked_line(f"  {section}: ", slugs)
        for path, stale in status.stale:
            lines.append(f"  {display_path(path)}: {stale_message(stale)}")
    if any(status.stale or status.unmarked for status in statuses):
        lines.append("Once a translation matches its index.md, record it: invoke translations --mark-current FILE "
                     "(a translation file, a folder, or all)")
    return "\n".join(lines)


def unmarked_line(prefix: str, slugs) -> list[str]:
    return [f"{prefix}not yet marked current: {len(slugs)}: {', '.join(slugs)}"] if slugs else []


def stale_message(stale: list[str]) -> str:
    """What `invoke translations` and `invoke check` say of a translation that may be out of date."""
    return f"may be out of date: {', '.join(stale)} changed since it was marked current"
