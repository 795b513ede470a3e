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
    # (name, document id) of every input read, in input order, duplicates included
    items: list[tuple[str, str]] = field(default_factory=list)
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


# ---------------------------------------------------------------- analysis records


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A participant as the event record shows it: code, canonical name, text as written."""

    code: str
    name: str
    text: str
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "text": self.text, "sector": self.sector}


@dataclass(frozen=True, slots=True)
class DateValue:
    """When an event happens: ISO 8601 bounds (None = open), and the expression it came from."""

    start: str | None
    end: str | None
    text: str | None = None

    def iso(self) -> str:
        """ "2025-05-09", "2025-05-07/2025-05-10", "2022/..", "../2030"."""
        if self.start == self.end and self.start is not None:
            return self.start
        return f"{self.start or '..'}/{self.end or '..'}"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the cleaned document text that states the event."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


FACTUALITY = ("asserted", "planned", "possible", "negated", "hypothetical")


@dataclass(frozen=True, slots=True)
class Event:
    """One distinct event in one document, with every mention that states it.

    `type`, `mode` and `context` follow PLOVER; `factuality` is our extension; `plover_type`,
    `cameo`, `quad_class` and `score` are derived for interoperability (see the ontology).
    """

    doc: str
    id: str
    type: str
    mode: str | None
    actor: tuple[ActorRef, ...]
    recipient: tuple[ActorRef, ...]
    date: DateValue | None
    location: str | None
    factuality: str
    attribution: str | None
    evidence: tuple[Evidence, ...]
    confidence: float
    context: tuple[str, ...] = ()
    plover_type: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The native JSON Lines record (read by ../shared/eval/score.py)."""
        return {
            "doc": self.doc,
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [r.to_dict() for r in self.recipient],
            "date": self.date.to_dict() if self.date else None,
            "location": self.location,
            "factuality": self.factuality,
            "attribution": self.attribution,
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": round(self.confidence, 3),
            "plover_type": self.plover_type,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        date = data.get("date")
        return cls(
            doc=data["doc"],
            id=data["id"],
            type=data["type"],
            mode=data.get("mode"),
            actor=tuple(ActorRef(**a) for a in data.get("actor", [])),
            recipient=tuple(ActorRef(**r) for r in data.get("recipient", [])),
            date=DateValue(**date) if date else None,
            location=data.get("location"),
            factuality=data["factuality"],
            attribution=data.get("attribution"),
            evidence=tuple(Evidence(**e) for e in data.get("evidence", [])),
            confidence=float(data.get("confidence", 0.0)),
            context=tuple(data.get("context", [])),
            plover_type=data.get("plover_type"),
            cameo=data.get("cameo"),
            quad_class=data.get("quad_class"),
            score=data.get("score"),
        )


def document_fields(doc: Document) -> dict[str, Any]:
    """A document's descriptive metadata as flat columns (the store's and Parquet's shared
    part): name, source, title, outlet, agency, author, url, published, the inferred writing
    window and the language."""
    bounds = doc.published_bounds
    return {
        "name": doc.name,
        "source": doc.source,
        "title": doc.title,
        "outlet": doc.outlet,
        "agency": doc.agency,
        "author": doc.author,
        "url": doc.url,
        "published": doc.published,
        "bound_after": bounds.after if bounds else None,
        "bound_before": bounds.before if bounds else None,
        "language": doc.language,
    }
