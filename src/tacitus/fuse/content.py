"""What a document is about, as distinctive words: the text signal for grouping stories.

Two reports of one happening are written in different words but name the same people, places
and things (a singer, a clinic, "rehab"); two reports of different happenings of one kind share
the kind's vocabulary ("check", "treatment") but not the names. So each document gets a profile:
its most distinctive words (TF-IDF over the corpus being fused, names weighted up, and the years
it names: two earthquakes in one region five years apart share the place but not the year), read
from its title and lead (where news puts who, what, where), as a unit vector. Documents are
compared only when they share distinctive words (`blocking`), by the cosine of profiles.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tacitus.datafiles import load_yaml, require_list
from tacitus.errors import ConfigError
from tacitus.fuse.blocking import block_pairs
from tacitus.records import Document, Event

_PACKAGE = "tacitus.fuse.data"
# a word, with what opens its sentence when it is the first word (its capital says nothing)
_WORD = re.compile(r"([.!?\n\"“”:;][\s'‘(]*)?([^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*)")
# a year the text names ("in 2008", "the 2013 quake"): when it happened, told by the text itself
_YEAR = re.compile(r"(?<![\d.,/:-])(?:19[5-9]\d|20\d\d)(?![\d.,/:-]\d)")

Profile = dict[str, float]


@dataclass(frozen=True, slots=True)
class Settings:
    """Story grouping settings (`fuse/data/stories.yaml`)."""

    lead_chars: int
    top_terms: int
    index_terms: int
    min_corpus: int
    name_weight: float
    link_similarity: float
    group_similarity: float
    event_text_similarity: float
    min_shared_terms: int
    neighbours: int
    block_cap: int
    common_share: float
    copy_similarity: float
    stopwords: frozenset[str]


def load_settings(path: Path | None = None) -> Settings:
    """Read `stories.yaml` (or `path`); a missing or mistyped value raises E301."""
    data = load_yaml(_PACKAGE, "stories.yaml", path)
    where = str(path or "stories.yaml")
    text = data.get("text")
    if not isinstance(text, dict):
        raise ConfigError(path=where, detail="'text' must be a mapping")
    return Settings(
        lead_chars=int(text["lead_chars"]),
        top_terms=int(text["top_terms"]),
        index_terms=int(text["index_terms"]),
        min_corpus=int(text["min_corpus"]),
        name_weight=float(text["name_weight"]),
        link_similarity=float(text["link_similarity"]),
        group_similarity=float(text["group_similarity"]),
        event_text_similarity=float(text["event_text_similarity"]),
        min_shared_terms=int(text["min_shared_terms"]),
        neighbours=int(text["neighbours"]),
        block_cap=int(text["block_cap"]),
        common_share=float(text["common_share"]),
        copy_similarity=float(data["copy_similarity"]),
        stopwords=frozenset(str(w).casefold() for w in require_list(data, "stopwords", where)),
    )


@cache
def default_settings() -> Settings:
    return load_settings()


# ---------------------------------------------------------------- profiles


def lead(doc: Document, events: Sequence[Event], chars: int) -> str:
    """The text a profile is read from: title and lead, or, when the text was not loaded, the
    title and the evidence sentences of the document's events."""
    body = doc.text[:chars] if doc.text else " ".join(ev.text for e in events for ev in e.evidence)
    return f"{doc.title}\n{body}" if doc.title else body


def term_counts(text: str, stopwords: frozenset[str], name_weight: float) -> dict[str, float]:
    """Weighted counts of content words: a capitalised word inside a sentence (a name) counts
    `name_weight`; function words and common news words are dropped."""
    counts: dict[str, float] = {}
    for opening, word in _WORD.findall("\n" + text):
        term = word.casefold()
        if len(term) < 3 or term in stopwords:
            continue
        weight = name_weight if word[0].isupper() and not opening else 1.0
        counts[term] = counts.get(term, 0.0) + weight
    for year in _YEAR.findall(text):
        counts[year] = counts.get(year, 0.0) + name_weight
    return counts


def profiles(counts: Sequence[dict[str, float]], settings: Settings) -> list[Profile]:
    """Unit TF-IDF vectors of each document's `top_terms` most distinctive words.

    A corpus smaller than `min_corpus` is read as a sample of one that size, so that in three
    articles on one visit the visit's names still count as distinctive.
    """
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    total = max(len(counts), settings.min_corpus)
    out = []
    for c in counts:
        weights = {t: (1 + math.log(n)) * math.log(total / df[t]) for t, n in c.items()}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: settings.top_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        out.append({t: w / norm for t, w in top if w > 0})
    return out


def cosine(a: Profile, b: Profile) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


# ---------------------------------------------------------------- similar pairs


def similar_pairs(
    found: Sequence[Profile],
    anchors: Sequence[dt.date | None],
    ranks: Sequence[int],
    window: int,
    settings: Settings,
) -> list[tuple[float, int, int]]:
    """(similarity, i, j) for documents whose profiles are alike, each document keeping only its
    `neighbours` best matches (a hub that resembles everything links to none of it)."""
    postings: dict[str, list[int]] = {}
    for i, profile in enumerate(found):
        for term, _ in sorted(profile.items(), key=lambda kv: (-kv[1], kv[0]))[
            : settings.index_terms
        ]:
            postings.setdefault(term, []).append(i)
    # a word in a large share of the corpus finds no story; its pairs would only cost time
    common = max(2 * settings.block_cap, int(settings.common_share * len(found)))
    shared: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        if 1 < len(members) <= common:
            shared.update(
                block_pairs(members, anchors, ranks, window=window, cap=settings.block_cap)
            )
    best: dict[int, list[tuple[float, int]]] = {}
    for (i, j), n in shared.items():
        if n < settings.min_shared_terms:
            continue
        sim = cosine(found[i], found[j])
        if sim >= settings.link_similarity:
            best.setdefault(i, []).append((sim, j))
            best.setdefault(j, []).append((sim, i))
    kept = {
        i: {j for _, j in sorted(cands, key=lambda c: (-c[0], c[1]))[: settings.neighbours]}
        for i, cands in best.items()
    }
    return sorted(
        (sim, i, j)
        for i, cands in best.items()
        for sim, j in cands
        if i < j and j in kept[i] and i in kept[j]
    )
