"""The `tacitus` command: a thin layer over the library (parse options, call, print)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from tacitus.analysis import Analyzer
from tacitus.brief import brief_paths, refresh_stories, stories_document, stories_stale
from tacitus.engines import ENGINES, AnalyzerSpec, make_engine
from tacitus.errors import TacitusError
from tacitus.export import FORMATS, DocumentInfo, write_events
from tacitus.extract import BATCH_SIZE, count_inputs, events_for, extract_paths
from tacitus.ingest.pipeline import ingest_paths
from tacitus.kb.actors import load_knowledge_base
from tacitus.kb.phoenix import load_phoenix_people
from tacitus.records import Document, Event, IngestReport
from tacitus.settings import setting
from tacitus.store import EventFilter, Store
from tacitus.version import __version__

app = typer.Typer(
    help="Tacitus: verifiable event records from international news.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
# soft_wrap: messages name paths, which must stay greppable in logs (no hard wrapping).
err = Console(stderr=True, soft_wrap=True)

# Defaults come from the settings table (which also reads TACITUS_<NAME> variables).
DB_DEFAULT = str(setting("db").default)
MAX_BYTES_DEFAULT = int(setting("max_bytes").default)
COPY_THRESHOLD_DEFAULT = float(setting("copy_threshold").default)

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="TACITUS_DB", help=setting("db").help, show_default=True),
]


def _version(value: bool) -> None:
    if value:
        out.print(f"tacitus {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Tacitus reads news about international affairs and keeps a verifiable record."""


def _error(exc: Exception) -> None:
    err.print(f"[red]{escape(str(exc))}[/red]", highlight=False)


def _open(db: str) -> Store:
    try:
        return Store(db)
    except TacitusError as exc:
        _error(exc)
        raise typer.Exit(2) from exc


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive), JSON Lines, '-' for stdin.")
    ],
    db: DbOption = DB_DEFAULT,
    max_bytes: Annotated[int, typer.Option(help=setting("max_bytes").help)] = MAX_BYTES_DEFAULT,
    copy_threshold: Annotated[
        float, typer.Option(help=setting("copy_threshold").help)
    ] = COPY_THRESHOLD_DEFAULT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print the summary.")] = False,
) -> None:
    """Read, clean and store documents. Exits non-zero only when nothing could be read."""
    store = _open(db)
    progress = _progress(quiet)
    try:
        with progress:
            task = progress.add_task("ingesting", total=None)
            report = ingest_paths(
                paths,
                store,
                max_bytes=max_bytes,
                copy_threshold=copy_threshold,
                on_item=lambda _src: progress.advance(task),
            )
    except TacitusError as exc:
        _error(exc)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    _finish(report, report.summary(), quiet)


