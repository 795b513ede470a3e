"""Which event mentions from different documents are the same real event.

Two mentions can be fused when they come from different documents written within WINDOW_DAYS of
each other and have
- compatible types: the same type, or, by PLOVER's future convention, an AGREE and a planned or
  possible CONSULT / SUPPORT / COOPERATE / AID (an agreed visit is the visit, announced early);
- compatible modes: equal, or one unstated;
- overlapping participants: their actor ∪ recipient code sets share at least half of the
  smaller set;
- compatible dates: the spans overlap, or one is undated; a visit's spans may also be up to
  VISIT_TOLERANCE_DAYS apart (announced travel dates move, reports count arrival or departure).

Fusion is greedy and complete-linkage: compatible pairs are merged best first, and two groups
merge only when every cross pair is compatible and no document appears twice (events of one
document were already told apart by extraction).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tacitus.fuse.sources import UnionFind, Written, within_window
from tacitus.fuse.values import Span, date_span
from tacitus.records import Event

WINDOW_DAYS = 30
VISIT_TOLERANCE_DAYS = 14
FUTURE = frozenset({"planned", "possible"})
AGREED = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})


@dataclass(frozen=True, slots=True)
class Item:
    """An event mention with what matching needs, computed once."""

    doc: str  # document id
    event: Event
    codes: frozenset[str]
    span: Span | None
    written: Written

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc, self.event.id)


def make_item(doc_id: str, event: Event, written: Written) -> Item:
    codes = frozenset(a.code for a in (*event.actor, *event.recipient) if a.code)
    return Item(doc_id, event, codes, date_span(event.date), written)


# ---------------------------------------------------------------- compatibility


def types_compatible(a: Event, b: Event) -> bool:
    """Same type, or AGREE with a planned or possible CONSULT/SUPPORT/COOPERATE/AID."""
    if a.type == b.type:
        return True
    return _agreed_form(a, b) or _agreed_form(b, a)


def _agreed_form(agree: Event, other: Event) -> bool:
    return agree.type == "AGREE" and other.type in AGREED and other.factuality in FUTURE


def participants_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """The sets share at least one code and at least half of the smaller set."""
    shared = len(a & b)
    return shared > 0 and 2 * shared >= min(len(a), len(b))


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


def _block_keys(item: Item) -> set[tuple[str, str]]:
    """Keys under which compatible mentions meet: (type family, participant code)."""
    families = {item.event.type}
    if item.event.type in AGREED and item.event.factuality in FUTURE:
        families.add("AGREE")
    return {(f, c) for f in families for c in item.codes}


def candidate_pairs(items: list[Item]) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth testing: same block, documents written within the window."""
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, item in enumerate(items):
        for key in _block_keys(item):
            blocks.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        pairs.update(_block_pairs(members, items))
    return pairs


def _block_pairs(members: list[int], items: list[Item]) -> Iterable[tuple[int, int]]:
    # dated documents only meet neighbours within the window (keeps big corpora near-linear);
    # documents with no known date meet everyone in the block
    anchors = {m: a for m in members if (a := items[m].written.anchor) is not None}
    dated = sorted(anchors, key=anchors.__getitem__)
    floating = [m for m in members if m not in anchors]
    for pos, i in enumerate(dated):
        for j in dated[pos + 1 :]:
            if (anchors[j] - anchors[i]).days > WINDOW_DAYS:
                break
            yield min(i, j), max(i, j)
    for k, i in enumerate(floating):
        for j in [*dated, *floating[k + 1 :]]:
            yield min(i, j), max(i, j)


def cluster(items: list[Item]) -> list[list[Item]]:
    """Group mentions of the same event; every item ends in exactly one group.

    Groups are returned in order of their first item; items keep their input order.
    """
    scored = [
        (score(items[i], items[j]), i, j)
        for i, j in candidate_pairs(items)
        if compatible(items[i], items[j])
    ]
    scored.sort(key=lambda p: (-p[0], items[p[1]].key, items[p[2]].key))
    uf: UnionFind[int] = UnionFind(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    for _, i, j in scored:
        ri, rj = uf.find(i), uf.find(j)
        if ri != rj and _mergeable(members[ri], members[rj], items):
            uf.union(ri, rj)  # ri stays the root
            members[ri] += members.pop(rj)
    return [[items[i] for i in sorted(group)] for group in sorted(members.values(), key=min)]


def _mergeable(a: list[int], b: list[int], items: list[Item]) -> bool:
    if {items[i].doc for i in a} & {items[j].doc for j in b}:
        return False
    return all(compatible(items[i], items[j]) for i in a for j in b)
