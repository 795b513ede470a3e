"""Clause boundaries inside a sentence, so cues and arguments stay in their own clause.

No parser is used: boundaries are punctuation (; : dashes, parentheses) and a comma or
conjunction that opens a new clause (", which", ", while", " but ", ", although"), plus the
"that" or comma after a reporting verb.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_HARD = frozenset({";", ":", "—", "–", "(", ")", "--"})
_OPENERS = frozenset(
    {
        "which",
        "who",
        "whom",
        "whose",
        "while",
        "whereas",
        "but",
        "although",
        "though",
        "because",
        "since",
        "after",
        "before",
        "when",
        "where",
        "as",
        "yet",
        "despite",
        "unless",
        "if",
    }
)
_AFTER_COMMA_ONLY = frozenset({"and", "with", "saying", "adding", "noting", "amid"})


def clause_starts(doc: Doc, sent: Span) -> list[int]:
    """Token indices where clauses start within `sent` (the first is the sentence start)."""
    starts = [sent.start]
    # A clause opened by a subordinator ("While Modi may skip the parade,", ", who could
    # travel to India,") ends at its next comma: what follows is the main clause again.
    subordinate = sent[0].lower_ in _OPENERS
    for token in sent[1:]:
        prev = doc[token.i - 1]
        lower = token.lower_
        hard = prev.text in _HARD and not _numeric_dash(doc, token.i - 1)
        opener = lower in _OPENERS and (prev.text == "," or lower in ("but", "whereas", "while"))
        closes = subordinate and prev.text == ","
        if hard or opener or closes or (lower in _AFTER_COMMA_ONLY and prev.text == ","):
            starts.append(token.i)
            subordinate = opener
    return starts


def _numeric_dash(doc: Doc, i: int) -> bool:
    """A dash between numbers ("May 7–9") is a range, not a clause break."""
    return (
        doc[i].text in ("–", "-", "—")
        and 0 < i < len(doc) - 1
        and doc[i - 1].like_num
        and doc[i + 1].like_num
    )


def clause_bounds(starts: list[int], sent_end: int, i: int) -> tuple[int, int]:
    """The [start, end) of the clause containing token `i`."""
    start, end = starts[0], sent_end
    for s in starts:
        if s <= i:
            start = s
        else:
            end = s
            break
    return start, end
