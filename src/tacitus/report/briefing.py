"""What the briefing says, computed from stories and documents; the renderers only lay it out.

In: story records (`Story.to_dict()`, best supported first, possibly JSON round-tripped) and
the documents they cite. Out: a `Briefing`: the top stories in full (summary, fused events with
each source's values, contradictions, evidence quotes, factuality trajectory, coverage matrix),
the rest as compact rows, and the aggregates the charts draw (timeline items, the actor
relation network weighted by PLOVER scores, cooperation/conflict per dyad over time). Every list
is capped (`Limits`) so ten thousand documents still make a readable page, and every order is
explicit so the same input always gives the same briefing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tacitus.fuse.sources import outlet_key, written
from tacitus.ontology import Ontology
from tacitus.records import Document
from tacitus.report.dyads import DyadSeries, Edge, Node, relations
from tacitus.report.format import (
    ActorNames,
    actor_names,
    date_label,
    interval_label,
    plural,
    range_label,
    shorten,
    split_interval,
)

Record = Mapping[str, Any]
# Factuality values that do not say the event is or will be real: left out of relation scores.
UNREAL = frozenset({"negated", "hypothetical"})


@dataclass(frozen=True, slots=True)
class Limits:
    """How much the briefing shows in full; the rest is counted, listed compactly or dropped
    from the charts (the Markdown and HTML say so where it happens)."""

    events_in_full: int = 10
    quotes_per_mention: int = 4
    documents_listed: int = 40
    coverage_events: int = 20
    coverage_documents: int = 30
    timeline_events_per_story: int = 15
    graph_actors: int = 40
    graph_edges: int = 120
    dyads: int = 8


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A document as the briefing cites it: name, outlet and when it was written."""

    name: str
    title: str | None
    outlet: str | None
    written: str  # "13 May 2025", "before 7 May 2025", "undated"


@dataclass(frozen=True, slots=True)
class ValueRow:
    """One value of an attribute, in words and as stored, with the documents that give it and
    the worst relation it has to another value (single, agree, precision, contradiction)."""

    value: str
    raw: str
    documents: tuple[str, ...]
    relation: str


@dataclass(frozen=True, slots=True)
class ValueTable:
    attribute: str  # "date", "participants", "location", "count:agreement"
    label: str  # "Date", "Count (agreement)"
    status: str  # single | agree | precision | contradiction
    rows: tuple[ValueRow, ...]


@dataclass(frozen=True, slots=True)
class Clash:
    """Two values of one attribute that cannot both be true, with who gives each."""

    attribute: str  # "date"
    label: str  # "Date"
    a: ValueRow
    b: ValueRow


@dataclass(frozen=True, slots=True)
class Quote:
    """An evidence sentence and where it is: document and character offsets (and sentence
    number when the record carries one)."""

    document: str
    text: str
    start: int
    end: int
    sentence: int | None

    @property
    def position(self) -> str:
        where = f"characters {self.start:,}–{self.end:,}"
        return f"sentence {self.sentence}, {where}" if self.sentence is not None else where


@dataclass(frozen=True, slots=True)
class MentionView:
    """One document's report of a fused event."""

    document: str
    outlet: str | None
    written: str
    factuality: str
    attribution: str | None
    date: str | None
    quotes: tuple[Quote, ...]
    more_quotes: int


@dataclass(frozen=True, slots=True)
class Step:
    document: str
    factuality: str
    written: str
    dated: bool


