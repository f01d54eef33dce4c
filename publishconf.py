"""Settings for publishing: absolute URLs (canonical links, sitemap, QR codes) on top of pelicanconf."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("CATALOGUE_SITEURL", "https://ocop.hue.example.vn")
RELATIVE_URLS = False
