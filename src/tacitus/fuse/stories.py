"""Stories and fused events across sources: the entry point is `fuse(documents, events)`.

In: cleaned documents and their extracted events (keyed by document id, as
`Store.document_events` returns them). Out: stories, each a group of documents about the same
happening with its fused events (every event mention of the same real event across documents,
with each source's values, the contradictions between them, how many independent sources
support it, and how its factuality moved over time). Pure: nothing is written anywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tacitus.fuse.content import default_settings
from tacitus.fuse.fusion import Item, cluster, make_item
from tacitus.fuse.linking import SharedEvent, specific_docs, story_components
from tacitus.fuse.quantities import Quantity, extract_quantities
from tacitus.fuse.sources import (
    SourceCount,
    Written,
    count_sources,
    source_groups,
    written,
)
from tacitus.fuse.trajectory import Step, View, trajectory, trajectory_text
from tacitus.fuse.values import (
    AttributeValues,
    Comparison,
    compare_dates,
    compare_locations,
    compare_participants,
    compare_quantities,
    date_span,
    value_table,
)
from tacitus.records import DateValue, Document, Event, Evidence

# Characters of a document that count as its lead (headline and first paragraph or two).
LEAD_CHARS = 600


@dataclass(frozen=True, slots=True)
class Mention:
    """One document's mention of a fused event: who says what, and where in the text."""

    document: str
    doc_id: str
    event_id: str
    type: str
    mode: str | None
    factuality: str
    attribution: str | None
    date: DateValue | None
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    location: str | None
    evidence: tuple[Evidence, ...]
    written: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "type": self.type,
            "mode": self.mode,
            "factuality": self.factuality,
            "attribution": self.attribution,
            "date": self.date.to_dict() if self.date else None,
            "actor": list(self.actor),
            "recipient": list(self.recipient),
            "location": self.location,
            "evidence": [e.to_dict() for e in self.evidence],
            "written": self.written,
        }


@dataclass(frozen=True, slots=True)
class FusedEvent:
    """Mentions of one real event across documents (one mention per document).

    `mentions` are in trajectory order; `factuality` is the latest source's view; `first_seen`
    the earliest known writing date of its documents (ISO, None when none is dated).
    """

    id: str
    type: str
    mode: str | None
    factuality: str
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    mentions: tuple[Mention, ...]
    sources: SourceCount
    values: tuple[AttributeValues, ...]
    trajectory: tuple[Step, ...]
    first_seen: str | None = None

    @property
    def contradictions(self) -> list[tuple[str, Comparison]]:
        """(attribute, comparison) for every pair of values that cannot both be true."""
        return [
            (table.attribute, c)
            for table in self.values
            for c in table.comparisons
            if c.relation == "contradiction"
        ]

    def value(self, attribute: str) -> AttributeValues | None:
        return next((t for t in self.values if t.attribute == attribute), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "factuality": self.factuality,
            "actor": list(self.actor),
            "recipient": list(self.recipient),
            "documents": self.sources.documents,
            "outlets": self.sources.outlets,
            "independent_sources": self.sources.independent_sources,
            "mentions": [m.to_dict() for m in self.mentions],
            "values": [v.to_dict() for v in self.values],
            "contradictions": [
                {"attribute": attribute, **c.to_dict()} for attribute, c in self.contradictions
            ],
            "trajectory": [s.to_dict() for s in self.trajectory],
            "trajectory_text": trajectory_text(self.trajectory),
            "first_seen": self.first_seen,
        }


@dataclass(frozen=True, slots=True)
class StoryLink:
    """Why two documents of a story are in it: `reason` "copy" (near-duplicate texts, `score`
    their estimated likeness), "event" (both give a specific mention of fused event
    `detail[0]`), "event+text" (both report fused event `detail[0]` and their words are alike
    by `score`, through the words in `detail[1:]`) or "text" (profiles alike by `score`,
    through the words in `detail`)."""

    a: str
    b: str
    reason: str
    score: float
    detail: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [self.a, self.b],
            "reason": self.reason,
            "score": self.score,
            "detail": list(self.detail),
        }