@dataclass(frozen=True, slots=True)
class EventView:
    """A fused event in full: what, who, when, how well supported, and what each source says."""

    anchor: str  # "s1-e2"
    number: str  # "E2"
    headline: str  # "China → Russia: CONSULT (visit)"
    type: str
    mode: str | None
    description: str
    factuality: str
    score: float | None
    start: str | None
    end: str | None
    date: str  # "7–10 May 2025", "undated"
    first_seen: str | None
    documents: int
    outlets: int
    independent_sources: int
    values: tuple[ValueTable, ...]
    clashes: tuple[Clash, ...]
    trajectory: tuple[Step, ...]
    trajectory_text: str
    mentions: tuple[MentionView, ...]
    doc_factuality: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which document reports which fused event, and with what factuality (None: not at all)."""

    events: tuple[tuple[str, str], ...]  # (number, headline)
    rows: tuple[tuple[SourceDoc, tuple[str | None, ...]], ...]
    more_documents: int
    more_events: int


@dataclass(frozen=True, slots=True)
class StoryView:
    """A top story in full."""

    rank: int
    id: str
    anchor: str  # "s1"
    title: str
    summary: str
    period: str
    documents: tuple[SourceDoc, ...]
    more_documents: int
    document_count: int
    outlets: int
    independent_sources: int
    events: tuple[EventView, ...]  # in full
    more_events: tuple[EventView, ...]  # listed compactly
    coverage: Coverage
    clashes: int


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story beyond the top ones: one line."""

    rank: int
    id: str
    title: str
    summary: str
    period: str
    documents: int
    outlets: int
    independent_sources: int


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """A fused event of a top story placed in time: by the event's own date when the sources
    give one (`basis` "event"), else by when it was first reported ("reported")."""

    lane: int  # story rank
    lane_label: str
    anchor: str
    headline: str
    start: str
    end: str | None
    basis: str
    date: str
    factuality: str
    score: float | None
    independent_sources: int


