"""Tasks of the OCOP catalogue (`invoke --list`). The Makefile only creates .venv and calls these."""

import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
THEME_TRANSLATIONS = ROOT / "theme" / "translations"
POT_FILE = THEME_TRANSLATIONS / "messages.pot"


def _bin(name: str) -> str:
    return str(VENV_BIN / name)


@task(help={"content": "content folder of the catalogue (default: content)",
            "output": "output folder (default: output)",
            "publish": "use publishconf.py (absolute URLs) instead of pelicanconf.py"})
def build(c, content="content", output="output", publish=False):
    """Build the catalogue site into OUTPUT (all languages in one run)."""
    settings = "publishconf.py" if publish else "pelicanconf.py"
    c.run(f"{_bin('pelican')} {content} -s {settings} -o {output}", pty=False)


@task(help={"port": "port of the local server (default 8000)"})
def serve(c, port=8000):
    """Build, serve on http://localhost:PORT and rebuild when content or theme change."""
    c.run(f"{_bin('pelican')} content -s pelicanconf.py -o output --autoreload --listen --port {port}")


@task(help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=""):
    """Run the whole test suite (builds real sites from fixture catalogues)."""
    selection = f" -k '{k}'" if k else ""
    c.run(f"{_bin('python')} -m pytest{selection}", pty=False)


@task(help={"add": "start a catalogue for a new language code, e.g. fr"})
def translations(c, add=""):
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

    sys.path.insert(0, str(ROOT / "plugins"))
    from images.cache import clean as clean_cache
    from images.settings import read_settings as image_settings

    cache = image_settings(read_settings(str(ROOT / settings))).cache_path
    removed, freed = clean_cache(cache)
    print(f"{cache}: removed {removed} stale entries, freed {freed / 1024 / 1024:.1f} MB")


@task
def clean(c):
    """Remove the built site and caches."""
    for path in ("output", "output.partial", ".cache", ".pytest_cache"):
        shutil.rmtree(ROOT / path, ignore_errors=True)
