"""`invoke check`: validate the whole catalogue without building, then warn about what staff should
look after: certificates about to expire, untranslated entries, producers without products, photos
too small for the widest rendition, placeholder photos still in place, sales points without opening hours,
products and producers whose facts were last checked (`updated`) over a year ago, translations that may be out
of date (a translatable text of their index.md changed since they were marked current).

Errors come from the build's own loader (and the permalink guard), in the contract's format; warnings
use the same format with `warning:` before the message.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ocop.catalogue.errors import Problems, display_path
from ocop.catalogue.routes import build_routes
from ocop.images.settings import read_settings as image_settings
from ocop.links import permalinks

from .context import LoadedCatalogue, load_catalogue
from .placeholder import is_placeholder
from .translation_status import stale_message

EXPIRY_WARNING_DAYS = 90
CHECKED_WITHIN_DAYS = 365  # an `updated` date older than this before the build date: not checked for over a year


@dataclass
class CheckResult:
    loaded: LoadedCatalogue
    problems: Problems

    @property
    def errors(self):
        return self.problems.errors

    @property
    def warnings(self):
        return self.problems.warnings

    def exit_code(self, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        if not errors and not warnings:
            catalogue = self.loaded.catalogue
            return (f"The catalogue is in order: {len(catalogue.products)} products, "
                    f"{len(catalogue.producers)} producers.")
        parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
        parts += [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
        tail = " (warnings are listed once the errors are fixed)" if errors else ""
        return " and ".join(parts) + tail + "."


def run_check(content="content", settings=None) -> CheckResult:
    loaded = load_catalogue(content, settings)
    problems = loaded.problems
    catalogue = loaded.catalogue
    if catalogue is not None:
        routes = build_routes(catalogue, loaded.settings.get("CATALOGUE_PER_PAGE", 24))
        permalinks.check(loaded.content, routes, loaded.languages, problems)
        warn_expiring_certificates(catalogue, loaded.today, problems)
        warn_untranslated(catalogue, problems)
        warn_stale_translations(catalogue, problems)
        warn_producers_without_products(catalogue, problems)
        warn_photos(catalogue, image_settings(loaded.settings).images.widths[0], problems)
        warn_shops_without_hours(catalogue, problems)
        warn_not_checked_for_a_year(catalogue, loaded.today, problems)
    return CheckResult(loaded, problems)


def warn_expiring_certificates(catalogue, today: datetime.date, problems: Problems,
                               days: int = EXPIRY_WARNING_DAYS) -> None:
    for product in catalogue.products:
        certificate, doc = product.valid_certificate, product.entry.document
        if certificate is None:
            continue
        field = "certificate.expires" if "expires" in product.entry.fields["certificate"] else "certificate.date"
        left = (certificate.expires - today).days
        if left < 0:
            problems.warning(doc.path, field, f"the OCOP certificate expired on {certificate.expires} "
                             f"({-left} days ago); the site shows the badge greyed out", doc.line(field))
        elif left <= days:
            problems.warning(doc.path, field, f"the OCOP certificate expires on {certificate.expires}, in {left} "
                             "days; ask the producer for the renewal decision", doc.line(field))


def warn_untranslated(catalogue, problems: Problems) -> None:
    others = [lang.code for lang in catalogue.languages[1:]]
    if not others:
        return
    entries = [p.entry for p in catalogue.products] + [p.entry for p in catalogue.producers]
    for entry in entries:
        if not any(entry.is_translated(code) for code in others):
            names = ", ".join(f"index.{code}.md" for code in others)
            problems.warning(entry.document.path, "file", f"has no translation ({names}); "
                             "it is shown untranslated in the other languages")


def warn_stale_translations(catalogue, problems: Problems) -> None:
    """Translations whose index.md changed in a translatable text since they were marked current
    (`translated_from`). One never marked is not warned of: whether it is current is unknown, and a catalogue
    that has not adopted the record would get a warning per translation (`invoke translations` lists them)."""
    entries = [*catalogue.products, *catalogue.producers, *catalogue.shops]
    entries = [item.entry for item in entries] + [r.description for r in catalogue.regions.values() if r.description]
    for entry in entries + list(catalogue.pages):
        for lang, text in entry.texts.items():
            stale = entry.stale_fields(lang)
            if stale:
                tdoc = entry.translation_docs[lang]
                problems.warning(text.path, "translated_from", f"{stale_message(stale)}; bring the translation up "
                                 f"to date, then run: invoke translations --mark-current {display_path(text.path)}",
                                 tdoc.line("translated_from"))


def warn_producers_without_products(catalogue, problems: Problems) -> None:
    for producer in catalogue.producers:
        if not producer.products:
            problems.warning(producer.entry.document.path, "file",
                             f"producer {producer.slug!r} has no products (no product names it as `producer`)")


def warn_shops_without_hours(catalogue, problems: Problems) -> None:
    for shop in catalogue.shops:
        if "opening_hours" not in shop.entry.fields:
            problems.warning(shop.entry.document.path, "opening_hours",
                             f"sales point {shop.slug!r} has no opening hours; visitors cannot tell when to come: "
                             "add them, e.g. opening_hours: \"Mo-Sa 07:00-17:00; Su off\", or "
                             "opening_hours: '\"by appointment\"'")


def warn_photos(catalogue, largest_width: int, problems: Problems) -> None:
    for product in catalogue.products:
        entry, doc = product.entry, product.entry.document
        for index, image in enumerate(entry.fields.get("images", []), start=1):
            photo = entry.photos.get(image.get("file"))
            if photo is None:
                continue
            field = f"images[{index}].file"
            if is_placeholder(photo.source):
                problems.warning(doc.path, field, f"{photo.name!r} is the placeholder photo of a new product; "
                                 "replace it with a real photo", doc.line(field))
            elif photo.width < largest_width:
                problems.warning(doc.path, field, f"{photo.name!r} is {photo.width} pixels wide, less than the "
                                 f"largest rendition ({largest_width}); large screens get a blurry photo",
                                 doc.line(field))


def warn_not_checked_for_a_year(catalogue, today: datetime.date, problems: Problems,
                                days: int = CHECKED_WITHIN_DAYS) -> None:
    """Products and producers whose `updated` date is more than `days` before the build date. An entry without
    `updated` is not warned of: the field is optional (no v1 catalogue has it), and a warning for every such
    entry would bury the ones staff act on (and fail every `--strict` check)."""
    asks = {"product": "whether the price, the certificate and the facts for buyers still hold",
            "producer": "whether its contacts, address and opening hours still hold"}
    for noun, items in (("product", catalogue.products), ("producer", catalogue.producers)):
        for item in items:
            if item.updated is None or (today - item.updated).days <= days:
                continue
            doc = item.entry.document
            problems.warning(doc.path, "updated", f"the {noun}'s facts were last checked on {item.updated}, "
                             f"{(today - item.updated).days} days ago; ask the producer {asks[noun]}, then set "
                             "`updated` to the day you checked", doc.line("updated"))
