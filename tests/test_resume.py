"""Killed runs: a worker process killed mid-run, then the driver killed mid-run; the same
command run again finishes with exactly the records of an uninterrupted run.

The corpus is 800 short dated articles (six written for these tests, each repeated with a
numbered closing line so every copy is its own document) in four JSON Lines shards. The
runs are real `tacitus extract` processes with 2 workers; a kill happens as soon as the
store holds some analyses, so the run is partway whatever the machine's speed.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pyarrow.dataset as pads
import pytest
from sqlalchemy import create_engine, text

from tacitus import Store, extract_paths

TEMPLATES = [
    ("10 May 2025", "Chinese President Xi Jinping will visit Moscow on May 20."),
    ("12 May 2025", "Chinese Foreign Minister Wang Yi visited Islamabad on Monday."),
    ("3 June 2025", "The European Union imposed sanctions on Iran on Monday over drones."),
    ("1 March 2025", "Japan will send humanitarian aid to Turkey next week, Tokyo said."),
    ("7 April 2025", "India accused Pakistan of shelling border villages on Sunday."),
    ("20 July 2025", "Brazil and Argentina signed a trade agreement in Brasilia on Friday."),
]
DOCS = 800
SHARDS = 4
CLI = [str(Path(sys.executable).parent / "tacitus")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("resume") / "corpus"
    folder.mkdir()
    for shard in range(SHARDS):
        lines = []
        for i in range(shard, DOCS, SHARDS):
            date, sentence = TEMPLATES[i % len(TEMPLATES)]
            body = f"Bulletin {i}\n{date}\n\n{sentence}\nThis is bulletin number {i}.\n"
            lines.append(json.dumps({"id": f"bulletin-{i}", "text": body}))
        (folder / f"part-{shard}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def expected(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What an uninterrupted run stores, in a fresh store (in this process)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'ref.db'}"
    with Store(url) as store:
        report = extract_paths([str(corpus)], store)
    assert report.analysed == DOCS
    return stored(url)


def stored(url: str) -> dict[str, Any]:
    """Everything a run leaves in the store that a user relies on, comparable across stores."""
    with Store(url) as store:
        events = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.events())
        documents = sorted((d.id, d.name) for d in store.documents())
    engine = create_engine(url)
    with engine.connect() as conn:
        counts = {
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("documents", "document_sources", "analyses", "events")
        }
    engine.dispose()
    return {"events": events, "documents": documents, "counts": counts}


def analysed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with create_engine(f"sqlite:///{db}").connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM analyses")).scalar_one())
    except Exception:  # the store is being created and migrated
        return 0


def start(corpus: Path, db: Path, *options: str) -> subprocess.Popen[str]:
    command = [*CLI, "extract", str(corpus), "--db", str(db), "-q", "--batch-size", "20",
               "-o", str(db.with_suffix(".jsonl")), "--workers", "2", *options]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_analyses(run: subprocess.Popen[str], db: Path, at_least: int = 40) -> None:
    deadline = time.monotonic() + 240
    while analysed(db) < at_least:
        assert run.poll() is None, f"the run ended before it could be interrupted: {run.stderr}"
        assert time.monotonic() < deadline, "no analyses stored in time"
        time.sleep(0.05)


def finish(run: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = run.communicate(timeout=600)
    return run.returncode, err


@pytest.fixture
def spawned() -> Iterator[list[psutil.Process]]:
    """Processes our runs started, killed at the end if any survived (orphaned workers)."""
    found: list[psutil.Process] = []
    yield found
    for process in found:
        with contextlib.suppress(psutil.Error):
            process.kill()


def workers_of(run: subprocess.Popen[str]) -> list[psutil.Process]:
    """Worker processes of a run: spawned Python children, not the resource tracker."""
    children = psutil.Process(run.pid).children(recursive=True)
    return [c for c in children if "spawn_main" in " ".join(c.cmdline())]


def test_dask_run_survives_a_killed_worker(
    corpus: Path, expected: dict[str, Any], tmp_path: Path, spawned: list[psutil.Process]
) -> None:
    db = tmp_path / "dask.db"
    run = start(corpus, db, "--engine", "dask")
    wait_for_analyses(run, db)
    spawned.extend(psutil.Process(run.pid).children(recursive=True))
    # the LocalCluster's nannies run in the driver; its worker processes are the driver's
    workers_of(run)[0].send_signal(signal.SIGKILL)
    code, err = finish(run)
    assert code == 0, err
    assert stored(f"sqlite:///{db}") == expected


def test_process_pool_fails_cleanly_then_the_rerun_completes(
    corpus: Path, expected: dict[str, Any], tmp_path: Path, spawned: list[psutil.Process]
) -> None:
    db = tmp_path / "pool.db"
    run = start(corpus, db, "--engine", "processes")
    wait_for_analyses(run, db)
    workers = workers_of(run)
    spawned.extend(workers)
    workers[0].send_signal(signal.SIGKILL)
    code, err = finish(run)
    assert code == 2
    assert "[E502] the processes engine failed: a worker process died; the work finished so " in err
    partway = analysed(db)
    assert 0 < partway < DOCS
    code, err = finish(start(corpus, db, "--engine", "processes"))
    assert code == 0, err
    assert f"{DOCS - partway} analysed, {partway} already analysed" in err
    assert stored(f"sqlite:///{db}") == expected


def test_rerun_after_killing_the_driver_stores_exactly_the_expected_records(
    corpus: Path, expected: dict[str, Any], tmp_path: Path, spawned: list[psutil.Process]
) -> None:
    db, parquet = tmp_path / "driver.db", tmp_path / "parquet"
    run = start(corpus, db, "--engine", "processes", "--out-parquet", str(parquet))
    wait_for_analyses(run, db, at_least=100)
    workers = workers_of(run)
    spawned.extend(psutil.Process(run.pid).children(recursive=True))
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    # orphaned workers notice and exit (they hold the pipes: read them only afterwards)
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive
    run.communicate(timeout=60)
    assert 0 < analysed(db) < DOCS
    code, err = finish(start(corpus, db, "--engine", "processes", "--out-parquet", str(parquet)))
    assert code == 0, err
    assert stored(f"sqlite:///{db}") == expected
    # the Parquet dataset holds each stored event and document exactly once
    events = pads.dataset(parquet / "events", partitioning="hive").to_table(["doc_id", "id"])
    pairs = list(zip(*(events.column(c).to_pylist() for c in ("doc_id", "id")), strict=True))
    assert len(pairs) == len(set(pairs)) == len(expected["events"])
    docs = pads.dataset(parquet / "documents", partitioning="hive").to_table(["doc_id"])
    assert sorted(docs.column(0).to_pylist()) == sorted(d for d, _ in expected["documents"])
