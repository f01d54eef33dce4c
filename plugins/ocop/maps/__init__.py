"""Region maps drawn at build time as inline SVG, without JavaScript or a tile server.

The map page (`/ban-do/`, `/en/map/`) shades every region by its number of products and marks the
producers that have a `location`; region, product and producer pages carry a small locator map.
The geometry is projected and simplified once per build (`atlas.Atlas`), when the catalogue is ready, and
given to every template as `atlas`; templates draw it with the macros of `theme/templates/partials/maps.html`
(`atlas.view(site)` on the map page, `atlas.locator(site, …)` elsewhere).
"""

from __future__ import annotations

import logging
import time

from ocop.catalogue.api import Route, catalogue_ready, routes_adding

from .atlas import Atlas

logger = logging.getLogger(__name__)


def prepare_atlas(generator, catalogue, problems) -> dict:
    """The shared geometry every map of the build draws from: the template global `atlas`."""
    started = time.perf_counter()
    atlas = Atlas(catalogue)
    logger.info("Maps: %d regions projected in %.2f s", len(atlas.regions), time.perf_counter() - started)
    return {"atlas": atlas}


def map_route(generator, catalogue, problems) -> list[Route]:
    """The map page (its template draws `atlas.view(site)`)."""
    return [Route("map", None, "map.html", lambda site: {})]


def register():
    catalogue_ready.connect(prepare_atlas)
    routes_adding.connect(map_route)

