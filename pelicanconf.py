"""Pelican settings of the OCOP catalogue (development: relative site URL, today's date)."""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

SITENAME = "OCOP Huế"
SITEURL = ""  # links inside the site; publishconf.py sets the public address
# Where the site is published: QR codes, feeds, Open Graph and JSON-LD always carry this address.
PUBLIC_SITEURL = os.environ.get("CATALOGUE_SITEURL", "https://ocop.hue.example.vn")
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"

# Languages: the first is the default, written at the site root; the others live under /<code>/.
# Adding a language = add its code here + a catalogue theme/translations/<code>/LC_MESSAGES/messages.po
# (`invoke translations --add CODE`). URL words of a language other than vi/en default to English.
# "zh" is Chinese in Simplified characters: <html lang="zh-Hans">, Babel locale zh_Hans_CN (i18n/languages.py).
CATALOGUE_LANGUAGES = ["vi", "en", "ko", "zh", "ja", "fr"]
CATALOGUE_URL_WORDS = {}  # e.g. {"fr": {"product": "produits"}}
# What a page shows where an entry has no translation into its language (content contract, "Translation
# files"): the first translation along the language's chain, marked as not yet translated, kept out of that
# language's sitemap and hreflang alternates, its canonical URL the page in the language shown. Default:
# English where the site has English, then the default language; e.g. {"fr": ["en", "vi"], "zh": ["vi"]}.
CATALOGUE_FALLBACKS = {}
CATALOGUE_PER_PAGE = 24  # products or producers per listing page
CATALOGUE_MAX_MEGAPIXELS = 50  # photos larger than this are refused
CATALOGUE_MAX_MEGABYTES = 40
CATALOGUE_RENDER_WORKERS = None  # processes that render pages; None: one per core
CATALOGUE_PARALLEL_FROM = 1500  # render in parallel only from this many pages (forking has a cost)
# The date every expiry decision (certificates, "today's" opening hours) is made on: None = today in Viet Nam
# (Asia/Ho_Chi_Minh, wherever the build runs); "YYYY-MM-DD" builds the site as of that day.
CATALOGUE_TODAY = None

# Photos (plugin `images`): renditions in these widths (never upscaled), WebP + JPEG (PNG when the photo
# has transparency), cached outside the output folder; `invoke clean-image-cache` removes stale entries.
IMAGE_WIDTHS = [320, 640, 1024, 1600]
IMAGE_JPEG_QUALITY = 80
IMAGE_WEBP_QUALITY = 80
IMAGE_WEBP_METHOD = 4  # libwebp effort, 0 (fast) – 6 (small), for renditions up to IMAGE_LARGE_WIDTH
IMAGE_WEBP_LARGE_METHOD = 2  # for wider (desktop) renditions: twice as fast to encode, ~6 % more bytes
IMAGE_LARGE_WIDTH = 800
IMAGE_SOCIAL_SIZE = (1200, 630)  # the Open Graph image of each product
# Caches kept between builds (photo renditions, QR codes, search index …); the environment variable
# CATALOGUE_CACHE_PATH puts them elsewhere (the tests give each of their parallel workers its own).
CATALOGUE_CACHE_PATH = os.environ.get("CATALOGUE_CACHE_PATH") or str(HERE / ".cache")
IMAGE_CACHE_PATH = str(Path(CATALOGUE_CACHE_PATH) / "images")
IMAGE_WORKERS = None  # None: one per core
IMAGE_PROGRESS = None  # None: a progress bar on a terminal, none in CI

THEME = str(HERE / "theme")
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]

# The plugins are the package `ocop` (plugins/ocop/, installed into .venv by `make`: see pyproject.toml).
PLUGINS = ["ocop.catalogue", "ocop.images", "ocop.links", "ocop.maps", "ocop.open_data", "ocop.print_catalogue",
           "ocop.security_headers", "ocop.search", "ocop.statistics",
           "ocop.atomic_output"]  # atomic_output last: it commits the finished site into the output

# The catalogue generator writes every page; Pelican's own blog machinery is switched off.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
READERS = {"rst": None}  # only our own Markdown bundles are read
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "extensions": ["jinja2.ext.i18n"]}

# The Content-Security-Policy of every page, in one place: the <meta> tag of base.html and the header
# that `invoke publish` sends where the target supports headers (S3 object metadata).
# No inline script and no script from elsewhere; 'wasm-unsafe-eval' lets the search index (Pagefind's
# WebAssembly, served by the site itself) run.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                           "img-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")

# Open data (plugin `open_data`, docs/open-data.md): the licence and credit line written into every export.
OPEN_DATA_LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
OPEN_DATA_ATTRIBUTION = None  # None: "<SITENAME>, <home page URL>"

# A banner on every page saying that the catalogue's entries are samples, not official records.
CATALOGUE_SAMPLE_NOTICE = True
