"""English inflection for lexicon entries: lexicons list lemmas, matching needs every form.

Regular rules plus an irregular table from the lexicon file; good enough for the verbs and
nouns news uses to report events (we never need to inflect arbitrary words).
"""

from __future__ import annotations

import re

_VOWELS = "aeiou"
_SIBILANT = re.compile(r"(s|x|z|ch|sh)$")
# Final consonant doubling applies to stressed final syllables; we list the common exceptions
# (verbs ending in a stressed CVC are doubled: "plan" → "planned", "commit" → "committed").
_NO_DOUBLE = frozenset(
    "visit open offer enter differ deliver consider threaten listen happen gather order "
    "summon cancel travel label signal counsel level model rival total quarrel".split()
)


def third_person(verb: str) -> str:
    if _SIBILANT.search(verb) or verb.endswith("o"):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _doubles(verb: str) -> bool:
    return (
        len(verb) >= 3
        and verb not in _NO_DOUBLE
        and verb[-1] not in _VOWELS + "wxy"
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
        and sum(1 for ch in verb if ch in _VOWELS) == 1
    ) or verb in ("commit", "submit", "admit", "permit", "regret", "patrol", "control", "compel")


def past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    if _doubles(verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if _doubles(verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def verb_forms(verb: str, irregular: dict[str, list[str]]) -> set[str]:
    """Every form of `verb`: base, third person, past, participle, gerund (irregulars first)."""
    forms = {verb, third_person(verb), gerund(verb)}
    forms.update(irregular.get(verb) or [past(verb)])
    if verb.endswith("l") and verb in _NO_DOUBLE:  # British spelling doubles the l
        forms.update({verb + "led", verb + "ling"})
    return forms


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in _VOWELS:
        return noun[:-1] + "ies"
    return noun + "s"
