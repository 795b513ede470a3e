"""Attribution: who the document says is the source of an event, when not the writer.

Three shapes: "according to X, …" (X anywhere in the sentence), "X said (that) …" with the
event after the reporting verb, and "…, X said." with the event before it. Markers such as
"reportedly" give `unnamed`, as do sources like "officials" or "sources" on their own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from tacitus.nlp.cues import Cue

_SOURCE_MAX = 10  # tokens: a source phrase longer than this is a clause, not a name
_SKIP = frozenset({"has", "have", "had", "also", "later", "earlier", "then", "previously"})
UNNAMED = "unnamed"


def attribution(
    doc: Doc, sent: Span, cues: list[Cue], trigger_start: int, unnamed_sources: frozenset[str]
) -> tuple[str | None, tuple[int, int] | None]:
    """The source text (or `unnamed`) for a trigger in `sent`, with the source's token span."""
    in_sent = [c for c in cues if sent.start <= c.start and c.end <= sent.end]
    for cue in in_sent:
        if cue.kind == "according":
            after = _phrase_after(doc, cue.end, sent.end)
            return _name(doc, after, unnamed_sources), after
    for cue in in_sent:
        if cue.kind == "unnamed_marker" and cue.start <= trigger_start + 12:
            return UNNAMED, None
    for cue in in_sent:
        if cue.kind != "reporting" or cue.start == trigger_start:
            continue
        if _separated(doc, cue.start, trigger_start):
            continue  # "China said …; Xi visited Moscow": another clause, another source
        span: tuple[int, int] | None
        if cue.end <= trigger_start:
            span = _phrase_before(doc, cue.start, sent.start)
        elif _is_final_report(doc, cue, sent):
            span = _phrase_before(doc, cue.start, sent.start, stop_at_comma=True)
        else:
            continue
        if span:
            return _name(doc, span, unnamed_sources), span
    return None, None


_SEPARATORS = frozenset({";", ":", "but", "while", "whereas", "although", "though"})


def _separated(doc: Doc, a: int, b: int) -> bool:
    """Does a clause boundary stand between tokens a and b (either order)?"""
    lo, hi = min(a, b), max(a, b)
    return any(doc[j].lower_ in _SEPARATORS for j in range(lo + 1, hi))


def _phrase_after(doc: Doc, start: int, end: int) -> tuple[int, int]:
    stop = start
    while stop < end and doc[stop].text not in (",", ".", ";", ":") and stop - start < _SOURCE_MAX:
        stop += 1
    return start, stop


def _phrase_before(
    doc: Doc, verb: int, sent_start: int, stop_at_comma: bool = False
) -> tuple[int, int] | None:
    end = verb
    while end > sent_start and doc[end - 1].lower_ in _SKIP:
        end -= 1
    start = end
    while start > sent_start and doc[start - 1].text not in (",", ";", ":", '"', "“", "”"):
        start -= 1
        if end - start > _SOURCE_MAX:
            return None
    if stop_at_comma and (start == sent_start):
        return None
    return (start, end) if end > start else None


def _is_final_report(doc: Doc, cue: Cue, sent: Span) -> bool:
    """ "…, the Kremlin said." / "…, officials said Thursday.": the report closes the sentence."""
    window = range(max(sent.start, cue.start - 8), cue.start)
    return cue.end >= sent.end - 6 and any(doc[j].text == "," for j in window)


def _name(doc: Doc, span: tuple[int, int], unnamed_sources: frozenset[str]) -> str:
    text = doc[span[0] : span[1]].text.strip()
    words = [w for w in text.lower().split() if w not in ("the", "a", "an", "some", "several")]
    bare = " ".join(words)
    if not text or bare in unnamed_sources or text.lower() in unnamed_sources:
        return UNNAMED
    if text[0].islower() and not any(w[:1].isupper() for w in text.split()):
        return UNNAMED
    return text