@app.command()
def docs(
    db: DbOption = DB_DEFAULT,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List stored documents: id, title, outlet, published, words, flags."""
    store = _open(db)
    try:
        documents = list(store.documents())
    finally:
        store.close()
    if as_json:
        json.dump([d.to_dict(with_text=False) for d in documents], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    table = Table(title=f"{len(documents)} documents")
    table.add_column("id", no_wrap=True)
    table.add_column("name", overflow="fold", max_width=28)
    table.add_column("title", overflow="ellipsis", max_width=48)
    for column in ("outlet", "published", "words", "flags"):
        table.add_column(column, overflow="fold")
    for d in documents:
        cells = (
            d.id[:10],
            d.name,
            d.title or "",
            (d.agency and d.outlet and f"{d.outlet} ({d.agency})") or d.outlet or d.agency or "",
            d.published.isoformat() if d.published else "",
            str(d.words),
            ", ".join([*d.flags, *(f"copy of {c[:10]}" for c in d.copy_of)]),
        )
        table.add_row(*(Text(cell) for cell in cells))
    out.print(table)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id, id prefix or name.")],
    db: DbOption = DB_DEFAULT,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    removed: Annotated[bool, typer.Option("--removed", help="Also list removed lines.")] = False,
) -> None:
    """Show one document's metadata and cleaned text."""
    store = _open(db)
    try:
        doc = store.get(doc_id)
        sources = store.sources(doc.id)
    except TacitusError as exc:
        _error(exc)
        raise typer.Exit(1) from exc
    finally:
        store.close()
    if as_json:
        data = doc.to_dict()
        data["sources"] = [{"name": n, "source": s} for n, s in sources]
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    _print_document(doc, sources, removed)


def _print_document(doc: Document, sources: list[tuple[str, str]], removed: bool) -> None:
    fields = doc.to_dict(with_text=False)
    for key in (
        "id",
        "name",
        "title",
        "outlet",
        "agency",
        "author",
        "url",
        "published",
        "published_bounds",
        "language",
        "encoding",
        "words",
        "flags",
        "copy_of",
    ):
        value = fields.get(key)
        if value not in (None, [], ""):
            out.print(f"[bold]{key}[/bold]: {escape(str(value))}", highlight=False)
    for name, source in sources:
        out.print(f"[bold]source[/bold]: {escape(source)} ({escape(name)})", highlight=False)
    out.rule()
    out.print(doc.text, markup=False, highlight=False)
    if removed and doc.removed:
        out.rule("removed")
        for span in doc.removed:
            out.print(
                f"[dim]{span.start}-{span.end} {span.reason}:[/dim] {escape(repr(span.text))}",
                highlight=False,
            )


FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="jsonl, json, csv, plover or gdelt.")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
]


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive), JSON Lines, '-' for stdin.")
    ],
    db: DbOption = DB_DEFAULT,
    fmt: FormatOption = "jsonl",
    output: OutputOption = None,
    max_bytes: Annotated[int, typer.Option(help=setting("max_bytes").help)] = MAX_BYTES_DEFAULT,
    phoenix: Annotated[
        list[Path] | None,
        typer.Option(
            "--phoenix",
            help="A CAMEO/Phoenix actor dictionary whose dated people extend the knowledge base "
            "(repeatable).",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print the summary.")] = False,
    engine: Annotated[
        str, typer.Option(help="Where cleaning and analysis run: local, processes or dask.")
    ] = "local",
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (processes, dask).")] = 2,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address tcp://HOST:PORT (default: a local cluster)."),
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per partition.")] = BATCH_SIZE,
    out_parquet: Annotated[
        Path | None,
        typer.Option(help="Also write events, mentions and documents as Parquet here."),
    ] = None,
) -> None:
    """Ingest what is new, analyse what is not analysed yet, and write the events."""
    _check_format(fmt)
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(ENGINES)}", param_hint="--engine")
    analyzer = _analyzer(phoenix or [])
    spec = AnalyzerSpec(phoenix=tuple(str(p) for p in phoenix or []))
    store = _open(db)
    progress = _progress(quiet)
    try:
        with progress, make_engine(engine, workers, scheduler) as running:
            reading = progress.add_task("documents", total=count_inputs(paths))
            analysing = progress.add_task("analysed", total=None)
            report = extract_paths(
                paths,
                store,
                analyzer if running.in_process else None,
                engine=running,
                spec=spec,
                batch_size=batch_size,
                out_parquet=out_parquet,
                max_bytes=max_bytes,
                on_item=lambda _s: progress.advance(reading),
                on_analysed=lambda _d: progress.advance(analysing),
            )
        found = events_for(store, report.items)
        report.events = _write(found, fmt, output, _document_info(store, report.items))
    except TacitusError as exc:
        _error(exc)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    if not quiet:
        err.print(f"{report.speed()} with the {engine} engine", highlight=False)
    _finish(report.ingest, report.summary(), quiet)


