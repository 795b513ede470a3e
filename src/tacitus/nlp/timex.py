"""Time expressions in news text, found by a regular grammar and resolved to ISO 8601 values.

In: a text and its publication date (the anchor; None when unknown).
Out: `TimeMention`s in text order, never overlapping: character offsets, the words, a kind
("date", "range", "month", "year", "relative", "weekday", "open", "time") and a `TimeValue`
(ISO day, month or year, or an interval whose ends may be open), or None when the text gives
no way to date the expression.

The words live in `nlp/data/timex.yaml`; the grammar (which words may follow which) is here,
as regular-expression templates compiled once per vocabulary. Rules are tried in order at
each position, so a longer reading ("from May 7 to 10, 2025") is listed before its parts
("May 7"). `TimeTagger` explains how the text is scanned quickly.

Resolution rules (news conventions; each one is pinned by a test):

- A day and month without a year ("9 May", "on May 9") and a bare month ("in March") take
  the anchor's year, unless the month is more than six months from the anchor's month; then
  they take the neighbouring year on that side, the closer occurrence (anchor 2025-05-13:
  "in November" and "November 22" are 2025, "in December" is 2024-12; anchor 2025-01-05:
  "December 28" is 2024-12-28). With no anchor they take the nearest explicit year written
  earlier in the text, else they stay unresolved. An explicit earlier year does not override
  a known anchor.
- A bare weekday ("on Thursday") is the anchor itself when the anchor falls on that weekday,
  otherwise the most recent one in the six days before the anchor (news reports past
  events). "last Thursday" is the most recent one strictly before the anchor; "next
  Thursday" and "this coming Thursday" the first one strictly after it; "this Thursday" the
  one in the anchor's ISO week; "Thursday next week" the one in the next ISO week. After
  "until", "by" and the like a bare weekday looks forward instead ("until Friday").
- "last/this/next week" are ISO weeks (Monday to Sunday), "last/this/next weekend" the
  Saturday and Sunday of those weeks, "(over) the weekend" the most recent Saturday and
  Sunday (the anchor's own weekend when it falls on one). Months and years shift by calendar
  month and year; "earlier this year" is this year. "the past week" and "the past two weeks"
  are windows ending on the anchor. "three days ago" is a day, "two weeks ago" the ISO week
  that contains the day 14 days back, "a month ago" a month, "a year ago" a year.
- "last night" is the day before the anchor; "tonight" and "this morning" the anchor.
- Period parts keep the precision of what they qualify: "early May" and "the last week of
  May" are 2025-05, "mid-2022" is 2022, "the end of last year" 2024. Halves and quarters
  ("the first half of 2025", "Q3 2024") are month intervals; seasons are northern-hemisphere
  meteorological month intervals ("summer 2025" is 2025-06/2025-08, winter runs December to
  February); decades ("the 1990s") are year intervals.
- "since X" is open from the start of X ("since February 2022" is 2022-02/..); "until",
  "till", "through", "by" and "up to" X is open up to the end of X ("until 2030" is
  ../2030). "since the start of the war in 2022" takes the date written after "in" or "on"
  within eight words of "since" (no comma or other mention in between).
- A range keeps each end at the precision written ("from March 2022 to June 2023" is
  2022-03/2023-06). A year written once applies to both ends; a range whose first end would
  fall after its second crosses a year boundary ("December 28 to January 3, 2025").
- Times of day are swallowed into the date or weekday they qualify ("00:00 on May 8",
  "Thursday at 3 p.m."); a clock time alone ("at 15:30") is a mention of kind "time" with
  value None: it says when in a day, not which day.
- Not dated at all: ordinals and anniversaries ("the 80th anniversary"), counts ("20
  agreements"), the modal "may" and the verb "march" (month names only count capitalised,
  and a month name alone needs a preposition, a shift or a period part before it or a day or
  year next to it), numbers inside codes or followed by units ("2,025", "2025 km", "G20"),
  labels ("Resolution 2022"), names ("Theresa May", "Good Friday", "Russia Today"), numeric
  dates such as 09/05/2025 (day-month order is ambiguous), expressions relative to another
  event rather than to the publication date ("the next day", "later that month"), and text
  in capitals ("MAY 9"). Weekday spans ("from Monday to Wednesday") give one mention per
  day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from tacitus.datafiles import load_yaml
from tacitus.errors import ConfigError

__all__ = ["KINDS", "TimeMention", "TimeTagger", "TimeValue", "parse_iso"]

KINDS = frozenset({"date", "range", "month", "year", "relative", "weekday", "open", "time"})

_PACKAGE = "tacitus.nlp.data"
_FILE = "timex.yaml"
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class TimeValue:
    """An ISO 8601 day, month or year, or an interval between two of them.

    `start` and `end` are "2025-05-07", "2025-05" or "2025"; a single day, month or year has
    start == end. None marks an open end ("2022/..") or start ("../2030"), never both.
    """

    start: str | None
    end: str | None

    def __post_init__(self) -> None:
        if self.start is None and self.end is None:
            raise ValueError("a time value needs a start or an end")

    def iso(self) -> str:
        """The ISO 8601 text: "2025-05-09", "2025-05", "2025-05-07/2025-05-10", "2022/..",
        "../2030"."""
        if self.start == self.end:
            return str(self.start)
        return f"{self.start or '..'}/{self.end or '..'}"

    def bounds(self) -> tuple[date | None, date | None]:
        """First and last day covered; None on an open side."""
        first = parse_iso(self.start)[0] if self.start else None
        last = parse_iso(self.end)[1] if self.end else None
        return first, last

    @classmethod
    def parse(cls, value: str) -> TimeValue:
        """The value written as `iso()` writes it."""
        start, slash, end = value.partition("/")
        if not slash:
            parse_iso(value)
            return cls(value, value)
        for part in (start, end):
            if part != "..":
                parse_iso(part)
        return cls(None if start == ".." else start, None if end == ".." else end)

    @classmethod
    def day(cls, day: date) -> TimeValue:
        return cls(day.isoformat(), day.isoformat())

    @classmethod
    def days(cls, first: date, last: date) -> TimeValue:
        return cls(first.isoformat(), last.isoformat())

    @classmethod
    def month(cls, year: int, month: int) -> TimeValue:
        return cls.months(year, month, year, month)

    @classmethod
    def months(cls, year1: int, month1: int, year2: int, month2: int) -> TimeValue:
        return cls(f"{year1:04d}-{month1:02d}", f"{year2:04d}-{month2:02d}")

    @classmethod
    def year(cls, year: int) -> TimeValue:
        return cls.years(year, year)

    @classmethod
    def years(cls, first: int, last: int) -> TimeValue:
        return cls(f"{first:04d}", f"{last:04d}")


def parse_iso(value: str) -> tuple[date, date]:
    """First and last day of an ISO day ("2025-05-09"), month ("2025-05") or year ("2025").

    Raises ValueError for anything else.
    """
    m = _ISO.fullmatch(value)
    if m is None:
        raise ValueError(f"not an ISO 8601 day, month or year: {value!r}")
    year = int(m[1])
    if m[3]:
        day = date(year, int(m[2]), int(m[3]))
        return day, day
    if m[2]:
        month = int(m[2])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression: `text` is `source[start:end]`; `value` None when unresolvable."""

    start: int
    end: int
    text: str
    value: TimeValue | None
    kind: str


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True, slots=True)
class _Vocab:
    """Lookup tables from the data file, keyed by `_norm` of the spelling."""

    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    shifts: dict[str, int]
    calendar_units: dict[str, str]
    count_units: dict[str, str]
    numbers: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    year_parts: dict[str, int]
    year_part_codes: dict[str, int]
    ordinals: dict[str, int]
    year_blockers_before: frozenset[str]
    guard_words: frozenset[str]
    guard_allowed: frozenset[str]
    weekday_name_prefixes: frozenset[str]


