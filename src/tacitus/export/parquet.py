"""Parquet output for DuckDB or Spark: events, mentions and documents, partitioned by month.

Layout under the output folder (Hive-style partitions, read with
`read_parquet('OUT/events/*/*.parquet', hive_partitioning = true)` in DuckDB or
`spark.read.parquet('OUT/events')`):

    events/month=2025-05/part-<key>.parquet      one row per event (`record`: the full JSON)
    mentions/month=2025-05/part-<key>.parquet    one row per evidence span of an event
    documents/month=2025-05/part-<key>.parquet   one row per document, with its event count
    _tacitus.json                                 the pipeline version the files come from

`month` is the month an event starts (else ends), a mention's event's month, and a document's
publication month; `undated` when there is none.

Writing is incremental and safe to interrupt: each part is written under a hidden temporary
name and renamed into place, and a part's documents file is renamed last, so a documents part
marks its events and mentions parts complete. Parts of one flush share a `<key>` derived from
their document ids, so writing the same documents again replaces files instead of adding
rows. On open, leftovers of an interrupted run (temporary files, events or mentions parts
without their documents part) are removed, and a dataset from another pipeline version is
cleared. Every document is written at most once: `ParquetDataset.present` knows which are.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from tacitus.records import Document, Event, document_fields
from tacitus.version import pipeline_version

TABLES = ("events", "mentions", "documents")
UNDATED = "undated"
_MANIFEST = "_tacitus.json"

_STRINGS = pa.list_(pa.string())
SCHEMAS: dict[str, pa.Schema] = {
    "events": pa.schema(
        [
            ("doc_id", pa.string()),
            ("doc", pa.string()),
            ("id", pa.string()),
            ("type", pa.string()),
            ("mode", pa.string()),
            ("factuality", pa.string()),
            ("attribution", pa.string()),
            ("location", pa.string()),
            ("date_start", pa.string()),
            ("date_end", pa.string()),
            ("date_text", pa.string()),
            ("actor", _STRINGS),
            ("recipient", _STRINGS),
            ("context", _STRINGS),
            ("confidence", pa.float64()),
            ("plover_type", pa.string()),
            ("cameo", pa.string()),
            ("quad_class", pa.int8()),
            ("score", pa.float64()),
            ("mentions", pa.int32()),
            ("record", pa.string()),
        ]
    ),
    "mentions": pa.schema(
        [
            ("doc_id", pa.string()),
            ("event_id", pa.string()),
            ("seq", pa.int32()),
            ("text", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
        ]
    ),
    "documents": pa.schema(
        [
            ("doc_id", pa.string()),
            ("name", pa.string()),
            ("source", pa.string()),
            ("title", pa.string()),
            ("outlet", pa.string()),
            ("agency", pa.string()),
            ("author", pa.string()),
            ("url", pa.string()),
            ("published", pa.date32()),
            ("bound_after", pa.date32()),
            ("bound_before", pa.date32()),
            ("language", pa.string()),
            ("words", pa.int64()),
            ("flags", _STRINGS),
            ("events", pa.int32()),
            ("pipeline_version", pa.string()),
        ]
    ),
}

Rows = dict[str, dict[str, list[dict[str, Any]]]]  # table → month → rows


class ParquetDataset:
    """The Parquet output folder `root`; `open` before writing."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.present: set[str] = set()

    def open(self) -> ParquetDataset:
        """Create the folder, clear it if another pipeline version wrote it, remove what an
        interrupted run left half-written, and learn which documents it holds."""
        version = pipeline_version()
        manifest = self.root / _MANIFEST
        if manifest.exists() and json.loads(manifest.read_text())["pipeline_version"] != version:
            for table in TABLES:
                shutil.rmtree(self.root / table, ignore_errors=True)
        self.root.mkdir(parents=True, exist_ok=True)
        manifest.write_text(json.dumps({"pipeline_version": version}) + "\n")
        self._remove_leftovers()
        self.present = self._document_ids()
        return self

    def write(self, documents: Iterable[Document], found: Mapping[str, list[Event]]) -> int:
        """Write the documents not present yet with their events (doc id → events); return
        how many documents were written."""
        new = [d for d in documents if d.id not in self.present]
        if not new:
            return 0
        key = hashlib.sha256("\n".join(sorted(d.id for d in new)).encode()).hexdigest()[:20]
        rows = _rows(new, found)
        for table in TABLES:  # documents last: its part marks the others complete
            for month, part in sorted(rows[table].items()):
                self._write_part(table, month, key, part)
        self.present.update(d.id for d in new)
        return len(new)

    def _write_part(self, table: str, month: str, key: str, rows: list[dict[str, Any]]) -> None:
        folder = self.root / table / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"part-{key}.parquet"
        temporary = folder / f".part-{key}.parquet.tmp"
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), temporary)
        os.replace(temporary, final)

    def _remove_leftovers(self) -> None:
        for stale in self.root.glob("*/month=*/.part-*.tmp"):
            stale.unlink()
        complete = {p.name for p in self.root.glob("documents/month=*/part-*.parquet")}
        for table in ("events", "mentions"):
            for part in self.root.glob(f"{table}/month=*/part-*.parquet"):
                if part.name not in complete:
                    part.unlink()

    def _document_ids(self) -> set[str]:
        found: set[str] = set()
        for part in self.root.glob("documents/month=*/part-*.parquet"):
            found.update(pq.read_table(part, columns=["doc_id"]).column(0).to_pylist())
        return found


def month_of(start: str | None, end: str | None = None) -> str:
    """`YYYY-MM` of an ISO date (`start`, else `end`), or `undated`."""
    value = start or end
    if not value:
        return UNDATED
    return value[:7] if len(value) >= 7 else f"{value[:4]}-01"


def _rows(documents: list[Document], found: Mapping[str, list[Event]]) -> Rows:
    rows: Rows = {table: {} for table in TABLES}
    for doc in documents:
        published = doc.published.isoformat() if doc.published else None
        events = found.get(doc.id, [])
        rows["documents"].setdefault(month_of(published), []).append(_document_row(doc, events))
        for event in events:
            month = month_of(event.date.start, event.date.end) if event.date else UNDATED
            rows["events"].setdefault(month, []).append(_event_row(doc.id, event))
            rows["mentions"].setdefault(month, []).extend(
                {"doc_id": doc.id, "event_id": event.id, "seq": i, "text": e.text,
                 "start": e.start, "end": e.end}
                for i, e in enumerate(event.evidence)
            )  # fmt: skip
    return rows


def _document_row(doc: Document, events: list[Event]) -> dict[str, Any]:
    return {
        "doc_id": doc.id,
        **document_fields(doc),
        "words": doc.words,
        "flags": list(doc.flags),
        "events": len(events),
        "pipeline_version": pipeline_version(),
    }


def _event_row(doc_id: str, event: Event) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "doc": event.doc,
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "factuality": event.factuality,
        "attribution": event.attribution,
        "location": event.location,
        "date_start": event.date.start if event.date else None,
        "date_end": event.date.end if event.date else None,
        "date_text": event.date.text if event.date else None,
        "actor": [a.code for a in event.actor],
        "recipient": [r.code for r in event.recipient],
        "context": list(event.context),
        "confidence": event.confidence,
        "plover_type": event.plover_type,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "score": event.score,
        "mentions": len(event.evidence),
        "record": json.dumps(event.to_dict(), ensure_ascii=False),
    }
