"""Sentence boundaries for news text: full stops and line breaks (headlines, headings)."""

from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.tokens import Doc

_ENDS = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]"})


def set_sentences(doc: Doc) -> Doc:
    """Mark sentence starts: after . ! ? (and closing quotes) and after line breaks.

    spaCy's tokenizer keeps abbreviations such as "U.S." and "Mr." as single tokens, so a
    full stop token is a real boundary; a line break always is (headlines carry no stop).
    The starts are written in one array operation: setting `is_sent_start` token by token
    re-checks the whole document each time.
    """
    if not len(doc):
        return doc
    words = [t.text for t in doc]
    starts = np.full(len(words), -1, dtype=np.int64)
    start_next = True
    prev = ""
    for i, text in enumerate(words):
        closing = text in _CLOSERS and prev in _ENDS  # the quote after a full stop stays
        starts[i] = 1 if start_next and not closing else -1
        if text.isspace():
            start_next = start_next or "\n" in text
        else:
            start_next = text in _ENDS or (text in _CLOSERS and prev in _ENDS)
        prev = text
    doc.from_array([SENT_START], starts.astype(np.uint64).reshape(-1, 1))  # type: ignore[arg-type]
    return doc
