"""The rendition cache, outside the output folder: one entry per (photo content, settings).

An entry is a folder `entries/<sha256 of the photo>-<settings fingerprint>/` holding the rendition
files and, written last, `manifest.json`. Hashing a 12-megapixel photo costs milliseconds, so a
stat index (`sources.json`: path → size, mtime, hash) remembers the hash of unchanged files, as git
does: a warm build touches no photo's bytes. Each build records the entries it used per catalogue
(`used/<catalogue>.json`); `clean()` deletes every entry that no recorded catalogue uses any more.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .render import MANIFEST

HASH_INDEX = "sources.json"


def _write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(tmp, path)


def _read_json(path: Path, default):
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return default


class RenditionCache:
    def __init__(self, root: Path, fingerprint: str):
        self.root = Path(root)
        self.fingerprint = fingerprint
        self._hashes = _read_json(self.root / HASH_INDEX, {})
        self._hashes_changed = False

    def content_hash(self, source: Path) -> str:
        stat = source.stat()
        key = str(source)
        known = self._hashes.get(key)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        digest = hashlib.sha256()
        with source.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        self._hashes[key] = [stat.st_size, stat.st_mtime_ns, digest.hexdigest()]
        self._hashes_changed = True
        return digest.hexdigest()

    def key(self, source: Path) -> str:
        return f"{self.content_hash(source)[:40]}-{self.fingerprint}"

    def entry(self, key: str) -> Path:
        return self.root / "entries" / key

    def manifest(self, key: str) -> dict | None:
        """The manifest of a complete entry, or None when the photo has not been processed yet."""
        return _read_json(self.entry(key) / MANIFEST, None)

    def save(self, catalogue: Path, used_keys) -> None:
        """Remember the stat index and which entries this catalogue's build used."""
        if self._hashes_changed:
            live = {k: v for k, v in self._hashes.items() if Path(k).exists()}
            _write_json(self.root / HASH_INDEX, live)
            self._hashes_changed = False
        name = hashlib.sha256(str(Path(catalogue).resolve()).encode()).hexdigest()[:16]
        _write_json(self.root / "used" / f"{name}.json", {"catalogue": str(catalogue), "keys": sorted(used_keys)})


def clean(root: Path) -> tuple[int, int]:
    """Delete the entries no catalogue's last build used. Returns (entries removed, bytes freed)."""
    root = Path(root)
    used = set()
    for record in (root / "used").glob("*.json"):
        data = _read_json(record, {})
        if data.get("catalogue") and not Path(data["catalogue"]).exists():
            record.unlink()  # that catalogue is gone: its entries are stale too
            continue
        used.update(data.get("keys", []))
    removed = freed = 0
    entries = root / "entries"
    for entry in entries.iterdir() if entries.is_dir() else ():
        if entry.name not in used:
            freed += sum(f.stat().st_size for f in entry.iterdir() if f.is_file())
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed, freed
