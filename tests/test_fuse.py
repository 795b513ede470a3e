"""Fusion across sources: fused events, independent sources, values, trajectories, stories."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tacitus.errors import ConfigError
from tacitus.extract import extract_paths
from tacitus.fuse import FusedEvent, Story, extract_quantities, fuse, source_groups
from tacitus.fuse.blocking import block_pairs
from tacitus.fuse.content import load_settings
from tacitus.fuse.fusion import Item, compatible, make_item
from tacitus.fuse.sources import Written, written
from tacitus.fuse.trajectory import View, trajectory, trajectory_text
from tacitus.fuse.values import compare_dates, compare_participants, date_span
from tacitus.ingest.fingerprint import minhash
from tacitus.records import ActorRef, DateValue, Document, Event, Evidence, PublishedBounds
from tacitus.store import Store

D = dt.date


def doc(
    name: str,
    *,
    published: dt.date | None = None,
    before: dt.date | None = None,
    agency: str | None = None,
    outlet: str | None = None,
    copy_of: tuple[str, ...] = (),
    text: str | None = None,
) -> Document:
    body = text or " ".join(f"{name}{i}" for i in range(40))  # unlike any other document
    return Document(
        id=f"id-{name}",
        name=name,
        source=f"/corpus/{name}",
        text=body,
        outlet=outlet,
        agency=agency,
        published=published,
        published_bounds=PublishedBounds(None, before, "test") if before else None,
        copy_of=copy_of,
        fingerprint=minhash(body),
    )


def actor(code: str) -> ActorRef:
    return ActorRef(code=code, name=code, text=code)


def event(
    document: Document,
    eid: str,
    type_: str = "CONSULT",
    *,
    mode: str | None = "visit",
    actors: tuple[str, ...] = ("CHN",),
    recipients: tuple[str, ...] = ("RUS",),
    date: tuple[str | None, str | None] | None = None,
    factuality: str = "asserted",
    location: str | None = None,
    evidence: str = "Xi visited Russia.",
) -> Event:
    return Event(
        doc=document.id,
        id=eid,
        type=type_,
        mode=mode,
        actor=tuple(actor(c) for c in actors),
        recipient=tuple(actor(c) for c in recipients),
        date=DateValue(date[0], date[1], None) if date else None,
        location=location,
        factuality=factuality,
        attribution=None,
        evidence=(Evidence(evidence, 0, len(evidence)),),
        confidence=0.9,
    )


def by_doc(*events: Event) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = {}
    for e in events:
        out.setdefault(e.doc, []).append(e)
    return out


def multi(stories: list[Story]) -> list[FusedEvent]:
    """Fused events supported by two or more documents, across all stories."""
    return [e for s in stories for e in s.events if e.sources.documents >= 2]


# ---------------------------------------------------------------- fused events


def test_planned_and_asserted_visit_fuse_and_keep_every_mention() -> None:
    a = doc("a", before=D(2025, 5, 7))
    b = doc("b", published=D(2025, 5, 13))
    ea = event(
        a, "e1", date=("2025-05-07", "2025-05-10"), factuality="planned", evidence="Xi will visit."
    )
    eb = event(b, "e2", date=("2025-05-07", "2025-05-09"), evidence="Xi visited Moscow.")
    stories = fuse([a, b], by_doc(ea, eb))
    assert len(stories) == 1
    [fused] = multi(stories)
    assert {(m.document, m.event_id) for m in fused.mentions} == {("a", "e1"), ("b", "e2")}
    mention = next(m for m in fused.mentions if m.document == "a")
    assert mention.evidence[0].text == "Xi will visit."
    assert mention.factuality == "planned"
    assert mention.date == DateValue("2025-05-07", "2025-05-10", None)
    assert (mention.actor, mention.recipient) == (("CHN",), ("RUS",))
    assert fused.factuality == "asserted"
    json.dumps(stories[0].to_dict())  # JSON-ready


def test_future_agree_matches_planned_consult_but_not_asserted_consult() -> None:
    a, b = doc("a", published=D(2025, 4, 1)), doc("b", published=D(2025, 4, 2))
    agree = event(a, "e1", "AGREE", mode=None)
    planned = event(b, "e2", factuality="planned")
    asserted = event(b, "e3")
    times = {d.id: written(d) for d in (a, b)}

    def item(e: Event) -> Item:
        return make_item(e.doc, e, times[e.doc])

    assert compatible(item(agree), item(planned))
    assert not compatible(item(agree), item(asserted))


@pytest.mark.parametrize(
    ("other", "fused"),
    [
        ({"type_": "ASSAULT", "mode": None}, False),  # another type
        ({"mode": "multilateral"}, False),  # another mode
        ({"mode": None}, True),  # unstated mode
        ({"actors": ("USA",), "recipients": ("IRN",)}, False),  # other participants
        ({"actors": ("CHN", "RUS"), "recipients": ()}, True),  # same pair, no roles
        ({"date": ("2025-05-08", "2025-05-08")}, True),  # inside the span
        ({"date": ("2025-05-20", "2025-05-21")}, True),  # a visit: within 14 days
        ({"date": ("2025-06-20", "2025-06-21")}, False),  # a visit: too far
        ({"date": None}, True),  # undated
    ],
)
def test_compatibility_rules(other: dict[str, object], fused: bool) -> None:
    a, b = doc("a", published=D(2025, 5, 10)), doc("b", published=D(2025, 5, 12))
    ea = event(a, "e1", date=("2025-05-07", "2025-05-10"))
    kwargs: dict[str, object] = {"date": ("2025-05-07", "2025-05-10"), **other}
    eb = event(b, "e2", **kwargs)  # type: ignore[arg-type]
    assert bool(multi(fuse([a, b], by_doc(ea, eb)))) is fused


def test_dates_need_to_overlap_when_not_a_visit() -> None:
    a, b = doc("a", published=D(2025, 5, 10)), doc("b", published=D(2025, 5, 12))
    ea = event(a, "e1", "ASSAULT", mode=None, date=("2025-05-07", "2025-05-07"))
    eb = event(b, "e2", "ASSAULT", mode=None, date=("2025-05-09", "2025-05-09"))
    assert not multi(fuse([a, b], by_doc(ea, eb)))


def test_undated_mentions_fuse_only_within_the_window() -> None:
    a, b = doc("a", published=D(2025, 1, 1)), doc("b", published=D(2025, 6, 1))
    assert not multi(fuse([a, b], by_doc(event(a, "e1"), event(b, "e2"))))


def test_one_mention_per_document_and_best_match_wins() -> None:
    a, b = doc("a", published=D(2025, 5, 10)), doc("b", published=D(2025, 5, 11))
    vague = event(a, "e1", mode=None, actors=("CHN", "RUS"), recipients=())
    exact = event(a, "e2", date=("2025-05-09", "2025-05-09"), location="RUS")
    other = event(b, "e3", date=("2025-05-09", "2025-05-09"), location="RUS")
    [fused] = multi(fuse([a, b], by_doc(vague, exact, other)))
    assert {m.event_id for m in fused.mentions} == {"e2", "e3"}


# ---------------------------------------------------------------- independent sources


def test_two_copies_and_one_independent_are_two_sources() -> None:
    a = doc("a", published=D(2025, 5, 10), outlet="Outlet A", copy_of=("id-b",))
    b = doc("b", published=D(2025, 5, 10), outlet="Outlet B", copy_of=("id-a",))
    c = doc("c", published=D(2025, 5, 11), outlet="Outlet C")
    events = by_doc(event(a, "e1"), event(b, "e2"), event(c, "e3"))
    [fused] = multi(fuse([a, b, c], events))
    assert (fused.sources.documents, fused.sources.outlets) == (3, 3)
    assert fused.sources.independent_sources == 2


def test_a_shared_wire_credit_is_one_source() -> None:
    docs = [
        doc("a", published=D(2025, 5, 10), outlet="Le Monde", agency="AFP"),
        doc("b", published=D(2025, 5, 10), outlet="France 24", agency="afp "),
        doc("c", published=D(2025, 5, 10), outlet="RFI", agency="AFP"),
    ]
    groups = source_groups(docs)
    assert len(set(groups.values())) == 1
    [fused] = multi(fuse(docs, by_doc(*(event(d, f"e{i}") for i, d in enumerate(docs)))))
    assert (fused.sources.outlets, fused.sources.independent_sources) == (3, 1)


def test_a_copy_outside_the_corpus_does_not_merge_sources() -> None:
    a = doc("a", copy_of=("id-elsewhere",))
    b = doc("b", copy_of=("id-elsewhere",))
    assert len(set(source_groups([a, b]).values())) == 2


# ---------------------------------------------------------------- values and contradictions


def span(start: str | None, end: str | None = "same") -> object:
    value = date_span(DateValue(start, start if end == "same" else end))
    assert value is not None
    return value


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (("2025-05-08",), ("2025-05-08",), "agree"),
        (("2025-05",), ("2025-05-01", "2025-05-31"), "agree"),
        (("2025-05",), ("2025-05-08",), "precision"),
        (("2025",), ("2025-05-08",), "precision"),
        (("2025",), ("2025-05",), "precision"),
        (("2022", None), ("2025-05-08",), "precision"),  # open "since 2022"
        (("2025-05-09",), ("2025-05-07", "2025-05-10"), "precision"),  # one day of the span
        (("2025-05-07", "2025-05-10"), ("2025-05-07", "2025-05-09"), "contradiction"),
        (("2025-05-08", "2025-05-10"), ("2025-05-07", "2025-05-09"), "contradiction"),
        (("2025-05-07",), ("2025-05-08",), "contradiction"),
        (("2025-05",), ("2025-06-02",), "contradiction"),
        (("2025-05-08T15:30",), ("2025-05-08T15:35",), "contradiction"),
        (("2025-05-08",), ("2025-05-08T15:35",), "precision"),
    ],
)
def test_date_relations(a: tuple[str, ...], b: tuple[str, ...], relation: str) -> None:
    sa, sb = span(*a), span(*b)
    assert compare_dates(sa, sb) == relation  # type: ignore[arg-type]
    assert compare_dates(sb, sa) == relation  # type: ignore[arg-type]


def test_participant_relations() -> None:
    assert compare_participants((("CHN",), ("RUS",)), (("CHN",), ("RUS",))) == "agree"
    assert compare_participants((("CHN",), ("RUS",)), (("CHN", "RUS"), ())) == "precision"
    assert compare_participants((("CHN",), ("RUS",)), (("CHN",), ())) == "precision"
    assert compare_participants((("CHN",), ("RUS",)), (("RUS",), ("CHN",))) == "contradiction"
    assert compare_participants((("CHN",), ("RUS",)), (("CHN",), ("USA",))) == "contradiction"


def test_value_table_lists_each_sources_value() -> None:
    a, b, c = (doc(n, published=D(2025, 5, 14)) for n in "abc")
    events = by_doc(
        event(a, "e1", date=("2025-05-07", "2025-05-10"), location="RUS"),
        event(b, "e2", date=("2025-05-07", "2025-05-09"), location="RUS"),
        event(c, "e3", date=("2025-05", "2025-05"), location="RUS"),
    )
    [fused] = multi(fuse([a, b, c], events))
    dates = fused.value("date")
    assert dates is not None and dates.status == "contradiction"
    assert {(v.value, v.documents) for v in dates.values} == {
        ("2025-05-07/2025-05-10", ("a",)),
        ("2025-05-07/2025-05-09", ("b",)),
        ("2025-05", ("c",)),
    }
    relations = {frozenset((c.a.value, c.b.value)): c.relation for c in dates.comparisons}
    assert relations[frozenset(("2025-05-07/2025-05-10", "2025-05-07/2025-05-09"))] == (
        "contradiction"
    )
    assert relations[frozenset(("2025-05", "2025-05-07/2025-05-09"))] == "precision"
    location = fused.value("location")
    assert location is not None and location.status == "agree"
    assert location.values[0].documents == ("a", "b", "c")
    assert [attr for attr, _ in fused.contradictions] == ["date"]


def test_counts_compared_across_sources() -> None:
    a, b, c = (doc(n, published=D(2025, 5, 14)) for n in "abc")
    events = by_doc(
        event(a, "e1", evidence="They signed more than 20 cooperation agreements."),
        event(b, "e2", evidence="They signed 24 agreements and sent 76 aircraft."),
        event(c, "e3", evidence="They signed 18 agreements."),
    )
    [fused] = multi(fuse([a, b, c], events))
    counts = fused.value("count:agreement")
    assert counts is not None
    relations = {frozenset((c.a.value, c.b.value)): c.relation for c in counts.comparisons}
    assert relations[frozenset(("more than 20 agreement", "24 agreement"))] == "precision"
    assert relations[frozenset(("24 agreement", "18 agreement"))] == "contradiction"
    assert relations[frozenset(("more than 20 agreement", "18 agreement"))] == "contradiction"
    aircraft = fused.value("count:aircraft")
    assert aircraft is not None and aircraft.status == "single"


# ---------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("With more than 20 cooperation agreements signed", [(20, "agreement", "more than")]),
        ("China sent 76 aircraft and 15 ships", [(76, "aircraft", None), (15, "ship", None)]),
        ("Trade reached $245 billion last year", [(245e9, "USD", None)]),
        ("about 1,200 troops", [(1200, "troop", "about")]),
        ("two hundred people fled", [(200, "person", None)]),
        ("Three journalists were detained", [(3, "journalist", None)]),
        ("a three-day ceasefire", [(3, "day", None)]),
        ("dozens of drones", [(24, "drone", "dozens")]),
        ("growth of 5% and 12 per cent", [(5, "%", None), (12, "%", None)]),
        ("Xi visited on May 7–9, 2025, and on 9 May", []),  # dates
        ("the 80th anniversary in 1945", []),  # ordinal, year
        ("at 15:30 local time", []),  # clock time
        ("the two leaders met", []),  # a reference, not a count
        ("one of the leaders", []),
        ("Seven Sisters", []),  # a name
    ],
)
def test_quantities(text: str, expected: list[tuple[float, str, str | None]]) -> None:
    found = [(q.value, q.unit, q.qualifier) for q in extract_quantities(text)]
    assert found == expected


def test_quantity_ranges() -> None:
    [more] = extract_quantities("more than 20 agreements")
    assert (more.low, more.high, more.exact) == (20, float("inf"), False)
    [dozens] = extract_quantities("dozens of drones")
    assert (dozens.low, dozens.high) == (24, 99)
    assert dozens.label() == "dozens drone"
    [exact] = extract_quantities("24 agreements")
    assert exact.exact and exact.label() == "24 agreement"
    assert exact.text == "24 agreements"


# ---------------------------------------------------------------- factuality trajectory


def test_trajectory_orders_by_dates_then_firmness() -> None:
    views = [
        View("001", "c", "asserted", Written(D(2025, 5, 13), D(2025, 5, 13), "published")),
        View("000", "a", "planned", Written(None, D(2025, 5, 7), "bounds")),
        View("002", "b", "possible", Written(None, D(2025, 5, 9), "bounds")),
        View("003", "d", "negated", Written(None, None, "unknown")),
    ]
    steps = trajectory(views)
    assert [s.document for s in steps] == ["002", "000", "001", "003"]
    # 000 and 002 are both only known to be written before a day: not ordered by dates
    assert [s.dated for s in steps] == [False, False, True, False]
    assert [s.written for s in steps] == [
        "before 2025-05-09",
        "before 2025-05-07",
        "2025-05-13",
        "unknown",
    ]
    assert trajectory_text(steps[:2]) == "possible (002) → planned (000)"


def test_trajectory_dates_beat_firmness() -> None:
    views = [
        View("late", "b", "possible", Written(D(2025, 6, 1), D(2025, 6, 1), "published")),
        View("early", "a", "asserted", Written(D(2025, 5, 1), D(2025, 5, 1), "published")),
    ]
    steps = trajectory(views)
    assert [s.document for s in steps] == ["early", "late"]
    assert steps[1].dated


# ---------------------------------------------------------------- stories


def test_stories_group_by_shared_events_and_order_by_size() -> None:
    a, b = doc("a", published=D(2025, 5, 10)), doc("b", published=D(2025, 5, 11))
    c = doc("c", published=D(2025, 1, 1))
    d = doc("d", published=D(2024, 1, 1))
    day = ("2025-05-09", "2025-05-09")
    events = by_doc(
        event(a, "e1", date=day),
        event(b, "e2", date=day),
        event(c, "e3", "ASSAULT", mode=None, actors=("ISR",), recipients=("PSE",)),
    )
    stories = fuse([d, c, b, a], events)
    assert [s.documents for s in stories] == [("a", "b"), ("d",), ("c",)]
    assert stories[0].first == "2025-05-10" and stories[0].last == "2025-05-11"
    assert stories[1].events == ()
    again = fuse([a, b, c, d], events)
    assert [s.id for s in again] == [s.id for s in stories]  # stable ids and order
    assert [e.id for e in again[0].events] == [e.id for e in stories[0].events]


def test_similar_text_joins_a_story_within_the_window() -> None:
    text = " ".join(f"word{i}" for i in range(200))
    a = doc("a", published=D(2025, 5, 10), text=text)
    b = doc("b", published=D(2025, 5, 12), text=text + " extra closing words")
    c = doc("c", published=D(2025, 9, 12), text=text + " much later")
    stories = fuse([a, b, c], {})
    assert [s.documents for s in stories] == [("a", "b"), ("c",)]


def test_one_document() -> None:
    a = doc("a", published=D(2025, 5, 10))
    [story] = fuse([a], by_doc(event(a, "e1"), event(a, "e2", "ASSAULT", mode=None)))
    assert story.documents == ("a",)
    assert len(story.events) == 2
    assert all(e.sources.independent_sources == 1 for e in story.events)
    assert all(e.contradictions == [] for e in story.events)


def test_no_documents_and_no_events() -> None:
    assert fuse([], {}) == []
    stories = fuse([doc("a"), doc("b")], {})
    assert sorted(s.documents for s in stories) == [("a",), ("b",)]
    assert all(s.first is None and s.events == () for s in stories)


def test_documents_with_no_text_title_or_fingerprint() -> None:
    bare = [replace(doc(n), text="", fingerprint=(), title=None) for n in "ab"]
    stories = fuse(bare, by_doc(event(bare[0], "e1")))
    assert sorted(s.documents for s in stories) == [("a",), ("b",)]
    assert all(s.links == () for s in stories)


def test_documents_without_dates() -> None:
    a, b = doc("a"), doc("b")
    day = ("2025-05-09", "2025-05-09")  # the event is dated, the documents are not
    planned = event(a, "e1", factuality="planned", date=day)
    [story] = fuse([a, b], by_doc(planned, event(b, "e2", date=day)))
    assert story.first is None
    [fused] = story.events
    assert [s.written for s in fused.trajectory] == ["unknown", "unknown"]
    assert [s.factuality for s in fused.trajectory] == ["planned", "asserted"]


# ---------------------------------------------------------------- the seeds, end to end


@pytest.fixture
def seed_stories(seeds_dir: Path, tmp_path: Path) -> list[Story]:
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        extract_paths([str(seeds_dir)], store)
        documents = list(store.documents(with_text=True))
        events = store.document_events([d.id for d in documents])
    return fuse(documents, events)


def _visit(stories: list[Story]) -> FusedEvent:
    visits = [
        e
        for s in stories
        for e in s.events
        if e.type == "CONSULT" and e.mode == "visit" and e.actor == ("CHN",)
        if e.recipient == ("RUS",)
    ]
    assert len(visits) == 1, [e.to_dict() for e in visits]
    return visits[0]


def test_seeds_visit_is_one_event_from_three_documents(seed_stories: list[Story]) -> None:
    assert len(seed_stories) == 1
    visit = _visit(seed_stories)
    assert seed_stories[0].events[0] is visit  # the best-supported dated event leads
    names = sorted(m.document[:3] for m in visit.mentions)
    assert names == ["000", "001", "002"]
    assert visit.sources.documents == 3
    assert visit.sources.independent_sources == 3  # three outlets, no shared credit
    # the story is held together by the visit, each document dating it
    assert [(k.reason, k.detail) for k in seed_stories[0].links] == [("event", (visit.id,))] * 2
    assert all(m.evidence for m in visit.mentions)


def test_seeds_date_disagreement(seed_stories: list[Story]) -> None:
    dates = _visit(seed_stories).value("date")
    assert dates is not None and dates.status == "contradiction"
    given = {v.documents[0][:3]: v.value for v in dates.values}
    assert given == {
        "000": "2025-05-07/2025-05-10",
        "001": "2025-05-07/2025-05-09",
        "002": "2025-05-09",
    }
    relations = {
        frozenset((c.a.documents[0][:3], c.b.documents[0][:3])): c.relation
        for c in dates.comparisons
    }
    assert relations == {
        frozenset(("000", "001")): "contradiction",  # two complete spans, different ends
        frozenset(("000", "002")): "precision",  # 9 May is one day of 7–10 May
        frozenset(("001", "002")): "precision",
    }


def test_seeds_factuality_trajectory(seed_stories: list[Story]) -> None:
    steps = _visit(seed_stories).trajectory
    assert [(s.document[:3], s.factuality) for s in steps] == [
        ("002", "possible"),
        ("000", "planned"),
        ("001", "asserted"),
    ]
    assert [s.written for s in steps] == ["before 2025-05-09", "before 2025-05-07", "2025-05-13"]
    assert [s.dated for s in steps] == [False, False, True]


# ---------------------------------------------------------------- scale, chaining, determinism


def _scale_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fuse_scale", Path(__file__).resolve().parent.parent / "benchmarks" / "fuse_scale.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuse_scale"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def synthetic() -> Any:
    return _scale_module().corpus(2000, seed=11)


def test_large_corpus_gives_many_stories_not_one_chain(synthetic: Any) -> None:
    start = time.perf_counter()
    stories = fuse(synthetic.documents, synthetic.events)
    seconds = time.perf_counter() - start
    assert seconds < 30  # about 2 s on a quiet machine; generous for a loaded one
    assert sum(len(s.doc_ids) for s in stories) == 2000  # every document in exactly one story
    happenings = Counter(synthetic.truth.values())
    assert len(stories) >= len(happenings) // 2
    assert max(len(s.doc_ids) for s in stories) <= 2 * max(happenings.values())
    # stories are mostly one happening each (purity), and most happenings are not scattered
    purity = sum(
        Counter(synthetic.truth[n] for n in s.documents).most_common(1)[0][1] for s in stories
    )
    assert purity / 2000 > 0.9


def test_same_stories_and_ids_in_any_input_order(synthetic: Any) -> None:
    docs = synthetic.documents[:600]
    events = {d.id: synthetic.events[d.id] for d in docs}
    first = fuse(docs, events)
    rng = random.Random(3)
    shuffled_docs = rng.sample(docs, len(docs))
    shuffled_events = {
        d.id: rng.sample(events[d.id], len(events[d.id])) for d in rng.sample(docs, len(docs))
    }
    second = fuse(shuffled_docs, shuffled_events)
    assert [s.to_dict() for s in second] == [s.to_dict() for s in first]


_DIGEST = """
import hashlib, importlib.util, json, random, sys
spec = importlib.util.spec_from_file_location("fuse_scale", sys.argv[1])
module = importlib.util.module_from_spec(spec)
sys.modules["fuse_scale"] = module
spec.loader.exec_module(module)
from tacitus.fuse import fuse
data = module.corpus(300, seed=2)
docs = random.Random(int(sys.argv[2])).sample(data.documents, 300)
found = [s.to_dict() for s in fuse(docs, data.events)]
print(hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest())
"""


def test_same_stories_in_processes_with_other_hash_seeds() -> None:
    script = str(Path(__file__).resolve().parent.parent / "benchmarks" / "fuse_scale.py")
    digests = {
        subprocess.run(
            [sys.executable, "-c", _DIGEST, script, seed],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    [digest] = digests
    assert len(digest.strip()) == 64


def _generic_corpus(n: int) -> tuple[list[Document], dict[str, list[Event]]]:
    """`n` unrelated documents within a week, each with its own dated event between two rare
    actors and the same generic background event ("the US held talks"), undated."""
    docs = [doc(f"d{i:03d}", published=D(2025, 5, 1 + i % 7)) for i in range(n)]
    events = by_doc(
        *(
            e
            for i, d in enumerate(docs)
            for e in (
                event(
                    d,
                    "own",
                    "ASSAULT",
                    mode=None,
                    actors=(f"A{i}",),
                    recipients=(f"B{i}",),
                    date=("2025-04-30", "2025-04-30"),
                ),
                event(d, "generic", mode=None, actors=("USA",), recipients=()),
                event(d, "generic2", "ACCUSE", mode=None, actors=("USA",), recipients=("CHN",)),
            )
        )
    )
    return docs, events


def test_generic_background_events_do_not_chain_documents() -> None:
    docs, events = _generic_corpus(60)
    stories = fuse(docs, events)
    assert len(stories) == 60
    # a lone actor with a type and no date is not identified across unrelated documents
    lone = [e for s in stories for e in s.events if e.type == "CONSULT"]
    assert len(lone) == 60 and all(e.sources.documents == 1 for e in lone)


def test_undated_background_dyad_fuses_but_does_not_make_a_story() -> None:
    docs, events = _generic_corpus(3)
    stories = fuse(docs, events)
    assert len(stories) == 3
    accusations = [e for s in stories for e in s.events if e.type == "ACCUSE"]
    assert [e.sources.documents for e in accusations] == [3]  # one event, told three times


def test_lone_actor_events_fuse_within_one_source() -> None:
    a = doc("a", published=D(2025, 5, 1), agency="AFP", outlet="One")
    b = doc("b", published=D(2025, 5, 1), agency="AFP", outlet="Two")
    events = by_doc(
        event(a, "e1", mode=None, actors=("USA",), recipients=()),
        event(b, "e2", mode=None, actors=("USA",), recipients=()),
    )
    assert [e.sources.documents for e in multi(fuse([a, b], events))] == [2]


def test_different_counterparts_are_different_events() -> None:
    a, b = doc("a", published=D(2025, 5, 1)), doc("b", published=D(2025, 5, 1))
    day = ("2025-05-01", "2025-05-01")
    events = by_doc(
        event(a, "e1", actors=("USA",), recipients=("CHN",), date=day),
        event(b, "e2", actors=("USA",), recipients=("IRN",), date=day),
    )
    assert not multi(fuse([a, b], events))


QUILL = (
    "Singer Mara Quill checked into the Harbor Pines clinic in Port Elden on Thursday. Quill "
    "arrived with her lawyer Teodor Vance, and the Harbor Pines staff met her at the gate. "
)
QUILL_AGAIN = (
    "Pop star Mara Quill has entered rehab. The judge let Quill choose Harbor Pines in "
    "Port Elden, her lawyer Teodor Vance confirmed to reporters outside the court. "
)
OSTRAND = (
    "Actor Bram Ostrand entered Cedar Hollow in Lakemouth this week. Ostrand, who starred in "
    "Night Ferry, went to Cedar Hollow after a party in Saltmere, his agent Ilse Marr confirmed. "
)


def test_documents_naming_the_same_things_are_one_story() -> None:
    a = doc("a", text=QUILL + "Filler about the weather and roads.")
    b = doc("b", text=QUILL_AGAIN + "Other closing words about traffic.")
    c = doc("c", text=OSTRAND + "Closing remarks on a separate matter.")
    stories = fuse([a, b, c], {})
    assert sorted(s.documents for s in stories) == [("a", "b"), ("c",)]
    [link] = stories[0].links
    assert (link.a, link.b, link.reason) == ("a", "b", "text")
    assert 0 < link.score <= 1 and {"quill", "harbor", "pines"} <= set(link.detail)
    assert stories[0].to_dict()["links"] == [
        {
            "documents": ["a", "b"],
            "reason": "text",
            "score": link.score,
            "detail": list(link.detail),
        }
    ]
    assert stories[1].links == ()


def test_an_undated_document_cannot_bridge_stories_months_apart() -> None:
    a = doc("a", published=D(2025, 1, 10), text=QUILL)
    b = doc("b", published=D(2025, 6, 10), text=QUILL_AGAIN)
    u = doc("u", text=QUILL + QUILL_AGAIN)  # undated, like both
    stories = fuse([a, b, u], {})
    assert len(stories) == 2
    assert sorted(len(s.documents) for s in stories) == [1, 2]


def test_texts_are_read_from_titles_and_evidence_when_not_loaded() -> None:
    a = replace(doc("a", text=QUILL), text="", title="Mara Quill checks into Harbor Pines")
    b = replace(doc("b", text=OSTRAND), text="", title="Quill at Harbor Pines, Port Elden")
    stories = fuse([a, b], by_doc(event(a, "e1", mode=None, evidence=QUILL_AGAIN)))
    assert [s.documents for s in stories] == [("a", "b")]


# ---------------------------------------------------------------- blocking and settings


def test_large_blocks_are_paired_sparsely_and_within_the_window() -> None:
    n = 500
    anchors = [D(2025, 1, 1) + dt.timedelta(days=i // 5) for i in range(n - 50)] + [None] * 50
    ranks = list(reversed(range(n)))
    pairs = list(block_pairs(range(n), anchors, ranks, window=30, cap=10))
    assert len(pairs) <= n * 10
    for i, j in pairs:
        assert i < j
        if anchors[i] and anchors[j]:
            assert abs((anchors[j] - anchors[i]).days) <= 30  # type: ignore[operator]
    assert all(any(u in p for p in pairs) for u in range(n - 50, n))  # undated ones meet some
    small = list(
        block_pairs([0, 1, 2], [D(2025, 1, 1), D(2025, 6, 1), None], [0, 1, 2], window=30, cap=10)
    )
    assert small == [(0, 2), (1, 2)]


def test_story_settings_load_and_a_bad_file_is_e301(tmp_path: Path) -> None:
    settings = load_settings()
    assert 0 < settings.link_similarity < 1 and "the" in settings.stopwords
    bad = tmp_path / "stories.yaml"
    bad.write_text("version: 1\ntext: [1, 2]\n", "utf-8")
    with pytest.raises(ConfigError, match=r"^\[E301\].*'text' must be a mapping"):
        load_settings(bad)


@pytest.mark.slow
def test_ten_thousand_documents_fuse_in_under_a_minute() -> None:
    data = _scale_module().corpus(10_000, seed=5)
    start = time.perf_counter()
    stories = fuse(data.documents, data.events)
    assert time.perf_counter() - start < 60
    assert sum(len(s.doc_ids) for s in stories) == 10_000
    assert len(stories) >= len(set(data.truth.values())) // 2
    assert max(len(s.doc_ids) for s in stories) <= 2 * max(Counter(data.truth.values()).values())


def test_an_event_across_stories_is_kept_whole_in_the_story_with_most_of_it() -> None:
    c = doc("c", published=D(2025, 5, 1), text=OSTRAND)  # written first: the first mention
    a = doc("a", published=D(2025, 5, 3), text=QUILL)
    b = doc("b", published=D(2025, 5, 4), text=QUILL_AGAIN)
    events = by_doc(*(event(d, f"e{d.name}", mode=None) for d in (a, b, c)))  # undated
    stories = fuse([a, b, c], events)
    assert [s.documents for s in stories] == [("a", "b"), ("c",)]
    [fused] = stories[0].events
    assert [m.document for m in fused.mentions] == ["c", "a", "b"]
    assert stories[1].events == ()


def test_one_event_and_somewhat_alike_texts_make_one_story() -> None:
    # each signal alone is too weak: the event is undated, the texts are only somewhat alike
    text_b = (
        "Talks between the two governments over the Kessit dam stalled again in Varn and Brell. "
        "Mara Quill, a Varn envoy, will meet the board of Orlen Tarsk in Port Elden next month."
    )
    a = doc("a", text=QUILL + "Neighbours on Wexley Road watched the cars arrive.")
    b = doc("b", text=text_b)
    assert len(fuse([a, b], {})) == 2
    talks = by_doc(event(a, "e1", mode=None), event(b, "e2", mode=None))
    [story] = fuse([a, b], talks)
    [link] = story.links
    assert link.reason == "event+text" and link.detail[0] == story.events[0].id
    assert 0.2 <= link.score < 0.25 and "quill" in link.detail
