"""The producer's contacts of contract v1.1, checked and normalised once when the content is read.

Phone, Zalo and WhatsApp numbers go through `phonenumbers` (Google's libphonenumber): a number written as
dialled in Viet Nam ("0234 3812 345") or with its country code ("+82 2 312 3456") is kept as the text the
page shows (national format for Vietnamese numbers, international for the others) and its E.164 form for
`tel:` links. Messenger IDs become a `Handle`: the text shown and a link where the platform has one.
Tax codes are checked with `python-stdnum`, languages against Babel's ISO 639-1 names.

Each function takes text (the schema has already refused numbers YAML read without quotes) and returns
the clean value or raises `Invalid` with a message that shows a right value.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote, urlsplit

import phonenumbers
from babel import Locale
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.vn import mst

from .errors import Invalid

DEFAULT_REGION = "VN"  # a number without +CC is dialled in Viet Nam
PHONE_TEXT_RE = re.compile(r"[0-9+().\s-]+")
MAX_PHONE_DIGITS = 15  # E.164: a longer run of digits is not a phone number (a Zalo Official Account id)
PHONE_EXAMPLES = ('e.g. "0234 3812 345" (landline with its area code), "0905 123 456" (mobile) or, '
                  'abroad, "+82 2 312 3456"')


class Phone(NamedTuple):
    display: str  # as the page shows it: "0234 3812 345", "+82 2-312-3456"
    tel: str  # E.164, for tel: links: "+842343812345"

    @property
    def digits(self) -> str:
        """E.164 without the +: what wa.me links take."""
        return self.tel.lstrip("+")

    @property
    def national_digits(self) -> str:
        """The digits as dialled at home ("0905812345"): what zalo.me links take."""
        number = phonenumbers.parse(self.tel)
        return re.sub(r"\D", "", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))

    @property
    def international(self) -> str:
        """As dialled from abroad, for readers outside Viet Nam (the printed catalogue in other languages):
        "+84 234 3812 345"."""
        number = phonenumbers.parse(self.tel)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class Handle(NamedTuple):
    """A messenger contact: the text the page shows and a link where the platform has one."""

    text: str
    url: str | None = None


def parse_phone(text: str, international: bool = False) -> Phone:
    """A valid Vietnamese or international phone number; `international`: shown with its country code."""
    if not PHONE_TEXT_RE.fullmatch(text) or sum(ch.isdigit() for ch in text) < 6:
        raise Invalid(f"must be a phone number of digits, spaces, +, - and brackets, {PHONE_EXAMPLES}; got {text!r}")
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise Invalid(f"{text!r} is not a phone number; write it as dialled, {PHONE_EXAMPLES}") from None
    if not phonenumbers.is_valid_number(number):
        region = phonenumbers.region_code_for_country_code(number.country_code)
        if region == DEFAULT_REGION and not text.lstrip().startswith("+"):
            raise Invalid(f"{text!r} is not a valid Vietnamese phone number: a landline has 11 digits with its "
                          f"area code, a mobile 10, {PHONE_EXAMPLES}")
        raise Invalid(f"{text!r} is not a valid phone number of +{number.country_code}; check the digits after "
                      f"the country code, {PHONE_EXAMPLES}")
    home = phonenumbers.region_code_for_number(number) == DEFAULT_REGION and not international
    style = phonenumbers.PhoneNumberFormat.NATIONAL if home else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return Phone(phonenumbers.format_number(number, style),
                 phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def looks_like_phone(text: str) -> bool:
    return bool(PHONE_TEXT_RE.fullmatch(text)) and sum(ch.isdigit() for ch in text) <= MAX_PHONE_DIGITS


def _https_link(text: str, hosts: tuple[str, ...], example: str, field: str) -> str:
    parts = urlsplit(text)
    if parts.scheme != "https" or (parts.hostname or "").lower() not in hosts or not parts.path.strip("/"):
        raise Invalid(f"a {field} link must start with https://{hosts[0]}/, e.g. {example}, got {text!r}")
    return text


def zalo(text: str) -> Handle:
    """A Zalo phone number (linked as https://zalo.me/<number>), a https://zalo.me/… link, or a Zalo id:
    a Zalo Official Account's number (linked the same way) or a name (shown as text)."""
    if text.lower().startswith(("http:", "https:")):
        url = _https_link(text, ("zalo.me",), "https://zalo.me/0905123456", "Zalo")
        return Handle(url.split("://", 1)[1], url)
    if looks_like_phone(text):
        phone = parse_phone(text)
        digits = phone.national_digits if phone.tel.startswith("+84") else phone.digits
        return Handle(phone.display, f"https://zalo.me/{digits}")
    if re.fullmatch(r"\d{16,}", text):  # an Official Account
        return Handle(text, f"https://zalo.me/{text}")
    if re.search(r"\s", text):
        raise Invalid(f"must be a phone number, e.g. \"0905 123 456\", a link https://zalo.me/…, or a Zalo id "
                      f"without spaces, got {text!r}")
    return Handle(text)


ID_RE = re.compile(r"[A-Za-z0-9._-]{2,40}")


def whatsapp(text: str) -> Handle:
    phone = parse_phone(text, international=True)
    return Handle(phone.display, f"https://wa.me/{phone.digits}")


def kakaotalk(text: str) -> Handle:
    """A KakaoTalk ID (shown as text: KakaoTalk has no link to an ID) or an open chat link."""
    if text.lower().startswith(("http:", "https:")):
        url = _https_link(text, ("open.kakao.com",), "https://open.kakao.com/o/sAbCdEf", "KakaoTalk")
        return Handle(url.split("://", 1)[1], url)
    if not ID_RE.fullmatch(text):
        raise Invalid(f"must be a KakaoTalk ID (letters, digits, '.', '_', '-'), e.g. ocophue, or an "
                      f"https://open.kakao.com/… link, got {text!r}")
    return Handle(text)


def wechat(text: str) -> Handle:
    """A WeChat ID (6–20 letters, digits, '_' or '-', starting with a letter): text, WeChat has no link."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{5,19}", text):
        raise Invalid(f"must be a WeChat ID: 6 to 20 letters, digits, '_' or '-', starting with a letter, "
                      f"e.g. ocop_hue, got {text!r}")
    return Handle(text)


def line(text: str) -> Handle:
    """A LINE ID (linked as https://line.me/ti/p/~<id>), an official account @id, or a line.me link."""
    if text.lower().startswith(("http:", "https:")):
        url = _https_link(text, ("line.me",), "https://line.me/ti/p/~ocophue", "LINE")
        return Handle(url.split("://", 1)[1], url)
    if re.fullmatch(r"@[a-z0-9._-]{2,20}", text, re.IGNORECASE):
        return Handle(text, f"https://line.me/R/ti/p/{quote(text.lower())}")
    if not re.fullmatch(r"[a-z0-9._-]{4,20}", text, re.IGNORECASE):
        raise Invalid(f"must be a LINE ID (4 to 20 letters, digits, '.', '_', '-'), e.g. ocophue, an official "
                      f"account's @id, e.g. @ocophue, or an https://line.me/… link, got {text!r}")
    return Handle(text, f"https://line.me/ti/p/~{text.lower()}")


# ---- languages spoken, tax code -------------------------------------------------------------------

_ENGLISH = Locale("en")
LANGUAGE_CODES = frozenset(code for code in _ENGLISH.languages if re.fullmatch(r"[a-z]{2}", code))


def _code_by_name(name: str, names: dict, codes) -> str | None:
    wanted = name.casefold().removeprefix("tiếng ").strip()
    for locale in ("en", "vi"):
        for code, label in getattr(Locale(locale), names).items():
            if code in codes and label.casefold().removeprefix("tiếng ") == wanted:
                return code
    return None


def language(text: str) -> str:
    """An ISO 639-1 code, lowercase: `vi`, `en`, `ko` (a name or a capitalised code gets a hint)."""
    if text in LANGUAGE_CODES:
        return text
    if text.lower() in LANGUAGE_CODES:
        return text.lower()
    code = _code_by_name(text, "languages", LANGUAGE_CODES)
    hint = f"; for {text} write `{code}`" if code else ""
    raise Invalid(f"must be a two-letter ISO 639-1 language code such as vi, en, ko, zh, ja, fr, got {text!r}{hint}")


TAX_CODE_RE = re.compile(r"\d{10}(?:-\d{3})?")


def tax_code(text: str) -> str:
    """A Vietnamese enterprise/tax code (mã số doanh nghiệp/thuế): 10 digits, or 10 + '-' + 3 for a branch."""
    compact = re.sub(r"\s", "", text)
    if not TAX_CODE_RE.fullmatch(compact):
        raise Invalid(f"must be a Vietnamese tax code of 10 digits, or 10 digits, '-' and 3 more for a branch, "
                      f"e.g. \"0100233488\" or \"0100233488-001\", got {text!r}")
    try:
        mst.validate(compact)
    except InvalidChecksum:
        raise Invalid(f"{compact}: the check digit (the 10th digit) does not match the first nine; copy the code "
                      "again from the business registration certificate") from None
    except ValidationError as exc:
        raise Invalid(f"{compact} is not a valid Vietnamese tax code ({exc}); e.g. \"0100233488\"") from None
    return compact
