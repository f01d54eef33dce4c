"""The photo pipeline as a build sees it: renditions in the site, cache behaviour and bad photos."""

from __future__ import annotations

import re
import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import run_build

GPS_IFD = 0x8825


def cache_setting(tmp_path):
    return f'IMAGE_CACHE_PATH="{tmp_path / "image-cache"}"'


def photo_counts(result) -> tuple[int, int]:
    match = re.search(r"Photos: \d+ photos, (\d+) processed, (\d+) from cache", result.stdout)
    assert match, result.stdout + result.stderr
    return int(match.group(1)), int(match.group(2))


def phone_photo(path, size=(1200, 800), orientation=1):
    """A photo as a phone writes it: EXIF orientation, camera model and the GPS position of the shot.
    Left half red, right half blue, so that its orientation can be checked from the pixels."""
    image = Image.new("RGB", size, (220, 30, 30))
    image.paste((30, 30, 220), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x0110] = "Phone X"
    exif[GPS_IFD] = {1: "N", 2: (16.0, 27.0, 49.0), 3: "E", 4: (107.0, 35.0, 6.0)}
    image.save(path, "JPEG", quality=90, exif=exif)
    return path


def media_files(out, slug):
    return sorted(p.name for p in (out / "media" / "products" / slug).iterdir())


def test_rotated_phone_photo_is_published_upright(catalogue, tmp_path):
    # orientation 6: the camera was turned; shown upright, the red half is at the top
    phone_photo(catalogue.root / "products/nuoc-mam/anh-1.jpg", (600, 400), orientation=6)
    result = run_build(catalogue.root, tmp_path / "out", cache_setting(tmp_path))
    assert result.returncode == 0, result.stderr
    with Image.open(tmp_path / "out/media/products/nuoc-mam/anh-1-400.jpg") as image:
        assert image.size == (400, 600)
        top, bottom = image.getpixel((200, 100)), image.getpixel((200, 500))
    assert top[0] > 150 and top[2] < 100 and bottom[2] > 150 and bottom[0] < 100
    img = BeautifulSoup((tmp_path / "out/san-pham/nuoc-mam/index.html").read_text(encoding="utf-8"),
                        "html.parser").select_one(".product-photos img")
    assert (img["width"], img["height"]) == ("400", "600")


def test_no_published_file_carries_exif_gps_or_profile(catalogue, tmp_path):
    phone_photo(catalogue.root / "products/nuoc-mam/anh-1.jpg")
    source_bytes = (catalogue.root / "products/nuoc-mam/anh-1.jpg").read_bytes()
    assert b"Exif" in source_bytes  # the original has them
    result = run_build(catalogue.root, tmp_path / "out", cache_setting(tmp_path))
    assert result.returncode == 0, result.stderr
    published = [p for p in (tmp_path / "out" / "media").rglob("*") if p.is_file()]
    assert len(published) > 20
    for path in published:
        data = path.read_bytes()
        assert b"Exif" not in data and b"Phone X" not in data, path
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "exif" not in image.info and "icc_profile" not in image.info, path
    assert not (tmp_path / "out/media/products/nuoc-mam/anh-1.jpg").exists(), "the original must not be published"


