"""WARC input: archived HTML pages become documents (through trafilatura), other records are
passed over or skipped with a coded reason, and `.warc` and `.warc.gz` stream alike.

The archive is built here with warcio: a warcinfo record, a request, a 200 HTML response
(an article written for this test), a 301 redirect, a 200 PNG response and a text/plain
resource (a second article).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tacitus import Store, events_for, extract_paths
from tacitus.extract import count_inputs
from tacitus.ingest.readers import read_paths
from tacitus.records import RawDocument, Skipped

PAGE_URL = "https://news.example.org/2025/05/10/xi-moscow"
NOTE_URL = "https://news.example.org/notes/aid"
PAGE = """<!doctype html><html><head><title>Xi to travel to Moscow</title>
<meta property="article:published_time" content="2025-05-10T08:00:00Z"></head><body>
<nav>Home | World | Subscribe</nav>
<article><h1>Xi to travel to Moscow</h1>
<p>Chinese President Xi Jinping will visit Moscow on May 20, the foreign ministry in
Beijing announced on Saturday, in a trip that both governments have prepared for weeks.</p>
<p>Officials in Moscow said the two leaders would discuss energy and trade during the
visit, which comes after months of preparation by both sides.</p>
</article><footer>Copyright 2025 Example News</footer></body></html>"""
NOTE = "Aid flights\n1 March 2025\n\nJapan will send humanitarian aid to Turkey next week.\n"


def _response(writer: WARCWriter, url: str, status: str, kind: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    writer.write_record(record)


def write_archive(path: Path, gzip: bool) -> Path:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = StatusAndHeaders("GET /2025/05/10/xi-moscow HTTP/1.1", [], is_http_request=True)
        writer.write_record(writer.create_warc_record(PAGE_URL, "request", http_headers=request))
        _response(writer, PAGE_URL, "200 OK", "text/html; charset=utf-8", PAGE.encode())
        _response(writer, "https://news.example.org/old", "301 Moved Permanently", "text/html", b"")
        _response(writer, "https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG")
        note = writer.create_warc_record(
            NOTE_URL,
            "resource",
            payload=io.BytesIO(NOTE.encode()),
            warc_content_type="text/plain",
        )
        writer.write_record(note)
    return path


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    gz = bool(request.param)
    return write_archive(tmp_path / ("news.warc.gz" if gz else "news.warc"), gz)


def test_pages_and_skips(archive: Path) -> None:
    items = list(read_paths([str(archive)], 1_000_000))
    pages = [i for i in items if isinstance(i, RawDocument)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [(p.name, p.url, p.kind) for p in pages] == [
        (PAGE_URL, PAGE_URL, "html"),
        (NOTE_URL, NOTE_URL, "text"),
    ]
    assert all(re.fullmatch(rf"{re.escape(str(archive))}@\d+", p.source) for p in pages)
    assert len(skipped) == 1
    assert re.fullmatch(
        rf"\[E102\] {re.escape(str(archive))}@\d+: unsupported file type 'image/png' "
        r"\(supported: HTML, text\)",
        skipped[0].message,
    )


def test_extract_reads_the_archived_article(archive: Path, tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        report = extract_paths([str(archive)], store)
        found = list(events_for(store, report.items))
        page = store.get(PAGE_URL)
    assert [name for name, _ in report.items] == [PAGE_URL, NOTE_URL]
    assert page.title == "Xi to travel to Moscow"
    assert page.published is not None and page.published.isoformat() == "2025-05-10"
    assert "Subscribe" not in page.text and "Copyright" not in page.text
    visit = [e for e in found if e.doc == PAGE_URL and e.type == "CONSULT"]
    assert visit and {a.code for a in visit[0].actor} == {"CHN"}
    assert visit[0].date is not None and visit[0].date.start == "2025-05-20"
    assert any(e.doc == NOTE_URL and e.type == "AID" for e in found)


def test_count_inputs_counts_pages(archive: Path) -> None:
    assert count_inputs([str(archive)]) == 3  # two pages and the image that is skipped


def test_too_large_page(archive: Path) -> None:
    items = list(read_paths([str(archive)], 50))
    large = [i for i in items if isinstance(i, Skipped) and i.reason == "too large"]
    assert len(large) == 2
    assert re.fullmatch(
        rf"\[E107\] {re.escape(str(archive))}@\d+: document too large \(\d{{3}} bytes > limit 50\); "
        "raise it with --max-bytes",
        large[0].message,
    )


def test_truncated_archive_keeps_what_came_before(tmp_path: Path) -> None:
    whole = write_archive(tmp_path / "whole.warc.gz", gzip=True).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    items = list(read_paths([str(cut)], 1_000_000))
    assert [i.name for i in items if isinstance(i, RawDocument)] == [PAGE_URL]


@pytest.mark.parametrize("content", [b"not an archive\n" * 3, b"\x1f\x8b broken gzip"])
def test_not_a_warc_is_skipped_with_e108(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(content)
    items = list(read_paths([str(bad)], 1_000_000))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert items[0].message.startswith(f"[E108] {bad}: cannot read: ")