@dataclass(frozen=True, slots=True)
class UndatedItem:
    lane: int
    anchor: str
    headline: str
    factuality: str
    independent_sources: int


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything the HTML and Markdown briefings show, in the order they show it."""

    title: str
    document_count: int
    undated_documents: int
    outlet_count: int
    story_count: int
    event_count: int
    period: str
    stories: tuple[StoryView, ...]
    rest: tuple[StoryRow, ...]
    timeline: tuple[TimelineItem, ...]
    undated: tuple[UndatedItem, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    dyads: tuple[DyadSeries, ...]
    notes: tuple[str, ...]  # what was capped, in words


# ---------------------------------------------------------------- building


@dataclass(frozen=True, slots=True)
class _Context:
    names: ActorNames
    ontology: Ontology
    docs: Mapping[str, SourceDoc]  # by document name
    limits: Limits


def build_briefing(
    stories: Sequence[Record],
    documents: Sequence[Document],
    *,
    title: str = "Tacitus briefing",
    top: int = 20,
    limits: Limits | None = None,
    names: ActorNames | None = None,
) -> Briefing:
    """The briefing of `stories` (best supported first) over `documents`.

    The first `top` stories are shown in full, the others as rows. `names` defaults to the
    shipped knowledge base's actor names.
    """
    ctx = _Context(
        names=names or actor_names(),
        ontology=Ontology.default(),
        docs={d.name: _source_doc(d) for d in documents},
        limits=limits or Limits(),
    )
    top = max(top, 0)
    full = tuple(_story_view(s, rank, ctx) for rank, s in enumerate(stories[:top], 1))
    rest = tuple(_story_row(s, rank, ctx) for rank, s in enumerate(stories[top:], top + 1))
    timeline, undated = _timeline(full, ctx.limits)
    nodes, edges, dyads = relations(
        (_scored(e, ctx) for s in stories for e in s.get("events", [])),
        ctx.names,
        actors=ctx.limits.graph_actors,
        edges=ctx.limits.graph_edges,
        dyads=ctx.limits.dyads,
    )
    anchors = sorted(a for d in documents if (a := written(d).anchor))
    return Briefing(
        title=title,
        document_count=len(documents),
        undated_documents=sum(1 for d in documents if written(d).anchor is None),
        outlet_count=len({outlet_key(d) for d in documents}),
        story_count=len(stories),
        event_count=sum(len(s.get("events", [])) for s in stories),
        period=range_label(anchors[0].isoformat(), anchors[-1].isoformat()) if anchors else "",
        stories=full,
        rest=rest,
        timeline=timeline,
        undated=undated,
        nodes=nodes,
        edges=edges,
        dyads=dyads,
        notes=_notes(stories, full, nodes, edges, ctx.limits),
    )


def _source_doc(doc: Document) -> SourceDoc:
    when = written(doc)
    if when.basis == "published" and when.before:
        label = date_label(when.before.isoformat())
    elif when.after and when.before:
        label = range_label(when.after.isoformat(), when.before.isoformat())
    elif when.before:
        label = f"before {date_label(when.before.isoformat())}"
    elif when.after:
        label = f"after {date_label(when.after.isoformat())}"
    else:
        label = "undated"
    return SourceDoc(doc.name, doc.title, doc.outlet, label)


def _doc(name: str, ctx: _Context) -> SourceDoc:
    return ctx.docs.get(name) or SourceDoc(name, None, None, "undated")


# ---------------------------------------------------------------- stories


def _story_view(story: Record, rank: int, ctx: _Context) -> StoryView:
    anchor = f"s{rank}"
    events = [_event_view(e, anchor, i, ctx) for i, e in enumerate(story.get("events", []), 1)]
    names = list(story.get("documents", []))
    shown = ctx.limits.documents_listed
    return StoryView(
        rank=rank,
        id=str(story.get("id", "")),
        anchor=anchor,
        title=_story_title(story, events),
        summary=_summary(events[0] if events else None, len(names)),
        period=_period(story),
        documents=tuple(_doc(n, ctx) for n in names[:shown]),
        more_documents=max(len(names) - shown, 0),
        document_count=len(names),
        outlets=int(story.get("outlets", 0)),
        independent_sources=int(story.get("independent_sources", 0)),
        events=tuple(events[: ctx.limits.events_in_full]),
        more_events=tuple(events[ctx.limits.events_in_full :]),
        coverage=_coverage(names, events, ctx),
        clashes=sum(len(e.clashes) for e in events),
    )


def _story_row(story: Record, rank: int, ctx: _Context) -> StoryRow:
    events = story.get("events", [])
    lead = _event_view(events[0], f"s{rank}", 1, ctx) if events else None
    return StoryRow(
        rank=rank,
        id=str(story.get("id", "")),
        title=_story_title(story, [lead] if lead else []),
        summary=_summary(lead, len(story.get("documents", []))),
        period=_period(story),
        documents=len(story.get("documents", [])),
        outlets=int(story.get("outlets", 0)),
        independent_sources=int(story.get("independent_sources", 0)),
    )


def _story_title(story: Record, events: Sequence[EventView]) -> str:
    title = story.get("title")
    if isinstance(title, str) and title.strip():
        return shorten(title, 140)
    if events:
        return events[0].headline
    return f"Story {story.get('id', '')}".strip()


def _period(story: Record) -> str:
    first, last = story.get("first"), story.get("last")
    return range_label(first, last) if first or last else "undated"


def _summary(lead: EventView | None, documents: int) -> str:
    """What happened, when, who, and how well supported, in one sentence."""
    if lead is None:
        return f"No coded events; {plural(documents, 'document')}."
    parts = [lead.headline]
    if lead.factuality != "asserted":
        parts[0] += f" ({lead.factuality})"
    parts.append(lead.date if lead.start or lead.end else "date not stated")
    parts.append(plural(lead.outlets, "outlet"))
    parts.append(plural(lead.independent_sources, "independent source"))
    text = ", ".join(parts)
    dates_clash = any(c.attribute == "date" for c in lead.clashes)
    return text + (" (sources disagree on the date)." if dates_clash else ".")


# ---------------------------------------------------------------- fused events


def _event_view(event: Record, story_anchor: str, index: int, ctx: _Context) -> EventView:
    type_, mode = str(event.get("type", "")), event.get("mode")
    actor, recipient = event.get("actor", []), event.get("recipient", [])
    headline = f"{ctx.names.participants(actor, recipient)}: {type_}"
    if mode:
        headline += f" ({mode})"
    tables = tuple(_value_table(t, ctx) for t in event.get("values", []))
    start, end = _event_dates(tables)
    mentions = event.get("mentions", [])
    return EventView(
        anchor=f"{story_anchor}-e{index}",
        number=f"E{index}",
        headline=headline,
        type=type_,
        mode=mode,
        description=_description(type_, ctx.ontology),
        factuality=str(event.get("factuality", "")),
        score=_score(type_, mode, ctx.ontology),
        start=start,
        end=end,
        date=range_label(start, end),
        first_seen=event.get("first_seen"),
        documents=int(event.get("documents", len(mentions))),
        outlets=int(event.get("outlets", 0)),
        independent_sources=int(event.get("independent_sources", 0)),
        values=tables,
        clashes=_clashes(event.get("contradictions", []), ctx),
        trajectory=tuple(_step(s) for s in event.get("trajectory", [])),
        trajectory_text=str(event.get("trajectory_text", "")),
        mentions=tuple(_mention(m, ctx) for m in mentions),
        doc_factuality={m.get("document", ""): m.get("factuality", "") for m in mentions},
    )


def _description(type_: str, ontology: Ontology) -> str:
    found = ontology.types.get(type_)
    return " ".join(found.description.split()) if found else ""


def _score(type_: str, mode: str | None, ontology: Ontology) -> float | None:
    """The PLOVER score of the type, or of its mode when the mode has one; None if unknown."""
    try:
        return ontology.score(type_, mode)
    except ValueError:  # a mode the ontology does not list still has its type's score
        try:
            return ontology.score(type_)
        except ValueError:
            return None


def _event_dates(tables: Sequence[ValueTable]) -> tuple[str | None, str | None]:
    """The span covering every source's date: earliest start, latest end (ISO text)."""
    table = next((t for t in tables if t.attribute == "date"), None)
    if table is None:
        return None, None
    ends = [split_interval(r.raw) for r in table.rows]
    starts = [s for s, _ in ends if s]
    finals = [e for _, e in ends if e]
    open_start = any(s is None for s, _ in ends)
    open_end = any(e is None for _, e in ends)
    # ISO strings of different grains compare by their first day, which is what we want here
    start = None if open_start or not starts else min(starts)
    end = None if open_end or not finals else max(finals, key=_last_key)
    return start, end


