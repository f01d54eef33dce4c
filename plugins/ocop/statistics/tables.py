"""The figures as tables in one language: what the statistics page shows under its charts and what
`invoke report` writes, one sheet (or CSV file) per table.

Titles, column headers and row labels come from the theme's gettext catalogues (`gettext` of the language;
the strings marked N_ here are extracted with the templates'); names from the content (groups, regions,
products, producers) in the language along its fallback chain, with the language they are in. Values stay
raw (numbers, dates, URLs): the page formats them for its locale, a spreadsheet keeps them as numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocop.catalogue.api import programme
from ocop.i18n.collation import sort_key

from .figures import EXPIRY_WINDOWS, Figures


def N_(message: str) -> str:
    """Marks a theme string for `invoke translations` (babel.cfg); translated where it is used."""
    return message


STATUS_NAMES = {programme.CERTIFIED: N_("Certified"), programme.EXPIRED: N_("Certificate expired"),
                programme.UNCERTIFIED: N_("Below %(n)s stars, not certified")}
KIND_NAMES = {"cooperative": N_("Cooperative"), "enterprise": N_("Enterprise"),
              "cooperative-group": N_("Cooperative group"), "household": N_("Household business")}
SECTION_NAMES = {"products": N_("Products"), "producers": N_("Producers"), "shops": N_("Sales points")}


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # "text", "number", "date" or "url" (a link the page puts on the row's name instead)


@dataclass(frozen=True)
class Cell:
    value: object  # str, int or datetime.date
    url: str | None = None  # the page of what the cell names
    lang: str | None = None  # the language of a name when it is not the table's (shown through the fallback chain)
    level: int = 0  # a sub-group's depth below its top-level group (1, 2)


@dataclass(frozen=True)
class Chart:
    """Which columns a bar chart of the table draws: one bar per row."""

    label: int  # the column that names each bar
    value: int  # the column of its length
    total: int | None = None  # a column each bar is a part of (drawn as the bar's track)
    patterns: bool = False  # each bar a pattern of its own (categories: certified, expired …)
    rows: tuple | None = None  # the rows it draws (indexes), when not all of them
    title: str = ""  # when it is not the table's


@dataclass(frozen=True)
class Table:
    name: str  # stable: the page's anchor, the CSV file's name
    title: str  # the heading and caption
    sheet: str  # a spreadsheet tab (at most 31 characters)
    columns: tuple
    rows: tuple  # a tuple of Cells per row
    chart: Chart | None = None
    note: str = ""
    header: int = 0  # the column that names each row (`<th scope="row">` on the page)


class Names:
    """The names of what the figures count, in one language."""

    def __init__(self, catalogue, lang, translations, url):
        self.catalogue = catalogue
        self.lang = lang  # i18n.languages.Language
        self.gettext = translations.gettext  # the language's theme catalogue
        self.ngettext = translations.ngettext
        self.url = url  # (page type, key) → the page's URL in this language
        self.products = {p.slug: p for p in catalogue.products}
        self.star_pages = set(catalogue.star_levels())  # a level below the certified ones has a page when it has products

    def foreign(self, code: str | None) -> str | None:
        return None if code == self.lang.code else code

    def group(self, code: str, level: int = 0) -> Cell:
        group = self.catalogue.groups[code]
        lang = self.lang.code if self.lang.code in group.names else "en"  # as GroupView
        return Cell(group.name(self.lang.code), self.url("group", group.key), self.foreign(lang), level)

    def region(self, region_id: str) -> Cell:
        name, lang = self.catalogue.regions[region_id].name_along(self.lang.chain)
        return Cell(name, self.url("region", region_id), self.foreign(lang))

    def title(self, entry, page_type: str) -> Cell:
        name, lang = entry.shown(("title",), self.lang.chain)
        return Cell(name, self.url(page_type, entry.slug), self.foreign(lang))

    def stars(self, n: int) -> str:
        if programme.certifiable(n):
            return self.gettext("OCOP %(n)s-star") % {"n": n}
        return self.gettext("%(n)s-star, not certified") % {"n": n}

    def status(self, status: str) -> str:
        return self.gettext(STATUS_NAMES[status]) % {"n": programme.CERTIFIED_FROM_STARS}

    def language(self, code: str) -> str:
        """Language `code` named in this language: "tiếng Hàn", "Korean"."""
        return self.lang.locale.languages.get(code, code)


def tables(figures: Figures, names: Names) -> list[Table]:
    """Every table of the figures, in the page's order."""
    gettext = names.gettext
    number = Column(gettext("Products"), "number")
    return [
        _summary(figures, names),
        Table("status", gettext("Certified, expired and not certified"), gettext("Certificates"),
              (Column(gettext("Status")), number),
              tuple((Cell(names.status(t.key)), Cell(t.products)) for t in figures.by_status),
              Chart(0, 1, patterns=True)),
        Table("stars", gettext("Products by star level"), gettext("Star levels"), (Column(gettext("Stars")), number),
              tuple((Cell(names.stars(t.key), names.url("stars", t.key) if t.key in names.star_pages else None),
                     Cell(t.products)) for t in figures.by_stars),
              Chart(0, 1)),
        Table("groups", gettext("Products by product group"), gettext("Product groups"),
              (Column(gettext("Code")), Column(gettext("Product group")), number),
              tuple((Cell(g.code), names.group(g.code), Cell(g.products)) for g in figures.by_group),
              Chart(1, 2), header=1),
        Table("subgroups", gettext("Products by sub-group"), gettext("Sub-groups"),
              (Column(gettext("Group")), Column(gettext("Code")), Column(gettext("Sub-group")), number),
              tuple((Cell(top.code), Cell(sub.code), names.group(sub.code, level), Cell(sub.products))
                    for top in figures.by_group for sub, level in _descendants(top)), header=2),
        _regions(figures, names),
        Table("kinds", gettext("Products by kind of producer"), gettext("Kinds of producer"),
              (Column(gettext("Kind of producer")), Column(gettext("Producers"), "number"), number),
              tuple((Cell(gettext(KIND_NAMES[k.kind])), Cell(k.producers), Cell(k.products)) for k in figures.by_kind),
              Chart(0, 2)),
        Table("years", gettext("Products listed per year"), gettext("Listed per year"),
              (Column(gettext("Year")), Column(gettext("Products listed"), "number")),
              tuple((Cell(str(t.key)), Cell(t.products)) for t in figures.by_year), Chart(0, 1),
              names.ngettext("%(num)s product has no listing date.", "%(num)s products have no listing date.",
                             figures.undated) % {"num": figures.undated} if figures.undated else ""),
        _expiring(figures, names),
        _coverage(figures, names),
    ]


