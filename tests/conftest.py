"""Fixtures: build real sites with the real `pelican` command from small catalogues made on the fly."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PELICAN = str(Path(sys.executable).parent / "pelican")
TODAY = "2026-11-29"  # certificates expire relative to this date in every test build


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def problem_lines(self) -> list[str]:
        """The contract's one-line problem reports (PATH:LINE: FIELD: message)."""
        return [line for line in self.stderr.splitlines() if ": " in line and not line.startswith(" ")]


def run_build(content: Path, output: Path, *extra_settings: str, settings_file: str = "pelicanconf.py",
              env: dict | None = None) -> BuildResult:
    """`pelican CONTENT -s pelicanconf.py -o OUTPUT`, as staff run it (`env`: extra environment variables)."""
    # Pelican keeps only the last -e option: pass every KEY=VALUE override after a single one.
    extra = ["-e", f'CATALOGUE_TODAY="{TODAY}"', *(s for s in extra_settings if s != "-e")]
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", TERM="dumb", **(env or {}))
    proc = subprocess.run(
        [PELICAN, str(content), "-s", str(ROOT / settings_file), "-o", str(output), *extra],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
    )
    return BuildResult(proc.returncode, proc.stdout, proc.stderr, output)


def content_problems(content: Path, **settings) -> list[str]:
    """The problem lines a build of `content` prints (warnings, then errors), found in-process by the
    build's own loader (its phase 1; nothing is written), with paths as staff see them when they build
    from the folder above `content` (`content/products/…`). `settings` override pelicanconf.py."""
    from catalogue_tools.context import load_catalogue

    settings = {**_project_settings(), "CATALOGUE_TODAY": TODAY, **settings}
    with contextlib.chdir(content.parent):
        problems = load_catalogue(content, settings).problems
    return [str(problem) for problem in problems.warnings + problems.errors]


@functools.cache
def _project_settings() -> dict:
    from catalogue_tools.context import read_settings

    return read_settings("pelicanconf.py")


def tree_digest(folder: Path) -> dict:
    """Every file below `folder` with a hash of its bytes: to prove an output was left untouched."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def square(lon: float, lat: float, size: float = 0.05) -> dict:
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + size, lat], [lon + size, lat + size],
                                                [lon, lat + size], [lon, lat]]]}


class CatalogueBuilder:
    """Writes a small, valid catalogue in the contract's layout; tests then break one thing."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.regions([
            {"id": "phu-vang", "name": "Phú Vang", "name_en": "Phu Vang", "geometry": square(107.7, 16.4)},
            {"id": "dan-dien", "name": "Đan Điền", "geometry": square(107.5, 16.6)},
            {"id": "a-luoi-1", "name": "A Lưới 1", "name_en": "A Luoi 1", "geometry": square(107.2, 16.2)},
        ])

    def regions(self, regions: list[dict]) -> None:
        features = [{"type": "Feature", "properties": {k: v for k, v in r.items() if k != "geometry"},
                     "geometry": r["geometry"]} for r in regions]
        self.write("regions/regions.geojson", json.dumps({"type": "FeatureCollection", "features": features},
                                                         ensure_ascii=False))

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def markdown(self, relative: str, fields: dict, body: str = "Nội dung.") -> Path:
        front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
        return self.write(relative, f"---\n{front}---\n{textwrap.dedent(body)}\n")

    def photo(self, relative: str, size=(800, 600), color=(180, 90, 40), fmt="JPEG") -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, color).save(path, fmt)
        return path

    def producer(self, slug: str, **fields) -> Path:
        data = {"title": f"HTX {slug}", "kind": "cooperative", "region": "phu-vang",
                "summary": "Cơ sở sản xuất mẫu.", "phone": "0234 3812 345"}
        data.update(fields)
        return self.markdown(f"producers/{slug}/index.md", {k: v for k, v in data.items() if v is not None})

    def product(self, slug: str, body: str = "Mô tả sản phẩm.", **fields) -> Path:
        data = {"title": f"Sản phẩm {slug}", "producer": "htx-a", "group": "I.4.a", "stars": 4, "score": 75,
                "certificate": {"decision": "123/QĐ-UBND", "issued_by": "UBND tỉnh Thừa Thiên Huế",
                                "date": "2025-03-01"},
                "images": [{"file": "anh-1.jpg", "alt": "Ảnh sản phẩm"}],
                "summary": "Tóm tắt sản phẩm.", "price": {"from": 45000, "unit": "chai 500 ml"}}
        data.update(fields)
        data = {k: v for k, v in data.items() if v is not None}
        if not (self.root / f"products/{slug}/anh-1.jpg").exists():  # a colour of its own per product
            shade = sum(slug.encode()) % 200
            self.photo(f"products/{slug}/anh-1.jpg", color=(180, shade, 40))
        return self.markdown(f"products/{slug}/index.md", data, body)

    def shop(self, slug: str, body: str = "Quầy bán đặc sản.", **fields) -> Path:
        """A sales point (content/shops/<slug>/) in Phú Vang selling product nuoc-mam; `fields` change it."""
        data = {"title": f"Điểm bán {slug}", "kind": "market-stall", "region": "phu-vang",
                "address": "Chợ Đông Ba, phường Phú Xuân", "location": {"lat": 16.42, "lon": 107.72},
                "summary": "Quầy bán đặc sản OCOP.", "products": ["nuoc-mam"]}
        data.update(fields)
        return self.markdown(f"shops/{slug}/index.md", {k: v for k, v in data.items() if v is not None}, body)

    def translation(self, kind: str, slug: str, lang: str, body: str = "Text.", **fields) -> Path:
        return self.markdown(f"{kind}/{slug}/index.{lang}.md", fields, body)


