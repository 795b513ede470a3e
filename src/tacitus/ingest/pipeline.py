"""Ingest orchestration: read → clean → store, one transaction per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tacitus.errors import InputError
from tacitus.ingest.clean import Cleaner
from tacitus.ingest.readers import read_paths, skipped
from tacitus.records import IngestReport, RawDocument, Skipped
from tacitus.settings import setting
from tacitus.store import Store

Progress = Callable[[str], None]


def ingest_paths(
    paths: Iterable[str],
    store: Store,
    *,
    cleaner: Cleaner | None = None,
    max_bytes: int | None = None,
    copy_threshold: float | None = None,
    on_item: Progress | None = None,
) -> IngestReport:
    """Read every document under `paths`, clean it and store it; return what happened.

    Unreadable items are reported in `IngestReport.skipped` and the run goes on. A store
    failure (disk full, server gone) raises StoreError: continuing would lose documents.
    """
    cleaner = cleaner or Cleaner.default()
    limit = int(max_bytes if max_bytes is not None else setting("max_bytes").default)
    threshold = float(
        copy_threshold if copy_threshold is not None else setting("copy_threshold").default
    )
    report = IngestReport()
    for item in read_paths(paths, limit):
        if isinstance(item, Skipped):
            report.skipped.append(item)
        else:
            _ingest_one(item, store, cleaner, threshold, report)
        if on_item:
            on_item(item.source)
    return report


def _ingest_one(
    raw: RawDocument, store: Store, cleaner: Cleaner, threshold: float, report: IngestReport
) -> None:
    try:
        doc = cleaner.clean(raw)
    except InputError as exc:
        report.skipped.append(skipped(exc, raw.source))
        return
    result = store.add(doc, threshold)
    report.items.append((raw.name, doc.id))
    if result.status == "duplicate":
        report.duplicates.append(doc.id)
        return
    report.stored.append(doc.id)
    report.copies.extend((doc.id, other) for other, _ in result.copies)
