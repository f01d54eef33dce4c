"""`invoke translations`: the status report per language (theme strings, products, producers; stale
translations: test_stale_translations.py)."""

from __future__ import annotations

from catalogue_tools.translation_status import translation_status, ui_strings
from conftest import ROOT, run_invoke


def test_status_report(catalogue):
    catalogue.translation("producers", "htx-a", "en", title="Tan My cooperative", summary="A cooperative.")
    result = run_invoke("translations", "--status-only", "--content", str(catalogue.root))
    assert result.returncode == 0, result.stderr
    done, total = ui_strings(ROOT / "theme/translations/vi/LC_MESSAGES/messages.po")
    assert total > 50 and done == total
    assert result.stdout.splitlines() == [
        "vi: (default language of the content)",
        f"  theme strings translated: {done}/{total}",
        "en:",
        "  theme strings: written in this language (nothing to translate)",
        "  fallback chain: en → vi",
        "  products translated: 1/3",
        "    shown in vi (not yet translated): 2: ao-dai, dau-tram",
        "    not yet marked current: 1: nuoc-mam",  # never marked: unknown, not stale (test_stale_translations.py)
        "  producers translated: 1/2",
        "    shown in vi (not yet translated): 1: ho-dung",
        "    not yet marked current: 1: htx-a",
    ] + [line for lang in ("ko", "zh", "ja", "fr") for line in (
        f"{lang}:",
        f"  theme strings translated: {done}/{total}",
        f"  fallback chain: {lang} → en → vi",
        "  products translated: 0/3",
        "    shown in en (not yet translated): 1: nuoc-mam",  # the fallback chain's English text
        "    shown in vi (not yet translated): 2: ao-dai, dau-tram",
        "  producers translated: 0/2",
        "    shown in en (not yet translated): 1: htx-a",
        "    shown in vi (not yet translated): 1: ho-dung",
    )] + ["Once a translation matches its index.md, record it: invoke translations --mark-current FILE "
          "(a translation file, a folder, or all)"]


def test_status_report_follows_a_configured_fallback_chain(catalogue):
    from catalogue_tools.context import read_settings

    settings = dict(read_settings(), CATALOGUE_FALLBACKS={"fr": ["vi"]})
    statuses = {s.code: s for s in translation_status(catalogue.root, settings)}
    assert statuses["fr"].chain == ("fr", "vi")
    assert statuses["fr"].shown["products"] == {"vi": ["ao-dai", "dau-tram", "nuoc-mam"]}
    assert statuses["ko"].shown["products"] == {"en": ["nuoc-mam"], "vi": ["ao-dai", "dau-tram"]}


def test_a_language_without_a_theme_catalogue(catalogue, tmp_path):
    from catalogue_tools.context import read_settings

    settings = dict(read_settings(), CATALOGUE_LANGUAGES=["vi", "en", "de"])
    statuses = {s.code: s for s in translation_status(catalogue.root, settings)}
    assert statuses["de"].ui_missing_catalogue
    assert statuses["de"].bundles["products"] == ([], ["ao-dai", "dau-tram", "nuoc-mam"])
