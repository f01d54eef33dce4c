"""Tasks of the OCOP catalogue (`invoke --list`). The Makefile only creates .venv and calls these."""

import functools
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

from ocop.catalogue.programme import CERTIFIED_FROM_STARS as CERTIFIED

ROOT = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
THEME_TRANSLATIONS = ROOT / "theme" / "translations"
POT_FILE = THEME_TRANSLATIONS / "messages.pot"


def _bin(name: str) -> str:
    return str(VENV_BIN / name)


def staff_task(function):
    """A staff problem (a wrong option, a missing file) is one clear line and exit status 1, no traceback."""
    @functools.wraps(function)
    def run(*args, **kwargs):
        from catalogue_tools import StaffError
        try:
            return function(*args, **kwargs)
        except StaffError as exc:
            raise Exit(str(exc), code=1) from None
    return run


@task(help={"content": "content folder of the catalogue (default: content)",
            "output": "output folder (default: output)",
            "publish": "use publishconf.py (absolute URLs) instead of pelicanconf.py"})
def build(c, content="content", output="output", publish=False):
    """Build the catalogue site into OUTPUT (all languages in one run)."""
    settings = "publishconf.py" if publish else "pelicanconf.py"
    c.run(f"{_bin('pelican')} {content} -s {settings} -o {output}", pty=False)


@task(help={"port": "port of the local server (default 8000)",
            "content": "catalogue folder (default: content)",
            "output": "output folder (default: output)"})
@staff_task
def serve(c, port=8000, content="content", output="output"):
    """Build and serve on http://localhost:PORT; rebuild and reload the browser on every change.

    Content errors are shown in the terminal and on the page; the server keeps running.
    """
    from catalogue_tools.context import content_folder
    from catalogue_tools.preview import serve as run

    run(content_folder(content), Path(output), int(port))


# The quick level (README.md, "Tests and benchmarks"): no browser, no external checker, nothing slow.
QUICK_TESTS = "not browser and not checkers and not slow"


@task(help={"quick": "only the quick level, to run before every commit: no browser, no external checker "
                     "(Java, npm), none of the slow end-to-end tests",
            "k": "only tests matching this expression (pytest -k)",
            "workers": "parallel pytest processes (default: one per CPU core this process may use; 0 runs the "
                       "tests in this process)"})
def test(c, quick=False, k="", workers=""):
    """Run the tests in parallel: all of them (as CI does), or the quick level with --quick."""
    # One worker per core. One more would fill the time a worker waits for a build or a browser it started
    # (2 cores, quick level: 87 s with two workers, 75 s with three), but the whole suite then ran the
    # builds' Pagefind runs under more load and one incremental-build comparison failed on a search
    # bundle file (`wasm.unknown.pagefind` of one language differed: most likely Pagefind stopped before
    # its last files were on disk, which builds now wait for and check, see search/pagefind_index.py).
    workers = workers or str(len(os.sched_getaffinity(0)))
    # worksteal: each worker starts with one contiguous half of the tests (a module's tests, which share the
    # site its fixtures build, mostly stay together) and takes work from the other when it runs out
    args = [_bin("python"), "-m", "pytest", "-n", str(workers), "--dist", "worksteal"]
    if quick:
        args += ["-m", QUICK_TESTS]
    if k:
        args += ["-k", k]
    c.run(shlex.join(args), pty=False)


@task(iterable=["mark_current"],
      help={"add": "start a catalogue for a new language code, e.g. fr",
            "status_only": "only report what is translated; do not extract or update the .po files",
            "mark_current": "a translation file (index.<lang>.md) that matches its index.md now: record that in "
                            "it (`translated_from`), so that a later change of index.md is flagged; a folder "
                            "marks every translation in it, `all` the whole catalogue; repeat for several. "
                            "Does not touch the .po files",
            "content": "catalogue folder of the report (default: content)"})
