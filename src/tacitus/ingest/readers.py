"""Readers: paths, folders, JSON Lines and stdin to a stream of RawDocument (or Skipped).

Everything is streamed: a folder of a million files or a multi-gigabyte `.jsonl.gz` is never
held in memory, and each unreadable item becomes a `Skipped` record with a coded reason.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from tacitus.errors import (
    DocumentTooLarge,
    InputError,
    MalformedRecord,
    SourceNotFound,
    UnreadableSource,
    UnsupportedFormat,
)
from tacitus.ingest.warc import WARC_SUFFIXES, read_warc
from tacitus.records import RawDocument, Skipped, SourceKind

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
SUPPORTED = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
_METADATA_KEYS = ("title", "url", "outlet", "author", "published")

Item = RawDocument | Skipped


def skipped(error: InputError, source: str) -> Skipped:
    return Skipped(source=source, reason=error.reason, message=str(error))


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(SUPPORTED, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def read_paths(paths: Iterable[str], max_bytes: int) -> Iterator[Item]:
    """Every document under `paths` ('-' is standard input), in a stable order."""
    for arg in paths:
        if arg == "-":
            yield from read_stdin(sys.stdin.buffer, max_bytes)
            continue
        path = Path(arg)
        if path.is_dir():
            for file in walk(path):
                yield from read_file(file, max_bytes)
        elif path.exists():
            yield from read_file(path, max_bytes)
        else:
            yield skipped(SourceNotFound(path=arg), arg)


def walk(folder: Path) -> Iterator[Path]:
    """Files under `folder`, recursively, sorted, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    suffix = suffix_of(path)
    source = str(path)
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_bytes)
        return
    if suffix in WARC_SUFFIXES:
        yield from read_warc(path, max_bytes)
        return
    if suffix not in TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES:
        supported = ", ".join(SUPPORTED)
        yield skipped(
            UnsupportedFormat(path=source, suffix=suffix or "(none)", supported=supported), source
        )
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentTooLarge(path=source, size=size, limit=max_bytes)
        data = path.read_bytes()
    except InputError as exc:
        yield skipped(exc, source)
        return
    except OSError as exc:
        yield skipped(UnreadableSource(path=source, detail=exc.strerror or str(exc)), source)
        return
    kind: SourceKind = "text"
    if suffix in HTML_SUFFIXES:
        kind = "html"
    elif suffix in MARKDOWN_SUFFIXES:
        kind = "markdown"
    yield RawDocument(name=path.name, source=source, data=data, kind=kind)


def read_jsonl(path: Path, max_bytes: int) -> Iterator[Item]:
    try:
        with _open_binary(path) as stream:
            yield from read_records(stream, str(path), max_bytes)
    except (OSError, EOFError) as exc:
        yield skipped(UnreadableSource(path=str(path), detail=str(exc)), str(path))


def _open_binary(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_stdin(stream: IO[bytes], max_bytes: int) -> Iterator[Item]:
    """Standard input: JSON Lines when it starts with '{', else one plain-text document."""
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[type-var]
    head = buffered.peek(64)[:64].lstrip()
    if head.startswith(b"{"):
        yield from read_records(buffered, "<stdin>", max_bytes)
        return
    data = buffered.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield skipped(DocumentTooLarge(path="<stdin>", size=len(data), limit=max_bytes), "<stdin>")
        return
    yield RawDocument(name="stdin", source="<stdin>", data=data)


def read_records(stream: IO[bytes], where: str, max_bytes: int) -> Iterator[Item]:
    """JSON Lines records with `text` and optional `id`, `title`, `url`, `outlet`, `published`."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        source = f"{where}:{number}"
        if len(line) > max_bytes:
            yield skipped(DocumentTooLarge(path=source, size=len(line), limit=max_bytes), source)
            continue
        try:
            yield record_to_raw(json.loads(line), where, number)
        except InputError as exc:
            yield skipped(exc, source)
        except (ValueError, UnicodeDecodeError) as exc:
            error = MalformedRecord(path=where, line=number, detail=f"invalid JSON ({exc})")
            yield skipped(error, source)


def record_to_raw(record: Any, where: str, number: int) -> RawDocument:
    if not isinstance(record, dict):
        raise MalformedRecord(path=where, line=number, detail="expected a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedRecord(path=where, line=number, detail="no 'text' string")
    name = (
        str(record["id"]) if record.get("id") not in (None, "") else f"{Path(where).name}:{number}"
    )
    meta = {k: str(record[k]) for k in _METADATA_KEYS if record.get(k) not in (None, "")}
    fmt = record.get("format")
    kind: SourceKind = fmt if fmt in ("html", "markdown") else "text"
    return RawDocument(name=name, source=f"{where}:{number}", data=text, kind=kind, **meta)
