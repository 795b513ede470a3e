"""Factuality over time: how the sources' view of one event moved (possible → planned → asserted).

Documents are ordered by when they were written (`sources.Written`): a document goes before
another when its latest possible date is earlier than the other's earliest. Inferred bounds
are often one-sided ("written before 7 May"), so two documents may not be ordered by dates at
all; then the one with the less firm view goes first, because reports of one event firm up
over time (rumoured, then announced, then reported done). Each step says whether its place
after the previous step is known from dates (`dated`) or only from this rule. Documents with no
date at all come last.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tacitus.fuse.sources import Written

# How firm a view is; negated ranks with asserted: both are a settled report.
FIRMNESS = {"hypothetical": 0, "possible": 1, "planned": 2, "asserted": 3, "negated": 3}


@dataclass(frozen=True, slots=True)
class Step:
    """One document's view of the event, in trajectory order."""

    document: str
    doc_id: str
    factuality: str
    written: str  # "2025-05-13", "before 2025-05-07", "unknown"
    dated: bool  # known from dates to be written after the previous step

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "doc_id": self.doc_id,
            "factuality": self.factuality,
            "written": self.written,
            "dated": self.dated,
        }


@dataclass(frozen=True, slots=True)
class View:
    """What the trajectory needs of one mention."""

    document: str
    doc_id: str
    factuality: str
    written: Written


def trajectory(views: Sequence[View]) -> tuple[Step, ...]:
    """The views in the order described in the module docstring (deterministic)."""
    known = [v for v in views if v.written.basis != "unknown"]
    unknown = sorted(
        (v for v in views if v.written.basis == "unknown"), key=lambda v: (_firm(v), v.document)
    )
    ordered = _linear_order(known) + unknown
    steps = []
    for i, view in enumerate(ordered):
        dated = i > 0 and ordered[i - 1].written.precedes(view.written)
        steps.append(Step(view.document, view.doc_id, view.factuality, view.written.label(), dated))
    return tuple(steps)


def trajectory_text(steps: Sequence[Step]) -> str:
    """ "possible (002.txt) → planned (000.txt) → asserted (001.txt)"."""
    return " → ".join(f"{s.factuality} ({s.document})" for s in steps)


def _firm(view: View) -> int:
    return FIRMNESS.get(view.factuality, 0)


def _linear_order(views: list[View]) -> list[View]:
    """A topological order of "surely written before", least firm first among the free ones."""
    after: dict[int, list[int]] = {i: [] for i in range(len(views))}
    waiting = [0] * len(views)
    for i, a in enumerate(views):
        for j, b in enumerate(views):
            if a.written.precedes(b.written):
                after[i].append(j)
                waiting[j] += 1
    ready = [_key(views, i) for i in range(len(views)) if waiting[i] == 0]
    heapq.heapify(ready)
    done: list[int] = []
    while ready:
        i = heapq.heappop(ready)[-1]
        done.append(i)
        for j in after[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                heapq.heappush(ready, _key(views, j))
    # inconsistent windows could make a cycle; its members keep their input order at the end
    done += sorted(set(range(len(views))) - set(done))
    return [views[i] for i in done]


def _key(views: list[View], i: int) -> tuple[int, dt.date, str, int]:
    v = views[i]
    return (_firm(v), v.written.anchor or dt.date.max, v.document, i)
