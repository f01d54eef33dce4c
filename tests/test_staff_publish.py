"""`invoke publish`: nothing is published unless check and build succeed; folder, rsync, GitHub Pages
and S3 targets (S3 against a local S3-compatible server)."""

from __future__ import annotations

import shutil
import socket
import subprocess

import pytest

from catalogue_tools.publish import build_site, publish
from catalogue_tools.publish.deploying import site_files
from catalogue_tools.publish.s3 import LONG_CACHE, MEDIUM_CACHE, SHORT_CACHE, cache_control
from catalogue_tools.publish.s3 import deploy as s3_deploy
from conftest import run_invoke, tree_digest


def test_folder_target_and_failed_publishes_leave_the_site_untouched(catalogue, tmp_path):
    published = tmp_path / "published"
    result = run_invoke("publish", "--target", "folder", "--dest", str(published), "--content", str(catalogue.root))
    assert result.returncode == 0, result.stderr
    assert f"Published to folder {published}" in result.stdout
    page = (published / "san-pham/nuoc-mam/index.html").read_text(encoding="utf-8")
    assert 'href="https://' in page  # publishconf.py: absolute URLs
    # the printed catalogue of every language, linked from the footer with its size
    assert (published / "danh-muc/ocop-hue-vi.pdf").read_bytes().startswith(b"%PDF")
    assert (published / "en/catalogue/ocop-hue-en.pdf").read_bytes().startswith(b"%PDF")
    assert 'href="https://ocop.hue.example.vn/danh-muc/ocop-hue-vi.pdf" type="application/pdf">Danh mục sản phẩm ' \
        'để in (PDF, ' in page
    before = tree_digest(published)

    catalogue.product("dau-tram", stars=9)  # a content error: stopped by the check, before any build
    result = run_invoke("publish", "--target", "folder", "--dest", str(published), "--content", str(catalogue.root))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "stars: must be from 1 to 5, got 9" in result.stderr and "nothing was published" in result.stderr
    assert tree_digest(published) == before

    catalogue.product("dau-tram", producer="ho-dung", group="III.3", stars=3, score=60)
    catalogue.write("pages/san-pham/index.md", "---\ntitle: Trùng\n---\nx\n")  # the build (not the check) fails
    result = run_invoke("publish", "--target", "folder", "--dest", str(published), "--content", str(catalogue.root))
    assert result.returncode == 1 and "The build failed" in result.stderr
    assert tree_digest(published) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "published"]  # no half-copied site


