"""Facts for buyers of contract v1.1: trade terms, barcodes, other certifications, online shops.

Country codes are checked against ISO 3166-1 (Babel's territories), Incoterms against the eleven rules
of Incoterms 2020, GTIN check digits with `python-stdnum`. Each function takes text and returns the
clean value or raises `Invalid` with a message that shows a right value.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from babel import Locale
from stdnum import ean

from .errors import Invalid


def N_(message: str) -> str:
    """Marks a theme string for extraction (babel.cfg); translated where it is shown (site.gettext)."""
    return message


# ---- countries, Incoterms, HS codes, GTIN --------------------------------------------------------

# Babel's territories are CLDR's: besides the 249 ISO 3166-1 countries they hold UN M.49 areas ("001"),
# codes ISO only reserves (EU, UN, AC, IC …) and user-assigned ones (XK, ZZ …), none of them a country.
_NOT_ISO_3166_1 = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
COUNTRY_CODES = frozenset(code for code in Locale("en").territories
                          if re.fullmatch(r"[A-Z]{2}", code) and code not in _NOT_ISO_3166_1)
COUNTRY_HINTS = {"UK": "GB (United Kingdom)", "EN": "GB (United Kingdom) or US", "KO": "KR (South Korea)",
                 "JA": "JP (Japan)", "EU": "each country of the EU, e.g. DE, FR, NL",
                 "USA": "US", "KOR": "KR", "JPN": "JP", "CHN": "CN", "VNM": "VN", "DEU": "DE", "FRA": "FR"}


def country(text: str) -> str:
    """An ISO 3166-1 alpha-2 code, in capitals ("kr" is taken as KR)."""
    code = text.strip().upper()
    if code in COUNTRY_CODES:
        return code
    hint = COUNTRY_HINTS.get(code)
    if hint is None:
        wanted = text.strip().casefold()
        for locale in ("en", "vi"):
            found = [c for c, name in Locale(locale).territories.items() if c in COUNTRY_CODES and name.casefold() == wanted]
            if found:
                hint = found[0]
                break
    hint = f"; write {hint}" if hint else ""
    raise Invalid(f"must be an ISO 3166-1 two-letter country code, e.g. KR (South Korea), JP (Japan), US, DE, "
                  f"got {text!r}{hint}")


INCOTERMS_2020 = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")
RETIRED_INCOTERMS = {"DAT": "DPU", "DDU": "DAP", "DAF": "DAP", "DES": "DAP", "DEQ": "DPU", "C&F": "CFR",
                     "CNF": "CFR"}


def incoterm(text: str) -> str:
    code = text.strip().upper()
    if code in INCOTERMS_2020:
        return code
    if code in RETIRED_INCOTERMS:
        raise Invalid(f"{text} is not an Incoterms 2020 rule; its 2020 counterpart is {RETIRED_INCOTERMS[code]} "
                      f"(the rules are {', '.join(INCOTERMS_2020)})")
    raise Invalid(f"must be an Incoterms 2020 rule: one of {', '.join(INCOTERMS_2020)}, got {text!r}")


HS_CODE_RE = re.compile(r"\d{4}(?:\.?\d{2}){0,3}")


def hs_code(text: str) -> str:
    """4, 6, 8 or 10 digits, dots allowed between the heading and each pair after it ("0303.89")."""
    code = text.strip()
    if not HS_CODE_RE.fullmatch(code):
        raise Invalid(f"must be a Harmonized System code of 4, 6, 8 or 10 digits, dots allowed, e.g. \"0303.89\" "
                      f"or \"2103.90.13\", got {text!r}")
    if not 1 <= int(code[:2]) <= 97 or code[:2] == "77":
        raise Invalid(f"{code} starts with chapter {code[:2]}, which the Harmonized System does not have (01–97); "
                      "e.g. \"0303.89\" (chapter 03, fish)")
    return code


def gtin(text: str) -> str:
    """A GTIN-8, -12, -13 or -14 (the number under the barcode) with a right check digit; spaces dropped."""
    digits = re.sub(r"[\s-]", "", text)
    if not re.fullmatch(r"\d{8}|\d{12,14}", digits):
        raise Invalid(f"must be the number under the barcode: 8, 12, 13 or 14 digits (GTIN), e.g. "
                      f"\"8935049500018\", got {text!r}")
    expected = ean.calc_check_digit(digits[:-1])
    if digits[-1] != expected:
        raise Invalid(f"{digits}: the check digit (the last one) does not match the others, which would end in "
                      f"{expected}; copy the number under the barcode again")
    return digits


def gtin_kind(code: str) -> str:
    """schema.org's property for a GTIN of this length: gtin8, gtin12, gtin13, gtin14."""
    return f"gtin{len(code)}"


# ---- other certifications --------------------------------------------------------------------------

CERTIFICATION_SCHEMES = {
    "vietgap": N_("VietGAP"),
    "globalgap": N_("GLOBALG.A.P."),
    "haccp": N_("HACCP"),
    "iso-22000": N_("ISO 22000"),
    "fssc-22000": N_("FSSC 22000"),
    "iso-9001": N_("ISO 9001"),
    "organic-vn": N_("Organic, Vietnamese standard TCVN 11041"),
    "organic-usda": N_("USDA Organic (United States)"),
    "organic-eu": N_("EU organic"),
    "organic-jas": N_("Organic JAS (Japan)"),
    "halal": N_("Halal"),
    "food-safety-facility": N_("Food safety: certified facility"),
    "other": N_("Other certification"),
}


def scheme(value: str) -> str:
    if value in CERTIFICATION_SCHEMES:
        return value
    folded = re.sub(r"[^a-z0-9]+", "-", str(value).casefold()).strip("-")
    guess = folded if folded in CERTIFICATION_SCHEMES else next(
        (s for s in CERTIFICATION_SCHEMES if s.replace("-", "") == folded.replace("-", "")), None)
    if guess is None and folded.startswith("organic"):
        guess = "organic-vn, organic-usda, organic-eu or organic-jas"
    hint = f"; did you mean `{guess}`?" if guess else ""
    raise Invalid(f"must be one of {', '.join(CERTIFICATION_SCHEMES)} (or `other` with a `name`), got {value!r}{hint}")


# ---- online shops ----------------------------------------------------------------------------------

# Registrable domains of shops buyers know, by the name they know them by.
SHOP_PLATFORMS = {
    "shopee.vn": "Shopee", "shopee.sg": "Shopee", "shopee.co.th": "Shopee", "shopee.com.my": "Shopee",
    "shopee.ph": "Shopee", "shopee.co.id": "Shopee", "shopee.tw": "Shopee", "shp.ee": "Shopee",
    "lazada.vn": "Lazada", "lazada.sg": "Lazada", "lazada.co.th": "Lazada", "lazada.com.my": "Lazada",
    "tiki.vn": "Tiki", "postmart.vn": "Postmart", "sendo.vn": "Sendo", "voso.vn": "Voso",
    "tiktok.com": "TikTok Shop", "amazon.com": "Amazon", "amazon.co.jp": "Amazon", "amazon.de": "Amazon",
    "coupang.com": "Coupang", "gmarket.co.kr": "Gmarket", "rakuten.co.jp": "Rakuten",
    "alibaba.com": "Alibaba", "taobao.com": "Taobao", "tmall.com": "Tmall", "etsy.com": "Etsy",
    "facebook.com": "Facebook", "zalo.me": "Zalo",
}


def shop_name(url: str) -> str:
    """The platform's name from the address ("Shopee"), or the domain itself ("htxtanmy.vn")."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for domain, name in SHOP_PLATFORMS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host
