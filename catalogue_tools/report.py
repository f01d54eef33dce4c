"""`invoke report`: the figures and lists of the statistics page as a spreadsheet for staff reports.

The catalogue is read and validated as a build reads it, on the chosen date (`--as-of`, which is the build
date CATALOGUE_TODAY of the report: certificates are in force or expired on that day), and counted by the
statistics plugin's own `figures.count`; its `tables.tables` names everything in the chosen language with
the theme's gettext catalogues, as the page does. One sheet per table (`.xlsx`, openpyxl), or one CSV file
per table in a folder (UTF-8 with a byte-order mark, as the open data: Excel opens it right). Numbers stay
numbers and dates dates; links are the published pages (PUBLIC_SITEURL).
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from ocop.i18n.translations import load_translations
from ocop.open_data.flatten import FORMULA_STARTS
from ocop.print_catalogue import file_stem
from ocop.statistics.figures import Figures, count
from ocop.statistics.tables import Names, Table, tables

from . import StaffError
from .context import languages_of, load_valid_catalogue, read_settings, today_of

FORMATS = ("xlsx", "csv")
SHEET_NAME_LENGTH = 31  # Excel's limit
SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass
class Report:
    path: Path  # the .xlsx file, or the folder of CSV files
    tables: list[Table]
    figures: Figures
    lang: str


def make_report(content="content", lang: str = "", as_of: str = "", output: str = "", fmt: str = "xlsx",
                settings: dict | None = None) -> Report:
    """Count the catalogue on `as_of` (default: the build date) and write its tables in language `lang`."""
    settings = dict(settings if settings is not None else read_settings())
    languages = languages_of(settings)
    language = _language(languages, lang)
    if fmt not in FORMATS:
        raise StaffError(f"--format: {fmt!r} is not a format of the report; use {' or '.join(FORMATS)}")
    day = _date(as_of) if as_of else today_of(settings)
    settings["CATALOGUE_TODAY"] = day.isoformat()  # the loader decides expiry on the report's date
    target = Path(output) if output else Path("reports") / _default_name(settings, language.code, day, fmt)
    if fmt == "xlsx" and target.suffix.lower() != ".xlsx":
        raise StaffError(f"--output: {output!r}: a spreadsheet's file name ends in .xlsx, e.g. bao-cao-{day}.xlsx; "
                         "for CSV files add --format csv")
    if fmt == "csv" and target.exists() and not target.is_dir():
        raise StaffError(f"--output: {output!r} is a file; with --format csv it names the folder of the CSV files")
    loaded = load_valid_catalogue(content, settings, "no report was made.")
    catalogue = loaded.catalogue
    figures = count(catalogue, loaded.languages, day)
    theme = Path(settings["THEME"]) / "translations"
    translations = load_translations(theme, language.code) or load_translations(theme, "en")
    public = (settings.get("PUBLIC_SITEURL") or settings.get("SITEURL") or "").rstrip("/")
    names = Names(catalogue, language, translations,
                  lambda page_type, key=None: public + language.path(page_type, key))
    made = tables(figures, names)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        write_xlsx(made, target, title=translations.gettext("Statistics"))
    else:
        write_csv(made, target)
    return Report(target, made, figures, language.code)


def _language(languages, code: str):
    known = [lang.code for lang in languages]
    if not code:
        return languages[0]
    if code not in known:
        raise StaffError(f"--lang: {code!r} is not a language of the site; use one of {', '.join(known)} "
                         "(CATALOGUE_LANGUAGES in pelicanconf.py)")
    return languages[known.index(code)]


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise StaffError(f"--as-of: {text!r} is not a date; write it as YYYY-MM-DD, e.g. "
                         f"{datetime.date.today().year + 1}-01-01") from None


def _default_name(settings, lang: str, day: datetime.date, fmt: str) -> str:
    name = f"{file_stem(settings)}-statistics-{lang}-{day.isoformat()}"
    return f"{name}.xlsx" if fmt == "xlsx" else name


def plain(value):
    """A cell for a CSV file: dates as YYYY-MM-DD, text that a spreadsheet would run as a formula with an
    apostrophe in front (as the open data's CSV)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(made: list[Table], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for table in made:
        with (folder / f"{table.name}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([column.title for column in table.columns])
            writer.writerows([[plain(cell.value) for cell in row] for row in table.rows])


def sheet_names(made: list[Table]) -> list[str]:
    """Each table's tab: its short title without the characters Excel refuses, at most 31 characters, unique."""
    names = []
    for table in made:
        name = " ".join(table.sheet.translate(SHEET_FORBIDDEN).split())[:SHEET_NAME_LENGTH] or table.name
        base, n = name, 2
        while name.casefold() in (other.casefold() for other in names):
            suffix = f" ({n})"
            name, n = base[:SHEET_NAME_LENGTH - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def write_xlsx(made: list[Table], path: Path, title: str = "") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    bold = Font(bold=True)
    for table, name in zip(made, sheet_names(made)):
        sheet = book.create_sheet(name)
        sheet.append([column.title for column in table.columns])
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append([None] * len(row))
            for index, (value, column) in enumerate(zip(row, table.columns), start=1):
                cell = sheet.cell(row=sheet.max_row, column=index, value=value.value)
                if isinstance(value.value, str):
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
                if isinstance(value.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
                if column.kind == "url" and value.value:
                    cell.hyperlink = value.value
                    cell.style = "Hyperlink"
                if value.level:
                    cell.alignment = Alignment(indent=value.level - 1)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(table.columns, start=1):
            longest = max([len(column.title)] + [len(str(plain(row[index - 1].value))) for row in table.rows])
            sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
    book.save(path)