@dataclass(frozen=True, slots=True)
class Story:
    """Documents about the same happening, and the events they report.

    `documents` are names in order of when they were written; `first`/`last` the earliest and
    latest known writing dates (ISO, None when no document is dated); `events` the fused events,
    best supported first (single-document events included); `links` the evidence that joined
    its documents, one link fewer than documents.
    """

    id: str
    title: str | None
    documents: tuple[str, ...]
    doc_ids: tuple[str, ...]
    sources: SourceCount
    first: str | None
    last: str | None
    events: tuple[FusedEvent, ...]
    links: tuple[StoryLink, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "documents": list(self.documents),
            "doc_ids": list(self.doc_ids),
            "outlets": self.sources.outlets,
            "independent_sources": self.sources.independent_sources,
            "first": self.first,
            "last": self.last,
            "events": [e.to_dict() for e in self.events],
            "links": [k.to_dict() for k in self.links],
        }


def fuse(documents: Sequence[Document], events: dict[str, list[Event]]) -> list[Story]:
    """Stories over `documents`, most documents first, then earliest first (deterministic).

    `events` maps document ids to their events; events of documents not given are ignored.
    Every document is in exactly one story (a document alone is a story of one).
    """
    # a fixed order (by id) makes the result independent of the order of the input
    docs = {d.id: d for d in sorted(documents, key=lambda d: d.id)}
    times = {d.id: written(d) for d in docs.values()}
    groups = source_groups(docs.values())
    items = [
        make_item(doc_id, e, times[doc_id], groups[doc_id])
        for doc_id in docs
        for e in sorted(events.get(doc_id, []), key=lambda e: e.id)
    ]
    fused = [_fused_event(c, docs, times, groups) for c in cluster(items)]
    components, links = _story_components(list(docs.values()), times, events, fused)
    # an event whose mentions fell in several stories (coverage of one happening not grouped, or
    # background several stories repeat) is kept whole, in the story with most of its mentions
    by_root: dict[str, list[FusedEvent]] = {}
    for event in fused:
        roots = [components[m.doc_id] for m in event.mentions]
        by_root.setdefault(max(roots, key=roots.count), []).append(event)
    members: dict[str, list[str]] = {}
    for doc_id in docs:
        members.setdefault(components[doc_id], []).append(doc_id)
    stories = [
        _story(ids, by_root.get(root, []), docs, times, groups, links=links.get(root, []))
        for root, ids in members.items()
    ]
    return sorted(stories, key=_story_order)


# ---------------------------------------------------------------- fused events


def _fused_event(
    group: list[Item], docs: dict[str, Document], times: dict[str, Written], groups: dict[str, str]
) -> FusedEvent:
    views = [View(docs[i.doc].name, i.doc, i.event.factuality, times[i.doc]) for i in group]
    steps = trajectory(views)
    by_doc = {i.doc: i for i in group}
    mentions = tuple(_mention(by_doc[s.doc_id], docs[s.doc_id], s.written) for s in steps)
    anchors = [a for i in group if (a := times[i.doc].anchor)]
    return FusedEvent(
        id=_hash(f"{i.doc}:{i.event.id}" for i in group),
        type=_most_common([m.type for m in mentions]) or group[0].event.type,
        mode=_most_common([m.mode for m in mentions if m.mode]),
        factuality=steps[-1].factuality if steps else group[0].event.factuality,
        actor=_union(m.actor for m in mentions),
        recipient=_union(m.recipient for m in mentions),
        mentions=mentions,
        sources=count_sources((i.doc for i in group), docs, groups),
        values=_values(mentions),
        trajectory=steps,
        first_seen=min(anchors).isoformat() if anchors else None,
    )


def _mention(item: Item, doc: Document, when: str) -> Mention:
    e = item.event
    return Mention(
        document=doc.name,
        doc_id=doc.id,
        event_id=e.id,
        type=e.type,
        mode=e.mode,
        factuality=e.factuality,
        attribution=e.attribution,
        date=e.date,
        actor=tuple(dict.fromkeys(a.code for a in e.actor)),
        recipient=tuple(dict.fromkeys(r.code for r in e.recipient)),
        location=e.location,
        evidence=e.evidence,
        written=when,
    )


def _values(mentions: Sequence[Mention]) -> tuple[AttributeValues, ...]:
    """The value tables: date, participants, location, then one per counted unit."""
    dates = [
        (m.document, m.date.iso(), span)
        for m in mentions
        if m.date is not None and (span := date_span(m.date)) is not None
    ]
    people = [
        (m.document, _participants_label(m), (tuple(sorted(m.actor)), tuple(sorted(m.recipient))))
        for m in mentions
        if m.actor or m.recipient
    ]
    places = [(m.document, m.location, m.location) for m in mentions if m.location]
    tables = [
        value_table("date", dates, compare_dates),
        value_table("participants", people, compare_participants),
        value_table("location", places, compare_locations),
        *_count_tables(mentions),
    ]
    return tuple(t for t in tables if t is not None)


