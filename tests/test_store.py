"""The SQL store on SQLite and PostgreSQL: schema, reading back, duplicates, copies, rollback."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

from tacitus import (
    Cleaner,
    Document,
    DocumentNotFound,
    RawDocument,
    RemovedSpan,
    Store,
    StoreError,
    StoreOpenError,
    ingest_paths,
)
from tacitus.store import store as store_module
from tacitus.store.schema import (
    copies,
    document_bands,
    document_sources,
    documents,
    metadata,
    removed_spans,
)

WIRE_STORY = """\
Foreign ministers from the six countries met in Geneva on Monday for a second round of talks \
on the ceasefire along the disputed border, the first such meeting since the fighting resumed \
in the spring. The delegations spent most of the day on the timetable for withdrawing heavy \
weapons from a twenty kilometre zone on either side of the line of contact, officials said.

According to two diplomats who took part, the sides agreed that international monitors would \
be deployed within three weeks and that prisoners held since the winter would be exchanged in \
two stages. A joint statement released in the evening described the talks as difficult but \
constructive and said that technical teams would meet again in Vienna at the end of the month \
to draw up maps of the withdrawal zone.

The host government welcomed the outcome and offered to fund the first month of the monitoring \
mission. Humanitarian groups said that more than forty thousand people displaced by the fighting \
were still living in temporary shelters and urged both governments to reopen the two border \
crossings that have been closed since March. Neither delegation commented on the crossings.

Analysts cautioned that earlier agreements had collapsed within weeks because the armed groups \
on the ground were not bound by them, and that the real test would come when the first heavy \
weapons are due to be moved."""

# The same story republished: new first sentence, one paragraph dropped, a credit added.
EDITED_COPY = (
    WIRE_STORY.replace("Foreign ministers from the six countries met", "Six foreign ministers met")
    .replace(WIRE_STORY.split("\n\n")[2] + "\n\n", "")
    .replace("said that technical teams", "said technical teams")
    + "\n\nReporting by the Geneva bureau; editing by the world desk."
)

UNRELATED = """\
The central bank left its main interest rate unchanged on Thursday, saying that inflation had \
eased for a fourth consecutive month but remained above its target because of higher food and \
energy prices. The governor told reporters that the board would watch wage settlements closely \
before deciding whether to cut rates later in the year, and that the currency had been stable \
since the start of the summer despite heavy outflows from the bond market.

