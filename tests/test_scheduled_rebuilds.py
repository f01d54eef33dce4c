"""A static site tells the truth as of its build: the date every expiry decision is made on is one setting
(CATALOGUE_TODAY, default today in Viet Nam), a nightly rebuild changes what the day changed and nothing
else, and the shipped GitHub Actions workflow runs it at 01:00 Vietnam time with its caches."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, run_build
from ocop.catalogue import programme

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_build_date_is_today_in_viet_nam_unless_set():
    assert programme.build_date(None) == datetime.datetime.now(VIETNAM).date()
    assert programme.build_date("2027-01-16") == datetime.date(2027, 1, 16)
    assert programme.build_date(datetime.date(2027, 1, 16)) == datetime.date(2027, 1, 16)


def test_the_workflow_publishes_on_push_and_at_one_in_the_morning_vietnam_time():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, *every = cron.split()
    assert every == ["*", "*", "*"]  # every day
    run = datetime.datetime(2027, 1, 15, int(hour), int(minute), tzinfo=datetime.timezone.utc)  # cron is UTC
    assert run.astimezone(VIETNAM).time() == datetime.time(1, 0)
    steps = workflow["jobs"]["publish"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert ".venv/bin/invoke publish" in runs
    publish = runs.index(".venv/bin/invoke publish")
    uses = [step.get("uses", "") for step in steps]
    restore = next(i for i, u in enumerate(uses) if u.startswith("actions/cache/restore"))
    save = next(i for i, u in enumerate(uses) if u.startswith("actions/cache/save"))
    assert restore < publish < save and steps[save]["if"] == "${{ always() }}"
    # the caches and the previous build (`.cache/publish/site`, where publish builds) are what is kept
    assert steps[restore]["with"]["path"] == steps[save]["with"]["path"] == ".cache"


def test_the_workflow_names_its_secrets_and_stores_none():
    text = WORKFLOW.read_text(encoding="utf-8")
    named = set(re.findall(r"\$\{\{ secrets\.([A-Z_]+) \}\}", text))
    assert {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SSH_PRIVATE_KEY"} <= named
    for line in text.splitlines():
        if re.match(r"\s+(AWS_\w+|SSH_\w+):", line):
            assert "${{ secrets." in line, line  # a credential only ever comes from the repository's secrets


def test_publish_builds_in_a_folder_it_keeps_between_runs(tmp_path):
    from catalogue_tools.publish import build_folder

    assert build_folder({"CATALOGUE_CACHE_PATH": str(tmp_path)}) == tmp_path / "publish" / "site"
    assert build_folder({"PUBLISH_BUILD_PATH": str(tmp_path / "b"), "CATALOGUE_CACHE_PATH": "x"}) == tmp_path / "b"


# ---- a certificate expires overnight ----------------------------------------------------------------

LANGUAGES = 'CATALOGUE_LANGUAGES=["vi", "en"]'


def files_of(site: Path) -> dict[str, tuple[int, int]]:
    """Each output file's (inode, modification time): what a rebuild that keeps a file leaves as it was."""
    return {str(p.relative_to(site)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def product_jsonld(page: BeautifulSoup) -> dict:
    return next(d for d in (json.loads(s.string) for s in page.select('script[type="application/ld+json"]'))
                if d["@type"] == "Product")


def key_figures(site: Path) -> dict[str, str]:
    """The statistics page's key figures (English): "Certified" → "2" …"""
    page = soup(site, "/en/statistics/")
    return {" ".join(div.dt.get_text().split()): div.dd.get_text(strip=True) for div in page.select(".key-figures div")}


@pytest.fixture(scope="module")
def overnight(tmp_path_factory):
    """The small catalogue, nuoc-mam's certificate valid until 15 January 2027, built as of that day and
    rebuilt as of the next with the content unchanged: (output, files after the first build, output of the
    second build)."""
    from conftest import small_catalogue

    root = tmp_path_factory.mktemp("overnight")
    catalogue = small_catalogue(root / "content")
    catalogue.product("nuoc-mam", title="Nước mắm cá cơm", stars=4, score=80,
                      certificate={"decision": "123/QĐ-UBND", "issued_by": "UBND tỉnh Thừa Thiên Huế",
                                   "date": "2024-01-15", "expires": "2027-01-15"})
    out = root / "out"
    first = run_build(catalogue.root, out, "-e", LANGUAGES, 'CATALOGUE_TODAY="2027-01-15"')
    assert first.returncode == 0, first.stderr
    before = {
        "page": soup(out, "/san-pham/nuoc-mam/"),
        "statistics": key_figures(out),
        "badge": (out / "san-pham/nuoc-mam/ocop-badge.svg").read_text(encoding="utf-8"),
        "files": files_of(out),
    }
    second = run_build(catalogue.root, out, "-e", LANGUAGES, 'CATALOGUE_TODAY="2027-01-16"')
    assert second.returncode == 0, second.stderr
    return out, before, second


def test_the_day_it_expires_the_certificate_is_still_valid_and_the_day_after_it_is_not(overnight):
    out, before, _ = overnight
    assert "ocop-badge-expired" not in before["page"].select_one(".rating svg")["class"]
    assert "award" in product_jsonld(before["page"])
    assert "expired" not in before["badge"].lower()
    after = soup(out, "/san-pham/nuoc-mam/")
    assert "ocop-badge-expired" in after.select_one(".rating svg")["class"]
    assert after.select_one(".rating svg")["aria-label"] == "OCOP 4 sao · hết hạn"
    assert "award" not in product_jsonld(after)  # no OCOP award claimed for a lapsed certificate
    badge = (out / "san-pham/nuoc-mam/ocop-badge.svg").read_text(encoding="utf-8")
    assert badge != before["badge"] and "hết hạn" in badge  # the badge producers embed on their sites
    assert "hết hạn" in soup(out, "/sao/4/").select_one("main").get_text()  # its card in the listing
    statistics = key_figures(out)  # the figures staff report move with it
    assert (before["statistics"]["Certified"], before["statistics"]["Certificate expired"]) == ("3", "0")
    assert (statistics["Certified"], statistics["Certificate expired"]) == ("2", "1")


def test_a_rebuild_on_a_later_day_remakes_only_what_the_day_changed(overnight):
    out, before, second = overnight
    after = files_of(out)
    changed = {path for path, stat in after.items() if before["files"].get(path) != stat}
    # nuoc-mam's own files and the pages that show its card changed …
    for path in ("san-pham/nuoc-mam/index.html", "en/products/nuoc-mam/index.html", "san-pham/nuoc-mam/ocop-badge.svg",
                 "co-so/htx-a/index.html", "sao/4/index.html", "san-pham/index.html", "thong-ke/index.html"):
        assert path in changed, path
    # … the pages of the other products and of the producer that has none of its cards did not
    for path in ("san-pham/dau-tram/index.html", "en/products/ao-dai/index.html", "co-so/ho-dung/index.html",
                 "sao/3/index.html", "san-pham/dau-tram/ocop-badge.svg", "san-pham/dau-tram/qr.svg"):
        assert path not in changed, path
    made, kept = map(int, re.search(r"\((\d+) made, (\d+) unchanged\)", second.stdout + second.stderr).groups())
    assert kept > made  # most of the site is as it was
