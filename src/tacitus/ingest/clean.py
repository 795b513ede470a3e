"""Turn a RawDocument into a clean Document: decode, repair, strip furniture, read metadata.

`Cleaner.clean` is a pure function of the input and the shipped data files, so every engine
produces the same Document for the same input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from tacitus.errors import EmptyDocument
from tacitus.ingest import metadata as md
from tacitus.ingest.boilerplate import (
    BoilerplateRules,
    is_link_line,
    line_key,
    load_rules,
    repeated_short_lines,
)
from tacitus.ingest.encoding import decode, normalise
from tacitus.ingest.fingerprint import minhash
from tacitus.ingest.html import extract_html
from tacitus.ingest.markdown import markdown_to_text
from tacitus.kb.outlets import OutletIndex, load_outlets
from tacitus.records import Document, RawDocument, RemovedSpan

# Metadata lines (date, byline) sit in the first few lines; credits in the last few.
_HEAD_LINES = 8
_TAIL_LINES = 5
_BLANK_RUNS = re.compile(r"\n{3,}")
_STOPWORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "was",
        "at",
        "from",
        "it",
        "be",
        "has",
    ]
)
_MIN_ENGLISH_RATIO = 0.12


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    removed: str | None = None


@dataclass(slots=True)
class _Meta:
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    agency: str | None = None
    outlet: str | None = None
    flags: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[_Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def content_id(text: str) -> str:
    """A stable id from the cleaned text: whitespace and case differences do not matter."""
    key = " ".join(text.casefold().split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def detect_language(text: str) -> str:
    """'en' when English function words are common enough, else 'und' (undetermined)."""
    words = text[:20000].lower().split()
    if not words:
        return "und"
    ratio = sum(1 for w in words if w in _STOPWORDS) / len(words)
    return "en" if ratio >= _MIN_ENGLISH_RATIO else "und"


class Cleaner:
    """Holds the compiled rules and the outlet index; `clean` does the work."""

    def __init__(self, rules: BoilerplateRules, outlets: OutletIndex) -> None:
        self.rules = rules
        self.outlets = outlets

    @classmethod
    def default(cls) -> Cleaner:
        return cls(load_rules(), load_outlets())

    def clean(self, raw: RawDocument) -> Document:
        """Clean one document. Raises an InputError subclass when nothing usable remains."""
        meta = _Meta(title=raw.title, author=raw.author, outlet=raw.outlet)
        encoding, flags = "utf-8", list[str]()
        data = raw.data
        if isinstance(data, bytes):
            decoded = decode(data, raw.source)
            data, encoding = decoded.text, decoded.encoding
            flags.extend(decoded.flags)
        if raw.kind == "html":
            page = extract_html(data, raw.source)
            data = page.text
            meta.title = meta.title or page.title
            meta.author = meta.author or page.author
            meta.outlet = meta.outlet or page.sitename
            meta.published = page.published
        elif raw.kind == "markdown":
            data = markdown_to_text(data)
        text, repair_flags = normalise(data)
        flags.extend(repair_flags)
        lines = split_lines(text)
        self._read_header(lines, meta)
        self._mark_furniture(lines, meta)
        self._read_credits(lines, meta)
        cleaned = _BLANK_RUNS.sub("\n\n", "\n".join(ln.text for ln in lines if not ln.removed))
        cleaned = cleaned.strip()
        if not cleaned:
            raise EmptyDocument(path=raw.source)
        removed = tuple(
            RemovedSpan(ln.start, ln.end, ln.text, ln.removed) for ln in lines if ln.removed
        )
        if removed:
            flags.append("boilerplate_removed")
        published = md.parse_structured_date(raw.published) if raw.published else None
        language = detect_language(cleaned)
        if language != "en":
            flags.append("not_english")
        return Document(
            id=content_id(cleaned),
            name=raw.name,
            source=raw.source,
            text=cleaned,
            words=len(cleaned.split()),
            title=meta.title,
            outlet=meta.outlet,
            agency=meta.agency,
            author=meta.author,
            url=raw.url,
            published=published or meta.published,
            language=language,
            encoding=encoding,
            removed=removed,
            flags=tuple(dict.fromkeys(flags + meta.flags)),
            fingerprint=minhash(cleaned),
        )

    def _read_header(self, lines: list[_Line], meta: _Meta) -> None:
        """Title, date line and byline from the first lines; they leave the text if metadata."""
        head = [ln for ln in lines if ln.text.strip()][:_HEAD_LINES]
        first = next((ln.text for ln in head if self.rules.classify(ln.text) is None), "")
        if meta.title is None and md.looks_like_title(first) and not md.parse_date_line(first):
            meta.title = first.strip()
        for i, ln in enumerate(head):
            date_line = md.parse_date_line(ln.text)
            if date_line and meta.published is None:
                meta.published = date_line.date
                ln.removed = "date line"
                self._outlet_from_date_line(date_line.rest, meta)
                self._byline_near(head, i, meta)
                continue
            author = md.parse_byline(ln.text)
            if author:
                meta.author = meta.author or author
                ln.removed = "byline"
        for ln in head:
            dateline = md.parse_dateline(ln.text, self.outlets)
            if dateline:
                meta.agency = dateline.agency
                if meta.published is None and dateline.month_day:
                    meta.published = md.dateline_date(
                        dateline.month_day, "\n".join(x.text for x in lines)
                    )
                    if meta.published:
                        meta.flags.append("published_year_inferred")
                break

    def _outlet_from_date_line(self, rest: str, meta: _Meta) -> None:
        if meta.outlet or not rest:
            return
        known = self.outlets.find(rest)
        first = rest.split(maxsplit=1)[0].strip(",.|")
        meta.outlet = known.name if known else (first if first.isupper() else None)

    def _byline_near(self, head: list[_Line], i: int, meta: _Meta) -> None:
        """The author is often the bare name on the line next to the date line."""
        for j in (i + 1, i - 1):
            if 0 <= j < len(head) and not head[j].removed and md.looks_like_name(head[j].text):
                if meta.title and line_key(head[j].text) == line_key(meta.title):
                    continue
                meta.author = meta.author or head[j].text.strip()
                head[j].removed = "byline"
                return

    def _mark_furniture(self, lines: list[_Line], meta: _Meta) -> None:
        title_key = line_key(meta.title) if meta.title else None
        repeats = repeated_short_lines([ln.text for ln in lines])
        seen_title = in_links = False
        for ln in lines:
            if not ln.text.strip():
                in_links = False
                continue
            if in_links and is_link_line(ln.text):
                ln.removed = ln.removed or "links"
                continue
            in_links = self.rules.opens_link_block(ln.text)
            if in_links:
                ln.removed = "links"
            if ln.removed:
                continue
            key = line_key(ln.text)
            if title_key and key == title_key:
                if seen_title:
                    ln.removed = "repeated title"
                    meta.flags.append("title_repeated")
                seen_title = True
                continue
            kind = self.rules.classify(ln.text)
            if kind:
                ln.removed = kind
            elif key in repeats:
                ln.removed = "repeated line"
                if meta.outlet is None and md.looks_like_site_name(ln.text):
                    known = self.outlets.get(ln.text)
                    meta.outlet = known.name if known else ln.text.strip()

    def _read_credits(self, lines: list[_Line], meta: _Meta) -> None:
        tail = [ln for ln in lines if ln.text.strip() and not ln.removed][-_TAIL_LINES:]
        for ln in tail:
            agency = md.parse_credit(ln.text, self.outlets)
            if agency:
                meta.agency = meta.agency or agency
                ln.removed = "credit"
