"""Incremental builds (issue 9): after any edit, a build that keeps the unchanged files of the previous
output gives exactly the bytes of a cold build (empty caches, no previous output) of the same content."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import run_build, tree_digest

pytestmark = pytest.mark.slow  # several builds each, cold ones among them

# Pagefind writes its filter files (and so the names listed in its entry and meta files) differently on
# every run, for the same pages (upstream Pagefind/pagefind#638); the pages it indexes, its word index
# chunks and its fragments are compared like every other file.
PAGEFIND_RUN_FILES = re.compile(r"^pagefind/[a-z]+/[0-9]+/(filter/|pagefind-entry\.json$|pagefind\.[^/]+\.pf_meta$)")
MADE = re.compile(r"\((\d+) made, (\d+) unchanged\)")


def comparable(folder) -> dict:
    return {path: digest for path, digest in tree_digest(folder).items() if not PAGEFIND_RUN_FILES.match(path)}


class Builds:
    def __init__(self, content, tmp_path):
        self.content, self.tmp = content, tmp_path
        self.out = tmp_path / "out"
        self.cold_builds = 0

    def incremental(self, *settings: str) -> tuple[int, int]:
        """Build into the same output with the same cache; returns (pages made, pages kept)."""
        result = run_build(self.content, self.out, "-e", f'CATALOGUE_CACHE_PATH="{self.tmp / "cache"}"', *settings)
        assert result.returncode == 0, result.stderr
        self.log = " ".join(result.stdout.split())
        made, kept = MADE.search(self.log).groups()
        return int(made), int(kept)

    def assert_same_as_cold(self, *settings: str, what: str) -> None:
        self.cold_builds += 1
        cold = self.tmp / f"cold-{self.cold_builds}"
        result = run_build(self.content, cold, "-e", f'CATALOGUE_CACHE_PATH="{self.tmp / f"cache-{self.cold_builds}"}"',
                           *settings)
        assert result.returncode == 0, result.stderr
        incremental, fresh = comparable(self.out), comparable(cold)
        assert incremental.keys() == fresh.keys(), f"{what}: files differ: {incremental.keys() ^ fresh.keys()}"
        different = sorted(path for path in fresh if incremental[path] != fresh[path])
        assert not different, f"{what}: an incremental build differs from a cold one in {different[:10]}"


def test_incremental_builds_give_the_bytes_of_a_cold_build(catalogue, tmp_path):
    builds = Builds(catalogue.root, tmp_path)
    made, kept = builds.incremental()
    assert kept == 0

    made, kept = builds.incremental()
    assert made <= 6 * 6 and kept > 60, "nothing changed: only the pages without a fingerprint (home, indexes, map, search) are made"
    builds.assert_same_as_cold(what="nothing changed")

    catalogue.product("dau-tram", title="Dầu tràm", producer="ho-dung", group="III.3", stars=3, score=60,
                      summary="Tinh dầu tràm nguyên chất, đã sửa.")
    made, kept = builds.incremental()
    assert kept > 60, "a one-product edit keeps most pages"
    builds.assert_same_as_cold(what="one product's summary")

    catalogue.product("dau-tram", title="Dầu tràm", producer="ho-dung", group="III.3", stars=5, score=92)
    catalogue.product("me-xung", title="Mè xửng", producer="htx-a", group="I.2", stars=4, score=78)
    catalogue.translation("products", "me-xung", "en", title="Sesame candy", summary="Chewy candy.")
    builds.incremental()
    builds.assert_same_as_cold(what="stars changed, a product and a translation added")

    catalogue.producer("htx-a", title="HTX Nước mắm Tân Mỹ Thịnh")
    catalogue.product("ao-dai", title="Áo dài", producer="htx-a", group="IV.2", stars=5, score=95)
    builds.incremental()
    builds.assert_same_as_cold(what="a producer renamed, a product moved to it")

    catalogue.shop("cho-dong-ba", producers=["htx-a"], opening_hours="Mo-Sa 06:00-18:00")
    builds.incremental()
    builds.assert_same_as_cold(what="a sales point added (the navigation of every page, its products' Where to buy)")
    catalogue.shop("cho-dong-ba", producers=["htx-a"], opening_hours="Mo-Su 06:00-12:00")
    made, kept = builds.incremental()
    assert kept > 60, "a sales point's hours show on its page and its products' pages only"
    builds.assert_same_as_cold(what="a sales point's opening hours changed")

    shutil.rmtree(catalogue.root / "products/dau-tram")  # retired on purpose: its URLs leave permalinks.txt
    permalinks = catalogue.root / "permalinks.txt"
    permalinks.write_text("".join(line for line in permalinks.read_text(encoding="utf-8").splitlines(True)
                                  if "/dau-tram/" not in line), encoding="utf-8")
    catalogue.markdown("pages/gioi-thieu.md", {"title": "Giới thiệu"}, "Về chương trình OCOP.")
    builds.incremental()
    assert not (builds.out / "san-pham/dau-tram").exists()
    builds.assert_same_as_cold(what="a product removed, a page added (every footer)")

    made, kept = builds.incremental("SITENAME=\"Sản phẩm OCOP\"")
    assert kept == 0, "a setting every page shows makes every page again"
    builds.assert_same_as_cold("SITENAME=\"Sản phẩm OCOP\"", what="a setting changed")


def test_an_edit_indexes_again_only_the_search_shards_of_the_changed_pages(catalogue, tmp_path):
    shards = "SEARCH_SHARD_PAGES=3"  # 2 shards for the 5 pages of a language; its 2 producers hash apart
    builds = Builds(catalogue.root, tmp_path)
    builds.incremental(shards)
    layouts = {path.parent.name: json.loads(path.read_text())["shards"]
               for path in (builds.out / "pagefind").glob("*/shards.json")}
    assert len(layouts) == 6 and all(len(folders) >= 2 for folders in layouts.values())
    runs = re.compile(r"indexed by Pagefind in [0-9.]+ s \((\d+) runs?\)")
    first = int(runs.search(builds.log).group(1))
    assert first == sum(len(folders) for folders in layouts.values())
    before = tree_digest(builds.out)
    catalogue.product("nuoc-mam", title="Nước mắm cá cơm", stars=4, score=80,
                      summary="Nước mắm nhĩ, đã sửa.")  # its page and its producer's page change
    builds.incremental(shards)
    again = int(runs.search(builds.log).group(1))
    assert again == len(layouts) < first, "a producer's pages are in one shard: one run per language"
    after = tree_digest(builds.out)
    kept = [(lang, folder) for lang, folders in layouts.items() for folder in folders
            if all(after.get(path) == digest for path, digest in before.items()
                   if path.startswith(f"pagefind/{lang}/{folder}"))]
    assert len(kept) == first - again, "a shard whose pages did not change keeps its files, byte for byte"
    builds.assert_same_as_cold(shards, what="an edit with the search index in shards")


def test_a_change_in_the_number_of_search_shards_gives_the_bytes_of_a_cold_build(catalogue, tmp_path):
    builds = Builds(catalogue.root, tmp_path)
    for shards in ["SEARCH_SHARD_PAGES=1000", "SEARCH_SHARD_PAGES=1", "SEARCH_SHARD_PAGES=3"]:
        builds.incremental(shards)
        builds.assert_same_as_cold(shards, what=shards)
    catalogue.product("me-xung", title="Mè xửng", producer="htx-a", group="I.2", stars=4, score=78)
    # a preview with 3 shards instead of 2: shard 0 now holds every page; its previous bundle (2 pages) is
    # not kept
    builds.incremental("SEARCH_SHARD_PAGES=2", "CATALOGUE_PREVIEW=true")
    indexed = {path.name for path in (builds.out / "pagefind/vi").glob("*/fragment/*")}
    assert len(indexed) == 3 + 1 + 2, "a preview whose shards changed indexes again: every page once"


def test_files_missing_from_the_output_are_made_again(catalogue, tmp_path):
    builds = Builds(catalogue.root, tmp_path)
    builds.incremental()
    (builds.out / "san-pham/nuoc-mam/index.html").unlink()  # someone tidied the output by hand
    (builds.out / "en/products/ao-dai/qr.png").unlink(missing_ok=True)
    (builds.out / "san-pham/ao-dai/qr.png").unlink()
    fragment = sorted((builds.out / "pagefind/vi/0/fragment").iterdir())[0]
    fragment.unlink()  # a file of a search bundle whose pages did not change
    builds.incremental()
    assert (builds.out / "san-pham/nuoc-mam/index.html").is_file() and (builds.out / "san-pham/ao-dai/qr.png").is_file()
    assert fragment.is_file()
    builds.assert_same_as_cold(what="files deleted from the output")

    (tmp_path / "out.manifest").unlink()  # an interrupted commit leaves no manifest: everything is made again
    made, kept = builds.incremental()
    assert kept == 0
    builds.assert_same_as_cold(what="no manifest")


def test_a_preview_keeps_the_search_index_and_open_data_until_the_next_build(catalogue, tmp_path):
    builds = Builds(catalogue.root, tmp_path)
    builds.incremental()
    before = tree_digest(builds.out)
    catalogue.product("dau-tram", title="Dầu tràm", producer="ho-dung", group="III.3", stars=3, score=60,
                      summary="Tinh dầu tràm, bản xem trước.")
    builds.incremental("CATALOGUE_PREVIEW=true")  # as `invoke serve` builds
    preview = tree_digest(builds.out)
    assert preview["san-pham/dau-tram/index.html"] != before["san-pham/dau-tram/index.html"]
    kept = [path for path in before if path.startswith(("pagefind/", "open-data/catalogue.", "en/open-data/"))]
    assert kept and all(preview[path] == before[path] for path in kept), "the preview made them again"
    builds.incremental()  # `invoke build`: the index and open data catch up
    assert "bản xem trước" in (builds.out / "open-data/catalogue.json").read_text(encoding="utf-8")
    builds.assert_same_as_cold(what="a build after a preview")
