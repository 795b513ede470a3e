"""Ingest from the web: a pasted text or one uploaded file, read in memory, cleaned, analysed.

An upload never becomes a path: its bytes are read from the request up to the size limit and
handed to the same cleaner and analyser `tacitus extract` uses. The file name is only used for
its suffix (which reader applies) and as the document's name.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from tacitus.analysis import Analyzer
from tacitus.bounds import infer_bounds
from tacitus.errors import (
    BinaryContent,
    UndecodableText,
    UnsupportedUpload,
    UploadTooLarge,
)
from tacitus.ingest.clean import Cleaner
from tacitus.ingest.readers import HTML_SUFFIXES, MARKDOWN_SUFFIXES, TEXT_SUFFIXES, suffix_of
from tacitus.records import RawDocument, SourceKind
from tacitus.store import Store

UPLOAD_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES
# Content types a browser or client may send for those files (checked with the suffix).
UPLOAD_TYPES = {
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/octet-stream": "",  # browsers' default for unknown suffixes: suffix decides
    "": "",
}
_NAME = re.compile(r"[^\w.\- ]+")


@dataclass(frozen=True, slots=True)
class Ingested:
    """What one web ingest did: the document, whether it was new, its events."""

    doc_id: str
    name: str
    status: str  # stored | duplicate
    events: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "name": self.name,
            "status": self.status,
            "events": self.events,
        }


def safe_name(filename: str | None, default: str = "upload") -> str:
    """A display name from a client's file name: its last part, tame characters, 120 at most."""
    if not filename:
        return default
    last = PurePosixPath(filename.replace("\\", "/")).name
    cleaned = _NAME.sub("_", last).strip(" .")[:120]
    return cleaned or default


def upload_kind(filename: str, content_type: str | None) -> SourceKind:
    """The reader for an uploaded file, from its suffix and declared type; else E405."""
    supported = ", ".join(UPLOAD_SUFFIXES)
    suffix = suffix_of(Path(filename))  # a name only: nothing is opened
    declared = (content_type or "").split(";")[0].strip().lower()
    if suffix not in UPLOAD_SUFFIXES or declared not in UPLOAD_TYPES:
        raise UnsupportedUpload(kind=declared or suffix or "(none)", supported=supported)
    kind: SourceKind = "text"
    if suffix in HTML_SUFFIXES:
        kind = "html"
    elif suffix in MARKDOWN_SUFFIXES:
        kind = "markdown"
    if UPLOAD_TYPES[declared] and UPLOAD_TYPES[declared] != kind and declared != "text/plain":
        raise UnsupportedUpload(kind=f"{declared} for {suffix}", supported=supported)
    return kind


class WebIngest:
    """Cleans, stores and analyses one document at a time (the analyser is built on first use
    and is not shared between threads, hence the lock)."""

    def __init__(self, store: Store, max_bytes: int) -> None:
        self.store = store
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._cleaner: Cleaner | None = None
        self._analyzer: Analyzer | None = None

    def ingest(self, raw: RawDocument) -> Ingested:
        """Store and analyse `raw`; raises E404 when too large, E405 when not text, or the
        cleaner's InputError (empty document)."""
        size = len(raw.data.encode("utf-8") if isinstance(raw.data, str) else raw.data)
        if size > self.max_bytes:
            raise UploadTooLarge(limit=self.max_bytes)
        with self._lock:
            self._cleaner = self._cleaner or Cleaner.default()
            try:
                doc = self._cleaner.clean(raw)
            except (BinaryContent, UndecodableText) as exc:
                raise UnsupportedUpload(
                    kind="binary or undecodable content", supported=", ".join(UPLOAD_SUFFIXES)
                ) from exc
            result = self.store.add(doc)
            if self.store.analysed([doc.id]):
                count = len(self.store.document_events([doc.id])[doc.id])
                return Ingested(doc.id, doc.name, result.status, count)
            self._analyzer = self._analyzer or Analyzer()
            found = self._analyzer.analyze_document(doc)
            self.store.save_analysis(doc.id, found)
            if doc.published is None:
                self.store.set_bounds(doc.id, infer_bounds(found))
        return Ingested(doc.id, doc.name, result.status, len(found))
