"""Find trigger phrases in a spaCy Doc.

Triggers are indexed by their first word, so each token costs one dictionary lookup and only
the few phrases that start with it are checked further. (spaCy's Matcher with thousands of
`IN` patterns and wildcards evaluated every pattern state at every token: 30 times slower.)
A wildcard stands for up to five tokens that are not clause punctuation. Overlapping matches
are resolved longest-first, so "held talks" beats "held" and "state visit" beats "visit".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.vocab import Vocab

from tacitus.nlp.lexicon import Trigger

_WILDCARD_MAX = 5
_DEMONYM = ("an", "ese", "ish", "ian", "ean", "i")
# A wildcard may cross hyphens ("in-depth", "three-day") but not clause punctuation.
# Quotes may be crossed too: 'conducted a "crucial test"', 'affirmed their “unwavering support'.
_CLAUSE_PUNCT = frozenset({".", ",", ";", ":", "!", "?", "(", ")", "—", "–"})
_NOUN_CONTEXT = frozenset(
    "the a an this that these those its their his her our your my any no every each "
    "'s ’s first second new further recent latest planned upcoming possible potential".split()
)


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
        self._folded: dict[str, list[Trigger]] = defaultdict(list)
        self._exact: dict[str, list[Trigger]] = defaultdict(list)
        for trigger in triggers:
            first = trigger.tokens[0]
            if first is None:
                raise ValueError(f"trigger {trigger.phrase!r} starts with a wildcard")
            index = self._exact if trigger.case_sensitive else self._folded
            for word in first:
                index[word].append(trigger)

    def find(self, doc: Doc) -> list[TriggerMatch]:
        """Non-overlapping trigger matches in document order (longest match wins).

        When a verb and a noun entry match the same words ("meeting", "attacks"), the noun
        wins after a determiner or possessive ("the meeting", "their attacks"), the verb
        otherwise ("after meeting Putin", "Russia attacks").
        """
        lower = [t.lower_ for t in doc]
        orth = [t.text for t in doc]
        found: list[TriggerMatch] = []
        for i in range(len(doc)):
            candidates = self._folded.get(lower[i], []) + self._exact.get(orth[i], [])
            best: TriggerMatch | None = None
            for trigger in candidates:
                words = orth if trigger.case_sensitive else lower
                end = _match(words, i, trigger.tokens, 1)
                if end is not None and (best is None or _better(doc, i, end, trigger, best)):
                    best = TriggerMatch(i, end, trigger)
            if best is not None:
                found.append(best)
        return _longest_first(found)


def _match(
    words: list[str], i: int, tokens: tuple[frozenset[str] | None, ...], k: int
) -> int | None:
    """End of the longest match of tokens[k:] starting after position i, or None."""
    pos = i + 1
    if k == len(tokens):
        return pos
    alternatives = tokens[k]
    if alternatives is None:
        best = None
        for skip in range(_WILDCARD_MAX + 1):
            if skip and (pos + skip - 1 >= len(words) or words[pos + skip - 1] in _CLAUSE_PUNCT):
                break
            end = _match(words, pos + skip - 1, tokens, k + 1)
            if end is not None and (best is None or end > best):
                best = end
        return best
    if pos < len(words) and words[pos] in alternatives:
        return _match(words, pos, tokens, k + 1)
    return None


def _better(doc: Doc, start: int, end: int, trigger: Trigger, best: TriggerMatch) -> bool:
    if end != best.end:
        return end > best.end
    literal, best_literal = _literal(trigger), _literal(best.trigger)
    if literal != best_literal:
        return literal > best_literal  # "reach * ceasefire deal" beats "reach * deal"
    if trigger.pos == best.trigger.pos:
        return False
    return trigger.pos == ("noun" if _noun_context(doc, start, end) else "verb")


def _noun_context(doc: Doc, start: int, end: int) -> bool:
    """Is the word at `start` (a match ending at `end`) a noun rather than a verb?

    After a determiner, possessive, demonym adjective or preposition it is: "the meeting",
    "Palestinian riots", "relief from sanctions" (but "after meeting Putin"). A gerund after a
    noun is one unless an object follows ("a security meeting of ECOWAS", "a Council meeting
    on Iran"; "troops attacking the town" is a verb); so is a plural after a name ("U.N.
    sanctions experts", "EU sanctions on Iran"; "Russia attacks Kharkiv" is a verb)."""
    if start == 0:
        return False
    prev = doc[start - 1]
    if prev.lower_ in _NOUN_CONTEXT or (prev.text[:1].isupper() and prev.text.endswith(_DEMONYM)):
        return True
    word = doc[start].lower_
    if prev.lower_ in _PREPOSITIONS:
        return not word.endswith("ing")
    if word.endswith("ing"):
        return prev.is_alpha and prev.lower_ not in _BEFORE_VERB and not _object_follows(doc, end)
    return word.endswith("s") and prev.text[:1].isupper() and not _object_follows(doc, end)


_PREPOSITIONS = frozenset(
    "of in on for with against by from over about amid despite without under after before "
    "during".split()
)
# Words after which an "-ing" form is a verb: "were meeting", "and meeting", "while visiting".
_BEFORE_VERB = frozenset(
    "is are was were be been being am not also still and or while when then now again "
    "reportedly".split()
)
_OBJECT_OPENERS = frozenset(
    "the a an its their his her our this these those several two three some all".split()
)


def _object_follows(doc: Doc, i: int) -> bool:
    """Does token `i` start a verb's object (a determiner, a number or a name)?"""
    if i >= len(doc):
        return False
    token = doc[i]
    return (
        token.lower_ in _OBJECT_OPENERS
        or token.like_num
        or token.text[:1].isupper()
        or token.lower_ in ("him", "her", "them", "it", "us")
    )


def _literal(trigger: Trigger) -> int:
    return sum(1 for t in trigger.tokens if t is not None)


def _longest_first(found: list[TriggerMatch]) -> list[TriggerMatch]:
    kept: list[TriggerMatch] = []
    taken: set[int] = set()
    for m in sorted(found, key=lambda m: (-(m.end - m.start), -_literal(m.trigger), m.start)):
        if not taken.intersection(range(m.start, m.end)):
            kept.append(m)
            taken.update(range(m.start, m.end))
    return sorted(kept, key=lambda m: m.start)
