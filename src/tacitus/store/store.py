"""The SQL store: SQLite by default, PostgreSQL by URL, one schema, migrated by Alembic.

The store is the only writer. Each document is written in its own transaction, so an
interrupted run leaves every earlier document complete and no later one half-written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from tacitus.errors import DocumentNotFound, StoreError, StoreOpenError
from tacitus.ingest.fingerprint import band_keys, pack, similarity, unpack
from tacitus.records import Document, Event, PublishedBounds, RemovedSpan, document_fields
from tacitus.store.schema import (
    analyses,
    copies,
    document_bands,
    document_sources,
    documents,
    event_participants,
    events,
    fusions,
    removed_spans,
    stories,
    story_documents,
)
from tacitus.version import pipeline_version

if TYPE_CHECKING:
    from tacitus.fuse import Story


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `Store.add` did: `stored` a new document or found a `duplicate`; copies linked."""

    doc_id: str
    status: str
    copies: tuple[tuple[str, float], ...] = ()


def normalise_url(url: str) -> str:
    """Accept `sqlite:///x.db`, a bare file path, or `postgresql://…` (psycopg 3 driver)."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class Store:
    """A Tacitus store at `url`, created and migrated to the current schema on open."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        try:
            parsed = make_url(self.url)
            if parsed.get_backend_name() == "sqlite" and parsed.database:
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(self.url, future=True)
            if parsed.get_backend_name() == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
        except (ArgumentError, SQLAlchemyError, OSError, ImportError) as exc:
            raise StoreOpenError(url=url, detail=str(exc).splitlines()[0]) from exc

    def _migrate(self) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", "tacitus.store:migrations")
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- writing

    def add(self, doc: Document, copy_threshold: float = 0.6) -> AddResult:
        """Store `doc` in one transaction, or record its source if the text is already stored.

        Near-copies (estimated Jaccard ≥ `copy_threshold`) found through the LSH bands are
        linked both ways through the `copies` table.
        """
        try:
            with self.engine.begin() as conn:
                return self._add(conn, doc, copy_threshold)
        except SQLAlchemyError as exc:
            raise StoreError(detail=str(exc).splitlines()[0]) from exc

    def add_many(self, docs: Sequence[Document], copy_threshold: float = 0.6) -> list[AddResult]:
        """Store each of `docs` as `add` does, all in one transaction (bulk loading: a batch is
        stored whole or not at all). Near-copies within the batch are found too."""
        try:
            with self.engine.begin() as conn:
                return [self._add(conn, doc, copy_threshold) for doc in docs]
        except SQLAlchemyError as exc:
            raise StoreError(detail=str(exc).splitlines()[0]) from exc

    def _add(self, conn: Connection, doc: Document, threshold: float) -> AddResult:
        exists = conn.execute(select(documents.c.id).where(documents.c.id == doc.id)).first()
        if exists:
            self._remember_source(conn, doc)
            return AddResult(doc.id, "duplicate")
        conn.execute(documents.insert().values(**_document_row(doc)))
        self._remember_source(conn, doc)
        if doc.removed:
            conn.execute(
                removed_spans.insert(),
                [
                    {
                        "doc_id": doc.id,
                        "seq": i,
                        "start_offset": r.start,
                        "end_offset": r.end,
                        "text": r.text,
                        "reason": r.reason,
                    }
                    for i, r in enumerate(doc.removed)
                ],
            )
        keys = band_keys(doc.fingerprint)
        found = self._find_copies(conn, doc, keys, threshold)
        conn.execute(
            document_bands.insert(), [{"band_key": k, "doc_id": doc.id} for k in set(keys)]
        )
        if found:
            conn.execute(
                copies.insert(),
                [{"doc_id": doc.id, "copy_of": other, "similarity": sim} for other, sim in found],
            )
        return AddResult(doc.id, "stored", tuple(found))

    def _remember_source(self, conn: Connection, doc: Document) -> None:
        known = conn.execute(
            select(document_sources.c.doc_id).where(
                document_sources.c.doc_id == doc.id, document_sources.c.source == doc.source
            )
        ).first()
        if not known:
            conn.execute(
                document_sources.insert().values(doc_id=doc.id, source=doc.source, name=doc.name)
            )

    def _find_copies(
        self, conn: Connection, doc: Document, keys: list[int], threshold: float
    ) -> list[tuple[str, float]]:
        rows = conn.execute(
            select(documents.c.id, documents.c.fingerprint)
            .where(
                documents.c.id.in_(
                    select(document_bands.c.doc_id).where(document_bands.c.band_key.in_(keys))
                )
            )
            .where(documents.c.id != doc.id)
        ).all()
        found = []
        for other_id, blob in rows:
            sim = similarity(doc.fingerprint, unpack(blob))
            if sim >= threshold:
                found.append((other_id, round(sim, 3)))
        return sorted(found, key=lambda x: -x[1])

    def save_analysis(self, doc_id: str, found: list[Event], version: str | None = None) -> None:
        """Replace the stored events of `doc_id` with `found`, in one transaction."""
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    delete(event_participants).where(event_participants.c.doc_id == doc_id)
                )
                conn.execute(delete(events).where(events.c.doc_id == doc_id))
                conn.execute(delete(analyses).where(analyses.c.doc_id == doc_id))
                if found:
                    conn.execute(events.insert(), [_event_row(doc_id, e) for e in found])
                    rows = [r for e in found for r in _participant_rows(doc_id, e)]
                    if rows:
                        conn.execute(event_participants.insert(), rows)
                conn.execute(
                    analyses.insert().values(
                        doc_id=doc_id,
                        pipeline_version=version or pipeline_version(),
                        events=len(found),
                        analysed_at=dt.datetime.now(dt.UTC),
                    )
                )
        except SQLAlchemyError as exc:
            raise StoreError(detail=str(exc).splitlines()[0]) from exc

    def save_analyses(
        self,
        found: Mapping[str, list[Event]],
        bounds: Mapping[str, PublishedBounds | None] | None = None,
        version: str | None = None,
    ) -> None:
        """Replace the stored events of every document in `found` (doc id → events) and set
        the inferred publication windows in `bounds`, in one transaction with batched inserts
        (bulk loading: a batch is stored whole or not at all)."""
        ids = list(found)
        now = dt.datetime.now(dt.UTC)
        event_rows = [_event_row(d, e) for d in ids for e in found[d]]
        people = [r for d in ids for e in found[d] for r in _participant_rows(d, e)]
        done = [
            {"doc_id": d, "pipeline_version": version or pipeline_version(),
             "events": len(found[d]), "analysed_at": now}
            for d in ids
        ]  # fmt: skip
        try:
            with self.engine.begin() as conn:
                for i in range(0, len(ids), 500):
                    chunk = ids[i : i + 500]
                    conn.execute(
                        delete(event_participants).where(event_participants.c.doc_id.in_(chunk))
                    )
                    conn.execute(delete(events).where(events.c.doc_id.in_(chunk)))
                    conn.execute(delete(analyses).where(analyses.c.doc_id.in_(chunk)))
                for table, rows in ((events, event_rows), (event_participants, people)):
                    if rows:
                        conn.execute(table.insert(), rows)
                if done:
                    conn.execute(analyses.insert(), done)
                if bounds:
                    conn.execute(_BOUNDS_UPDATE, [_bounds_row(d, b) for d, b in bounds.items()])
        except SQLAlchemyError as exc:
            raise StoreError(detail=str(exc).splitlines()[0]) from exc

    def set_bounds(self, doc_id: str, bounds: PublishedBounds | None) -> None:
        """Record (or clear) the inferred publication window of an undated document."""
        values = {
            "bound_after": bounds.after if bounds else None,
            "bound_before": bounds.before if bounds else None,
            "bound_reason": bounds.reason if bounds else None,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(documents.update().where(documents.c.id == doc_id).values(**values))
        except SQLAlchemyError as exc:
            raise StoreError(detail=str(exc).splitlines()[0]) from exc

    def analysed(self, doc_ids: list[str], version: str | None = None) -> set[str]:
        """Which of `doc_ids` already have an analysis by pipeline `version` (the current one
        by default)."""
        version = version or pipeline_version()
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(doc_ids), 500):
                chunk = doc_ids[i : i + 500]
                rows = conn.execute(
                    select(analyses.c.doc_id).where(
                        analyses.c.doc_id.in_(chunk), analyses.c.pipeline_version == version
                    )
                )
                found.update(r[0] for r in rows)
        return found

    def events(self, where: EventFilter | None = None) -> list[Event]:
        """Stored events matching `where`, ordered by date (undated last), document, position."""
        query = _events_query(where or EventFilter())
        with self.engine.connect() as conn:
            return [Event.from_dict(json.loads(r[0])) for r in conn.execute(query)]

    def document_events(self, doc_ids: list[str]) -> dict[str, list[Event]]:
        """Stored events per document id, in text order."""
        out: dict[str, list[Event]] = {d: [] for d in doc_ids}
        with self.engine.connect() as conn:
            for i in range(0, len(doc_ids), 500):
                query = _events_query(EventFilter(doc_ids=tuple(doc_ids[i : i + 500])))
                for record, doc_id in conn.execute(query):
                    out[doc_id].append(Event.from_dict(json.loads(record)))
        for found in out.values():
            found.sort(key=lambda e: e.evidence[0].start if e.evidence else 0)
        return out

    def save_stories(self, found: Sequence[Story], version: str | None = None) -> None:
        """Replace every stored story with `found` (in their order: best supported first), in
        one transaction: fusion is over the whole corpus, so a partial set is never left."""
        story_rows = [_story_row(rank, s) for rank, s in enumerate(found)]
        member_rows = [{"story_id": s.id, "doc_id": d} for s in found for d in s.doc_ids]
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(story_documents))
                conn.execute(delete(stories))
                for i in range(0, len(story_rows), 1000):
                    conn.execute(stories.insert(), story_rows[i : i + 1000])
                for i in range(0, len(member_rows), 1000):
                    conn.execute(story_documents.insert(), member_rows[i : i + 1000])
                conn.execute(
                    fusions.insert().values(
                        pipeline_version=version or pipeline_version(),
                        documents=len(member_rows),
                        stories=len(story_rows),
                        fused_at=dt.datetime.now(dt.UTC),
                    )
                )
        except SQLAlchemyError as exc:
            raise StoreError(detail=str(exc).splitlines()[0]) from exc

    def stories(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stored stories as `Story.to_dict()` records, best supported first."""
        query = select(stories.c.record).order_by(stories.c.rank).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [json.loads(r[0]) for r in conn.execute(query)]

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One stored story by id, or None."""
        query = select(stories.c.record).where(stories.c.id == story_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return json.loads(row[0]) if row else None

    def story_of(self, doc_id: str) -> str | None:
        """The id of the story a document belongs to, or None before fusion."""
        query = select(story_documents.c.story_id).where(story_documents.c.doc_id == doc_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return str(row[0]) if row else None

    def count_stories(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(stories)).scalar_one())

    def fusion(self) -> tuple[str, int] | None:
        """(pipeline version, documents) of the last fusion, or None when nothing was fused."""
        query = (
            select(fusions.c.pipeline_version, fusions.c.documents)
            .order_by(fusions.c.id.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return (str(row[0]), int(row[1])) if row else None

    # ----------------------------------------------------------------- reading

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())

    def documents(self, *, with_text: bool = False) -> Iterator[Document]:
        """All stored documents ordered by publication date (undated last), then name."""
        cols = [c for c in documents.c if with_text or c.name != "text"]
        query = select(*cols).order_by(
            documents.c.published.is_(None), documents.c.published, documents.c.name
        )
        with self.engine.connect() as conn:
            links = self._copy_links(conn)
            for row in conn.execute(query).mappings():
                yield _document_from_row(dict(row), (), links.get(row["id"], ()))

    def get(self, key: str) -> Document:
        """The document whose id, id prefix (≥ 6 characters) or name is `key`."""
        with self.engine.connect() as conn:
            conditions = [documents.c.id == key, documents.c.name == key]
            if len(key) >= 6:
                conditions.append(documents.c.id.startswith(key, autoescape=True))
            row = (
                conn.execute(select(documents).where(or_(*conditions)).limit(1)).mappings().first()
            )
            if row is None:
                via_source = conn.execute(
                    select(document_sources.c.doc_id).where(document_sources.c.name == key)
                ).first()
                if via_source is None:
                    raise DocumentNotFound(key=key)
                row = (
                    conn.execute(select(documents).where(documents.c.id == via_source[0]))
                    .mappings()
                    .one()
                )
            removed = tuple(
                RemovedSpan(r.start_offset, r.end_offset, r.text, r.reason)
                for r in conn.execute(
                    select(removed_spans)
                    .where(removed_spans.c.doc_id == row["id"])
                    .order_by(removed_spans.c.seq)
                )
            )
            links = self._copy_links(conn, row["id"])
            return _document_from_row(dict(row), removed, links.get(row["id"], ()))

    def sources(self, doc_id: str) -> list[tuple[str, str]]:
        """(name, source) of every input that produced document `doc_id`."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(document_sources.c.name, document_sources.c.source)
                .where(document_sources.c.doc_id == doc_id)
                .order_by(document_sources.c.source)
            )
            return [(r.name, r.source) for r in rows]

    def _copy_links(
        self, conn: Connection, doc_id: str | None = None
    ) -> dict[str, tuple[str, ...]]:
        query = select(copies.c.doc_id, copies.c.copy_of)
        if doc_id:
            query = query.where(or_(copies.c.doc_id == doc_id, copies.c.copy_of == doc_id))
        links: dict[str, list[str]] = {}
        for a, b in conn.execute(query):
            links.setdefault(a, []).append(b)
            links.setdefault(b, []).append(a)
        return {k: tuple(sorted(v)) for k, v in links.items()}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which stored events to return; every field is optional and they combine with AND."""

    actor: str | None = None  # a code among the actors
    recipient: str | None = None  # a code among the recipients
    type: str | None = None
    factuality: str | None = None
    since: dt.date | None = None  # events ending on or after this day (open ends included)
    until: dt.date | None = None  # events starting on or before this day
    doc_ids: tuple[str, ...] | None = None
    limit: int | None = None


def _events_query(f: EventFilter) -> Any:
    query = select(events.c.record, events.c.doc_id).order_by(
        events.c.date_start.is_(None), events.c.date_start, events.c.doc_id, events.c.first_offset
    )
    for role, code in (("actor", f.actor), ("recipient", f.recipient)):
        if code:
            query = query.where(
                select(event_participants.c.code)
                .where(
                    and_(
                        event_participants.c.doc_id == events.c.doc_id,
                        event_participants.c.event_id == events.c.id,
                        event_participants.c.role == role,
                        event_participants.c.code == code,
                    )
                )
                .exists()
            )
    if f.type:
        query = query.where(events.c.type == f.type)
    if f.factuality:
        query = query.where(events.c.factuality == f.factuality)
    if f.since:
        query = query.where(
            or_(events.c.date_end.is_(None), events.c.date_end >= f.since.isoformat())
        )
        query = query.where(events.c.date_start.is_not(None) | events.c.date_end.is_not(None))
    if f.until:
        query = query.where(
            or_(events.c.date_start.is_(None), events.c.date_start <= f.until.isoformat())
        )
        query = query.where(events.c.date_start.is_not(None) | events.c.date_end.is_not(None))
    if f.doc_ids is not None:
        query = query.where(events.c.doc_id.in_(f.doc_ids))
    return query.limit(f.limit) if f.limit else query


def day_bounds(value: str | None, end: bool) -> str | None:
    """A full day for filtering: "2025-05" starts on 2025-05-01 and ends on 2025-05-31."""
    if not value:
        return None
    if len(value) == 10:
        return value
    if len(value) == 4:
        return f"{value}-12-31" if end else f"{value}-01-01"
    year, month = int(value[:4]), int(value[5:7])
    if not end:
        return f"{value}-01"
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()


def _document_row(doc: Document) -> dict[str, Any]:
    bounds = doc.published_bounds
    return {
        "id": doc.id,
        **document_fields(doc),
        "bound_reason": bounds.reason if bounds else None,
        "encoding": doc.encoding,
        "text": doc.text,
        "words": doc.words,
        "flags": json.dumps(list(doc.flags)),
        "fingerprint": pack(doc.fingerprint),
        "pipeline_version": pipeline_version(),
        "ingested_at": dt.datetime.now(dt.UTC),
    }


_BOUNDS_UPDATE = (
    documents.update()
    .where(documents.c.id == bindparam("b_id"))
    .values(
        bound_after=bindparam("b_after"),
        bound_before=bindparam("b_before"),
        bound_reason=bindparam("b_reason"),
    )
)


def _bounds_row(doc_id: str, bounds: PublishedBounds | None) -> dict[str, Any]:
    return {
        "b_id": doc_id,
        "b_after": bounds.after if bounds else None,
        "b_before": bounds.before if bounds else None,
        "b_reason": bounds.reason if bounds else None,
    }


def _event_row(doc_id: str, e: Event) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "id": e.id,
        "type": e.type,
        "mode": e.mode,
        "factuality": e.factuality,
        "date_start": day_bounds(e.date.start, end=False) if e.date else None,
        "date_end": day_bounds(e.date.end, end=True) if e.date else None,
        "location": e.location,
        "first_offset": e.evidence[0].start if e.evidence else 0,
        "record": json.dumps(e.to_dict(), ensure_ascii=False),
    }


def _story_row(rank: int, s: Story) -> dict[str, Any]:
    return {
        "id": s.id,
        "rank": rank,
        "title": s.title,
        "first_date": s.first,
        "last_date": s.last,
        "documents": len(s.doc_ids),
        "independent_sources": s.sources.independent_sources,
        "events": len(s.events),
        "record": json.dumps(s.to_dict(), ensure_ascii=False),
    }


def _participant_rows(doc_id: str, e: Event) -> list[dict[str, Any]]:
    rows = {("actor", a.code) for a in e.actor} | {("recipient", r.code) for r in e.recipient}
    return [
        {"doc_id": doc_id, "event_id": e.id, "role": role, "code": code}
        for role, code in sorted(rows)
    ]


def _document_from_row(
    row: dict[str, Any], removed: tuple[RemovedSpan, ...], links: tuple[str, ...]
) -> Document:
    bounds = None
    if row.get("bound_reason"):
        bounds = PublishedBounds(row["bound_after"], row["bound_before"], row["bound_reason"])
    return Document(
        id=row["id"],
        name=row["name"],
        source=row["source"],
        text=row.get("text", ""),
        words=row["words"],
        title=row["title"],
        outlet=row["outlet"],
        agency=row["agency"],
        author=row["author"],
        url=row["url"],
        published=row["published"],
        published_bounds=bounds,
        language=row["language"],
        encoding=row["encoding"],
        removed=removed,
        flags=tuple(json.loads(row["flags"])),
        copy_of=links,
        fingerprint=unpack(row["fingerprint"]),
    )
