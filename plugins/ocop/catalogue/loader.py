"""Read a whole catalogue folder into a validated, linked `Catalogue`, collecting every problem.

`CatalogueLoader.load` works in three phases: `read_files` reads every file and checks it on its own
against its schema; `cross_check` checks that what the files name exists (a producer, a group, a
region, a photo, the products a sales point sells); `link` builds the model, and only for a catalogue
without errors.
Nothing here writes anything: a catalogue with errors is reported and never reaches the writers.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .content_cache import ContentCache
from .errors import Problems
from .frontmatter import Document, read_document
from .groups import Group, load_groups
from . import programme
from .model import (Catalogue, Entry, Producer, Product, Shop, Text, certificate_of, certifications_of, name_order,
                    product_order)
from .photos import DEFAULT_MAX_MEGABYTES, DEFAULT_MAX_MEGAPIXELS, PhotoProblem, PhotoUse, inspect_photo
from .regions import Region, load_regions
from .schema import PAGE, PRODUCER, PRODUCT, REGION_DESCRIPTION, SHOP, SLUG_RE, Schema, did_you_mean

REGION_FILES = ("regions.geojson", "ATTRIBUTION.md")  # beside the region folders
TRANSLATION_RE = re.compile(r"^index\.([A-Za-z_-]+)\.md$")


@dataclass
class ContentFiles:
    """Every file of a content folder, read and checked on its own (phase 1 of `CatalogueLoader.load`)."""

    regions: dict[str, Region]  # from regions/regions.geojson
    groups: dict[str, Group]  # the OCOP product groups of Decision 148/QĐ-TTg
    producers: list[Entry]
    products: list[Entry]
    shops: list[Entry]  # sales points, shops/<slug>/index.md (optional folder)
    region_descriptions: list[Entry]  # regions/<id>/index.md
    pages: list[Entry]
    map_attribution: str  # regions/ATTRIBUTION.md, shown with every map


@dataclass
class ProductReferences:
    """A product and what its fields name; None where the name is wrong (an error says so) or absent."""

    entry: Entry
    producer: Producer | None
    group: Group | None
    region: Region | None  # its own `region`, else its producer's


@dataclass
class ShopReferences:
    """A sales point and what it names: its region and the products and producers it sells, those that exist."""

    entry: Entry
    region: Region | None
    products: list[str]  # product slugs
    producers: list[str]  # producer slugs


@dataclass
class CrossChecked:
    """What phase 2 of `CatalogueLoader.load` found the files refer to."""

    producers: dict[str, Producer]  # slug → producer, for producers whose region exists
    products: list[ProductReferences]
    shops: list[ShopReferences]
    region_descriptions: list[Entry]  # those of regions that exist


class CatalogueLoader:
    def __init__(self, content: Path, languages, today: datetime.date, problems: Problems,
                 max_megapixels=DEFAULT_MAX_MEGAPIXELS, max_megabytes=DEFAULT_MAX_MEGABYTES,
                 cache: ContentCache | None = None, verify_pixels: bool = True):
        self.content = Path(content)
        self.languages = languages
        self.codes = [lang.code for lang in languages]
        self.default = self.codes[0]
        self.today = today
        self.problems = problems
        self.photo_limits = (max_megapixels, max_megabytes)
        self.cache = cache
        self.photo_uses: list[PhotoUse] = []  # every valid photo and where the content names it
        # decode every photo to find corrupt ones; a build whose image pipeline decodes them anyway says False
        self.verify_pixels = verify_pixels

    # ---- reading bundles ---------------------------------------------------------------------

    def bundles(self, section: str, schema: Schema, required: bool = True) -> list[Entry]:
        folder = self.content / section
        if not folder.is_dir():
            if required:
                self.problems.error(folder, "file", f"is missing: a catalogue keeps its {section} in {section}/<slug>/index.md")
            return []
        entries = []
        for item in sorted(os.scandir(folder), key=lambda item: item.name):  # no stat per item
            if item.name.startswith(".") or (section == "regions" and item.name in REGION_FILES):
                continue
            path = folder / item.name
            if item.is_file() and section == "pages" and path.suffix == ".md":
                entry = self._flat_page(section, path, schema)
            elif item.is_dir():
                entry = self._bundle(section, path, schema)
            else:
                self.problems.error(path, "file", f"each entry of {section}/ must be a folder <slug>/ with an index.md")
                continue
            if entry is not None:
                entries.append(entry)
        return entries

    def _bundle(self, section: str, folder: Path, schema: Schema) -> Entry | None:
        if not SLUG_RE.match(folder.name):
            self.problems.error(folder, "file", "folder name is the URL slug: use lowercase a-z, 0-9 and '-' "
                                "(đ → d), e.g. me-xung-thien-huong")
            return None
        with os.scandir(folder) as items:
            files = {item.name: item for item in items}
        translations = {}
        for name in sorted(n for n in files if n.endswith(".md")):
            path = folder / name
            if name == "index.md" or name.startswith("."):
                continue
            match = TRANSLATION_RE.match(path.name)
            if not match:
                self.problems.error(path, "file", "unexpected Markdown file: a folder holds index.md and its "
                                    "translations index.<lang>.md")
                continue
            translations[match.group(1)] = path
        main = folder / "index.md"
        if "index.md" not in files or not files["index.md"].is_file():
            self.problems.error(folder, "file", "has no index.md (the default-language text)")
            return None
        return self._entry(section, folder.name, folder, main, translations, schema)

    def _flat_page(self, section: str, path: Path, schema: Schema) -> Entry | None:
        """pages/<slug>.md with translations pages/<slug>.<lang>.md."""
        stem, _, lang = path.stem.partition(".")
        if lang:  # a translation; read with its page
            if not (path.parent / f"{stem}.md").is_file():
                self.problems.error(path, "file", f"translation of a page that does not exist ({stem}.md)")
            return None
        if not SLUG_RE.match(stem):
            self.problems.error(path, "file", "file name is the URL slug: use lowercase a-z, 0-9 and '-'")
            return None
        translations = {p.name.split(".")[1]: p for p in sorted(path.parent.glob(f"{stem}.*.md"))}
        return self._entry(section, stem, path.parent, path, translations, schema)

    def _entry(self, section: str, slug: str, folder: Path, main: Path, translations: dict, schema: Schema) -> Entry | None:
        doc = read_document(main, self.problems, self.cache)
        fields = self._validate(schema, section, doc) if doc is not None else {}
        entry = Entry(section, slug, folder, fields, {self.default: Text(self.default, fields, doc and doc.body, main)},
                      document=doc, schema=schema)
        for lang, path in translations.items():
            if lang == self.default:
                self.problems.error(path, "file", f"the default language ({lang}) is written in index.md, "
                                    "not in a translation file")
                continue
            if lang not in self.codes:
                self.problems.error(path, "file", f"translation into {lang!r}, a language this site does not "
                                    f"have (site languages: {', '.join(self.codes)})")
                continue
            tdoc = read_document(path, self.problems, self.cache)
            if tdoc is None:
                continue
            tfields = self._validate(schema, section, tdoc, translation=True)
            entry.texts[lang] = Text(lang, tfields, tdoc.body, path)
            entry.translation_docs[lang] = tdoc
        return entry if doc is not None else None  # translations were still checked

    def _validate(self, schema: Schema, section: str, doc: Document, translation: bool = False) -> dict:
        """The clean fields of `doc`; a file whose bytes passed the same checks before is not checked again
        (only files without any problem are remembered, so problems are reported on every build)."""
        key = f"{section} {translation} {doc.digest}"
        cached = self.cache.get("fields", key) if self.cache is not None else None
        if cached is not None:
            return cached
        before = len(self.problems.items)
        fields = schema.validate(doc, self.problems, translation=translation)
        if self.cache is not None and len(self.problems.items) == before:
            self.cache.put("fields", key, fields)
        return fields

    # ---- photos ------------------------------------------------------------------------------

    def _photo(self, entry: Entry, doc: Document, field_name: str, name: str) -> None:
        if name in entry.photos:
            return
        try:
            entry.photos[name] = inspect_photo(entry.folder, name, *self.photo_limits, self.verify_pixels, self.cache)
        except PhotoProblem as exc:
            self.problems.error(doc.path, field_name, str(exc), doc.line(field_name))
            return
        self.photo_uses.append(PhotoUse(entry, doc, field_name, entry.photos[name]))

    def _check_product_images(self, entry: Entry) -> None:
        for index, image in enumerate(entry.fields.get("images", []), start=1):
            if "file" in image:
                self._photo(entry, entry.document, f"images[{index}].file", image["file"])
        files = [image.get("file") for image in entry.fields.get("images", [])]
        for lang, tdoc in entry.translation_docs.items():
            for index, image in enumerate(entry.texts[lang].fields.get("images", []), start=1):
                if image.get("file") not in files:
                    name = f"images[{index}].file"
                    self.problems.error(tdoc.path, name, f"{image.get('file')!r} is not one of the photos of "
                                        f"index.md ({', '.join(map(str, files))}); a translation only translates `alt`",
                                        tdoc.line(name))

    def _check_translated_trade(self, entry: Entry) -> None:
        """A translation translates the trade units, the port and the certifications' names of index.md:
        it cannot add one that index.md does not have, and lists the certifications in the same order."""
        trade, certifications = entry.fields.get("trade", {}), entry.fields.get("certifications", [])
        for lang, tdoc in entry.translation_docs.items():
            fields = entry.texts[lang].fields
            for key in fields.get("trade", {}):
                if key not in trade:
                    self.problems.error(tdoc.path, f"trade.{key}", f"index.md has no trade.{key}; a translation only "
                                        "translates the units and the port of index.md", tdoc.line(f"trade.{key}"))
            translated = fields.get("certifications")
            if translated is not None and len(translated) != len(certifications):
                self.problems.error(tdoc.path, "certifications", f"lists {len(translated)} certification(s), index.md "
                                    f"{len(certifications)}; list them in the order of index.md, each with its "
                                    "translated `name` (`- {}` for one without a name)", tdoc.line("certifications"))

    # ---- the whole catalogue: read, cross-check, link -------------------------------------------

    def load(self) -> Catalogue | None:
        """The linked catalogue, or None when `problems` has errors (all of them reported there)."""
        files = self.read_files()
        checked = self.cross_check(files)
        if self.problems.errors:  # only a fully valid catalogue is linked into the model
            return None
        return self.link(files, checked)

    def read_files(self) -> ContentFiles:
        """Phase 1: every file of the content folder, each checked on its own against its schema."""
        regions = load_regions(self.content / "regions" / "regions.geojson", self.default, self.problems)
        return ContentFiles(
            regions=regions,
            groups=load_groups(),
            producers=self.bundles("producers", PRODUCER),
            products=self.bundles("products", PRODUCT),
            shops=self.bundles("shops", SHOP, required=False),
            region_descriptions=self.bundles("regions", REGION_DESCRIPTION, required=False),
            pages=self.bundles("pages", PAGE, required=False),
            map_attribution=self._map_attribution(),
        )

    def cross_check(self, files: ContentFiles) -> CrossChecked:
        """Phase 2: what the files name must exist (producers, groups, regions, photos, what shops sell)."""
        producers = self._check_producers(files)
        return CrossChecked(
            producers=producers,
            products=self._check_products(files, producers),
            shops=self._check_shops(files),
            region_descriptions=self._check_region_descriptions(files),
        )

    def link(self, files: ContentFiles, checked: CrossChecked) -> Catalogue:
        """Phase 3, for a catalogue without errors: the model, every reference resolved and in order."""
        for entry in checked.region_descriptions:
            files.regions[entry.slug].description = entry
        products = [Product(p.entry, p.producer, p.group, p.region, certificate_of(p.entry.fields, self.today),
                            certifications_of(p.entry.fields, self.today))
                    for p in checked.products]
        products.sort(key=product_order((self.default,)))
        by_slug = {p.slug: p for p in products}
        shops = [Shop(s.entry, s.region, [by_slug[slug] for slug in s.products],
                      [checked.producers[slug] for slug in s.producers]) for s in checked.shops]
        shops.sort(key=name_order((self.default,)))
        return Catalogue(
            products=products,
            producers=sorted(checked.producers.values(), key=name_order((self.default,))),
            regions=files.regions,
            groups=files.groups,
            pages=files.pages,
            languages=self.languages,
            today=self.today,
            map_attribution=files.map_attribution,
            shops=shops,
        )

    def _map_attribution(self) -> str:
        attribution = self.content / "regions" / "ATTRIBUTION.md"
        if not attribution.is_file():
            return ""
        try:
            return attribution.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.problems.error(attribution, "file", "is not UTF-8 text")
            return ""

    def _check_producers(self, files: ContentFiles) -> dict[str, Producer]:
        """slug → Producer of every producer whose region exists; its logo and location checked."""
        producers = {}
        for entry in files.producers:
            doc = entry.document
            region = self._region(files.regions, entry, doc)
            if entry.fields.get("logo"):
                self._photo(entry, doc, "logo", entry.fields["logo"])
            if region is not None:
                producers[entry.slug] = Producer(entry, region)
                self._check_location(files.regions, entry, doc, region, "producer")
            self._check_updated(entry, doc)
        return producers

    def _check_products(self, files: ContentFiles, producers: dict[str, Producer]) -> list[ProductReferences]:
        """Every product with its producer, group and region; its photos checked."""
        products = []
        slugs = {e.slug for e in files.producers}
        for entry in files.products:
            doc = entry.document
            self._check_product_images(entry)
            self._check_translated_trade(entry)
            producer_slug = entry.fields.get("producer")
            producer = producers.get(producer_slug)
            if producer_slug and producer is None and producer_slug not in slugs:
                self.problems.error(doc.path, "producer", f"no producer {producer_slug!r} in "
                                    f"{self.content.name}/producers/{did_you_mean(producer_slug, slugs)}",
                                    doc.line("producer"))
            group = None
            code = entry.fields.get("group")
            if code is not None:
                group = files.groups.get(code)
                if group is None:
                    self.problems.error(doc.path, "group", f"{code!r} is not an OCOP product group code of "
                                        "Decision 148/QĐ-TTg (e.g. I.4.a, III.3, VI)"
                                        f"{did_you_mean(code, files.groups)}", doc.line("group"))
            if "visit" in entry.fields and group is not None and not programme.is_tourism(group.code):
                self.problems.error(doc.path, "visit", f"only products of group {programme.TOURISM_GROUP} (community "
                                    f"tourism, sights) are visits; this product is in group {group.code}: remove "
                                    f"`visit`, or put the product in group {programme.TOURISM_GROUP}", doc.line("visit"))
            region = self._region(files.regions, entry, doc)
            if region is None and producer is not None and "region" not in entry.fields:
                region = producer.region
            if region is not None:
                self._check_location(files.regions, entry, doc, region, "product")
            self._check_updated(entry, doc)
            products.append(ProductReferences(entry, producer, group, region))
        return products

    def _check_shops(self, files: ContentFiles) -> list[ShopReferences]:
        """Every sales point with its region, and the products and producers it names, which must exist."""
        shops = []
        known = {"products": {e.slug for e in files.products}, "producers": {e.slug for e in files.producers}}
        for entry in files.shops:
            doc = entry.document
            self._check_product_images(entry)
            named = {}
            for section, slugs in known.items():
                named[section] = []
                written = doc.data.get(section) if isinstance(doc.data, dict) else None
                for index, slug in enumerate(written if isinstance(written, list) else (), start=1):
                    if not isinstance(slug, str) or not SLUG_RE.match(slug):
                        continue  # the schema said what is wrong with it
                    if slug in slugs:
                        named[section].append(slug)
                        continue
                    field_name = f"{section}[{index}]"
                    self.problems.error(doc.path, field_name, f"no {section[:-1]} {slug!r} in {self.content.name}/"
                                        f"{section}/{did_you_mean(slug, slugs)}", doc.line(field_name))
            region = self._region(files.regions, entry, doc)
            self._check_location(files.regions, entry, doc, region, "sales point")
            shops.append(ShopReferences(entry, region, named["products"], named["producers"]))
        return shops

    def _check_region_descriptions(self, files: ContentFiles) -> list[Entry]:
        """The descriptions of regions that exist, their photos checked."""
        described = []
        for entry in files.region_descriptions:
            if entry.slug not in files.regions:
                self.problems.error(entry.folder, "file", f"describes region {entry.slug!r}, which is not in "
                                    f"regions/regions.geojson{did_you_mean(entry.slug, files.regions)}")
                continue
            if entry.fields.get("image"):
                self._photo(entry, entry.document, "image", entry.fields["image"])
            described.append(entry)
        return described

    def _check_location(self, regions, entry, doc, region, noun: str) -> None:
        """Warnings, not errors: a `location` (of a producer, product or sales point: `noun`) outside every
        region, or in another region than the entry's."""
        location = entry.fields.get("location")
        if not location or "lat" not in location or "lon" not in location:
            return
        lat, lon = location["lat"], location["lon"]
        inside = [r for r in regions.values() if r.contains(lon, lat)]
        where = f"lat {lat}, lon {lon}"
        if not inside:
            self.problems.warning(doc.path, "location", f"{where} lies outside every region of regions/regions.geojson "
                                  f"(the map shows the {noun} there)", doc.line("location"))
        elif region is not None and region not in inside:
            names = ", ".join(f"{r.id!r} ({r.geo_name(self.default)})" for r in inside)
            self.problems.warning(doc.path, "location", f"{where} lies in region {names}, not in the {noun}'s "
                                  f"region {region.id!r} ({region.geo_name(self.default)})", doc.line("location"))

    def _check_updated(self, entry, doc) -> None:
        """A warning, not an error: an `updated` date after the build date. A build "as of" an earlier day
        (CATALOGUE_TODAY) of a right catalogue must not fail, nor the daily rebuild that brings certificates'
        expiry to the site; the site shows no check date until that day (`model.checked_on`)."""
        updated = entry.fields.get("updated")
        if updated is not None and updated > self.today:
            self.problems.warning(doc.path, "updated", f"{updated} is in the future (the build's date is "
                                  f"{self.today}); write the day the facts were last checked, YYYY-MM-DD, today at the "
                                  f"latest: until {updated} the site shows no check date", doc.line("updated"))

    def _region(self, regions, entry, doc):
        region_id = entry.fields.get("region")
        if region_id is None:
            return None
        if region_id not in regions:
            self.problems.error(doc.path, "region", f"no region {region_id!r} in regions/regions.geojson"
                                f"{did_you_mean(region_id, regions)}", doc.line("region"))
            return None
        return regions[region_id]