@staff_task
def translations(c, add="", status_only=False, mark_current=None, content="content"):
    """Update the theme's .po files (Babel) and report what is translated, out of date or not yet marked current."""
    if mark_current:
        from catalogue_tools import StaffError
        from catalogue_tools.mark_current import format_marked, mark_current as mark

        if add:
            raise StaffError("--add and --mark-current: run them one at a time")
        print(format_marked(mark(mark_current, content)))
    elif not status_only:
        _update_theme_catalogues(c, add)
    from catalogue_tools.translation_status import format_status, translation_status

    print(format_status(translation_status(content)))


def _update_theme_catalogues(c, add: str) -> None:
    """Extract theme strings (Babel), update every language's .po file, and check that they compile."""
    pybabel = _bin("pybabel")
    c.run(f"{pybabel} extract --no-location --sort-output -F babel.cfg -o {POT_FILE} "
          f"--project='OCOP catalogue' --copyright-holder='OCOP catalogue authors' .")
    if add:
        c.run(f"{pybabel} init -i {POT_FILE} -d {THEME_TRANSLATIONS} -l {add}")
    c.run(f"{pybabel} update --no-fuzzy-matching -i {POT_FILE} -d {THEME_TRANSLATIONS}")
    out = ROOT / ".cache" / "mo-check"
    for po in sorted(THEME_TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        lang = po.parent.parent.name
        target = out / lang / "messages.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        c.run(f"{pybabel} compile --statistics -i {po} -o {target} -l {lang}")


@task(help={"settings": "settings file naming IMAGE_CACHE_PATH (default pelicanconf.py)"})
def clean_image_cache(c, settings="pelicanconf.py"):
    """Delete cached photo renditions that no catalogue's last build used."""
    from pelican.settings import read_settings

    from ocop.images.cache import clean as clean_cache
    from ocop.images.settings import read_settings as image_settings

    cache = image_settings(read_settings(str(ROOT / settings))).cache_path
    removed, freed = clean_cache(cache)
    print(f"{cache}: removed {removed} stale entries, freed {freed / 1024 / 1024:.1f} MB")


@task
def clean(c):
    """Remove the built site and caches."""
    for path in ("output", "output.partial", ".cache", ".pytest_cache"):
        shutil.rmtree(ROOT / path, ignore_errors=True)
    (ROOT / "output.manifest").unlink(missing_ok=True)


# ---- staff workflow (logic in catalogue_tools/) ----------------------------------------------------


@task(help={"content": "catalogue folder (default: content)",
            "strict": "also fail (exit status 1) when there are warnings"})
@staff_task
def check(c, content="content", strict=False):
    """Check the catalogue without building: errors, and warnings staff should act on.

    Warnings: certificates expiring within 90 days (or expired), products and producers without any
    translation, producers without products, photos narrower than the largest rendition, placeholder photos,
    sales points without opening hours, products and producers whose facts were last checked (`updated`) over a
    year ago, translations that may be out of date (their index.md changed since they were marked current).
    """
    from catalogue_tools.check import run_check

    result = run_check(content)
    result.problems.report(sys.stdout)
    print(result.summary())
    code = result.exit_code(strict)
    if code:
        raise Exit(code=code)


@task(help={"name": "product name, e.g. \"Mè xửng Thiên Hương\" (the folder name is made from it)",
            "producer": "slug of the producer (folder in content/producers/)",
            "group": "OCOP product group code, e.g. I.4.a",
            "stars": "OCOP stars, 1–5",
            "summary": "one sentence, at most 200 characters (default: the name)",
            "region": "region id, when not the producer's",
            "slug": "folder name, when not the one made from the name",
            "decision": f"certificate decision number, e.g. \"1234/QĐ-UBND\" ({CERTIFIED} stars or more)",
            "issued_by": f"who issued the certificate, e.g. \"UBND thành phố Huế\" ({CERTIFIED} stars or more)",
            "certified": f"date of the certificate decision, YYYY-MM-DD ({CERTIFIED} stars or more)",
            "content": "catalogue folder (default: content)"})
@staff_task
def new_product(c, name, producer, group, stars, summary="", region="", slug="", decision="", issued_by="",
                certified="", content="content"):
    """Create a new product bundle (index.md and a placeholder photo) ready to fill in."""
    from catalogue_tools.scaffold import new_product as create

    path = create(content, name, producer, group, stars, summary, region or None, slug or None, decision,
                  issued_by, certified)
    print(f"Created {_shown(path)} and a placeholder photo: write the description, replace the photo, "
          "then run `invoke check`.")


@task(iterable=["phone", "languages"],
      help={"name": "producer name, e.g. \"HTX Nước mắm Tân Mỹ\" (the folder name is made from it)",
            "kind": "cooperative, enterprise, cooperative-group or household",
            "region": "region id (from content/regions/regions.geojson)",
            "summary": "one sentence, at most 200 characters (default: the name)",
            "phone": "phone number, e.g. \"0234 3520 111\"; several: repeat --phone, or separate them with ','",
            "zalo": "Zalo phone number or id", "email": "e-mail address",
            "contact_person": "who answers buyers (when not the representative)",
            "languages": "languages the contacts speak, ISO 639-1 codes: \"vi,en,ko\" (or repeat --languages)",
            "address": "address",
            "slug": "folder name, when not the one made from the name",
            "content": "catalogue folder (default: content)"})
@staff_task
def new_producer(c, name, kind, region, summary="", phone=None, zalo="", email="", contact_person="",
                 languages=None, address="", slug="", content="content"):
    """Create a new producer bundle (index.md) ready to fill in."""
    from catalogue_tools.scaffold import new_producer as create

    path = create(content, name, kind, region, summary, phone, address, slug or None, zalo=zalo, email=email,
                  contact_person=contact_person, languages=languages)
    print(f"Created {_shown(path)}: complete it, then run `invoke check`.")


@task(iterable=["products", "producers", "phone"],
      help={"name": "name of the sales point, e.g. \"Quầy OCOP chợ Đông Ba\" (the folder name is made from it)",
            "kind": "ocop-centre, shop, supermarket, market-stall, airport or producer-shop",
            "region": "region id (from content/regions/regions.geojson)",
            "address": "address, e.g. \"2 Trần Hưng Đạo, phường Phú Xuân, thành phố Huế\"",
            "lat": "latitude, decimal degrees, e.g. 16.4735",
            "lon": "longitude, decimal degrees, e.g. 107.5886",
            "summary": "one sentence, at most 200 characters (default: the name)",
            "products": "slugs of the products it sells: \"me-xung,nuoc-mam\" (or repeat --products)",
            "producers": "slugs of producers whose products it sells, all of them (or repeat --producers)",
            "hours": "opening hours in OpenStreetMap syntax, e.g. \"Mo-Sa 07:00-17:00; Su off\", "
                     "or '\"by appointment\"'",
            "phone": "phone number; several: repeat --phone, or separate them with ','",
            "slug": "folder name, when not the one made from the name",
            "content": "catalogue folder (default: content)"})
@staff_task
def new_shop(c, name, kind, region, address, lat, lon, summary="", products=None, producers=None, hours="",
             phone=None, slug="", content="content"):
    """Create a new sales point bundle (index.md) selling products of the catalogue."""
    from catalogue_tools.scaffold import new_shop as create

    path = create(content, name, kind, region, address, lat, lon, summary, products, producers, hours, phone,
                  slug or None)
    print(f"Created {_shown(path)}: add a photo and the translations, then run `invoke check`.")


@task(name="import", positional=["file"],
      help={"file": "spreadsheet: .xlsx, or .csv in UTF-8 (layout: docs/staff-guide.md, template "
                    "docs/import-template.xlsx)",
            "dry_run": "only show what would be created or updated; write nothing",
            "content": "catalogue folder (default: content)"})
@staff_task
def import_(c, file, dry_run=False, content="content"):
    """Create or update products and producers from a spreadsheet (.xlsx or .csv)."""
    from catalogue_tools.spreadsheet_import import import_sheet

    result = import_sheet(file, content, dry_run)
    if result.problems.errors:
        result.problems.report(sys.stderr)
        count = len(result.problems.errors)
        raise Exit(f"{count} error{'s' if count != 1 else ''} in {file}: nothing was written.", code=1)
    for change in result.changes:
        print(f"{change.outcome + (' (dry run)' if dry_run and change.outcome != 'unchanged' else ''):20} "
              f"{_shown(change.path)}")
    counts = result.counts()
    print(", ".join(f"{n} {what}" for what, n in counts.items())
          + (": dry run, nothing was written." if dry_run else "."))


@task(help={"target": "folder, rsync, github-pages or s3 (default: PUBLISH_TARGET of publishconf.py, or the "
                      "environment variable CATALOGUE_PUBLISH_TARGET)",
            "dest": "where to: the folder, the rsync destination (user@host:/path/), the git repository, or "
                    "the S3 bucket (default: from publishconf.py / environment)",
            "delete": "S3: also delete objects that are no longer part of the site",
            "content": "catalogue folder (default: content)"})
@staff_task
def publish(c, target="", dest="", delete=False, content="content"):
    """Check, build with publishconf.py in a temporary folder, and only then replace the published site."""
    from catalogue_tools.publish import publish as run

    report = run(content, target or None, dest or None, delete=delete or None)
    print(report.summary())


@task(help={"lang": "language code(s) of the PDF, e.g. vi or vi,en (default: every language of the site)",
            "region": "only the products of this region (its id, e.g. thuan-an)",
            "min_stars": "only products with at least this many OCOP stars (1–5)",
            "group": "only this OCOP product group and its sub-groups (code, e.g. I.4 or I.4.a)",
            "output": "the PDF file to write (one language; default: pdf/ocop-hue-<lang>[-options].pdf)",
            "content": "catalogue folder (default: content)"})
@staff_task
def catalogue_pdf(c, lang="", region="", min_stars="", group="", output="", content="content"):
    """Print the catalogue as a PDF per language (cover, contents, product cards, where to buy, producers)."""
    from catalogue_tools.catalogue_pdf import print_catalogues

    for printed in print_catalogues(content, lang, region, min_stars, group, output):
        print(f"{_shown(printed.path)}: {printed.pages} pages, {printed.size / 1024 / 1024:.1f} MB")


@task(help={"lang": "language of the headers and names, e.g. en (default: the site's default language)",
            "as_of": "the date certificates are in force or expired on, YYYY-MM-DD (default: CATALOGUE_TODAY, "
                     "else today in Viet Nam)",
            "output": "the .xlsx file to write; with --format csv, the folder of the CSV files (default: "
                      "reports/ocop-hue-statistics-<lang>-<date>.xlsx, or that folder)",
            "format": "xlsx (one sheet per table, the default) or csv (one UTF-8 CSV file per table)",
            "content": "catalogue folder (default: content)"})
@staff_task
def report(c, lang="", as_of="", output="", format="xlsx", content="content"):
    """The statistics page's figures and lists as a spreadsheet: stars, status, groups, regions, kinds of
    producer, products per year, certificates expiring within 90 and 180 days, translations."""
    from catalogue_tools.report import make_report
    from ocop.statistics.figures import EXPIRY_WINDOWS

    made = make_report(content, lang, as_of, output, format)
    what = "sheets" if format == "xlsx" else "CSV files"
    soon = ", ".join(f"{len(made.figures.expiring_within(days))} within {days} days" for days in EXPIRY_WINDOWS)
    print(f"{_shown(made.path)}: {len(made.tables)} {what} in {made.lang}, as of {made.figures.as_of}: "
          f"{made.figures.products} products, certificates expiring: {soon}.")


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
