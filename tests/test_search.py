"""Full-text search and paged, sorted, filtered reads (`tacitus.store.search`) on both backends."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from tacitus import Analyzer, Store, extract_paths
from tacitus.store.search import (
    HIT_END,
    HIT_START,
    EventQuery,
    SearchError,
    actor_summary,
    find_events,
    get_event,
    iter_events,
    outlets,
    parse_query,
    search_documents,
)

# Short articles written for these tests (invented outlets; the events are simple on purpose).
ARTICLES: list[dict[str, str]] = [
    {
        "id": "moscow-visit",
        "title": "Xi and Putin meet in Moscow",
        "outlet": "Harbour Gazette",
        "published": "2025-05-09",
        "text": "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on "
        "Thursday. The two leaders signed an agreement on energy trade, the Kremlin said. "
        "Officials described the pipeline talks as long and detailed.",
    },
    {
        "id": "border-shelling",
        "title": "India accuses Pakistan over border shelling",
        "outlet": "Valley Courier",
        "published": "2025-05-07",
        "text": "India accused Pakistan of shelling villages along the border on Tuesday. "
        "Pakistan denied the charge. The United Nations called on both countries to show "
        "restraint and to reopen the hotline between their armies.",
    },
    {
        "id": "eu-sanctions",
        "title": "New European sanctions on Russia",
        "outlet": "Harbour Gazette",
        "published": "2025-07-18",
        "text": "The European Union imposed new sanctions on Russia on Friday. Ukraine welcomed "
        "the decision, and ministers said the package targets shipping and banks.",
    },
]


def write_corpus(folder: Path, articles: list[dict[str, str]] = ARTICLES) -> Path:
    """The articles as one JSON Lines file in `folder`; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), "utf-8")
    return path


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture
def store(store_url: str, tmp_path: Path, analyzer: Analyzer) -> Iterator[Store]:
    with Store(store_url) as opened:
        extract_paths([str(write_corpus(tmp_path / "in"))], opened, analyzer)
        yield opened


def _names(page: object) -> list[str]:
    return [hit.name for hit in page.items]  # type: ignore[attr-defined]


# ----------------------------------------------------------------------------- query syntax


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pipeline", [("pipeline", False, False)]),
        ('"energy trade" -shelling', [("energy trade", False, False), ("shelling", True, False)]),
        ("india OR ukraine", [("india", False, False), ("ukraine", False, True)]),
        ('-"the border" sanctions', [("the border", True, False), ("sanctions", False, False)]),
        ("OR sanctions", [("sanctions", False, False)]),
        ('sanctions ""', [("sanctions", False, False)]),
    ],
)
def test_query_syntax(query: str, expected: list[tuple[str, bool, bool]]) -> None:
    assert [(t.text, t.negated, t.or_before) for t in parse_query(query)] == expected


@pytest.mark.parametrize("query", ["-sanctions", '"" ---', "!!! ???", "x" * 501, "w " * 40])
def test_queries_that_cannot_run_say_why(query: str) -> None:
    with pytest.raises(SearchError):
        parse_query(query)


# ----------------------------------------------------------------------------- documents


def test_full_text_finds_words_in_text_and_title(store: Store) -> None:
    assert _names(search_documents(store, "pipeline")) == ["moscow-visit"]
    assert _names(search_documents(store, "accuses")) == ["border-shelling"]  # title only
    # stemming: "sanction" finds "sanctions" on both backends
    assert _names(search_documents(store, "sanction")) == ["eu-sanctions"]


def test_phrases_or_and_exclusion(store: Store) -> None:
    assert _names(search_documents(store, '"energy trade"')) == ["moscow-visit"]
    assert search_documents(store, '"trade energy"').total == 0
    assert sorted(_names(search_documents(store, "hotline OR banks"))) == [
        "border-shelling",
        "eu-sanctions",
    ]
    assert _names(search_documents(store, "putin OR sanctions -ukraine")) == ["moscow-visit"]


def test_snippets_mark_the_matches(store: Store) -> None:
    (hit,) = search_documents(store, "hotline").items
    assert hit.snippet is not None
    assert f"{HIT_START}hotline{HIT_END}" in hit.snippet


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "NEAR(a b)",
        "pipe*",
        "title:pipeline",
        "a AND",
        "'); DROP TABLE documents; --",
        "^pipeline",
        "pipeline)",
        "(pipeline",
        "x:y:z",
        "\\",
        "&|!",
        "pipeline !",
    ],
)
def test_query_syntax_of_either_backend_never_reaches_it(store: Store, query: str) -> None:
    try:
        page = search_documents(store, query)
    except SearchError:
        return
    assert page.total == len(page.items)
    assert search_documents(store).total == 3  # nothing dropped


def test_listing_without_query_pages_and_sorts(store: Store) -> None:
    assert _names(search_documents(store, sort="published")) == [
        "border-shelling",
        "moscow-visit",
        "eu-sanctions",
    ]
    assert _names(search_documents(store))[0] == "eu-sanctions"  # newest first
    assert _names(search_documents(store, sort="title"))[0] == "border-shelling"
    first = search_documents(store, sort="published", limit=2)
    second = search_documents(store, sort="published", limit=2, offset=2)
    assert (first.total, len(first.items), _names(second)) == (3, 2, ["eu-sanctions"])
    assert _names(search_documents(store, outlet="Harbour Gazette", sort="published")) == [
        "moscow-visit",
        "eu-sanctions",
    ]
    with pytest.raises(SearchError, match="unknown sort"):
        search_documents(store, sort="name; DROP")