@app.command()
def events(
    db: DbOption = DB_DEFAULT,
    actor: Annotated[str | None, typer.Option(help="Code among the actors (CHN, NATO).")] = None,
    recipient: Annotated[str | None, typer.Option(help="Code among the recipients.")] = None,
    etype: Annotated[str | None, typer.Option("--type", help="PLOVER type (CONSULT).")] = None,
    factuality: Annotated[
        str | None, typer.Option(help="asserted, planned, possible, negated or hypothetical.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Events ending on or after YYYY-MM-DD.")] = None,
    until: Annotated[
        str | None, typer.Option(help="Events starting on or before YYYY-MM-DD.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: FormatOption = "jsonl",
    output: OutputOption = None,
) -> None:
    """List stored events, filtered."""
    _check_format(fmt)
    where = EventFilter(
        actor=actor.upper() if actor else None,
        recipient=recipient.upper() if recipient else None,
        type=etype.upper() if etype else None,
        factuality=factuality.lower() if factuality else None,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        limit=limit,
    )
    store = _open(db)
    try:
        found = store.events(where)
        docs = {d.name: d for d in store.documents()}
        info = {n: DocumentInfo.from_document(d) for n, d in docs.items()}
        count = _write(found, fmt, output, info)
    finally:
        store.close()
    err.print(f"{count} events", highlight=False)


@app.command()
def brief(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive), JSON Lines, '-' for stdin.")
    ],
    db: DbOption = DB_DEFAULT,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the briefing files.")
    ] = Path("out"),
    top: Annotated[int, typer.Option(min=1, help="Stories shown in full; the rest listed.")] = 20,
    max_bytes: Annotated[int, typer.Option(help=setting("max_bytes").help)] = MAX_BYTES_DEFAULT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print the summary.")] = False,
) -> None:
    """Ingest, extract and fuse PATHS, then write briefing.html, briefing.md, events.jsonl and
    stories.json."""
    store = _open(db)
    progress = _progress(quiet)
    try:
        with progress:
            reading = progress.add_task("reading", total=None)
            analysing = progress.add_task("analysing", total=None)
            report = brief_paths(
                paths,
                store,
                output,
                top=top,
                max_bytes=max_bytes,
                on_item=lambda _s: progress.advance(reading),
                on_analysed=lambda _d: progress.advance(analysing),
            )
    except TacitusError as exc:
        _error(exc)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    _finish(report.extract.ingest, report.summary(), quiet)
    if report.files:
        err.print(f"briefing: {output / 'briefing.html'}", highlight=False)


@app.command()
def stories(
    db: DbOption = DB_DEFAULT,
    as_json: Annotated[bool, typer.Option("--json", help="Print stories.json to stdout.")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many stories.")] = None,
) -> None:
    """The stories and fused events in the store (fused again first if the store changed)."""
    store = _open(db)
    try:
        if stories_stale(store):
            fresh = refresh_stories(store)
            summary = (
                f"fused {store.count()} documents into {_plural(len(fresh), 'story', 'stories')}"
            )
            err.print(summary, highlight=False)
        found = store.stories(limit=limit)
    except TacitusError as exc:
        _error(exc)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    if as_json:
        out.print_json(data=stories_document(found))
    else:
        _print_stories(found)


def _print_stories(found: list[dict[str, Any]]) -> None:
    table = Table("story", "written", "documents", "sources", "top event", box=None)
    for story in found:
        when = story["first"] or "undated"
        if story["last"] and story["last"] != story["first"]:
            when = f"{when} – {story['last']}"
        table.add_row(
            Text(story["title"] or story["documents"][0]),
            when,
            str(len(story["doc_ids"])),
            f"{_plural(story['outlets'], 'outlet')}, {story['independent_sources']} independent",
            Text(_event_line(story["events"][0]) if story["events"] else "no events"),
        )
    out.print(table)
    err.print(_plural(len(found), "story", "stories"), highlight=False)


def _event_line(event: dict[str, Any]) -> str:
    who = ", ".join(event["actor"])
    if event["recipient"]:
        who += " → " + ", ".join(event["recipient"])
    return (
        f"{event['type']} ({event['factuality']}) {who}; {_plural(event['documents'], 'document')}"
    )


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _finish(ingested: IngestReport, summary: str, quiet: bool) -> None:
    """Say what was skipped and the summary; exit 1 only when nothing could be read."""
    if not quiet:
        for item in ingested.skipped:
            err.print(f"[yellow]skipped[/yellow] {escape(item.message)}", highlight=False)
    err.print(summary, highlight=False)
    if ingested.read == 0:
        raise typer.Exit(1)


def _analyzer(phoenix: list[Path]) -> Analyzer | None:
    """The default analyzer (built lazily by extract) or one whose KB adds Phoenix people."""
    if not phoenix:
        return None
    warnings: list[str] = []
    try:
        people = load_phoenix_people(phoenix, warnings)
    except TacitusError as exc:
        _error(exc)
        raise typer.Exit(2) from exc
    err.print(f"{len(people):,} people added from Phoenix dictionaries", highlight=False)
    return Analyzer(kb=load_knowledge_base().extended(people))


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=option) from exc


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")


