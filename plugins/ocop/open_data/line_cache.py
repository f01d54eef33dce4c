"""Each product's open-data lines, kept between builds while the product's page stays the same.

A language's files are made again whenever any product changes (one edit at national scale: 17,000
records in each language, about 2.5 s a language to assemble, dump and flatten). A product's record says
nothing its page in that language does not show, so the page's fingerprint (`generator.plan.digest_of`,
which covers the theme and plugin code, the settings and the build date too) tells when its lines may
be kept: its JSON record and its CSV row, as text, in `<cache>/open-data/<lang>.pickle`. A product whose
page has no fingerprint in this build is made afresh and not kept.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path


class LineCache:
    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.entries: dict[str, tuple[str, str, str]] = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            self.entries = {}
        self.used: dict[str, tuple[str, str, str]] = {}

    def lines(self, key: str, digest: str | None, make) -> tuple[str, str]:
        """The (JSON, CSV) lines of `key`, kept when made from `digest` before, else `make()`."""
        found = self.entries.get(key)
        if digest and found and found[0] == digest:
            json_line, csv_line = found[1], found[2]
        else:
            json_line, csv_line = make()
        if digest:
            self.used[key] = (digest, json_line, csv_line)
        return json_line, csv_line

    def save(self) -> None:
        """Keep the lines of this build (only them: removed products are forgotten), if anything changed."""
        if self.used == self.entries:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, self.path)