def _last_key(iso: str) -> str:
    # "2025-05" ends after "2025-05-31": pad a coarser value to the end of its period
    return iso + "-99" * (2 - iso.count("-")) if "T" not in iso else iso


def _value_words(attribute: str, raw: str, ctx: _Context) -> str:
    if attribute == "date":
        return interval_label(raw)
    if attribute in ("participants", "location"):
        return ctx.names.in_text(raw)
    return raw


def _attribute_label(attribute: str) -> str:
    if attribute.startswith("count:"):
        return f"Count ({attribute.split(':', 1)[1]})"
    return attribute.capitalize()


def _value_table(table: Record, ctx: _Context) -> ValueTable:
    attribute = str(table.get("attribute", ""))
    worst: dict[str, str] = {}
    for c in table.get("comparisons", []):
        for side in ("a", "b"):
            value = c[side]["value"]
            worst[value] = max(worst.get(value, "agree"), c["relation"], key=_severity)
    rows = []
    for v in table.get("values", []):
        documents = tuple(v.get("documents", []))
        default = "agree" if len(documents) > 1 else "single"
        rows.append(
            ValueRow(
                value=_value_words(attribute, v["value"], ctx),
                raw=v["value"],
                documents=documents,
                relation=worst.get(v["value"], default),
            )
        )
    return ValueTable(
        attribute, _attribute_label(attribute), str(table.get("status", "")), tuple(rows)
    )


_SEVERITY = {"single": 0, "agree": 1, "precision": 2, "contradiction": 3}


def _severity(relation: str) -> int:
    return _SEVERITY.get(relation, 0)


def _clashes(contradictions: Sequence[Record], ctx: _Context) -> tuple[Clash, ...]:
    out = []
    for c in contradictions:
        attribute = str(c.get("attribute", ""))
        a, b = (
            ValueRow(
                value=_value_words(attribute, c[s]["value"], ctx),
                raw=c[s]["value"],
                documents=tuple(c[s].get("documents", [])),
                relation="contradiction",
            )
            for s in ("a", "b")
        )
        out.append(Clash(attribute, _attribute_label(attribute), a, b))
    return tuple(out)


def _step(step: Record) -> Step:
    return Step(
        document=str(step.get("document", "")),
        factuality=str(step.get("factuality", "")),
        written=_written_words(str(step.get("written", "unknown"))),
        dated=bool(step.get("dated", False)),
    )


def _written_words(text: str) -> str:
    """The fusion stage's "2025-05-13" / "before 2025-05-07" / "unknown" in words."""
    if text == "unknown":
        return "undated"
    for prefix in ("before ", "after "):
        if text.startswith(prefix):
            return prefix + date_label(text[len(prefix) :])
    if " to " in text:
        return range_label(*text.split(" to ", 1))
    return date_label(text)


