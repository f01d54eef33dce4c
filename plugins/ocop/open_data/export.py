"""Write the open-data files of every language and the schema they follow.

JSON: UTF-8, not ASCII-escaped, one document per language, its products and sales points one record a line.
CSV: catalogue.csv, one row per product, and shops.csv, one row per sales point, the same fields flattened
(`flatten.COLUMNS`, `flatten.SHOP_COLUMNS`), UTF-8 with a byte-order mark so that Excel reads Vietnamese,
Korean, Chinese and Japanese text right; Python reads them with `encoding="utf-8-sig"`.
"""

from __future__ import annotations

import csv
import io
import json
from functools import partial
from pathlib import Path

from pelican.log import console

from ocop.catalogue.api import item_page_file

from .line_cache import LineCache
from .flatten import COLUMNS, SHOP_COLUMNS, csv_row, shop_csv_row
from .records import SCHEMA_VERSION, product_record, shop_record

FOLDER = "open-data"
JSON_NAME, CSV_NAME, SCHEMA_NAME = "catalogue.json", "catalogue.csv", "catalogue.schema.json"
SHOPS_CSV_NAME = "shops.csv"
RECORD_LISTS = ("products", "shops")  # written one record a line, in this order, after the other keys
SCHEMA_SOURCE = Path(__file__).parent / SCHEMA_NAME
DEFAULT_LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def open_data_url(site, name: str = JSON_NAME) -> str:
    """URL of an open-data file of `site`'s language (the schema is one file for every language)."""
    prefix = site.siteurl if name == SCHEMA_NAME else site.url("home").rstrip("/")
    return f"{prefix}/{FOLDER}/{name}"


def catalogue_document(site, products: list | None = None) -> dict:
    """The open-data document of `site`'s language; `products`: its product records (or their JSON text,
    in slug order), when the caller has them."""
    settings = site.settings
    if products is None:
        products = sorted((product_record(site.product(p)) for p in site.catalogue.products),
                          key=lambda record: record["slug"])
    shops = [shop_record(site.shop(s)) for s in site.catalogue.shops]
    return {
        "$schema": site.public(open_data_url(site, SCHEMA_NAME)),  # the same for every language
        "schema_version": SCHEMA_VERSION,
        "lang": site.lang.tag,
        "title": settings.get("SITENAME", ""),
        "url": site.public(site.url("home")),
        "generated": site.catalogue.today.isoformat(),
        "license": settings.get("OPEN_DATA_LICENSE") or DEFAULT_LICENSE,
        "attribution": settings.get("OPEN_DATA_ATTRIBUTION") or f"{settings.get('SITENAME', '')}, "
                                                                 f"{site.public(site.url('home'))}",
        "sample": bool(settings.get("CATALOGUE_SAMPLE_NOTICE")),
        "products": products,
        "shops": sorted(shops, key=lambda record: record["slug"]),  # 1.1
    }


def json_text(document: dict) -> str:
    """The document as JSON, one product (and sales point) a line: readable and diffable, and made by the json
    module's C encoder (an indented dump goes through its Python encoder, three times slower: 2 s a language
    for the national catalogue)."""
    head = json.dumps({key: value for key, value in document.items() if key not in RECORD_LISTS},
                      ensure_ascii=False, indent=1).removesuffix("\n}")
    for key in RECORD_LISTS:
        records = ",\n".join("  " + (record if isinstance(record, str) else json.dumps(record, ensure_ascii=False))
                              for record in document[key])
        head += (f',\n "{key}": [\n' + records + "\n ]") if records else f',\n "{key}": []'
    return head + "\n}\n"


def _csv_writer(handle, columns: list[str]) -> csv.DictWriter:
    return csv.DictWriter(handle, fieldnames=columns, lineterminator="\r\n")


def _write_csv(path: Path, columns: list[str], rows=(), lines=()) -> None:
    """A CSV file with a header: `rows` (dicts), or `lines`, rows already written as CSV text."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = _csv_writer(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
        handle.writelines(lines)


def _csv_line(columns: list[str], row: dict) -> str:
    buffer = io.StringIO()
    _csv_writer(buffer, columns).writerow(row)
    return buffer.getvalue()


def _product_lines(site, product) -> tuple[str, str]:
    record = product_record(site.product(product))
    return json.dumps(record, ensure_ascii=False), _csv_line(COLUMNS, csv_row(record))


def _write_language(site, folder: Path, sizes: dict, plan, cache_file: Path) -> None:
    """The JSON and CSV files of `site`'s language into `folder`; their sizes into `sizes`. Each product's
    lines come from the cache in `cache_file` when its page is unchanged (`plan`: this build's fingerprints)."""
    cache = LineCache(cache_file)
    lines = [cache.lines(product.slug, plan.digest_of(item_page_file(site.lang, "product", product.slug)),
                         partial(_product_lines, site, product))
             for product in sorted(site.catalogue.products, key=lambda product: product.slug)]
    cache.save()
    document = catalogue_document(site, [json_line for json_line, _ in lines])
    folder.mkdir(parents=True, exist_ok=True)
    json_path = folder / JSON_NAME
    json_path.write_text(json_text(document), encoding="utf-8")
    csv_paths = (folder / CSV_NAME, folder / SHOPS_CSV_NAME)
    _write_csv(csv_paths[0], COLUMNS, lines=(csv_line for _, csv_line in lines))
    _write_csv(csv_paths[1], SHOP_COLUMNS, rows=(shop_csv_row(record) for record in document["shops"]))
    sizes[site.lang.code] = (json_path.stat().st_size, sum(path.stat().st_size for path in csv_paths))


def write_open_data(generator, output, sites) -> None:
    output, plan, sizes = Path(output), generator.plan, {}
    for site in sites.values():
        folder = output / site.lang.prefix.strip("/") / FOLDER
        files = [(folder / name).relative_to(output).as_posix() for name in (JSON_NAME, CSV_NAME, SHOPS_CSV_NAME)]
        if generator.settings.get("CATALOGUE_PREVIEW") and plan.keep_previous(files):
            continue  # a preview keeps the previous files (made again by `invoke build` and `invoke publish`)
        # the same products and sales points: the previous files are kept
        digest = generator.fingerprints.all_products(site.lang)
        cache_file = generator.cache_folder / FOLDER / f"{site.lang.code}.pickle"
        plan.reuse(files, digest, partial(_write_language, site, folder, sizes, plan, cache_file))
    default = next(site for site in sites.values() if site.lang.is_default)
    schema = json.loads(SCHEMA_SOURCE.read_text(encoding="utf-8"))
    schema["$id"] = default.public(open_data_url(default, SCHEMA_NAME))
    plan.write(f"{FOLDER}/{SCHEMA_NAME}", json.dumps(schema, ensure_ascii=False, indent=1) + "\n")
    total = sum(j + c for j, c in sizes.values())
    unchanged = len(sites) - len(sizes)
    console.print(f"Open data: {len(sizes)} languages × JSON + 2 CSV written, {total / 1024:.0f} KB"
                  + (f"; {unchanged} unchanged" if unchanged else ""))
