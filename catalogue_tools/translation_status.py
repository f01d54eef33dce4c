"""The translation report of `invoke translations`: per language, the theme's strings translated and the
products and producers that have a translation file (`index.<lang>.md`), naming the missing ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from ocop.i18n.translations import SOURCE_LANGUAGE, catalogue_path

from .context import content_folder, languages_of, read_settings

SECTIONS = ("products", "producers")


@dataclass
class LanguageStatus:
    code: str
    ui_translated: int
    ui_total: int
    ui_source: bool = False  # the templates are written in this language
    ui_missing_catalogue: bool = False
    bundles: dict = field(default_factory=dict)  # section → (translated slugs, missing slugs)


def ui_strings(po_path: Path) -> tuple[int, int]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    done = sum(1 for m in messages if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,)))
    return done, len(messages)


def translation_status(content="content", settings=None, theme_translations: Path | None = None) -> list:
    settings = settings if settings is not None else read_settings()
    folder = content_folder(content)
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
        for section in SECTIONS if not lang.is_default else ():  # the default language is the original
            slugs = sorted(p.parent.name for p in (folder / section).glob("*/index.md"))
            done = [s for s in slugs if (folder / section / s / f"index.{lang.code}.md").is_file()]
            status.bundles[section] = (done, [s for s in slugs if s not in done])
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
        for section, (done, missing) in status.bundles.items():
            lines.append(f"  {section} translated: {len(done)}/{len(done) + len(missing)}")
            if missing:
                lines.append(f"    missing: {', '.join(missing)}")
    return "\n".join(lines)
