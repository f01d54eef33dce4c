"""`invoke translations`: the status report per language (theme strings, products, producers)."""

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
        "  products translated: 1/3",
        "    missing: ao-dai, dau-tram",
        "  producers translated: 1/2",
        "    missing: ho-dung",
    ] + [line for lang in ("ko", "zh", "ja", "fr") for line in (
        f"{lang}:",
        f"  theme strings translated: {done}/{total}",
        "  products translated: 0/3",
        "    missing: ao-dai, dau-tram, nuoc-mam",
        "  producers translated: 0/2",
        "    missing: ho-dung, htx-a",
    )]


def test_a_language_without_a_theme_catalogue(catalogue, tmp_path):
    from catalogue_tools.context import read_settings

    settings = dict(read_settings(), CATALOGUE_LANGUAGES=["vi", "en", "de"])
    statuses = {s.code: s for s in translation_status(catalogue.root, settings)}
    assert statuses["de"].ui_missing_catalogue
    assert statuses["de"].bundles["products"] == ([], ["ao-dai", "dau-tram", "nuoc-mam"])
