"""Small catalogues built for one behaviour each: ordering, pagination, a third language, publishing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from bs4 import BeautifulSoup

from conftest import ROOT, run_build, tree_digest


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_listing_sorts_by_stars_then_vietnamese_alphabet(catalogue, tmp_path):
    # Same star level: Vietnamese order puts D before Đ and A before Ă before Â, unlike code points.
    for slug, title in [("dua", "Dừa sấy"), ("dau", "Đậu phộng"), ("an", "Ăn liền"), ("am", "Âm trà"),
                        ("ba", "Bánh ép"), ("a", "An nhiên")]:
        catalogue.product(slug, title=title, stars=3, score=60)
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    titles = [h.text for h in soup_of(tmp_path / "out/san-pham/index.html").select(".card-title")]
    three_star = [t for t in titles if t in {"Dừa sấy", "Đậu phộng", "Ăn liền", "Âm trà", "Bánh ép", "An nhiên",
                                               "Dầu tràm"}]
    assert titles[0] == "Áo dài"  # five stars first
    assert three_star == ["An nhiên", "Ăn liền", "Âm trà", "Bánh ép", "Dầu tràm", "Dừa sấy", "Đậu phộng"]


def test_listings_paginate(catalogue, tmp_path):
    result = run_build(catalogue.root, tmp_path / "out", "-e", "CATALOGUE_PER_PAGE=2")
    assert result.returncode == 0, result.stderr
    first = soup_of(tmp_path / "out/san-pham/index.html")
    second = soup_of(tmp_path / "out/san-pham/trang/2/index.html")
    assert len(first.select(".card")) == 2 and len(second.select(".card")) == 1
    assert first.select_one('a[rel="next"]')["href"] == "/san-pham/trang/2/"
    assert second.select_one('a[rel="prev"]')["href"] == "/san-pham/"
    english = soup_of(tmp_path / "out/en/products/page/2/index.html")
    assert english.select_one('link[hreflang="vi"]')["href"] == "/san-pham/trang/2/"
    assert not (tmp_path / "out/san-pham/trang/3").exists()


def test_a_third_language_is_configuration_plus_a_catalogue(catalogue, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    po = Catalog(locale="de")
    po.add("All products", "Alle Produkte")
    po.add("OCOP %(n)s-star", "OCOP %(n)s Sterne", flags=["python-format"])
    (theme / "translations/de/LC_MESSAGES").mkdir(parents=True)
    with open(theme / "translations/de/LC_MESSAGES/messages.po", "wb") as handle:
        write_po(handle, po)
    catalogue.translation("products", "nuoc-mam", "de", title="Fischsauce", summary="Soße.")
    result = run_build(catalogue.root, tmp_path / "out", "-e", 'CATALOGUE_LANGUAGES=["vi", "en", "de"]',
                       "-e", f'THEME="{theme}"')
    assert result.returncode == 0, result.stderr
    listing = soup_of(tmp_path / "out/de/products/index.html")
    assert listing.html["lang"] == "de" and listing.select_one("h1").text == "Alle Produkte"
    product = soup_of(tmp_path / "out/de/products/nuoc-mam/index.html")
    assert product.select_one("h1").text == "Fischsauce"
    assert product.select_one(".rating svg")["aria-label"] == "OCOP 4 Sterne"
    untranslated = soup_of(tmp_path / "out/de/products/dau-tram/index.html")
    assert untranslated.select_one("h1")["lang"] == "vi"
    vi = soup_of(tmp_path / "out/san-pham/nuoc-mam/index.html")
    assert vi.select_one('link[hreflang="de"]')["href"] == "/de/products/nuoc-mam/"
    assert [a.text for a in vi.select(".lang-switch a")] == ["Tiếng Việt", "English", "Deutsch"]


def test_publish_settings_give_absolute_urls(catalogue, tmp_path):
    result = run_build(catalogue.root, tmp_path / "out", settings_file="publishconf.py")
    assert result.returncode == 0, result.stderr
    soup = soup_of(tmp_path / "out/en/products/nuoc-mam/index.html")
    assert soup.select_one('link[rel="canonical"]')["href"] == "https://ocop.hue.example.vn/en/products/nuoc-mam/"
    sitemap = (tmp_path / "out/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://ocop.hue.example.vn/san-pham/nuoc-mam/</loc>" in sitemap


@pytest.mark.slow
def test_rebuild_replaces_the_site_and_drops_removed_pages(catalogue, tmp_path):
    out = tmp_path / "out"
    assert run_build(catalogue.root, out).returncode == 0
    assert (out / "san-pham/ao-dai/index.html").is_file()
    shutil.rmtree(catalogue.root / "products/ao-dai")
    refused = run_build(catalogue.root, out)  # its URLs were published: deleting it silently is refused
    assert refused.returncode == 1 and "/san-pham/ao-dai/: this published URL would disappear" in refused.stderr
    assert (out / "san-pham/ao-dai/index.html").is_file()
    permalinks = catalogue.root / "permalinks.txt"  # retire its URLs on purpose
    permalinks.write_text("".join(line for line in permalinks.read_text(encoding="utf-8").splitlines(True)
                                  if "/ao-dai/" not in line), encoding="utf-8")
    result = run_build(catalogue.root, out)
    assert result.returncode == 0, result.stderr
    assert not (out / "san-pham/ao-dai").exists() and not (out / "media/products/ao-dai").exists()
    assert (out / "san-pham/nuoc-mam/index.html").is_file()
    assert not (tmp_path / "out.partial").exists() and not (tmp_path / "out.previous").exists()


@pytest.mark.slow
def test_template_error_leaves_the_previous_site(catalogue, tmp_path):
    """Not only content errors: any failure while writing keeps the last good output."""
    out = tmp_path / "out"
    assert run_build(catalogue.root, out).returncode == 0
    before = tree_digest(out)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates/producer.html").write_text("{% extends 'base.html' %}{% block content %}{{ nope() }}{% endblock %}")
    result = run_build(catalogue.root, out, "-e", f'THEME="{theme}"')
    assert result.returncode != 0
    assert tree_digest(out) == before
    assert not (tmp_path / "out.partial").exists()


def test_region_description_and_untranslated_region_name(catalogue, tmp_path):
    catalogue.photo("regions/phu-vang/cua-bien.jpg")
    catalogue.markdown("regions/phu-vang/index.md", {"summary": "Vùng ven biển.", "image": "cua-bien.jpg",
                                                     "image_alt": "Cửa biển"}, "Nổi tiếng với **nước mắm**.")
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    soup = soup_of(tmp_path / "out/dia-phuong/phu-vang/index.html")
    assert soup.select_one(".prose strong").text == "nước mắm"
    assert soup.select_one(".region-image")["src"] == "/media/regions/phu-vang/cua-bien-640.jpg"
    assert (tmp_path / "out/media/regions/phu-vang/cua-bien-800.webp").is_file()
    # "Đan Điền" has no name_en: the English page shows the Vietnamese name, marked as Vietnamese
    en = soup_of(tmp_path / "out/en/regions/dan-dien/index.html")
    assert en.select_one("h1").text == "Đan Điền" and en.select_one("h1")["lang"] == "vi"


def test_region_description_for_an_unknown_region(catalogue, tmp_path):
    catalogue.markdown("regions/phu-vangg/index.md", {"summary": "x"})
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 1
    assert "regions/phu-vangg: file: describes region 'phu-vangg', which is not in regions/regions.geojson; " \
           "did you mean `phu-vang`?" in result.stderr


def test_markdown_body_keeps_vietnamese_and_tables(catalogue, tmp_path):
    catalogue.product("nuoc-mam", body="Độ đạm **40°N**.\n\n| Loại | Giá |\n|---|---|\n| Nhất | 90.000 |\n")
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    soup = soup_of(tmp_path / "out/san-pham/nuoc-mam/index.html")
    assert soup.select_one(".product-body strong").text == "40°N"
    assert soup.select_one(".product-body table td").text == "Nhất"


def test_aliases_redirect_old_paths_to_the_product(catalogue, tmp_path):
    catalogue.product("nuoc-mam", aliases=["/san-pham/nuoc-mam-cu/", "/old/fish-sauce/"])
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for alias in ("san-pham/nuoc-mam-cu", "old/fish-sauce"):
        soup = soup_of(tmp_path / "out" / alias / "index.html")
        assert soup.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=/san-pham/nuoc-mam/"
        assert soup.select_one('link[rel="canonical"]')["href"] == "/san-pham/nuoc-mam/"
        assert soup.select_one('body a')["href"] == "/san-pham/nuoc-mam/"
    assert "nuoc-mam-cu" not in (tmp_path / "out/sitemap.xml").read_text(encoding="utf-8")


def test_alias_that_is_a_live_page_is_refused(catalogue, tmp_path):
    catalogue.product("nuoc-mam", aliases=["/san-pham/dau-tram/"])
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 1
    assert "nuoc-mam/index.md:" in result.stderr
    assert "aliases: /san-pham/dau-tram/ is already a page of the site" in result.stderr


def test_page_slug_that_clashes_with_a_listing_is_refused(catalogue, tmp_path):
    catalogue.markdown("pages/san-pham/index.md", {"title": "Sản phẩm"})
    catalogue.markdown("pages/ban-do/index.md", {"title": "Bản đồ"})
    catalogue.markdown("pages/media.md", {"title": "Ảnh"})
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 1
    for name, path in (("san-pham", "pages/san-pham/index.md"), ("ban-do", "pages/ban-do/index.md"),
                       ("media", "pages/media.md")):
        assert f"{path}: file: the name {name!r} is reserved for the site's own pages" in result.stderr


def test_ordinary_pages_in_both_forms_and_languages(catalogue, tmp_path):
    catalogue.markdown("pages/gioi-thieu/index.md", {"title": "Giới thiệu"}, "Danh mục *mẫu*.")
    catalogue.markdown("pages/gioi-thieu/index.en.md", {"title": "About"}, "A *sample* catalogue.")
    catalogue.markdown("pages/lien-he.md", {"title": "Liên hệ"}, "Gọi cho chúng tôi.")
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert soup_of(tmp_path / "out/gioi-thieu/index.html").select_one("h1").text == "Giới thiệu"
    assert soup_of(tmp_path / "out/en/gioi-thieu/index.html").select_one("h1").text == "About"
    contact_en = soup_of(tmp_path / "out/en/lien-he/index.html")
    assert contact_en.select_one("h1")["lang"] == "vi"
    footer = [a["href"] for a in soup_of(tmp_path / "out/en/index.html").select(".footer-links a")]
    assert "/en/gioi-thieu/" in footer and "/en/lien-he/" in footer


def test_translated_photo_descriptions_follow_the_file_not_the_order(catalogue, tmp_path):
    catalogue.photo("products/nuoc-mam/anh-2.jpg")
    catalogue.product("nuoc-mam", images=[{"file": "anh-1.jpg", "alt": "Chai"}, {"file": "anh-2.jpg", "alt": "Làng chài"}])
    catalogue.translation("products", "nuoc-mam", "en", title="Fish sauce", summary="Fish sauce.",
                          images=[{"file": "anh-2.jpg", "alt": "Fishing village"}])
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    figures = soup_of(tmp_path / "out/en/products/nuoc-mam/index.html").select(".product-photos figure")
    assert [(f.img["src"].rsplit("/", 1)[1], f.img["alt"], f.get("lang")) for f in figures] == [
        ("anh-1-640.jpg", "Chai", "vi"), ("anh-2-640.jpg", "Fishing village", None)]


def test_certificate_of_a_two_star_product_does_not_make_it_certified(catalogue, tmp_path):
    catalogue.product("nuoc-mam", stars=2, score=40,
                      certificate={"decision": "1/QĐ", "issued_by": "UBND", "date": "2020-01-01"})
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    soup = soup_of(tmp_path / "out/san-pham/nuoc-mam/index.html")
    assert soup.select_one(".rating svg")["aria-label"] == "2 sao · chưa chứng nhận"
    assert "certificate-none" in soup.select_one(".certificate")["class"]


class ProcessOutput:
    """What a running process prints (stdout and stderr together), read line by line as it comes, to wait on."""

    def __init__(self, proc: subprocess.Popen):
        self.proc, self.lines, self.ended = proc, [], False
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stdout:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self.ended = True
            self._changed.notify_all()

    def wait_for(self, text: str, timeout: float, after: int = 0) -> bool:
        """Whether a line containing `text` came (after the first `after` lines) within `timeout` seconds."""
        def seen():
            return any(text in line for line in self.lines[after:])
        with self._changed:
            self._changed.wait_for(lambda: seen() or self.ended, timeout)
            return seen()

    def stop(self) -> str:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self._reader.join(timeout=30)
        return "".join(self.lines)


@pytest.mark.slow
def test_autoreload_survives_a_content_error(catalogue, tmp_path):
    """`invoke serve` runs `pelican --autoreload`: a bad edit is reported, a fixed one rebuilds."""
    from conftest import PELICAN, TODAY

    out = tmp_path / "out"
    path = catalogue.product("nuoc-mam", stars=9)
    proc = subprocess.Popen([PELICAN, str(catalogue.root), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out),
                             "--autoreload", "-e", f'CATALOGUE_TODAY="{TODAY}"'],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=dict(os.environ, PYTHONUNBUFFERED="1"))
    output = ProcessOutput(proc)
    try:
        waiting = output.wait_for("Waiting for a change in the content or the theme to build again.", 120)
        assert waiting, f"no content error reported, or no wait for an edit:\n{''.join(output.lines)}"
        assert proc.poll() is None, "the watch loop stopped on a content error"
        assert not out.exists()
        fixed = path.read_text(encoding="utf-8").replace("stars: 9", "stars: 4")
        # The watcher starts watching just after its message: save again (as an editor would) until it has
        # seen the fix, which Pelican's loop shows by logging the error it was waiting on ("Caught exception")
        deadline = time.monotonic() + 60
        while True:
            seen_so_far = len(output.lines)
            path.write_text(fixed, encoding="utf-8")
            if output.wait_for("Caught exception", 5, after=seen_so_far):
                break
            assert time.monotonic() < deadline, f"the watcher never saw the fix:\n{''.join(output.lines)}"
        assert output.wait_for("Done: Processed", 120, after=seen_so_far), \
            f"the fixed catalogue was not built:\n{''.join(output.lines)}"
        assert (out / "san-pham/nuoc-mam/index.html").exists()
    finally:
        log = output.stop()
    assert "stars: must be from 1 to 5, got 9" in log and "Traceback" not in log


def test_raw_html_in_bodies_is_sanitised_and_text_stays_text(catalogue, tmp_path):
    hostile = ('<script>alert("body")</script><img src=x onerror="alert(1)">\n\n'
               '[click](javascript:alert(2)) [site](https://example.com/) <iframe src="https://evil.example"></iframe>\n\n'
               '<span style="position:fixed">styled</span> Khối lượng < 5 g & "ngon" 🍵\n\n'
               '| Loại | Giá |\n|---|---|\n| Nhất | 90.000 |\n')
    catalogue.product("nuoc-mam", title='Nước mắm </script><script>alert(3)</script> "x" onmouseover=alert(4)',
                      body=hostile)
    result = run_build(catalogue.root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/san-pham/nuoc-mam/index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    body = page.select_one(".product-body")
    assert not body.select("script, iframe, [onerror], [style]")
    assert [a.get("href") for a in body.select("a")] == [None, "https://example.com/"]
    assert body.select_one('a[href="https://example.com/"]')["rel"] == ["noopener", "noreferrer"]
    assert "Khối lượng < 5 g & \"ngon\" 🍵" in body.text and body.select_one("td").text == "Nhất"
    # the title is text everywhere: heading, attributes, JSON-LD
    assert page.select_one("h1").text == 'Nước mắm </script><script>alert(3)</script> "x" onmouseover=alert(4)'
    assert all("alert" not in (tag.string or "") for tag in page.select("script:not([type])"))
    assert not page.select("[onmouseover]")
    ld = page.select_one('script[type="application/ld+json"]').string
    assert "</script>" not in ld and json.loads(ld)["name"].startswith("Nước mắm </script>")
    csp = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp


@pytest.mark.slow
def test_a_rebuild_is_byte_identical_and_unchanged_files_keep_their_time(catalogue, tmp_path):
    out = tmp_path / "out"
    cache = f'CATALOGUE_CACHE_PATH="{tmp_path / "cache"}"'
    assert run_build(catalogue.root, out, "-e", cache).returncode == 0
    first = tree_digest(out)
    past = 1_600_000_000  # pretend the first build was long ago
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))
    catalogue.product("dau-tram", title="Dầu tràm gió", producer="ho-dung", group="III.3", stars=3, score=60)
    assert run_build(catalogue.root, out, "-e", cache).returncode == 0
    second = tree_digest(out)
    changed = {path for path in second if second[path] != first.get(path)}
    assert "san-pham/dau-tram/index.html" in changed and "san-pham/nuoc-mam/index.html" not in changed  # another producer
    for path in second:
        kept = (out / path).stat().st_mtime == past
        assert kept == (path not in changed), path


@pytest.mark.slow
def test_pages_rendered_by_worker_processes_are_the_same_bytes(catalogue, tmp_path):
    for n in range(8):
        catalogue.product(f"san-pham-{n}", title=f"Sản phẩm số {n}", stars=3 + n % 3, score=(60, 75, 95)[n % 3])
    serial = run_build(catalogue.root, tmp_path / "serial", "-e", "CATALOGUE_RENDER_WORKERS=1")
    parallel = run_build(catalogue.root, tmp_path / "parallel", "-e", "CATALOGUE_PARALLEL_FROM=0",
                         "CATALOGUE_RENDER_WORKERS=2")
    assert serial.returncode == 0 and parallel.returncode == 0, parallel.stderr
    assert "(2 processes)" in parallel.stdout and "processes)" not in serial.stdout
    assert tree_digest(tmp_path / "parallel") == tree_digest(tmp_path / "serial")


@pytest.mark.slow
def test_a_sitemap_past_the_protocols_url_limit_becomes_an_index_of_parts(catalogue, tmp_path):
    """The national catalogue has more than 50,000 URLs, the limit of one sitemap file."""
    from xml.etree import ElementTree

    from site_checks.links import broken_links

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

    def locs(path):
        return [e.text for e in ElementTree.parse(path).getroot().iterfind("s:url/s:loc", ns)]

    whole, split = tmp_path / "whole", tmp_path / "split"
    assert run_build(catalogue.root, whole).returncode == 0
    assert run_build(catalogue.root, split, "-e", "SITEMAP_MAX_URLS=25").returncode == 0
    index = ElementTree.parse(split / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [e.text for e in index.iterfind("s:sitemap/s:loc", ns)]
    assert parts == [f"/sitemap-{n}.xml" for n in range(1, len(parts) + 1)] and len(parts) > 2
    urls = [url for n in range(1, len(parts) + 1) for url in locs(split / f"sitemap-{n}.xml")]
    assert all(len(locs(split / f"sitemap-{n}.xml")) <= 25 for n in range(1, len(parts) + 1))
    assert urls == locs(whole / "sitemap.xml"), "the parts list every page once, in the same order"
    assert ElementTree.parse(split / "sitemap-1.xml").getroot().find("s:url/x:link", ns) is not None  # alternates
    assert broken_links(split) == []
