"""Which event mentions from different documents are the same real event.

Two mentions can be fused when they come from different documents written within WINDOW_DAYS of
each other and have
- compatible types: the same type, or, by PLOVER's future convention, an AGREE and a planned or
  possible CONSULT / SUPPORT / COOPERATE / AID (an agreed visit is the visit, announced early);
- compatible modes: equal, or one unstated;
- compatible participants: one actor ∪ recipient code set contains the other ("China" and
  "China and Russia"), or they share at least two codes and at least half of the smaller set
  (so "USA with China" and "USA with Iran" are two events, not one);
- compatible dates: the spans overlap, or one is undated; a visit's spans may also be up to
  VISIT_TOLERANCE_DAYS apart (announced travel dates move, reports count arrival or departure);
- something that identifies them beyond a type and one actor: two shared participants, dates on
  both sides, the same location, or documents of one source (copies, one wire). "The US held
  talks" in two unrelated articles is not evidence of one event.

Fusion is greedy and complete-linkage: compatible pairs are merged best first, and two groups
merge only when every cross pair is compatible and no document appears twice (events of one
document were already told apart by extraction). Candidate pairs come from blocks (see
`blocking`), so a corpus of 10,000 documents is not compared pair by pair.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from tacitus.fuse.blocking import block_pairs
from tacitus.fuse.sources import UnionFind, Written, within_window
from tacitus.fuse.values import Span, date_span
from tacitus.records import Event

WINDOW_DAYS = 30
VISIT_TOLERANCE_DAYS = 14
FUTURE = frozenset({"planned", "possible"})
AGREED = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
# In a block shared by more than twice this many mentions, each meets only this many others.
BLOCK_CAP = 40


@dataclass(frozen=True, slots=True)
class Item:
    """An event mention with what matching needs, computed once."""

    doc: str  # document id
    event: Event
    codes: frozenset[str]
    span: Span | None
    written: Written
    source: str  # independent-source group of the document (copies and wire mates share it)

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc, self.event.id)


def make_item(doc_id: str, event: Event, written: Written, source: str | None = None) -> Item:
    """`event` of document `doc_id` ready for matching; `source` defaults to the document."""
    codes = frozenset(a.code for a in (*event.actor, *event.recipient) if a.code)
    return Item(doc_id, event, codes, date_span(event.date), written, source or doc_id)


# ---------------------------------------------------------------- compatibility


def types_compatible(a: Event, b: Event) -> bool:
    """Same type, or AGREE with a planned or possible CONSULT/SUPPORT/COOPERATE/AID."""
    if a.type == b.type:
        return True
    return _agreed_form(a, b) or _agreed_form(b, a)


def _agreed_form(agree: Event, other: Event) -> bool:
    return agree.type == "AGREE" and other.type in AGREED and other.factuality in FUTURE


def participants_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """One non-empty set contains the other, or they share two codes and half the smaller set."""
    shared = len(a & b)
    if shared == 0:
        return False
    return shared == min(len(a), len(b)) or (shared >= 2 and 2 * shared >= min(len(a), len(b)))


def identified(a: Item, b: Item) -> bool:
    """Is there more in common than a type and one participant? (See the module docstring.)"""
    return (
        len(a.codes & b.codes) >= 2
        or (a.span is not None and b.span is not None)
        or (a.event.location is not None and a.event.location == b.event.location)
        or a.source == b.source
    )


def dates_compatible(a: Item, b: Item) -> bool:
    if a.span is None or b.span is None:
        return True
    visit = "visit" in (a.event.mode, b.event.mode)
    return a.span.gap_days(b.span) <= (VISIT_TOLERANCE_DAYS if visit else 0)


def compatible(a: Item, b: Item) -> bool:
    """Can `a` and `b` be mentions of the same event? (See the module docstring.)"""
    modes = {a.event.mode, b.event.mode} - {None}
    return (
        a.doc != b.doc
        and len(modes) <= 1
        and types_compatible(a.event, b.event)
        and participants_overlap(a.codes, b.codes)
        and dates_compatible(a, b)
        and within_window(a.written, b.written, WINDOW_DAYS)
        and identified(a, b)
    )


def score(a: Item, b: Item) -> float:
    """How alike two compatible mentions are: higher merges first."""
    total = 2.0 if a.event.type == b.event.type else 1.0
    if a.event.mode is not None and a.event.mode == b.event.mode:
        total += 2.0
    total += 2.0 * len(a.codes & b.codes) / len(a.codes | b.codes)
    if _roles(a.event) == _roles(b.event):
        total += 1.0
    if a.span is not None and b.span is not None:
        total += 2.0 - min(a.span.gap_days(b.span), 14.0) / 7.0
    if a.event.location is not None and a.event.location == b.event.location:
        total += 1.0
    return total


def _roles(e: Event) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(a.code for a in e.actor), frozenset(r.code for r in e.recipient)


# ---------------------------------------------------------------- candidates and clustering


def _block_keys(item: Item) -> set[tuple[str, ...]]:
    """Keys under which compatible mentions meet (see `identified` for why):
    - (family, code, "@", source): mentions from one source group (copies, one wire);
    - (family, code, other code): mentions sharing two participants;
    - (family, code): a lone-participant mention meets the mentions naming that participant,
      unless it has no date and no location, which only a mention from its source can match.
    """
    families = {item.event.type}
    if item.event.type in AGREED and item.event.factuality in FUTURE:
        families.add("AGREE")
    codes = sorted(item.codes)
    keys: set[tuple[str, ...]] = {(f, c, "@", item.source) for f in families for c in codes}
    if len(codes) == 1 and item.span is None and item.event.location is None:
        return keys
    keys.update((f, c) for f in families for c in codes)
    keys.update((f, a, b) for f in families for i, a in enumerate(codes) for b in codes[i + 1 :])
    return keys


def candidate_pairs(items: list[Item]) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth testing: same block, documents written within the window."""
    blocks: dict[tuple[str, ...], list[int]] = {}
    for i, item in enumerate(items):
        for key in _block_keys(item):
            blocks.setdefault(key, []).append(i)
    anchors = [item.written.anchor for item in items]
    ranks = [stable_rank(f"{item.doc}:{item.event.id}") for item in items]
    lone = [len(item.codes) == 1 for item in items]
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(key) == 2 and not any(lone[m] for m in members):
            continue  # mentions with two participants meet in their pair blocks
        found = block_pairs(members, anchors, ranks, window=WINDOW_DAYS, cap=BLOCK_CAP)
        if len(key) == 2:
            found = ((i, j) for i, j in found if lone[i] or lone[j])
        pairs.update((i, j) for i, j in found if items[i].doc != items[j].doc)
    return pairs


