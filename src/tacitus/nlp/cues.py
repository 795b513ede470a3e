"""Factuality and attribution cue lexicons (`nlp/data/cues.yaml`), compiled for spaCy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tacitus.datafiles import load_yaml
from tacitus.errors import ConfigError

# Checked in this order: the first kind whose cue is in scope decides.
FACTUALITY_ORDER = ("negated", "hypothetical", "possible", "planned")


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # a factuality value, or reporting / according / unnamed_marker
    start: int
    end: int


def load_cues(path: Path | None = None) -> dict[str, Any]:
    """The cue lexicon as data (`nlp/data/cues.yaml`, or `path`)."""
    return load_yaml("tacitus.nlp.data", "cues.yaml", path)


class CueMatcher:
    """Finds every cue in a document with one PhraseMatcher (LOWER)."""

    def __init__(
        self, nlp: Language, path: Path | None = None, data: dict[str, Any] | None = None
    ) -> None:
        where = str(path or "nlp/data/cues.yaml")
        data = data or load_cues(path)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.windows: dict[str, int] = {}
        self.exempt: dict[str, frozenset[str]] = {}
        self.unnamed_sources: frozenset[str] = frozenset()
        try:
            for kind in FACTUALITY_ORDER:
                spec = data["factuality"][kind]
                self.windows[kind] = int(spec["window"])
                self.exempt[kind] = frozenset(spec.get("not_for", []))
                self._add(nlp, kind, spec["cues"])
            attribution = data["attribution"]
            self._add(nlp, "reporting", attribution["reporting"])
            self._add(nlp, "according", attribution["according"])
            self._add(nlp, "unnamed_marker", attribution["unnamed_markers"])
            self.unnamed_sources = frozenset(s.lower() for s in attribution["unnamed_sources"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(path=where, detail=f"missing or malformed {exc}") from exc

    def _add(self, nlp: Language, kind: str, phrases: list[str]) -> None:
        self.matcher.add(kind, [nlp.make_doc(str(p)) for p in phrases])

    def find(self, doc: Doc) -> list[Cue]:
        """Every cue, sorted by position. A capitalised word inside a sentence is a name, not
        a cue ("The United States imposed …" holds no reporting verb "states")."""
        found = []
        for key, start, end in self.matcher(doc):
            token = doc[start]
            if token.text[:1].isupper() and not token.is_sent_start and token.text != "I":
                continue
            found.append(Cue(doc.vocab.strings[key], start, end))
        return sorted(found, key=lambda c: (c.start, -c.end))
