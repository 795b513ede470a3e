"""Analysis: cleaned text in, event records out. A pure function of text, date and data files."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from spacy.language import Language

from tacitus.kb.actors import KnowledgeBase
from tacitus.nlp.assemble import AssemblyRules, assemble
from tacitus.nlp.pipeline import build_pipeline, run
from tacitus.ontology import Ontology
from tacitus.records import Document, Event, Evidence

# Longer texts are analysed in pieces of at most this many characters, cut at paragraph or
# sentence ends (spaCy's own limit is 1,000,000, and coreference need not reach further);
# events keep offsets into the whole text.
MAX_CHUNK = 200_000


class Analyzer:
    """Holds the pipeline (built once: lexicons, knowledge base, matchers)."""

    def __init__(
        self,
        nlp: Language | None = None,
        ontology: Ontology | None = None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        self.nlp = nlp or build_pipeline(kb)
        self.ontology = ontology or Ontology.default()
        self.rules = AssemblyRules.load()

    def analyze(
        self, text: str, published: dt.date | None = None, name: str = "", doc_id: str = ""
    ) -> list[Event]:
        """Events stated in `text`, published on `published` (None when unknown)."""
        text = _tokenizable(text)
        events: list[Event] = []
        for offset, chunk in _chunks(text):
            doc = run(self.nlp, chunk, published)
            found = assemble(doc, name, doc_id or name, self.ontology, self.rules)
            events.extend(_shift(e, offset) if offset else e for e in found)
        return events

    def analyze_document(self, document: Document, name: str | None = None) -> list[Event]:
        return self.analyze(document.text, document.published, name or document.name, document.id)


_DEFAULT: list[Analyzer] = []


def analyze(text: str, published: dt.date | None = None, name: str = "") -> list[Event]:
    """Events stated in `text` with the shipped pipeline (built on first use, then reused)."""
    if not _DEFAULT:
        _DEFAULT.append(Analyzer())
    return _DEFAULT[0].analyze(text, published, name)


def _chunks(text: str) -> list[tuple[int, str]]:
    """Split long texts at paragraph breaks into pieces of at most MAX_CHUNK characters."""
    if len(text) <= MAX_CHUNK:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + MAX_CHUNK)
        if end < len(text):
            end = _cut(text, start + MAX_CHUNK // 2, end)
        out.append((start, text[start:end]))
        start = end
    return out


# A lone surrogate (JSON can produce one) is not text; long runs of one punctuation mark
# ("!!!!!…") make the tokenizer's affix search quadratic. Both are replaced one for one, so
# every offset still points into the original text.
_SURROGATE = re.compile("[\ud800-\udfff]")
_PUNCT_RUN = re.compile(r"([^\w\s])\1{20,}")


def _tokenizable(text: str) -> str:
    text = _SURROGATE.sub("\ufffd", text)
    return _PUNCT_RUN.sub(lambda m: m.group(0)[:20] + " " * (len(m.group(0)) - 20), text)


def _cut(text: str, low: int, high: int) -> int:
    """The best place to split text[low:high]: a paragraph, a sentence, a space, else high."""
    for mark in ("\n", ". ", " "):
        cut = text.rfind(mark, low, high)
        if cut > low:
            return cut + len(mark)
    return high


def _shift(event: Event, offset: int) -> Event:
    moved = tuple(Evidence(e.text, e.start + offset, e.end + offset) for e in event.evidence)
    return replace(event, evidence=moved)
