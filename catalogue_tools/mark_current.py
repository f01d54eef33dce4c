"""`invoke translations --mark-current FILE`: record in a translation that it matches its index.md as it is now.

The record is the translation's `translated_from` field: a short digest of each translatable text of
index.md (plugins/ocop/catalogue/staleness.py), written on one line in place of the previous record, or as the
last field; the rest of the file keeps its bytes (`bundles.set_field`). From then on `invoke translations`
and `invoke check` say which of those texts changed since ("may be out of date: summary, body changed since").

FILE is a translation file (`index.en.md`, a page's `gioi-thieu.en.md`), a folder (every translation in it:
one product, or `content/products`), or `all` (every translation of the catalogue, for the first adoption).
Nothing is written unless every file named can be marked: index.md read without errors (its digests are
those of its clean fields) and the translation readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ocop.catalogue import staleness
from ocop.catalogue.errors import display_path

from . import ROOT, StaffError
from .bundles import set_field
from .context import content_folder, read_settings
from .translation_status import translation_entries

ALL = "all"


@dataclass
class Marked:
    path: Path  # the translation file
    changed: bool  # False: its record was already that of index.md as it is
    stale: list[str] | None  # what had changed since its previous record; None: it had none


def _target(name: str) -> Path:
    path = Path(name)
    if not path.exists() and not path.is_absolute() and (ROOT / path).exists():
        path = ROOT / path
    if not path.exists():
        raise StaffError(f"--mark-current: {name}: no such file or folder (give a translation file such as "
                         f"content/products/<slug>/index.en.md, a folder, or {ALL})")
    return path.resolve()


def mark_current(targets, content="content", settings=None) -> list[Marked]:
    """Mark the translations `targets` name current (see the module's doc); returns what was done, in order."""
    settings = settings if settings is not None else read_settings()
    folder = content_folder(content).resolve()
    entries, problems = translation_entries(folder, settings)
    translations = {}  # translation file → (entry, language)
    sources = {}  # index.md → its entry
    for entry in entries:
        sources[entry.texts[entry.default_lang].path.resolve()] = entry
        for lang, text in entry.texts.items():
            if lang != entry.default_lang:
                translations[text.path.resolve()] = entry, lang
    chosen, wrong = {}, []
    for name in targets:
        paths = [folder] if name == ALL else [_target(name)]
        if not paths[0].is_relative_to(folder):
            wrong.append(f"--mark-current: {name}: not in the catalogue folder {display_path(folder)} (--content)")
            continue
        if paths[0].is_dir():
            found = [p for p in translations if p.is_relative_to(paths[0])]
            found += [p for p in sorted(paths[0].rglob("*.*.md")) if p not in translations]  # unreadable ones
            if not found:
                wrong.append(f"--mark-current: {name}: no translation files (index.<lang>.md) in it")
            paths = sorted(found)
        for path in paths:
            if path in translations:
                chosen[path] = translations[path]
            elif path in sources:
                wrong.append(f"{display_path(path)}: is the default-language file; mark its translations "
                             f"(index.<lang>.md) once they match it")
            else:
                wrong.append(f"{display_path(path)}: is not a translation the catalogue can read; fix it first "
                             "(invoke check)")
    for path, (entry, _lang) in chosen.items():
        source = entry.texts[entry.default_lang].path
        if any(p.path == display_path(source) for p in problems.errors):
            wrong.append(f"{display_path(path)}: its {source.name} has errors; fix them first (invoke check), "
                         "then mark the translation")
    if wrong:
        raise StaffError("\n".join(dict.fromkeys(wrong)) + "\nNothing was marked.")
    marked = []
    for path, (entry, lang) in chosen.items():
        record = staleness.record(entry.source_digests)
        previous = entry.translated_from(lang)
        changed = previous != record and set_field(path, staleness.FIELD, record)
        marked.append(Marked(path, changed, None if previous is None else entry.stale_fields(lang)))
    return marked


def format_marked(marked: list[Marked]) -> str:
    lines = []
    for mark in marked:
        if not mark.changed:
            lines.append(f"{display_path(mark.path)}: already marked current")
        elif mark.stale:
            lines.append(f"{display_path(mark.path)}: marked current ({', '.join(mark.stale)} had changed)")
        else:
            lines.append(f"{display_path(mark.path)}: marked current")
    return "\n".join(lines)
