"""Publication windows for undated documents, inferred from what they say about time.

A document that calls an event upcoming or possible was written before that event starts; one
that reports an event as done was written after it ended. Only full days count, so "since 2022"
or "in May" cannot produce a bound. The result is stored as `Document.published_bounds`
(never as `published`: the guidelines keep a stated date and an inferred window apart).
"""

from __future__ import annotations

import datetime as dt

from tacitus.records import Event, PublishedBounds

_BEFORE = ("planned", "possible")


def infer_bounds(events: list[Event]) -> PublishedBounds | None:
    """The window the events imply, or None when they imply nothing consistent."""
    before: tuple[dt.date, Event] | None = None
    after: tuple[dt.date, Event] | None = None
    for event in events:
        if event.date is None:
            continue
        start, end = _day(event.date.start), _day(event.date.end)
        if event.factuality in _BEFORE and start and (before is None or start < before[0]):
            before = (start, event)
        elif event.factuality == "asserted" and end and (after is None or end > after[0]):
            after = (end, event)
    if before is None and after is None:
        return None
    if before and after and after[0] > before[0]:
        return None  # contradictory signals: say nothing rather than something wrong
    return PublishedBounds(
        after=after[0] if after else None,
        before=before[0] if before else None,
        reason="; ".join(_why(b) for b in (after, before) if b),
    )


def _day(value: str | None) -> dt.date | None:
    if value is None or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _why(bound: tuple[dt.date, Event]) -> str:
    day, event = bound
    verb = "reports as done" if event.factuality == "asserted" else f"calls {event.factuality}"
    text = event.date.text if event.date and event.date.text else day.isoformat()
    return f"{verb} a {event.type} event dated {text!r}"
