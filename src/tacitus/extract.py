"""Extraction: ingest what is new, analyse what has no current analysis, return the events.

Analysis is a pure function of a document's text, publication date and the pipeline version,
so a document analysed once is not analysed again until the pipeline changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from tacitus.analysis import Analyzer
from tacitus.bounds import infer_bounds
from tacitus.ingest.pipeline import Progress, ingest_paths
from tacitus.records import Event, IngestReport
from tacitus.store import Store


@dataclass(slots=True)
class ExtractReport:
    ingest: IngestReport
    analysed: int = 0
    reused: int = 0
    events: int = 0

    @property
    def items(self) -> list[tuple[str, str]]:
        """(name, document id) of every input read, in order (from the ingest report)."""
        return self.ingest.items

    def summary(self) -> str:
        return (
            f"{self.ingest.summary()}; {self.analysed} analysed, {self.reused} already "
            f"analysed; {self.events} events"
        )


def extract_paths(
    paths: Iterable[str],
    store: Store,
    analyzer: Analyzer | None = None,
    *,
    max_bytes: int | None = None,
    copy_threshold: float | None = None,
    on_item: Progress | None = None,
    on_analysed: Progress | None = None,
) -> ExtractReport:
    """Ingest `paths`, analyse every document read that lacks a current analysis, store it."""
    report = ExtractReport(
        ingest_paths(
            paths, store, max_bytes=max_bytes, copy_threshold=copy_threshold, on_item=on_item
        )
    )
    wanted = list(dict.fromkeys(doc_id for _, doc_id in report.items))
    done = store.analysed(wanted)
    report.reused = len(done)
    todo = [d for d in wanted if d not in done]
    if todo and analyzer is None:
        analyzer = Analyzer()  # built only when there is work: loading takes a second
    for doc_id in todo:
        document = store.get(doc_id)
        found = analyzer.analyze_document(document)  # type: ignore[union-attr]
        store.save_analysis(doc_id, found)
        if document.published is None:
            store.set_bounds(doc_id, infer_bounds(found))
        report.analysed += 1
        if on_analysed:
            on_analysed(doc_id)
    return report


def events_for(store: Store, items: list[tuple[str, str]]) -> Iterator[Event]:
    """The stored events of each (name, document id), with `doc` set to the input's name."""
    by_doc = store.document_events(list(dict.fromkeys(doc_id for _, doc_id in items)))
    for name, doc_id in items:
        for event in by_doc.get(doc_id, []):
            yield replace(event, doc=name)