def _participants_label(m: Mention) -> str:
    actors = ", ".join(sorted(m.actor))
    return f"{actors} → {', '.join(sorted(m.recipient))}" if m.recipient else actors


def _count_tables(mentions: Sequence[Mention]) -> list[AttributeValues | None]:
    # one value per document and unit: the first count of that unit in its evidence
    by_unit: dict[str, list[tuple[str, str, Quantity]]] = {}
    for m in mentions:
        seen: set[str] = set()
        for q in (q for ev in m.evidence for q in extract_quantities(ev.text)):
            if q.unit not in seen:
                seen.add(q.unit)
                by_unit.setdefault(q.unit, []).append((m.document, q.label(), q))
    return [
        value_table(f"count:{unit}", given, compare_quantities)
        for unit, given in sorted(by_unit.items())
    ]


# ---------------------------------------------------------------- stories


def _story_components(
    docs: list[Document],
    times: dict[str, Written],
    events: dict[str, list[Event]],
    fused: list[FusedEvent],
) -> tuple[dict[str, str], dict[str, list[StoryLink]]]:
    """Document id → id of its story's root document, and root → the links that made the
    story (see `linking`)."""
    shared = [
        SharedEvent(
            e.id,
            tuple(m.doc_id for m in e.mentions),
            tuple(
                specific_docs(
                    [(m.doc_id, frozenset((*m.actor, *m.recipient)), m.date) for m in e.mentions]
                )
            ),
        )
        for e in fused
        if len(e.mentions) > 1
    ]
    anchors = [times[d.id].anchor for d in docs]
    roots, used = story_components(docs, anchors, events, shared, default_settings())
    components = {d.id: docs[r].id for d, r in zip(docs, roots, strict=True)}
    links: dict[str, list[StoryLink]] = {}
    for link in used:
        a, b = sorted((docs[link.a].name, docs[link.b].name))
        found = StoryLink(a, b, link.reason, round(link.score, 3), link.detail)
        links.setdefault(components[docs[link.a].id], []).append(found)
    return components, links


def _story(
    ids: list[str],
    events: list[FusedEvent],
    docs: dict[str, Document],
    times: dict[str, Written],
    groups: dict[str, str],
    *,
    links: list[StoryLink],
) -> Story:
    ordered = sorted(ids, key=lambda d: (times[d].anchor or dt.date.max, docs[d].name))
    anchors = sorted(a for d in ids if (a := times[d].anchor))
    return Story(
        id=_hash(ids),
        title=next((docs[d].title for d in ordered if docs[d].title), None),
        documents=tuple(docs[d].name for d in ordered),
        doc_ids=tuple(ordered),
        sources=count_sources(ids, docs, groups),
        first=anchors[0].isoformat() if anchors else None,
        last=anchors[-1].isoformat() if anchors else None,
        events=tuple(sorted(events, key=_event_order)),
        links=tuple(sorted(links, key=lambda k: (k.a, k.b, k.reason))),
    )


def _event_order(e: FusedEvent) -> tuple[int, int, bool, bool, bool, int, int, str, str]:
    """Best supported first; among equals what a reader wants first: an event between two
    parties, told in a lead paragraph (news puts the main event first), dated, and dated by
    more of its sources."""
    undated = e.value("date") is None
    parties = {*e.actor, *e.recipient}
    opening = min((m.evidence[0].start for m in e.mentions if m.evidence), default=LEAD_CHARS)
    return (
        -e.sources.independent_sources,
        -e.sources.documents,
        len(parties) < 2,
        opening >= LEAD_CHARS,
        undated,
        -sum(1 for m in e.mentions if m.date is not None),
        opening,
        e.first_seen or "~",
        e.id,
    )


def _story_order(s: Story) -> tuple[int, str, str]:
    return (-len(s.doc_ids), s.first or "9999", s.id)


# ---------------------------------------------------------------- helpers


def _hash(parts: Iterable[str]) -> str:
    """A stable id: the same members give the same id in any order."""
    return hashlib.blake2b("\n".join(sorted(parts)).encode(), digest_size=6).hexdigest()


def _most_common(values: list[str]) -> str | None:
    """The most frequent value; on a tie the one the latest source uses (it knows the most)."""
    if not values:
        return None
    counts = Counter(values)
    last = {v: i for i, v in enumerate(values)}
    return max(counts, key=lambda v: (counts[v], last[v]))


def _union(parts: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code for part in parts for code in part))
