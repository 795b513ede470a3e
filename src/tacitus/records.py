"""Typed records that flow between stages: RawDocument → Document (→ Analysis in later stages)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SourceKind = Literal["text", "html", "markdown"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input before cleaning: raw bytes or text plus whatever metadata the container gave.

    `name` is the file name or the JSON Lines record id; `source` the path (with `:line` for
    JSON Lines records) or URL. Structured metadata, when present, wins over what cleaning infers.
    """

    name: str
    source: str
    data: bytes | str
    kind: SourceKind = "text"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """A piece of the source text that cleaning removed, kept so nothing is lost.

    Offsets are into the decoded and repaired source text (`Document.source_text` is not kept;
    `start`/`end` let a user locate the span in the original file after decoding).
    """

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class PublishedBounds:
    """An inferred window for the publication date when the document states none."""

    after: dt.date | None
    before: dt.date | None
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: the unit every later stage reads.

    `id` is derived from the cleaned text, so the same article ingested twice is one document.
    `fingerprint` is a MinHash signature of the text's word shingles, used to link near-copies.
    """

    id: str
    name: str
    source: str
    text: str
    words: int = 0
    title: str | None = None
    outlet: str | None = None
    agency: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_bounds: PublishedBounds | None = None
    language: str = "und"
    encoding: str = "utf-8"
    removed: tuple[RemovedSpan, ...] = ()
    flags: tuple[str, ...] = ()
    copy_of: tuple[str, ...] = ()
    fingerprint: tuple[int, ...] = field(default=(), repr=False)

    def to_dict(self, *, with_text: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings); the fingerprint is internal and omitted."""
        out = asdict(self)
        out.pop("fingerprint")
        if not with_text:
            out.pop("text")
            out.pop("removed")
        out["published"] = self.published.isoformat() if self.published else None
        if self.published_bounds:
            b = self.published_bounds
            out["published_bounds"] = {
                "after": b.after.isoformat() if b.after else None,
                "before": b.before.isoformat() if b.before else None,
                "reason": b.reason,
            }
        out["flags"] = list(self.flags)
        out["copy_of"] = list(self.copy_of)
        return out


@dataclass(frozen=True, slots=True)
class Skipped:
    """A source that could not be ingested, and why (the coded error message)."""

    source: str
    reason: str
    message: str


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did: counts for the summary line, details for the log."""

    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    copies: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.stored) + len(self.duplicates)

    def summary(self) -> str:
        reasons: dict[str, int] = {}
        for s in self.skipped:
            reasons[s.reason] = reasons.get(s.reason, 0) + 1
        why = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items()))
        text = (
            f"{len(self.stored)} stored, {len(self.duplicates)} duplicates, "
            f"{len(self.skipped)} skipped"
        )
        if why:
            text += f" ({why})"
        if self.copies:
            text += f"; {len(self.copies)} near-copies linked"
        return text
