"""Event exporters: write `Event` records to a text stream in one of five formats.

`write_events(events, stream, fmt, documents=..., ontology=...)` streams the events (an iterable
is consumed once; nothing but the current record is held in memory) and returns the number of
records written. `documents` maps an event's `doc` name to what the store knows about the article
(`DocumentInfo`); `ontology` defaults to `Ontology.default()`. Open file streams with
`newline=""` so that no newline translation touches the CSV quoting.

Formats (`FORMATS`):

`jsonl`   one `Event.to_dict()` per line, exactly its keys (the format `score.py` reads).
`json`    one JSON array of the same dicts, written item by item.
`csv`     one row per event with the flat columns in `CSV_COLUMNS` and a header. Text cells
          starting with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading apostrophe
          so that spreadsheets do not run them as formulas (CSV injection); numeric columns are
          written as numbers and left alone.
`plover`  PLOVER JSON records, one per line, as the PLOVER manual (draft 2.0) defines them in its
          "Data Fields" chapter, table "PLOVER JSON" (tab:json), with the entity object of table
          "Information object for entities" (tab:actorinfo), the location object of table
          "Location object" (tab:locations) and the citation object of table "Information object
          for citations" (tab:citeinfo). Fields used:
            id          the event id
            date        YYYY-MM-DD: the event's start when it is a full date, else the article's
                        publication date (the usual event-data stand-in), else null
            enddate     YYYY-MM-DD: the event's end when it is a full date other than `date`
            actor, recipient  lists of {code, sector, entity_text, identifier_text (our canonical
                        name)}
            event       [the PLOVER type]; mode, context: lists, or null when empty (the manual's
                        "Overview": unfilled optional fields are left null)
            event_loc   {country_code} when the location is a state, else {resolved_place}
            event_text  the evidence sentences
            quad_code, event_scale  of the type written, from the ontology
            cite_info   {citation: the document name, url, title, publication}
            coder       "tacitus <version>"
            comment     set when PLOVER's future convention changed the type (what was coded)
          The manual's "text" field is not filled (its note 6: only with rights to the text).
          Fields we add, as the manual invites: doc, event_date (our ISO 8601 interval,
          "2025-05", "2022/..", so reduced precision and open ends are not lost), factuality,
          attribution, confidence.
          PLOVER's own conventions are applied through `Ontology.plover_type`: planned or possible
          CONSULT, SUPPORT, COOPERATE and AID become AGREE, a planned RETREAT becomes CONCEDE (a
          mode the new type lacks is dropped), and negated events are left out and not counted.
          Following the manual's "Auxiliary modes" section, an event still written with its own
          type gets the context `future` when planned and `hypothetical` when hypothetical.
`gdelt`   a GDELT-2.0-style tab-separated event table with a header (`GDELT_COLUMNS`). Actor
          codes are ours (ISO 3166-1 alpha-3 for states); Actor*CountryCode is filled only for
          states; EventCode/EventBaseCode/EventRootCode are the type's CAMEO root; GoldsteinScale
          is the PLOVER score (designed to splice with Goldstein's); ActionGeo_CountryCode is our
          location code (ISO3, where GDELT uses FIPS 10-4); Day and DATEADDED are YYYYMMDD (Day:
          the event's start when a full date, else the publication date). Factuality and
          Attribution are our extra columns. Tabs and line breaks in values become spaces.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TextIO

import pycountry

from tacitus.ontology import Ontology
from tacitus.records import ActorRef, Document, Event
from tacitus.version import __version__

FORMATS: tuple[str, ...] = ("jsonl", "json", "csv", "plover", "gdelt")

CSV_COLUMNS: tuple[str, ...] = (
    "doc",
    "id",
    "type",
    "mode",
    "context",
    "actor_codes",
    "actor_names",
    "recipient_codes",
    "recipient_names",
    "date_start",
    "date_end",
    "date_text",
    "location",
    "factuality",
    "attribution",
    "evidence",
    "evidence_start",
    "evidence_end",
    "mentions",
    "confidence",
    "plover_type",
    "cameo",
    "quad_class",
    "score",
)

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "Day",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "ActionGeo_CountryCode",
    "DATEADDED",
    "SOURCEURL",
    "Factuality",
    "Attribution",
)

# Spreadsheet formula triggers (OWASP's list: the four signs plus tab and carriage return).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Everything str.splitlines() breaks on, so a TSV row survives any line-based reader.
_LINE_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Auxiliary modes (manual, "Auxiliary modes") for events the PLOVER export keeps as coded.
_AUXILIARY = {"planned": "future", "hypothetical": "hypothetical"}


@dataclass(frozen=True)
class DocumentInfo:
    """What the exporters need to know about an article: its name (the events' `doc`), URL,
    outlet, publication date and title; any of the last four may be unknown (None)."""

    name: str
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None

    @classmethod
    def from_document(cls, document: Document) -> DocumentInfo:
        """The export view of a stored `Document`."""
        return cls(
            name=document.name,
            url=document.url,
            outlet=document.outlet,
            published=document.published,
            title=document.title,
        )


@dataclass(frozen=True)
class _Context:
    documents: Mapping[str, DocumentInfo]
    ontology: Ontology

    def document(self, event: Event) -> DocumentInfo | None:
        return self.documents.get(event.doc)


_Writer = Callable[[Iterable[Event], TextIO, _Context], int]


def write_events(
    events: Iterable[Event],
    stream: TextIO,
    fmt: str,
    *,
    documents: Mapping[str, DocumentInfo] | None = None,
    ontology: Ontology | None = None,
) -> int:
    """Write `events` to `stream` in format `fmt` (one of FORMATS); return the records written.

    Raises ValueError naming the supported formats when `fmt` is not one of them (before
    anything is written).
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown export format {fmt!r}; supported: {', '.join(FORMATS)}")
    context = _Context(documents or {}, ontology or Ontology.default())
    return writer(events, stream, context)


# ---------------------------------------------------------------------- JSON Lines and JSON


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def _write_jsonl(events: Iterable[Event], stream: TextIO, context: _Context) -> int:
    count = 0
    for event in events:
        stream.write(_dumps(event.to_dict()) + "\n")
        count += 1
    return count


def _write_json(events: Iterable[Event], stream: TextIO, context: _Context) -> int:
    count = 0
    stream.write("[")
    for event in events:
        stream.write((",\n" if count else "\n") + _dumps(event.to_dict()))
        count += 1
    stream.write("\n]\n" if count else "]\n")
    return count


# ---------------------------------------------------------------------- CSV


def _safe_cell(value: object) -> object:
    """`value`, with a leading apostrophe when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _joined(refs: Iterable[ActorRef], attr: str) -> str:
    return ";".join(getattr(ref, attr) for ref in refs)


def _csv_row(event: Event) -> dict[str, object]:
    first = event.evidence[0] if event.evidence else None
    date = event.date
    row: dict[str, object] = {
        "doc": event.doc,
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "context": ";".join(event.context),
        "actor_codes": _joined(event.actor, "code"),
        "actor_names": _joined(event.actor, "name"),
        "recipient_codes": _joined(event.recipient, "code"),
        "recipient_names": _joined(event.recipient, "name"),
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_text": date.text if date else None,
        "location": event.location,
        "factuality": event.factuality,
        "attribution": event.attribution,
        "evidence": first.text if first else None,
        "evidence_start": first.start if first else None,
        "evidence_end": first.end if first else None,
        "mentions": len(event.evidence),
        "confidence": round(event.confidence, 3),
        "plover_type": event.plover_type,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "score": event.score,
    }
    # Numbers are not str, so _safe_cell leaves negative scores such as -10.0 as they are.
    return {key: _safe_cell(value) for key, value in row.items()}


def _write_csv(events: Iterable[Event], stream: TextIO, context: _Context) -> int:
    # "\n" rather than the csv default "\r\n": one line ending for all formats; fields that
    # hold line breaks are quoted either way.
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(_csv_row(event))
        count += 1
    return count


# ---------------------------------------------------------------------- shared helpers


@cache
def is_state(code: str) -> bool:
    """True when `code` is an ISO 3166-1 alpha-3 code (or XKX, Kosovo's user-assigned code)."""
    if code == "XKX":
        return True
    if not re.fullmatch(r"[A-Z]{3}", code):
        return False
    return pycountry.countries.get(alpha_3=code) is not None


def _full_date(value: str | None) -> str | None:
    """`value` when it is a whole ISO date (YYYY-MM-DD), else None (months, years, open ends)."""
    return value if value and _FULL_DATE.fullmatch(value) else None


def _event_day(event: Event, info: DocumentInfo | None) -> str | None:
    """The event's full start date, else the article's publication date, as YYYY-MM-DD."""
    start = _full_date(event.date.start if event.date else None)
    if start:
        return start
    return info.published.isoformat() if info and info.published else None


# ---------------------------------------------------------------------- PLOVER


def _plover_entity(ref: ActorRef) -> dict[str, Any]:
    return {
        "code": ref.code,
        "sector": ref.sector,
        "entity_text": ref.text,
        "identifier_text": ref.name,
    }


def _plover_location(code: str | None) -> dict[str, Any] | None:
    if code is None:
        return None
    return {"country_code": code} if is_state(code) else {"resolved_place": code}


def _plover_context(event: Event, converted: bool) -> list[str] | None:
    context = list(event.context)
    # The manual wants a single category rather than category + auxiliary mode, so events the
    # future convention re-typed (planned CONSULT -> AGREE) get no auxiliary mode.
    auxiliary = None if converted else _AUXILIARY.get(event.factuality)
    if auxiliary and auxiliary not in context:
        context.append(auxiliary)
    return context or None


def _plover_cite(event: Event, info: DocumentInfo | None) -> dict[str, Any]:
    return {
        "citation": event.doc,
        "url": info.url if info else None,
        "title": info.title if info else None,
        "publication": info.outlet if info else None,
    }


def _plover_dates(event: Event, info: DocumentInfo | None) -> tuple[str | None, str | None]:
    date = _event_day(event, info)
    end = _full_date(event.date.end if event.date else None)
    return date, (end if end != date else None)


def _plover_comment(event: Event, plover_type: str) -> str | None:
    if plover_type == event.type:
        return None
    coded = f"{event.type} ({event.mode})" if event.mode else event.type
    return (
        f"coded {coded}, {event.factuality}; written as {plover_type} "
        "following PLOVER's convention for future events"
    )


def _plover_record(event: Event, plover_type: str, context: _Context) -> dict[str, Any]:
    """The PLOVER JSON record of `event` written with type `plover_type`."""
    ontology = context.ontology
    info = context.document(event)
    converted = plover_type != event.type
    # A mode of the coded type may not exist for the written one (CONSULT visit -> AGREE).
    mode = event.mode if event.mode in ontology.types[plover_type].modes else None
    date, enddate = _plover_dates(event, info)
    return {
        "id": event.id,
        "date": date,
        "enddate": enddate,
        "actor": [_plover_entity(a) for a in event.actor],
        "recipient": [_plover_entity(r) for r in event.recipient],
        "event": [plover_type],
        "mode": [mode] if mode else None,
        "context": _plover_context(event, converted),
        "event_loc": _plover_location(event.location),
        "event_text": [e.text for e in event.evidence],
        "quad_code": ontology.quad_class(plover_type),
        "event_scale": ontology.score(plover_type, mode),
        "cite_info": _plover_cite(event, info),
        "coder": f"tacitus {__version__}",
        "comment": _plover_comment(event, plover_type),
        "doc": event.doc,
        "event_date": event.date.iso() if event.date else None,
        "factuality": event.factuality,
        "attribution": event.attribution,
        "confidence": round(event.confidence, 3),
    }


def _write_plover(events: Iterable[Event], stream: TextIO, context: _Context) -> int:
    count = 0
    for event in events:
        plover_type = context.ontology.plover_type(event.type, event.factuality)
        if plover_type is None:  # negated: PLOVER leaves these out of the data set
            continue
        stream.write(_dumps(_plover_record(event, plover_type, context)) + "\n")
        count += 1
    return count


# ---------------------------------------------------------------------- GDELT-style TSV


def _tsv_cell(value: object) -> str:
    if value is None:
        return ""
    return _LINE_BREAKS.sub(" ", str(value))


def _yyyymmdd(iso_day: str | None) -> str:
    return iso_day.replace("-", "") if iso_day else ""


def _gdelt_actor(refs: tuple[ActorRef, ...]) -> list[object]:
    if not refs:
        return ["", "", ""]
    first = refs[0]
    return [first.code, first.name, first.code if is_state(first.code) else ""]


def _gdelt_row(event: Event, context: _Context) -> Iterator[str]:
    ontology = context.ontology
    info = context.document(event)
    root = ontology.cameo_root(event.type)
    published = info.published.isoformat() if info and info.published else None
    values: list[object] = [
        event.id,
        _yyyymmdd(_event_day(event, info)),
        *_gdelt_actor(event.actor),
        *_gdelt_actor(event.recipient),
        1,
        root,
        root,
        root,
        ontology.quad_class(event.type),
        f"{ontology.score(event.type, event.mode):g}",
        len(event.evidence),
        1,
        1,
        None,
        event.location,
        _yyyymmdd(published),
        info.url if info and info.url else event.doc,
        event.factuality,
        event.attribution,
    ]
    return (_tsv_cell(value) for value in values)


def _write_gdelt(events: Iterable[Event], stream: TextIO, context: _Context) -> int:
    stream.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    for event in events:
        stream.write("\t".join(_gdelt_row(event, context)) + "\n")
        count += 1
    return count


_WRITERS: dict[str, _Writer] = {
    "jsonl": _write_jsonl,
    "json": _write_json,
    "csv": _write_csv,
    "plover": _write_plover,
    "gdelt": _write_gdelt,
}
