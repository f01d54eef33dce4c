"""The statistics page (`/thong-ke/`, `/en/statistics/`): the catalogue in figures, as of the build date.

Products by star level, programme status (certified, certificate expired, below the certified levels),
product group (sub-groups on demand), region and kind of producer; products listed per year; the
certificates expiring within 90 and 180 days; translation coverage per language. Each figure is a table
with a bar chart drawn at build time as inline SVG (no JavaScript, no chart library).

Modules: figures.py (the figures, computed once per build: `invoke report` uses the same function),
tables.py (the figures as tables in one language: the page's and the spreadsheet's), charts.py (the bars'
layout), views.py (what the template shows in one language). Templates get `statistics`
(`statistics.view(site)` on the page; the footer and the home page link the page when it is defined).
"""

from __future__ import annotations

import logging
import time

from ocop.catalogue.api import Route, catalogue_ready, routes_adding

from .figures import count
from .views import StatisticsView

logger = logging.getLogger(__name__)


class Statistics:
    """The build's figures (the template global `statistics`), and their view in a page's language."""

    def __init__(self, generator, catalogue):
        self.generator = generator
        self.catalogue = catalogue
        started = time.perf_counter()
        self.figures = count(catalogue, catalogue.languages, catalogue.today)
        logger.info("Statistics: figures as of %s counted in %.3f s", catalogue.today, time.perf_counter() - started)

    def view(self, site) -> StatisticsView:
        return StatisticsView(self.figures, self.catalogue, site, self.generator.translations[site.lang.code])


def template_globals(generator, catalogue, problems) -> dict:
    return {"statistics": Statistics(generator, catalogue)}


def statistics_route(generator, catalogue, problems) -> list[Route]:
    return [Route("statistics", None, "statistics.html", lambda site: {})]


def register():
    catalogue_ready.connect(template_globals)
    routes_adding.connect(statistics_route)
