"""Open data: the catalogue as JSON and CSV, per language, with a versioned JSON Schema.

After every page is written (`catalogue_written`), each language gets
`<prefix>/open-data/catalogue.json` and `catalogue.csv` (`/open-data/…` for the default language,
`/en/open-data/…`, `/ko/open-data/…`); the schema is published once at `/open-data/catalogue.schema.json`.
Fields, column names, versioning and licence: docs/open-data.md.
"""

from __future__ import annotations

from pelican import signals as pelican_signals

from ocop.catalogue.generator import CatalogueGenerator
from ocop.catalogue.signals import catalogue_written

from .export import open_data_url, write_open_data


def add_template_globals(generator) -> None:
    if isinstance(generator, CatalogueGenerator):
        generator.env.globals["open_data_url"] = open_data_url


def register() -> None:
    pelican_signals.generator_init.connect(add_template_globals)
    catalogue_written.connect(write_open_data)
