"""Read queries for browsing a store: full-text search, filtered and sorted pages, summaries.

Functions here take a `Store` and only read. Full text: SQLite uses the FTS5 table
`documents_fts` (BM25 ranking, title weighted), PostgreSQL the English `tsvector` index with
`websearch_to_tsquery` (both created by migration 0004). The same user syntax works on both:
words (all required), "quoted phrases", `OR` between words, and `-word` to exclude.

Snippets and highlighted titles mark matches with HIT_START / HIT_END (control characters that
cleaned text does not contain), so a caller escapes the text first and then turns the markers
into markup.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    JSON,
    ColumnElement,
    Select,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    type_coerce,
)

from tacitus.records import Event
from tacitus.store.schema import copies, documents, event_participants, events
from tacitus.store.store import Store

HIT_START = "\x02"
HIT_END = "\x03"
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32

# Must match the expression of the GIN index made by migration 0004 for PostgreSQL to use it.
PG_DOCUMENT_VECTOR = (
    "to_tsvector('english'::regconfig, left(coalesce(title, '') || ' ' || text, 200000))"
)
_PG_TEXT = "left(documents.text, 200000)"

DOCUMENT_SORTS = ("relevance", "published", "-published", "title", "words", "-words")
EVENT_SORTS = ("date", "-date", "type", "factuality", "confidence", "-confidence", "document")

T = TypeVar("T")


class SearchError(ValueError):
    """A query the search cannot run (nothing to look for, too long); the message says why."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results: `items`, and `total` matches over all pages."""

    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class DocumentHit:
    """A document in a result list: metadata, counts, and a snippet when a query matched."""

    id: str
    name: str
    title: str | None
    outlet: str | None
    agency: str | None
    published: dt.date | None
    words: int
    flags: tuple[str, ...]
    copies: int
    snippet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "outlet": self.outlet,
            "agency": self.agency,
            "published": self.published.isoformat() if self.published else None,
            "words": self.words,
            "flags": list(self.flags),
            "copies": self.copies,
            "snippet": self.snippet,
        }


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event with the id and metadata of the document it was found in."""

    doc_id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    event: Event

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "doc_title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            **self.event.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to list; every filter is optional and they combine with AND.

    `dyad` is a pair of codes found on opposite sides (actor and recipient, either way round);
    `since`/`until` keep events overlapping that window (undated events are then left out);
    `outlet` matches the document's outlet or wire agency exactly.
    """

    actor: str | None = None
    recipient: str | None = None
    dyad: tuple[str, str] | None = None
    type: str | None = None
    factuality: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    doc_id: str | None = None
    outlet: str | None = None
    sort: str = "date"
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """What the store says about one code: event counts by role, by month, types, partners."""

    code: str
    as_actor: int
    as_recipient: int
    by_month: list[tuple[str, int]]  # ("2025-05", events); undated events are not listed
    undated: int
    types: list[tuple[str, int]]
    partners: list[tuple[str, int]]  # other participants of its events, most shared first

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "as_actor": self.as_actor,
            "as_recipient": self.as_recipient,
            "by_month": [{"month": m, "events": n} for m, n in self.by_month],
            "undated": self.undated,
            "types": [{"type": t, "events": n} for t, n in self.types],
            "partners": [{"code": c, "events": n} for c, n in self.partners],
        }


# ---------------------------------------------------------------- query syntax

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    negated: bool = False
    or_before: bool = False


def parse_query(query: str) -> list[_Term]:
    """The terms of a user query: words and "phrases", `-` to exclude, `OR` between two terms.

    Raises SearchError when the query is too long or has no word to look for.
    """
    if len(query) > MAX_QUERY_CHARS:
        raise SearchError(f"query longer than {MAX_QUERY_CHARS} characters")
    terms: list[_Term] = []
    pending_or = False
    for match in _TOKEN.finditer(query):
        negated, phrase, word = match.group(1) == "-", match.group(2), match.group(3)
        if word is not None:
            if word == "OR":
                pending_or = bool(terms)
                continue
            negated = word.startswith("-") and len(word) > 1
            phrase = word[1:] if negated else word
        if not _WORD.search(phrase):
            continue  # punctuation alone matches nothing on either backend
        terms.append(_Term(phrase, negated, pending_or and not negated))
        pending_or = False
    if not any(not t.negated for t in terms):
        raise SearchError("the query has no word to look for")
    if len(terms) > MAX_QUERY_TERMS:
        raise SearchError(f"more than {MAX_QUERY_TERMS} terms in the query")
    return terms


