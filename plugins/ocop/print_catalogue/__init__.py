"""The printable PDF catalogue (issue 10): cover, contents by product group, one card per product with its
photo, OCOP badge and QR code, where to buy them (the sales points with their address, hours and QR code:
issue 18) and an index of producers, in every configured language (WeasyPrint).

Printing takes a few seconds per language, so a site build does not print: `invoke catalogue-pdf` makes
PDFs on demand, and `invoke publish` prints the whole catalogue of every language first, then builds the
site with `PRINT_CATALOGUE_FOLDER` naming those files. This plugin, in the build, only publishes the PDFs
found there (`/danh-muc/ocop-hue-vi.pdf`, `/en/catalogue/ocop-hue-en.pdf`) and gives the templates
`pdf_link(site)`: the link and the file size of the language's PDF, or None.

Modules: selection.py (region / stars / group options), document.py (what the templates show),
pdf.py (templates → HTML → PDF).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.numbers import format_decimal

from ocop.catalogue.api import catalogue_ready, catalogue_written
from ocop.i18n.collation import slugify

FOLDER_SETTING = "PRINT_CATALOGUE_FOLDER"


def file_stem(settings) -> str:
    """"ocop-hue" from SITENAME "OCOP Huế": the start of every PDF's file name."""
    return slugify(settings.get("SITENAME", "")) or "catalogue"


def site_file(lang, stem: str) -> str:
    """Site path of a language's PDF: "/danh-muc/ocop-hue-vi.pdf", "/en/catalogue/ocop-hue-en.pdf"."""
    return f"{lang.path('catalogue')}{stem}-{lang.code}.pdf"


def _folder(settings) -> Path | None:
    value = settings.get(FOLDER_SETTING)
    return Path(value) if value else None


def pdf_link(site) -> dict | None:
    """The link to the PDF of `site`'s language with its size ("1,4 MB"), when this build publishes one."""
    folder = _folder(site.settings)
    if folder is None:
        return None
    path = site_file(site.lang, file_stem(site.settings))
    pdf = folder / path.lstrip("/")
    if not pdf.is_file():
        return None
    megabytes = max(pdf.stat().st_size / 1024 / 1024, 0.1)
    return {"url": site.siteurl + path, "size": format_decimal(megabytes, "0.0", locale=site.lang.locale) + " MB"}


def template_globals(generator, catalogue, problems) -> dict:
    """`pdf_link(site)` for the templates (`catalogue_ready`): every page footer links the PDF."""
    return {"pdf_link": pdf_link}


def publish_pdfs(generator, output, sites) -> None:
    """Copy the PDFs printed for this build (`invoke publish`) into the site."""
    folder = _folder(generator.settings)
    if folder is None or not folder.is_dir():
        return
    for pdf in folder.rglob("*.pdf"):
        target = Path(output) / pdf.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)


def register():
    catalogue_ready.connect(template_globals)
    catalogue_written.connect(publish_pdfs)
