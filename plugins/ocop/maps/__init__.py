"""Region maps drawn at build time as inline SVG, without JavaScript or a tile server.

The map page (`/ban-do/`, `/en/map/`) shades every region by its number of products and marks the
producers that have a `location`; region, product and producer pages carry a small locator map.
The geometry is projected and simplified once per build (`atlas.Atlas`); templates draw it with the
macros of `theme/templates/partials/maps.html`.
"""

from __future__ import annotations

import logging
import time

from ocop.catalogue.routes import Route
from ocop.catalogue.signals import routes_adding

from .atlas import Atlas

logger = logging.getLogger(__name__)


def map_route(generator, catalogue, problems) -> list[Route]:
    """The map page, and the shared geometry every map of the build draws from."""
    started = time.perf_counter()
    atlas = Atlas(catalogue)
    generator.env.globals["atlas"] = atlas
    logger.info("Maps: %d regions projected in %.2f s", len(atlas.regions), time.perf_counter() - started)
    return [Route("map", None, "map.html", lambda site: {"region_map": atlas.view(site)})]


def register():
    routes_adding.connect(map_route)

