"""The briefing: what a person reads, written from stories as HTML and Markdown.

`write_briefing(stories, documents, out_dir)` writes `briefing.html` (one self-contained page:
inline CSS and plotly.js, no network request) and `briefing.md` (the same content as text and
tables). `build_briefing` computes what the briefing says; `render_html` and `render_markdown`
lay it out. Only reads: nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tacitus.atomic import write_text
from tacitus.records import Document
from tacitus.report.briefing import Briefing, Limits, build_briefing
from tacitus.report.html import render_html
from tacitus.report.markdown import render_markdown

__all__ = [
    "Briefing",
    "Limits",
    "build_briefing",
    "render_html",
    "render_markdown",
    "write_briefing",
]


def write_briefing(
    stories: Sequence[Mapping[str, Any]],
    documents: Sequence[Document],
    out_dir: Path,
    *,
    title: str = "Tacitus briefing",
    top: int = 20,
) -> list[Path]:
    """Write `out_dir/briefing.html` and `out_dir/briefing.md`; return their paths.

    `stories` are `Story.to_dict()` records, best supported first (from `fuse` or
    `Store.stories()`); `documents` the documents they cite (their text is not needed). The
    first `top` stories are shown in full, the rest listed compactly. Each file is written
    whole or not at all; the same input gives byte-identical files.
    """
    briefing = build_briefing(stories, documents, title=title, top=top)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [
        write_text(out_dir / "briefing.html", render_html(briefing)),
        write_text(out_dir / "briefing.md", render_markdown(briefing)),
    ]