Exporters have complained that the strong currency makes their goods less competitive abroad, \
while retailers say that household spending has barely recovered from the slump of last year. \
The finance ministry is expected to publish a revised growth forecast next week, which economists \
expect to show a slower expansion than the government predicted in its spring budget. Several \
economists said a cut in September now looked likely if the labour market continued to cool."""


@cache
def _cleaner() -> Cleaner:
    return Cleaner.default()


def make_doc(
    body: str, name: str = "a.txt", source: str | None = None, published: str | None = None
) -> Document:
    raw = RawDocument(name=name, source=source or f"/in/{name}", data=body, published=published)
    return _cleaner().clean(raw)


def _article(n: int) -> str:
    return (
        f"Report number {n} from the regional desk. The committee met for the {n}th time "
        f"and discussed item {n * 7} on the agenda, which concerns the harbour in district {n}."
    )


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as opened:
        yield opened


def rows(st: Store, table: Any, doc_id: str) -> int:
    with st.engine.connect() as conn:
        query = select(func.count()).select_from(table).where(table.c.doc_id == doc_id)
        return int(conn.execute(query).scalar_one())


# ----------------------------------------------------------------------------- schema


def test_schema_is_created_by_alembic_at_head(store: Store) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", "tacitus.store:migrations")
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    with store.engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert versions == [head]
    tables = set(inspect(store.engine).get_table_names())
    assert set(metadata.tables) <= tables


def test_reopening_an_existing_store_keeps_data_and_schema(store_url: str) -> None:
    doc = make_doc(_article(1))
    with Store(store_url) as first:
        first.add(doc)
    for _ in range(2):
        with Store(store_url) as again:
            assert again.count() == 1
            assert again.get(doc.id).text == doc.text
            with again.engine.connect() as conn:
                n = conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one()
            assert n == 1


@pytest.mark.parametrize(
    "url",
    [
        "nosuchdriver://localhost/db",
        "postgresql://nobody@127.0.0.1:1/nothing",  # nothing listens on port 1
        "sqlite:////dev/null/not-a-directory/tacitus.db",
    ],
)
def test_bad_url_raises_store_open_error(url: str) -> None:
    with pytest.raises(StoreOpenError) as info:
        Store(url)
    assert info.value.code == "E201"
    assert str(info.value).startswith(f"[E201] cannot open store {url}: ")
    assert isinstance(info.value, StoreError)


# ----------------------------------------------------------------------------- add and get


def test_add_then_get_by_id_prefix_and_name(store: Store) -> None:
    doc = make_doc(WIRE_STORY, name="geneva.txt", published="2025-05-13")
    result = store.add(doc)
    assert (result.doc_id, result.status, result.copies) == (doc.id, "stored", ())
    assert store.count() == 1
    for key in (doc.id, doc.id[:6], doc.id[:12], "geneva.txt"):
        got = store.get(key)
        assert got.id == doc.id
        assert got == dataclasses.replace(doc, removed=got.removed)
    assert store.get(doc.id).published == dt.date(2025, 5, 13)


@pytest.mark.parametrize("key", ["nothing.txt", "zzzzzz", "abc"])
def test_get_unknown_raises_e203(store: Store, key: str) -> None:
    store.add(make_doc(WIRE_STORY, name="geneva.txt"))
    with pytest.raises(DocumentNotFound) as info:
        store.get(key)
    assert str(info.value) == f"[E203] no document with id or name '{key}'"


def test_short_prefix_is_not_accepted(store: Store) -> None:
    doc = make_doc(WIRE_STORY)
    store.add(doc)
    with pytest.raises(DocumentNotFound):
        store.get(doc.id[:5])


def test_metadata_and_flags_round_trip(store: Store) -> None:
    doc = dataclasses.replace(
        make_doc(UNRELATED, name="bank.txt"),
        title="Central bank holds rates",
        outlet="Example Times",
        agency="Reuters",
        author="A. Writer",
        url="https://example.org/bank",
        published=dt.date(2024, 7, 4),
        encoding="cp1252",
        flags=("encoding:cp1252", "boilerplate_removed"),
    )
    store.add(doc)
    got = store.get("bank.txt")
    assert got == doc


def test_documents_ordered_by_date_undated_last_then_name(store: Store) -> None:
    specs = [
        ("c.txt", "2025-03-01"),
        ("b.txt", None),
        ("a.txt", "2025-03-01"),
        ("d.txt", "2024-12-31"),
        ("a0.txt", None),
    ]
    for i, (name, published) in enumerate(specs):
        store.add(make_doc(_article(i), name=name, published=published))
    listed = list(store.documents())
    assert [d.name for d in listed] == ["d.txt", "a.txt", "c.txt", "a0.txt", "b.txt"]
    assert all(d.text == "" for d in listed)
    with_text = list(store.documents(with_text=True))
    assert [d.text for d in with_text] == [store.get(d.id).text for d in listed]
    assert all(d.text for d in with_text)


# ----------------------------------------------------------------------------- duplicates


def test_same_text_twice_is_one_document_with_two_sources(store: Store) -> None:
    first = make_doc(WIRE_STORY, name="a.txt", source="/in/a.txt")
    second = make_doc(WIRE_STORY, name="copy-b.txt", source="/mirror/copy-b.txt")
    assert first.id == second.id
    assert store.add(first).status == "stored"
    result = store.add(second)
    assert (result.doc_id, result.status) == (first.id, "duplicate")
    assert store.count() == 1
    assert store.sources(first.id) == [("a.txt", "/in/a.txt"), ("copy-b.txt", "/mirror/copy-b.txt")]
    # the second name finds the document too, and the stored copy keeps the first name
    assert store.get("copy-b.txt").name == "a.txt"
    # the same source again is not remembered twice
    assert store.add(first).status == "duplicate"
    assert len(store.sources(first.id)) == 2
    assert rows(store, document_bands, first.id) > 0


def test_whitespace_and_case_differences_are_the_same_document(store: Store) -> None:
    a = make_doc(WIRE_STORY, name="a.txt")
    b = make_doc(WIRE_STORY.upper().replace(". ", ".  "), name="b.txt")
    store.add(a)
    assert store.add(b).status == "duplicate"
    assert store.count() == 1


# ----------------------------------------------------------------------------- removed spans


def test_removed_spans_round_trip_in_order_with_offsets(store: Store) -> None:
    spans = (
        RemovedSpan(0, 34, "Ministers agree on talks — Example", "repeated title"),
        RemovedSpan(35, 47, "May 13, 2025", "date line"),
        RemovedSpan(1200, 1217, "Share this story", "ui"),
        RemovedSpan(1218, 1240, "© 2025 Example «News»", "ui"),
    )
    doc = dataclasses.replace(make_doc(WIRE_STORY), removed=spans)
    store.add(doc)
    assert store.get(doc.id).removed == spans
    assert rows(store, removed_spans, doc.id) == 4


def test_removed_spans_from_cleaning_locate_the_source_lines(store: Store) -> None:
    source = (
        "Ministers meet in Geneva\nMay 13, 2025\nShare this story\n\n"
        + WIRE_STORY
        + "\n\nAll rights reserved."
    )
    doc = make_doc(source, name="geneva.txt")
    assert doc.removed, "the date line and the furniture should have been removed"
    store.add(doc)
    got = store.get("geneva.txt").removed
    assert got == doc.removed
    for span in got:
        assert source[span.start : span.end] == span.text


# ----------------------------------------------------------------------------- near-copies


def test_near_copies_are_linked_both_ways(store: Store) -> None:
    original = make_doc(WIRE_STORY, name="wire.txt")
    copy = make_doc(EDITED_COPY, name="republished.txt")
    other = make_doc(UNRELATED, name="bank.txt")
    assert original.id != copy.id
    assert len(WIRE_STORY.split()) > 200

    assert store.add(original).copies == ()
    result = store.add(copy)
    assert result.status == "stored"
    assert [c[0] for c in result.copies] == [original.id]
    assert 0.6 <= result.copies[0][1] <= 1.0
    assert store.add(other).copies == ()

    assert store.get(original.id).copy_of == (copy.id,)
    assert store.get(copy.id).copy_of == (original.id,)
    assert store.get(other.id).copy_of == ()
    listed = {d.id: d.copy_of for d in store.documents()}
    assert listed == {original.id: (copy.id,), copy.id: (original.id,), other.id: ()}


def test_copy_threshold_is_respected(store: Store) -> None:
    store.add(make_doc(WIRE_STORY, name="wire.txt"))
    assert (
        store.add(make_doc(EDITED_COPY, name="republished.txt"), copy_threshold=1.01).copies == ()
    )


# ----------------------------------------------------------------------------- transactions


def _raise_in_band_keys(monkeypatch: pytest.MonkeyPatch) -> type[BaseException]:
    def interrupted(_sig: tuple[int, ...]) -> list[int]:
        raise KeyboardInterrupt

    monkeypatch.setattr(store_module, "band_keys", interrupted)
    return KeyboardInterrupt


def _raise_in_find_copies(monkeypatch: pytest.MonkeyPatch) -> type[BaseException]:
    def broken(*_args: object) -> list[tuple[str, float]]:
        raise RuntimeError("boom")

    monkeypatch.setattr(Store, "_find_copies", broken)
    return RuntimeError


def _fail_in_last_insert(monkeypatch: pytest.MonkeyPatch) -> type[BaseException]:
    # A link to a document that does not exist: the database rejects the `copies` insert,
    # the very last statement, after the bands were written.
    def dangling(*_args: object) -> list[tuple[str, float]]:
        return [("0" * 20, 0.9)]

    monkeypatch.setattr(Store, "_find_copies", dangling)
    return StoreError


@pytest.mark.parametrize(
    "inject",
    [_raise_in_band_keys, _raise_in_find_copies, _fail_in_last_insert],
    ids=["interrupt-before-bands", "error-finding-copies", "db-error-in-last-insert"],
)
def test_failed_add_leaves_no_trace(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    inject: Callable[[pytest.MonkeyPatch], type[BaseException]],
) -> None:
    earlier = make_doc(UNRELATED, name="earlier.txt")
    store.add(earlier)
    doomed = dataclasses.replace(
        make_doc(WIRE_STORY, name="doomed.txt"), removed=(RemovedSpan(0, 5, "Close", "ui"),)
    )
    with monkeypatch.context() as patch:
        expected = inject(patch)
        with pytest.raises(expected):
            store.add(doomed)

    assert store.count() == 1
    with store.engine.connect() as conn:
        assert conn.execute(select(documents.c.id)).scalars().all() == [earlier.id]
    for table in (document_sources, removed_spans, document_bands, copies):
        assert rows(store, table, doomed.id) == 0, table.name
    with pytest.raises(DocumentNotFound):
        store.get("doomed.txt")
    assert store.get(earlier.id) == earlier
    assert store.sources(earlier.id) == [("earlier.txt", "/in/earlier.txt")]
    assert rows(store, document_bands, earlier.id) > 0

    # the store is still usable and the document can be added once the fault is gone
    assert store.add(doomed).status == "stored"
    assert store.get("doomed.txt").removed == doomed.removed


def test_store_error_carries_e202(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_in_last_insert(monkeypatch)
    with pytest.raises(StoreError) as info:
        store.add(make_doc(WIRE_STORY))
    assert type(info.value) is StoreError
    assert str(info.value).startswith("[E202] cannot write to store: ")


# ----------------------------------------------------------------------------- ingest runs


def test_reingesting_a_folder_is_idempotent(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text(WIRE_STORY)
    (folder / "sub" / "two.txt").write_text(UNRELATED)
    (folder / "three.md").write_text(_article(3))
    (folder / "copy.txt").write_text(EDITED_COPY)
    (folder / "empty.txt").write_text("")

    first = ingest_paths([str(folder)], store)
    assert (len(first.stored), len(first.duplicates), len(first.skipped)) == (4, 0, 1)
    assert len(first.copies) == 1
    counts = _table_counts(store)

    second = ingest_paths([str(folder)], store)
    assert (len(second.stored), len(second.duplicates), len(second.skipped)) == (0, 4, 1)
    assert sorted(second.duplicates) == sorted(first.stored)
    assert second.copies == []
    assert _table_counts(store) == counts
    assert counts["documents"] == 4
    assert counts["document_sources"] == 4
    assert counts["copies"] == 1


def _table_counts(st: Store) -> dict[str, int]:
    with st.engine.connect() as conn:
        return {
            table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for table in metadata.sorted_tables
        }
