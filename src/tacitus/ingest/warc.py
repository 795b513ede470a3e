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
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                found = _page(record, f"{path}@{records.get_record_offset()}", max_bytes)
                if found is not None:
                    yield found
    except (OSError, EOFError, ArchiveLoadFailed) as exc:
        yield _skipped(UnreadableSource(path=str(path), detail=str(exc) or type(exc).__name__))


def _page(record: Any, source: str, max_bytes: int) -> RawDocument | Skipped | None:
    """One record as a page, a Skipped, or None when it holds no article."""
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    media = content_type.split(";")[0].strip().lower()
    url = record.rec_headers.get_header("WARC-Target-URI") or source
    if media not in _KINDS:
        error = UnsupportedFormat(path=source, suffix=media or "(none)", supported="HTML, text")
        return _skipped(error)
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return _skipped(DocumentTooLarge(path=source, size=len(data), limit=max_bytes))
    return RawDocument(name=url, source=source, data=data, kind=_KINDS[media], url=url)


def _skipped(error: InputError) -> Skipped:
    source = str(error.fields["path"])
    return Skipped(source=source, reason=error.reason, message=str(error))
