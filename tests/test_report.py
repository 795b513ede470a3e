"""The briefing: what it says on the seeds, safety of the HTML, Markdown, edge cases and scale."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import tacitus.report as report
from tacitus.extract import extract_paths
from tacitus.fuse import fuse
from tacitus.records import ActorRef, Document, Event, Evidence
from tacitus.report import Limits, build_briefing, render_html, render_markdown, write_briefing
from tacitus.report.charts import figure_json, figures, spring_layout
from tacitus.report.format import interval_label, range_label
from tacitus.report.markdown import md
from tacitus.store import Store

SEEDS = ("000_fdd044de107bd1cf.txt", "001_cbd984d05f6a2ded.txt", "002_43a7806680cd8bf5.txt")


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seeds extracted once: documents, events by document id, and the stories as the store
    gives them back (JSON round-tripped)."""
    root = tmp_path_factory.mktemp("seeds")
    with Store(f"sqlite:///{root / 'store.db'}") as store:
        extract_paths([str(seeds_dir)], store)
        docs = list(store.documents())
        events = store.document_events([d.id for d in docs])
    stories = json.loads(json.dumps([s.to_dict() for s in fuse(docs, events)]))
    out = root / "out"
    paths = write_briefing(stories, docs, out)
    return {
        "docs": docs,
        "events": events,
        "stories": stories,
        "paths": paths,
        "html": paths[0].read_text(encoding="utf-8"),
        "md": paths[1].read_text(encoding="utf-8"),
        "briefing": build_briefing(stories, docs),
    }


def visit(briefing: report.Briefing) -> Any:
    return next(
        e for s in briefing.stories for e in s.events if e.type == "CONSULT" and e.mode == "visit"
    )


