"""WARC files (Common Crawl News style): each archived HTML page becomes a RawDocument.

`response` records (an HTTP response: status line, headers, body) and `resource` records
(a body with a Content-Type) are read one at a time from `.warc` or `.warc.gz`, so an archive
of any size streams. HTML bodies go to the HTML reader (trafilatura) through the cleaner like
any `.html` file, plain-text bodies are read as text. Requests, metadata, warcinfo and
revisit records carry no article and are passed over, as are responses other than 2xx
(redirects, errors). A 2xx body of another type (an image, a PDF) is skipped with E102.

The document name is the target URI (the page's URL), its source `FILE@OFFSET` (the record's
byte offset in the file, where `warcio` or `zcat | tail -c` finds it again).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

from tacitus.errors import DocumentTooLarge, InputError, UnreadableSource, UnsupportedFormat
from tacitus.records import RawDocument, Skipped, SourceKind

WARC_SUFFIXES = (".warc", ".warc.gz")
_KINDS: dict[str, SourceKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}


def read_warc(path: Path, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    """The pages archived in the WARC file at `path`, in file order."""
    seen = 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for seen, record in enumerate(records, start=1):  # noqa: B007 - counted for below
                content = _content(record, max_bytes)
                if content is not None:
                    # the offset is known only once the record was read (warcio reads to its end)
                    yield _page(content, f"{path}@{records.get_record_offset()}", max_bytes)
    except (OSError, EOFError, ArchiveLoadFailed) as exc:
        yield _skipped(UnreadableSource(path=str(path), detail=str(exc) or type(exc).__name__))
        return
    if seen == 0:  # warcio reads a file that is not a WARC as an archive without records
        yield _skipped(UnreadableSource(path=str(path), detail="no WARC records"))


@dataclass(frozen=True, slots=True)
class _Body:
    """What a record holds: its target URI, media type, up to max_bytes + 1 bytes of body
    (none for types we do not read) and its size (for a body over the limit, the record's
    length with its HTTP headers)."""

    url: str | None
    media: str
    data: bytes
    size: int


def _content(record: Any, max_bytes: int) -> _Body | None:
    """The body of a record that may hold an article, or None when it cannot (not a
    response or resource, or not a 2xx)."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        if not (record.http_headers.get_statuscode() or "").startswith("2"):
            return None
        headers = record.http_headers
    media = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    data = record.content_stream().read(max_bytes + 1) if media in _KINDS else b""
    size = max(len(data), int(record.length or 0)) if len(data) > max_bytes else len(data)
    return _Body(record.rec_headers.get_header("WARC-Target-URI"), media, data, size)


def _page(body: _Body, source: str, max_bytes: int) -> RawDocument | Skipped:
    if body.media not in _KINDS:
        error = UnsupportedFormat(
            path=source, suffix=body.media or "(none)", supported="HTML, text"
        )
        return _skipped(error)
    if len(body.data) > max_bytes:
        return _skipped(DocumentTooLarge(path=source, size=body.size, limit=max_bytes))
    kind = _KINDS[body.media]
    return RawDocument(
        name=body.url or source, source=source, data=body.data, kind=kind, url=body.url
    )


def _skipped(error: InputError) -> Skipped:
    source = str(error.fields["path"])
    return Skipped(source=source, reason=error.reason, message=str(error))
