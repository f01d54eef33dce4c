"""Pelican settings of the OCOP catalogue (development: relative site URL, today's date)."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "plugins"))  # plugins import each other (catalogue uses i18n)

SITENAME = "OCOP Huế"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"

# Languages: the first is the default, written at the site root; the others live under /<code>/.
# Adding a language = add its code here + a catalogue theme/translations/<code>/LC_MESSAGES/messages.po
# (`invoke translations --add CODE`). URL words of a language other than vi/en default to English.
CATALOGUE_LANGUAGES = ["vi", "en"]
CATALOGUE_URL_WORDS = {}  # e.g. {"fr": {"product": "produits"}}
CATALOGUE_PER_PAGE = 24  # products or producers per listing page
CATALOGUE_MAX_MEGAPIXELS = 50  # photos larger than this are refused
CATALOGUE_MAX_MEGABYTES = 40
CATALOGUE_TODAY = None  # None: certificates expire relative to the build date; or "YYYY-MM-DD"

THEME = str(HERE / "theme")
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]

PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = ["catalogue", "atomic_output"]  # atomic_output last: it swaps the finished site in

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

# A banner on every page saying that the catalogue's entries are samples, not official records.
CATALOGUE_SAMPLE_NOTICE = True
