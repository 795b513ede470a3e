"""Words for the briefing: dates, ranges, counts, actor names and scores as a reader wants them.

In: ISO 8601 strings as the fusion stage writes them ("2025-05-09", "2025-05",
"2025-05-07/2025-05-10", "2022/..") and actor codes. Out: "9 May 2025", "7–10 May 2025",
"since 2022", "China and Russia". Text that cannot be read is returned unchanged, never dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from tacitus.kb.actors import load_knowledge_base

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}:\d{2}))?)?)?")
_CODE = re.compile(r"\b[A-Z][A-Z0-9_-]{1,15}\b")
# An organisation's full name longer than this reads worse than its code in running text.
SHORT_NAME_MAX = 24
# Kinds whose codes the briefing names (institutions and people share their state's code).
_NAMED_KINDS = ("state", "igo", "bloc", "group")


# ---------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class Point:
    """An ISO date split into parts; missing parts are None."""

    year: int
    month: int | None
    day: int | None
    time: str | None


def parse_iso(text: str | None) -> Point | None:
    """The parts of "2025", "2025-05", "2025-05-09" or "2025-05-09T15:30"; None otherwise."""
    match = _ISO.fullmatch(text or "")
    if match is None:
        return None
    year, month, day, time = match.groups()
    if month and not 1 <= int(month) <= 12:
        return None
    return Point(int(year), int(month) if month else None, int(day) if day else None, time)


def first_day(text: str | None) -> dt.date | None:
    """The first day an ISO year, month or day covers; None when unreadable."""
    point = parse_iso(text)
    if point is None:
        return None
    return _day(point.year, point.month or 1, point.day or 1)


def last_day(text: str | None) -> dt.date | None:
    """The last day an ISO year, month or day covers ("2025-05" → 31 May 2025)."""
    point = parse_iso(text)
    if point is None:
        return None
    month = point.month or 12
    return _day(point.year, month, point.day or calendar.monthrange(point.year, month)[1])


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # "2025-02-30" passes the pattern but is no day
        return None


def date_label(text: str | None) -> str:
    """ "9 May 2025", "May 2025", "2025", "9 May 2025, 15:30"; unreadable text as given."""
    point = parse_iso(text)
    if point is None:
        return text or "undated"
    if point.month is None:
        return str(point.year)
    month = MONTHS[point.month - 1]
    if point.day is None:
        return f"{month} {point.year}"
    label = f"{point.day} {month} {point.year}"
    return f"{label}, {point.time}" if point.time else label


def range_label(start: str | None, end: str | None) -> str:
    """ "7–10 May 2025", "28 April – 3 May 2025", "since 2022", "until 2030", "undated"."""
    if not start and not end:
        return "undated"
    if not end:
        return f"since {date_label(start)}"
    if not start:
        return f"until {date_label(end)}"
    if start == end:
        return date_label(start)
    a, b = parse_iso(start), parse_iso(end)
    if a is None or b is None or a.time or b.time or (a.day is None) != (b.day is None):
        return f"{date_label(start)} – {date_label(end)}"
    return _same_grain_range(a, b)


def _same_grain_range(a: Point, b: Point) -> str:
    # both ends are days, or both months, or both years: share what they have in common
    if a.month is None or b.month is None:
        return f"{a.year}–{b.year}"
    if a.day is None or b.day is None:
        if a.year == b.year:
            return f"{MONTHS[a.month - 1]}–{MONTHS[b.month - 1]} {a.year}"
        return f"{MONTHS[a.month - 1]} {a.year} – {MONTHS[b.month - 1]} {b.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {MONTHS[a.month - 1]} – {b.day} {MONTHS[b.month - 1]} {a.year}"
    return f"{date_label(_iso(a))} – {date_label(_iso(b))}"


def _iso(p: Point) -> str:
    return f"{p.year:04d}-{p.month or 1:02d}-{p.day or 1:02d}"


def split_interval(value: str) -> tuple[str | None, str | None]:
    """ "2025-05-07/2025-05-10" → both ends; "2022/.." → ("2022", None); "2025-05" → twice."""
    if "/" not in value:
        return value, value
    start, end = value.split("/", 1)
    return (None if start in ("", "..") else start), (None if end in ("", "..") else end)


def interval_label(value: str) -> str:
    """The words for one ISO value or interval as the fusion stage writes it."""
    return range_label(*split_interval(value))


# ---------------------------------------------------------------- counts and scores


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 outlet", "3 outlets", "2 independent sources"."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def score_label(score: float | None) -> str:
    """ "+4.0", "−9.5", "0.0", or "n/a" when the event type has no score."""
    if score is None:
        return "n/a"
    return f"+{score:.1f}" if score > 0 else f"−{-score:.1f}" if score < 0 else "0.0"


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


# ---------------------------------------------------------------- actor names


class ActorNames:
    """Human names for actor codes (CHN → China), from the knowledge base; unknown codes as is."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)

    def name(self, code: str) -> str:
        """The full name ("United Nations Security Council"), or the code when unknown."""
        return self.names.get(code, code)

    def short(self, code: str) -> str:
        """The name for running text: a long organisation name gives way to its code."""
        name = self.names.get(code, code)
        return name if len(name) <= SHORT_NAME_MAX else code

    def join(self, codes: Iterable[str]) -> str:
        """ "China", "China and Russia", "China, Russia and the United States"."""
        names = [self.short(c) for c in dict.fromkeys(codes)]
        if len(names) <= 2:
            return " and ".join(names)
        return f"{', '.join(names[:-1])} and {names[-1]}"

    def participants(self, actor: Iterable[str], recipient: Iterable[str]) -> str:
        """ "China → Russia" when roles are known, "China and Russia" for joint actors."""
        actors, recipients = list(actor), list(recipient)
        if actors and recipients:
            return f"{self.join(actors)} → {self.join(recipients)}"
        return self.join(actors or recipients) or "unknown actors"

    def in_text(self, text: str) -> str:
        """`text` with every known code replaced by its short name ("CHN → RUS" → "China →
        Russia")."""
        return _CODE.sub(
            lambda m: self.short(m.group()) if m.group() in self.names else m.group(), text
        )


@cache
def actor_names() -> ActorNames:
    """The shipped knowledge base's names, loaded on first use and then shared (read-only);
    states first, so a state's name wins over anything sharing its code."""
    return ActorNames(load_knowledge_base().display_names(_NAMED_KINDS))
