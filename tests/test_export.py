"""The exporters write parseable records with the right values in all five formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tacitus.export import (
    CSV_COLUMNS,
    FORMATS,
    GDELT_COLUMNS,
    DocumentInfo,
    is_state,
    write_events,
)
from tacitus.ontology import Ontology
from tacitus.records import ActorRef, DateValue, Document, Event, Evidence

ONTOLOGY = Ontology.default()
SCORER = Path("/work/shared/eval/score.py")

XI_DOC = "000_fdd044de107bd1cf.txt"
WAR_DOC = "guardian_drones.html"
NASTY_EVIDENCE = "=cmd|'/c calc'!A1\tsaid \"they lie\",\nthen left"

CHN = ActorRef("CHN", "China", "Chinese President Xi Jinping", "GOV")
RUS = ActorRef("RUS", "Russia", "Russia", None)
UKR = ActorRef("UKR", "Ukraine", "Ukraine", "MIL")
EU = ActorRef("EU", "European Union", "the EU", "IGO")
USA = ActorRef("USA", "United States", "Washington", "GOV")


def _event(
    doc: str,
    id_: str,
    type_: str,
    mode: str | None,
    actor: tuple[ActorRef, ...],
    recipient: tuple[ActorRef, ...],
    factuality: str,
    evidence: str,
    **extra: Any,
) -> Event:
    """An Event with the derived fields filled in from the ontology, as the analyser does."""
    return Event(
        doc=doc,
        id=id_,
        type=type_,
        mode=mode,
        actor=actor,
        recipient=recipient,
        date=extra.pop("date", None),
        location=extra.pop("location", None),
        factuality=factuality,
        attribution=extra.pop("attribution", None),
        evidence=extra.pop("evidences", (Evidence(evidence, 10, 10 + len(evidence)),)),
        confidence=extra.pop("confidence", 0.8),
        context=extra.pop("context", ()),
        plover_type=ONTOLOGY.plover_type(type_, factuality),
        cameo=ONTOLOGY.cameo_root(type_),
        quad_class=ONTOLOGY.quad_class(type_),
        score=ONTOLOGY.score(type_, mode),
    )


XI_VISIT = _event(
    XI_DOC,
    "xi-visit",
    "CONSULT",
    "visit",
    (CHN,),
    (RUS,),
    "planned",
    "Chinese President Xi Jinping’s upcoming visit to Russia from May 7 to 10, 2025",
    date=DateValue("2025-05-07", "2025-05-10", "from May 7 to 10, 2025"),
    location="RUS",
    context=("diplomatic",),
    confidence=0.9,
)
NO_SANCTIONS = _event(
    XI_DOC,
    "no-sanctions",
    "SANCTION",
    "discontinue",
    (EU,),
    (CHN,),
    "negated",
    "The EU has not imposed sanctions on Chinese firms.",
)
DRONES = _event(
    WAR_DOC,
    "drones",
    "ASSAULT",
    "drone",
    (UKR,),
    (RUS,),
    "asserted",
    "Ukraine launched a wave of drones at Moscow overnight, The Guardian reported.",
    evidences=(
        Evidence("Ukraine launched a wave of drones at Moscow overnight.", 0, 55),
        Evidence("The drone attack closed three airports.", 56, 95),
    ),
    date=DateValue("2025-05", "2025-05", "in May"),
    location="RUS",
    attribution="The Guardian",
)
NASTY = _event(
    WAR_DOC,
    "nasty",
    "ACCUSE",
    "allege",
    (CHN,),
    (USA,),
    "asserted",
    NASTY_EVIDENCE,
    attribution="@state_media",
)
EVENTS = (XI_VISIT, NO_SANCTIONS, DRONES, NASTY)

DOCUMENTS = {
    XI_DOC: DocumentInfo(XI_DOC, None, "Global Times", dt.date(2025, 5, 5), "Xi to visit Russia"),
    WAR_DOC: DocumentInfo(
        WAR_DOC,
        "https://www.theguardian.com/world/2025/may/06/drones",
        "The Guardian",
        dt.date(2025, 5, 6),
        "Drones over Moscow",
    ),
}


def _write(fmt: str, events: tuple[Event, ...] = EVENTS) -> tuple[int, str]:
    stream = io.StringIO(newline="")
    count = write_events(iter(events), stream, fmt, documents=DOCUMENTS, ontology=ONTOLOGY)
    return count, stream.getvalue()


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.split("\n") if line]


# --------------------------------------------------------------------------- interface


def test_formats() -> None:
    assert FORMATS == ("jsonl", "json", "csv", "plover", "gdelt")


def test_unknown_format_names_the_supported_ones() -> None:
    stream = io.StringIO()
    with pytest.raises(ValueError, match="jsonl, json, csv, plover, gdelt") as info:
        write_events(EVENTS, stream, "xml")
    assert "'xml'" in str(info.value)
    assert stream.getvalue() == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_events_are_consumed_lazily(fmt: str) -> None:
    """A generator is read once, in order, and works without documents or ontology."""
    seen: list[str] = []

    def events() -> Iterator[Event]:
        for event in EVENTS:
            seen.append(event.id)
            yield event

    count = write_events(events(), io.StringIO(), fmt)
    assert seen == [e.id for e in EVENTS]
    assert count == (3 if fmt == "plover" else 4)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_events(fmt: str) -> None:
    count, text = _write(fmt, ())
    assert count == 0
    if fmt == "json":
        assert json.loads(text) == []
    elif fmt == "csv":
        assert text == ",".join(CSV_COLUMNS) + "\n"
    elif fmt == "gdelt":
        assert text == "\t".join(GDELT_COLUMNS) + "\n"
    else:
        assert text == ""


def test_is_state() -> None:
    assert is_state("CHN") and is_state("XKX")
    assert not is_state("EU") and not is_state("NATO") and not is_state("IGO")
    assert not is_state("chn")


def test_document_info_from_document() -> None:
    doc = Document(
        id="d1",
        name="a.txt",
        source="/tmp/a.txt",
        text="Text.",
        url="https://example.org/a",
        outlet="Reuters",
        published=dt.date(2025, 1, 2),
        title="A",
    )
    info = DocumentInfo.from_document(doc)
    assert info == DocumentInfo(
        "a.txt", "https://example.org/a", "Reuters", dt.date(2025, 1, 2), "A"
    )


# --------------------------------------------------------------------------- JSON Lines, JSON


def test_jsonl_is_to_dict_per_line_and_round_trips() -> None:
    count, text = _write("jsonl")
    assert count == 4
    assert text.endswith("\n") and text.count("\n") == 4
    records = _lines(text)
    assert records == [e.to_dict() for e in EVENTS]
    assert [Event.from_dict(r) for r in records] == list(EVENTS)
    # ensure_ascii=False: the curly apostrophe is written as itself.
    assert "Jinping’s" in text


def test_json_is_an_array_of_the_same_dicts() -> None:
    count, text = _write("json")
    assert count == 4
    assert text.startswith("[") and text.rstrip().endswith("]")
    assert json.loads(text) == [e.to_dict() for e in EVENTS]


def test_jsonl_scores_perfectly_with_the_real_scorer(tmp_path: Path) -> None:
    if not SCORER.is_file():
        pytest.skip(f"{SCORER} not available")
    gold = tmp_path / "gold.jsonl"
    gold_event = {
        "id": "e1",
        "type": "CONSULT",
        "mode": "visit",
        "actor": ["CHN"],
        "recipient": ["RUS"],
        "date": "2025-05-07/2025-05-10",
        "location": "RUS",
        "factuality": "planned",
        "attribution": None,
        "evidence": XI_VISIT.evidence[0].text,
        "core": True,
    }
    gold.write_text(json.dumps({"doc": XI_DOC, "events": [gold_event]}) + "\n", "utf-8")
    out = tmp_path / "events.jsonl"
    with out.open("w", encoding="utf-8", newline="") as handle:
        assert write_events([XI_VISIT], handle, "jsonl") == 1
    run = subprocess.run(
        [sys.executable, str(SCORER), str(gold), "--system", str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(run.stdout)
    assert result["f1"] == 1.0
    assert result["factuality_accuracy"] == 1.0
    assert result["date"] == {"exact": 1}


# --------------------------------------------------------------------------- CSV


def _csv_rows() -> list[dict[str, str]]:
    count, text = _write("csv")
    assert count == 4
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return list(reader)


def test_csv_columns_and_values() -> None:
    rows = _csv_rows()
    assert [r["id"] for r in rows] == [e.id for e in EVENTS]
    xi = rows[0]
    assert xi["doc"] == XI_DOC
    assert (xi["type"], xi["mode"], xi["context"]) == ("CONSULT", "visit", "diplomatic")
    assert (xi["actor_codes"], xi["actor_names"]) == ("CHN", "China")
    assert (xi["recipient_codes"], xi["recipient_names"]) == ("RUS", "Russia")
    assert (xi["date_start"], xi["date_end"]) == ("2025-05-07", "2025-05-10")
    assert xi["date_text"] == "from May 7 to 10, 2025"
    assert (xi["location"], xi["factuality"], xi["attribution"]) == ("RUS", "planned", "")
    assert xi["evidence"] == XI_VISIT.evidence[0].text
    assert (xi["plover_type"], xi["cameo"], xi["quad_class"], xi["score"]) == (
        "AGREE",
        "04",
        "1",
        "4.0",
    )
    assert xi["confidence"] == "0.9"
    drones = rows[2]
    assert drones["mentions"] == "2"
    assert (drones["evidence_start"], drones["evidence_end"]) == ("0", "55")
    assert drones["attribution"] == "The Guardian"
    assert drones["score"] == "-9.5"  # numeric: no apostrophe
    assert rows[1]["plover_type"] == ""  # negated: PLOVER drops it, the CSV keeps the event


def test_csv_multiple_actors_are_joined() -> None:
    both = _event(
        XI_DOC, "talks", "CONSULT", None, (CHN, RUS), (), "planned", "Xi and Putin will talk."
    )
    _, text = _write("csv", (both,))
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert (row["actor_codes"], row["actor_names"]) == ("CHN;RUS", "China;Russia")
    assert row["recipient_codes"] == ""


def test_csv_quotes_newlines_and_defuses_formulas() -> None:
    nasty = _csv_rows()[3]
    # Tabs, quotes and the newline survive the round trip; the formula is defused.
    assert nasty["evidence"] == "'" + NASTY_EVIDENCE
    assert nasty["attribution"] == "'@state_media"
    assert nasty["score"] == "-3.5"
    for start in ("+1", "-2", "@x", "=1+1"):
        event = _event(WAR_DOC, "x", "ACCUSE", None, (CHN,), (), "asserted", start + " evil")
        _, text = _write("csv", (event,))
        assert next(csv.DictReader(io.StringIO(text)))["evidence"] == "'" + start + " evil"


# --------------------------------------------------------------------------- PLOVER


def _plover() -> dict[str, dict[str, Any]]:
    count, text = _write("plover")
    records = _lines(text)
    assert count == len(records) == 3
    return {r["id"]: r for r in records}


def test_plover_drops_negated_events() -> None:
    records = _plover()
    assert "no-sanctions" not in records
    assert list(records) == ["xi-visit", "drones", "nasty"]


def test_plover_planned_consult_becomes_agree() -> None:
    xi = _plover()["xi-visit"]
    assert xi["event"] == ["AGREE"]
    # AGREE has no modes, so "visit" goes; the scale and quad are AGREE's.
    assert xi["mode"] is None
    assert (xi["quad_code"], xi["event_scale"]) == (1, 2.5)
    assert "coded CONSULT (visit), planned" in xi["comment"]
    # Re-typed events carry no auxiliary "future" context (single category, says the manual).
    assert xi["context"] == ["diplomatic"]
    assert xi["factuality"] == "planned"


def test_plover_planned_retreat_becomes_concede() -> None:
    retreat = _event(
        XI_DOC, "pullout", "RETREAT", "withdraw", (RUS,), (UKR,), "planned", "Russia will withdraw."
    )
    (record,) = _lines(_write("plover", (retreat,))[1])
    assert record["event"] == ["CONCEDE"]
    assert record["mode"] is None


def test_plover_planned_assault_keeps_type_with_future_context() -> None:
    strike = _event(
        WAR_DOC, "strike", "ASSAULT", "drone", (UKR,), (RUS,), "planned", "Ukraine will strike."
    )
    (record,) = _lines(_write("plover", (strike,))[1])
    assert record["event"] == ["ASSAULT"]
    assert record["mode"] == ["drone"]
    assert record["context"] == ["future"]
    assert record["comment"] is None


def test_plover_fields() -> None:
    drones = _plover()["drones"]
    assert drones["event"] == ["ASSAULT"]
    assert drones["mode"] == ["drone"]
    assert drones["context"] is None
    assert drones["actor"] == [
        {"code": "UKR", "sector": "MIL", "entity_text": "Ukraine", "identifier_text": "Ukraine"}
    ]
    assert [r["code"] for r in drones["recipient"]] == ["RUS"]
    assert (drones["quad_code"], drones["event_scale"]) == (4, -9.5)
    assert drones["event_loc"] == {"country_code": "RUS"}
    assert drones["event_text"] == [e.text for e in DRONES.evidence]
    # "2025-05" is not a full date: the publication date stands in, the month is kept.
    assert (drones["date"], drones["enddate"], drones["event_date"]) == (
        "2025-05-06",
        None,
        "2025-05",
    )
    assert drones["cite_info"] == {
        "citation": WAR_DOC,
        "url": DOCUMENTS[WAR_DOC].url,
        "title": "Drones over Moscow",
        "publication": "The Guardian",
    }
    assert drones["attribution"] == "The Guardian"
    assert drones["doc"] == WAR_DOC
    assert drones["coder"].startswith("tacitus ")
    assert "text" not in drones  # the article's text is not ours to redistribute


def test_plover_date_range() -> None:
    xi = _plover()["xi-visit"]
    assert (xi["date"], xi["enddate"]) == ("2025-05-07", "2025-05-10")
    assert xi["event_loc"] == {"country_code": "RUS"}
    assert xi["actor"][0]["identifier_text"] == "China"


def test_plover_without_document_info() -> None:
    stream = io.StringIO()
    write_events([NASTY], stream, "plover")
    (record,) = _lines(stream.getvalue())
    assert record["date"] is None
    assert record["cite_info"] == {
        "citation": WAR_DOC,
        "url": None,
        "title": None,
        "publication": None,
    }
    assert record["event_text"] == [NASTY_EVIDENCE]


# --------------------------------------------------------------------------- GDELT


def _gdelt() -> list[dict[str, str]]:
    count, text = _write("gdelt")
    lines = text.split("\n")
    assert lines[-1] == ""
    header, rows = lines[0].split("\t"), [line.split("\t") for line in lines[1:-1]]
    assert tuple(header) == GDELT_COLUMNS
    assert count == len(rows) == 4
    assert all(len(row) == len(header) for row in rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_gdelt_values() -> None:
    xi = _gdelt()[0]
    assert xi["GlobalEventID"] == "xi-visit"
    assert xi["Day"] == "20250507"
    assert (xi["Actor1Code"], xi["Actor1Name"], xi["Actor1CountryCode"]) == ("CHN", "China", "CHN")
    assert (xi["Actor2Code"], xi["Actor2Name"], xi["Actor2CountryCode"]) == ("RUS", "Russia", "RUS")
    assert xi["IsRootEvent"] == "1"
    assert (xi["EventCode"], xi["EventBaseCode"], xi["EventRootCode"]) == ("04", "04", "04")
    assert (xi["QuadClass"], xi["GoldsteinScale"]) == ("1", "4")
    assert (xi["NumMentions"], xi["NumSources"], xi["NumArticles"], xi["AvgTone"]) == (
        "1",
        "1",
        "1",
        "",
    )
    assert xi["ActionGeo_CountryCode"] == "RUS"
    assert xi["DATEADDED"] == "20250505"
    assert xi["SOURCEURL"] == XI_DOC  # no URL known: the document name
    assert (xi["Factuality"], xi["Attribution"]) == ("planned", "")


def test_gdelt_keeps_negated_events_with_factuality() -> None:
    sanction = _gdelt()[1]
    assert (sanction["Actor1Code"], sanction["Actor1CountryCode"]) == ("EU", "")
    assert (sanction["EventRootCode"], sanction["QuadClass"], sanction["GoldsteinScale"]) == (
        "16",
        "4",
        "-6",
    )
    assert sanction["Factuality"] == "negated"
    assert sanction["Day"] == "20250505"  # no event date: the publication date


def test_gdelt_day_falls_back_to_published_date() -> None:
    drones = _gdelt()[2]
    assert drones["Day"] == "20250506"  # the event date is only a month
    assert drones["DATEADDED"] == "20250506"
    assert drones["NumMentions"] == "2"
    assert drones["GoldsteinScale"] == "-9.5"
    assert drones["SOURCEURL"] == DOCUMENTS[WAR_DOC].url
    assert drones["Attribution"] == "The Guardian"


def test_gdelt_day_empty_without_any_date() -> None:
    stream = io.StringIO()
    write_events([NASTY], stream, "gdelt")
    row = stream.getvalue().split("\n")[1].split("\t")
    assert row[GDELT_COLUMNS.index("Day")] == ""
    assert row[GDELT_COLUMNS.index("DATEADDED")] == ""


def test_gdelt_values_stay_on_one_line() -> None:
    event = _event(
        WAR_DOC,
        "tabs",
        "ACCUSE",
        None,
        (ActorRef("CHN", "Chi\tna\n", "China", None),),
        (),
        "asserted",
        "x",
        attribution="Line one\r\nline two\u2028three\tfour",
    )
    count, text = _write("gdelt", (event,))
    assert count == 1
    assert len(text.splitlines()) == 2
    row = dict(zip(GDELT_COLUMNS, text.splitlines()[1].split("\t"), strict=True))
    assert row["Actor1Name"] == "Chi na "
    assert row["Attribution"] == "Line one  line two three four"
