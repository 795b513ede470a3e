"""The briefing job: ingest, extract, fuse across sources, and write what a person reads.

`brief_paths` is what `tacitus brief` runs: it extracts the given inputs into the store, re-fuses
the stored corpus (stories are corpus-level, so they are replaced as a whole), and writes
`briefing.html`, `briefing.md`, `events.jsonl` and `stories.json` for the documents given.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tacitus.analysis import Analyzer
from tacitus.atomic import atomic_text, write_text
from tacitus.export import DocumentInfo, write_events
from tacitus.extract import ExtractReport, events_for, extract_paths
from tacitus.fuse import Story, fuse
from tacitus.ingest.pipeline import Progress
from tacitus.records import Document, Event
from tacitus.report import write_briefing
from tacitus.store import Store
from tacitus.version import pipeline_version

BRIEF_FILES = ("briefing.html", "briefing.md", "events.jsonl", "stories.json")


@dataclass(slots=True)
class BriefReport:
    """What `brief_paths` did: the extraction, the stories briefed and the files written."""

    extract: ExtractReport
    stories: int = 0
    fused_events: int = 0
    files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.extract.summary()}; {self.stories} stories, {self.fused_events} fused "
            f"events; wrote {', '.join(p.name for p in self.files) or 'nothing'}"
        )


def fuse_store(store: Store, doc_ids: Iterable[str] | None = None) -> list[Story]:
    """Stories over the stored documents (all of them, or those in `doc_ids`)."""
    docs, events = _corpus(store, doc_ids)
    return fuse(docs, events)


def refresh_stories(store: Store) -> list[Story]:
    """Fuse the whole store and replace its stories (one transaction); return them."""
    found = fuse_store(store)
    store.save_stories(found)
    return found


def _corpus(
    store: Store, doc_ids: Iterable[str] | None = None
) -> tuple[list[Document], dict[str, list[Event]]]:
    """The stored documents (all, or those in `doc_ids`) and their events, read once."""
    wanted = None if doc_ids is None else set(doc_ids)
    # with their texts: stories link documents by their most distinctive words
    docs = [d for d in store.documents(with_text=True) if wanted is None or d.id in wanted]
    return docs, store.document_events([d.id for d in docs])


def stories_stale(store: Store) -> bool:
    """True when the stored stories may not reflect the stored documents and pipeline."""
    fused = store.fusion()
    if fused is None:
        return store.count() > 0
    version, documents = fused
    return version != pipeline_version() or documents != store.count()


def brief_paths(
    paths: Iterable[str],
    store: Store,
    out_dir: Path,
    analyzer: Analyzer | None = None,
    *,
    top: int = 20,
    max_bytes: int | None = None,
    on_item: Progress | None = None,
    on_analysed: Progress | None = None,
) -> BriefReport:
    """Extract `paths` into `store`, re-fuse the store, write the briefing of `paths` to `out_dir`.

    The briefing covers the documents read from `paths`; the stored stories cover the whole
    store. Files are written whole or not at all (temporary name, then rename).
    """
    extracted = extract_paths(
        paths, store, analyzer, max_bytes=max_bytes, on_item=on_item, on_analysed=on_analysed
    )
    report = BriefReport(extracted)
    wanted = list(dict.fromkeys(doc_id for _, doc_id in extracted.items))
    if not wanted:
        return report
    # the whole store is read once: its stories are stored, the inputs' ones are briefed
    docs, events = _corpus(store)
    stored = fuse(docs, events)
    store.save_stories(stored)
    chosen = set(wanted)
    documents = [d for d in docs if d.id in chosen]
    briefed = stored if len(documents) == len(docs) else fuse(documents, events)
    out_dir.mkdir(parents=True, exist_ok=True)
    events_path = out_dir / "events.jsonl"
    extracted.events = _write_events(store, extracted.items, documents, events_path)
    report.files = [
        *write_briefing([s.to_dict() for s in briefed], documents, out_dir, top=top),
        events_path,
        _write_stories(briefed, out_dir / "stories.json"),
    ]
    report.stories = len(briefed)
    report.fused_events = sum(len(s.events) for s in briefed)
    return report


def stories_document(found: Sequence[Story] | Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The stories.json record: the pipeline version and the stories, best supported first."""
    records = [s if isinstance(s, dict) else s.to_dict() for s in found]
    return {"pipeline_version": pipeline_version(), "stories": records}


def _write_stories(found: Sequence[Story], path: Path) -> Path:
    text = json.dumps(stories_document(found), ensure_ascii=False, indent=1) + "\n"
    return write_text(path, text)


def _write_events(
    store: Store, items: list[tuple[str, str]], documents: Sequence[Document], path: Path
) -> int:
    """Write the events of every input to `path` as JSON Lines; return how many."""
    by_id = {d.id: DocumentInfo.from_document(d) for d in documents}
    info = {name: replace(by_id[doc_id], name=name) for name, doc_id in items}
    with atomic_text(path) as stream:
        return write_events(events_for(store, items), stream, "jsonl", documents=info)