def test_widths_formats_and_srcset_follow_the_settings(catalogue, tmp_path):
    phone_photo(catalogue.root / "products/nuoc-mam/anh-1.jpg", (800, 600))
    result = run_build(catalogue.root, tmp_path / "out", cache_setting(tmp_path), "IMAGE_WIDTHS=[200, 500, 1600]")
    assert result.returncode == 0, result.stderr
    assert media_files(tmp_path / "out", "nuoc-mam") == [
        "anh-1-1200x630.jpg", "anh-1-200.jpg", "anh-1-200.webp", "anh-1-500.jpg", "anh-1-500.webp",
        "anh-1-800.jpg", "anh-1-800.webp"]  # 1600 would be an upscale: the photo's own 800 instead
    with Image.open(tmp_path / "out/media/products/nuoc-mam/anh-1-500.webp") as image:
        assert image.format == "WEBP" and image.size == (500, 375)
    soup = BeautifulSoup((tmp_path / "out/san-pham/nuoc-mam/index.html").read_text(encoding="utf-8"), "html.parser")
    picture = soup.select_one(".product-photos picture")
    base = "/media/products/nuoc-mam/anh-1"
    assert picture.source["type"] == "image/webp"
    assert picture.source["srcset"] == f"{base}-800.webp 800w, {base}-500.webp 500w, {base}-200.webp 200w"
    img = picture.img
    assert img["srcset"] == f"{base}-800.jpg 800w, {base}-500.jpg 500w, {base}-200.jpg 200w"
    assert img["sizes"] and (img["width"], img["height"]) == ("800", "600")
    assert img["fetchpriority"] == "high" and not img.has_attr("loading")  # the first product photo
    assert soup.select_one('meta[property="og:image"]')["content"] == f"https://ocop.hue.example.vn{base}-1200x630.jpg"
    with Image.open(tmp_path / "out/media/products/nuoc-mam/anh-1-1200x630.jpg") as social:
        assert social.size == (1200, 630)
    listing = BeautifulSoup((tmp_path / "out/san-pham/index.html").read_text(encoding="utf-8"), "html.parser")
    cards = listing.select(".card img")
    assert len(cards) == 3 and all(card["loading"] == "lazy" for card in cards)


def test_transparent_png_keeps_its_alpha(catalogue, tmp_path):
    logo = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    logo.paste((200, 40, 40, 255), (50, 50, 250, 250))
    logo.save(catalogue.root / "producers/htx-a/logo.png")
    catalogue.producer("htx-a", title="HTX Nước mắm Tân Mỹ", logo="logo.png")
    result = run_build(catalogue.root, tmp_path / "out", cache_setting(tmp_path))
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "out/media/producers/htx-a"
    with Image.open(folder / "logo-300.png") as png, Image.open(folder / "logo-300.webp") as webp:
        assert png.mode == "RGBA" and webp.mode == "RGBA"
        assert png.getpixel((5, 5))[3] == 0 and webp.getpixel((5, 5))[3] == 0
        assert webp.getpixel((150, 150)) == (200, 40, 40, 255)  # lossless
    assert not list(folder.glob("logo-*.jpg")) or (folder / "logo-1200x630.jpg").exists()


@pytest.mark.slow
def test_second_build_processes_nothing_and_a_setting_change_reprocesses(catalogue, tmp_path):
    out, cache = tmp_path / "out", cache_setting(tmp_path)
    first = run_build(catalogue.root, out, cache)
    assert first.returncode == 0 and photo_counts(first) == (3, 0)
    second = run_build(catalogue.root, out, cache)
    assert photo_counts(second) == (0, 3)
    import shutil
    shutil.rmtree(out)  # `rm -rf output` costs nothing
    third = run_build(catalogue.root, out, cache)
    assert photo_counts(third) == (0, 3) and (out / "media/products/nuoc-mam/anh-1-640.webp").is_file()
    changed = run_build(catalogue.root, out, cache, "IMAGE_JPEG_QUALITY=60")
    assert photo_counts(changed) == (3, 0)
    edited = catalogue.photo("products/nuoc-mam/anh-1.jpg", color=(1, 2, 3))
    assert edited.exists()
    assert photo_counts(run_build(catalogue.root, out, cache, "IMAGE_JPEG_QUALITY=60")) == (1, 2)


def test_identical_photos_are_processed_once(catalogue, tmp_path):
    for slug in ("nuoc-mam", "dau-tram"):  # the same picture in two products
        catalogue.photo(f"products/{slug}/anh-1.jpg", color=(9, 9, 9))
    result = run_build(catalogue.root, tmp_path / "out", cache_setting(tmp_path))
    assert photo_counts(result) == (2, 0)  # two distinct contents among three photos
    assert (tmp_path / "out/media/products/ao-dai/anh-1-640.jpg").is_file()


