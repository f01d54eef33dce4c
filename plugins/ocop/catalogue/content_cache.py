"""Between builds, what reading a content file produced, keyed by the SHA-256 of the file's bytes.

Parsing front matter (YAML with the line of every field), checking its fields against the schema and
checking a photo's pixels are most of the read phase of a big catalogue. Their results depend only on the file's bytes (and on this code), so
they are kept in one file under CATALOGUE_CACHE_PATH and reused when the bytes are the same: by content,
not modification time, because a fresh checkout (CI) gives every file a new mtime. Only successful reads
are kept, so every problem is reported again on every build. Entries no build used are dropped on save.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from importlib.metadata import version
from pathlib import Path

import phonenumbers
import stdnum
import yaml

logger = logging.getLogger(__name__)

# What is cached depends on the code that parses and checks files: a change to it empties the cache.
# So do the libraries that check values: a new phonenumbers release changes which numbers are valid.
_CODE = ("frontmatter.py", "schema.py", "contacts.py", "trade.py", "hours.py", "photos.py", "staleness.py",
         "content_cache.py")
FORMAT = "content-cache-1 yaml-{} phonenumbers-{} stdnum-{} opening-hours-{} {}".format(
    yaml.__version__, phonenumbers.__version__, stdnum.__version__, version("opening-hours-py"), hashlib.sha256(
    b"".join((Path(__file__).parent / name).read_bytes() for name in _CODE)).hexdigest()[:16])
FILE_NAME = "content.pickle"


def file_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class ContentCache:
    def __init__(self, folder: Path | None):
        self.path = Path(folder) / FILE_NAME if folder else None
        self._entries: dict = self._load()
        self._used: dict = {}
        self._added = False

    def get(self, kind: str, digest: str):
        key = (kind, digest)
        value = self._entries.get(key)
        if value is not None:
            self._used[key] = value
        return value

    def put(self, kind: str, digest: str, value) -> None:
        self._used[(kind, digest)] = value
        self._added = True

    def save(self) -> None:
        """Keep what this build used (write only if something is new or unused entries were dropped)."""
        if self.path is None or (not self._added and len(self._used) == len(self._entries)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(".partial")
            with open(partial, "wb") as file:
                pickle.dump({"format": FORMAT, "entries": self._used}, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)
        except OSError as exc:  # a cache that cannot be written only makes the next build slower
            logger.warning("Content cache: cannot write %s (%s)", self.path, exc)

    def _load(self) -> dict:
        if self.path is None or not self.path.is_file():
            return {}
        try:
            with open(self.path, "rb") as file:
                data = pickle.load(file)
            return data["entries"] if data.get("format") == FORMAT else {}
        except Exception:  # a damaged or old cache is ignored and rewritten
            return {}
