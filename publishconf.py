"""Settings for publishing: absolute URLs (canonical links, sitemap, QR codes) on top of pelicanconf."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = PUBLIC_SITEURL  # noqa: F405 - from pelicanconf (environment variable CATALOGUE_SITEURL)
RELATIVE_URLS = False
