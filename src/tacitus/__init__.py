"""Tacitus: verifiable event records from international news.

The public API. Everything the CLI does is available here:

    >>> from tacitus import Store, ingest_paths
    >>> with Store("sqlite:///tacitus.db") as store:
    ...     report = ingest_paths(["examples/"], store)
"""

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
from tacitus.ingest.clean import Cleaner
from tacitus.ingest.pipeline import ingest_paths
from tacitus.records import (
    Document,
    IngestReport,
    PublishedBounds,
    RawDocument,
    RemovedSpan,
    Skipped,
)
from tacitus.store import AddResult, Store
from tacitus.version import PIPELINE_VERSION, __version__

__all__ = [
    "PIPELINE_VERSION",
    "AddResult",
    "BinaryContent",
    "Cleaner",
    "ConfigError",
    "Document",
    "DocumentNotFound",
    "DocumentTooLarge",
    "EmptyDocument",
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
    "clean",
    "ingest_paths",
]


def clean(raw: RawDocument) -> Document:
    """Clean one raw document with the shipped rules (see `Cleaner` to reuse them)."""
    return Cleaner.default().clean(raw)
