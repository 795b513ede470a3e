"""The JSON API under /api: documents, events (and their export), stories, actors, ingest.

The pages call the same library functions with the same validated parameters, so what a page
shows is what the API returns. The schema is at /api/openapi.json.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from starlette.datastructures import Headers
from starlette.formparsers import MultiPartException, MultiPartParser

from tacitus.errors import BadParameter, NotFound, ReadOnly, UnsupportedUpload, UploadTooLarge
from tacitus.export import DocumentInfo, write_events
from tacitus.records import FACTUALITY, RawDocument
from tacitus.store.search import (
    DOCUMENT_SORTS,
    EVENT_SORTS,
    EventQuery,
    StoredEvent,
    actor_summary,
    find_events,
    get_event,
    iter_events,
    outlets,
    search_documents,
)
from tacitus.web.app import WebState, state_of
from tacitus.web.ingest import Ingested, safe_name, upload_kind
from tacitus.web.params import code, document_search, event_query, event_types

router = APIRouter(prefix="/api", tags=["api"])

EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "plover": ("application/x-ndjson; charset=utf-8", "plover.jsonl"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "gdelt.tsv"),
}
_HEADER_FORMATS = ("csv", "gdelt")
_MULTIPART_OVERHEAD = 64 * 1024  # boundaries and the small form fields around the file

State = Annotated[WebState, Depends(state_of)]


@router.get("/meta")
def meta(state: State) -> dict[str, Any]:
    """What the store holds and the values the filters accept."""
    return {
        "documents": state.store.count(),
        "stories": state.store.count_stories(),
        "types": event_types(),
        "factuality": list(FACTUALITY),
        "outlets": outlets(state.store),
        "document_sorts": list(DOCUMENT_SORTS),
        "event_sorts": list(EVENT_SORTS),
        "allow_ingest": state.allow_ingest,
        "max_upload_bytes": state.max_upload_bytes,
    }


@router.get("/documents")
def documents(
    state: State, search: Annotated[dict[str, Any], Depends(document_search)]
) -> dict[str, Any]:
    """Documents matching a full-text query (or all), one page; snippets mark matches with
    \\u0002 and \\u0003."""
    page = search_documents(state.store, **search)
    return {
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "items": [hit.to_dict() for hit in page.items],
    }


def document_record(state: WebState, key: str) -> dict[str, Any]:
    """A stored document with its sources, copies, story and events (404 when unknown)."""
    if len(key) > 200:
        raise BadParameter(param="doc_id", detail="longer than 200 characters")
    doc = state.store.get(key)
    record = doc.to_dict()
    record["sources"] = [{"name": n, "source": s} for n, s in state.store.sources(doc.id)]
    record["story_id"] = state.store.story_of(doc.id)
    record["events"] = [e.to_dict() for e in state.store.document_events([doc.id])[doc.id]]
    return record


@router.get("/documents/{doc_id}")
def document(state: State, doc_id: str) -> dict[str, Any]:
    """One document by id, id prefix (6+ characters) or name: text, metadata, removed lines,
    flags, sources, near-copies, its story and its events."""
    return document_record(state, doc_id)


@router.get("/events")
def events(state: State, query: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
    """Events matching the filters, one page, sorted."""
    page = find_events(state.store, query)
    return {
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "items": [e.to_dict() for e in page.items],
    }


@router.get("/events/export")
def export_events(
    state: State,
    query: Annotated[EventQuery, Depends(event_query)],
    format: Annotated[str, Query(description=", ".join(EXPORT_FORMATS))] = "csv",
) -> StreamingResponse:
    """Every event matching the filters (no paging), streamed as a download."""
    if format not in EXPORT_FORMATS:
        raise BadParameter(param="format", detail=f"choose one of {', '.join(EXPORT_FORMATS)}")
    media, suffix = EXPORT_FORMATS[format]
    headers = {"Content-Disposition": f'attachment; filename="tacitus-events.{suffix}"'}
    body = stream_events(iter_events(state.store, query), format)
    return StreamingResponse(body, media_type=media, headers=headers)


def stream_events(found: Iterator[StoredEvent], fmt: str, batch: int = 500) -> Iterator[str]:
    """The exporter's output for `found`, written and yielded `batch` events at a time (the
    header of tabular formats only once)."""
    first = True
    while True:
        chunk = [s for _, s in zip(range(batch), found, strict=False)]
        if not chunk and not first:
            return
        buffer = io.StringIO(newline="")
        infos = {s.event.doc: event_document(s) for s in chunk}
        write_events((s.event for s in chunk), buffer, fmt, documents=infos)
        out = buffer.getvalue()
        if not first and fmt in _HEADER_FORMATS:
            out = out.split("\n", 1)[1] if "\n" in out else ""
        first = False
        yield out
        if len(chunk) < batch:
            return


def event_document(found: StoredEvent) -> DocumentInfo:
    """The export metadata of the document an event was found in."""
    return DocumentInfo(found.event.doc, None, found.outlet, found.published, found.title)


@router.get("/events/{doc_id}/{event_id}")
def event(state: State, doc_id: str, event_id: str) -> dict[str, Any]:
    """One event, with its document's metadata and the story it was fused into."""
    found = get_event(state.store, doc_id[:40], event_id[:40])
    if found is None:
        raise NotFound(kind="event", key=f"{doc_id}/{event_id}")
    return {**found.to_dict(), "story_id": state.store.story_of(found.doc_id)}


