"""The OCOP catalogue: products, producers, regions and pages as content types of their own.

Registers `CatalogueGenerator`, which reads `products/`, `producers/`, `regions/` and `pages/` of the
content folder (content contract v1) and writes every page type in every configured language.
"""

from pelican import signals as pelican_signals


def get_generators(pelican):
    from .generator import CatalogueGenerator  # here, not at import: staff tools import the model alone

    return CatalogueGenerator


def register():
    pelican_signals.get_generators.connect(get_generators)
