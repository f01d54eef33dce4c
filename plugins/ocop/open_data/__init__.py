"""Open data: the catalogue as JSON and CSV, per language, with a versioned JSON Schema.

After every page is written (`catalogue_written`), each language gets
`<prefix>/open-data/catalogue.json` and `catalogue.csv` (`/open-data/…` for the default language,
`/en/open-data/…`, `/ko/open-data/…`); the schema is published once at `/open-data/catalogue.schema.json`.
Fields, column names, versioning and licence: docs/open-data.md.
"""

from __future__ import annotations

from ocop.catalogue.api import catalogue_ready, catalogue_written

from .export import open_data_url, write_open_data


def template_globals(generator, catalogue, problems) -> dict:
    """`open_data_url(site, name)` for the templates (`catalogue_ready`): every page footer links the files."""
    return {"open_data_url": open_data_url}


def register() -> None:
    catalogue_ready.connect(template_globals)
    catalogue_written.connect(write_open_data)
