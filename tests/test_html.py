"""HTML pages go through trafilatura: article text and metadata, no menus or footers."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus import Cleaner, EmptyDocument, RawDocument

PAGE = """<!doctype html>
<html><head><title>Ministers agree on grain corridor | Example Post</title>
<meta property="og:site_name" content="Example Post">
<meta property="article:published_time" content="2025-03-18T09:30:00Z">
<meta name="author" content="Maria Lopez">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/opinion">Opinion</a></nav>
<article>
<h1>Ministers agree on grain corridor</h1>
<p>The foreign ministers of Turkey and Ukraine agreed on Tuesday to extend the grain corridor
through the Black Sea for another four months, officials in Ankara said.</p>
<p>The agreement, reached after three hours of talks, also covers the inspection of ships
in Istanbul by a joint team, according to a statement from the Turkish foreign ministry.</p>
<p>Russia has not commented on the arrangement, which it had criticised in the past.</p>
</article>
<footer><p>© 2025 Example Post. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def test_html_article_and_metadata() -> None:
    doc = Cleaner.default().clean(RawDocument("page.html", "page.html", PAGE.encode(), kind="html"))
    assert "agreed on Tuesday to extend the grain corridor" in doc.text
    assert "Russia has not commented on the arrangement" in doc.text
    assert "All rights reserved" not in doc.text
    assert "Opinion" not in doc.text
    assert doc.title is not None and doc.title.startswith("Ministers agree on grain corridor")
    assert doc.published == dt.date(2025, 3, 18)
    assert doc.author == "Maria Lopez"
    assert doc.outlet == "Example Post"


@pytest.mark.parametrize("page", ["<html><body></body></html>", "<html><body><nav>Home</nav>"])
def test_html_without_article_is_empty(page: str) -> None:
    with pytest.raises(EmptyDocument):
        Cleaner.default().clean(RawDocument("e.html", "e.html", page.encode(), kind="html"))
