"""Metadata from the text itself: title, publication date, dateline, wire credit, author.

Only lines that *are* metadata count: a date line near the top ("13 May 2025, …",
"Posted on: April 28, 2025 at 7:29 am") or a wire dateline ("MOSCOW, May 6. /TASS/."). Dates
inside prose ("the visit from May 7 to 10, 2025") are events, not publication dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tacitus.kb.outlets import OutletIndex

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE_FORMS = (
    rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})",
    rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})",
    r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?:[T ][\d:.+Z-]+)?",
)
_DATE_RES = tuple(re.compile(form, re.IGNORECASE) for form in _DATE_FORMS)
_DATE_PREFIX = re.compile(
    r"^(?:(?:first\s+)?(?:posted|published|updated|last\s+updated|modified|date)"
    r"(?:\s+(?:on|at))?\s*[:|-]?\s*)",
    re.IGNORECASE,
)
# After the date a date line may carry a time, a site name, a section or a counter, briefly.
_MAX_DATE_LINE_WORDS = 14
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.' ]{1,30})?)\s*"
    r"(?:,\s*(?P<date>(?i:" + _MONTH.replace("?P<month>", "?:") + r")\s+\d{1,2}(?:,\s*\d{4})?)\.?)?"
    r"\s*(?:[/(]\s*(?P<agency>[A-Za-z][A-Za-z\- ]{1,30}?)\s*[/)])\.?\s*(?:[-–—]+\s*)?"
)
_CREDIT = re.compile(
    r"^\s*(?:[-–—]+\s*|\(?\s*(?:with inputs from|source:?|via|courtesy(?: of)?)\s+)"
    r"(?P<agency>[A-Za-z][\w .'\-]{1,40}?)\s*\)?\.?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?i:by|written by|author:?)\s+(?P<name>[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}"
    r"(?:\s+and\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})?)\s*(?:[,|].*)?$"
)
_NAME_LINE = re.compile(r"^[A-Z][a-z.'\-]+(?:\s+[A-Z][a-z.'\-]+){1,3}$")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class DateLine:
    date: dt.date
    rest: str


def find_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """The first complete calendar date (day, month, year) in `text`, with its match."""
    for regex in _DATE_RES:
        match = regex.search(text)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
        try:
            return dt.date(int(groups["year"]), month, int(groups["day"])), match
        except ValueError:
            continue
    return None


def parse_date_line(line: str) -> DateLine | None:
    """A line that states a date and little else, such as "13 May 2025, NIICE Commentary"."""
    stripped = line.strip()
    if not stripped or len(stripped.split()) > _MAX_DATE_LINE_WORDS:
        return None
    body = _DATE_PREFIX.sub("", stripped, count=1)
    found = find_date(body)
    if not found:
        return None
    date, match = found
    # The date must open the line (after an optional "Posted on:" prefix), not sit in a sentence.
    if match.start() > 0:
        return None
    rest = body[match.end() :].strip(" ,|-–—·•")
    if rest.endswith(".") and len(rest.split()) > 3:
        return None
    return DateLine(date, rest)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    month_day: str | None
    agency: str


def parse_dateline(line: str, outlets: OutletIndex) -> Dateline | None:
    """A wire dateline opening a paragraph: "MOSCOW, May 6. /TASS/." or "BEIJING (Reuters) -"."""
    match = _DATELINE.match(line)
    if not match:
        return None
    agency = outlets.get(match.group("agency"))
    if agency is None or agency.kind != "agency":
        return None
    return Dateline(match.group("place").strip(), match.group("date"), agency.name)


def dateline_date(month_day: str, text: str) -> dt.date | None:
    """Complete a year-less dateline ("May 6") with the latest year the article mentions."""
    years = [int(y) for y in _YEAR.findall(text)]
    found = find_date(f"{month_day}, {max(years)}") if years else None
    return found[0] if found else None


def parse_credit(line: str, outlets: OutletIndex) -> str | None:
    """A credit line naming a wire agency ("— Xinhua", "(With inputs from PTI)")."""
    match = _CREDIT.match(line)
    if not match:
        return None
    outlet = outlets.get(match.group("agency"))
    return outlet.name if outlet and outlet.kind == "agency" else None


def parse_byline(line: str) -> str | None:
    """The author's name from "By Jane Doe" lines."""
    match = _BYLINE.match(line.strip())
    return match.group("name") if match else None


def looks_like_name(line: str) -> bool:
    """A bare line of two to four capitalised words, as author lines under a date often are."""
    return bool(_NAME_LINE.match(line.strip()))


_SITE_NAME = re.compile(r"^(?:The\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4}$")


def looks_like_site_name(line: str) -> bool:
    """One to five capitalised words, as a site name repeated in page chrome is."""
    return bool(_SITE_NAME.match(line.strip()))


def looks_like_title(line: str) -> bool:
    """A headline: short, no sentence-final full stop, starts with a capital or digit."""
    s = line.strip()
    words = s.split()
    return (
        0 < len(words) <= 25
        and (s[0].isupper() or s[0].isdigit() or s[0] in "\"'‘“")
        and not s.endswith((".", ",", ";", ":"))
    )


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_structured_date(value: str) -> dt.date | None:
    """A publication date given as metadata: ISO 8601 first, else a written-out date."""
    value = value.strip()
    iso = _ISO_DATE.match(value)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    found = find_date(value)
    return found[0] if found else None
