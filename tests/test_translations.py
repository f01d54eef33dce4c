"""Theme translations: every string of the templates is in each language's catalogue, translated."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import ROOT

TRANSLATIONS = ROOT / "theme" / "translations"


def placeholders(text: str) -> set:
    import re
    return set(re.findall(r"%\(\w+\)s|\{\w+\}", text))


def template_messages() -> set:
    method_map = [("**.html", "jinja2")]
    options = {"**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "theme" / "templates", method_map, options_map=options):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_templates_have_translatable_strings():
    assert {"Products", "OCOP %(n)s-star", "Not yet translated"} <= template_messages()


def test_every_site_language_but_english_has_a_catalogue():
    from catalogue_tools.context import languages_of, read_settings

    codes = [lang.code for lang in languages_of(read_settings())]
    assert codes == ["vi", "en", "ko", "zh", "ja", "fr"]
    for code in codes:
        assert code == "en" or (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").is_file(), code


def test_every_template_string_is_translated_in_every_catalogue():
    messages = template_messages()
    catalogues = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    assert catalogues, "no translation catalogue"
    for po_path in catalogues:
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        translated = {}
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            translated[key] = all(strings) and not message.fuzzy
            for text in filter(None, strings):  # placeholders kept: %(n)s, {n}
                assert placeholders(key) == placeholders(text), (po_path.parent.parent.name, key, text)
        missing = sorted(m for m in messages if not translated.get(m))
        assert not missing, f"{po_path.relative_to(ROOT)}: untranslated: {missing}"
