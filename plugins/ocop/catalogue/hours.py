"""Opening hours (contract v1.1 `opening_hours` of sales points and producers), in OpenStreetMap's
`opening_hours` syntax, parsed and evaluated by `opening-hours-py` (the Rust `opening-hours` crate),
never by hand here.

`check` is the schema's check: the text as written, or `Invalid` saying where the syntax breaks, with an
example. `week` evaluates the hours on the seven days from the build date (`CATALOGUE_TODAY`): for each
day its open spans, or closed, with the comments of the text ("by appointment") and whether it is a
public holiday (`PH`) of Viet Nam. The page views name the days and times in each language.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from opening_hours import OpeningHours, ParserError, State

from .errors import Invalid

COUNTRY = "VN"  # whose public holidays `PH` means
EXAMPLE = '"Mo-Sa 07:30-11:30,13:30-17:00; Su off"'
COMMENT_EXAMPLE = "'\"by appointment\"'"
DAY = datetime.timedelta(days=1)
_WHERE_RE = re.compile(r"-->\s*1:(\d+)")


def N_(message: str) -> str:
    """Marks a theme string for `invoke translations`; pages translate it with the theme's catalogue."""
    return message


# Comments the pages translate (by their lowercase text); other comments are shown as written.
COMMENTS = {"by appointment": N_("by appointment"), "on appointment": N_("by appointment"),
            "appointment only": N_("by appointment"), "call ahead": N_("call ahead"), "call first": N_("call ahead"),
            "phone ahead": N_("call ahead")}


def check(value) -> str:
    """`value` if it is an opening_hours text the library reads; else `Invalid` with the place it breaks."""
    if isinstance(value, bool):  # YAML 1.1 reads off, no, yes as booleans
        raise Invalid(f'got yes/no: YAML reads a bare off or no as a yes/no value; write the hours in quotes, '
                      f'e.g. {EXAMPLE}')
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"must be opening hours in OpenStreetMap syntax, e.g. {EXAMPLE}, or {COMMENT_EXAMPLE}")
    text = " ".join(value.split())
    try:
        _parse(text)
    except ParserError as exc:
        raise Invalid(_explain(text, str(exc))) from None
    return text


def _explain(text: str, error: str) -> str:
    where = _WHERE_RE.search(error)
    at = int(where.group(1)) if where else 0
    excerpt = text[at - 1:at + 14].strip() + ("…" if len(text) > at + 14 else "")
    place = f' at "{excerpt}" (character {at})' if at else ""
    message = f"{text!r} is not in OpenStreetMap opening_hours syntax{place}"
    if '"' not in text and not any(ch.isdigit() for ch in text) and _parses(f'"{text}"'):  # words only
        return (f"{message}; a comment goes in double quotes, and YAML needs quotes around those: "
                f"'\"{text}\"'")
    return (f"{message}; write English day abbreviations (Mo Tu We Th Fr Sa Su, PH for public holidays) and "
            f"24-hour times, e.g. {EXAMPLE}, or a comment such as {COMMENT_EXAMPLE}")


def _parses(text: str) -> bool:
    try:
        _parse(text)
    except ParserError:
        return False
    return True


@lru_cache(maxsize=None)
def _parse(text: str) -> OpeningHours:
    return OpeningHours(text, country=COUNTRY)


@dataclass(frozen=True)
class Span:
    """Part of a day: open (or unknown: `open` False, e.g. `Mo-Fr unknown "call first"`) from `start`."""

    start: datetime.time
    end: datetime.time  # time(0) for midnight
    next_day: bool  # ends after midnight, on the following day
    open: bool
    comment: str


@dataclass(frozen=True)
class Day:
    date: datetime.date
    spans: tuple[Span, ...]  # what starts on this day, in order; empty when closed all day
    all_day: bool  # one span covers the whole day (24/7, a lone comment such as "by appointment")
    closed_comment: str  # the comment of a closed day ('Su off "Tết"')
    holiday: bool  # a public holiday (PH) of COUNTRY

    @property
    def closed(self) -> bool:
        return not self.spans

    @property
    def weekday(self) -> int:
        return self.date.weekday()  # 0 = Monday


def week(text: str, today: datetime.date) -> list[Day]:
    """The seven days from `today` as the hours make them."""
    start = datetime.datetime.combine(today, datetime.time())
    intervals = list(_parse(text).intervals(start - DAY, start + 9 * DAY))
    holidays = public_holidays(today)
    return [_day(intervals, today + n * DAY, holidays) for n in range(7)]


def regular_week(text: str, today: datetime.date) -> list[Day]:
    """The first seven days from `today` with no public holiday in them (so that 'PH off' does not close a
    weekday for good), as the hours make them: the usual week, for data that states hours by day of week."""
    start = today
    for _ in range(8):  # Tết is the longest run of holidays: a week or two
        if not public_holidays(start):
            break
        start += 7 * DAY
    return week(text, start)


@lru_cache(maxsize=8)
def public_holidays(today: datetime.date) -> frozenset[datetime.date]:
    """The public holidays of COUNTRY among the seven days from `today`, as the library knows them."""
    begin = datetime.datetime.combine(today, datetime.time())
    days = set()
    for s, e, state, _comment in _parse("PH").intervals(begin, begin + 7 * DAY):
        while state == State.OPEN and s < e:
            days.add(s.date())
            s += DAY
    return frozenset(days)


def _day(intervals, date: datetime.date, holidays) -> Day:
    begin = datetime.datetime.combine(date, datetime.time())
    end = begin + DAY
    spans, closed_comment, all_day = [], "", False
    for s, e, state, comment in intervals:
        if e <= begin or s >= end:
            continue
        if state == State.CLOSED:
            if s <= begin and e >= end:
                closed_comment = comment
            continue
        if s <= begin and e >= end:  # the whole day
            spans.append(Span(datetime.time(), datetime.time(), True, state == State.OPEN, comment))
            all_day = True
        elif s >= begin:  # (a span that started the day before is shown on that day)
            stop = e if e < end + DAY else end  # when it runs through the next day, that day is all-day
            spans.append(Span(s.time(), stop.time(), stop > end, state == State.OPEN, comment))
    return Day(date, tuple(spans), all_day, closed_comment, date in holidays)
