"""Factuality of an event mention: asserted, planned, possible, negated or hypothetical.

A cue counts only inside the mention's clause, before its trigger, and within the cue kind's
window (data file): "Xi may visit" is possible, but "may" in another clause is not. A
conditional ("if") anywhere before the trigger in the sentence makes it hypothetical. With no
cue, an event dated after the publication date is planned.
"""

from __future__ import annotations

import datetime as dt

from tacitus.nlp.cues import FACTUALITY_ORDER, Cue

_AFTER_NOUN = 8  # tokens after a noun trigger in which its verb's modal may stand


def factuality(
    *,
    cues: list[Cue],
    windows: dict[str, int],
    exempt: dict[str, frozenset[str]],
    etype: str,
    clause: tuple[int, int],
    sentence_start: int,
    trigger: tuple[int, int],
    noun: bool,
    event_start: str | None,
    published: dt.date | None,
) -> str:
    """The factuality value for a trigger spanning `trigger` in `clause`.

    A noun trigger that is its clause's subject takes the modal of its verb too: "the
    discussions between Xi and Putin are expected to cover …" is possible.
    """
    start, end = trigger
    for kind in FACTUALITY_ORDER:
        if etype in exempt.get(kind, ()):
            continue
        low = sentence_start if kind == "hypothetical" else clause[0]
        low = max(low, start - windows[kind])
        # a condition may also follow: "will impose sanctions on India if it buys Russian oil"
        high = start if kind != "hypothetical" else start + windows[kind]
        if any(c.kind == kind and low <= c.start and c.end <= high for c in cues):
            return kind
    # Cues before the trigger ("upcoming visit") win over the verb's modal after it.
    if noun:
        high = min(clause[1], end + _AFTER_NOUN)
        for kind in FACTUALITY_ORDER[1:]:
            if any(c.kind == kind and end <= c.start and c.end <= high for c in cues):
                return kind
    if event_start and published and event_start > published.isoformat():
        return "planned"
    return "asserted"