class Attributes(HTMLParser):
    """Every tag and its attributes (script contents are not parsed as tags)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Attributes()
    parser.feed(html)
    return parser.tags


# ---------------------------------------------------------------- the seeds


def test_writes_both_files(seeds: dict[str, Any]) -> None:
    assert [p.name for p in seeds["paths"]] == ["briefing.html", "briefing.md"]


def test_visit_is_one_event_supported_by_all_three_documents(seeds: dict[str, Any]) -> None:
    event = visit(seeds["briefing"])
    assert event.headline == "China → Russia: CONSULT (visit)"
    assert sorted(m.document for m in event.mentions) == list(SEEDS)
    assert event.documents == 3
    block = seeds["html"].split(f'id="{event.anchor}"', 1)[1].split('<div class="event', 1)[0]
    for name in SEEDS:
        assert name in block
    assert "#### E1. China → Russia: CONSULT (visit)" in seeds["md"]


def test_summary_says_what_when_who_and_how_many(seeds: dict[str, Any]) -> None:
    story = seeds["briefing"].stories[0]
    assert story.summary.startswith(
        "China → Russia: CONSULT (visit), 7–10 May 2025, 3 outlets, 3 independent sources"
    )
    assert "sources disagree on the date" in story.summary
    assert story.summary in seeds["md"]


def test_date_contradiction_shows_each_sources_value(seeds: dict[str, Any]) -> None:
    event = visit(seeds["briefing"])
    dates = next(t for t in event.values if t.attribute == "date")
    assert dates.status == "contradiction"
    rows = {r.value: (r.documents, r.relation) for r in dates.rows}
    assert rows == {
        "7–10 May 2025": ((SEEDS[0],), "contradiction"),
        "7–9 May 2025": ((SEEDS[1],), "contradiction"),
        "9 May 2025": ((SEEDS[2],), "precision"),
    }
    html = seeds["html"]
    for value, (docs, relation) in rows.items():
        assert re.search(
            rf'<tr class="{relation}"><td title="[^"]*">{value}</td><td><span class="docname">'
            rf"{re.escape(docs[0])}</span>",
            html,
        )
    assert f'Date: <b>7–10 May 2025</b> (<span class="docname">{SEEDS[0]}</span>)' in html
    text = seeds["md"]
    assert f"- Date: 7–10 May 2025 ({SEEDS[0]}) vs 7–9 May 2025 ({SEEDS[1]})" in text
    assert f"| 9 May 2025 (`2025-05-09`) | {SEEDS[2]} | less/more precise (compatible) |" in text


def test_trajectory_reads_possible_planned_asserted(seeds: dict[str, Any]) -> None:
    event = visit(seeds["briefing"])
    assert [(s.factuality, s.document) for s in event.trajectory] == [
        ("possible", SEEDS[2]),
        ("planned", SEEDS[0]),
        ("asserted", SEEDS[1]),
    ]
    assert re.search(
        rf"\*\*Factuality over time:\*\* possible \({SEEDS[2]}, [^)]*\) → planned \({SEEDS[0]}, "
        rf"[^)]*\) → asserted \({SEEDS[1]}, 13 May 2025\)",
        seeds["md"],
    )


def test_evidence_quotes_show_document_and_position(seeds: dict[str, Any]) -> None:
    quote = visit(seeds["briefing"]).mentions[1].quotes[1]
    assert (quote.document, quote.start, quote.end) == (SEEDS[0], 30, 238)
    assert f"{SEEDS[0]}, characters 30–238</span></blockquote>" in seeds["html"]
    assert f"— {SEEDS[0]}, characters 30–238" in seeds["md"]


def test_coverage_matrix_has_each_source_per_event(seeds: dict[str, Any]) -> None:
    coverage = seeds["briefing"].stories[0].coverage
    by_doc = {d.name: cells for d, cells in coverage.rows}
    assert [by_doc[name][0] for name in SEEDS] == ["planned", "asserted", "possible"]
    assert re.search(rf"\| {SEEDS[0]} \| planned \|", seeds["md"])


def test_charts_are_drawn_from_the_seeds(seeds: dict[str, Any]) -> None:
    b = seeds["briefing"]
    assert {"CHN", "RUS"} <= {n.code for n in b.nodes}
    china_russia = next(e for e in b.edges if (e.a, e.b) == ("CHN", "RUS"))
    assert china_russia.events >= 3 and china_russia.score > 0
    assert b.dyads[0].label == "China – Russia"
    assert set(figures(b)) == {"chart-timeline", "chart-actors", "chart-dyads"}
    for chart in figures(b):
        assert f'<div class="chart" id="{chart}"></div>' in seeds["html"]


def test_figures_follow_plotlys_schema(seeds: dict[str, Any]) -> None:
    go = pytest.importorskip("plotly.graph_objects")
    for figure in figures(seeds["briefing"]).values():
        go.Figure(figure)  # raises ValueError on any property plotly does not know


# ---------------------------------------------------------------- self-contained and safe


def test_html_asks_for_nothing_over_the_network(seeds: dict[str, Any]) -> None:
    html = seeds["html"]
    found = tags(html)
    for tag, attrs in found:
        for name in ("src", "href", "action", "data", "poster"):
            value = attrs.get(name) or ""
            assert not re.match(r"(?i)\s*(https?:|//|ftp:)", value), (tag, name, value)
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        if tag == "script":
            assert "src" not in attrs
    csp = next(a["content"] for t, a in found if a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp
    assert "Plotly" in html  # plotly.js itself is inline


def hostile_story() -> tuple[list[dict[str, Any]], list[Document]]:
    evil = "<script>alert('quote')</script> & <b>bold</b> | *stars* [link](http://x)"
    doc = Document(id="d1", name="<img src=x onerror=alert(1)>.txt", source="x", text="")
    mention = {
        "document": doc.name,
        "doc_id": doc.id,
        "event_id": "e1",
        "type": "ACCUSE",
        "mode": None,
        "factuality": "asserted",
        "attribution": "</script><script>alert('who')</script>",
        "date": {"start": "2025-05-09", "end": "2025-05-09", "text": "9 May"},
        "actor": ["CHN"],
        "recipient": ["</script><script>alert(2)</script>"],
        "location": None,
        "evidence": [{"text": evil, "start": 0, "end": len(evil)}],
        "written": "unknown",
    }
    event = {
        "id": "f1",
        "type": "ACCUSE",
        "mode": None,
        "factuality": "asserted",
        "actor": ["CHN"],
        "recipient": ["</script><script>alert(2)</script>"],
        "documents": 1,
        "outlets": 1,
        "independent_sources": 1,
        "mentions": [mention],
        "values": [
            {
                "attribute": "date",
                "status": "single",
                "values": [{"value": "2025-05-09", "documents": [doc.name]}],
                "comparisons": [],
            }
        ],
        "contradictions": [],
        "trajectory": [],
        "trajectory_text": "",
        "first_seen": None,
    }
    story = {
        "id": "s1",
        "title": "</script><script>alert('title')</script>",
        "documents": [doc.name],
        "doc_ids": [doc.id],
        "outlets": 1,
        "independent_sources": 1,
        "first": None,
        "last": None,
        "events": [event],
    }
    return [story], [doc]


def test_article_text_is_escaped_everywhere(tmp_path: Path) -> None:
    stories, docs = hostile_story()
    html_path, md_path = write_briefing(stories, docs, tmp_path)
    html = html_path.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
    assert "<img" not in html
    # only the page's own scripts: plotly, the figure data and the page script
    assert len(re.findall(r"(?i)<script", html)) == 3
    safe = figure_json(figures(build_briefing(stories, docs))["chart-timeline"])
    assert "</script" not in safe and "\\u003c/script\\u003e" in safe
    data = html.split('<script type="application/json" id="briefing-figures">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "<" not in data and "\\u003c/script\\u003e" in data
    assert json.loads(data)["chart-timeline"]["layout"]["yaxis"]["ticktext"][0].startswith(
        "S1 </script>"
    )
    text = md_path.read_text(encoding="utf-8")
    assert "\\<script\\>alert('quote')\\</script\\> &amp; \\<b\\>bold\\</b\\> \\|" in text
    # a backslash makes CommonMark show the next character as it is
    assert "\\<img src=x onerror=alert(1)\\>.txt" in text
    assert re.search(r"(?<!\\)<", text) is None


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`"),
        ("000_abc.txt", "000_abc.txt"),
        ("[a](b)", "\\[a\\](b)"),
        ("line\nbreak", "line break"),
        ("# title", "\\# title"),
        (None, ""),
    ],
)
def test_markdown_escaping(text: str | None, escaped: str) -> None:
    assert md(text) == escaped


def test_output_is_byte_identical_across_runs(seeds: dict[str, Any], tmp_path: Path) -> None:
    again = write_briefing(seeds["stories"], seeds["docs"], tmp_path)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in seeds["paths"]]


# ---------------------------------------------------------------- edge cases


def test_empty_corpus(tmp_path: Path) -> None:
    html_path, md_path = write_briefing([], [], tmp_path / "new" / "dir")
    html, text = html_path.read_text(encoding="utf-8"), md_path.read_text(encoding="utf-8")
    assert "No stories: the corpus has no documents to brief." in html
    assert "No dated events to place on a timeline." in html
    assert len(html) < 100_000  # nothing to draw, so no 4.9 MB of plotly.js
    assert "0 documents · 0 stories · 0 fused events" in text
    assert "_No stories: the corpus has no documents to brief._" in text


def test_one_document(seeds: dict[str, Any], tmp_path: Path) -> None:
    doc = next(d for d in seeds["docs"] if d.name == SEEDS[1])
    stories = [s.to_dict() for s in fuse([doc], seeds["events"])]
    html_path, md_path = write_briefing(stories, [doc], tmp_path)
    b = build_briefing(stories, [doc])
    assert len(b.stories) == 1 and b.stories[0].document_count == 1
    assert all(e.documents == 1 and not e.clashes for e in b.stories[0].events)
    assert "1 document from 1 outlet, written 13 May 2025" in md_path.read_text(encoding="utf-8")
    assert 'id="chart-timeline"' in html_path.read_text(encoding="utf-8")


def test_story_without_events(tmp_path: Path) -> None:
    doc = Document(id="d1", name="quiet.txt", source="quiet.txt", text="Nothing happened.")
    story = {"id": "x", "title": None, "documents": ["quiet.txt"], "doc_ids": ["d1"],
             "outlets": 1, "independent_sources": 1, "first": None, "last": None, "events": []}  # fmt: skip
    b = build_briefing([story], [doc])
    assert b.stories[0].summary == "No coded events; 1 document."
    assert b.stories[0].title == "Story x"
    html_path, md_path = write_briefing([story], [doc], tmp_path)
    assert "No coded events in this story's documents." in html_path.read_text(encoding="utf-8")
    assert "_No coded events in this story's documents._" in md_path.read_text(encoding="utf-8")


def undated_corpus() -> tuple[list[Document], dict[str, list[Event]]]:
    docs, events = [], {}
    for i, text in enumerate(["Xi met Putin.", "Putin and Xi met.", "Biden criticised Putin."]):
        doc = Document(id=f"d{i}", name=f"undated{i}.txt", source="x", text=text)
        type_, actor = ("CONSULT", "CHN") if i < 2 else ("ACCUSE", "USA")
        docs.append(doc)
        events[doc.id] = [
            Event(doc=doc.id, id=f"e{i}", type=type_, mode=None,
                  actor=(ActorRef(actor, actor, actor),), recipient=(ActorRef("RUS", "RUS", "RUS"),),
                  date=None, location=None, factuality="asserted", attribution=None,
                  evidence=(Evidence(text, 0, len(text)),), confidence=0.5)
        ]  # fmt: skip
    return docs, events


def test_documents_and_events_without_dates(tmp_path: Path) -> None:
    docs, events = undated_corpus()
    stories = [s.to_dict() for s in fuse(docs, events)]
    b = build_briefing(stories, docs)
    assert b.timeline == () and len(b.undated) == 2
    assert b.undated_documents == 3 and b.period == ""
    assert all(d.written == "undated" for s in b.stories for d in s.documents)
    assert b.edges and all(not p for d in b.dyads for p in d.points)
    html_path, md_path = write_briefing(stories, docs, tmp_path)
    html, text = html_path.read_text(encoding="utf-8"), md_path.read_text(encoding="utf-8")
    assert "No dated events to place on a timeline." in html and "<h4>Undated</h4>" in html
    assert 'id="chart-actors"' in html and 'id="chart-timeline"' not in html
    assert "Undated events:" in text and "| S1 | China → Russia: CONSULT | asserted | 2 |" in text
    assert "(3 undated documents)" in text


# ---------------------------------------------------------------- scale


def synthetic(n: int) -> tuple[list[dict[str, Any]], list[Document]]:
    """`n` one-document stories, each with one dated event between two of 60 states."""
    codes = [f"S{i:02d}" for i in range(60)]
    kinds = [("CONSULT", "visit"), ("ACCUSE", None), ("AID", None), ("ASSAULT", None)]
    stories, docs = [], []
    for i in range(n):
        name = f"doc{i:05d}.txt"
        day = dt.date(2025, 1, 1) + dt.timedelta(days=i % 180)
        docs.append(Document(id=f"id{i}", name=name, source=name, text="", published=day,
                             outlet=f"Outlet {i % 300}"))  # fmt: skip
        type_, mode = kinds[i % 4]
        actor, recipient = codes[i % 60], codes[(i * 7 + 1) % 60]
        evidence = [{"text": f"Sentence {i} about {actor} and {recipient}.", "start": 0, "end": 30}]
        mention = {"document": name, "doc_id": f"id{i}", "event_id": f"e{i}", "type": type_,
                   "mode": mode, "factuality": "asserted", "attribution": None,
                   "date": {"start": day.isoformat(), "end": day.isoformat(), "text": None},
                   "actor": [actor], "recipient": [recipient], "location": None,
                   "evidence": evidence, "written": day.isoformat()}  # fmt: skip
        event = {"id": f"f{i}", "type": type_, "mode": mode, "factuality": "asserted",
                 "actor": [actor], "recipient": [recipient], "documents": 1, "outlets": 1,
                 "independent_sources": 1, "mentions": [mention],
                 "values": [{"attribute": "date", "status": "single", "comparisons": [],
                             "values": [{"value": day.isoformat(), "documents": [name]}]}],
                 "contradictions": [], "trajectory": [], "trajectory_text": "",
                 "first_seen": day.isoformat()}  # fmt: skip
        stories.append({"id": f"s{i}", "title": f"Story number {i}", "documents": [name],
                        "doc_ids": [f"id{i}"], "outlets": 1, "independent_sources": 1,
                        "first": day.isoformat(), "last": day.isoformat(), "events": [event]})  # fmt: skip
    return stories, docs


def test_ten_thousand_documents_stay_readable(tmp_path: Path) -> None:
    stories, docs = synthetic(10_000)
    started = time.perf_counter()
    html_path, md_path = write_briefing(stories, docs, tmp_path, top=20)
    seconds = time.perf_counter() - started
    html = html_path.read_text(encoding="utf-8")
    assert html.count('<article class="story"') == 20
    assert html.count('<tr id="s') == 9_980  # the rest, one row each, paged in the page
    assert 'id="s10000"' in html and "Stories 21 to 10000" in html
    b = build_briefing(stories, docs, top=20)
    assert len(b.nodes) == 40 and len(b.edges) <= 120 and len(b.dyads) == 8
    assert len(b.timeline) == 20
    assert "The actor graph shows the 40 most active actors." in b.notes
    size = html_path.stat().st_size
    assert size < 12_000_000, size  # plotly.js is 4.9 MB of it
    assert md_path.stat().st_size < 4_000_000
    assert seconds < 60, seconds  # about 3 s on a quiet laptop core


def test_limits_cap_what_is_shown_in_full(seeds: dict[str, Any]) -> None:
    limits = Limits(events_in_full=2, quotes_per_mention=1, coverage_events=3)
    b = build_briefing(seeds["stories"], seeds["docs"], limits=limits)
    story = b.stories[0]
    total = len(seeds["stories"][0]["events"])
    assert len(story.events) == 2 and len(story.more_events) == total - 2
    assert all(len(m.quotes) <= 1 for e in story.events for m in e.mentions)
    assert story.coverage.more_events == total - 3
    text = render_markdown(b)
    assert "**Other events in this story**" in text
    assert 'id="s1-e3"' in render_html(b)


# ---------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ("2025-05-07", "2025-05-10", "7–10 May 2025"),
        ("2025-05-09", "2025-05-09", "9 May 2025"),
        ("2025-04-28", "2025-05-03", "28 April – 3 May 2025"),
        ("2024-12-30", "2025-01-02", "30 December 2024 – 2 January 2025"),
        ("2025-05", "2025-06", "May–June 2025"),
        ("2022", None, "since 2022"),
        (None, "2030", "until 2030"),
        (None, None, "undated"),
        ("2025", "2027", "2025–2027"),
        ("2025-05", "2025-05-09", "May 2025 – 9 May 2025"),
        ("2025-05-09T15:30", "2025-05-09T15:30", "9 May 2025, 15:30"),
        ("soon", "soon", "soon"),
    ],
)
def test_range_label(start: str | None, end: str | None, label: str) -> None:
    assert range_label(start, end) == label


def test_interval_label_reads_the_fusion_stages_values() -> None:
    assert interval_label("2025-05-07/2025-05-10") == "7–10 May 2025"
    assert interval_label("2022/..") == "since 2022"
    assert interval_label("../2030") == "until 2030"


def test_spring_layout_is_deterministic_and_bounded() -> None:
    codes = [f"A{i}" for i in range(12)]
    links = [(codes[i], codes[(i + 1) % 12], i + 1) for i in range(12)]
    first = spring_layout(codes, links)
    assert first == spring_layout(codes, links)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in first.values())
    assert spring_layout([], []) == {}


def test_public_surface() -> None:
    assert sorted(report.__all__) == [
        "Briefing",
        "Limits",
        "build_briefing",
        "render_html",
        "render_markdown",
        "write_briefing",
    ]