def _norm(text: str) -> str:
    """Lookup key of a spelling or of matched text: lower case, no dots, single spaces."""
    if text.isalpha():  # the common case, "May" or "yesterday", without the string work
        return text.lower()
    return " ".join(text.replace(".", " ").split()).lower()


class _Reader:
    """Typed access to the parsed data file; every defect raises E301 naming the key."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def fail(self, key: str, detail: str) -> ConfigError:
        return ConfigError(path=self.where, detail=f"'{key}': {detail}")

    def words(self, key: str, data: Mapping[str, Any] | None = None) -> list[str]:
        value = (self.data if data is None else data).get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must be a non-empty list of words")
        if not all(isinstance(item, str) and item.strip() for item in value):
            raise self.fail(
                key, "every entry must be a word in quotes if YAML reads it as something else"
            )
        return list(value)

    def rows(self, key: str, count: int) -> list[list[str]]:
        value = self.data.get(key)
        if not isinstance(value, list) or len(value) != count:
            raise self.fail(key, f"must be a list of {count} lists of spellings")
        return [self.words(f"{key}[{i}]", {f"{key}[{i}]": row}) for i, row in enumerate(value)]

    def table(self, key: str, kind: type) -> dict[str, Any]:
        value = self.data.get(key)
        if not isinstance(value, dict) or not value:
            raise self.fail(key, "must be a non-empty mapping")
        for word, item in value.items():
            ok = isinstance(item, kind) and not isinstance(item, bool)
            if not isinstance(word, str) or not ok:
                raise self.fail(key, f"{word!r}: expected a word mapped to {kind.__name__}")
        return dict(value)

    def span_table(self, key: str) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for word, item in self.table(key, list).items():
            if len(item) != 2 or not all(isinstance(x, int) and 1 <= x <= 24 for x in item):
                raise self.fail(key, f"{word!r}: expected [first month, last month]")
            out[_norm(word)] = (item[0], item[1])
        return out

    def units(self, key: str, allowed: set[str]) -> dict[str, str]:
        table = self.table(key, str)
        bad = sorted(set(table.values()) - allowed)
        if bad:
            raise self.fail(key, f"unknown units {bad} (known: {sorted(allowed)})")
        return {_norm(word): unit for word, unit in table.items()}

    def guard(self) -> Mapping[str, Any]:
        value = self.data.get("name_guard")
        if not isinstance(value, dict):
            raise self.fail("name_guard", "must be a mapping")
        return value


def _spell(spelling: str, either_case: bool) -> str:
    """Regex for one spelling: an abbreviation's dot is optional, spaces stretch."""
    words = [
        re.escape(w[:-1]) + r"\.?" if w.endswith(".") and len(w) > 1 else re.escape(w)
        for w in spelling.split()
    ]
    out = r"\s+".join(words)
    first = spelling[0]
    if either_case and first.isalpha() and first.islower():
        out = f"[{first}{first.upper()}]{out[1:]}"
    return out


def _alt(spellings: Iterable[str], either_case: bool = False) -> str:
    """One group matching any spelling as whole words, longest first."""
    ordered = sorted(set(spellings), key=lambda s: (-len(s), s))
    return "(?:" + "|".join(_spell(s, either_case) for s in ordered) + r")(?!\w)"


def _index(rows: list[list[str]]) -> dict[str, int]:
    return {_norm(spelling): n for n, row in enumerate(rows, 1) for spelling in row}


def _read(r: _Reader) -> tuple[_Vocab, dict[str, str], dict[str, list[str]]]:
    """The lookup tables, the regex fragments (`@NAME@` in the grammar) and the spellings
    each fragment matches, from a data file."""
    months = r.rows("months", 12)
    weekdays = r.rows("weekdays", 7)
    abbreviations = r.rows("weekday_abbreviations", 7)
    guard = r.guard()
    tables = {
        key: {_norm(k): v for k, v in r.table(key, int).items()}
        for key in ("relative_days", "shifts", "numbers", "year_parts", "ordinals")
    }
    vocab = _Vocab(
        months=_index(months),
        weekdays={k: n - 1 for k, n in _index(weekdays + abbreviations).items()},
        relative_days=tables["relative_days"],
        shifts=tables["shifts"],
        calendar_units=r.units("calendar_units", {"week", "weekend", "month", "year"}),
        count_units=r.units("count_units", {"day", "week", "month", "year"}),
        numbers=tables["numbers"],
        seasons=r.span_table("seasons"),
        year_parts=tables["year_parts"],
        year_part_codes=r.table("year_part_codes", int),
        ordinals=tables["ordinals"],
        year_blockers_before=frozenset(r.words("year_blockers_before")),
        guard_words=frozenset(r.words("words", guard)),
        guard_allowed=frozenset(r.words("allowed_before", guard)),
        weekday_name_prefixes=frozenset(r.words("weekday_name_prefixes", guard)),
    )
    return vocab, *_vocab_fragments(r, months, weekdays, abbreviations)