def _summary(figures: Figures, names: Names) -> Table:
    gettext = names.gettext
    statuses = {t.key: t.products for t in figures.by_status}
    rows = [(gettext("As of"), figures.as_of), (gettext("Products"), figures.products), (gettext("Producers"), figures.producers),
            (gettext("Sales points"), figures.shops)]
    rows += [(names.status(status), statuses[status]) for status in statuses]
    rows += [(gettext("Certificates expiring within %(days)s days") % {"days": days}, len(figures.expiring_within(days)))
             for days in EXPIRY_WINDOWS]
    rows += [(gettext("Products without a listing date"), figures.undated),
             (gettext("Regions without products"), figures.regions_without)]
    return Table("summary", gettext("Summary"), gettext("Summary"), (Column(gettext("Figure")), Column(gettext("Value"), "number")),
                 tuple((Cell(label), Cell(value)) for label, value in rows))


def _descendants(tally, level: int = 1):
    for sub in tally.sub:
        yield sub, level
        yield from _descendants(sub, level + 1)


def _regions(figures: Figures, names: Names) -> Table:
    gettext = names.gettext
    cells = [(names.region(t.key), t.products) for t in figures.by_region]
    cells.sort(key=lambda item: (-item[1], sort_key(item[0].value)))
    note = (names.ngettext("%(num)s region has no products yet.", "%(num)s regions have no products yet.",
                           figures.regions_without) % {"num": figures.regions_without} if figures.regions_without else "")
    return Table("regions", gettext("Products by region"), gettext("Regions"), (Column(gettext("Region")), Column(gettext("Products"), "number")),
                 tuple((name, Cell(n)) for name, n in cells), Chart(0, 1), note)


def _expiring(figures: Figures, names: Names) -> Table:
    gettext = names.gettext
    rows = []
    for soon in figures.expiring:
        product = names.products[soon.slug]
        title = names.title(product.entry, "product")
        rows.append((title, names.title(product.producer.entry, "producer"), Cell(names.stars(soon.stars)),
                     Cell(soon.expires), Cell(soon.days), Cell(title.url)))
    longest = max(EXPIRY_WINDOWS)
    return Table("expiring", gettext("Certificates expiring within %(days)s days") % {"days": longest},
                 gettext("Expiring certificates"),
                 (Column(gettext("Product")), Column(gettext("Producer")), Column(gettext("Stars")), Column(gettext("Expires"), "date"),
                  Column(gettext("Days left"), "number"), Column(gettext("Page"), "url")),
                 tuple(rows), note="" if rows else gettext("No certificate expires within %(days)s days.") % {"days": longest})


def _coverage(figures: Figures, names: Names) -> Table:
    gettext = names.gettext
    rows = []
    for c in figures.coverage:
        shown = "; ".join(f"{names.language(code)}: {n}" for code, n in c.shown_in)
        rows.append((Cell(names.language(c.lang)), Cell(gettext(SECTION_NAMES[c.section])), Cell(c.total), Cell(c.current),
                     Cell(c.stale), Cell(c.missing), Cell(shown)))
    return Table("translations", gettext("Translations"), gettext("Translations"),
                 (Column(gettext("Language")), Column(gettext("Content")), Column(gettext("Entries"), "number"),
                  Column(gettext("Translated, up to date"), "number"), Column(gettext("Translated, may be out of date"), "number"),
                  Column(gettext("Not yet translated"), "number"), Column(gettext("Shown instead in"))),
                 tuple(rows), Chart(0, 3, total=2, title=gettext("Products translated and up to date, by language"),
                                    rows=tuple(i for i, c in enumerate(figures.coverage) if c.section == "products")))

