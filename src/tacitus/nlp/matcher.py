"""Find trigger phrases in a spaCy Doc with spaCy's Matcher.

Every lexicon phrase becomes one Matcher pattern on the LOWER attribute (ORTH for
case-sensitive phrases); a wildcard becomes up to five tokens that are not clause punctuation.
Overlapping matches are resolved longest-first, so "held talks" beats "held" and "state visit"
beats "visit".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from tacitus.nlp.lexicon import Trigger


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a document: token span [start, end) and the lexicon entry."""

    start: int
    end: int
    trigger: Trigger


class TriggerMatcher:
    """Compiles the lexicon once; `find` runs on each document."""

    def __init__(self, vocab: Vocab, triggers: list[Trigger]) -> None:
        self.triggers = triggers
        self.matcher = Matcher(vocab)
        for i, trigger in enumerate(triggers):
            self.matcher.add(str(i), [_pattern(trigger)])
        self._keys = {vocab.strings[str(i)]: trigger for i, trigger in enumerate(triggers)}

    def find(self, doc: Doc) -> list[TriggerMatch]:
        """Non-overlapping trigger matches in document order (longest match wins).

        When a verb and a noun entry match the same words ("meeting", "attacks"), the noun
        wins after a determiner or possessive ("the meeting", "their attacks"), the verb
        otherwise ("after meeting Putin", "Russia attacks").
        """
        by_span: dict[tuple[int, int], list[int]] = {}
        for key, start, end in self.matcher(doc):
            by_span.setdefault((start, end), []).append(key)
        spans = []
        for (start, end), keys in by_span.items():
            span = doc[start:end]
            span.label = self._choose(doc, start, keys)
            spans.append(span)
        kept = filter_spans(spans)
        return [TriggerMatch(s.start, s.end, self._keys[s.label]) for s in kept]

    def _choose(self, doc: Doc, start: int, keys: list[int]) -> int:
        if len(keys) == 1:
            return keys[0]
        want = "noun" if start > 0 and doc[start - 1].lower_ in _NOUN_CONTEXT else "verb"
        for key in sorted(keys):
            if self._keys[key].pos == want:
                return key
        return min(keys)


_NOUN_CONTEXT = frozenset(
    "the a an this that these those its their his her our your my any no every each "
    "'s ’s first second new further recent latest planned upcoming possible potential".split()
)
# A wildcard may cross hyphens ("in-depth", "three-day") but not clause punctuation.
_CLAUSE_PUNCT = (".", ",", ";", ":", "!", "?", "(", ")", '"', "“", "”", "—", "–")


def _pattern(trigger: Trigger) -> list[dict[str, object]]:
    attr = "ORTH" if trigger.case_sensitive else "LOWER"
    pattern: list[dict[str, object]] = []
    for alternatives in trigger.tokens:
        if alternatives is None:
            pattern.append({"ORTH": {"NOT_IN": list(_CLAUSE_PUNCT)}, "OP": "{0,5}"})
        elif len(alternatives) == 1:
            pattern.append({attr: next(iter(alternatives))})
        else:
            pattern.append({attr: {"IN": sorted(alternatives)}})
    return pattern
