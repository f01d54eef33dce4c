"""`invoke new-product`, `invoke new-producer` and `invoke new-shop`: a new bundle, filled in and valid, from a
few options.

The folder name (the URL slug) comes from the name with the site's own slugify (Vietnamese → ASCII,
đ → d). A new product gets a placeholder photo (see placeholder.py) so that the catalogue still builds;
`invoke check` warns until it is replaced.
"""

from __future__ import annotations

import datetime
import re
import textwrap
from pathlib import Path

from ocop.catalogue import programme, trade
from ocop.catalogue.errors import Problems
from ocop.catalogue.frontmatter import Document
from ocop.catalogue.schema import PRODUCER, PRODUCT, SHOP, SLUG_RE, Schema
from ocop.i18n.collation import slugify
from ocop.images.settings import read_settings as image_settings

from . import StaffError
from .bundles import write_bundle
from .context import content_folder, languages_of, read_settings
from .placeholder import ALT, FILE_NAME, write_placeholder
from .references import References

PRODUCT_BODY = ("<!-- Viết mô tả sản phẩm ở đây (phần này không hiện trên trang): nguyên liệu, cách làm, "
                "câu chuyện của sản phẩm, cách dùng và bảo quản. -->\n")
PRODUCER_BODY = ("<!-- Viết giới thiệu cơ sở ở đây (phần này không hiện trên trang): lịch sử, con người, "
                 "vùng nguyên liệu, cách ghé thăm. -->\n")

# The shape of the facts for buyers, as YAML comments at the end of a new file's front matter: staff remove
# the "# " of the lines they use and change the values. Uncommented as they are, the lines are valid
# (tests/test_staff_scaffold.py); the schemes are the schema's own list.
PRODUCT_EXAMPLE = f"""\
# Thông tin cho người mua (không bắt buộc; docs/huong-dan-noi-dung.md, mục 3.7): bỏ "# " ở đầu những dòng
# cần dùng, sửa giá trị cho đúng sản phẩm, xóa những dòng không dùng, rồi chạy `invoke check`.
# trade:
#   min_order: {{quantity: 10, unit: thùng 24 chai}}             # đơn hàng tối thiểu
#   capacity: {{quantity: 2000, unit: chai 500 ml, per: month}}  # năng lực sản xuất; per: month hoặc year
#   lead_time_days: 7            # số ngày từ khi đặt hàng đến khi giao
#   shelf_life_months: 12        # hạn sử dụng (tháng)
#   export_markets: [KR, JP]     # đã xuất khẩu sang: mã nước ISO 3166-1 (KR Hàn Quốc, JP Nhật Bản, US …)
#   incoterms: [EXW, FOB]        # điều kiện Incoterms 2020
#   port: Cảng Chân Mây          # cảng hoặc nơi giao hàng (FOB, FCA)
#   hs_code: "2103.90"           # mã HS, trong ngoặc kép
#   gtin: "9520000000011"        # số dưới mã vạch, trong ngoặc kép
#   oem: no                      # nhận gia công nhãn riêng (OEM): yes hoặc no
#   samples: yes                 # gửi hàng mẫu cho người mua: yes hoặc no
# certifications:                # chứng nhận khác; scheme là một trong:
{textwrap.fill(", ".join(trade.CERTIFICATION_SCHEMES), 105, break_on_hyphens=False,
               initial_indent="#                                # ", subsequent_indent="#                                # ")}
#   - scheme: vietgap
#     number: "VietGAP-TT-01-23"
#     issued_by: Trung tâm Chứng nhận phù hợp
#     date: 2025-01-15
#     expires: 2027-01-14
#   - scheme: other              # other: ghi thêm name
#     name: Sản phẩm công nghiệp nông thôn tiêu biểu
# buy_online:                    # nơi bán trực tuyến, địa chỉ https://
#   - https://shopee.vn/ten-cua-hang
"""
PRODUCER_EXAMPLE = """\
# Liên hệ khác (không bắt buộc): bỏ "# " ở đầu những dòng cần dùng và sửa giá trị.
# messengers: {whatsapp: "+84 905 123 456", kakaotalk: ten_kakao, line: ten_line, wechat: ten_wechat}
# tax_code: "0100233488"         # mã số doanh nghiệp/thuế, trong ngoặc kép
# website: https://ten-co-so.vn
"""
SHOP_BODY = ("<!-- Viết giới thiệu điểm bán ở đây (phần này không hiện trên trang): đường đến, chỗ đỗ xe, "
             "những gì khách tìm thấy ở đây. -->\n")
LIST_OPTION = re.compile(r"[;,]")  # --phone "0234 3520 111, 0905 123 456"


def choose_slug(section_folder: Path, title: str, slug: str | None, option: str) -> str:
    slug = slug or slugify(title)
    if not SLUG_RE.match(slug):
        raise StaffError(f"{option}: {slug!r} is not a valid slug: use lowercase a-z, 0-9 and '-'")
    if (section_folder / slug).exists():
        raise StaffError(f"{section_folder.name}/{slug}/ already exists: this name is taken. Edit that "
                         f"bundle, or choose another name or --slug")
    return slug


def validate_options(command: str, fields: dict, schema: Schema) -> None:
    """The schema's own rules on the options given (the same messages as for a file)."""
    problems = Problems()
    doc = Document(path=Path(f"invoke {command}"), data=fields, body="")
    schema.validate(doc, problems)
    if problems.errors:
        raise StaffError("\n".join(str(p) for p in problems.errors))


def _check_references(refs: References, command: str, **values) -> None:
    messages = [f"invoke {command}: --{what}: {problem}" for what, value in values.items()
                if value is not None and (problem := refs.problem(what, value))]
    if messages:
        raise StaffError("\n".join(messages))