def stable_rank(text: str) -> int:
    """A pseudo-random number fixed by `text` (the same in every run and process)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def cluster(items: list[Item]) -> list[list[Item]]:
    """Group mentions of the same event; every item ends in exactly one group.

    Items are first put in (document, event id) order, so the result does not depend on the
    input order; groups are returned in order of their first item.
    """
    items = sorted(items, key=lambda item: item.key)
    scored = [
        (score(items[i], items[j]), i, j)
        for i, j in candidate_pairs(items)
        if compatible(items[i], items[j])
    ]
    scored.sort(key=lambda p: (-p[0], p[1], p[2]))  # i < j: items are in key order
    uf: UnionFind[int] = UnionFind(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    docs: dict[int, set[str]] = {i: {item.doc} for i, item in enumerate(items)}
    # a failed merge stays failed: complete linkage only gets stricter as groups grow
    failed: set[tuple[int, int]] = set()
    for _, i, j in scored:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj or (ri, rj) in failed:
            continue
        if docs[ri].isdisjoint(docs[rj]) and _mergeable(members[ri], members[rj], items):
            uf.union(ri, rj)  # ri stays the root
            members[ri] += members.pop(rj)
            docs[ri] |= docs.pop(rj)
        else:
            failed.add((ri, rj))
    return [[items[i] for i in sorted(group)] for group in sorted(members.values(), key=min)]


def _mergeable(a: list[int], b: list[int], items: list[Item]) -> bool:
    return all(compatible(items[i], items[j]) for i in a for j in b)
