"""What a build writes, what it keeps from the previous output, and how the two become the new site.

A build writes new and changed files into the staging folder. A generator that can tell a file would come
out the same (the same *inputs*: a digest it computes) does not make it again: `reuse(paths, digest,
make)` keeps the previous output's files, provided the previous build recorded that digest for them and
they are still there, and calls `make()` otherwise. `commit()` then turns the output folder into the new
site:

- a staged file whose bytes equal the output's file is dropped (the output's file keeps its mtime, so
  rsync and S3 publishing send only real changes); any other staged file replaces the output's file;
- files of the output that were neither staged nor carried are deleted (a removed product's pages);
- the manifest (`<output>.manifest`, beside the output folder) records the digest of each file for the
  next build. It is removed before the first change and written after the last one, so a commit that is
  interrupted (power cut) leaves no manifest and the next build remakes every file.

The output folder is never touched before `commit()`: a build stopped by a content or template error
leaves the last good site as it was. A first build simply renames the staging folder.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MANIFEST_VERSION = 1


def manifest_path(final: Path) -> Path:
    return Path(os.path.normpath(final) + ".manifest")


def walk_files(folder: Path) -> set[str]:
    """Every file under `folder`, as POSIX paths relative to it (links to folders are not followed).
    One `scandir` per folder, the relative paths built as it goes: twice as fast as `os.walk` + relpath on
    a national catalogue's output (229,000 files)."""
    files = []
    folders = [("", str(folder))]
    while folders:
        prefix, path = folders.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:  # as os.walk: a folder that cannot be listed is passed over
            continue
        for entry in entries:
            if not entry.is_dir():
                files.append(prefix + entry.name)
            elif not entry.is_symlink():
                folders.append((prefix + entry.name + "/", entry.path))
    return set(files)