def _reference_problems(refs: References, command: str, option: str, what: str, values) -> list[str]:
    """One line per value of a list option (--products a,b) that names no `what` of the catalogue."""
    return [f"invoke {command}: --{option}: {problem}" for value in values if (problem := refs.problem(what, value))]


def _number(value):
    """A number option as a number; anything else as it was written, for the schema to say what is wrong."""
    try:
        return float(str(value).strip())
    except ValueError:
        return value


def new_product(content, title: str, producer: str, group: str, stars, summary: str = "",
                region: str | None = None, slug: str | None = None, decision: str = "", issued_by: str = "",
                certified: str = "", settings: dict | None = None) -> Path:
    settings = settings if settings is not None else read_settings()
    content = content_folder(content)
    refs = References.of(content, languages_of(settings)[0].code)
    slug = choose_slug(content / "products", title, slug, "--slug")
    _check_references(refs, "new-product", producer=producer, group=group, region=region)
    stars = int(stars) if str(stars).strip().isdigit() else stars  # else the schema says what is wrong
    fields = {"title": title, "producer": producer, "group": group, "stars": stars}
    if isinstance(stars, int) and programme.certifiable(stars):
        if not (decision and issued_by and certified):
            raise StaffError(f"invoke new-product: a product of {programme.CERTIFIED_FROM_STARS} stars or more "
                             "needs its certificate: "
                             "--decision \"1234/QĐ-UBND\" --issued-by \"UBND thành phố Huế\" --certified YYYY-MM-DD")
        fields["certificate"] = {"decision": decision, "issued_by": issued_by, "date": _date(certified)}
    if region:
        fields["region"] = region
    fields["images"] = [{"file": FILE_NAME, "alt": ALT}]
    fields["summary"] = summary or title
    fields["date"] = datetime.date.today()
    validate_options("new-product", fields, PRODUCT)
    folder = content / "products" / slug
    folder.mkdir(parents=True)
    write_placeholder(folder / FILE_NAME, image_settings(settings).images.widths[0])
    write_bundle(folder / "index.md", fields, PRODUCT, PRODUCT_BODY, comment=PRODUCT_EXAMPLE)
    return folder / "index.md"


def option_list(values) -> list[str]:
    """A repeatable option's values, each of which may hold several separated by ',' or ';'."""
    values = [values] if isinstance(values, str) else values or []
    return [item.strip() for value in values for item in LIST_OPTION.split(value) if item.strip()]


def new_producer(content, title: str, kind: str, region: str, summary: str = "", phone=(), address: str = "",
                 slug: str | None = None, zalo: str = "", email: str = "", contact_person: str = "",
                 languages=(), settings: dict | None = None) -> Path:
    """`phone` and `languages`: one text or several (each may list several, separated by ',' or ';')."""
    settings = settings if settings is not None else read_settings()
    content = content_folder(content)
    refs = References.of(content, languages_of(settings)[0].code)
    slug = choose_slug(content / "producers", title, slug, "--slug")
    _check_references(refs, "new-producer", region=region)
    phones = option_list(phone)
    fields = {"title": title, "kind": kind, "region": region, "address": address or None,
              "phone": (phones[0] if len(phones) == 1 else phones) or None, "email": email or None,
              "zalo": zalo or None, "summary": summary or title, "contact_person": contact_person or None,
              "languages": option_list(languages) or None}
    fields = {k: v for k, v in fields.items() if v is not None}
    validate_options("new-producer", fields, PRODUCER)
    path = content / "producers" / slug / "index.md"
    write_bundle(path, fields, PRODUCER, PRODUCER_BODY, comment=PRODUCER_EXAMPLE)
    return path


def new_shop(content, title: str, kind: str, region: str, address: str, lat, lon, summary: str = "",
             products=(), producers=(), hours: str = "", phone=(), slug: str | None = None,
             settings: dict | None = None) -> Path:
    """A sales point (content/shops/<slug>/index.md). `products`, `producers` and `phone`: one text or several
    (each may list several, separated by ',' or ';'); every slug must name a product or producer of the
    catalogue. Every problem of the options is reported at once, and then nothing is written."""
    settings = settings if settings is not None else read_settings()
    content = content_folder(content)
    refs = References.of(content, languages_of(settings)[0].code)
    slug = choose_slug(content / "shops", title, slug, "--slug")
    products, producers, phones = option_list(products), option_list(producers), option_list(phone)
    messages = [f"invoke new-shop: --region: {problem}" for problem in [refs.problem("region", region)] if problem]
    messages += _reference_problems(refs, "new-shop", "products", "product", products)
    messages += _reference_problems(refs, "new-shop", "producers", "producer", producers)
    fields = {"title": title, "kind": kind, "region": region, "address": address,
              "location": {"lat": _number(lat), "lon": _number(lon)}, "summary": summary or title,
              "products": products or None, "producers": producers or None, "opening_hours": hours or None,
              "phone": (phones[0] if len(phones) == 1 else phones) or None}
    fields = {k: v for k, v in fields.items() if v is not None}
    problems = Problems()
    SHOP.validate(Document(path=Path("invoke new-shop"), data=fields, body=""), problems)
    messages += [str(p) for p in problems.errors]
    if messages:
        raise StaffError("\n".join(messages))
    path = content / "shops" / slug / "index.md"
    write_bundle(path, fields, SHOP, SHOP_BODY)
    return path


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise StaffError(f"invoke new-product: --certified: must be a date written YYYY-MM-DD, got {value!r}") from None

