"""Theme string catalogues: gettext `.po` files managed with Babel, compiled in memory at build time.

Template strings are written in English (the msgid). A language's catalogue lives at
`theme/translations/<lang>/LC_MESSAGES/messages.po`; English needs none. Compiling in memory means
a build always uses the current `.po` text and no compiled `.mo` file is ever kept by hand.
"""

from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

SOURCE_LANGUAGE = "en"  # the language of the msgids in templates
DOMAIN = "messages"


def catalogue_path(translations_dir: Path, lang: str) -> Path:
    return Path(translations_dir) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(translations_dir: Path, lang: str) -> gettext.NullTranslations | None:
    """Compiled translations for `lang`, or None when the language has no catalogue."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    po_path = catalogue_path(translations_dir, lang)
    if not po_path.is_file():
        return None
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