def list_in_background(folder: Path) -> Future | None:
    """Start listing `folder` (`walk_files`) in another process, or None where processes cannot fork.
    Listing a national catalogue's output takes one to two seconds: a build starts it first and uses it
    after reading the content, meanwhile on the other core."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = executor.submit(walk_files, folder)
    executor.shutdown(wait=False)  # the listing still runs; the process ends with it
    return future


def same_bytes(a: str, b: str) -> bool:
    if os.path.getsize(a) != os.path.getsize(b):
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            chunk_a, chunk_b = fa.read(1 << 16), fb.read(1 << 16)
            if chunk_a != chunk_b:
                return False
            if not chunk_a:
                return True


@lru_cache(maxsize=512)  # the same badge drawing is written for thousands of products: hashed once
def _with_digest(data: bytes | str) -> tuple[bytes, str]:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, "bytes:" + hashlib.blake2b(data, digest_size=16).hexdigest()


def _write_bytes(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _folder_identity(folder: Path) -> tuple[int, int]:
    stat = os.stat(folder)
    return stat.st_dev, stat.st_ino


@dataclass
class CommitReport:
    written: int  # files new or changed in the output
    unchanged: int  # staged files equal to the output's (not replaced, mtime kept)
    carried: int  # files kept without being made again
    removed: int  # files of the previous output that are no longer part of the site


class OutputPlan:
    """The plan of a build with a staging folder: the interface of `ocop.catalogue.api.WriteEverything`
    (the catalogue's plan when this plugin is off), keeping what it can, and `commit()`."""

    def __init__(self, final: Path, staging: Path):
        self.final, self.staging = Path(final), Path(staging)
        self._previous = self._load_manifest()  # the previous build's files and the digests they were made from
        self._digests: dict[str, str] = {}  # this build's files with a known input digest
        self._carried: set[str] = set()  # files kept from the previous output
        self._by_digest: dict[str, list[str]] | None = None  # previous paths by digest, made when first asked
        self._existing: set[str] | None = None if self.final.is_dir() else set()
        self._listing = list_in_background(self.final) if self._existing is None else None

    # ---- during the build -------------------------------------------------------------------

    def reuse(self, paths, digest: str, make) -> bool:
        """Keep the output's `paths` if the previous build made every one of them from the same inputs
        (`digest`) and they are still there; else call `make()`, which writes them into the staging folder
        (or has them written there before the commit), and record them as made from `digest`. True when
        they were kept."""
        paths = list(paths)
        if paths and all(self._can_carry(path, digest) for path in paths):
            for path in paths:
                self._keep(path, digest)
            return True
        make()
        for path in paths:
            self._digests[path] = digest
        return False

    def write(self, path: str, data: bytes | str) -> None:
        """Write `data` (text: UTF-8) at `path` in the staging folder, or keep the output's file if the
        previous build wrote these bytes there (for files that are cheap to make but many: badges)."""
        data, digest = _with_digest(data)
        self.reuse([path], digest, lambda: _write_bytes(self.staging / path, data))

    def made(self, path: str, digest: str) -> None:
        """`path` is written into the staging folder this build, from inputs with `digest`, by something
        other than `reuse` (Pagefind writes its bundle by itself)."""
        self._digests[path] = digest

    def carry_all(self, digest: str, folder: str) -> bool:
        """Carry every file the previous build made from `digest` (a digest of a whole group of files, such
        as a search bundle) if they are all in `folder` and in the output, without listing the group;
        False, and nothing carried, otherwise."""
        if self._by_digest is None:
            self._by_digest = {}
            for path, made_from in self._previous.items():
                self._by_digest.setdefault(made_from, []).append(path)
        paths = self._by_digest.get(digest, [])
        existing = self._existing_files()
        if not paths or any(path not in existing or not path.startswith(folder + "/") for path in paths):
            return False
        for path in paths:
            self._keep(path, digest)
        return True

    def keep_previous(self, paths) -> bool:
        """Carry `paths` over as the previous build made them, whatever their inputs now (previews keep
        files made from the whole catalogue, such as open data). False, nothing carried, when one is
        missing."""
        paths = list(paths)
        existing = self._existing_files()
        if not paths or any(path not in self._previous or path not in existing for path in paths):
            return False
        for path in paths:
            self._keep(path, self._previous[path])
        return True

    def keep_previous_folder(self, folder: str) -> bool:
        """`keep_previous` of every file the previous build made under `folder` (a preview keeps the
        previous search bundle); False when it made none there."""
        return self.keep_previous(path for path in self._previous if path.startswith(folder + "/"))

    def file_of(self, path: str) -> Path:
        """Where `path` of this build is now: in the previous output when it was carried, else in the
        staging folder."""
        return (self.final if path in self._carried else self.staging) / path

    def digest_of(self, path: str) -> str | None:
        """The digest `path` was made or carried from in this build (None when not known)."""
        return self._digests.get(path)

    def previous_text(self, path: str) -> str | None:
        """The text of the previous output's file `path` (None when there is none)."""
        try:
            return (self.final / path).read_text(encoding="utf-8")
        except OSError:
            return None

    def carried_any(self, paths) -> bool:
        """Whether one of `paths` is carried from the previous output."""
        return not self._carried.isdisjoint(paths)

    def _existing_files(self) -> set[str]:
        """The files of the current output (listed once, from the start of the build)."""
        if self._existing is None:
            self._existing = self._listing.result() if self._listing is not None else walk_files(self.final)
            self._listing = None
        return self._existing

    def _can_carry(self, path: str, digest: str) -> bool:
        return self._previous.get(path) == digest and path in self._existing_files()

    def _keep(self, path: str, digest: str) -> None:
        self._carried.add(path)
        self._digests[path] = digest

    # ---- at the end of a successful build ---------------------------------------------------------

    def commit(self) -> CommitReport:
        manifest = manifest_path(self.final)
        staged = walk_files(self.staging) if self.staging.is_dir() else set()
        if not self.final.is_dir():
            self.staging.parent.mkdir(parents=True, exist_ok=True)
            os.rename(self.staging, self.final)
            self._save_manifest(manifest)
            return CommitReport(len(staged), 0, 0, 0)
        manifest.unlink(missing_ok=True)
        existing = self._existing_files()
        written = unchanged = 0
        for path in sorted(staged):
            new, old = self.staging / path, self.final / path
            if path in existing and old.is_file() and same_bytes(str(old), str(new)):
                unchanged += 1
                continue
            _clear_way(self.final, path)
            os.replace(new, old)
            written += 1
        # what the new site no longer has; a file whose place a new page's folder took (`_clear_way`) is gone
        stale = {path for path in existing - staged - self._carried if _is_file(self.final / path)}
        for path in stale:
            (self.final / path).unlink(missing_ok=True)
        _remove_empty_parents(self.final, stale)
        shutil.rmtree(self.staging, ignore_errors=True)
        self._save_manifest(manifest)
        return CommitReport(written, unchanged, len(self._carried), len(stale))

    # ---- the manifest -----------------------------------------------------------------------------

    def _load_manifest(self) -> dict[str, str]:
        try:
            with open(manifest_path(self.final), "rb") as file:
                data = pickle.load(file)
            if data["version"] == MANIFEST_VERSION and data["folder"] == _folder_identity(self.final):
                return data["digests"]
        except Exception:  # missing, unreadable or from another folder: nothing can be carried
            pass
        return {}

    def _save_manifest(self, path: Path) -> None:
        data = {"version": MANIFEST_VERSION, "folder": _folder_identity(self.final), "digests": self._digests}
        partial = path.with_name(path.name + ".partial")
        with open(partial, "wb") as file:
            pickle.dump(data, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)


def _clear_way(root: Path, path: str) -> None:
    """Make room for file `path` under `root`: its folders exist, and no folder sits where it goes
    (a page that was a folder before), nor a file where one of its folders goes."""
    target = root / path
    if target.is_dir():
        shutil.rmtree(target)
    parent = target.parent
    for ancestor in reversed([parent, *parent.parents]):
        if ancestor == root or root not in ancestor.parents:
            continue
        if ancestor.is_file():
            ancestor.unlink()
    parent.mkdir(parents=True, exist_ok=True)


def _is_file(path: Path) -> bool:
    """A file or a link, not a folder (nor below a file: `os.path.lexists` is False there)."""
    return os.path.lexists(path) and not os.path.isdir(path)


def _remove_empty_parents(root: Path, removed: set[str]) -> None:
    folders = {(root / path).parent for path in removed}
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        while folder != root and root in folder.parents:
            try:
                folder.rmdir()  # only when empty
            except OSError:
                break
            folder = folder.parent
