"""Settings for publishing: absolute URLs (canonical links, sitemap, QR codes) on top of pelicanconf,
and where `invoke publish` puts the site. Every PUBLISH_* value can be set by an environment variable
(CATALOGUE_PUBLISH_TARGET …); credentials never go here: S3 keys come from the environment
(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the standard AWS configuration (~/.aws/), SSH keys from ssh.
"""

import os
from pathlib import Path

from pelican.settings import get_settings_from_file

# Every setting of pelicanconf.py (Pelican loads a settings file by its path: it is not an importable module)
globals().update(get_settings_from_file(str(Path(__file__).resolve().with_name("pelicanconf.py"))))

SITEURL = PUBLIC_SITEURL  # noqa: F405 - from pelicanconf (environment variable CATALOGUE_SITEURL)
RELATIVE_URLS = False

_env = os.environ.get
# folder (a local or mounted folder, replaced atomically), rsync (over SSH), github-pages, s3
PUBLISH_TARGET = _env("CATALOGUE_PUBLISH_TARGET", "folder")
# Where `invoke publish` builds before deploying: kept between runs (an incremental build); default
# <CATALOGUE_CACHE_PATH>/publish/site. A CI workflow saves and restores it with the caches.
PUBLISH_BUILD_PATH = _env("CATALOGUE_PUBLISH_BUILD_PATH", "")
PUBLISH_FOLDER = _env("CATALOGUE_PUBLISH_FOLDER", str(HERE / "published"))  # noqa: F405
PUBLISH_RSYNC_DEST = _env("CATALOGUE_RSYNC_DEST", "")  # e.g. ocop@web.example.vn:/var/www/ocop/
PUBLISH_RSYNC_DELETE = _env("CATALOGUE_RSYNC_DELETE", "1") == "1"
PUBLISH_GHP_REPO = _env("CATALOGUE_GHP_REPO", str(HERE))  # noqa: F405 - the git repository holding the branch
PUBLISH_GHP_BRANCH = _env("CATALOGUE_GHP_BRANCH", "gh-pages")
PUBLISH_GHP_REMOTE = _env("CATALOGUE_GHP_REMOTE", "origin")
PUBLISH_GHP_PUSH = _env("CATALOGUE_GHP_PUSH", "1") == "1"
PUBLISH_S3_BUCKET = _env("CATALOGUE_S3_BUCKET", "")
PUBLISH_S3_PREFIX = _env("CATALOGUE_S3_PREFIX", "")  # e.g. "ocop/" to publish below a folder of the bucket
PUBLISH_S3_ENDPOINT = _env("CATALOGUE_S3_ENDPOINT", "")  # empty: AWS; else any S3-compatible service
PUBLISH_S3_REGION = _env("CATALOGUE_S3_REGION", "")
# The printable PDF catalogue of every language, made before the build and linked from every page footer
PUBLISH_PDF = _env("CATALOGUE_PUBLISH_PDF", "1") == "1"
PUBLISH_S3_DELETE = _env("CATALOGUE_S3_DELETE", "0") == "1"  # remove objects no longer in the site
