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


# Speech acts whose complement states what is asked, threatened, refused, promised or alleged,
# not an event that took place: "urged Russia to accept a ceasefire" is one REQUEST, "threatened
# to impose tariffs" one THREATEN, "accused the rebels of violating the truce" one ACCUSE.
_CONTENT_TYPES = frozenset({"REQUEST", "THREATEN", "REJECT", "AGREE", "ACCUSE"})
# How each type introduces its content: an infinitive, a "that" clause, or "of" + gerund.
_CONTENT_MARKERS = {
    "REQUEST": frozenset({"to", "that"}),
    "THREATEN": frozenset({"to", "that", "with"}),
    "REJECT": frozenset({"to"}),
    "AGREE": frozenset({"to"}),
    "ACCUSE": frozenset({"of"}),
}
_CONTENT_REACH = 8  # tokens after the trigger in which its content may open (after an object)
_NOT_VERB_AFTER_TO = frozenset(
    "the a an its their his her our this that these those all both each every some any other "
    "such".split()
)


# Nouns whose infinitive states what is asked, offered or aimed at: "meet demands to release
# prisoners", "a proposal to hold talks", "in an effort to make Iran give up enrichment"
# (and "in order to"; "an order to impose tariffs" is the imposition itself).
# ("plan" is left out: a planned event is an event, `planned`.)
_CONTENT_NOUNS = frozenset(
    "demand demands call calls request requests offer offers proposal proposals appeal "
    "appeals ultimatum effort efforts bid aim goal".split()
)


def content_start(doc: Doc, etype: str, start: int, end: int, clause_end: int) -> int | None:
    """Where the complement of a speech-act trigger [start, end) opens, or None.

    "to" counts when an infinitive follows ("to allow", not "to the talks" or "to Kyiv"), "of"
    when a gerund does ("of violating"), "that" and a threat's "with" always; a trigger ending
    in its marker ("promised to", "accused * of") opens the complement right after itself.
    """
    markers = _CONTENT_MARKERS.get(etype)
    if markers is None:
        return None
    if doc[end - 1].lower_ in markers and _opens(doc, end - 1, clause_end):
        return end
    for i in range(end, min(clause_end, end + _CONTENT_REACH)):
        token = doc[i]
        if token.text in (",", ";", ":") or token.is_sent_start:
            return None
        if token.lower_ in markers and _opens(doc, i, clause_end):
            return i + 1
    return None


def _opens(doc: Doc, i: int, clause_end: int) -> bool:
    """Does the marker at `i` introduce a clause or a verb phrase?"""
    word = doc[i].lower_
    if word in ("that", "with"):
        return True
    if i + 1 >= clause_end:
        return False
    nxt = doc[i + 1]
    if word == "of":
        return nxt.lower_.endswith("ing") and nxt.is_lower
    # an infinitive: a lower-case word that is not a determiner ("to allow", "to be deployed")
    return nxt.is_alpha and nxt.is_lower and nxt.lower_ not in _NOT_VERB_AFTER_TO


def proposal_scopes(doc: Doc, starts: list[int], sent: Span) -> list[tuple[int, int]]:
    """Spans of `sent` that state what a demand, call, offer or proposal asks for: from the
    infinitive after the noun to the end of its clause ("welcomed a Qatari proposal to hold
    talks": the talks are proposed, not held)."""
    scopes = []
    for token in sent[:-1]:
        i = token.i
        purpose = token.lower_ == "order" and i > 0 and doc[i - 1].lower_ == "in"
        if (token.lower_ in _CONTENT_NOUNS or purpose) and doc[i + 1].lower_ == "to":
            end = clause_bounds(starts, sent.end, i)[1]
            if _opens(doc, i + 1, end):
                scopes.append((i + 2, end))
    return scopes