def test_folder_swap_replaces_the_whole_site(tmp_path):
    from catalogue_tools.publish.folder import deploy

    old, new = tmp_path / "published", tmp_path / "build"
    for folder, name in ((old, "old.html"), (new, "new.html")):
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / name).write_text(name, encoding="utf-8")
    deploy(new, {"PUBLISH_FOLDER": str(old)})
    assert [name for name, _ in site_files(old)] == ["sub/new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "published"]  # nothing left beside it


def test_unknown_target_is_refused(catalogue):
    result = run_invoke("publish", "--target", "ftp", "--content", str(catalogue.root))
    assert result.returncode == 1
    assert "'ftp' is not a publishing target; use one of folder, rsync, github-pages, s3" in result.stderr


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed (.ci/run installs it)")
def test_rsync_target_sends_only_changes(catalogue, tmp_path):
    dest = tmp_path / "web"
    dest.mkdir()
    (dest / "old-page.html").write_text("gone", encoding="utf-8")
    result = run_invoke("publish", "--target", "rsync", "--dest", str(dest), "--content", str(catalogue.root))
    assert result.returncode == 0, result.stderr
    assert (dest / "san-pham/nuoc-mam/index.html").is_file() and not (dest / "old-page.html").exists()
    assert "1 deleted" in result.stdout
    again = publish(catalogue.root, "rsync", str(dest))
    assert not_search_index(again.uploaded) == [] and not_search_index(again.deleted) == []


def not_search_index(names) -> list:
    """Pagefind writes its filter files differently on each build of the same content (their number and
    names change), so a second publish sends those again; every other file must be left alone."""
    return [name for name in names if not name.startswith("pagefind/")]


def test_github_pages_target(catalogue, tmp_path):
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "--bare", "-q", str(remote)], check=True)
    subprocess.run([*git, "init", "-q", str(work)], check=True)
    for key, value in (("user.name", "Cán bộ"), ("user.email", "canbo@example.vn")):
        subprocess.run(["git", "-C", str(work), "config", key, value], check=True)
    subprocess.run(["git", "-C", str(work), "remote", "add", "origin", str(remote)], check=True)
    result = run_invoke("publish", "--target", "github-pages", "--dest", str(work), "--content", str(catalogue.root))
    assert result.returncode == 0, result.stderr
    assert "branch gh-pages, pushed to origin" in result.stdout
    files = subprocess.run(["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    assert ".nojekyll" in files and "index.html" in files and "san-pham/nuoc-mam/index.html" in files


# ---- S3 against moto's server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def s3(monkeypatch):
    from moto.server import ThreadedMotoServer
    import boto3

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    env = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
           "CATALOGUE_S3_ENDPOINT": endpoint, "CATALOGUE_S3_BUCKET": "ocop-site"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    client = boto3.client("s3", endpoint_url=endpoint)
    client.create_bucket(Bucket="ocop-site")
    yield client, env
    server.stop()


def keys(client) -> set:
    return {item["Key"] for item in client.list_objects_v2(Bucket="ocop-site").get("Contents", [])}


def test_s3_target_uploads_only_what_changed(catalogue, s3, tmp_path):
    client, env = s3
    result = run_invoke("publish", "--target", "s3", "--content", str(catalogue.root), env=env)
    assert result.returncode == 0, result.stderr
    first = keys(client)
    assert "index.html" in first and "san-pham/nuoc-mam/index.html" in first
    assert f"({len(first)} uploaded)" in result.stdout

    again = publish(catalogue.root, "s3")  # a fresh build of the same content: only the search index differs
    assert not_search_index(again.uploaded) == [] and again.unchanged >= len(not_search_index(first))

    site = tmp_path / "site"  # one built site, deployed again and again
    build_site(catalogue.root, "publishconf.py", site)
    settings = {"PUBLISH_S3_BUCKET": "ocop-site", "PUBLISH_S3_ENDPOINT": env["CATALOGUE_S3_ENDPOINT"],
                "CONTENT_SECURITY_POLICY": "default-src 'self'"}
    s3_deploy(site, settings, progress=False)
    report = s3_deploy(site, settings, progress=False)
    assert report.uploaded == [] and report.unchanged == len(site_files(site))
    (site / "co-so/htx-a/index.html").write_text("<html><body>mới</body></html>", encoding="utf-8")
    report = s3_deploy(site, settings, progress=False)
    assert report.uploaded == ["co-so/htx-a/index.html"] and report.deleted == []
    client.put_object(Bucket="ocop-site", Key="trang-cu/index.html", Body=b"old")
    assert "trang-cu/index.html" in keys(client)
    report = s3_deploy(site, settings, delete=True, progress=False)
    assert report.uploaded == [] and "trang-cu/index.html" in report.deleted
    assert keys(client) == {name for name, _ in site_files(site)}


def test_s3_headers(catalogue, s3):
    client, _env = s3
    publish(catalogue.root, "s3")
    page = client.head_object(Bucket="ocop-site", Key="san-pham/nuoc-mam/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == SHORT_CACHE
    assert "script-src 'self'" in page["Metadata"]["content-security-policy"]
    keys_ = keys(client)
    photo = next(k for k in keys_ if k.startswith("media/products/nuoc-mam/") and k.endswith(".webp"))
    head = client.head_object(Bucket="ocop-site", Key=photo)
    assert head["ContentType"] == "image/webp" and head["CacheControl"] == MEDIUM_CACHE
    css = client.head_object(Bucket="ocop-site", Key="theme/css/site.css")
    assert css["ContentType"] == "text/css; charset=utf-8" and css["CacheControl"] == MEDIUM_CACHE
    assert client.head_object(Bucket="ocop-site", Key="sitemap.xml")["ContentType"] == "application/xml; charset=utf-8"
    assert client.head_object(Bucket="ocop-site", Key="feed.xml")["ContentType"] == "application/atom+xml; charset=utf-8"
    svg = next(k for k in keys_ if k.endswith(".svg"))
    assert client.head_object(Bucket="ocop-site", Key=svg)["ContentType"] == "image/svg+xml; charset=utf-8"


def test_cache_policy():
    assert cache_control("media/products/x/anh-1-640.3f9a1c2e9b.webp") == LONG_CACHE  # fingerprinted name
    assert cache_control("theme/css/site.5d41402abc4b2a76.css") == LONG_CACHE
    assert cache_control("pagefind/en/fragment/en_2099d64.pf_fragment") == LONG_CACHE  # Pagefind: content-named
    assert cache_control("pagefind/en/pagefind.en_ba35435c58.pf_meta") == LONG_CACHE
    assert cache_control("pagefind/en/pagefind-entry.json") == cache_control("pagefind/en/pagefind.js") == SHORT_CACHE
    assert cache_control("media/products/x/anh-1-640.webp") == MEDIUM_CACHE
    assert cache_control("index.html") == cache_control("sitemap.xml") == cache_control("san-pham/x/qr.png") == SHORT_CACHE


def test_site_files_are_listed_with_slashes(tmp_path):
    (tmp_path / "a/b").mkdir(parents=True)
    (tmp_path / "a/b/c.html").write_text("x")
    assert [name for name, _ in site_files(tmp_path)] == ["a/b/c.html"]
