"""Renditions of single photos, without a site build."""

from pathlib import Path

from PIL import Image

from ocop.images.render import render_photo, target_widths
from ocop.images.settings import ImageSettings


def test_widths_are_never_upscaled():
    assert target_widths((1600, 1024, 640, 320), 4000) == [1600, 1024, 640, 320]
    assert target_widths((1600, 1024, 640, 320), 800) == [800, 640, 320]
    assert target_widths((1600, 1024, 640, 320), 200) == [200]


def test_manifest_lists_every_file(tmp_path):
    source = tmp_path / "p.jpg"
    Image.new("RGB", (1000, 500), (10, 120, 200)).save(source, "JPEG")
    manifest = render_photo(source, tmp_path / "out", ImageSettings(widths=(800, 300)))
    assert [(r["name"], r["width"], r["height"]) for r in manifest["renditions"]] == [
        ("800.webp", 800, 400), ("800.jpg", 800, 400), ("300.webp", 300, 150), ("300.jpg", 300, 150)]
    for item in manifest["renditions"] + [manifest["social"]]:
        with Image.open(tmp_path / "out" / item["name"]) as image:
            assert image.size == (item["width"], item["height"])
    assert manifest["social"]["name"] == "1200x630.jpg"