def small_catalogue(root: Path) -> CatalogueBuilder:
    """A valid two-producer, three-product catalogue in `root`."""
    cat = CatalogueBuilder(root)
    cat.producer("htx-a", title="HTX Nước mắm Tân Mỹ")
    cat.producer("ho-dung", title="Hộ kinh doanh Đức Dũng", kind="household", region="dan-dien")
    cat.product("nuoc-mam", title="Nước mắm cá cơm", stars=4, score=80)
    cat.translation("products", "nuoc-mam", "en", title="Anchovy fish sauce", summary="Fish sauce.",
                    images=[{"file": "anh-1.jpg", "alt": "A bottle"}])
    cat.product("dau-tram", title="Dầu tràm", producer="ho-dung", group="III.3", stars=3, score=60)
    cat.product("ao-dai", title="Áo dài", producer="ho-dung", group="IV.2", stars=5, score=95)
    return cat


@pytest.fixture
def catalogue(tmp_path) -> CatalogueBuilder:
    """The small catalogue in a temporary folder of its own: the test may change it."""
    return small_catalogue(tmp_path / "content")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory, worker_id) -> Path:
    """The sample catalogue (content/) built once per test run, shared by the parallel workers (the
    first to need it builds it while the others wait on a lock): only read it. Its build caches are its
    own: the search bundles it publishes are hard links of cached files, and no other build of the
    session may share them (a flaky "search index did not load" in the gates)."""
    # the base folder of this run (pytest-N), which every worker's own folder (popen-gwK) is in
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    out, failed = shared / "sample" / "output", shared / "sample" / "failed.txt"
    with open(shared / "sample.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not out.is_dir() and not failed.exists():
            result = run_build(ROOT / "content", out, env={"CATALOGUE_CACHE_PATH": str(shared / "sample" / "cache")})
            if result.returncode != 0 or "Traceback" in result.stderr:
                failed.write_text(f"exit {result.returncode}\n{result.stderr}", encoding="utf-8")
    assert not failed.exists(), failed.read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium for the browser tests (`make test` installs it; see the Makefile)."""
    from playwright.sync_api import sync_playwright

    from site_checks.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium (make test installs it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


INVOKE = str(Path(sys.executable).parent / "invoke")


def run_invoke(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """`.venv/bin/invoke TASK …` in the project folder, as staff run it (no terminal: no progress bars)."""
    full_env = dict(os.environ, COLUMNS="200", NO_COLOR="1", TERM="dumb", CI="1", **(env or {}))
    return subprocess.run([INVOKE, *args], cwd=ROOT, capture_output=True, text=True, env=full_env,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def pytest_configure(config):
    """Build caches (photos, QR codes, search index) in a folder of each parallel worker (xdist), so that
    builds running at the same time never share one; every `pelican` and `invoke` of the tests inherits it
    (pelicanconf.py reads CATALOGUE_CACHE_PATH). Kept between runs, like the project's own .cache."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    os.environ["CATALOGUE_CACHE_PATH"] = str(ROOT / ".cache" / "tests" / worker)


def pytest_collection_modifyitems(items):
    """Every test that opens a browser is marked `browser` (deselect with `-m "not browser"`)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
