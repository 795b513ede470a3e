"""Tacitus: verifiable event records from international news.

The public API. Everything the CLI does is available here:

    >>> from tacitus import Store, extract_paths, events_for
    >>> with Store("sqlite:///tacitus.db") as store:
    ...     report = extract_paths(["examples/"], store)
    ...     events = list(events_for(store, report.items))

    >>> import datetime, tacitus
    >>> events = tacitus.analyze("Xi will visit Moscow.", published=datetime.date(2025, 5, 1))
"""

from tacitus.analysis import Analyzer, analyze
from tacitus.errors import (
    BinaryContent,
    ConfigError,
    DocumentNotFound,
    DocumentTooLarge,
    EmptyDocument,
    InputError,
    MalformedRecord,
    SourceNotFound,
    StoreError,
    StoreOpenError,
    TacitusError,
    UndecodableText,
    UnreadableSource,
    UnsupportedFormat,
)
from tacitus.export import FORMATS, DocumentInfo, write_events
from tacitus.extract import ExtractReport, events_for, extract_paths
from tacitus.ingest.clean import Cleaner
from tacitus.ingest.pipeline import ingest_paths
from tacitus.records import (
    ActorRef,
    DateValue,
    Document,
    Event,
    Evidence,
    IngestReport,
    PublishedBounds,
    RawDocument,
    RemovedSpan,
    Skipped,
)
from tacitus.store import AddResult, EventFilter, Store
from tacitus.version import __version__, pipeline_version

__all__ = [
    "FORMATS",
    "ActorRef",
    "AddResult",
    "Analyzer",
    "BinaryContent",
    "Cleaner",
    "ConfigError",
    "DateValue",
    "Document",
    "DocumentInfo",
    "DocumentNotFound",
    "DocumentTooLarge",
    "EmptyDocument",
    "Event",
    "EventFilter",
    "Evidence",
    "ExtractReport",
    "IngestReport",
    "InputError",
    "MalformedRecord",
    "PublishedBounds",
    "RawDocument",
    "RemovedSpan",
    "Skipped",
    "SourceNotFound",
    "Store",
    "StoreError",
    "StoreOpenError",
    "TacitusError",
    "UndecodableText",
    "UnreadableSource",
    "UnsupportedFormat",
    "__version__",
    "analyze",
    "clean",
    "events_for",
    "extract_paths",
    "ingest_paths",
    "pipeline_version",
    "write_events",
]


_CLEANER: list[Cleaner] = []


def clean(raw: RawDocument) -> Document:
    """Clean one raw document with the shipped rules (loaded on first use, then reused)."""
    if not _CLEANER:
        _CLEANER.append(Cleaner.default())
    return _CLEANER[0].clean(raw)