def _write(
    found: Iterable[Event], fmt: str, output: Path | None, docs: dict[str, DocumentInfo]
) -> int:
    if output is None:
        return write_events(found, sys.stdout, fmt, documents=docs)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as stream:
        return write_events(found, stream, fmt, documents=docs)


def _document_info(store: Store, items: list[tuple[str, str]]) -> dict[str, DocumentInfo]:
    """Export metadata for each input name, from one metadata query (no document texts)."""
    by_id = {d.id: DocumentInfo.from_document(d) for d in store.documents()}
    return {name: replace(by_id[doc_id], name=name) for name, doc_id in items}


class _RateColumn(ProgressColumn):
    """Items per second since the start (work arrives a partition at a time, so rich's
    short-window speed swings wildly)."""

    def render(self, task: Task) -> Text:
        return Text(f"{_rate(task):,.1f}/s")


class _EtaColumn(ProgressColumn):
    """Time left at the average rate so far, when the total is known."""

    def render(self, task: Task) -> Text:
        rate = _rate(task)
        if task.total is None or not rate:
            return Text("eta -:--:--")
        left = int(max(0.0, task.total - task.completed) / rate)
        return Text(f"eta {left // 3600}:{left % 3600 // 60:02d}:{left % 60:02d}")


def _rate(task: Task) -> float:
    return task.completed / task.elapsed if task.elapsed else 0.0


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} items"),
        _RateColumn(),
        TimeElapsedColumn(),
        _EtaColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )


@app.command()
def serve(
    db: DbOption = DB_DEFAULT,
    host: Annotated[
        str, typer.Option(help="Address to listen on; loopback unless you choose otherwise.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    allow_ingest: Annotated[
        bool,
        typer.Option("--allow-ingest", help="Let users paste and upload documents."),
    ] = False,
    max_upload_bytes: Annotated[
        int, typer.Option(min=1, help=setting("max_upload_bytes").help)
    ] = int(setting("max_upload_bytes").default),
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes (one per core serves the most requests).")
    ] = 1,
) -> None:
    """Serve the store as a web app with a JSON API (schema at /api/openapi.json)."""
    import uvicorn  # noqa: PLC0415 - only this command needs the server

    from tacitus.web import app as web_app  # noqa: PLC0415

    try:
        # built here even with several workers: a bad URL fails now, with a clear message
        web = web_app.create_app(db, allow_ingest=allow_ingest, max_upload_bytes=max_upload_bytes)
    except TacitusError as exc:
        _error(exc)
        raise typer.Exit(2) from exc
    mode = "ingest allowed" if allow_ingest else "read-only"
    err.print(f"serving {db} at http://{host}:{port}/ ({mode}); Ctrl-C stops", highlight=False)
    if workers == 1:
        uvicorn.run(web, host=host, port=port, log_level="warning")
        return
    os.environ[web_app.ENV_DB] = db
    os.environ[web_app.ENV_INGEST] = "1" if allow_ingest else "0"
    os.environ[web_app.ENV_UPLOAD] = str(max_upload_bytes)
    target = f"{web_app.__name__}:{web_app.app_from_environment.__name__}"
    uvicorn.run(target, factory=True, host=host, port=port, workers=workers, log_level="warning")


def main() -> None:
    app()
