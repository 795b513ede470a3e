"""Who says it and when: independent sources among documents, and when each was written.

A wire story republished by several outlets is one source: documents linked as near-copies
(`Document.copy_of`) or carrying the same wire credit (`Document.agency`) fall in one group.
When a document was written is its publication date, else the window inferred from its text
(`Document.published_bounds`), else unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from tacitus.records import Document

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Disjoint sets over hashable keys, with path halving; keys are added on first sight."""

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {k: k for k in keys}

    def find(self, key: K) -> K:
        parent = self.parent.setdefault(key, key)
        while parent != key:
            grand = self.parent[parent]
            self.parent[key] = grand
            key, parent = parent, grand
        return key

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self) -> list[list[K]]:
        """The sets, each in first-seen order of its keys, in first-seen order of the sets."""
        out: dict[K, list[K]] = {}
        for key in list(self.parent):
            out.setdefault(self.find(key), []).append(key)
        return list(out.values())


def source_groups(documents: Iterable[Document]) -> dict[str, str]:
    """Document id → id of its independent-source group (the same for copies and wire mates)."""
    docs = list(documents)
    known = {d.id for d in docs}
    uf: UnionFind[str] = UnionFind(d.id for d in docs)
    by_agency: dict[str, str] = {}
    for doc in docs:
        for other in doc.copy_of:
            if other in known:  # a copy outside this corpus says nothing about these sources
                uf.union(doc.id, other)
        if doc.agency and doc.agency.strip():
            uf.union(by_agency.setdefault(doc.agency.strip().casefold(), doc.id), doc.id)
    return {d.id: uf.find(d.id) for d in docs}


@dataclass(frozen=True, slots=True)
class SourceCount:
    """How many documents, outlets and independent sources support something."""

    documents: int
    outlets: int
    independent_sources: int


def count_sources(
    doc_ids: Iterable[str], documents: dict[str, Document], groups: dict[str, str]
) -> SourceCount:
    """Counts over `doc_ids`; a document with no known outlet counts as its own outlet."""
    ids = list(dict.fromkeys(doc_ids))
    outlets = {outlet_key(documents[d]) if d in documents else d for d in ids}
    return SourceCount(
        documents=len(ids),
        outlets=len(outlets),
        independent_sources=len({groups.get(d, d) for d in ids}),
    )


def outlet_key(doc: Document) -> str:
    """What counts as one outlet: its name, case-folded; a document with no known outlet is an
    outlet of its own."""
    return doc.outlet.strip().casefold() if doc.outlet and doc.outlet.strip() else doc.id


# ---------------------------------------------------------------- when a document was written


@dataclass(frozen=True, slots=True)
class Written:
    """When a document was written: [after, before] (None = unknown), and how we know."""

    after: dt.date | None
    before: dt.date | None
    basis: str  # "published", "bounds" or "unknown"

    @property
    def anchor(self) -> dt.date | None:
        """The best single date: the publication date, else the latest it can have been."""
        return self.before or self.after

    def precedes(self, other: Written) -> bool:
        """True when this document was surely written before `other` (strictly earlier day)."""
        return self.before is not None and other.after is not None and self.before < other.after

    def label(self) -> str:
        """ "2025-05-13", "before 2025-05-07", "2025-05-01 to 2025-05-07", "unknown"."""
        if self.basis == "published" and self.before:
            return self.before.isoformat()
        if self.after and self.before:
            return f"{self.after.isoformat()} to {self.before.isoformat()}"
        if self.before:
            return f"before {self.before.isoformat()}"
        if self.after:
            return f"after {self.after.isoformat()}"
        return "unknown"


def written(doc: Document) -> Written:
    """When `doc` was written, from its publication date or inferred bounds."""
    if doc.published:
        return Written(doc.published, doc.published, "published")
    bounds = doc.published_bounds
    if bounds and (bounds.after or bounds.before):
        return Written(bounds.after, bounds.before, "bounds")
    return Written(None, None, "unknown")


def within_window(a: Written, b: Written, days: int) -> bool:
    """True unless both dates are known and more than `days` apart."""
    if a.anchor is None or b.anchor is None:
        return True
    return abs((a.anchor - b.anchor).days) <= days
