"""The application: `create_app(store_url)` builds the FastAPI app the `serve` command runs.

Safety choices, in one place:
- every template is autoescaped, and pages carry no inline script or style (the
  Content-Security-Policy allows only our own static files);
- static files are read from the package once, at start, into memory, and served by name from
  that table: no request path ever reaches the filesystem;
- bad parameters and refused requests are coded JSON errors (or an error page), never a 500;
  anything unexpected is logged with a reference and answered with E499.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tacitus.errors import (
    BadParameter,
    DocumentNotFound,
    InputError,
    InternalError,
    NotFound,
    RequestError,
    TacitusError,
)
from tacitus.kb.actors import load_knowledge_base
from tacitus.settings import setting
from tacitus.store import Store
from tacitus.store.search import SearchError
from tacitus.version import __version__
from tacitus.web import views
from tacitus.web.ingest import WebIngest

log = logging.getLogger("tacitus.web")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
STATIC_FILES = {"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"}


@dataclass(slots=True)
class WebState:
    """What every request handler needs: the store, templates, names, static files."""

    store: Store
    allow_ingest: bool
    templates: Environment
    names: dict[str, str]
    static: dict[str, tuple[bytes, str]]
    static_version: str
    ingest: WebIngest
    max_upload_bytes: int
    extra: dict[str, Any] = field(default_factory=dict)


def state_of(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def actor_names() -> dict[str, str]:
    """Display names by code: states first, then organisations, groups, institutions."""
    return load_knowledge_base().display_names()


def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("tacitus.web", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["hits"] = views.hits
    return env


def _static() -> tuple[dict[str, tuple[bytes, str]], str]:
    folder = resources.files("tacitus.web") / "static"
    files = {name: ((folder / name).read_bytes(), kind) for name, kind in STATIC_FILES.items()}
    digest = hashlib.sha256(b"".join(body for body, _ in files.values())).hexdigest()[:10]
    return files, digest


# How `tacitus serve --workers N` hands its options to each worker process: uvicorn starts the
# workers itself and builds the app with `app_from_environment` in each of them.
ENV_DB, ENV_INGEST, ENV_UPLOAD = "TACITUS_SERVE_DB", "TACITUS_SERVE_INGEST", "TACITUS_SERVE_UPLOAD"


def app_from_environment() -> Any:
    """The app described by the TACITUS_SERVE_* variables (set by `tacitus serve`)."""
    return create_app(
        os.environ[ENV_DB],
        allow_ingest=os.environ.get(ENV_INGEST) == "1",
        max_upload_bytes=int(os.environ[ENV_UPLOAD]) if os.environ.get(ENV_UPLOAD) else None,
    )


def create_app(
    store_url: str, *, allow_ingest: bool = False, max_upload_bytes: int | None = None
) -> Any:
    """The web app over the store at `store_url` (read-only unless `allow_ingest`).

    Returns a FastAPI application (typed Any: FastAPI's own class is the public type).
    """
    from tacitus.web.api import router as api_router  # noqa: PLC0415 - avoids an import cycle
    from tacitus.web.pages import router as page_router  # noqa: PLC0415

    store = Store(store_url)
    limit = int(max_upload_bytes or setting("max_upload_bytes").default)
    static, version = _static()
    app = FastAPI(
        title="Tacitus",
        version=__version__,
        description="Documents, events and stories of a Tacitus store.",
        docs_url=None,  # Swagger UI loads from a CDN; the schema is at /api/openapi.json
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.web = WebState(
        store=store,
        allow_ingest=allow_ingest,
        templates=_templates(),
        names=actor_names(),
        static=static,
        static_version=version,
        ingest=WebIngest(store, limit),
        max_upload_bytes=limit,
    )
    app.include_router(api_router)
    app.include_router(page_router)
    _error_handlers(app)
    app.add_middleware(SecurityHeaders)
    app.router.on_shutdown.append(store.close)
    return app


# ---------------------------------------------------------------- errors


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, error: TacitusError, status: int) -> Response:
    """A coded error as JSON (API) or as the error page (pages)."""
    if _wants_json(request):
        return JSONResponse({"code": error.code, "message": str(error)}, status_code=status)
    state = state_of(request)
    html = state.templates.get_template("error.html").render(
        page_context(request, title=f"Error {status}", status=status, error=error)
    )
    return HTMLResponse(html, status_code=status)


def page_context(request: Request, **values: Any) -> dict[str, Any]:
    """What every page template gets besides its own values."""
    state = state_of(request)
    return {
        "request": request,
        "allow_ingest": state.allow_ingest,
        "names": state.names,
        "static_version": state.static_version,
        "version": __version__,
        **values,
    }


def _validation_message(exc: RequestValidationError) -> BadParameter:
    first = exc.errors()[0] if exc.errors() else {}
    where = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
    return BadParameter(param=".".join(where) or "request", detail=str(first.get("msg", "invalid")))


def _error_handlers(app: FastAPI) -> None:
    async def on_request_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestError)
        return error_response(request, exc, exc.status)

    async def on_not_found(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DocumentNotFound)
        return error_response(request, exc, 404)

    async def on_input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        return error_response(request, exc, 422)

    async def on_search(request: Request, exc: Exception) -> Response:
        return error_response(request, BadParameter(param="q", detail=str(exc)), 422)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, _validation_message(exc), 422)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            return error_response(request, NotFound(kind="page", key=request.url.path), 404)
        error = BadParameter(param="request", detail=str(exc.detail))
        return error_response(request, error, exc.status_code)

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        ref = uuid.uuid4().hex[:8]
        log.exception("[E499] %s %s failed (ref %s)", request.method, request.url.path, ref)
        return error_response(request, InternalError(ref=ref), 500)

    app.add_exception_handler(RequestError, on_request_error)
    app.add_exception_handler(DocumentNotFound, on_not_found)
    app.add_exception_handler(InputError, on_input)
    app.add_exception_handler(SearchError, on_search)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)
