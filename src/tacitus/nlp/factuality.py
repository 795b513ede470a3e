"""Factuality of an event mention: asserted, planned, possible, negated or hypothetical.

A cue counts only inside the mention's clause, before its trigger, and within the cue kind's
window (data file): "Xi may visit" is possible, but "may" in another clause is not. A
conditional ("if") anywhere before the trigger in the sentence makes it hypothetical. With no
cue, an event dated after the publication date is planned.
"""

from __future__ import annotations

import datetime as dt

from tacitus.nlp.cues import FACTUALITY_ORDER, Cue


def factuality(
    *,
    cues: list[Cue],
    windows: dict[str, int],
    clause: tuple[int, int],
    sentence_start: int,
    trigger_start: int,
    event_start: str | None,
    published: dt.date | None,
) -> str:
    """The factuality value for a trigger at `trigger_start` in `clause`."""
    for kind in FACTUALITY_ORDER:
        low = sentence_start if kind == "hypothetical" else clause[0]
        low = max(low, trigger_start - windows[kind])
        if any(c.kind == kind and low <= c.start and c.end <= trigger_start for c in cues):
            return kind
    if event_start and published and event_start > published.isoformat():
        return "planned"
    return "asserted"
