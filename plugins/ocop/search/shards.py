"""Split a language's indexed pages into shards: one Pagefind run and one bundle each.

A Pagefind run holds every page it indexes in memory (about 140–190 KB a page here: 4.9 GB for the
25,500 Vietnamese pages of a national catalogue) and has no incremental mode. With shards of about
SEARCH_SHARD_PAGES pages, a run's memory is bounded, runs can use both cores, and an edit re-indexes only
the shard of the edited page. Smaller shards cost the visitor more: the browser opens them as one Pagefind
index (the runtime once, the others merged into the first shard's instance), but each shard adds its
entry, its metadata, its filter chunks and, per query word, an index chunk of its own; so the default keeps
a province's catalogue in one shard and the national one in a handful.

A language with N pages has ceil(N / SEARCH_SHARD_PAGES) shards, and a page's shard is a hash of its
producer's slug (a sales point's: its own slug) modulo that number: a producer's page and its products'
pages, which an edit of one of them changes together, are in one shard, and a page never moves while the
number stays the same. The number changes only when the catalogue grows or shrinks past a multiple of
SEARCH_SHARD_PAGES (then every shard is indexed once). Shards hold N / ceil(N / SEARCH_SHARD_PAGES) pages
on average, and more or less as producers hash (at the national catalogue's 25,500 pages a language,
2,800 ± a few hundred).

The bundle of a language is `/pagefind/<code>/` with the shards in `0/`, `1/`, … and `shards.json`,
which lists them for `theme/static/js/search.js`.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

DEFAULT_SHARD_PAGES = 3000
# Pagefind runs at a time (SEARCH_INDEX_WORKERS; fewer on a machine with fewer cores): each is one core
# and about 650 MB for a 3,000-page shard, so two stay within 2 GB with the build's own processes.
DEFAULT_INDEX_WORKERS = 2
LAYOUT_FILE = "shards.json"


def shard_count(pages: int, per_shard: int | None) -> int:
    """How many shards `pages` pages need; one when `per_shard` is not a positive number."""
    if not per_shard or per_shard <= 0:
        return 1
    return max(1, math.ceil(pages / per_shard))


def shard_of(key: str, count: int) -> int:
    """The shard of the pages with `key`: stable across builds and machines."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big") % count


def split(pages: dict[str, Path], keys: dict[str, str], per_shard: int) -> list[dict[str, Path]]:
    """`pages` (output path → file) in shards by their `keys` (output path → key), each in path order."""
    count = shard_count(len(pages), per_shard)
    shards: list[dict[str, Path]] = [{} for _ in range(count)]
    for path in sorted(pages):
        shards[shard_of(keys[path], count)][path] = pages[path]
    return shards


def folder(index: int) -> str:
    return f"{index}/"


def layout(shards: list[dict[str, Path]]) -> str:
    """`shards.json`: the folders of the shards that have pages (in a small catalogue split into small
    shards, one may have none), relative to the language's bundle."""
    return json.dumps({"shards": [folder(i) for i, pages in enumerate(shards) if pages]},
                      separators=(",", ":")) + "\n"