def fts5_query(terms: list[_Term]) -> str:
    """An FTS5 MATCH expression: every term quoted (no FTS5 syntax gets through)."""
    groups: list[list[str]] = []
    for term in (t for t in terms if not t.negated):
        quoted = '"' + term.text.replace('"', '""') + '"'
        if term.or_before and groups:
            groups[-1].append(quoted)
        else:
            groups.append([quoted])
    expression = " AND ".join("(" + " OR ".join(g) + ")" for g in groups)
    for term in (t for t in terms if t.negated):
        expression += ' NOT "' + term.text.replace('"', '""') + '"'
    return expression


def websearch_query(terms: list[_Term]) -> str:
    """The same terms rebuilt for PostgreSQL's `websearch_to_tsquery`."""
    parts: list[str] = []
    for term in terms:
        text = term.text.replace('"', " ")
        piece = f'"{text}"' if " " in text.strip() else text
        if term.or_before and parts:
            parts.append("OR")
        parts.append(f"-{piece}" if term.negated else piece)
    return " ".join(parts)


# ---------------------------------------------------------------- documents


def _document_columns() -> list[Any]:
    copy_count = (
        select(func.count())
        .select_from(copies)
        .where(or_(copies.c.doc_id == documents.c.id, copies.c.copy_of == documents.c.id))
        .scalar_subquery()
    )
    return [
        documents.c.id,
        documents.c.name,
        documents.c.title,
        documents.c.outlet,
        documents.c.agency,
        documents.c.published,
        documents.c.words,
        documents.c.flags,
        copy_count.label("copies"),
    ]


def _document_order(sort: str, ranked: bool) -> list[Any]:
    published = [documents.c.published.is_(None), documents.c.published]
    orders: dict[str, list[Any]] = {
        "published": published,
        "-published": [documents.c.published.is_(None), documents.c.published.desc()],
        "title": [documents.c.title.is_(None), documents.c.title],
        "words": [documents.c.words],
        "-words": [documents.c.words.desc()],
    }
    if sort == "relevance":
        return [] if ranked else orders["-published"]
    return orders[sort]


