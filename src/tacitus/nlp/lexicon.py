"""Trigger lexicon: which words and phrases state which PLOVER event, and how to read them.

`nlp/data/triggers.yaml` holds a list of entries:

    - type: CONSULT            # one of PLOVER's 16 types
      mode: visit              # a PLOVER mode of that type, or null
      frame: visit             # how participants are assigned (FRAMES below)
      verbs: [visit, "pay * visit to", "travel to"]   # lemmas; the first word is inflected
      nouns: [visit, "state visit", trip]              # singular; the last word gets a plural
      exact_verbs: [supported]  # verb forms matched as written (no inflection added)
      plural: false            # optional: do not add plurals to nouns (e.g. "talks")

Phrases are space-separated words; `*` stands for up to five tokens without clause punctuation
("held * talks" matches "held in-depth talks"). Matching ignores case. A phrase may carry a
leading `~` to match only as written (case-sensitive). `irregular:` maps verb lemmas to
their past forms.

FRAMES
    agent      actor = subject (left of the trigger), recipient = object (right)
    visit      actor = visitor, recipient = the place visited (its state), location = it
    host       recipient = subject (the host), actor = object (the guest)
    symmetric  everyone named (subject, object, "between X and Y") is an actor; no recipient
    patient    recipient = object or after "on/against/targeting"; actor = subject or "by X"
    speaker    recipient = subject; actor = whoever the sentence says is speaking ("Russia said
               Sudan must return the helicopter"): without a named speaker there is no event
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.datafiles import load_yaml, require_list
from tacitus.errors import ConfigError
from tacitus.nlp.inflect import plural, verb_forms
from tacitus.ontology import Ontology

FRAMES = ("agent", "visit", "host", "symmetric", "patient", "speaker")
WILDCARD = "*"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One way of stating an event: a token pattern (tuples of alternatives) and its meaning."""

    type: str
    mode: str | None
    frame: str
    pos: str  # verb | noun
    phrase: str  # the lemma phrase as written in the lexicon
    tokens: tuple[frozenset[str] | None, ...]  # None = wildcard slot
    case_sensitive: bool = False


def expand(phrase: str, pos: str, irregular: dict[str, list[str]], add_plural: bool) -> Trigger:
    """A lexicon phrase to its token pattern with every inflected form of the head word."""
    case_sensitive = phrase.startswith("~")
    words = phrase.lstrip("~").split()
    tokens: list[frozenset[str] | None] = []
    for i, word in enumerate(words):
        if word == WILDCARD:
            tokens.append(None)
            continue
        w = word if case_sensitive else word.lower()
        if pos == "verb" and i == 0:
            tokens.append(frozenset(verb_forms(w, irregular)))
        elif pos == "noun" and i == len(words) - 1 and add_plural:
            tokens.append(frozenset({w, plural(w)}))
        else:
            tokens.append(frozenset({w}))
    return Trigger("", None, "agent", pos, phrase, tuple(tokens), case_sensitive)


def load_triggers(path: Path | None = None, ontology: Ontology | None = None) -> list[Trigger]:
    """Load, validate and expand `nlp/data/triggers.yaml`."""
    where = str(path or "nlp/data/triggers.yaml")
    data = load_yaml("tacitus.nlp.data", "triggers.yaml", path)
    onto = ontology or Ontology.default()
    irregular = _irregular(data, where)
    out: list[Trigger] = []
    for i, entry in enumerate(require_list(data, "triggers", where)):
        out.extend(_entry(entry, i, where, onto, irregular))
    return out


def _irregular(data: dict[str, Any], where: str) -> dict[str, list[str]]:
    table = data.get("irregular", {})
    if not isinstance(table, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in table.values()
    ):
        raise ConfigError(path=where, detail="'irregular' must map lemmas to lists of forms")
    return {str(k): list(v) for k, v in table.items()}


def _entry(
    entry: Any, i: int, where: str, onto: Ontology, irregular: dict[str, list[str]]
) -> list[Trigger]:
    if not isinstance(entry, dict):
        raise ConfigError(path=where, detail=f"entry {i}: expected a mapping")
    etype, mode, frame = entry.get("type"), entry.get("mode"), entry.get("frame", "agent")
    if etype not in onto.types:
        raise ConfigError(path=where, detail=f"entry {i}: unknown type {etype!r}")
    if mode is not None and mode not in onto.types[etype].modes:
        raise ConfigError(path=where, detail=f"entry {i}: {etype} has no mode {mode!r}")
    if frame not in FRAMES:
        raise ConfigError(path=where, detail=f"entry {i}: unknown frame {frame!r}")
    add_plural = bool(entry.get("plural", True))
    out = []
    for pos, key in (("verb", "verbs"), ("noun", "nouns"), ("verb", "exact_verbs")):
        phrases = entry.get(key) or []
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise ConfigError(path=where, detail=f"entry {i}: '{key}' must be a list of strings")
        for phrase in phrases:
            exact = key == "exact_verbs"
            base = expand(phrase, "exact" if exact else pos, irregular, add_plural)
            out.append(Trigger(etype, mode, frame, pos, phrase, base.tokens, base.case_sensitive))
    if not out:
        raise ConfigError(path=where, detail=f"entry {i}: needs verbs or nouns")
    return out
