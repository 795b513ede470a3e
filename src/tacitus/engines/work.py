"""The work engines run: cleaning and analysis of one partition, as picklable tasks.

Both are pure functions of their input, the shipped data files and the pipeline version, so
the engine that runs them cannot change what comes out. Building the pipeline takes a second
or two (lexicons, knowledge base, matchers), so each worker process builds it once, on its
first task, and keeps it in a per-process cache keyed by what it was built from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from tacitus.analysis import Analyzer
from tacitus.bounds import infer_bounds
from tacitus.errors import InputError
from tacitus.ingest.clean import Cleaner
from tacitus.records import Document, Event, PublishedBounds, RawDocument, Skipped


@dataclass(frozen=True, slots=True)
class AnalyzerSpec:
    """How a worker builds its Analyzer: the shipped pipeline, plus optional Phoenix actor
    dictionaries (paths readable by every worker)."""

    phoenix: tuple[str, ...] = ()

    def build(self) -> Analyzer:
        if not self.phoenix:
            return Analyzer()
        from tacitus.kb.actors import load_knowledge_base  # noqa: PLC0415 - rarely needed
        from tacitus.kb.phoenix import load_phoenix_people  # noqa: PLC0415

        people = load_phoenix_people([Path(p) for p in self.phoenix], [])
        return Analyzer(kb=load_knowledge_base().extended(people))


@dataclass(frozen=True, slots=True)
class Analysed:
    """One document's analysis: its metadata (text dropped), events, inferred window."""

    document: Document
    events: list[Event]
    bounds: PublishedBounds | None


# Per-process caches: a worker process serves many tasks and must not rebuild these.
_ANALYZERS: dict[AnalyzerSpec, Analyzer] = {}
_CLEANERS: list[Cleaner] = []


def worker_analyzer(spec: AnalyzerSpec) -> Analyzer:
    """The Analyzer built from `spec` in this process (built on first use)."""
    if spec not in _ANALYZERS:
        _ANALYZERS[spec] = spec.build()
    return _ANALYZERS[spec]


def worker_cleaner() -> Cleaner:
    """The default Cleaner of this process (built on first use)."""
    if not _CLEANERS:
        _CLEANERS.append(Cleaner.default())
    return _CLEANERS[0]


def clean_partition(
    raws: list[RawDocument | Skipped], cleaner: Cleaner
) -> list[Document | Skipped]:
    """Each raw document cleaned, or Skipped with the coded reason, in input order (items the
    reader already skipped pass through)."""
    out: list[Document | Skipped] = []
    for raw in raws:
        if isinstance(raw, Skipped):
            out.append(raw)
            continue
        try:
            out.append(cleaner.clean(raw))
        except InputError as exc:
            out.append(Skipped(source=raw.source, reason=exc.reason, message=str(exc)))
    return out


def analyse_partition(documents: list[Document], analyzer: Analyzer) -> list[Analysed]:
    """Events of each document, and for undated ones the publication window they imply."""
    out = []
    for document in documents:
        found = analyzer.analyze_document(document)
        bounds = infer_bounds(found) if document.published is None else None
        meta = replace(document, text="", removed=(), fingerprint=())
        out.append(Analysed(replace(meta, published_bounds=bounds), found, bounds))
    return out


@dataclass(frozen=True, slots=True)
class CleanTask:
    """`clean_partition` with this worker's Cleaner (picklable: sent to workers)."""

    def __call__(self, raws: list[RawDocument | Skipped]) -> list[Document | Skipped]:
        return clean_partition(raws, worker_cleaner())


@dataclass(frozen=True, slots=True)
class AnalyseTask:
    """`analyse_partition` with this worker's Analyzer built from `spec` (picklable)."""

    spec: AnalyzerSpec = field(default_factory=AnalyzerSpec)

    def __call__(self, documents: list[Document]) -> list[Analysed]:
        return analyse_partition(documents, worker_analyzer(self.spec))