def _mention(mention: Record, ctx: _Context) -> MentionView:
    name = str(mention.get("document", ""))
    evidence = list(mention.get("evidence", []))
    shown = ctx.limits.quotes_per_mention
    date = mention.get("date")
    return MentionView(
        document=name,
        outlet=_doc(name, ctx).outlet,
        written=_written_words(str(mention.get("written", "unknown"))),
        factuality=str(mention.get("factuality", "")),
        attribution=mention.get("attribution"),
        date=range_label(date.get("start"), date.get("end")) if date else None,
        quotes=tuple(_quote(name, ev) for ev in evidence[:shown]),
        more_quotes=max(len(evidence) - shown, 0),
    )


def _quote(document: str, evidence: Record) -> Quote:
    sentence = evidence.get("sentence")
    return Quote(
        document=document,
        text=str(evidence.get("text", "")),
        start=int(evidence.get("start", 0)),
        end=int(evidence.get("end", 0)),
        sentence=int(sentence) if isinstance(sentence, int) else None,
    )


def _coverage(names: Sequence[str], events: Sequence[EventView], ctx: _Context) -> Coverage:
    limits = ctx.limits
    shown = events[: limits.coverage_events]
    rows = tuple(
        (_doc(name, ctx), tuple(e.doc_factuality.get(name) for e in shown))
        for name in names[: limits.coverage_documents]
    )
    return Coverage(
        events=tuple((e.number, e.headline) for e in shown),
        rows=rows,
        more_documents=max(len(names) - limits.coverage_documents, 0),
        more_events=max(len(events) - limits.coverage_events, 0),
    )


# ---------------------------------------------------------------- charts' data


def _timeline(
    stories: Sequence[StoryView], limits: Limits
) -> tuple[tuple[TimelineItem, ...], tuple[UndatedItem, ...]]:
    items, undated = [], []
    for story in stories:
        lane_label = f"S{story.rank} {shorten(story.title, 38)}"
        for event in (*story.events, *story.more_events)[: limits.timeline_events_per_story]:
            start, end, basis = event.start or event.end, event.end, "event"
            if start is None and event.first_seen:
                start, end, basis = event.first_seen, None, "reported"
            if start is None:
                undated.append(
                    UndatedItem(
                        story.rank,
                        event.anchor,
                        event.headline,
                        event.factuality,
                        event.independent_sources,
                    )
                )
                continue
            items.append(
                TimelineItem(
                    lane=story.rank,
                    lane_label=lane_label,
                    anchor=event.anchor,
                    headline=event.headline,
                    start=start,
                    end=end,
                    basis=basis,
                    date=event.date if basis == "event" else f"reported {date_label(start)}",
                    factuality=event.factuality,
                    score=event.score,
                    independent_sources=event.independent_sources,
                )
            )
    return tuple(items), tuple(undated)


def _scored(event: Record, ctx: _Context) -> tuple[list[str], list[str], float | None, str | None]:
    """(actors, recipients, PLOVER score, when) of one fused event for the relation charts;
    the score is None for events the sources deny or only imagine."""
    type_, mode = str(event.get("type", "")), event.get("mode")
    real = event.get("factuality") not in UNREAL
    score = _score(type_, mode, ctx.ontology) if real else None
    when = _event_start(event) or event.get("first_seen")
    return list(event.get("actor", [])), list(event.get("recipient", [])), score, when


def _event_start(event: Record) -> str | None:
    for table in event.get("values", []):
        if table.get("attribute") == "date":
            starts = [s for v in table.get("values", []) if (s := split_interval(v["value"])[0])]
            return min(starts) if starts else None
    return None


def _notes(
    stories: Sequence[Record],
    full: Sequence[StoryView],
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    limits: Limits,
) -> tuple[str, ...]:
    notes = []
    if len(stories) > len(full):
        notes.append(
            f"The {len(full):,} best supported stories are shown in full; the other "
            f"{len(stories) - len(full):,} are listed under All stories."
        )
    if len(nodes) >= limits.graph_actors:
        notes.append(f"The actor graph shows the {limits.graph_actors} most active actors.")
    if len(edges) >= limits.graph_edges:
        notes.append(f"The actor graph shows the {limits.graph_edges} busiest relations.")
    return tuple(notes)
