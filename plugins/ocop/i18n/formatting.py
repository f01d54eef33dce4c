"""Numbers, prices and dates formatted for a locale with Babel ("45.000 ₫", "5 tháng 3, 2024")."""

from __future__ import annotations

import datetime

from babel.dates import format_date as _format_date
from babel.dates import format_interval
from babel.numbers import format_currency, format_decimal
from babel.units import format_unit, get_unit_name


def format_amount(amount, currency: str, locale) -> str:
    """An amount of money in the locale's style, without ",00" when the amount is whole."""
    if float(amount).is_integer():
        pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
        return format_currency(int(amount), currency, format=pattern, locale=locale, currency_digits=False)
    return format_currency(amount, currency, locale=locale)


def format_price(price: dict, locale) -> str:
    """"45.000 ₫" or "45.000 ₫ – 90.000 ₫" from a validated `price` mapping."""
    currency = price.get("currency", "VND")
    text = format_amount(price["from"], currency, locale)
    if price.get("to") is not None and price["to"] != price["from"]:
        text += " – " + format_amount(price["to"], currency, locale)
    return text


def format_date(value: datetime.date, locale, format: str = "long") -> str:
    return _format_date(value, format=format, locale=locale)


def format_number(value, locale) -> str:
    return format_decimal(value, locale=locale)


def format_duration(value: int, unit: str, locale) -> str:
    """"7 ngày", "7 days", "7일", "12 tháng": CLDR's long form, or its short one where the locale has no long
    one (CLDR inherits long from short; Babel does not, and would print "7 day")."""
    length = "long" if get_unit_name(f"duration-{unit}", length="long", locale=locale) else "short"
    return format_unit(value, unit, length=length, locale=locale)


def day_name(weekday: int, locale) -> str:
    """The name of a day of the week (0 = Monday) as the locale writes it alone: "Thứ Hai", "Monday"."""
    return locale.days["stand-alone"]["wide"][weekday]


def format_time_range(start: datetime.time, end: datetime.time, locale) -> str:
    """"07:30–11:30", "7:30 – 11:30 AM", "오전 7:30 ~ 11:30": the locale's own interval, in its hour cycle
    (12 hours where its short time format has them)."""
    twelve = "h" in locale.time_formats["short"].pattern
    return format_interval(start, end, "hm" if twelve else "Hm", locale=locale)


def format_distance(kilometres: float, locale) -> str:
    """"800 m", "2,3 km", "12 km": metres under one kilometre, one decimal under ten."""
    if kilometres < 1:
        return format_unit(max(100, round(kilometres * 1000, -2)), "length-meter", length="short", locale=locale)
    value = round(kilometres, 1) if kilometres < 10 else round(kilometres)
    return format_unit(value, "length-kilometer", length="short", locale=locale)
