"""What the page templates draw, computed in Python: evidence segments, timelines, bar charts.

Everything here returns plain data; the templates escape every string they print.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from tacitus.records import Event
from tacitus.store.search import HIT_END, HIT_START
from tacitus.store.store import day_bounds

TIMELINE_WIDTH = 760
ROW_HEIGHT = 22
LABEL_WIDTH = 190
MAX_TIMELINE_ROWS = 40


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of document text and the ids of the events whose evidence covers it."""

    text: str
    events: tuple[str, ...] = ()


def segments(text: str, events: list[Event]) -> list[Segment]:
    """`text` cut at every evidence boundary, each piece with the events it is evidence for."""
    spans = [
        (max(0, ev.start), min(len(text), ev.end), e.id)
        for e in events
        for ev in e.evidence
        if ev.end > ev.start
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(dict.fromkeys(i for s, e, i in spans if s <= start and end <= e))
        out.append(Segment(text[start:end], covering))
    return out


def hits(value: str | None) -> Markup:
    """A search snippet, escaped, with the match markers turned into <mark>."""
    if not value:
        return Markup("")
    escaped = str(escape(value))
    return Markup(escaped.replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))


@dataclass(frozen=True, slots=True)
class Row:
    """One fused event on a story timeline: a bar over its date, dots where it was written."""

    label: str
    href: str
    y: int
    x1: float | None
    x2: float | None
    dots: tuple[float, ...]
    factuality: str
    contradicted: bool


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    rows: list[Row]
    ticks: list[tuple[float, str]]
    undated: int


def _day(value: str | None, end: bool) -> dt.date | None:
    if not value or value in ("..",):
        return None
    try:
        bound = day_bounds(value[:10], end=end)
        return dt.date.fromisoformat(bound) if bound else None
    except ValueError:
        return None


def _written_day(value: str | None) -> dt.date | None:
    """The day in a `written` label ("2025-05-13", "before 2025-05-07"), or None."""
    if not value:
        return None
    return _day(value.split()[-1], end=False)


def story_timeline(story: dict[str, Any], names: dict[str, str]) -> Timeline:
    """The fused events of `story` on one date axis (event dates as bars, writing as dots)."""
    rows_data = []
    for event in story["events"][:MAX_TIMELINE_ROWS]:
        dates = [m["date"] for m in event["mentions"] if m.get("date")]
        start = min((d for d in (_day(x["start"], False) for x in dates) if d), default=None)
        end = max((d for d in (_day(x["end"], True) for x in dates) if d), default=None)
        written = tuple(d for d in (_written_day(m.get("written")) for m in event["mentions"]) if d)
        rows_data.append((event, start, end or start, written))
    days = [d for _, s, e, w in rows_data for d in (s, e, *w) if d]
    if not days:
        return Timeline(TIMELINE_WIDTH, 0, [], [], len(rows_data))
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    scale = (TIMELINE_WIDTH - LABEL_WIDTH - 20) / span

    def x(day: dt.date) -> float:
        return round(LABEL_WIDTH + (day - first).days * scale, 1)

    rows = []
    for i, (event, start, end, written) in enumerate(rows_data):
        who = "·".join(names.get(c, c) for c in event["actor"][:2]) or "?"
        rows.append(
            Row(
                label=f"{event['type']} {who}",
                href=f"#fe-{event['id']}",
                y=20 + i * ROW_HEIGHT,
                x1=x(start) if start else None,
                x2=x(end) if end else None,
                dots=tuple(x(d) for d in written),
                factuality=event["factuality"],
                contradicted=bool(event["contradictions"]),
            )
        )
    ticks = _ticks(first, last, x)
    height = 30 + len(rows) * ROW_HEIGHT
    undated = sum(1 for _, s, _, w in rows_data if not s and not w)
    return Timeline(TIMELINE_WIDTH, height, rows, ticks, undated)


def _ticks(first: dt.date, last: dt.date, x: Any) -> list[tuple[float, str]]:
    count = 4 if last > first else 1
    step = (last - first) / count if count > 1 else dt.timedelta(0)
    days = [first + step * i for i in range(count + 1)] if count > 1 else [first]
    return [(x(d), d.isoformat()) for d in dict.fromkeys(days)]


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


def month_bars(by_month: list[tuple[str, int]], width: int = 760, height: int = 140) -> list[Bar]:
    """Bars for events per month, every month between the first and the last shown."""
    if not by_month:
        return []
    counts = dict(by_month)
    months = _month_range(by_month[0][0], by_month[-1][0])
    top = max(counts.values())
    slot = width / len(months)
    bars = []
    for i, month in enumerate(months):
        n = counts.get(month, 0)
        h = round((height - 20) * n / top, 1)
        bars.append(
            Bar(round(i * slot, 1), round(height - 20 - h, 1), max(slot - 2, 1), h, month, n)
        )
    return bars


def _month_range(first: str, last: str) -> list[str]:
    try:
        year, month = int(first[:4]), int(first[5:7])
        end = (int(last[:4]), int(last[5:7]))
    except ValueError:
        return [first] if first == last else [first, last]
    out: list[str] = []
    while (year, month) <= end and len(out) < 600:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@dataclass(frozen=True, slots=True)
class Pager:
    """Links to the previous and next pages of a list, keeping the other query parameters."""

    total: int
    first: int  # 1-based number of the first item shown (0 when none)
    last: int
    previous: str | None
    next: str | None


def pager(url: Any, total: int, limit: int, offset: int) -> Pager:
    """A pager for `url` (a starlette URL) showing items offset..offset+limit of `total`."""
    shown = max(0, min(limit, total - offset))
    previous = str(url.include_query_params(offset=max(0, offset - limit))) if offset > 0 else None
    following = (
        str(url.include_query_params(offset=offset + limit)) if offset + limit < total else None
    )
    return Pager(total, offset + 1 if shown else 0, offset + shown, previous, following)