@pytest.mark.slow
def test_clean_removes_entries_no_build_uses(catalogue, tmp_path):
    from ocop.images.cache import clean
    cache_dir = tmp_path / "image-cache"
    out, cache = tmp_path / "out", cache_setting(tmp_path)
    assert run_build(catalogue.root, out, cache).returncode == 0
    assert clean(cache_dir) == (0, 0)  # everything in use
    assert run_build(catalogue.root, out, cache, "IMAGE_WEBP_QUALITY=50").returncode == 0
    removed, freed = clean(cache_dir)
    assert removed == 3 and freed > 0  # the three entries made with the old quality
    assert photo_counts(run_build(catalogue.root, out, cache, "IMAGE_WEBP_QUALITY=50")) == (0, 3)


def _png_16bit_rgb(path, size=(8, 8)):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x12\x34" * 3 * size[0] for _ in range(size[1]))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", *size, 16, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("make, extra, message", [
    (lambda p: p.write_bytes(b"GIF89a not really"), (), "is not an image Pillow can read"),
    (lambda p: Image.new("CMYK", (64, 64), (0, 50, 100, 0)).save(p, "JPEG"), (),
     "is a CMYK image (printing colours); save it as an RGB (sRGB) JPEG"),
    (lambda p: Image.new("I;16", (64, 64), 300).save(p, "PNG"), (), "has 16 bits per channel"),
    (_png_16bit_rgb, (), "has 16 bits per channel"),
    (lambda p: Image.new("1", (15000, 13000)).save(p, "PNG"), ("CATALOGUE_MAX_MEGAPIXELS=1000",),
     "has too many pixels to be opened safely"),
    (lambda p: Image.new("1", (9000, 7000)).save(p, "PNG"), (), "is 9000×7000 pixels (63 megapixels); the limit is 50"),
])
def test_bad_photos_are_reported_with_file_and_field(catalogue, tmp_path, make, extra, message):
    make(catalogue.root / "products/nuoc-mam/anh-1.jpg")
    result = run_build(catalogue.root, tmp_path / "out", cache_setting(tmp_path), *extra)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"products/nuoc-mam/index\.md:\d+: images\[1\]\.file: 'anh-1\.jpg' " + re.escape(message),
                     result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


def test_truncated_photo_is_found_by_the_pipeline(catalogue, tmp_path):
    photo = catalogue.root / "products/nuoc-mam/anh-1.jpg"
    Image.effect_noise((1600, 1200), 60).convert("RGB").save(photo, "JPEG", quality=90)
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 3])
    result = run_build(catalogue.root, tmp_path / "out", cache_setting(tmp_path))
    assert result.returncode == 1
    assert re.search(r"nuoc-mam/index\.md:\d+: images\[1\]\.file: 'anh-1\.jpg' is corrupt or truncated",
                     result.stderr), result.stderr


def test_colours_of_a_non_srgb_photo_are_converted_to_srgb(catalogue, tmp_path):
    from icc import swapped_primaries
    # In this profile the first channel is sRGB's blue: the photo looks blue, whatever its bytes say.
    Image.new("RGB", (640, 480), (255, 0, 0)).save(catalogue.root / "products/nuoc-mam/anh-1.jpg", "JPEG",
                                                     quality=95, icc_profile=swapped_primaries())
    result = run_build(catalogue.root, tmp_path / "out", cache_setting(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("anh-1-640.jpg", "anh-1-640.webp"):
        with Image.open(tmp_path / "out/media/products/nuoc-mam" / name) as image:
            red, green, blue = image.convert("RGB").getpixel((320, 240))
            assert blue > 200 and red < 60, (name, red, green, blue)
            assert "icc_profile" not in image.info  # sRGB, the web's default: no profile needed
