"""`invoke import FILE`: create or update product and producer bundles from a spreadsheet (.xlsx or .csv).

Layout (docs/staff-guide.md, "Import"): the first row names the columns, one row per product or
producer. Column `type` is `product` or `producer` (`san-pham`, `co-so`); `slug` names the folder (made
from `title` with the site's slugify when empty); every other column is a field of the content contract,
nested fields with a dot (`certificate.date`, `price.from`, `location.lat`), lists separated by `;`
(`tags`, `aliases`), `specs.<name>` for one line of `specs`. An empty cell leaves the field as it is.

Every row is checked with the catalogue schema before anything is written; an error names the sheet's
row and column (`FILE:ROW: COLUMN: message`) and nothing is written. Only front-matter fields change: a
bundle's Markdown body is kept byte for byte, and importing the same sheet again changes nothing.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import datetime
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ocop.catalogue.errors import Problems
from ocop.catalogue.frontmatter import Document, load_yaml
from ocop.catalogue.schema import PRODUCER, PRODUCT, SLUG_RE, ListOf, OneOrListOf, Schema, did_you_mean
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
# Contract v1.1's fields for buyers are not columns of the sheet yet (nested and list-of-mapping fields
# need columns of their own, the template and the staff guides an update): write them in the files.
NOT_IMPORTED |= {"trade", "certifications", "buy_online", "contact_person", "languages", "messengers", "tax_code"}
TYPED_CHECKS = ("whole number", "number", "decimal degrees", "year", "date")  # cells read as YAML values


def importable_columns() -> dict[str, dict]:
    """Column name → {kind: Field} for every field a sheet may set."""
    columns: dict[str, dict] = {}
    for kind, (_section, schema, _body) in SECTIONS.items():
        for spec in schema.fields:
            if spec.name in NOT_IMPORTED or spec.name == "specs":  # specs: one column `specs.<name>` per line
                continue
            if isinstance(spec.check, Schema):
                for sub in spec.check.fields:
                    columns.setdefault(f"{spec.name}.{sub.name}", {})[kind] = sub
            else:
                columns.setdefault(spec.name, {})[kind] = spec
    return columns


COLUMNS = importable_columns()


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


def _cell_value(value, spec, column: str, source: dict):
    """A cell as the YAML value the schema expects; `source` gets the text as written (for prices)."""
    describe = getattr(spec.check, "describe", "")
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)) and column in ("phone", "zalo"):
        raise ValueError("is a number in the sheet, which drops the leading 0: format the column as Text "
                         "and type the number again")
    if isinstance(spec.check, ListOf):
        items = [item.strip() for item in str(value).split(LIST_SEPARATOR) if item.strip()]
        return items[0] if isinstance(spec.check, OneOrListOf) and len(items) == 1 else items
    if isinstance(value, str) and describe.startswith(TYPED_CHECKS):
        source[column] = value
        try:
            return load_yaml(value)  # an impossible date (2025-02-30): a ValueError saying what to write
        except yaml.YAMLError:
            return value
    if isinstance(value, (int, float)) and not describe.startswith(TYPED_CHECKS):
        return str(value)
    return value


def _set(data: dict, column: str, value) -> None:
    head, _, tail = column.partition(".")
    if tail:
        if not isinstance(data.get(head), dict):
            data[head] = {}
        data[head][tail] = value
    else:
        data[head] = value


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
            if name and name not in known and not name.startswith("specs."):
                hint = (" (photos are added to the folder by hand)" if name in NOT_IMPORTED else
                        " (write one column `specs.<name>` per line of specs, e.g. `specs.Dung tích`)"
                        if name == "specs" else did_you_mean(name, known))
                self.error(1, name, f"unknown column{hint}")
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
        sources, unreadable = {}, set()
        for column, value in row.cells.items():
            if value is None or column in ("type", "slug"):
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
        found = Problems()
        schema.validate(Document(path=self.sheet, data=fields, body="", sources=sources), found)
        for problem in found.errors:  # every problem of the row names the row
            if problem.field not in unreadable:  # said already: "is required" would only repeat it
                self.problems.items.append(dataclasses.replace(problem, line=row.number))
        references = self._check_references(kind, fields, row.number)
        if found.errors or references:
            return None
        return PlannedBundle(kind, slug, path, fields, body, row.number)

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

