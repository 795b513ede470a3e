"""Comparing the values two sources give for one attribute of the same event.

Every pair of different values is one of:
- `agree`: the same value, perhaps written differently ("2025-05" and "2025-05-01/2025-05-31");
- `precision`: one value is vaguer and contains the other ("2025-05" vs "2025-05-08", a year vs
  a day, "more than 20" vs "24", one day of a stated span vs the span);
- `contradiction`: both cannot be true ("2025-05-07/2025-05-10" vs "2025-05-07/2025-05-09":
  two complete spans with different ends; disjoint days; "20" vs "24").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from tacitus.fuse.quantities import Quantity
from tacitus.records import DateValue

Relation = Literal["agree", "precision", "contradiction"]
Status = Literal["single", "agree", "precision", "contradiction"]
_SEVERITY: dict[str, int] = {"single": 0, "agree": 1, "precision": 2, "contradiction": 3}

# Grains, finest first; an open end ("2022/..") is the vaguest of all.
MINUTE, DAY, MONTH, YEAR, OPEN = range(5)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Span:
    """The time a date value covers: [first, last) with None for an open side.

    `grain` is the coarsest unit either end is written in; `single` is true when the value
    names one unit (a day, a month), not a span between two.
    """

    first: dt.datetime | None
    last: dt.datetime | None
    grain: int
    single: bool

    def contains(self, other: Span) -> bool:
        starts = self.first is None or (other.first is not None and self.first <= other.first)
        ends = self.last is None or (other.last is not None and other.last <= self.last)
        return starts and ends

    def gap_days(self, other: Span) -> float:
        """Days between the two spans; 0 when they overlap or touch."""
        gaps = [
            (b.first - a.last).total_seconds() / 86400
            for a, b in ((self, other), (other, self))
            if a.last is not None and b.first is not None
        ]
        return max([0.0, *gaps])


def parse_point(text: str) -> tuple[dt.datetime, dt.datetime, int]:
    """(first, end-exclusive, grain) of "2025", "2025-05", "2025-05-09" or "2025-05-09T15:30".

    Raises ValueError for anything else.
    """
    m = _ISO.fullmatch(text)
    if m is None:
        raise ValueError(f"not an ISO 8601 year, month, day or minute: {text!r}")
    year, month, day, hour, minute = (int(g) if g else None for g in m.groups())
    assert year is not None  # the pattern requires it
    if month is None:
        return dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1), YEAR
    if day is None:
        after = dt.datetime(year + month // 12, month % 12 + 1, 1)
        return dt.datetime(year, month, 1), after, MONTH
    if hour is None or minute is None:
        first = dt.datetime(year, month, day)
        return first, first + dt.timedelta(days=1), DAY
    first = dt.datetime(year, month, day, hour, minute)
    return first, first + dt.timedelta(minutes=1), MINUTE


def date_span(value: DateValue | None) -> Span | None:
    """The span of a date value; None when there is no date or it cannot be read."""
    if value is None or (value.start is None and value.end is None):
        return None
    try:
        start = parse_point(value.start) if value.start else None
        end = parse_point(value.end) if value.end else None
    except ValueError:
        return None
    grain = max(start[2] if start else OPEN, end[2] if end else OPEN)
    return Span(
        first=start[0] if start else None,
        last=end[1] if end else None,
        grain=grain,
        single=value.start == value.end,
    )


def compare_dates(a: Span, b: Span) -> Relation:
    """How two sources' dates for the same event relate (see the module docstring)."""
    if a.first == b.first and a.last == b.last:
        return "agree"
    for outer, inner in ((a, b), (b, a)):
        # a vaguer value may contain a sharper one; a single day may be one day of a span;
        # but a span inside another span of the same grain is a different claim
        if outer.contains(inner) and (outer.grain > inner.grain or inner.single):
            return "precision"
    return "contradiction"


Participants = tuple[tuple[str, ...], tuple[str, ...]]


def compare_participants(a: Participants, b: Participants) -> Relation:
    """Compare (actor codes, recipient codes) pairs.

    Same roles → agree; one names fewer participants, or names them without saying who acts on
    whom → precision; anything else (other participants, swapped roles) → contradiction.
    """
    if a == b:
        return "agree"
    all_a, all_b = set(a[0]) | set(a[1]), set(b[0]) | set(b[1])
    if all_a == all_b:
        return "precision" if not a[1] or not b[1] else "contradiction"
    if all_a < all_b or all_b < all_a:
        return "precision"
    return "contradiction"


def compare_locations(a: str, b: str) -> Relation:
    return "agree" if a == b else "contradiction"


def compare_quantities(a: Quantity, b: Quantity) -> Relation:
    """Exact and equal → agree; ranges that overlap → precision; else contradiction."""
    if a.low == b.low and a.high == b.high:
        return "agree"
    if a.low <= b.high and b.low <= a.high:
        return "precision"
    return "contradiction"


# ---------------------------------------------------------------- value tables


@dataclass(frozen=True, slots=True)
class SourceValue:
    """One value of an attribute and the documents (names) that give it."""

    value: str
    documents: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "documents": list(self.documents)}


@dataclass(frozen=True, slots=True)
class Comparison:
    """How two different values of the same attribute relate."""

    a: SourceValue
    b: SourceValue
    relation: Relation

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "relation": self.relation}


@dataclass(frozen=True, slots=True)
class AttributeValues:
    """The values the sources give for one attribute ("date", "count:agreement"…)."""

    attribute: str
    values: tuple[SourceValue, ...]
    comparisons: tuple[Comparison, ...]

    @property
    def status(self) -> Status:
        """The worst relation; "single" when only one document gives a value."""
        if len(self.values) == 1:
            return "single" if len(self.values[0].documents) == 1 else "agree"
        return max((c.relation for c in self.comparisons), key=_SEVERITY.__getitem__)

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribute": self.attribute,
            "status": self.status,
            "values": [v.to_dict() for v in self.values],
            "comparisons": [c.to_dict() for c in self.comparisons],
        }


def value_table(
    attribute: str,
    given: Sequence[tuple[str, str, T]],
    compare: Callable[[T, T], Relation],
) -> AttributeValues | None:
    """Group (document, label, value) triples by label and compare every two labels.

    Returns None when no document gives a value.
    """
    labels: dict[str, tuple[list[str], T]] = {}
    for document, label, value in given:
        docs, _ = labels.setdefault(label, ([], value))
        if document not in docs:
            docs.append(document)
    values = [(SourceValue(label, tuple(docs)), v) for label, (docs, v) in labels.items()]
    if not values:
        return None
    comparisons = tuple(
        Comparison(a, b, compare(va, vb))
        for i, (a, va) in enumerate(values)
        for b, vb in values[i + 1 :]
    )
    return AttributeValues(attribute, tuple(v for v, _ in values), comparisons)
