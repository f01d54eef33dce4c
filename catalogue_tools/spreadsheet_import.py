"""`invoke import FILE`: create or update product and producer bundles from a spreadsheet (.xlsx or .csv).

Layout (docs/staff-guide.md, "Import"): the first row names the columns, one row per product or
producer. Column `type` is `product` or `producer` (`san-pham`, `co-so`); `slug` names the folder (made
from `title` with the site's slugify when empty); every other column is a field of the content contract,
nested fields with a dot (`certificate.date`, `price.from`, `trade.min_order.quantity`), lists separated by
`;` (`tags`, `phone`, `trade.export_markets`), `specs.<name>` for one line of `specs`, and
`certifications.<n>.<field>` for the n-th certification (`certifications.1.scheme`, `certifications.1.expires`:
one cell per detail, dates as dates). An empty cell leaves the field as it is; a certification's cells
change that certification of the file and keep its other details.

Cells of codes written with digits (phone numbers, barcodes, HS and tax codes) must be text: a cell the
spreadsheet turned into a number has lost its leading 0 (or, in a CSV saved by Excel, its last digits:
9.52005E+12), so it is refused with what to do. Yes/no cells take yes/no, true/false or có/không;
`trade.capacity.per` takes month/year or tháng/năm.

Every row is checked with the catalogue schema before anything is written; an error names the sheet's
row and column (`FILE:ROW: COLUMN: message`) and nothing is written. Only front-matter fields change: a
bundle's Markdown body is kept byte for byte, and importing the same sheet again changes nothing.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ocop.catalogue.errors import Problems
from ocop.catalogue.frontmatter import Document, load_yaml
from ocop.catalogue.schema import (CERTIFICATION, PRODUCER, PRODUCT, SLUG_RE, ListOf, OneOrListOf, Schema,
                                   did_you_mean, yes_no)
from ocop.i18n.collation import slugify
from ocop.images.settings import read_settings as image_settings

from . import StaffError
from .bundles import CREATED, read_markdown, write_bundle
from .context import content_folder, languages_of, read_settings
from .placeholder import ALT, FILE_NAME, write_placeholder
from .references import References
from .scaffold import PRODUCER_BODY, PRODUCT_BODY

TYPES = {"product": "product", "san-pham": "product", "sản phẩm": "product",
         "producer": "producer", "co-so": "producer", "cơ sở": "producer"}
SECTIONS = {"product": ("products", PRODUCT, PRODUCT_BODY), "producer": ("producers", PRODUCER, PRODUCER_BODY)}
LIST_SEPARATOR = ";"
NOT_IMPORTED = {"images", "logo"}  # photos are files: added to the folder by hand
TYPED_CHECKS = ("whole number", "number", "decimal degrees", "year", "date")  # cells read as YAML values
PHONE_SEPARATORS = re.compile(r"[;,/]")  # "0234 3520 111; 0905 123 456", also with ',' or '/'
YES_NO = {"yes": True, "no": False, "true": True, "false": False, "có": True, "không": False}
SHEET_WORDS = {"trade.capacity.per": {"tháng": "month", "năm": "year"}}  # Vietnamese words a cell may use
# Columns of codes written with digits: a cell the spreadsheet took for a number has lost digits.
CODE_COLUMNS = {  # column → (what to type again, what the number lost)
    "phone": ("the number", "drops the leading 0"),
    "zalo": ("the number", "drops the leading 0"),
    "messengers.whatsapp": ("the number", "drops the leading 0 or the +"),
    "trade.gtin": ("the barcode", "drops a leading 0 and shows a long number as 9.52005E+12, losing digits"),
    "trade.hs_code": ("the code", "drops the leading 0 and the last zeros (0303.80 becomes 303.8)"),
    "tax_code": ("the code", "drops the leading 0 (0100233488 becomes 100233488)"),
}
SCIENTIFIC_RE = re.compile(r"\d+(?:[.,]\d+)?[eE]\+?\d+")  # 9.52005E+12: Excel's CSV of a long number
CERTIFICATION_COLUMN_RE = re.compile(r"certifications\.(\d+)\.(.+)")
MAX_CERTIFICATIONS = 20


def _leaves(name: str, spec):
    """(column, Field) of a field: nested fields become columns of their own (`trade.min_order.quantity`)."""
    if isinstance(spec.check, Schema):
        for sub in spec.check.fields:
            yield from _leaves(f"{name}.{sub.name}", sub)
    else:
        yield name, spec


def importable_columns() -> dict[str, dict]:
    """Column name → {kind: Field} for every field a sheet may set, except the patterns `specs.<name>`
    and `certifications.<n>.<field>` (CERTIFICATION_COLUMNS)."""
    columns: dict[str, dict] = {}
    for kind, (_section, schema, _body) in SECTIONS.items():
        for spec in schema.fields:
            if spec.name in NOT_IMPORTED or spec.name in ("specs", "certifications") or spec.translation_only:
                continue
            for column, leaf in _leaves(spec.name, spec):
                columns.setdefault(column, {})[kind] = leaf
    return columns


COLUMNS = importable_columns()
CERTIFICATION_COLUMNS = {spec.name: spec for spec in CERTIFICATION.fields}  # certifications.<n>.<name>


def certification_column(name: str) -> tuple[int, str] | None:
    """(n, field) of a column `certifications.<n>.<field>`, None for any other name."""
    match = CERTIFICATION_COLUMN_RE.fullmatch(name)
    if not match or match.group(2) not in CERTIFICATION_COLUMNS or not 1 <= int(match.group(1)) <= MAX_CERTIFICATIONS:
        return None
    return int(match.group(1)), match.group(2)


def column_of(field: str) -> str:
    """The sheet's column of a field the schema names: certifications[2].expires → certifications.2.expires,
    phone[2] → phone (the items of a list are in one cell)."""
    return re.sub(r"\[\d+\]", "", re.sub(r"^certifications\[(\d+)\]", r"certifications.\1", field))


@dataclass
class Row:
    number: int
    cells: dict  # column → value (None when empty)


@dataclass
class PlannedBundle:
    """A row that passed every check: the bundle it creates or updates and its whole new front matter."""

    kind: str  # product or producer
    slug: str
    path: Path  # the bundle's index.md
    fields: dict
    body: str  # the Markdown body of a new bundle; an existing one keeps its own
    row: int  # the row's number in the sheet


@dataclass
class Change:
    kind: str
    slug: str
    path: Path
    outcome: str


@dataclass
class ImportResult:
    problems: Problems
    changes: list

    def counts(self) -> dict:
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for change in self.changes:
            counts[change.outcome] += 1
        return counts


# ---- reading sheets ---------------------------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    if not path.is_file():
        raise StaffError(f"{path}: file not found")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise StaffError(f"{path}: file: use an .xlsx spreadsheet or a .csv file (UTF-8)")


def _clean_cell(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _read_csv(path: Path):
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
    except UnicodeDecodeError:
        raise StaffError(f"{path}: file: is not UTF-8 text; save the CSV as \"CSV UTF-8\"") from None
    return _table(table)


def _read_xlsx(path: Path):
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise StaffError(f"{path}: file: cannot be read as an .xlsx spreadsheet ({exc})") from None
    try:
        table = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    return _table(table)


def _column_name(cell) -> str:
    name = str(_clean_cell(cell) or "")
    if name.lower().startswith("specs."):  # the spec's own name keeps its case: `specs.Khối lượng`
        return "specs." + unicodedata.normalize("NFC", name[6:].strip())
    return name.lower()


def _table(table):
    if not table:
        return [], []
    header = [_column_name(h) for h in table[0]]
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {name: _clean_cell(value) for name, value in zip(header, values) if name}
        if any(v is not None for v in cells.values()):
            rows.append(Row(number, cells))
    return header, rows


# ---- one row → the front matter of a bundle ------------------------------------------------------


def _cell_value(value, spec, column: str, source: dict, field: str | None = None):
    """A cell as the YAML value the schema expects; `source` gets the text as written under the field's
    name (`field`, default the column), for the checks that read it (prices, quantities)."""
    describe = getattr(spec.check, "describe", "")
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if column in CODE_COLUMNS:
        _refuse_lost_digits(value, column)
    if spec.check is yes_no and not isinstance(value, bool):
        answer = YES_NO.get(unicodedata.normalize("NFC", str(value)).casefold())
        if answer is None:
            raise ValueError(f"must be yes or no (có or không), got {value!r}")
        return answer
    if column in SHEET_WORDS and isinstance(value, str):
        value = SHEET_WORDS[column].get(value.casefold(), value)
    if isinstance(spec.check, ListOf):
        separator = PHONE_SEPARATORS if column == "phone" else re.compile(re.escape(LIST_SEPARATOR))
        items = [item.strip() for item in separator.split(str(value)) if item.strip()]
        return items[0] if isinstance(spec.check, OneOrListOf) and len(items) == 1 else items
    if isinstance(value, str) and describe.startswith(TYPED_CHECKS):
        source[field or column] = value
        try:
            return load_yaml(value)  # an impossible date (2025-02-30): a ValueError saying what to write
        except yaml.YAMLError:
            return value
    if isinstance(value, (int, float)) and not describe.startswith(TYPED_CHECKS):
        return str(value)
    return value


def _refuse_lost_digits(value, column: str) -> None:
    """A code the spreadsheet took for a number (a number cell, or Excel's 9.52005E+12 in a CSV) has lost
    digits that nothing can bring back: say so, and how to keep them."""
    what, lost = CODE_COLUMNS[column]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"is a number in the sheet ({value}), which {lost}: format the column as Text and "
                         f"type {what} again")
    items = PHONE_SEPARATORS.split(value) if column == "phone" and isinstance(value, str) else [value]
    for item in items:
        if isinstance(item, str) and SCIENTIFIC_RE.fullmatch(item.strip()):
            raise ValueError(f"{item.strip()} is how Excel writes a long number in a CSV: its last digits are lost. "
                             f"Format the column as Text in the spreadsheet, type {what} again and save the "
                             "CSV again")


def _column_hint(name: str, known) -> str:
    """What to write instead of an unknown column: how a field is split into columns, or the closest name."""
    if name in NOT_IMPORTED:
        return " (photos are added to the folder by hand)"
    if name == "specs":
        return " (write one column `specs.<name>` per line of specs, e.g. `specs.Dung tích`)"
    numbered = CERTIFICATION_COLUMN_RE.fullmatch(name)
    if numbered and 1 <= int(numbered.group(1)) <= MAX_CERTIFICATIONS:
        close = difflib.get_close_matches(numbered.group(2), CERTIFICATION_COLUMNS, n=1, cutoff=0.6)
        if close:
            return f"; did you mean `certifications.{numbered.group(1)}.{close[0]}`?"
    if name == "certifications" or name.startswith("certifications."):
        return (f" (one column per detail of each certification, numbered from 1 to {MAX_CERTIFICATIONS}: "
                + ", ".join(f"`certifications.1.{field}`" for field in CERTIFICATION_COLUMNS) + ")")
    nested = [column for column in COLUMNS if column.startswith(name + ".")]
    if nested:
        return f" (one column per field: {', '.join(f'`{column}`' for column in nested)})"
    return did_you_mean(name, known)


def _set(data: dict, column: str, value) -> None:
    """Sets a nested field (`trade.min_order.quantity`), keeping the others of each level."""
    *heads, name = column.split(".")
    for head in heads:
        if not isinstance(data.get(head), dict):
            data[head] = {}
        data = data[head]
    data[name] = value


class SheetImport:
    def __init__(self, sheet: Path, content: Path, settings: dict):
        self.sheet = sheet
        self.content = content
        self.settings = settings
        self.problems = Problems()
        self.refs = References.of(content, languages_of(settings)[0].code)

    def error(self, row: int, column: str, message: str) -> None:
        self.problems.error(self.sheet, column, message, row)

    def plan(self) -> list[PlannedBundle]:
        """The bundle of every row without errors, in the sheet's order; errors go to self.problems."""
        header, rows = read_rows(self.sheet)
        known = set(COLUMNS) | {"type", "slug"}
        for name in header:
            if name and name not in known and not name.startswith("specs.") and not certification_column(name):
                self.error(1, name, f"unknown column{_column_hint(name, known)}")
        if "type" not in header:
            self.error(1, "type", "the sheet needs a column `type` (product or producer)")
        if self.problems.errors:
            return []
        planned, seen = [], {}
        for row in sorted(rows, key=lambda r: TYPES.get(str(r.cells.get("type", "")).lower()) != "producer"):
            item = self._plan_row(row, seen)
            if item is not None:
                planned.append(item)
        return sorted(planned, key=lambda item: item.row)

    def _plan_row(self, row: Row, seen: dict) -> PlannedBundle | None:
        kind = TYPES.get(str(row.cells.get("type") or "").lower())
        if kind is None:
            self.error(row.number, "type", f"must be product or producer (san-pham, co-so), got "
                       f"{row.cells.get('type')!r}")
            return None
        section, schema, body = SECTIONS[kind]
        title = row.cells.get("title")
        slug = str(row.cells.get("slug") or (slugify(str(title)) if title else ""))
        if not slug:
            self.error(row.number, "slug", "give a `slug` (folder name) or a `title` to make it from")
            return None
        if not SLUG_RE.match(slug):
            self.error(row.number, "slug", f"{slug!r} is not a valid folder name: use lowercase a-z, 0-9 and '-'")
            return None
        if (kind, slug) in seen:
            self.error(row.number, "slug", f"{section}/{slug} is already in row {seen[kind, slug]}")
            return None
        seen[kind, slug] = row.number
        if kind == "producer":
            self.refs.producers.add(slug)  # products of the same sheet may name it
        path = self.content / section / slug / "index.md"
        existing = read_markdown(path).fields if path.is_file() else {}
        fields = copy.deepcopy(existing)
        if not path.is_file() and kind == "product":
            fields["images"] = [{"file": FILE_NAME, "alt": ALT}]
        sources, unreadable, certifications = {}, set(), {}
        for column, value in row.cells.items():
            if value is None or column in ("type", "slug"):
                continue
            if numbered := certification_column(column):
                if kind != "product":
                    self.error(row.number, column, "only products have `certifications`")
                    continue
                certifications.setdefault(numbered[0], {})[numbered[1]] = (column, value)
                continue
            if column.startswith("specs."):
                if kind != "product":
                    self.error(row.number, column, "only products have `specs`")
                    continue
                fields.setdefault("specs", {})
                fields["specs"][column.partition(".")[2]] = str(value)
                continue
            spec = COLUMNS[column].get(kind)
            if spec is None:
                self.error(row.number, column, f"is not a field of a {kind}")
                continue
            try:
                _set(fields, column, _cell_value(value, spec, column, sources))
            except ValueError as exc:
                self.error(row.number, column, str(exc))
                unreadable.add(column)
        unreadable |= self._set_certifications(fields, certifications, row.number, sources)
        found = Problems()
        schema.validate(Document(path=self.sheet, data=fields, body="", sources=sources), found)
        for problem in found.errors:  # every problem of the row names the row and the sheet's column
            column = column_of(problem.field)
            if column not in unreadable:  # said already: "is required" would only repeat it
                self.problems.items.append(dataclasses.replace(problem, field=column, line=row.number))
        references = self._check_references(kind, fields, row.number)
        if found.errors or references:
            return None
        return PlannedBundle(kind, slug, path, fields, body, row.number)

    def _set_certifications(self, fields: dict, cells: dict, row: int, sources: dict) -> set:
        """The cells `certifications.<n>.<field>` into the n-th certification of the file (a new one at the
        end of the list); returns the columns that could not be read."""
        unreadable = set()
        for number in sorted(cells):
            if not isinstance(fields.get("certifications"), list):
                fields["certifications"] = []
            items = fields["certifications"]
            if number > len(items) + 1:
                for column, _value in cells[number].values():
                    self.error(row, column, f"there is no certification {len(items) + 1} (in the file or the "
                               f"sheet) before it: number the certifications 1, 2, 3 … without a gap")
                    unreadable.add(column)
                continue
            if number == len(items) + 1:
                items.append({})
            if not isinstance(items[number - 1], dict):
                items[number - 1] = {}
            for name, (column, value) in cells[number].items():
                try:
                    items[number - 1][name] = _cell_value(value, CERTIFICATION_COLUMNS[name], column, sources,
                                                          f"certifications[{number}].{name}")
                except ValueError as exc:
                    self.error(row, column, str(exc))
                    unreadable.add(column)
        return unreadable

    def _check_references(self, kind, fields, row) -> int:
        names = ("producer", "group", "region") if kind == "product" else ("region",)
        count = 0
        for name in names:
            if isinstance(fields.get(name), str) and (problem := self.refs.problem(name, fields[name])):
                self.error(row, name, problem)
                count += 1
        return count

    def run(self, dry_run: bool = False) -> ImportResult:
        planned = self.plan()
        if self.problems.errors:
            return ImportResult(self.problems, [])
        changes = []
        for item in planned:
            _section, schema, _ = SECTIONS[item.kind]
            outcome = write_bundle(item.path, item.fields, schema, item.body, dry_run=dry_run)
            if outcome == CREATED and item.kind == "product" and not dry_run:
                write_placeholder(item.path.parent / FILE_NAME, image_settings(self.settings).images.widths[0])
            changes.append(Change(item.kind, item.slug, item.path, outcome))
        return ImportResult(self.problems, changes)


def import_sheet(sheet, content="content", dry_run: bool = False, settings: dict | None = None) -> ImportResult:
    settings = settings if settings is not None else read_settings()
    return SheetImport(Path(sheet), content_folder(content), settings).run(dry_run)

