"""Parquet output: events, mentions and documents partitioned by month, complete, written
once per document whatever the reruns, and clean after an interrupted write.

The corpus is three short articles written for these tests: a dated one with events in two
months, a dated one with no event, and an undated one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.dataset as pads
import pytest

from tacitus import Analyzer, Store, extract_paths
from tacitus.export.parquet import ParquetDataset, month_of

ARTICLES = {
    "visits.txt": (
        "Two visits\n10 May 2025\n\n"
        "Chinese President Xi Jinping will visit Moscow on May 20. "
        "Indian Prime Minister Narendra Modi will visit Moscow on June 25.\n"
    ),
    "quiet.txt": "Weather report\n11 May 2025\n\nIt rained in the capital all afternoon.\n",
    "undated.txt": "Talks\n\nThe foreign ministers of Japan and Korea met in Seoul.\n",
}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def extract(corpus: Path, db: Path, analyzer: Analyzer, out: Path | None) -> Any:
    with Store(f"sqlite:///{db}") as store:
        return extract_paths([str(corpus)], store, analyzer, out_parquet=out, batch_size=2)


def table(root: Path, name: str) -> list[dict[str, Any]]:
    rows = pads.dataset(root / name, partitioning="hive").to_table().to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def parts(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*.parquet")}


def test_tables_match_the_store(corpus: Path, tmp_path: Path, analyzer: Analyzer) -> None:
    out = tmp_path / "pq"
    extract(corpus, tmp_path / "a.db", analyzer, out)
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        stored = store.events()
        names = {d.id: d.name for d in store.documents()}
    events, mentions, documents = (table(out, t) for t in ("events", "mentions", "documents"))
    assert sorted((e["doc_id"], e["id"]) for e in events) == sorted(
        (next(i for i, n in names.items() if n == e.doc), e.id) for e in stored
    )
    assert len(mentions) == sum(len(e.evidence) for e in stored)
    visits = {e["month"]: e for e in events if e["type"] == "CONSULT" and e["doc"] == "visits.txt"}
    assert {"2025-05", "2025-06"} <= set(visits)
    assert visits["2025-05"]["actor"] == ["CHN"] and visits["2025-05"]["date_start"] == "2025-05-20"
    assert json.loads(visits["2025-05"]["record"])["factuality"] == "planned"
    by_name = {d["name"]: d for d in documents}
    assert set(by_name) == set(ARTICLES)
    assert by_name["quiet.txt"]["events"] == 0 and by_name["quiet.txt"]["month"] == "2025-05"
    assert by_name["undated.txt"]["month"] == "undated"
    assert by_name["visits.txt"]["published"].isoformat() == "2025-05-10"


def test_rerun_writes_nothing_new(corpus: Path, tmp_path: Path, analyzer: Analyzer) -> None:
    out = tmp_path / "pq"
    extract(corpus, tmp_path / "a.db", analyzer, out)
    before = {t: table(out, t) for t in ("events", "mentions", "documents")}
    files = parts(out)
    extract(corpus, tmp_path / "a.db", analyzer, out)
    assert parts(out) == files
    assert {t: table(out, t) for t in before} == before


def test_documents_analysed_earlier_are_written_from_the_store(
    corpus: Path, tmp_path: Path, analyzer: Analyzer
) -> None:
    extract(corpus, tmp_path / "a.db", analyzer, None)
    reference = tmp_path / "reference"
    extract(corpus, tmp_path / "b.db", analyzer, reference)
    out = tmp_path / "pq"
    report = extract(corpus, tmp_path / "a.db", analyzer, out)
    assert report.analysed == 0
    for name in ("events", "mentions"):
        assert table(out, name) == table(reference, name)
    drop = ("doc_id", "name", "source")  # the same rows; names and sources are the store's
    assert [{k: v for k, v in d.items() if k not in drop} for d in table(out, "documents")] == [
        {k: v for k, v in d.items() if k not in drop} for d in table(reference, "documents")
    ]


def test_open_removes_what_an_interrupted_write_left(
    corpus: Path, tmp_path: Path, analyzer: Analyzer
) -> None:
    out = tmp_path / "pq"
    extract(corpus, tmp_path / "a.db", analyzer, out)
    complete = parts(out)
    some_events = next(out.glob("events/month=*/part-*.parquet"))
    orphan = some_events.with_name("part-00000000000000000000.parquet")
    orphan.write_bytes(some_events.read_bytes())  # its documents part was never renamed in
    temporary = some_events.with_name(".part-11111111111111111111.parquet.tmp")
    temporary.write_bytes(b"half a file")
    dataset = ParquetDataset(out).open()
    assert parts(out) == complete
    assert not temporary.exists()
    assert dataset.present == {d["doc_id"] for d in table(out, "documents")}


def test_another_pipeline_version_is_cleared(
    corpus: Path, tmp_path: Path, analyzer: Analyzer
) -> None:
    out = tmp_path / "pq"
    extract(corpus, tmp_path / "a.db", analyzer, out)
    (out / "_tacitus.json").write_text(json.dumps({"pipeline_version": "0.0.1/r0/old"}))
    assert ParquetDataset(out).open().present == set()
    assert parts(out) == set()


@pytest.mark.parametrize(
    ("start", "end", "month"),
    [("2025-05-20", "2025-05-20", "2025-05"), ("2025", "2025", "2025-01"),
     (None, "2030-02", "2030-02"), (None, None, "undated")],
)  # fmt: skip
def test_month_of(start: str | None, end: str | None, month: str) -> None:
    assert month_of(start, end) == month