def _vocab_fragments(
    r: _Reader, months: list[list[str]], weekdays: list[list[str]], abbrs: list[list[str]]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Fragment name -> regex, and fragment name -> the spellings it matches. Words a
    sentence may open with also match with a capital first letter ("Last week")."""
    flat = [spelling for row in weekdays for spelling in row]
    unit_shifts = set(r.table("shifts", int)) - set(r.words("weekday_only_shifts"))
    either = {
        "RELDAY": list(r.table("relative_days", int)),
        "RDMOD": r.words("relative_day_modifiers"),
        "SHIFT": list(r.table("shifts", int)),
        "USHIFT": sorted(unit_shifts),
        "WINDOW": r.words("window_words"),
        "CWINDOW": r.words("counted_window_words"),
        "NUM": list(r.table("numbers", int)),
        "PART": r.words("period_parts"),
        "SEASON": list(r.table("seasons", list)),
        "MLEAD": r.words("month_leads") + r.words("open_since") + r.words("open_until"),
        "SINCE": r.words("open_since"),
        "UNTIL": r.words("open_until"),
        "FROM": r.words("range_from"),
        "BETWEEN": r.words("range_between"),
    }
    exact = {
        "MON": [spelling for row in months for spelling in row],
        "WD": flat,
        "WDANY": flat + [spelling for row in abbrs for spelling in row],
        "POD": r.words("parts_of_day"),
        "UNIT": list(r.table("calendar_units", str)),
        "CUNIT": list(r.table("count_units", str)),
        "AGO": r.words("ago_words"),
        "YPART": list(r.table("year_parts", int)),
        "ORD": list(r.table("ordinals", int)),
        "TO": r.words("range_to"),
        "AND": r.words("range_and"),
        "NOON": r.words("times_of_day"),
        "TZ": r.words("time_zones"),
        "YBLOCK": r.words("year_blockers_after"),
    }
    frags = {name: _alt(words, either_case=True) for name, words in either.items()}
    frags |= {name: _alt(words) for name, words in exact.items()}
    codes = list(r.table("year_part_codes", int))
    frags["YCODE"] = "[" + "".join(re.escape(c) for c in codes) + "]"
    return frags, either | exact | {"YCODE": codes}


# --------------------------------------------------------------------------- grammar

# Shared pieces, filled in before the vocabulary fragments (`@NAME@` placeholders).
_PIECES: dict[str, str] = {
    "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w|[.:]\d)",
    # A year inside a date; standalone years use the stricter `year` rule below.
    "Y": r"(?:19|20)\d\d(?!\w|[.,]\d)",
    "AMPM": r"(?:[ap]\.m\.|[ap]\.?m(?!\w)|[AP]\.?M(?!\w))",
    "CLOCK": (
        r"(?:(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)(?:\s*@AMPM@)?"
        r"|(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?\s*@AMPM@"
        r"|(?:[01]\d|2[0-3])[0-5]\d(?=\s+@TZ@)"
        r"|@NOON@)"
    ),
    "TOD": r"@CLOCK@(?:\s+@TZ@)?(?:\s*\((?:[01]\d|2[0-3]):?[0-5]\d\s+@TZ@\))?",
    "TODPRE": r"(?:@TOD@\s+(?:on\s+)?)?(?:(?:the\s+)?@POD@\s+of\s+)?",
    "TODSUF": r"(?:,?\s+at\s+@TOD@)?",
    "WDPRE": r"(?:@WDANY@,?\s+(?:the\s+)?)?",
    "FROMBTW": r"(?:(?P<btw>@BETWEEN@)\s+|(?P<frm>@FROM@)\s+)?",
    # "and" joins the ends only after "between"; dashes and "to" otherwise.
    "SEP": r",?(?(btw)\s+@AND@\s+|(?:\s*[-–—]\s*|\s+@TO@\s+))",
    "SEPD": r",?(?:\s*[-–—]\s*|\s+(?:@TO@|@AND@)\s+)",
    "PARTPRE": r"(?:[Tt]he\s+)?(?:very\s+)?(?P<part>@PART@)(?:\s*-\s*|\s+)",
    "COUNT": r"(?:@NUM@|\d{1,3})",
}

_MD = r"(?P<m{n}>@MON@)\s+(?P<d{n}>@DAY@)(?:,?\s+(?P<y{n}>@Y@))?"
_DM = r"(?:the\s+)?(?P<d{n}>@DAY@)(?:\s+of)?\s+(?P<m{n}>@MON@)(?:,?\s+(?P<y{n}>@Y@))?"

# name -> template; the order is the order of preference at one position.
_TEMPLATES: dict[str, str] = {
    "range_md_md": "@FROMBTW@@TODPRE@@WDPRE@"
    + _MD.format(n=1)
    + "@SEP@@TODPRE@@WDPRE@"
    + _MD.format(n=2)
    + "@TODSUF@",
    "range_dm_dm": "@FROMBTW@@TODPRE@@WDPRE@"
    + _DM.format(n=1)
    + "@SEP@@TODPRE@@WDPRE@"
    + _DM.format(n=2),
    "range_md_d": r"@FROMBTW@(?P<m1>@MON@)\s+(?P<d1>@DAY@)@SEPD@(?P<d2>@DAY@)"
    r"(?:,?\s+(?P<y2>@Y@))?",
    "range_d_dm": r"@FROMBTW@(?:the\s+)?(?P<d1>@DAY@)@SEPD@(?:the\s+)?(?P<d2>@DAY@)(?:\s+of)?"
    r"\s+(?P<m2>@MON@)(?:,?\s+(?P<y2>@Y@))?",
    "range_my_my": r"@FROMBTW@(?P<m1>@MON@)(?:,?\s+(?P<y1>@Y@))?@SEP@(?P<m2>@MON@)"
    r"(?:,?\s+(?P<y2>@Y@))?",
    "date_iso": r"(?<![.\-/])(?P<y>(?:19|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?:T\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\w\-/])",
    "range_y_y": r"(?<![$€£¥#.,:/+\-–])@FROMBTW@(?P<y1>(?:19|20)\d\d)(?:@SEP@|/)"
    r"(?P<y2>(?:19|20)\d\d|\d\d)(?!\w|[.,]\d|[-–/]\d)",
    "year_half": r"(?:[Tt]he\s+)?(?P<ord>@ORD@)\s+(?P<part>@YPART@)\s+of\s+"
    r"(?:(?P<y>@Y@)|(?:(?P<shift>@USHIFT@)|the)\s+year(?!\w))",
    "year_code": r"(?P<code>@YCODE@)(?P<n>[1-4])\s+(?P<y>@Y@)",
    "date_md": r"@TODPRE@@WDPRE@(?P<m>@MON@)\.?\s+(?P<d>@DAY@)(?:,?\s+(?P<y>@Y@))?@TODSUF@",
    "date_dm": r"@TODPRE@@WDPRE@(?:the\s+)?(?P<d>@DAY@)(?:\s+of)?\s+(?P<m>@MON@)"
    r"(?:,?\s+(?P<y>@Y@))?@TODSUF@",
    "month_year": r"(?P<m>@MON@),?\s+(?:of\s+)?(?P<y>@Y@)",
    "part_month": r"@PARTPRE@(?P<m>@MON@)(?:,?\s+(?P<y>@Y@))?",
    "part_year": r"@PARTPRE@(?P<y>@Y@)",
    "decade": r"(?:[Tt]he\s+)?(?:(?P<part>@PART@)(?:\s*-\s*|\s+))?(?P<y>(?:19|20)\d0)['’]?s(?!\w)",
    "season": r"(?:[Tt]he\s+)?(?:@PART@(?:\s*-\s*|\s+))?(?:(?P<shift>@SHIFT@)\s+(?P<s1>@SEASON@)"
    r"|(?P<s2>@SEASON@)(?:\s+of)?\s+(?P<y>@Y@))",
    "month_rel": r"(?P<shift>@SHIFT@)\s+(?P<m>@MON@)(?:\s+(?P<d>@DAY@))?",
    # The lead licenses a bare month but is not part of the mention; a following day or year
    # belongs to the date rules, which start later and would otherwise lose.
    "month_bare": r"(?P<lead>@MLEAD@\s+(?:the\s+month\s+of\s+)?)(?P<m>@MON@)"
    r"(?!\.?\s+\d|,\s*(?:19|20)\d\d(?!\w))",
    "rel_day": r"(?:@RDMOD@\s+)?(?P<rd>@RELDAY@)(?:\s+@POD@)?@TODSUF@",
    "rel_unit": r"(?:(?:[Tt]he\s+)?(?:very\s+)?(?P<part>@PART@)\s+(?:of\s+)?)?"
    r"(?:(?P<shift>@USHIFT@)|(?(part)the|(?!)))\s+(?P<unit>@UNIT@)(?!\s+of(?!\w))",
    "rel_window": r"(?:[Tt]he\s+)?(?:(?P<w>@WINDOW@)\s+(?:(?P<n>@COUNT@)\s+)?"
    r"|@CWINDOW@\s+(?P<n2>@COUNT@)\s+)(?P<unit>@CUNIT@)",
    "rel_ago": r"(?P<n>@COUNT@)\s+(?P<unit>@CUNIT@)\s+@AGO@",
    # "over the weekend", "at the weekend": the most recent one (see the module rules).
    "weekend": r"[Tt]he\s+weekend(?!\w)",
    "weekday": r"@TODPRE@(?:@RDMOD@\s+(?:on\s+)?)?(?:(?P<shift>@SHIFT@)\s+)?(?P<wd>@WD@)"
    r"(?:\s+@POD@)?(?:\s+(?P<wk>@USHIFT@)\s+week(?!\w))?@TODSUF@",
    # Standalone year: not inside numbers, money, codes, versions or lists of numbers, and
    # not followed by a unit or a time zone ("2000 GMT" is a clock time).
    "year": r"(?<![$€£¥#.,:/+\-–])(?<!\d\s)(?P<y>(?:19|20)\d\d)"
    r"(?!\w|[.,:]\d|[-–/]\d|\s*@YBLOCK@|\s+@TZ@)",
    "time": r"(?P<tod>@TOD@)",
}

_PLACEHOLDER = re.compile(r"@(\w+)@")
_GROUP = re.compile(r"\(\?P<(\w+)>|\(\?\((\w+)\)")
_GROUP_TEST = re.compile(r"\(\?\((\w+)\)")


def _fill(template: str, fragments: Mapping[str, str]) -> str:
    """Replace `@NAME@` placeholders until none is left (pieces contain placeholders)."""
    for _ in range(5):
        template = _PLACEHOLDER.sub(lambda m: fragments[m[1]], template)
        if "@" not in template:
            return template
    raise ValueError(f"unresolved placeholder in {template!r}")


def _rules_by_core(
    cores: Iterable[str], spellings: Mapping[str, list[str]], names: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    """For each core token (lower case; "#" for numbers, "*" for anything else), the rules,
    in order, that can contain it.

    A mention's first core token decides which rules are tried around it, so the engine
    does not walk through two dozen rules that cannot match. A rule can contain a token
    when it uses a fragment whose vocabulary has the word, or spells the word out itself
    ("week" in "Thursday next week").
    """
    expanded = {name: _expand_pieces(_TEMPLATES[name]) for name in names}
    fragments_of: dict[str, set[str]] = {}
    for fragment, words in spellings.items():
        for word in (w for spelling in words for w in _norm(spelling).split()):
            fragments_of.setdefault(word, set()).add(f"@{fragment}@")

    def holds(core: str, marks: Iterable[str], spelt: re.Pattern[str], template: str) -> bool:
        if core == "*":
            return True
        if core == "#":
            return "\\d" in template
        return any(mark in template for mark in marks) or spelt.search(template) is not None

    rules: dict[str, tuple[str, ...]] = {}
    for core in {"#", "*", *cores}:
        marks = fragments_of.get(core, set())
        spelt = re.compile(rf"(?<![\w@]){re.escape(core)}(?![\w@])")
        rules[core] = tuple(n for n, t in expanded.items() if holds(core, marks, spelt, t))
    return rules


def _expand_pieces(template: str) -> str:
    """`template` with the shared `_PIECES` filled in and the vocabulary placeholders left."""
    for _ in range(5):
        template = _PLACEHOLDER.sub(lambda m: _PIECES.get(m[1], m[0]), template)
    return template


def _bare(template: str, rule: str) -> str:
    """`template` without capturing groups, for the alternation that only picks the rule.

    Fewer groups make the engine much faster. Groups that a conditional tests are kept,
    renamed after the rule so that several rules can carry the same one.
    """
    tested = set(_GROUP_TEST.findall(template))

    def rename(m: re.Match[str]) -> str:
        if m[2]:
            return f"(?({rule}__{m[2]})"
        return f"(?P<{rule}__{m[1]}>" if m[1] in tested else "(?:"

    return _GROUP.sub(rename, template)


def _core_patterns(r: _Reader) -> tuple[str, str, set[str]]:
    """The first pass: tokens that every time expression contains.

    Returns two alternations and the lookup keys of the tokens (see `_rules_by_core`). Each
    alternation starts with a test the engine runs in C over the whole text: numbers and
    capitalised names (every branch opens with a literal character), and lower-case words
    after a separator (one character class, then the words). A single pattern would try its
    branches at every space and cost several times as much.
    """
    rows = r.rows("months", 12) + r.rows("weekdays", 7)
    names = [spelling.rstrip(".") for row in rows for spelling in row]
    words = {phrase.split()[-1] for phrase in r.table("relative_days", int)}
    for key in ("calendar_units", "count_units", "seasons", "year_parts"):
        words |= set(r.table(key, object))
    words |= set(r.words("times_of_day"))
    names += [w[0].upper() + w[1:] for w in words]
    names += [f"{code}{n}" for code in r.table("year_part_codes", int) for n in range(1, 5)]
    # Numbers: four digits (years, "0600 GMT") and clock times. A day number is never the
    # only core of a mention (a month name or a unit comes with it: "9 May", "10 days ago"),
    # so "20 agreements" costs nothing; `_starts` walks back over it from the month.
    clock = r"\d?(?::[0-5]\d|(?:[.:][0-5]\d)?\s*[AaPp]\.?[Mm](?![a-z]))"
    branches = [f"{digit}(?:\\d{{3}}(?!\\d)|{clock})" for digit in "0123456789"]
    branches += [branch + r"(?!\w)" for branch in _by_first_letter(names)]
    keys = {re.sub("[^A-Za-z].*", "", name).lower() for name in names}  # "Q1" -> "q"
    return "|".join(branches), "(?:" + "|".join(_by_first_letter(words)) + r")(?!\w)", keys


def _by_first_letter(words: Iterable[str]) -> list[str]:
    """Alternatives for `words` factored on their first letter ("y(?:esterday|ear)"), so the
    engine tests one branch per letter instead of one per word; each starts with a literal."""
    rests: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return [f"{re.escape(c)}(?:{'|'.join(r)})" for c, r in rests.items()]


def _group_spans(pattern: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of the parentheses of a regular expression."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            opened.append(i)
        elif char == ")":
            spans.append((opened.pop(), i))
        i += 1
    return spans


def _no_optional_groups(pattern: str) -> str:
    """`(?:X)?` rewritten `(?:X|)`: the same language and preference, but Python's engine
    runs a branch several times faster than a repeat, and the grammar is full of optional
    groups."""
    out = list(pattern)
    for start, end in _group_spans(pattern):
        if pattern[end + 1 : end + 2] != "?" or pattern[end + 2 : end + 3] in ("?", "+"):
            continue
        out[end + 1] = ""
        if pattern.startswith("(?:", start):
            out[end] = "|)"
        else:
            out[start] = "(?:" + out[start]
            out[end] = ")|)"
    return "".join(out)


def _chain_words(r: _Reader) -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case words that may come before a mention's first core token: those that may
    start a mention ("the", "from", "early", "last", "two") and bridge words that only ever
    sit inside one ("of" in "the end of last year", "to" in "from 7 to 10 May")."""
    keys = ("range_from", "range_between", "period_parts", "relative_day_modifiers",
            "month_leads", "open_since", "open_until", "window_words",
            "counted_window_words")  # fmt: skip
    phrases = [p for key in keys for p in r.words(key)]
    phrases += [p for key in ("shifts", "numbers", "ordinals") for p in r.table(key, int)]
    # Weekday abbreviations only ever come before a date ("Thu., May 8"), so they are not
    # cores themselves.
    phrases += [a.rstrip(".") for row in r.rows("weekday_abbreviations", 7) for a in row]
    phrases += ["the", "very"]
    starts = {p.split()[0].lower() for p in phrases}
    inner = {w.lower() for p in phrases for w in p.split()[1:]}
    inner |= {"of", "on"} | {w.lower() for key in ("range_to", "range_and") for w in r.words(key)}
    return frozenset(starts), frozenset(inner - starts)


# --------------------------------------------------------------------------- resolution


@dataclass(slots=True)
class _Context:
    """What resolution needs beyond the match: the anchor and the last explicit year seen."""

    vocab: _Vocab
    anchor: date | None
    last_year: int | None = None
    future: bool = False

    def explicit(self, text: str | None) -> int | None:
        """A year written in the text; remembered for later year-less dates."""
        if text is None:
            return None
        self.last_year = int(text)
        return self.last_year

    def year_for(self, month: int, day: int | None) -> int | None:
        """The year of a month (and day) written without one (see the module rules)."""
        if self.anchor is None:
            return self.last_year
        return _closest_year(self.anchor, month, day)


class _Groups:
    """The named groups of one rule's match; a group the rule does not have reads as None."""

    __slots__ = ("groups", "match")

    def __init__(self, match: re.Match[str]) -> None:
        self.match = match
        self.groups = match.groupdict()

    def get(self, name: str) -> str | None:
        return self.groups.get(name)

    def req(self, name: str) -> str:
        value = self.groups.get(name)
        if value is None:
            raise LookupError(f"group {name} did not match")
        return value

    def word_before(self, name: str) -> str:
        return _word_before(self.match.string, self.match.start(name))


# A resolver (`_r_*`, one per rule in `_RESOLVERS`) takes the groups of its rule's match and
# the context, and returns the mention's kind and value (None: cannot be dated), or None to
# reject the match altogether (February 30, "May 9 and 3 others"), which lets a shorter
# reading be tried instead.
_Found = tuple[str, TimeValue | None]
_Resolver = Callable[[_Groups, _Context], "_Found | None"]


def _word_before(text: str, start: int) -> str:
    """The run of non-spaces that ends in the whitespace right before `start` ("" if
    `start` follows no whitespace)."""
    before = text[max(0, start - 40) : start]
    if not before[-1:].isspace():
        return ""
    words = before.split()
    return words[-1] if words else ""


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _closest_year(anchor: date, month: int, day: int | None) -> int:
    """The anchor's year, unless `month` is more than six months from the anchor's month:
    then the neighbouring year on that side. Counted in months, so "November 22" and "in
    November" agree; a day that does not exist in a year (February 29) rules that year out."""

    def distance(year: int) -> int:
        if day is not None and _safe_date(year, month, day) is None:
            return 100
        return abs((year - anchor.year) * 12 + month - anchor.month)

    # `min` keeps the first of equals: the anchor's own year wins a tie.
    return min((anchor.year, anchor.year - 1, anchor.year + 1), key=distance)


def _add_months(year: int, month: int, shift: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + shift, 12)
    return y, m + 1


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week(day: date) -> TimeValue:
    monday = _monday(day)
    return TimeValue.days(monday, monday + timedelta(days=6))


def _day_number(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _month_of(g: _Groups, ctx: _Context, name: str = "m") -> int:
    return ctx.vocab.months[_norm(g.req(name))]


def _shift(g: _Groups, ctx: _Context, name: str = "shift") -> int:
    word = g.get(name)
    return 0 if word is None else ctx.vocab.shifts.get(_norm(word), 0)


def _count(g: _Groups, ctx: _Context, *names: str) -> int | None:
    for name in names:
        word = g.get(name)
        if word is not None:
            return int(word) if word.isdigit() else ctx.vocab.numbers[_norm(word)]
    return None


# Absolute dates -----------------------------------------------------------------------


def _r_date(g: _Groups, ctx: _Context) -> _Found | None:
    month, day = _month_of(g, ctx), _day_number(g.req("d"))
    year = ctx.explicit(g.get("y")) or ctx.year_for(month, day)
    if year is None:
        return "date", None
    when = _safe_date(year, month, day)
    return ("date", TimeValue.day(when)) if when else None


def _r_date_iso(g: _Groups, ctx: _Context) -> _Found | None:
    year = ctx.explicit(g.req("y")) or 0
    when = _safe_date(year, int(g.req("mo")), int(g.req("d")))
    return ("date", TimeValue.day(when)) if when else None


def _r_month(g: _Groups, ctx: _Context) -> _Found | None:
    month = _month_of(g, ctx)
    year = ctx.explicit(g.get("y")) or ctx.year_for(month, None)
    return "month", None if year is None else TimeValue.month(year, month)


def _r_year(g: _Groups, ctx: _Context) -> _Found | None:
    return "year", TimeValue.year(ctx.explicit(g.req("y")) or 0)


def _r_year_alone(g: _Groups, ctx: _Context) -> _Found | None:
    if g.word_before("y") in ctx.vocab.year_blockers_before:
        return None
    return _r_year(g, ctx)


def _r_decade(g: _Groups, ctx: _Context) -> _Found | None:
    first = int(g.req("y"))
    return "range", TimeValue.years(first, first + 9)


def _parts(year: int, size: int, index: int) -> TimeValue | None:
    if not 1 <= index <= 12 // size:
        return None
    return TimeValue.months(year, (index - 1) * size + 1, year, index * size)


def _r_year_half(g: _Groups, ctx: _Context) -> _Found | None:
    size = ctx.vocab.year_parts[_norm(g.req("part"))]
    index = ctx.vocab.ordinals[_norm(g.req("ord"))]
    if g.get("y") is not None:
        value = _parts(ctx.explicit(g.get("y")) or 0, size, index)
        return ("range", value) if value else None
    if ctx.anchor is None:
        return "relative", None
    value = _parts(ctx.anchor.year + _shift(g, ctx), size, index)
    return ("relative", value) if value else None


def _r_year_code(g: _Groups, ctx: _Context) -> _Found | None:
    size = ctx.vocab.year_part_codes[g.req("code")]
    value = _parts(ctx.explicit(g.get("y")) or 0, size, int(g.req("n")))
    return ("range", value) if value else None


def _season_value(year: int, first: int, last: int) -> TimeValue:
    end_year, end_month = _add_months(year, first, last - first)
    return TimeValue.months(year, first, end_year, end_month)


def _season_year(anchor: date, first: int, last: int, shift: int) -> int:
    now = anchor.year * 12 + anchor.month
    years = range(anchor.year - 2, anchor.year + 2)
    if shift < 0:
        return max(y for y in years if y * 12 + last < now)
    if shift > 0:
        return min(y for y in years if y * 12 + first > now)
    current = [y for y in years if y * 12 + first <= now <= y * 12 + last]
    return current[0] if current else anchor.year


def _r_season(g: _Groups, ctx: _Context) -> _Found | None:
    first, last = ctx.vocab.seasons[_norm(g.get("s1") or g.req("s2"))]
    if g.get("y") is not None:
        return "range", _season_value(ctx.explicit(g.get("y")) or 0, first, last)
    if ctx.anchor is None:
        return "relative", None
    year = _season_year(ctx.anchor, first, last, _shift(g, ctx))
    return "relative", _season_value(year, first, last)


# Ranges --------------------------------------------------------------------------------


def _range_years(
    ctx: _Context, y1: str | None, y2: str | None, month: int, day: int | None
) -> tuple[int, int] | None:
    """Years of a range's ends: as written, one written year for both, else inferred."""
    first, second = ctx.explicit(y1), ctx.explicit(y2)
    if first is None and second is None:
        first = second = ctx.year_for(month, day)
    if first is None or second is None:
        first = second = first if second is None else second
    return None if first is None or second is None else (first, second)


def _order(ends: tuple[date, date], y1: str | None, y2: str | None) -> tuple[date, date] | None:
    """Cross a year boundary the text left implicit ("December 28 to January 3, 2025")."""
    start, end = ends
    if end >= start:
        return ends
    if y1 is None and y2 is not None:
        moved = _safe_date(start.year - 1, start.month, start.day)
        return (moved, end) if moved else None
    if y2 is None:
        moved = _safe_date(end.year + 1, end.month, end.day)
        return (start, moved) if moved else None
    return None


def _r_day_range(g: _Groups, ctx: _Context) -> _Found | None:
    y1, y2 = g.get("y1"), g.get("y2")
    m1 = _month_of(g, ctx, "m1" if g.get("m1") else "m2")
    m2 = _month_of(g, ctx, "m2" if g.get("m2") else "m1")
    d1, d2 = _day_number(g.req("d1")), _day_number(g.req("d2"))
    one_month = g.get("m1") is None or g.get("m2") is None
    if one_month and d2 <= d1:  # "May 9 and 3 others": not a range
        return None
    years = _range_years(ctx, y1, y2, m1, d1)
    if years is None:
        return "range", None
    start, end = _safe_date(years[0], m1, d1), _safe_date(years[1], m2, d2)
    ends = _order((start, end), y1, y2) if start and end else None
    return ("range", TimeValue.days(*ends)) if ends else None


def _r_month_range(g: _Groups, ctx: _Context) -> _Found | None:
    y1, y2 = g.get("y1"), g.get("y2")
    if g.get("btw") is None and g.get("frm") is None and y2 is None:
        return None  # "March to June" alone is too weak; "from March to June" is not
    m1, m2 = _month_of(g, ctx, "m1"), _month_of(g, ctx, "m2")
    years = _range_years(ctx, y1, y2, m1, None)
    if years is None:
        return "range", None
    first, second = years
    if (second, m2) <= (first, m1):
        if y1 is not None and y2 is not None:
            return None
        first, second = (first - 1, second) if y1 is None else (first, second + 1)
    return "range", TimeValue.months(first, m1, second, m2)


def _r_year_range(g: _Groups, ctx: _Context) -> _Found | None:
    first, written = int(g.req("y1")), g.req("y2")
    second = int(written) if len(written) == 4 else first // 100 * 100 + int(written)
    if not first < second <= first + 100:
        return None
    ctx.explicit(str(second))
    return "range", TimeValue.years(first, second)


# Relative expressions -----------------------------------------------------------------


def _r_month_rel(g: _Groups, ctx: _Context) -> _Found | None:
    month, shift = _month_of(g, ctx), _shift(g, ctx)
    if ctx.anchor is None:
        return "relative", None
    year = ctx.anchor.year
    if shift < 0 and month >= ctx.anchor.month:
        year -= 1
    elif shift > 0 and month <= ctx.anchor.month:
        year += 1
    day = g.get("d")
    if day is None:
        return "relative", TimeValue.month(year, month)
    when = _safe_date(year, month, _day_number(day))
    return ("relative", TimeValue.day(when)) if when else None


def _r_rel_day(g: _Groups, ctx: _Context) -> _Found | None:
    offset = ctx.vocab.relative_days[_norm(g.req("rd"))]
    if ctx.anchor is None:
        return "relative", None
    return "relative", TimeValue.day(ctx.anchor + timedelta(days=offset))


def _calendar_unit(anchor: date, unit: str, shift: int) -> TimeValue:
    if unit == "year":
        return TimeValue.year(anchor.year + shift)
    if unit == "month":
        return TimeValue.month(*_add_months(anchor.year, anchor.month, shift))
    monday = _monday(anchor) + timedelta(weeks=shift)
    if unit == "weekend":
        return TimeValue.days(monday + timedelta(days=5), monday + timedelta(days=6))
    return TimeValue.days(monday, monday + timedelta(days=6))


def _r_rel_unit(g: _Groups, ctx: _Context) -> _Found | None:
    unit = ctx.vocab.calendar_units[_norm(g.req("unit"))]
    if ctx.anchor is None:
        return "relative", None
    return "relative", _calendar_unit(ctx.anchor, unit, _shift(g, ctx))


def _r_weekend(g: _Groups, ctx: _Context) -> _Found | None:
    if ctx.anchor is None:
        return "relative", None
    saturday = ctx.anchor - timedelta(days=(ctx.anchor.weekday() - 5) % 7)
    return "relative", TimeValue.days(saturday, saturday + timedelta(days=1))


def _back(anchor: date, unit: str, count: int) -> date:
    """The day `count` units before the anchor (month ends clamp: Mar 31 - 1 month = Feb 28)."""
    if unit in ("day", "week"):
        return anchor - timedelta(days=count * (7 if unit == "week" else 1))
    year, month = _add_months(anchor.year, anchor.month, -count * (12 if unit == "year" else 1))
    return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def _r_rel_ago(g: _Groups, ctx: _Context) -> _Found | None:
    unit = ctx.vocab.count_units[_norm(g.req("unit"))]
    count = _count(g, ctx, "n") or 1
    if ctx.anchor is None:
        return "relative", None
    then = _back(ctx.anchor, unit, count)
    values = {
        "day": TimeValue.day(then),
        "week": _week(then),
        "month": TimeValue.month(then.year, then.month),
        "year": TimeValue.year(then.year),
    }
    return "relative", values[unit]


def _r_rel_window(g: _Groups, ctx: _Context) -> _Found | None:
    word = g.req("unit")
    count = _count(g, ctx, "n", "n2")
    # Without a count only a singular unit is a window: "the past week", not "past years".
    if count is None and word.endswith("s"):
        return None
    if ctx.anchor is None:
        return "relative", None
    unit = ctx.vocab.count_units[_norm(word)]
    return "relative", TimeValue.days(_back(ctx.anchor, unit, count or 1), ctx.anchor)


def _weekday_date(anchor: date, weekday: int, shift: int | None, future: bool) -> date:
    """The date of a weekday seen from the anchor (see the module rules)."""
    today = anchor.weekday()
    if shift == 0:
        return _monday(anchor) + timedelta(days=weekday)
    if shift is not None and shift < 0:
        return anchor - timedelta(days=(today - weekday - 1) % 7 + 1)
    if shift is not None and shift > 0:
        return anchor + timedelta(days=(weekday - today - 1) % 7 + 1)
    if future:
        return anchor + timedelta(days=(weekday - today) % 7)
    return anchor - timedelta(days=(today - weekday) % 7)


def _r_weekday(g: _Groups, ctx: _Context) -> _Found | None:
    weekday = ctx.vocab.weekdays[_norm(g.req("wd"))]
    if ctx.anchor is None:
        return "weekday", None
    if g.get("wk") is not None:  # "Thursday next week"
        monday = _monday(ctx.anchor) + timedelta(weeks=_shift(g, ctx, "wk"))
        return "weekday", TimeValue.day(monday + timedelta(days=weekday))
    shift = _shift(g, ctx) if g.get("shift") is not None else None
    return "weekday", TimeValue.day(_weekday_date(ctx.anchor, weekday, shift, ctx.future))


def _r_time(g: _Groups, ctx: _Context) -> _Found | None:
    return "time", None


_RESOLVERS: dict[str, _Resolver] = {
    "range_md_md": _r_day_range,
    "range_dm_dm": _r_day_range,
    "range_md_d": _r_day_range,
    "range_d_dm": _r_day_range,
    "range_my_my": _r_month_range,
    "date_iso": _r_date_iso,
    "range_y_y": _r_year_range,
    "year_half": _r_year_half,
    "year_code": _r_year_code,
    "date_md": _r_date,
    "date_dm": _r_date,
    "month_year": _r_month,
    "part_month": _r_month,
    "part_year": _r_year,
    "decade": _r_decade,
    "season": _r_season,
    "month_rel": _r_month_rel,
    "month_bare": _r_month,
    "rel_day": _r_rel_day,
    "rel_unit": _r_rel_unit,
    "rel_window": _r_rel_window,
    "rel_ago": _r_rel_ago,
    "weekend": _r_weekend,
    "weekday": _r_weekday,
    "year": _r_year_alone,
    "time": _r_time,
}


def _open(found: _Found, since: bool) -> _Found:
    """The open interval "since X" (X's start onwards) or "until X" (up to X's end)."""
    value = found[1]
    if value is None:
        return "open", None
    if since:
        return "open", TimeValue(value.start, None) if value.start else None
    return "open", TimeValue(None, value.end) if value.end else None


# --------------------------------------------------------------------------- tagger

# How far before a core token a mention may start ("the very end of last year"), and how far
# before a mention "since ... in" may open ("since the start of the war in 2022").
_BACK = 48
_EVENT_BACK = 110
_CORE_SEPARATORS = " \n\t\xa0(\"“‘'/—–"
_OPEN_BEFORE = r"(?<!\w)(?:(?P<since>@SINCE@)|@UNTIL@)\s+(?:at\s+least\s+)?\Z"
_EVENT_BEFORE = r"(?<!\w)@SINCE@\s+(?:[^\s.;:!?,]+\s+){1,8}?(?:in|on)\s+\Z"
_EVENT_LAST = frozenset({"in", "on"})
_NOT_OPENED = frozenset({"open", "time"})
_EVENT_KINDS = frozenset({"date", "month", "year", "weekday"})


@dataclass(frozen=True, slots=True)
class _Compiled:
    """Everything `tag` runs: see `TimeTagger.tag` for how the pieces work together."""

    core_names: re.Pattern[str]
    core_words: re.Pattern[str]
    core_word: re.Pattern[str]
    rules_by_core: dict[str, tuple[str, ...]]
    bare: dict[str, str]
    # Alternations of the rules in `rules_by_core`, compiled on first use: there are over a
    # dozen, and most texts need only a few.
    pickers: dict[tuple[str, ...], re.Pattern[str]]
    rules: dict[str, re.Pattern[str]]
    phrase_words: frozenset[str]
    bridge_words: frozenset[str]
    open_before: re.Pattern[str]
    open_last: frozenset[str]
    event_before: re.Pattern[str]


class TimeTagger:
    """Finds and resolves time expressions; build once (`default()`), then `tag` per text.

    Speed: Python's regex engine pays for every rule tried at every word, so `tag` does not
    scan the text with the grammar. A first pass finds core tokens, the words no time
    expression lacks (years, clock times, month and weekday names, "yesterday", "week",
    "summer", ...). Around each core the grammar is tried only at the core and at the run of
    grammar words and day numbers directly before it ("the end of last" before "year"), and
    only with the rules that can contain that core, as one alternation without capturing
    groups that says which rule matches; that rule's own pattern then captures the parts.
    """

    __slots__ = ("_re", "_vocab")

    def __init__(self, data: Mapping[str, Any], where: str = f"{_PACKAGE}/{_FILE}") -> None:
        """Compile the grammar over the vocabulary `data` (a parsed `timex.yaml`)."""
        reader = _Reader(data, where)
        phrase_words, bridge_words = _chain_words(reader)
        core_names, core_words, core_keys = _core_patterns(reader)
        self._vocab, fragments, spellings = _read(reader)
        fragments |= _PIECES
        # Optional groups are rewritten before the vocabulary goes in: the templates are short.
        templates = {
            name: _fill(_no_optional_groups(_expand_pieces(_TEMPLATES[name])), fragments)
            for name in _RESOLVERS
        }
        self._re = _Compiled(
            core_names=re.compile(core_names),
            core_words=re.compile(f"[{re.escape(_CORE_SEPARATORS)}]{core_words}"),
            core_word=re.compile(core_words),
            rules_by_core=_rules_by_core(core_keys, spellings, templates),
            bare={name: _bare(template, name) for name, template in templates.items()},
            pickers={},
            rules={n: re.compile(rf"(?<!\w)(?:{t})") for n, t in templates.items()},
            phrase_words=phrase_words,
            bridge_words=bridge_words,
            open_before=re.compile(_fill(_OPEN_BEFORE, fragments)),
            open_last=frozenset(
                w.split()[-1].lower()
                for w in [*reader.words("open_since"), *reader.words("open_until"), "least"]
            ),
            event_before=re.compile(_fill(_EVENT_BEFORE, fragments)),
        )

    @classmethod
    def default(cls) -> TimeTagger:
        """The tagger over the shipped vocabulary, built on first use and shared."""
        return _default_tagger()

    @classmethod
    def from_file(cls, path: Path) -> TimeTagger:
        """A tagger over the vocabulary file at `path` (same format as the shipped one)."""
        return cls(load_yaml(_PACKAGE, _FILE, path), str(path))

    def tag(self, text: str, anchor: date | None) -> list[TimeMention]:
        """All time expressions in `text`, in order and non-overlapping, resolved against the
        publication date `anchor` (None: relative expressions get value None)."""
        if isinstance(anchor, datetime):
            anchor = anchor.date()
        ctx = _Context(self._vocab, anchor)
        found: list[TimeMention] = []
        done = 0  # end of the last mention; nothing before it is read again
        for at in self._cores(text):
            if at < done or (at and _is_word(text[at - 1])):
                continue  # inside the last mention, or inside a word ("G20", "Mayor")
            mention = self._at_core(text, at, done, ctx)
            if mention is not None:
                found.append(mention)
                done = mention.end
        return found

    def _cores(self, text: str) -> list[int]:
        """Positions of the core tokens, in order."""
        cores = [m.start() for m in self._re.core_names.finditer(text)]
        cores += [m.start() + 1 for m in self._re.core_words.finditer(text)]
        if self._re.core_word.match(text):  # a lower-case word opening the text
            cores.append(0)
        cores.sort()
        return cores

    def _at_core(self, text: str, core: int, done: int, ctx: _Context) -> TimeMention | None:
        """The first mention, in text order, that starts at or before `core` and contains it."""
        picker = self._picker(_core_key(text, core))
        for start in self._starts(text, core, done):
            m = picker.match(text, start)
            if m is None or m.end() <= core:
                continue
            mention = self._mention(text, m.lastgroup or "", start, done, ctx)
            if mention is not None:
                return mention
        return None

    def _picker(self, core: str) -> re.Pattern[str]:
        """The alternation, without capturing groups, of the rules that can contain `core`;
        the name of the group that matches is the rule's."""
        names = self._re.rules_by_core.get(core) or self._re.rules_by_core["*"]
        picker = self._re.pickers.get(names)
        if picker is None:
            choice = "|".join(f"(?P<{name}>{self._re.bare[name]})" for name in names)
            picker = self._re.pickers[names] = re.compile(rf"(?<!\w)(?:{choice})")
        return picker

    def _starts(self, text: str, core: int, done: int) -> list[int]:
        """Where a mention containing the core at `core` may start: the core itself and the
        grammar words and day numbers running up to it ("the end of last" before "year",
        "from 7 to 10" before "May"), earliest first. Bridge words ("of", "to") may sit
        inside a mention but never start one."""
        lo = max(done, core - _BACK)
        starts = [core]
        end = core
        for word in reversed(text[lo:core].split()):
            end = text.rfind(word, lo, end)
            bare = word.strip(",.-–—").lower()
            if not bare or bare in self._re.bridge_words:
                continue
            if bare not in self._re.phrase_words and not _DAYS.fullmatch(bare):
                break
            starts.append(end)
        starts.reverse()
        return starts

    def _mention(
        self, text: str, rule: str, start: int, done: int, ctx: _Context
    ) -> TimeMention | None:
        m = self._re.rules[rule].match(text, start)
        if m is None:  # cannot happen: same expression as in `_picker`
            return None
        g = _Groups(m)
        if g.get("lead") is not None:
            start = m.end("lead")
        if self._is_name(text, start):
            return None
        opener = self._opener(text, start, done)
        ctx.future = opener is not None and not opener[1]  # "until Friday" looks forward
        try:
            found = _RESOLVERS[rule](g, ctx)
        finally:
            ctx.future = False
        if found is None:
            return None
        if opener is None and found[0] in _EVENT_KINDS:
            opener = self._event_opener(text, start, done)
        if opener is not None and found[0] not in _NOT_OPENED:
            start, found = opener[0], _open(found, opener[1])
        return TimeMention(start, m.end(), text[start : m.end()], found[1], found[0])

    def _opener(self, text: str, start: int, done: int) -> tuple[int, bool] | None:
        """Where "since"/"until" (and the like) right before `start` begins, and whether it is
        "since"."""
        lo = max(done, start - _BACK)
        before = text[lo:start].rsplit(maxsplit=1)
        if not before or before[-1].lower() not in self._re.open_last:
            return None
        m = self._re.open_before.search(text, lo, start)
        return (m.start(), m["since"] is not None) if m else None

    def _event_opener(self, text: str, start: int, done: int) -> tuple[int, bool] | None:
        """Where "since" begins in "since the start of the war in <start>"."""
        lo = max(done, start - _EVENT_BACK)
        before = text[lo:start]
        words = before.rsplit(maxsplit=1)
        if not words or words[-1] not in _EVENT_LAST or "ince" not in before:
            return None
        m = self._re.event_before.search(text, lo, start)
        return (m.start(), True) if m else None

    def _is_name(self, text: str, start: int) -> bool:
        """True when the mention at `start` begins a name: "Theresa May", "Good Friday"."""
        first = _CAPITALISED.match(text, start)
        if first is None:
            return False
        word, vocab = first[0], self._vocab
        if word in vocab.guard_words:
            before = _word_before(text, start)
            return _TITLE_WORD.fullmatch(before) is not None and before not in vocab.guard_allowed
        if _norm(word) in vocab.weekdays:
            return _word_before(text, start) in vocab.weekday_name_prefixes
        return False


_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_CORE_KEY = re.compile(r"[A-Za-z]+")
_TITLE_WORD = re.compile(r"[A-Z][\w'’-]*")
# A day number or a span of them as written before a month: "9", "9th", "7-10", "7–9".
_DAYS = re.compile(r"\d{1,2}(?:st|nd|rd|th)?(?:[-–—]\d{1,2}(?:st|nd|rd|th)?)?")


def _core_key(text: str, core: int) -> str:
    """The key of the core token at `core` in `_rules_by_core`: "#" for a number, else the
    lower-cased letters ("Sept." -> "sept", "Q1" -> "q")."""
    m = _CORE_KEY.match(text, core)
    return m[0].lower() if m else "#"


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


@cache
def _default_tagger() -> TimeTagger:
    return TimeTagger(load_yaml(_PACKAGE, _FILE))