def test_outlets_are_listed(store: Store) -> None:
    assert outlets(store) == ["Harbour Gazette", "Valley Courier"]


def test_index_follows_updates_and_deletes(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE documents SET title = 'Lighthouse keepers' WHERE name = 'eu-sanctions'")
        )
    assert _names(search_documents(store, "lighthouse")) == ["eu-sanctions"]
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "DELETE FROM events WHERE doc_id IN (SELECT id FROM documents WHERE name = 'eu-sanctions')"
            )
        )
        conn.execute(text("DELETE FROM documents WHERE name = 'eu-sanctions'"))
    assert search_documents(store, "lighthouse").total == 0
    assert search_documents(store, "sanctions").total == 0


def test_documents_stored_before_the_search_migration_are_found(store: Store) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", "tacitus.store:migrations")
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE documents SET title = 'Quayside news' WHERE name = 'moscow-visit'")
        )
    with Store(store.url) as reopened:  # migrates to head again and indexes what is there
        assert _names(search_documents(reopened, "quayside")) == ["moscow-visit"]
        assert _names(search_documents(reopened, "hotline")) == ["border-shelling"]


# ----------------------------------------------------------------------------- events


def _codes(page: object) -> list[tuple[str, str]]:
    return [(s.event.type, s.event.doc) for s in page.items]  # type: ignore[attr-defined]


def test_event_filters(store: Store) -> None:
    assert find_events(store, EventQuery()).total == 6
    assert _codes(find_events(store, EventQuery(actor="IND"))) == [("ACCUSE", "border-shelling")]
    assert _codes(find_events(store, EventQuery(recipient="RUS"))) == [("SANCTION", "eu-sanctions")]
    # the UN's request to both is not between them; Pakistan's denial is
    assert _codes(find_events(store, EventQuery(dyad=("PAK", "IND")))) == [
        ("ACCUSE", "border-shelling"),
        ("REJECT", "border-shelling"),
    ]
    assert _codes(find_events(store, EventQuery(type="SANCTION"))) == [("SANCTION", "eu-sanctions")]
    assert find_events(store, EventQuery(factuality="planned")).total == 0
    july = find_events(store, EventQuery(since=dt.date(2025, 7, 1)))
    assert _codes(july) == [("SANCTION", "eu-sanctions")]
    may = find_events(store, EventQuery(until=dt.date(2025, 5, 31)))
    assert {d for _, d in _codes(may)} == {"moscow-visit", "border-shelling"}
    gazette = find_events(store, EventQuery(outlet="Harbour Gazette"))
    assert {d for _, d in _codes(gazette)} == {"moscow-visit", "eu-sanctions"}
    assert find_events(store, EventQuery(actor="ZZZ")).total == 0


def test_dyad_is_either_way_round(store: Store) -> None:
    forward = find_events(store, EventQuery(dyad=("IND", "PAK")))
    backward = find_events(store, EventQuery(dyad=("PAK", "IND")))
    assert _codes(forward) == _codes(backward)
    assert ("ACCUSE", "border-shelling") in _codes(forward)


@pytest.mark.parametrize(
    "sort", ["date", "-date", "type", "factuality", "confidence", "-confidence", "document"]
)
def test_event_pages_cover_every_event_once(store: Store, sort: str) -> None:
    everything = find_events(store, EventQuery(sort=sort, limit=100))
    seen = []
    for offset in range(0, 6, 4):
        seen += find_events(store, EventQuery(sort=sort, limit=4, offset=offset)).items
    assert [s.event.id for s in seen] == [s.event.id for s in everything.items]
    assert len({(s.doc_id, s.event.id) for s in seen}) == 6


def test_event_sorts(store: Store) -> None:
    dates = [
        s.event.date.start if s.event.date else None
        for s in find_events(store, EventQuery(sort="-date")).items
    ]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[-1] is None  # undated last either way
    types = [s.event.type for s in find_events(store, EventQuery(sort="type")).items]
    assert types == sorted(types)
    confidence = [
        s.event.confidence for s in find_events(store, EventQuery(sort="-confidence")).items
    ]
    assert confidence == sorted(confidence, reverse=True)
    with pytest.raises(SearchError, match="unknown sort"):
        find_events(store, EventQuery(sort="record"))


def test_iter_events_reads_in_batches(store: Store) -> None:
    every = list(iter_events(store, EventQuery(limit=1), batch=2))
    assert len(every) == 6
    assert [s.event.id for s in every] == [
        s.event.id for s in find_events(store, EventQuery(limit=10)).items
    ]


def test_get_event_and_document_metadata(store: Store) -> None:
    first = find_events(store, EventQuery(type="SANCTION")).items[0]
    found = get_event(store, first.doc_id, first.event.id)
    assert found == first
    assert (found.title, found.outlet, found.published) == (
        "New European sanctions on Russia",
        "Harbour Gazette",
        dt.date(2025, 7, 18),
    )
    assert get_event(store, first.doc_id, "nope") is None


def test_actor_summary(store: Store) -> None:
    russia = actor_summary(store, "RUS")
    assert (russia.as_actor, russia.as_recipient) == (2, 1)
    assert russia.partners == [("CHN", 2), ("EU", 1)]
    assert sum(n for _, n in russia.by_month) + russia.undated == 3
    assert ("2025-07", 1) in russia.by_month
    assert dict(russia.types)["SANCTION"] == 1
    nobody = actor_summary(store, "ZZZ")
    assert (nobody.as_actor, nobody.by_month, nobody.partners) == (0, [], [])
