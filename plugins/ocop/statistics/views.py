"""What the statistics page shows in one language: the tables of the figures, their cells formatted for the
page's locale, and the bar charts laid out from the same rows (a bar's value is its table cell)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .charts import BarChart, bar_chart
from .figures import EXPIRY_WINDOWS
from .tables import Names, Table, tables


@dataclass(frozen=True)
class ShownTable:
    """A table as the page prints it: the columns a reader sees (links go on names, not in a column of
    URLs), and which column heads each row."""

    table: Table
    columns: tuple
    rows: tuple
    header: int  # the column of each row's name (`<th scope="row">`)
    caption: str


class StatisticsView:
    def __init__(self, figures, catalogue, site, translations):
        self.site = site
        self.figures = figures
        names = Names(catalogue, site.lang, translations, lambda page_type, key=None: site.url(page_type, key))
        self.tables = {table.name: table for table in tables(figures, names)}
        self.as_of = site.date(figures.as_of)
        self.windows = [(days, len(figures.expiring_within(days))) for days in EXPIRY_WINDOWS]

    def text(self, cell) -> str:
        """A cell's value as the page prints it: numbers and dates in the page's locale."""
        value = cell.value
        if isinstance(value, datetime.date):
            return self.site.date(value)
        if isinstance(value, int):
            return self.site.number(value)
        return value

    def shown(self, name: str, only=None, caption: str | None = None) -> ShownTable:
        """Table `name`; `only`: a value of its first column to keep the rows of (that column left out)."""
        table = self.tables[name]
        keep = [i for i, column in enumerate(table.columns) if column.kind != "url" and not (only and i == 0)]
        rows = [row for row in table.rows if only is None or row[0].value == only]
        return ShownTable(table, tuple(table.columns[i] for i in keep), tuple(tuple(row[i] for i in keep) for row in rows),
                          keep.index(table.header), caption or table.title)

    def chart(self, name: str) -> BarChart:
        """The bar chart of table `name`: one bar per row (or the chart's rows), its name and value the row's."""
        table = self.tables[name]
        spec = table.chart
        rows = [table.rows[i] for i in spec.rows] if spec.rows is not None else table.rows
        bars = []
        for row in rows:
            value, total = row[spec.value].value, row[spec.total].value if spec.total is not None else None
            text = self.site.number(value) if total is None else f"{self.site.number(value)} / {self.site.number(total)}"
            bars.append((row[spec.label].value, value, text, total))
        return bar_chart(bars, spec.patterns)

    def chart_title(self, name: str) -> str:
        table = self.tables[name]
        return table.chart.title or table.title

    @property
    def key_figures(self) -> list:
        """The summary as (name, value) cells, without its date (the page states it) and its last two rows
        (products without a date, regions without products: the notes under their tables say them)."""
        return list(self.tables["summary"].rows[1:-2])

    def groups_with_subgroups(self) -> list:
        """(top-level group's row, its sub-groups as a ShownTable) for each group that has sub-groups with products."""
        codes = {row[0].value for row in self.tables["subgroups"].rows}
        return [(row, self.shown("subgroups", only=row[0].value, caption=row[1].value))
                for row in self.tables["groups"].rows if row[0].value in codes]
