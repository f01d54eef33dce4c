"""The Pelican plugins of the OCOP catalogue, one package per concern (listed in pelicanconf.PLUGINS).

- `catalogue`: the content types (products, producers, regions, pages), their schema, model and pages;
  `ocop.catalogue.api` is what the other plugins may use of it.
- `i18n`: languages, URL words, Vietnamese collation and slugs, locale formatting, theme catalogues.
- `images`, `links`, `maps`, `search`, `open_data`, `print_catalogue`, `security_headers`: one concern each.
- `atomic_output`: the staging folder and the output plan (what a build keeps from the previous output).
"""
