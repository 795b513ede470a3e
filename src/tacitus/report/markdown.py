"""The briefing as Markdown: the same content as the HTML page, as text and tables.

In: a `Briefing`. Out: GitHub-flavoured Markdown; charts become tables (timeline, relations,
dyads over time). Text from the articles is escaped so that it reads as written: no HTML tag,
link, emphasis or table cell boundary in a quote takes effect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tacitus.report.briefing import Briefing, EventView, MentionView, StoryView
from tacitus.report.format import actor_names, plural, score_label, shorten

_SPECIAL = re.compile(r"([\\`*\[\]<>|#])")
# an underscore only emphasises at a word boundary; inside names (000_abc.txt) it is left alone
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
RELATION_WORDS = {
    "single": "one source",
    "agree": "agree",
    "precision": "less/more precise (compatible)",
    "contradiction": "**CONTRADICTION**",
}


def md(text: str | None) -> str:
    """`text` escaped for Markdown, on one line."""
    text = " ".join((text or "").split()).replace("&", "&amp;")
    return _UNDERSCORE.sub(r"\\_", _SPECIAL.sub(r"\\\1", text))


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(briefing: Briefing) -> str:
    """The Markdown briefing (deterministic: the same briefing gives the same text)."""
    b = briefing
    lines = [f"# {md(b.title)}", "", _overview(b), ""]
    lines += _top(b)
    lines += _timeline(b)
    lines += _relations(b)
    lines += _dyads(b)
    lines += ["## Stories in full", ""]
    for story in b.stories:
        lines += _story(story)
    if not b.stories:
        lines += ["_No stories._", ""]
    lines += _rest(b)
    return "\n".join(lines).rstrip("\n") + "\n"


def _overview(b: Briefing) -> str:
    text = plural(b.document_count, "document")
    if b.outlet_count:
        text += f" from {plural(b.outlet_count, 'outlet')}"
    if b.period:
        text += f", written {b.period}"
    if b.undated_documents:
        text += f" ({plural(b.undated_documents, 'undated document')})"
    return (
        f"{text} · {plural(b.story_count, 'story', 'stories')} · "
        f"{plural(b.event_count, 'fused event')}"
    )


def _top(b: Briefing) -> list[str]:
    lines = ["## Top stories", ""]
    for s in b.stories:
        clash = f" — {plural(s.clashes, 'contradiction')}" if s.clashes else ""
        lines.append(f"{s.rank}. **S{s.rank}. {md(s.title)}**{clash}  ")
        lines.append(f"   {md(s.summary)}  ")
        lines.append(f"   _{md(_story_meta(s))}_")
    if not b.stories:
        lines.append("_No stories: the corpus has no documents to brief._")
    lines.append("")
    lines += [f"> {md(n)}" for n in b.notes]
    return [*lines, ""] if b.notes else lines


def _story_meta(s: StoryView) -> str:
    return (
        f"{s.period} · {plural(s.document_count, 'document')} · {plural(s.outlets, 'outlet')} · "
        f"{plural(s.independent_sources, 'independent source')}"
    )


def _timeline(b: Briefing) -> list[str]:
    lines = ["## Timeline", ""]
    items = sorted(b.timeline, key=lambda t: (t.start, t.lane, t.anchor))
    if items:
        lines.append(
            "Events of the top stories by date (the sources' dates, else when first reported)."
        )
        lines.append("")
        lines += table(
            ["Date", "Story", "Event", "Factuality", "Independent sources", "PLOVER score"],
            (
                [md(t.date), f"S{t.lane}", md(t.headline), t.factuality,
                 str(t.independent_sources), score_label(t.score)]
                for t in items
            ),
        )  # fmt: skip
    else:
        lines += ["_No dated events._", ""]
    if b.undated:
        lines += ["Undated events:", ""]
        lines += table(
            ["Story", "Event", "Factuality", "Independent sources"],
            ([f"S{u.lane}", md(u.headline), u.factuality, str(u.independent_sources)]
             for u in b.undated),
        )  # fmt: skip
    return lines


def _relations(b: Briefing) -> list[str]:
    lines = ["## Actors and their relations", ""]
    if not b.edges:
        return [*lines, "_No scored events between actors._", ""]
    names = actor_names()
    lines.append(
        "Mean PLOVER conflict–cooperation score (−10 to +10) of the events between two actors."
    )
    lines.append("")
    return lines + table(
        ["Actors", "Events", "Mean score"],
        ([md(f"{names.name(e.a)} – {names.name(e.b)}"), str(e.events), score_label(e.score)]
         for e in b.edges),
    )  # fmt: skip


def _dyads(b: Briefing) -> list[str]:
    lines = ["## Cooperation and conflict over time", ""]
    rows = [
        [md(d.label), md(p.label), str(p.events), score_label(p.score)]
        for d in b.dyads
        for p in d.points
    ]
    rows += [[md(d.label), "not placed in time", str(d.undated), ""] for d in b.dyads if d.undated]
    if not rows:
        return [*lines, "_No dyads with scored events._", ""]
    return lines + table(["Dyad", "Period", "Events", "Mean score"], rows)


def _story(s: StoryView) -> list[str]:
    lines = [f"### S{s.rank}. {md(s.title)}", "", md(s.summary), "", f"_{md(_story_meta(s))}_", ""]
    lines += ["**Sources**", ""]
    lines += table(
        ["Document", "Title", "Outlet", "Written"],
        ([md(d.name), md(d.title), md(d.outlet or "unknown"), md(d.written)] for d in s.documents),
    )
    if s.more_documents:
        lines += [f"and {plural(s.more_documents, 'more document')}.", ""]
    if s.coverage.events:
        lines += ["**Coverage** (factuality with which each source reports each event)", ""]
        lines += table(
            ["Source", *(n for n, _ in s.coverage.events)],
            ([md(d.name), *(c or "" for c in cells)] for d, cells in s.coverage.rows),
        )
    for event in s.events:
        lines += _event(event)
    if not s.events:
        lines += ["_No coded events in this story's documents._", ""]
    if s.more_events:
        lines += ["**Other events in this story**", ""]
        lines += table(
            ["#", "Event", "Factuality", "Date", "Docs", "Indep.", "First evidence"],
            ([e.number, md(e.headline), e.factuality, md(e.date), str(e.documents),
              str(e.independent_sources), _first_quote(e)] for e in s.more_events),
        )  # fmt: skip
    return lines


def _first_quote(e: EventView) -> str:
    quote = next((q for m in e.mentions for q in m.quotes), None)
    if quote is None:
        return ""
    return f"“{md(shorten(quote.text, 160))}” — {md(quote.document)}, {quote.position}"


def _event(e: EventView) -> list[str]:
    lines = [f"#### {e.number}. {md(e.headline)} — {e.factuality}", ""]
    mode = f" / {md(e.mode)}" if e.mode else ""
    lines += [
        f"{e.type}{mode} · PLOVER score {score_label(e.score)} · {md(e.date)} · "
        f"{plural(e.documents, 'document')}, {plural(e.outlets, 'outlet')}, "
        f"{plural(e.independent_sources, 'independent source')}",
        "",
    ]
    if e.clashes:
        lines += ["**Contradictions:**", ""]
        lines += [
            f"- {c.label}: {md(c.a.value)} ({md(', '.join(c.a.documents))}) vs "
            f"{md(c.b.value)} ({md(', '.join(c.b.documents))})"
            for c in e.clashes
        ]
        lines.append("")
    if len(e.trajectory) > 1:
        steps = " → ".join(
            f"{s.factuality} ({md(s.document)}, {md(s.written)})" for s in e.trajectory
        )
        lines += [f"**Factuality over time:** {steps}", ""]
    for t in e.values:
        lines += table(
            [md(t.label), "Sources", "Relation"],
            ([f"{md(r.value)} (`{md(r.raw)}`)" if t.attribute == "date" else md(r.value),
              md(", ".join(r.documents)), RELATION_WORDS.get(r.relation, r.relation)]
             for r in t.rows),
        )  # fmt: skip
    lines += ["**Evidence**", ""]
    for m in e.mentions:
        lines += _mention_lines(m)
    return [*lines, ""]


def _mention_lines(m: MentionView) -> list[str]:
    head = f"- **{md(m.document)}**"
    if m.outlet:
        head += f" ({md(m.outlet)})"
    head += f" · {m.factuality} · written {md(m.written)}"
    if m.attribution:
        who = "unnamed sources" if m.attribution == "unnamed" else m.attribution
        head += f" · according to {md(who)}"
    if m.date:
        head += f" · date given: {md(m.date)}"
    lines = [head]
    lines += [f"  > “{md(q.text)}” — {md(q.document)}, {q.position}" for q in m.quotes]
    if m.more_quotes:
        lines.append(f"  > and {plural(m.more_quotes, 'more sentence')} in this document.")
    return lines


def _rest(b: Briefing) -> list[str]:
    if not b.rest:
        return []
    lines = [
        "## All stories",
        "",
        f"Stories {len(b.stories) + 1} to {b.story_count}, best supported first.",
        "",
    ]
    return lines + table(
        ["#", "Story", "When", "Docs", "Outlets", "Indep."],
        ([str(r.rank), f"**{md(r.title)}** {md(r.summary)}", md(r.period), str(r.documents),
          str(r.outlets), str(r.independent_sources)] for r in b.rest),
    )  # fmt: skip
