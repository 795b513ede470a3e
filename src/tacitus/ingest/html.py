"""HTML pages through trafilatura: main text plus title, date, author and site name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tacitus.errors import EmptyDocument


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    author: str | None
    sitename: str | None
    published: dt.date | None


def extract_html(html: str, path: str) -> Page:
    """Extract the article from an HTML page; raise EmptyDocument when it has no main text."""
    import trafilatura  # noqa: PLC0415  (slow to import; only HTML input needs it)
    from trafilatura.deduplication import LRUCache  # noqa: PLC0415

    # A fresh cache per page: with `deduplicate=True` trafilatura shares one cache in the
    # process, so a paragraph seen in earlier pages is dropped and the text (and the document
    # id) would depend on what the process read before, unlike what every engine must get.
    result = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=LRUCache(maxsize=4096),
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise EmptyDocument(path=path)
    published = None
    date = getattr(result, "date", None)
    if date:
        try:
            published = dt.date.fromisoformat(str(date)[:10])
        except ValueError:
            published = None
    return Page(
        text=text,
        title=getattr(result, "title", None) or None,
        author=getattr(result, "author", None) or None,
        sitename=getattr(result, "sitename", None) or None,
        published=published,
    )
