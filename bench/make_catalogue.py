"""Write a synthetic national OCOP catalogue in the content format, for benchmarks.

N products (about 150 words of Vietnamese text each, English translations for about half),
N/2 producers, the 34 provinces of 2025 as regions, one small photo per product.

    .venv/bin/python bench/make_catalogue.py 1000 /tmp/catalogue-1000
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sys
from pathlib import Path

import yaml
from PIL import Image

HERE = Path(__file__).resolve().parent

from ocop.catalogue.groups import load_groups  # noqa: E402
from ocop.i18n.collation import slugify  # noqa: E402

PROVINCES = HERE / "data" / "vietnam-provinces-34-2025.geojson"
KINDS = ["cooperative", "enterprise", "cooperative-group", "household"]
KIND_PREFIX = {"cooperative": "HTX", "enterprise": "Công ty TNHH", "cooperative-group": "Tổ hợp tác",
               "household": "Hộ kinh doanh"}
PRODUCTS = ["Nước mắm", "Mè xửng", "Trà thảo mộc", "Dầu tràm", "Gạo hữu cơ", "Mật ong", "Rượu gạo", "Nón lá",
            "Tôm chua", "Mứt gừng", "Cà phê rang xay", "Bánh tráng", "Chả cá", "Miến dong", "Tinh dầu sả",
            "Khô cá", "Măng khô", "Hạt điều", "Tương ớt", "Chè búp", "Đông trùng hạ thảo", "Bưởi da xanh"]
QUALIFIERS = ["truyền thống", "đặc biệt", "hữu cơ", "thượng hạng", "gia truyền", "Đồng Xanh", "Hương Quê",
              "Sông Hương", "Miền Núi", "Phú Quý", "An Khang", "Bình Minh", "Đất Việt", "Làng Nghề"]
SENTENCES = [
    "Sản phẩm được làm từ nguyên liệu địa phương theo quy trình truyền thống của làng nghề.",
    "Cơ sở áp dụng tiêu chuẩn vệ sinh an toàn thực phẩm và truy xuất nguồn gốc rõ ràng.",
    "Hương vị đậm đà, phù hợp làm quà biếu cho gia đình và bạn bè trong dịp lễ Tết.",
    "Nguyên liệu được thu hoạch vào mùa vụ chính, phơi khô tự nhiên dưới nắng.",
    "Bao bì được thiết kế mới, có mã QR giúp người mua kiểm tra thông tin sản phẩm.",
    "Sản phẩm đã có mặt tại các siêu thị, cửa hàng đặc sản và sàn thương mại điện tử.",
    "Người làm nghề giữ bí quyết được truyền qua nhiều thế hệ trong gia đình.",
    "Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp.",
    "Chương trình OCOP giúp cơ sở nâng cao chất lượng, mở rộng thị trường tiêu thụ.",
    "Mỗi năm cơ sở tạo việc làm ổn định cho nhiều lao động nông thôn, phần lớn là phụ nữ.",
]
EN_SENTENCES = [
    "The product is made from local ingredients following the village's traditional process.",
    "The producer applies food safety standards and clear traceability.",
    "A rich taste that makes a fine gift for family and friends at Tet.",
    "Packaging carries a QR code so buyers can check the product's details.",
    "Available in supermarkets, speciality shops and online marketplaces.",
]


def _photo_bytes(seed: int, unique: bool = False) -> bytes:
    """A 640×480 JPEG; `unique`: a colour of its own for each seed (every product a new photo, which no
    cache keyed by the file's bytes can share), else one of a few colours."""
    colour = (seed % 256, seed // 256 % 256, 60 + seed // 65536) if unique else (120 + seed % 100, 80 + seed % 70, 60)
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def _write(path: Path, fields: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


def make_catalogue(count: int, target: Path, seed: int = 2025, unique_photos: bool = False) -> None:
    """`unique_photos`: each product's photo differs from every other (else eight photos are repeated)."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    (target / "regions").mkdir(parents=True)
    shutil.copyfile(PROVINCES, target / "regions" / "regions.geojson")
    regions = [f["properties"]["id"] for f in json.loads(PROVINCES.read_text(encoding="utf-8"))["features"]]
    leaf_groups = [g.code for g in load_groups().values() if not g.children]
    photos = [_photo_bytes(i) for i in range(8)]

    producers = []
    for index in range(max(1, count // 2)):
        kind = KINDS[index % 4]
        name = f"{KIND_PREFIX[kind]} {rng.choice(QUALIFIERS)} {rng.choice(PRODUCTS)} số {index + 1}"
        slug = slugify(name)
        producers.append(slug)
        fields = {"title": name, "kind": kind, "region": rng.choice(regions),
                  # a mobile number (090, 091 … 098: valid for phonenumbers since issue 17 checks phones), drawn
                  # with the same random calls as before so that the rest of the catalogue is unchanged
                  "phone": f"09{'0134678'[rng.randint(200, 299) % 7]} {rng.randint(1000000, 9999999)}",
                  "summary": f"{name}: chủ thể OCOP sản xuất đặc sản địa phương."}
        _write(target / "producers" / slug / "index.md", fields, " ".join(rng.sample(SENTENCES, 3)))

    for index in range(count):
        title = f"{rng.choice(PRODUCTS)} {rng.choice(QUALIFIERS)} {index + 1}"
        slug = slugify(title)
        stars = rng.choices([3, 4, 5, 2], weights=[70, 26, 2, 2])[0]
        score = {2: rng.randint(30, 49), 3: rng.randint(50, 69), 4: rng.randint(70, 89), 5: rng.randint(90, 100)}[stars]
        fields = {"title": title, "producer": producers[index % len(producers)], "group": rng.choice(leaf_groups),
                  "stars": stars, "score": score,
                  "images": [{"file": "anh-1.jpg", "alt": f"Ảnh {title}"}],
                  "summary": f"{title}, sản phẩm OCOP {stars} sao.",
                  "price": {"from": rng.randint(2, 90) * 5000, "unit": "hộp"},
                  "specs": {"Khối lượng": f"{rng.randint(1, 20) * 50} g", "Hạn sử dụng": "12 tháng"},
                  "date": f"202{rng.randint(3, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
        if stars >= 3:
            fields["certificate"] = {"decision": f"{rng.randint(100, 3999)}/QĐ-UBND", "issued_by": "UBND tỉnh",
                                     "date": f"202{rng.randint(3, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
        folder = target / "products" / slug
        body = "\n\n".join(" ".join(rng.sample(SENTENCES, 4)) for _ in range(3))  # ≈ 150 words
        _write(folder / "index.md", fields, body)
        (folder / "anh-1.jpg").write_bytes(_photo_bytes(index, unique=True) if unique_photos else photos[index % len(photos)])
        if index % 2 == 0:
            en = {"title": f"Product {index + 1}", "summary": f"An OCOP {stars}-star product.",
                  "images": [{"file": "anh-1.jpg", "alt": f"Photo of product {index + 1}"}]}
            _write(folder / "index.en.md", en, "\n\n".join(" ".join(rng.sample(EN_SENTENCES, 3)) for _ in range(3)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of products")
    parser.add_argument("target", type=Path, help="content folder to (re)create")
    args = parser.parse_args()
    make_catalogue(args.count, args.target)
    print(f"wrote {args.count} products and {max(1, args.count // 2)} producers to {args.target}")


if __name__ == "__main__":
    main()
