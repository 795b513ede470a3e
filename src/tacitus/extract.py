"""Extraction: ingest what is new, analyse what has no current analysis, return the events.

Analysis is a pure function of a document's text, publication date and the pipeline version,
so a document analysed once is not analysed again until the pipeline changes.

The work is cut into partitions of `batch_size` documents. Cleaning and analysis run on an
engine (this process, a process pool, a Dask cluster: `tacitus.engines`); this process reads
the inputs and is the store's only writer. The two stages are chained lazily, so reading,
cleaning and analysis overlap and only a few partitions per worker are in flight. Each
partition is written to the store in one transaction (documents, then their analyses): a run
killed at any point leaves whole partitions, and the same command run again stores the rest,
skipping what is already stored and analysed.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from tacitus.analysis import Analyzer
from tacitus.engines import AnalyzerSpec, Engine, LocalEngine, in_order
from tacitus.engines.work import (
    Analysed,
    AnalyseTask,
    CleanTask,
    analyse_partition,
)
from tacitus.export.parquet import ParquetDataset
from tacitus.ingest.pipeline import Progress
from tacitus.ingest.readers import JSONL_SUFFIXES, Item, read_paths, suffix_of, walk
from tacitus.ingest.warc import WARC_SUFFIXES, read_warc
from tacitus.records import Document, Event, IngestReport, Skipped
from tacitus.settings import setting
from tacitus.store import Store

BATCH_SIZE = 100  # documents per partition: ~0.25 s of analysis against ~1.5 ms of overhead
PARQUET_FLUSH = 2_000  # analysed documents gathered before Parquet parts are written


@dataclass(slots=True)
class ExtractReport:
    ingest: IngestReport
    analysed: int = 0
    reused: int = 0
    events: int = 0
    seconds: float = 0.0

    @property
    def items(self) -> list[tuple[str, str]]:
        """(name, document id) of every input read, in order (from the ingest report)."""
        return self.ingest.items

    def summary(self) -> str:
        return (
            f"{self.ingest.summary()}; {self.analysed} analysed, {self.reused} already "
            f"analysed; {self.events} events"
        )

    def speed(self) -> str:
        """Documents read and analysed per second over the whole run."""
        rate = self.ingest.read / self.seconds if self.seconds else 0.0
        return (
            f"{self.ingest.read} documents read and {self.analysed} analysed in "
            f"{self.seconds:.1f} s ({rate:.1f} documents/s)"
        )


def extract_paths(
    paths: Iterable[str],
    store: Store,
    analyzer: Analyzer | None = None,
    *,
    engine: Engine | None = None,
    spec: AnalyzerSpec | None = None,
    batch_size: int = BATCH_SIZE,
    out_parquet: Path | str | None = None,
    max_bytes: int | None = None,
    copy_threshold: float | None = None,
    on_item: Progress | None = None,
    on_analysed: Progress | None = None,
) -> ExtractReport:
    """Ingest `paths`, analyse every document read that lacks a current analysis, store it.

    `engine` runs cleaning and analysis (default: this process). `analyzer` is used by an
    in-process engine; other engines build one per worker from `spec` (default: the shipped
    pipeline), and passing them an Analyzer instance is a ValueError. With `out_parquet`,
    the analyses of every document read are also written there (`tacitus.export.parquet`).
    """
    engine = engine or LocalEngine()
    if analyzer is not None and not engine.in_process:
        raise ValueError("an Analyzer instance only runs in this process; pass spec= instead")
    run = _Run(
        store,
        engine,
        analyzer=analyzer,
        spec=spec or AnalyzerSpec(),
        batch_size=batch_size,
        on_item=on_item,
        on_analysed=on_analysed,
    )
    run.threshold = float(
        copy_threshold if copy_threshold is not None else setting("copy_threshold").default
    )
    limit = int(max_bytes if max_bytes is not None else setting("max_bytes").default)
    if out_parquet is not None:
        run.parquet = ParquetDataset(out_parquet).open()
    started = time.perf_counter()
    run.execute(read_paths(paths, limit))
    run.report.seconds = time.perf_counter() - started
    return run.report


class _Run:
    """One extraction: the driver's state between the engine's stages and the store."""

    def __init__(
        self,
        store: Store,
        engine: Engine,
        *,
        analyzer: Analyzer | None,
        spec: AnalyzerSpec,
        batch_size: int,
        on_item: Progress | None,
        on_analysed: Progress | None,
    ) -> None:
        self.store, self.engine, self.batch_size = store, engine, max(1, batch_size)
        self.analyzer, self.spec = analyzer, spec
        self.on_item, self.on_analysed = on_item, on_analysed
        self.report = ExtractReport(IngestReport())
        self.threshold = 0.6
        self.seen: set[str] = set()
        self.parquet: ParquetDataset | None = None
        self.buffered: list[Analysed] = []

    def execute(self, items: Iterator[Item]) -> None:
        raw = _partitions(items, self.batch_size)
        cleaned = in_order(self.engine.map(CleanTask(), raw))
        for _, done in self.engine.map(self._analyse_task(), self._to_analyse(cleaned)):
            self._save(done)
        if self.parquet is not None:
            self._flush()
            self._complete_parquet(self.parquet)

    def _analyse_task(self) -> AnalyseTask | _LocalAnalyse:
        if self.engine.in_process:
            return _LocalAnalyse(self.analyzer)
        return AnalyseTask(self.spec)

    def _to_analyse(self, cleaned: Iterable[list[Document | Skipped]]) -> Iterator[list[Document]]:
        """Store each cleaned partition; yield partitions of the documents still to analyse."""
        todo: list[Document] = []
        for partition in cleaned:
            todo.extend(self._store(partition))
            while len(todo) >= self.batch_size:
                yield todo[: self.batch_size]
                todo = todo[self.batch_size :]
        if todo:
            yield todo

    def _store(self, partition: list[Document | Skipped]) -> list[Document]:
        """Write one cleaned partition (one transaction); return the new documents that need
        an analysis by the current pipeline version."""
        docs = [d for d in partition if isinstance(d, Document)]
        ingest = self.report.ingest
        for doc, result in zip(docs, self.store.add_many(docs, self.threshold), strict=True):
            ingest.items.append((doc.name, doc.id))
            if result.status == "duplicate":
                ingest.duplicates.append(doc.id)
            else:
                ingest.stored.append(doc.id)
                ingest.copies.extend((doc.id, other) for other, _ in result.copies)
        for item in partition:
            if isinstance(item, Skipped):
                ingest.skipped.append(item)
            if self.on_item:
                self.on_item(item.source)
        new = {d.id: d for d in docs if d.id not in self.seen}
        self.seen.update(new)
        done = self.store.analysed(list(new))
        self.report.reused += len(done)
        # the fingerprint and removed lines are not needed for analysis: do not ship them
        return [replace(d, fingerprint=(), removed=()) for i, d in new.items() if i not in done]

    def _save(self, done: list[Analysed]) -> None:
        found = {a.document.id: a.events for a in done}
        bounds = {a.document.id: a.bounds for a in done if a.document.published is None}
        self.store.save_analyses(found, bounds)
        self.report.analysed += len(done)
        if self.parquet is not None:
            self.buffered.extend(done)
            if len(self.buffered) >= PARQUET_FLUSH:
                self._flush()
        if self.on_analysed:
            for a in done:
                self.on_analysed(a.document.id)

    def _flush(self) -> None:
        if self.parquet is not None and self.buffered:
            found = {a.document.id: a.events for a in self.buffered}
            self.parquet.write([a.document for a in self.buffered], found)
        self.buffered = []

    def _complete_parquet(self, dataset: ParquetDataset) -> None:
        """Write the documents of this run the dataset lacks (analysed by an earlier or an
        interrupted run) from the store."""
        missing = sorted(self.seen - dataset.present)
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            found = self.store.document_events(chunk)
            docs = [replace(self.store.get(d), text="", removed=()) for d in chunk]
            dataset.write(docs, found)


class _LocalAnalyse:
    """Analysis in this process with the caller's Analyzer, built on first use if none."""

    def __init__(self, analyzer: Analyzer | None) -> None:
        self.analyzer = analyzer

    def __call__(self, documents: list[Document]) -> list[Analysed]:
        if self.analyzer is None:
            self.analyzer = Analyzer()  # built only when there is work: loading takes a second
        return analyse_partition(documents, self.analyzer)


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many documents `paths` hold, for a progress bar's ETA: files count one, JSON Lines
    files their lines, WARC files their records. None when stdin is among them."""
    total = 0
    for arg in paths:
        if arg == "-":
            return None
        path = Path(arg)
        files = walk(path) if path.is_dir() else [path] if path.exists() else []
        for file in files:
            suffix = suffix_of(file)
            if suffix in JSONL_SUFFIXES:
                total += _count_lines(file)
            elif suffix in WARC_SUFFIXES:
                # a 1-byte limit turns every page into a cheap "too large" item: count those
                total += sum(1 for item in read_warc(file, 1) if isinstance(item, Skipped))
            else:
                total += 1
    return total


def _count_lines(path: Path) -> int:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    except (OSError, EOFError):
        return 0


def _partitions(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(items, size)):
        yield chunk


def events_for(store: Store, items: list[tuple[str, str]]) -> Iterator[Event]:
    """The stored events of each (name, document id), with `doc` set to the input's name."""
    by_doc = store.document_events(list(dict.fromkeys(doc_id for _, doc_id in items)))
    for name, doc_id in items:
        for event in by_doc.get(doc_id, []):
            yield replace(event, doc=name)
