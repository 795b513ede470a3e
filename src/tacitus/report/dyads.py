"""Who deals with whom, how cooperatively, and how that moves over time.

In: for each fused event its actor codes, recipient codes, PLOVER conflict–cooperation score
(None to leave it out) and the ISO date it happened or was first reported. Out: the actor
network (nodes by activity, undirected edges with the mean score of the events between the two)
and, for the busiest dyads, the mean score per day or month. An event with a recipient links
each actor to each recipient; one without (a joint meeting) links its actors to each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from tacitus.report.format import ActorNames, date_label

Scored = tuple[list[str], list[str], float | None, str | None]
# Dyads whose dated events span more days than this are charted per month, else per day.
DAILY_SPAN_DAYS = 62


@dataclass(frozen=True, slots=True)
class Node:
    code: str
    name: str
    events: int
    score: float  # mean PLOVER score of its scored events


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    events: int
    score: float  # mean PLOVER score of the events between a and b

    @property
    def key(self) -> tuple[str, str]:
        return (self.a, self.b)


@dataclass(frozen=True, slots=True)
class DyadPoint:
    period: str  # ISO day or month
    label: str  # "9 May 2025", "May 2025"
    events: int
    score: float


@dataclass(frozen=True, slots=True)
class DyadSeries:
    a: str
    b: str
    label: str  # "China – Russia"
    events: int
    score: float
    points: tuple[DyadPoint, ...]
    undated: int  # events too vaguely dated for the chart's grain


def relations(
    events: Iterable[Scored], names: ActorNames, *, actors: int, edges: int, dyads: int
) -> tuple[tuple[Node, ...], tuple[Edge, ...], tuple[DyadSeries, ...]]:
    """The `actors` most active actors, the `edges` busiest edges among them, and the time
    series of the `dyads` busiest dyads (each ordered by events, then codes)."""
    pair_scores: dict[tuple[str, str], list[tuple[float, str | None]]] = {}
    actor_scores: dict[str, list[float]] = {}
    for actor, recipient, score, when in events:
        if score is None:
            continue
        pairs = _pairs(actor, recipient)
        for pair in pairs:
            pair_scores.setdefault(pair, []).append((score, when))
        for code in sorted({c for p in pairs for c in p}):
            actor_scores.setdefault(code, []).append(score)
    ranked = sorted(actor_scores.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:actors]
    nodes = tuple(Node(c, names.name(c), len(s), _mean(s)) for c, s in ranked)
    shown = {n.code for n in nodes}
    busiest = sorted(pair_scores.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    edge_list = tuple(
        Edge(a, b, len(given), _mean([s for s, _ in given]))
        for (a, b), given in busiest
        if a in shown and b in shown
    )[:edges]
    series = tuple(_series(pair, given, names) for pair, given in busiest[:dyads])
    return nodes, edge_list, series


def _pairs(actor: list[str], recipient: list[str]) -> list[tuple[str, str]]:
    if actor and recipient:
        found = {_ordered(a, r) for a in actor for r in recipient if a != r}
    else:
        found = {_ordered(a, b) for a, b in combinations(dict.fromkeys(actor), 2)}
    return sorted(found)


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 2) if values else 0.0


def _series(
    pair: tuple[str, str], given: list[tuple[float, str | None]], names: ActorNames
) -> DyadSeries:
    days = sorted(w[:10] for _, w in given if w and len(w) >= 10)
    daily = bool(days) and _span_days(days[0], days[-1]) <= DAILY_SPAN_DAYS
    grain = 10 if daily else 7
    buckets: dict[str, list[float]] = {}
    undated = 0
    for score, when in given:
        if when is None or len(when) < grain:
            undated += 1
            continue
        buckets.setdefault(when[:grain], []).append(score)
    points = tuple(
        DyadPoint(period, date_label(period), len(scores), _mean(scores))
        for period, scores in sorted(buckets.items())
    )
    return DyadSeries(
        a=pair[0],
        b=pair[1],
        label=f"{names.short(pair[0])} – {names.short(pair[1])}",
        events=len(given),
        score=_mean([s for s, _ in given]),
        points=points,
        undated=undated,
    )


def _span_days(first: str, last: str) -> int:
    try:
        return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
    except ValueError:
        return DAILY_SPAN_DAYS + 1
