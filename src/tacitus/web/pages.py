"""Server-rendered pages: search, document, events, event, stories, story, actor, ingest.

Each page calls the same functions as the JSON API with the same validated parameters, and
renders a fixed template (template names are never taken from a request).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tacitus.errors import BadParameter, NotFound
from tacitus.records import FACTUALITY
from tacitus.store.search import (
    DOCUMENT_SORTS,
    EVENT_SORTS,
    EventQuery,
    actor_summary,
    find_events,
    get_event,
    outlets,
    search_documents,
)
from tacitus.web import views
from tacitus.web.api import (
    PastedText,
    document_record,
    parse_upload,
    pasted_document,
    read_body,
    require_ingest,
    uploaded_document,
)
from tacitus.web.app import WebState, page_context, state_of
from tacitus.web.params import code, document_search, event_query, event_types

router = APIRouter(include_in_schema=False)
State = Annotated[WebState, Depends(state_of)]


def render(request: Request, template: str, **values: Any) -> HTMLResponse:
    state = state_of(request)
    html = state.templates.get_template(template).render(page_context(request, **values))
    return HTMLResponse(html)


@router.get("/static/{name}")
def static(state: State, name: str) -> Response:
    """Our CSS and JS, from the in-memory table filled at start."""
    found = state.static.get(name)
    if found is None:
        raise NotFound(kind="static file", key=name)
    body, media = found
    return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=86400"})


@router.get("/")
def search_page(
    request: Request, state: State, search: Annotated[dict[str, Any], Depends(document_search)]
) -> HTMLResponse:
    page = search_documents(state.store, **search)
    return render(
        request,
        "search.html",
        title="Search",
        search=search,
        page=page,
        pager=views.pager(request.url, page.total, page.limit, page.offset),
        outlets=outlets(state.store),
        sorts=DOCUMENT_SORTS,
        stories=state.store.count_stories(),
    )


@router.get("/documents/{doc_id}")
def document_page(request: Request, state: State, doc_id: str) -> HTMLResponse:
    record = document_record(state, doc_id)
    stored = state.store.document_events([record["id"]])[record["id"]]
    return render(
        request,
        "document.html",
        title=record["title"] or record["name"],
        doc=record,
        events=stored,
        segments=views.segments(record["text"], stored),
    )


@router.get("/events")
def events_page(
    request: Request, state: State, query: Annotated[EventQuery, Depends(event_query)]
) -> HTMLResponse:
    page = find_events(state.store, query)
    export = str(request.url.remove_query_params(["offset", "limit"]).query)
    return render(
        request,
        "events.html",
        title="Events",
        query=query,
        params=request.query_params,
        page=page,
        pager=views.pager(request.url, page.total, page.limit, page.offset),
        export=export,
        types=event_types(),
        factualities=FACTUALITY,
        outlets=outlets(state.store),
        sorts=EVENT_SORTS,
    )


@router.get("/events/{doc_id}/{event_id}")
def event_page(request: Request, state: State, doc_id: str, event_id: str) -> HTMLResponse:
    found = get_event(state.store, doc_id[:40], event_id[:40])
    if found is None:
        raise NotFound(kind="event", key=f"{doc_id}/{event_id}")
    story_id = state.store.story_of(found.doc_id)
    story = state.store.story(story_id) if story_id else None
    fused = None
    if story:
        fused = next(
            (
                f
                for f in story["events"]
                if any(
                    m["event_id"] == event_id and m["doc_id"] == found.doc_id for m in f["mentions"]
                )
            ),
            None,
        )
    return render(
        request,
        "event.html",
        title=f"{found.event.type} event",
        found=found,
        event=found.event,
        story=story,
        fused=fused,
    )


@router.get("/stories")
def stories_page(
    request: Request,
    state: State,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    total = state.store.count_stories()
    found = state.store.stories(limit=limit, offset=offset)
    return render(
        request,
        "stories.html",
        title="Stories",
        stories=found,
        pager=views.pager(request.url, total, limit, offset),
        fused=state.store.fusion(),
        documents=state.store.count(),
    )


@router.get("/stories/{story_id}")
def story_page(request: Request, state: State, story_id: str) -> HTMLResponse:
    story = state.store.story(story_id[:40])
    if story is None:
        raise NotFound(kind="story", key=story_id)
    return render(
        request,
        "story.html",
        title=story["title"] or "Story",
        story=story,
        timeline=views.story_timeline(story, state.names),
        doc_ids=dict(zip(story["documents"], story["doc_ids"], strict=False)),
    )


@router.get("/actors/{actor_code}")
def actor_page(request: Request, state: State, actor_code: str) -> HTMLResponse:
    key = code(actor_code, "actor_code")
    if key is None:
        raise BadParameter(param="actor_code", detail="empty")
    summary = actor_summary(state.store, key)
    recent = find_events(state.store, EventQuery(actor=key, sort="-date", limit=20))
    return render(
        request,
        "actor.html",
        title=state.names.get(key, key),
        summary=summary,
        bars=views.month_bars(summary.by_month),
        recent=recent,
    )


@router.get("/ingest")
def ingest_page(request: Request, state: State) -> HTMLResponse:
    require_ingest(state)
    return render(request, "ingest.html", title="Add documents", limit=state.max_upload_bytes)


@router.post("/ingest/text")
async def ingest_text(request: Request) -> Response:
    """The paste form (urlencoded): analyse and go to the new document."""
    state = state_of(request)
    require_ingest(state)
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise BadParameter(param="form", detail="expected a form submission")
    body = await read_body(request, state.max_upload_bytes * 3 + 4096)  # %-encoding triples
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
    try:
        fields = PastedText(**{k: v for k, v in form.items() if k in PastedText.model_fields and v})
    except ValueError as exc:
        raise BadParameter(param="form", detail=str(exc).splitlines()[0]) from None
    raw = pasted_document(fields)
    done = await run_in_threadpool(state.ingest.ingest, raw)
    return RedirectResponse(f"/documents/{done.doc_id}", status_code=303)


@router.post("/ingest/file")
async def ingest_file(request: Request) -> Response:
    """The upload form (multipart): analyse and go to the new document."""
    state = state_of(request)
    require_ingest(state)
    name, content_type, data, fields = await parse_upload(request, state.max_upload_bytes)
    done = await run_in_threadpool(
        state.ingest.ingest, uploaded_document(name, content_type, data, fields)
    )
    return RedirectResponse(f"/documents/{done.doc_id}", status_code=303)
