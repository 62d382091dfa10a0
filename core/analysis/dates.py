"""Finding and parsing dates and date ranges in resume text.

Resumes write dates in dozens of ways ("Sept. 2010 – June 2012", "03/2019 – present",
"2012年至今", "2019–21", "Expected May 2025") and are full of numbers that are not
dates (phone numbers, money, counts, versions, ZIP codes). The scan:

1. finds date *atoms* (one date, or a shared-year month range such as "Jun – Aug 2019")
   with one compiled regex, run only in small windows around year-like numbers:
   every dated expression holds a year, and most of a resume's text does not;
2. checks each atom against its surroundings (money, counts, phone numbers, URLs) and
   picks up a prefix word before it ("since", "until", "Expected");
3. joins neighbouring atoms separated by "–", "to", "→", "至", ... into ranges, or an
   atom and a present word ("Present", "now", "至今") into an open range;
4. adds present words standing alone between delimiters ("| Current").

Every pattern is linear (no nested quantifiers), so the scan stays fast on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..models import Span, YearMonth
from .date_words import MONTH_PATTERN, PRESENT_PATTERN, SINCE_WORDS, month_number

__all__ = ["DateRange", "find_dates", "months_between", "parse_date"]


@dataclass(frozen=True)
class DateRange:
    """One date expression found in a text.

    A lone date ("May 2020") sits in ``start`` with ``single`` set; an end-only
    expression ("through 2021") has ``start`` None; a lone present word ("Current")
    has neither date, with ``current`` and ``single`` set.
    """

    start: YearMonth | None
    end: YearMonth | None  # None when current/ongoing or a single date
    current: bool
    single: bool
    span: Span
    text: str
    expected: bool = False


def months_between(a: YearMonth, b: YearMonth) -> int:
    """Months from ``a`` to ``b`` (negative when ``b`` comes first)."""
    return b.index - a.index


# --------------------------------------------------------------------------- patterns

# A bare four-digit number is a year only inside a window around ``today``; a spelled
# month makes a date unambiguous, so older years pass ("June 1661").
_BARE_YEAR_MIN = 1950
_NUMERIC_YEAR_MIN = 1900
_SPELLED_YEAR_MIN = 1600
_YEARS_AHEAD = 6

_SEASON_MONTH = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

# Month names and abbreviations in the languages resumes are written in (date_words).
_MONTH = MONTH_PATTERN
_Y4 = r"(?:1[6-9]|20)[0-9][0-9](?![0-9])"
_Y2 = r"['’‘`´][0-9][0-9](?![0-9])"
_HS = r"[ \t\u00a0]"  # horizontal space: an atom never spans a line break
_DASH = r"[-‐‑‒–—―−\u00ad~～〜]"  # U+00AD: some PDF extractors turn "–" into a soft hyphen
# Left edge of a numeric atom: not inside a word, a number, money, a version or an id.
_NUM_LEAD = r"(?<![A-Za-z0-9$£€¥₹#@\\.+])(?<![0-9],)"
# Right edge of a numeric atom: no more digits, no unit, %, + or decimal part.
_NUM_TAIL = r"(?![A-Za-z0-9%+$€£@]|[.,][0-9])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
_MM = r"(?:1[0-2]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?"

# The leading lookahead + lookbehind reject most positions (mid-word, punctuation)
# before the alternation is tried, and alternatives share their lead (a month name, a
# number's left edge) so that each lead is tried once per position.
_ATOM = re.compile(
    rf"""
    (?=[0-9A-Za-z'’‘`´])(?<![A-Za-z0-9])
    (?:
        (?P<mon>{_MONTH})\.?
        (?:
            {_HS}*(?:{_DASH}|to){_HS}*(?P<mr2>{_MONTH})\.?,?{_HS}*(?P<mry>{_Y4})
          | {_HS}+(?P<mdd>{_DAY}){_ORD},?{_HS}+(?P<mdy>{_Y4})
          | (?:{_HS}*(?:,{_HS}*)?|-)(?:de{_HS}+)?(?:(?P<my>{_Y4})|(?P<my2>{_Y2}))
        )
      | (?P<season>spring|summer|fall|autumn|winter){_HS}*(?:,{_HS}*)?
            (?:(?P<sy>{_Y4})|(?P<sy2>{_Y2}))
      | Q(?P<q>[1-4]){_HS}*(?:(?P<qy>{_Y4})|(?P<qy2>{_Y2}))
      | (?P<ay>{_Y2})(?![A-Za-z])
      | {_NUM_LEAD}
        (?:
            (?P<dmd>{_DAY}){_ORD}{_HS}+(?P<dmm>{_MONTH})\.?,?{_HS}+(?P<dmy>{_Y4})
          | (?P<cy>{_Y4}){_HS}*年(?:{_HS}*(?P<cm>{_MM}){_HS}*月)?
          | (?P<iy>{_Y4})(?P<isep>[-/.])(?P<im>{_MM})(?![0-9])
                (?:(?P=isep)(?P<id>{_DAY})(?![0-9]))?{_NUM_TAIL}
          | (?P<na>[0-9][0-9]?)(?P<nsep>[-/.])(?P<nb>[0-9][0-9]?)(?P=nsep)(?P<ny>{_Y4}){_NUM_TAIL}
          | (?P<nm>{_MM})[-/.](?P<nmy>{_Y4}){_NUM_TAIL}
          | (?P<by>{_Y4}){_NUM_TAIL}
        )
    )
    """,
    # ASCII: under Unicode case folding "ſep" would match "sep" and miss the month table.
    re.IGNORECASE | re.VERBOSE | re.ASCII,
)
# The longest atom ("September – December, 2020") starts this far before its year.
_ATOM_REACH_BEFORE = 28
# ... and ends this far after it ("2012年 12月", "2021-06-15").
_ATOM_REACH_AFTER = 10
_APOSTROPHES = "'’‘`´"
# Starts with a literal class so the regex engine skips ahead in C to candidates.
_YEAR_HINT = re.compile(r"[12'’‘`´][0-9]{2,3}")
_DIGIT = re.compile(r"[0-9]")

# What may stand between the two ends of a range. Newlines are allowed: two-column
# PDFs put "2017 –" and "Present" on separate lines.
_SEP_WORDS = r"to|till|til|until|thru|through|[至到]年?"  # "2010年至年2012年" occurs
_SEP_CORE = rf"\s{{0,6}}(?:{_DASH}{{1,3}}|-+>|[→⟶➔⇒>]|/|{_SEP_WORDS})\s{{0,6}}"
_SEP = re.compile(_SEP_CORE, re.IGNORECASE)
_BLANK = re.compile(r"\s{0,6}")
# A present word ending a range: after a separator ("– Present", "至今"), or carrying
# its own connective ("to date", "until now").
_PRESENT_END = re.compile(
    rf"{_SEP_CORE}{PRESENT_PATTERN}(?![A-Za-zÀ-ÿ])"
    rf"|(?:{_SEP_CORE}|\s{{0,6}})(?:至今|现在)"
    rf"|\s{{0,6}}(?:up{_HS}+)?(?:to|till|til|until|through|thru){_HS}+"
    rf"(?:date|now|present|today)(?![A-Za-z])",
    re.IGNORECASE,
)
# "2019–21": a two-digit end year after a bare year.
_SHORT_END = re.compile(rf"{_HS}*(?:{_DASH}|/){_HS}*([0-9][0-9]){_NUM_TAIL}")
# "2018 – " with nothing after it on the line: an open range. Not "2013 -->", the
# end of an HTML comment.
_OPEN_TAIL = re.compile(rf"{_HS}*{_DASH}{{1,2}}(?={_HS}*(?:\r|\n|\Z|[|)\]}}]))")
_EXPECTED_SUFFIX = re.compile(
    rf"{_HS}*(?:[(\[]{_HS}*(?:expected|anticipated|projected|exp\.?|est\.?)[^)\]\n]{{0,24}}[)\]]"
    r"|(?:expected|anticipated)(?![A-Za-z]))",
    re.IGNORECASE,
)
# A bare year that is really an amount or a count: "2015 USD", "2000 users".
_UNIT_AFTER = re.compile(
    r"[ \t]*(?:usd|eur|gbp|cad|aud|inr|jpy|cny|dollars?|euros?|pounds?|rupees?|users?"
    r"|customers?|clients?|people|persons|employees|staff|requests?|transactions?|students"
    r"|members|downloads|visitors|subscribers|records|rows|items|units|lines|calls|orders"
    r"|servers|nodes|queries|devices|hours|hrs|km|kg|mb|gb|tb|ms)(?![A-Za-z])",
    re.IGNORECASE,
)
_CURRENCY_SIGNS = "$£€¥₹"
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:usd|eur|gbp|inr|rs\.?)|[$£€¥₹])[ \t]*\Z", re.IGNORECASE | re.ASCII
)
# A year glued to another number ("555-2019", "1000-2000", "415 555 2019").
_NUMBER_BEFORE = re.compile(r"[0-9][ \t]*(?:[-‐‑–—/.:x×][ \t]*)?\Z")
_NUMBER_AFTER = re.compile(r"[ \t]*(?:[-‐‑–—/.:x×][ \t]*)?[0-9]{3}")
# A date inside a URL ("example.com/2019/05/post") is part of an address. Both
# patterns start with literals, so the engine skips to candidates in C.
_URL_SCHEME = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE | re.ASCII)
_URL_PATH = re.compile(r"\.(?:com|org|net|io|dev|edu|gov|co|ai|me)/\S*", re.IGNORECASE | re.ASCII)
_URL_REACH_BACK = 200

# Words before a date that change what it means.
_SINCE_WORDS = SINCE_WORDS
_END_WORDS = frozenset({"through", "thru", "until", "till", "til"})
_EXPECTED_WORDS = frozenset({"expected", "anticipated", "projected", "预计"})
_EXPECTED_FILLER = frozenset({"graduation", "grad", "completion", "date", "in"})
_PREFIX_WORDS = _SINCE_WORDS | _END_WORDS | _EXPECTED_WORDS

# A present word standing alone counts only between delimiters ("| Current", a line of
# its own): elsewhere "current" and "now" are ordinary words.
_LONE_PRESENT_WORDS = (
    "present",
    "now",
    "current",
    "ongoing",
    "today",
    "to date",
    "till date",
    "until now",
    "至今",
    "现在",
)
_LONE_PRESENT = re.compile(
    r"(?<![A-Za-z])(?:to date|till date|until now|present|now|current|ongoing|today)"
    r"(?![A-Za-z])|至今|现在",
    re.IGNORECASE,
)
_LONE_BEFORE = frozenset("\r\n|([{,;:•·▪■●◦-‐–—")
_LONE_AFTER = frozenset("\r\n|)]},;.•·")
_HSPACE = frozenset(" \t\u00a0")


# --------------------------------------------------------------------------- atoms


@dataclass(slots=True)
class _Atom:
    start: int  # includes a prefix word
    end: int
    date: YearMonth
    end_date: YearMonth | None = None  # set for a shared-year month range
    prefix: str = ""  # "since", an end word ("until"), "expected", or ""
    bare: bool = False  # a year written alone: numeric context can veto it
    year: int | None = None  # a bare or apostrophe year, for "2019–21"
    needs_partner: bool = False  # glued to a number before it: valid only as a range end
    season_end: YearMonth | None = None  # "Summer 2012" alone spans June to August


@lru_cache(maxsize=4096)
def _ym(year: int, month: int | None = None) -> YearMonth:
    # YearMonth is frozen, so one instance per value can be shared; building a pydantic
    # model costs more than the rest of an atom's checks together.
    return YearMonth(year=year, month=month)


def _month(name: str) -> int:
    return month_number(name)


def _two_digit_year(digits: str, today: YearMonth) -> int:
    year = 2000 + int(digits)
    return year - 100 if year > today.year + _YEARS_AHEAD else year


def _year(m: re.Match[str], four: str, two: str, today: YearMonth) -> int:
    if m.group(four) is not None:
        return int(m.group(four))
    return _two_digit_year(m.group(two)[1:], today)


def _date_of(
    m: re.Match[str], today: YearMonth, day_first: bool = False
) -> tuple[YearMonth, YearMonth | None] | None:
    """The date (or shared-year month range) an atom match stands for, if it is one."""
    g = m.group
    max_year = today.year + _YEARS_AHEAD
    if g("mon") is not None:
        month = _month(g("mon"))
        if g("mr2") is not None:
            year = int(g("mry"))
            if not _SPELLED_YEAR_MIN <= year <= max_year:
                return None
            return _ym(year, month), _ym(year, _month(g("mr2")))
        year = int(g("mdy")) if g("mdd") is not None else _year(m, "my", "my2", today)
    elif g("dmm") is not None:
        year, month = int(g("dmy")), _month(g("dmm"))
    elif g("season") is not None:
        year, month = _year(m, "sy", "sy2", today), _SEASON_MONTH[g("season").lower()]
    elif g("q") is not None:
        year, month = _year(m, "qy", "qy2", today), (int(g("q")) - 1) * 3 + 1
    else:
        numeric = _numeric_date_of(m, today, day_first)
        return None if numeric is None else (numeric, None)
    if not _SPELLED_YEAR_MIN <= year <= max_year:
        return None
    return _ym(year, month), None


def _numeric_date_of(m: re.Match[str], today: YearMonth, day_first: bool) -> YearMonth | None:
    g = m.group
    month: int | None = None
    low = _NUMERIC_YEAR_MIN
    if g("cy") is not None:
        year = int(g("cy"))
        month = int(g("cm")) if g("cm") is not None else None
    elif g("iy") is not None:
        # "2019.1" reads as a version number; a dotted month needs two digits.
        if g("isep") == "." and len(g("im")) < 2:
            return None
        year, month = int(g("iy")), int(g("im"))
    elif g("ny") is not None:
        first, second, year = int(g("na")), int(g("nb")), int(g("ny"))
        # Day and month order is ambiguous: month first (US) unless that cannot be, the
        # resume writes its days first elsewhere ("15-09-2020") or uses dots ("01.07.2022").
        if (day_first or g("nsep") == ".") and 1 <= second <= 12 and 1 <= first <= 31:
            month = second
        elif 1 <= first <= 12 and 1 <= second <= 31:
            month = first
        elif 1 <= second <= 12 and 1 <= first <= 31:
            month = second
        else:
            return None
    elif g("nmy") is not None:
        year, month = int(g("nmy")), int(g("nm"))
    elif g("ay") is not None:
        year = _two_digit_year(g("ay")[1:], today)
        low = _SPELLED_YEAR_MIN
    else:
        year = int(g("by"))
        low = _BARE_YEAR_MIN
    if not low <= year <= today.year + _YEARS_AHEAD:
        return None
    return _ym(year, month)


def _prefix_before(text: str, start: int, floor: int) -> tuple[str, int]:
    """The prefix word ending just before ``start`` (not before ``floor``), and where
    it starts; ("", start) when there is none."""
    i = start
    floor = max(floor, start - 40)
    for _ in range(2):  # "Expected graduation: May 2025" looks two words back
        while i > floor and text[i - 1] in " \t\u00a0:.":
            i -= 1
        j = i
        while j > floor and text[j - 1].isalpha() and i - j < 12:
            j -= 1
        word = text[j:i].lower()
        if word.endswith("预计"):
            return "expected", i - 2
        if j > floor and text[j - 1].isalnum():
            return "", start
        if word in _PREFIX_WORDS:
            if word in _EXPECTED_WORDS:
                return "expected", j
            return ("since" if word in _SINCE_WORDS else word), j
        if word not in _EXPECTED_FILLER:
            return "", start
        i = j
    return "", start


def _after_currency(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _HSPACE:
        i -= 1
    if i < 0 or not (text[i] in _CURRENCY_SIGNS or text[i].isalpha() or text[i] == "."):
        return False
    return _CURRENCY_BEFORE.search(text, max(0, start - 6), start) is not None


def _atom_of(
    m: re.Match[str], text: str, today: YearMonth, floor: int, day_first: bool = False
) -> _Atom | None:
    dates = _date_of(m, today, day_first)
    if dates is None:
        return None
    start, end = m.span()
    bare = m.group("by") is not None
    if bare and (_UNIT_AFTER.match(text, end) or _after_currency(text, start)):
        return None
    needs_partner = (
        text[start].isdigit()
        and _DIGIT.search(text, max(0, start - 4), start) is not None
        and _NUMBER_BEFORE.search(text, max(0, start - 4), start) is not None
    )
    prefix, prefix_start = _prefix_before(text, start, floor)
    year = dates[0].year if bare or m.group("ay") is not None else None
    season = m.group("season")
    season_end = None
    if season is not None and season.lower() != "winter":
        season_end = _ym(dates[0].year, (dates[0].month or 1) + 2)
    return _Atom(
        prefix_start,
        end,
        dates[0],
        end_date=dates[1],
        prefix=prefix,
        bare=bare,
        year=year,
        needs_partner=needs_partner and not prefix,
        season_end=season_end,
    )


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around year-like numbers: every dated atom holds a
    four-digit year or an apostrophe year ("'19") and lies in its year's window."""
    windows: list[tuple[int, int]] = []
    n = len(text)
    for hint in _YEAR_HINT.finditer(text):
        start, end = hint.span()
        if end < n and "0" <= text[end] <= "9":
            continue
        if text[start] in _APOSTROPHES:
            if end - start != 3:
                continue
        elif end - start != 4 or (start > 0 and "0" <= text[start - 1] <= "9"):
            continue
        lo = max(0, start - _ATOM_REACH_BEFORE)
        newline = text.rfind("\n", lo, start)
        if newline >= 0:  # atoms never cross a line break, so neither does a window
            lo = newline + 1
        hi = min(n, end + _ATOM_REACH_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "/" not in text and "www." not in text:
        return []
    spans = [m.span() for m in _URL_SCHEME.finditer(text)]
    for m in _URL_PATH.finditer(text):
        start = m.start()
        limit = max(0, start - _URL_REACH_BACK)
        while start > limit and not text[start - 1].isspace():  # back to the host name
            start -= 1
        spans.append((start, m.end()))
    spans.sort()
    return spans


_DAY_FIRST = re.compile(
    r"(?<![0-9])(?:1[3-9]|2[0-9]|3[01])([-/.])(?:0?[1-9]|1[0-2])\1(?:19|20)[0-9][0-9](?![0-9])"
)
_MONTH_FIRST = re.compile(
    r"(?<![0-9])(?:0?[1-9]|1[0-2])([-/.])(?:1[3-9]|2[0-9]|3[01])\1(?:19|20)[0-9][0-9](?![0-9])"
)


def _atoms(text: str, today: YearMonth) -> list[_Atom]:
    urls = _url_spans(text)
    # One resume writes its numeric dates one way: a day above 12 in the first place
    # ("15-09-2020"), and none in the second, makes every "01-07-2022" day first.
    day_first = bool(_DAY_FIRST.search(text)) and not _MONTH_FIRST.search(text)
    atoms: list[_Atom] = []
    floor = 0
    u = 0
    for lo, hi in _windows(text):
        for m in _ATOM.finditer(text, lo, hi):
            while u < len(urls) and urls[u][1] <= m.start():
                u += 1
            if u < len(urls) and urls[u][0] <= m.start():
                continue
            atom = _atom_of(m, text, today, floor, day_first)
            if atom is not None:
                atoms.append(atom)
                floor = atom.end
    return atoms


# --------------------------------------------------------------------------- ranges


def _joins(a: _Atom, b: _Atom, text: str) -> bool:
    """True when ``b`` ends the range ``a`` starts."""
    if a.end_date is not None or a.prefix in _END_WORDS:
        return False
    if b.end_date is not None or b.prefix == "since":
        return False
    if _SEP.fullmatch(text, a.end, b.start):
        return True
    # "2019 until 2021": the end carries its own connective.
    return b.prefix in _END_WORDS and _BLANK.fullmatch(text, a.end, b.start) is not None


def _range(
    text: str,
    start: int,
    end: int,
    first: YearMonth | None,
    last: YearMonth | None,
    *,
    current: bool = False,
    single: bool = False,
    expected: bool = False,
) -> DateRange:
    suffix = _EXPECTED_SUFFIX.match(text, end)
    if suffix:
        end, expected = suffix.end(), True
    if first is not None and last is not None and last.index < first.index:
        # "Mar 2021 - Jan 2019": written newest first; the period is the same.
        first, last = last, first
    return DateRange(
        start=first,
        end=last,
        current=current,
        single=single,
        span=Span(start=start, end=end),
        text=text[start:end],
        expected=expected,
    )


def _ranges(atoms: list[_Atom], text: str, today: YearMonth) -> list[DateRange]:
    found: list[DateRange] = []
    i, n = 0, len(atoms)
    while i < n:
        a = atoms[i]
        i += 1
        expected = a.prefix == "expected"
        if a.end_date is not None:
            found.append(_range(text, a.start, a.end, a.date, a.end_date, expected=expected))
        elif i < n and _joins(a, atoms[i], text):
            b = atoms[i]
            i += 1
            expected = expected or b.prefix == "expected"
            found.append(_range(text, a.start, b.end, a.date, b.date, expected=expected))
        else:
            ranged = _open_range(a, text, today, expected) or _lone(a, text)
            if ranged is not None:
                found.append(ranged)
    return found


def _open_range(a: _Atom, text: str, today: YearMonth, expected: bool) -> DateRange | None:
    """A range that starts at ``a`` and ends in a present word, a two-digit year or
    nothing at all ("2018 – ", "since 2018")."""
    if a.prefix in _END_WORDS:
        return None
    present = _PRESENT_END.match(text, a.end)
    if present:
        return _range(text, a.start, present.end(), a.date, None, current=True, expected=expected)
    if a.year is not None:
        short = _SHORT_END.match(text, a.end)
        if short:
            end_year = a.year // 100 * 100 + int(short.group(1))
            if end_year < a.year:
                end_year += 100
            if end_year <= today.year + _YEARS_AHEAD:
                last = _ym(end_year)
                return _range(text, a.start, short.end(), a.date, last, expected=expected)
    if a.needs_partner:
        return None
    tail = _OPEN_TAIL.match(text, a.end)
    if tail:
        return _range(text, a.start, tail.end(), a.date, None, current=True, expected=expected)
    if a.prefix == "since":
        return _range(text, a.start, a.end, a.date, None, current=True, expected=expected)
    return None


def _lone(a: _Atom, text: str) -> DateRange | None:
    if a.needs_partner or (a.bare and _NUMBER_AFTER.match(text, a.end)):
        return None
    if a.prefix in _END_WORDS:
        return _range(text, a.start, a.end, None, a.date)
    if a.season_end is not None and a.prefix != "expected":
        return _range(text, a.start, a.end, a.date, a.season_end)
    return _range(text, a.start, a.end, a.date, None, single=True, expected=a.prefix == "expected")


def _between_delimiters(text: str, start: int, end: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _HSPACE:
        i -= 1
    if i >= 0 and text[i] not in _LONE_BEFORE:
        return False
    j = end
    while j < len(text) and text[j] in _HSPACE:
        j += 1
    return j >= len(text) or text[j] in _LONE_AFTER


def _lone_present(text: str, taken: list[DateRange]) -> list[DateRange]:
    """Present words standing alone ("| Current |") outside the ranges already found."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two; offsets would drift
        spans = [m.span() for m in _LONE_PRESENT.finditer(text)]
    else:
        spans = []
        for word in _LONE_PRESENT_WORDS:
            i = lowered.find(word)
            while i >= 0:
                spans.append((i, i + len(word)))
                i = lowered.find(word, i + len(word))
        spans.sort()
    found: list[DateRange] = []
    k = 0
    for start, end in spans:
        if found and start < found[-1].span.end:
            continue
        while k < len(taken) and taken[k].span.end <= start:
            k += 1
        if k < len(taken) and taken[k].span.start < end:
            continue
        if (start > 0 and text[start - 1].isascii() and text[start - 1].isalpha()) or (
            end < len(text) and text[end].isascii() and text[end].isalpha()
        ):
            continue
        if _between_delimiters(text, start, end):
            found.append(_range(text, start, end, None, None, current=True, single=True))
    return found


# --------------------------------------------------------------------------- public


def find_dates(text: str, today: YearMonth) -> list[DateRange]:
    """Every date range and lone date in ``text``, in order, non-overlapping.

    Adjacent dates joined by a separator form one range (longest match wins); a
    present word ("Present", "now", "至今") ends a range as ``current``.
    """
    found = _ranges(_atoms(text, today), text, today)
    lone = _lone_present(text, found)
    if lone:
        found = sorted(found + lone, key=lambda r: r.span.start)
    return found


_LEADING_PREFIX = re.compile(
    r"(?:since|through|thru|until|till|til|expected|anticipated|projected|预计)"
    r"(?:[ \t]+(?:graduation|grad\.?|completion|date|in))?[ \t]*:?[ \t]*",
    re.IGNORECASE | re.ASCII,
)


def parse_date(text: str) -> YearMonth | None:
    """One date expression ('Sept. 2010', '03/2019', '2022/05', '2021-06', '2014',
    'Summer 2019') as a YearMonth; None when the text is not exactly one date."""
    stripped = text.strip()
    prefix = _LEADING_PREFIX.match(stripped)
    if prefix:
        stripped = stripped[prefix.end() :]
    m = _ATOM.fullmatch(stripped)
    if m is None:
        return None
    dates = _date_of(m, YearMonth.from_date(date.today()))
    if dates is None or dates[1] is not None:
        return None
    return dates[0]
