"""A search bundle is checked before a build uses it: Pagefind has left files empty on a loaded machine (a
national build's `pagefind-entry.json` and WebAssembly: every search of the language failed), so a broken
bundle is made again once, and a second failure is an error the build reports, never a cached bundle."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from ocop.search import pagefind_index
from ocop.search.pagefind_index import BrokenBundle, build_index, check_bundle

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head>
<body><article data-pagefind-body><h1>{title}</h1><p>{text}</p></article></body></html>"""


def in_thread(function, *args):
    """Call `function` in a thread of its own, as the build calls Pagefind (from its pool): in a test
    worker that has driven the browser, this thread has a running event loop and `asyncio.run` refuses."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("pagefind-site")
    for slug, title, text in [("me-xung", "Mè xửng", "Kẹo mè xửng Huế."), ("tom-chua", "Tôm chua", "Tôm chua Huế.")]:
        (root / "san-pham" / slug).mkdir(parents=True)
        (root / "san-pham" / slug / "index.html").write_text(PAGE.format(title=title, text=text), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def bundle(site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundle") / "pagefind"
    report = in_thread(build_index, site, folder, "san-pham/*/index.html")
    assert report.pages == 2
    return folder


def damaged(bundle, tmp_path, damage):
    copy = tmp_path / "copy"
    shutil.copytree(bundle, copy)
    damage(copy)
    return copy


def cut(path):
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


@pytest.mark.parametrize("what, damage", [
    ("pagefind-entry.json", lambda b: (b / "pagefind-entry.json").write_bytes(b"")),
    ("wasm.unknown.pagefind", lambda b: (b / "wasm.unknown.pagefind").write_bytes(b"")),
    ("wasm.unknown.pagefind", lambda b: cut(b / "wasm.unknown.pagefind")),
    ("pf_meta", lambda b: next(b.glob("*.pf_meta")).unlink()),
    ("fragment/", lambda b: cut(next((b / "fragment").iterdir()))),
    ("pagefind.js", lambda b: (b / "pagefind.js").write_bytes(b"")),
])
def test_an_empty_missing_or_cut_file_is_a_broken_bundle(bundle, tmp_path, what, damage):
    check_bundle(bundle)  # whole as Pagefind wrote it
    with pytest.raises(BrokenBundle, match=what.replace(".", r"\.")):
        check_bundle(damaged(bundle, tmp_path, damage))


def test_a_broken_run_is_made_again_and_a_second_one_is_an_error(site, tmp_path, monkeypatch):
    real, runs = pagefind_index._index, []

    async def breaking(site_folder, bundle, glob, breaks):
        runs.append(bundle)
        await real(site_folder, bundle, glob)
        if len(runs) <= breaks:
            (bundle / "pagefind-entry.json").write_bytes(b"")  # as the national build's run left it

    monkeypatch.setattr(pagefind_index, "_index", lambda *args: breaking(*args, breaks=1))
    report = in_thread(build_index, site, tmp_path / "once", "san-pham/*/index.html")
    assert len(runs) == 2 and report.pages == 2
    check_bundle(tmp_path / "once")

    runs.clear()
    monkeypatch.setattr(pagefind_index, "_index", lambda *args: breaking(*args, breaks=2))
    with pytest.raises(BrokenBundle, match="pagefind-entry.json"):
        in_thread(build_index, site, tmp_path / "twice", "san-pham/*/index.html")
    assert len(runs) == 2


def test_a_broken_bundle_in_the_cache_is_dropped_and_indexed_again(bundle, tmp_path):
    """A bundle cached by a build before bundles were checked (the national build's empty entry) is not put
    back into the site: the cache forgets it and the shard is indexed again."""
    from ocop.search.bundle_cache import BundleCache

    cache = BundleCache(tmp_path / "cache")
    shutil.copytree(bundle, tmp_path / "cache" / "digest")
    (tmp_path / "cache" / "digest" / "pagefind-entry.json").write_bytes(b"")
    assert cache.restore("digest", tmp_path / "out", "pagefind/vi/0", plan=None) is False
    assert not (tmp_path / "cache" / "digest").exists() and not (tmp_path / "out").exists()
