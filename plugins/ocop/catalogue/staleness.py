"""Stale translations: which translatable texts of index.md changed since a translation was marked current.

A translation file records what it was translated from, one short digest per translatable text of index.md
(field names as the content contract writes them, and `body` for the Markdown body):

    translated_from: {title: 3f9a1c, summary: 07bd2e, images: 5d0b71, body: 9e41aa}

`invoke translations --mark-current FILE` writes it when the translation matches its index.md. Comparing it
with the digests of index.md today names the texts that changed since ("summary, body"): the translation may
be out of date. A fact (stars, a price, a phone number) is not a translatable text: changing it never makes a
translation stale. The digests come from the text alone (NFC, as the loader reads it), not from file dates
or the git history, so a fresh checkout, a CI runner and a copy from a USB stick agree. A translation
without a record is "not yet marked": unknown, not stale.

This module knows the schemas only by their shape (a schema has `fields`, a list check has `item`), so that
schema.py can use it for the record's own rule.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from .errors import Invalid

FIELD = "translated_from"  # the record's field in a translation's front matter
BODY = "body"
DIGEST_LENGTH = 6  # hex digits of SHA-256: a change goes unnoticed once in 16.7 million
DIGEST_RE = re.compile(rf"[0-9a-f]{{{DIGEST_LENGTH}}}")
# The translatable texts in the order of the content contract ("Translation files"; `image_alt` of region
# descriptions beside `images`): the order messages name them in. A new translatable field goes here too
# (tests/test_stale_translations.py checks that every one of the schemas has its place).
ORDER = ("title", "summary", "images", "image_alt", "price.unit", "specs", "tags", "address",
         "trade.min_order.unit", "trade.capacity.unit", "trade.port", "visit.duration", "certifications",
         "contact_person", BODY)


def _texts(schema, prefix: tuple = ()):
    """(path, check) of every translatable text of `schema`: a nested mapping (price, trade) gives its own
    translatable texts (`price.unit`); a list (images, certifications) or a mapping of text (specs) is one."""
    for spec in schema.fields:
        if not spec.translatable or getattr(spec, "translation_only", False):
            continue
        if hasattr(spec.check, "fields"):
            yield from _texts(spec.check, (*prefix, spec.name))
        else:
            yield (*prefix, spec.name), spec.check


_UNITS: dict[int, tuple] = {}  # id(schema) → (schema, [(name, path, check)], the body last)


def units(schema) -> list[tuple[str, tuple, object]]:
    """(name, path in the fields, check) of each translatable text of `schema`, in the contract's order."""
    cached = _UNITS.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    found = [(".".join(path), path, check) for path, check in _texts(schema)]
    found.sort(key=lambda unit: ORDER.index(unit[0]) if unit[0] in ORDER else ORDER.index(BODY) - 0.5)
    _UNITS[id(schema)] = schema, [*found, (BODY, (), None)]  # kept alive: its id is not reused
    return _UNITS[id(schema)][1]


def names(schema) -> list[str]:
    """The names a record of `schema` may hold, in the contract's order."""
    return [name for name, _path, _check in units(schema)]


def _dig(fields, path):
    for key in path:
        fields = fields.get(key) if isinstance(fields, dict) else None
    return fields


def _translatable_part(value, check):
    """Of a list of mappings (images, certifications), only what a translation translates: each photo's
    `file` and `alt`, each certification's `name`; a certificate's number or dates are facts."""
    item = getattr(check, "item", None)
    if isinstance(value, list) and hasattr(item, "fields"):
        keys = [spec.name for spec in item.fields if spec.translatable]
        return [{key: v.get(key) for key in keys} if isinstance(v, dict) else v for v in value]
    return value


def digest(value) -> str | None:
    """The short digest of a text (or of a list or mapping of texts, as JSON); None for nothing."""
    if value is None or value == "" or value == [] or value == {}:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                                                           default=str)
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def digests(schema, fields: dict, body: str | None) -> dict[str, str | None]:
    """name → digest of every translatable text of a default-language file (its clean `fields` and Markdown
    `body`), in the contract's order; None for a text the file does not have."""
    return {name: digest((body or "").strip()) if name == BODY else
            digest(_translatable_part(_dig(fields, path), check))
            for name, path, check in units(schema)}


def record(source_digests: dict) -> dict[str, str]:
    """The `translated_from` record of a translation that matches a file with these digests."""
    return {name: value for name, value in source_digests.items() if value is not None}


def changed(recorded: dict, source_digests: dict) -> list[str]:
    """The names whose digest differs between a translation's record and index.md today (one that index.md
    gained or lost counts), in the contract's order."""
    return [name for name, value in source_digests.items() if recorded.get(name) != value]


def digest_check(value, source=None):
    """A digest of a record, as `--mark-current` writes it. Six digits without quotes are a number to YAML
    (`012345` even an octal one): the text as written is taken instead."""
    if isinstance(value, int) and not isinstance(value, bool) and source is not None:
        value = source
    if not isinstance(value, str) or not DIGEST_RE.fullmatch(value):
        got = repr(value) if isinstance(value, str) else "a list" if isinstance(value, list) else \
            "a set of fields" if isinstance(value, dict) else str(value)
        raise Invalid(f"must be {DIGEST_LENGTH} hexadecimal digits (0-9, a-f), as `invoke translations "
                      f"--mark-current` writes them, got {got}; once the translation matches index.md, run "
                      "it on this file to write the record again")
    return value


digest_check.describe = f"{DIGEST_LENGTH} hexadecimal digits, written by invoke translations --mark-current"
digest_check.uses_source = True