def search_documents(
    store: Store,
    query: str | None = None,
    *,
    outlet: str | None = None,
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
) -> Page[DocumentHit]:
    """Documents matching the full-text `query` (all of them when None or blank) and `outlet`.

    `sort` is one of DOCUMENT_SORTS ("relevance" ranks matches, and without a query lists the
    newest first). Raises SearchError for a query it cannot run or an unknown sort.
    """
    if sort not in DOCUMENT_SORTS:
        raise SearchError(f"unknown sort {sort!r}; choose one of {', '.join(DOCUMENT_SORTS)}")
    terms = parse_query(query) if query and query.strip() else None
    dialect = store.engine.dialect.name
    columns = _document_columns()
    rank: Any = None
    where: list[ColumnElement[bool]] = []
    if outlet:
        where.append(or_(documents.c.outlet == outlet, documents.c.agency == outlet))
    base: Select[Any]
    if terms and dialect == "sqlite":
        base, rank = _sqlite_match(columns, fts5_query(terms))
    elif terms:
        base, rank = _pg_match(columns, websearch_query(terms))
    else:
        base = select(*columns)
    base = base.where(*where)
    count = select(func.count()).select_from(base.with_only_columns(documents.c.id).subquery())
    order = _document_order(sort, rank is not None)
    if sort == "relevance" and rank is not None:
        order = [rank]
    query_rows = base.order_by(*order, documents.c.name, documents.c.id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        total = int(conn.execute(count).scalar_one())
        rows = conn.execute(query_rows).mappings().all()
    return Page([_hit(r) for r in rows], total, limit, offset)


def _sqlite_match(columns: list[Any], match: str) -> tuple[Select[Any], Any]:
    fts: ColumnElement[Any] = literal_column("documents_fts")
    snippet: ColumnElement[Any] = literal_column(
        "snippet(documents_fts, 1, char(2), char(3), '…', 32)"
    )
    rank: ColumnElement[Any] = literal_column("bm25(documents_fts, 8.0, 1.0)")
    base = (
        select(*columns, snippet.label("snippet"))
        .select_from(documents)
        .join(
            table("documents_fts"),
            literal_column("documents_fts.rowid") == literal_column("documents.rowid"),
        )
        .where(fts.op("MATCH")(bindparam("match", match)))
    )
    return base, rank


def _pg_match(columns: list[Any], websearch: str) -> tuple[Select[Any], Any]:
    tsquery = func.websearch_to_tsquery(
        literal_column("'english'::regconfig"), bindparam("websearch", websearch)
    )
    vector: ColumnElement[Any] = literal_column(PG_DOCUMENT_VECTOR)
    options = f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=40, MinWords=15, MaxFragments=2"
    snippet = func.ts_headline(
        literal_column("'english'::regconfig"), literal_column(_PG_TEXT), tsquery, options
    )
    base = select(*columns, snippet.label("snippet")).where(vector.op("@@")(tsquery))
    return base, func.ts_rank(vector, tsquery).desc()


def _hit(row: Any) -> DocumentHit:
    return DocumentHit(
        id=row["id"],
        name=row["name"],
        title=row["title"],
        outlet=row["outlet"],
        agency=row["agency"],
        published=row["published"],
        words=row["words"],
        flags=tuple(json.loads(row["flags"])),
        copies=int(row["copies"] or 0),
        snippet=row.get("snippet"),
    )


def outlets(store: Store) -> list[str]:
    """Every outlet and wire agency named by a stored document, sorted."""
    query = select(documents.c.outlet).union(select(documents.c.agency))
    with store.engine.connect() as conn:
        return sorted({r[0] for r in conn.execute(query) if r[0]})


# ---------------------------------------------------------------- events


def _has_code(role: str, code: str) -> Any:
    return exists().where(
        event_participants.c.doc_id == events.c.doc_id,
        event_participants.c.event_id == events.c.id,
        event_participants.c.role == role,
        event_participants.c.code == code,
    )


def _event_conditions(q: EventQuery) -> list[Any]:
    where: list[Any] = []
    if q.actor:
        where.append(_has_code("actor", q.actor))
    if q.recipient:
        where.append(_has_code("recipient", q.recipient))
    if q.dyad:
        a, b = q.dyad
        where.append(
            or_(
                and_(_has_code("actor", a), _has_code("recipient", b)),
                and_(_has_code("actor", b), _has_code("recipient", a)),
            )
        )
    if q.type:
        where.append(events.c.type == q.type)
    if q.factuality:
        where.append(events.c.factuality == q.factuality)
    dated = or_(events.c.date_start.is_not(None), events.c.date_end.is_not(None))
    if q.since:
        where += [or_(events.c.date_end.is_(None), events.c.date_end >= q.since.isoformat()), dated]
    if q.until:
        where += [
            or_(events.c.date_start.is_(None), events.c.date_start <= q.until.isoformat()),
            dated,
        ]
    if q.doc_id:
        where.append(events.c.doc_id == q.doc_id)
    if q.outlet:
        where.append(or_(documents.c.outlet == q.outlet, documents.c.agency == q.outlet))
    return where


def _event_order(sort: str, dialect: str) -> list[Any]:
    undated = events.c.date_start.is_(None)
    # SQLite reads JSON from text as it is (a CAST would turn it into a number); PostgreSQL
    # needs the text cast to json first.
    record = (
        cast(events.c.record, JSON)
        if dialect == "postgresql"
        else type_coerce(events.c.record, JSON)
    )
    confidence = record["confidence"].as_float()
    orders: dict[str, list[Any]] = {
        "date": [undated, events.c.date_start],
        "-date": [undated, events.c.date_start.desc()],
        "type": [events.c.type],
        "factuality": [events.c.factuality],
        "confidence": [confidence],
        "-confidence": [confidence.desc()],
        "document": [documents.c.published.is_(None), documents.c.published, documents.c.name],
    }
    # ties broken by position, so pages never overlap or skip an event
    return [*orders[sort], events.c.doc_id, events.c.first_offset, events.c.id]


def _event_select(q: EventQuery, dialect: str) -> Select[Any]:
    if q.sort not in EVENT_SORTS:
        raise SearchError(f"unknown sort {q.sort!r}; choose one of {', '.join(EVENT_SORTS)}")
    order = _event_order(q.sort, dialect)
    return (
        select(
            events.c.record,
            events.c.doc_id,
            documents.c.title,
            documents.c.outlet,
            documents.c.published,
        )
        .join_from(events, documents, documents.c.id == events.c.doc_id)
        .where(*_event_conditions(q))
        .order_by(*order)
    )


def find_events(store: Store, q: EventQuery) -> Page[StoredEvent]:
    """One page of the events matching `q`, sorted by `q.sort`, and how many match in all."""
    query = _event_select(q, store.engine.dialect.name)
    count = (
        select(func.count())
        .select_from(events)
        .join(documents, documents.c.id == events.c.doc_id)
        .where(*_event_conditions(q))
    )
    with store.engine.connect() as conn:
        total = int(conn.execute(count).scalar_one())
        rows = conn.execute(query.limit(q.limit).offset(q.offset)).all()
    return Page([_stored_event(r) for r in rows], total, q.limit, q.offset)


def iter_events(store: Store, q: EventQuery, batch: int = 1000) -> Iterator[StoredEvent]:
    """Every event matching `q` (its limit and offset ignored), fetched `batch` at a time so
    an export of the whole store never holds more than one batch."""
    query = _event_select(q, store.engine.dialect.name)
    offset = 0
    while True:
        with store.engine.connect() as conn:
            rows = conn.execute(query.limit(batch).offset(offset)).all()
        yield from (_stored_event(r) for r in rows)
        if len(rows) < batch:
            return
        offset += batch


def get_event(store: Store, doc_id: str, event_id: str) -> StoredEvent | None:
    """One stored event by document id and event id, or None."""
    query = _event_select(EventQuery(doc_id=doc_id), store.engine.dialect.name).where(
        events.c.id == event_id
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return _stored_event(row) if row else None


def _stored_event(row: Any) -> StoredEvent:
    record, doc_id, title, outlet, published = row
    return StoredEvent(doc_id, title, outlet, published, Event.from_dict(json.loads(record)))


# ---------------------------------------------------------------- actors


def actor_summary(store: Store, code: str, partners: int = 30) -> ActorSummary:
    """Counts for actor page `code`: by role, month (of the event's start), type, and the
    `partners` codes it shares most events with."""
    mine = event_participants.alias("mine")
    other = event_participants.alias("other")
    same_event = and_(events.c.doc_id == mine.c.doc_id, events.c.id == mine.c.event_id)
    involved = (
        select(events.c.doc_id, events.c.id, events.c.type, events.c.date_start)
        .join(mine, same_event)
        .where(mine.c.code == code)
        .distinct()
        .subquery()
    )
    month = func.substr(involved.c.date_start, 1, 7)
    # events shared with a partner (on either side: co-actors of a meeting are partners too)
    shared = func.count(func.distinct(other.c.doc_id.concat(other.c.event_id)))
    with store.engine.connect() as conn:
        roles: dict[str, int] = dict(
            conn.execute(
                select(mine.c.role, func.count()).where(mine.c.code == code).group_by(mine.c.role)
            ).all()
        )
        by_month = conn.execute(
            select(month, func.count()).group_by(month).order_by(month.is_(None), month)
        ).all()
        types = conn.execute(
            select(involved.c.type, func.count())
            .group_by(involved.c.type)
            .order_by(func.count().desc(), involved.c.type)
        ).all()
        partner_rows = conn.execute(
            select(other.c.code, shared)
            .join_from(
                mine,
                other,
                and_(other.c.doc_id == mine.c.doc_id, other.c.event_id == mine.c.event_id),
            )
            .where(mine.c.code == code, other.c.code != code)
            .group_by(other.c.code)
            .order_by(shared.desc(), other.c.code)
            .limit(partners)
        ).all()
    return ActorSummary(
        code=code,
        as_actor=int(roles.get("actor", 0)),
        as_recipient=int(roles.get("recipient", 0)),
        by_month=[(str(m), int(n)) for m, n in by_month if m],
        undated=sum(int(n) for m, n in by_month if not m),
        types=[(str(t), int(n)) for t, n in types],
        partners=[(str(c), int(n)) for c, n in partner_rows],
    )
