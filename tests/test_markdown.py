"""Markdown articles: markup removed, words kept, the `# Title` becomes the title."""

from __future__ import annotations

import pytest

from tacitus import Cleaner, RawDocument
from tacitus.ingest.markdown import markdown_to_text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("# Kazan summit closes", "Kazan summit closes"),
        ("## A crowded room ##", "A crowded room"),
        ("The **BRICS** leaders met *again*.", "The BRICS leaders met again."),
        ("See [the declaration](https://example.org/d) here.", "See the declaration here."),
        ("![photo](img.png)Caption", "Caption"),
        ("> Quoted line", "Quoted line"),
        ("- first point", "first point"),
        ("---", ""),
        ("Prices rose 5*3 times; a*b stays.", "Prices rose 5*3 times; a*b stays."),
    ],
)
def test_markdown_to_text(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


def test_markdown_article_title_and_byline() -> None:
    md = "# Kazan showed that BRICS can grow\n\nBy Elena Varga\n25 October 2024\n\n## Stakes\n\nThe summit closed on Thursday in Kazan after three days of talks.\n"
    doc = Cleaner.default().clean(RawDocument("a.md", "a.md", md.encode(), kind="markdown"))
    assert doc.title == "Kazan showed that BRICS can grow"
    assert doc.author == "Elena Varga"
    assert str(doc.published) == "2024-10-25"
    assert "#" not in doc.text
    assert "Stakes" in doc.text
