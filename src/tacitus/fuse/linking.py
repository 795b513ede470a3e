"""Which documents are one story: links, strongest first, that may not stretch a story in time.

A story is the coverage of one real-world happening (a state visit, a strike and its aftermath,
a trial), not a theme ("US diplomacy") or an actor. Documents are linked, strongest evidence first:
1. copies: near-duplicate links from ingest, or fingerprints this alike (`copy_similarity`);
2. a shared fused event, through the documents whose own mention of it is specific: dated to the
   day, or to the month with two participants. "The US consulted allies" or "China and Russia
   have held talks", undated, in two articles is background both repeat, not evidence that
   they report one happening;
3. one fused event, even undated, reported by two documents whose words are somewhat alike
   (`event_text_similarity`, below what words alone need): two weak signals that agree;
4. similar texts: profiles of distinctive words (`content`) alike, each document keeping only its
   best matches both ways (a text that resembles everything links to none of it), and joining
   two groups only when their words as a whole are alike (`group_similarity`: one resembling
   pair does not chain two stories together).
The links that joined a story are kept (`Story.links`): the reader sees why documents are in it.

The time window: two dated documents are linked only when written within WINDOW_DAYS of each
other, and a link never joins two groups whose known dates are further apart than the window, so
an undated document (most of ECB+, scraped pages without a date line) can join the story it
matches but cannot bridge a story of January and one of June. A long story still grows link by
link as its coverage continues.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tacitus.fuse.blocking import block_pairs
from tacitus.fuse.content import (
    Profile,
    Settings,
    cosine,
    lead,
    profiles,
    similar_pairs,
    term_counts,
)
from tacitus.fuse.fusion import WINDOW_DAYS, stable_rank
from tacitus.fuse.values import DAY, MONTH, date_span
from tacitus.ingest.fingerprint import band_keys, similarity
from tacitus.records import DateValue, Document, Event

# Link strengths: a copy beats a shared event beats similar words (a score of at most 1.0 each).
RANK = {"copy": 3.0, "event": 2.0, "event+text": 1.0, "text": 0.0}
# Links that rest on words, so that the groups they join must be alike as a whole.
TEXTUAL = frozenset({"text", "event+text"})
# Pairs compared per fused event for "event+text" links, at most (its first documents by id).
EVENT_TEXT_DOCS = 60


@dataclass(frozen=True, slots=True)
class Link:
    """Evidence that documents `a` and `b` (indices) are one story."""

    score: float  # copy: estimated likeness (1.0 for a link from ingest); text: cosine; event 1.0
    a: int
    b: int
    reason: str  # "copy", "event", "event+text", "text"
    detail: tuple[str, ...] = ()  # the fused event id and/or the words both texts share

    @property
    def strength(self) -> float:
        return RANK[self.reason] + self.score


@dataclass(frozen=True, slots=True)
class SharedEvent:
    """A fused event as story linking sees it: its id, its documents, and those of them whose
    own mention is specific (`specific_docs`)."""

    id: str
    doc_ids: tuple[str, ...]
    specific: tuple[str, ...]


def specific_docs(mentions: Sequence[tuple[str, frozenset[str], DateValue | None]]) -> list[str]:
    """The documents whose own mention of a fused event is specific enough to link stories:
    dated to the day, or to the month with two participants. `mentions` are (document id,
    participant codes, date) of one fused event. An undated mention may be background the
    article repeats; its document joins the story only on other evidence."""
    out = []
    for doc_id, codes, date in mentions:
        span = date_span(date) if date is not None else None
        if span is not None and (span.grain <= DAY or (span.grain <= MONTH and len(codes) >= 2)):
            out.append(doc_id)
    return out


def story_components(
    docs: Sequence[Document],
    anchors: Sequence[dt.date | None],
    events: dict[str, list[Event]],
    shared: Sequence[SharedEvent],
    settings: Settings,
) -> tuple[list[int], list[Link]]:
    """The story root (an index into `docs`) of every document, and the links that made the
    stories (one fewer than documents per story). `docs` are in a fixed order; `shared` are the
    fused events with two or more documents."""
    index = {d.id: i for i, d in enumerate(docs)}
    ranks = [stable_rank(d.id) for d in docs]
    found = _profiles(docs, events, settings)
    links = [
        *_copy_links(docs, index, anchors, ranks, settings),
        *_event_links(shared, index),
        *_event_text_links(shared, index, found, settings),
        *_text_links(found, anchors, ranks, settings),
    ]
    links.sort(key=lambda link: (-link.strength, link.a, link.b))
    return _join(links, anchors, found, settings.group_similarity)


def _copy_links(
    docs: Sequence[Document],
    index: dict[str, int],
    anchors: Sequence[dt.date | None],
    ranks: Sequence[int],
    settings: Settings,
) -> Iterator[Link]:
    for i, doc in enumerate(docs):
        for other in doc.copy_of:
            j = index.get(other)
            if j is not None and i < j:
                yield Link(1.0, i, j, "copy")
    buckets: dict[int, list[int]] = {}
    for i, doc in enumerate(docs):
        if doc.fingerprint:
            for key in band_keys(doc.fingerprint):
                buckets.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > 1:
            pairs.update(
                block_pairs(members, anchors, ranks, window=WINDOW_DAYS, cap=settings.block_cap)
            )
    for i, j in sorted(pairs):
        sim = similarity(docs[i].fingerprint, docs[j].fingerprint)
        if sim >= settings.copy_similarity:
            yield Link(sim, i, j, "copy")


def _event_links(shared: Sequence[SharedEvent], index: dict[str, int]) -> Iterator[Link]:
    for event in shared:
        members = sorted(index[d] for d in event.specific if d in index)
        for j in members[1:]:  # a star is enough: the event's documents become one group
            yield Link(1.0, members[0], j, "event", (event.id,))


def _event_text_links(
    shared: Sequence[SharedEvent],
    index: dict[str, int],
    found: Sequence[Profile],
    settings: Settings,
) -> Iterator[Link]:
    """Documents reporting one event, even undated, whose texts also resemble each other (less
    than text alone would need): two weak signals that agree."""
    for event in shared:
        members = sorted(index[d] for d in event.doc_ids if d in index)[:EVENT_TEXT_DOCS]
        specific = {index[d] for d in event.specific if d in index}
        for k, i in enumerate(members):
            for j in members[k + 1 :]:
                if i in specific and j in specific:
                    continue  # already an event link
                sim = cosine(found[i], found[j])
                if sim >= settings.event_text_similarity:
                    words = _shared_words(found[i], found[j])
                    yield Link(sim, i, j, "event+text", (event.id, *words))


def _profiles(
    docs: Sequence[Document], events: dict[str, list[Event]], settings: Settings
) -> list[Profile]:
    counts = [
        term_counts(
            lead(d, events.get(d.id, []), settings.lead_chars),
            settings.stopwords,
            settings.name_weight,
        )
        for d in docs
    ]
    return profiles(counts, settings)


def _text_links(
    found: Sequence[Profile],
    anchors: Sequence[dt.date | None],
    ranks: Sequence[int],
    settings: Settings,
) -> Iterator[Link]:
    for sim, i, j in similar_pairs(found, anchors, ranks, WINDOW_DAYS, settings):
        yield Link(sim, i, j, "text", _shared_words(found[i], found[j]))


def _shared_words(a: Profile, b: Profile, count: int = 6) -> tuple[str, ...]:
    """The words that weigh most in what two profiles share (for the reader: why linked)."""
    shared = sorted((-a[t] * b[t], t) for t in a.keys() & b.keys())
    return tuple(t for _, t in shared[:count])


def _join(
    links: Sequence[Link],
    anchors: Sequence[dt.date | None],
    found: Sequence[Profile],
    group_similarity: float,
) -> tuple[list[int], list[Link]]:
    """Union of linked documents, strongest link first, unless the union would join groups whose
    known dates are more than the window apart, or, for a text link, groups whose words as a
    whole are less alike than `group_similarity` (one resembling pair does not chain two
    stories)."""
    parent = list(range(len(anchors)))
    span: list[tuple[dt.date, dt.date] | None] = [(a, a) if a else None for a in anchors]
    words: list[Profile] = list(found)
    used: list[Link] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in links:
        ra, rb = find(link.a), find(link.b)
        if ra == rb or not _close(span[ra], span[rb]):
            continue
        if link.reason in TEXTUAL and _group_cosine(words[ra], words[rb]) < group_similarity:
            continue
        root, child = min(ra, rb), max(ra, rb)
        parent[child] = root
        span[root] = _merge(span[ra], span[rb])
        words[root] = _add(words[ra], words[rb])
        used.append(link)
    return [find(i) for i in range(len(anchors))], used


def _group_cosine(a: Profile, b: Profile) -> float:
    norm = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
    return cosine(a, b) / norm if norm else 0.0


def _add(a: Profile, b: Profile) -> Profile:
    """The summed profile of a merged group (its words, not normalised)."""
    out = dict(a)
    for term, w in b.items():
        out[term] = out.get(term, 0.0) + w
    return out


def _close(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    if a is None or b is None:
        return True
    gap = max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)
    return gap <= WINDOW_DAYS


def _merge(
    a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None
) -> tuple[dt.date, dt.date] | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), max(a[1], b[1]))
