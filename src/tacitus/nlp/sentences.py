"""Sentence boundaries for news text: full stops and line breaks (headlines, headings)."""

from __future__ import annotations

from spacy.tokens import Doc

_ENDS = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]"})


def set_sentences(doc: Doc) -> Doc:
    """Mark sentence starts: after . ! ? (and closing quotes) and after line breaks.

    spaCy's tokenizer keeps abbreviations such as "U.S." and "Mr." as single tokens, so a
    full stop token is a real boundary; a line break always is (headlines carry no stop).
    """
    start_next = True
    for token in doc:
        text = token.text
        if token.is_space:
            token.is_sent_start = start_next
            if "\n" in text:
                start_next = True
            continue
        token.is_sent_start = start_next
        start_next = text in _ENDS or (text in _CLOSERS and _after_end(doc, token.i))
        if "\n" in token.whitespace_:
            start_next = True
    return doc


def _after_end(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].text in _ENDS