@router.get("/stories")
def stories(
    state: State,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """Stories, best supported first, one page (each with its fused events)."""
    return {
        "total": state.store.count_stories(),
        "limit": limit,
        "offset": offset,
        "items": state.store.stories(limit=limit, offset=offset),
    }


@router.get("/stories/{story_id}")
def story(state: State, story_id: str) -> dict[str, Any]:
    """One story: documents, sources, fused events with values, contradictions, trajectory."""
    found = state.store.story(story_id[:40])
    if found is None:
        raise NotFound(kind="story", key=story_id)
    return found


@router.get("/actors/{actor_code}")
def actor(state: State, actor_code: str) -> dict[str, Any]:
    """An actor's events by month, role and type, and its partners."""
    key = code(actor_code, "actor_code")
    if key is None:
        raise BadParameter(param="actor_code", detail="empty")
    summary = actor_summary(state.store, key)
    return {"name": state.names.get(key), **summary.to_dict()}


# ---------------------------------------------------------------- ingest


class PastedText(BaseModel):
    """A document given as text, with optional metadata."""

    text: str = Field(min_length=1, description="The article text (plain text).")
    name: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=500)
    outlet: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")


def require_ingest(state: WebState) -> None:
    """Refuse (E403) unless the server was started with --allow-ingest."""
    if not state.allow_ingest:
        raise ReadOnly()


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with E404 as soon as it is longer than `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise UploadTooLarge(limit=limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise UploadTooLarge(limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def pasted_document(fields: PastedText) -> RawDocument:
    return RawDocument(
        name=safe_name(fields.name, "pasted"),
        source="web:pasted",
        data=fields.text,
        title=fields.title or None,
        outlet=fields.outlet or None,
        url=fields.url or None,
        published=fields.published or None,
    )


@router.post("/documents", status_code=201)
async def add_text(request: Request) -> dict[str, Any]:
    """Add a pasted document (JSON: text, name, title, outlet, url, published); 403 when the
    server is read-only, 413 over the size limit."""
    state = state_of(request)
    require_ingest(state)
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise UnsupportedUpload(
            kind=request.headers.get("content-type", ""), supported="application/json"
        )
    body = await read_body(request, state.max_upload_bytes + 4096)
    try:
        fields = PastedText.model_validate_json(body)
    except ValueError as exc:
        raise BadParameter(param="body", detail=str(exc).splitlines()[0]) from None
    done: Ingested = await run_in_threadpool(state.ingest.ingest, pasted_document(fields))
    return done.to_dict()


class _MemoryMultiPart(MultiPartParser):
    # Keep file parts in memory: the body is already capped at the upload limit, and nothing
    # from a request may be written to disk.
    spool_max_size = 1 << 40


async def parse_upload(request: Request, limit: int) -> tuple[str, str, bytes, dict[str, str]]:
    """(file name, content type, bytes, other form fields) of a multipart upload."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        raise UnsupportedUpload(kind=content_type or "(none)", supported="multipart/form-data")
    body = await read_body(request, limit + _MULTIPART_OVERHEAD)

    async def once() -> Any:
        yield body

    parser = _MemoryMultiPart(
        Headers(raw=[(b"content-type", content_type.encode("latin-1"))]),
        once(),
        max_files=1,
        max_fields=10,
        max_part_size=16 * 1024,
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise BadParameter(param="file", detail=exc.message) from None
    upload = form.get("file")
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    if upload is None or isinstance(upload, str):
        raise BadParameter(param="file", detail="no file in the form")
    data = await upload.read()
    await form.close()
    if len(data) > limit:
        raise UploadTooLarge(limit=limit)
    return upload.filename or "upload", upload.content_type or "", data, fields


def uploaded_document(
    name: str, content_type: str, data: bytes, fields: dict[str, str]
) -> RawDocument:
    """The RawDocument for an uploaded file (its type checked from suffix and content type)."""
    filename = safe_name(name)
    kind = upload_kind(filename, content_type)
    if not data.strip():
        raise BadParameter(param="file", detail="the file is empty")
    return RawDocument(
        name=filename,
        source=f"web:upload:{filename}",
        data=data,
        kind=kind,
        title=(fields.get("title") or "").strip()[:500] or None,
        outlet=(fields.get("outlet") or "").strip()[:200] or None,
    )


@router.post("/documents/upload", status_code=201)
async def add_file(request: Request) -> dict[str, Any]:
    """Add one uploaded file (multipart field `file`; .txt, .md, .html); 403 when read-only,
    413 over the size limit, 415 for other types or binary content."""
    state = state_of(request)
    require_ingest(state)
    name, content_type, data, fields = await parse_upload(request, state.max_upload_bytes)
    raw = uploaded_document(name, content_type, data, fields)
    done: Ingested = await run_in_threadpool(state.ingest.ingest, raw)
    return done.to_dict()
