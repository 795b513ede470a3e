"""Metadata lines: date lines, wire datelines, credits, bylines, titles."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.ingest import metadata as md
from tacitus.kb import load_outlets

OUTLETS = load_outlets()


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("13 May 2025, NIICE COmmentary 10917", dt.date(2025, 5, 13)),
        ("Posted on: April 28, 2025 at 7:29 am", dt.date(2025, 4, 28)),
        ("Updated on: April 28, 2025 at 7:29 am", dt.date(2025, 4, 28)),
        ("Published: 09 Sep 2013 11:25 GMT+02:00", dt.date(2013, 9, 9)),
        ("Tuesday, May 13, 2025", dt.date(2025, 5, 13)),
        ("2025-05-08", dt.date(2025, 5, 8)),
        ("2025-05-08T14:03:00Z | Politics", dt.date(2025, 5, 8)),
        ("September 15, 2013 11:26 pm", dt.date(2013, 9, 15)),
        ("8th May 2025", dt.date(2025, 5, 8)),
    ],
)
def test_date_lines(line: str, date: dt.date) -> None:
    parsed = md.parse_date_line(line)
    assert parsed is not None
    assert parsed.date == date


@pytest.mark.parametrize(
    "line",
    [
        # dates inside sentences are event dates, never publication dates
        "Chinese President Xi Jinping’s upcoming visit to Russia from May 7 to 10, 2025, is poised",
        "Chinese President Xi Jinping may visit Moscow on 9 May 2025 to participate",
        "On 9 May 2025 the parade took place in Red Square before thousands of guests.",
        "May 2025",
        "31 February 2025",
        "Xi Jinping's 2025 Visit to Russia",
    ],
)
def test_not_date_lines(line: str) -> None:
    assert md.parse_date_line(line) is None


@pytest.mark.parametrize(
    ("line", "agency", "month_day"),
    [
        ("MOSCOW, May 6. /TASS/. Chinese President Xi Jinping arrived", "TASS", "May 6"),
        ("BEIJING, May 6 (Xinhua) -- Chinese President Xi Jinping", "Xinhua", "May 6"),
        ("WASHINGTON (Reuters) - The United States on Tuesday", "Reuters", None),
        ("KYIV, Ukraine (AP) — Russia launched", "AP", None),
        ("NEW DELHI, May 10, 2025 (PTI) - India and Pakistan", "PTI", "May 10, 2025"),
    ],
)
def test_wire_datelines(line: str, agency: str, month_day: str | None) -> None:
    parsed = md.parse_dateline(line, OUTLETS)
    assert parsed is not None
    assert parsed.agency == agency
    assert parsed.month_day == month_day


@pytest.mark.parametrize(
    "line",
    [
        "Moscow (the capital) hosted the parade on May 9.",
        "The Guardian reported that the attacks were causing security concerns.",
        "PARIS (Le Monde) - not a wire agency",
    ],
)
def test_not_wire_datelines(line: str) -> None:
    assert md.parse_dateline(line, OUTLETS) is None


def test_yearless_dateline_takes_the_articles_latest_year() -> None:
    text = "MOSCOW, May 6. /TASS/. The visit of 2025 follows talks held in 2024."
    assert md.dateline_date("May 6", text) == dt.date(2025, 5, 6)
    assert md.dateline_date("May 6", "no year at all") is None


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("— Xinhua", "Xinhua"),
        ("(With inputs from PTI)", "PTI"),
        ("Source: Reuters", "Reuters"),
        ("-- AFP", "AFP"),
    ],
)
def test_credit_lines(line: str, agency: str) -> None:
    assert md.parse_credit(line, OUTLETS) == agency


@pytest.mark.parametrize("line", ["— the minister said", "Source: a diplomat", "The Guardian"])
def test_not_credit_lines(line: str) -> None:
    assert md.parse_credit(line, OUTLETS) is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Anna Smith and Li Wei", "Anna Smith and Li Wei"),
        ("Written by Omar Khan | Staff Writer", "Omar Khan"),
        ("by the way, talks resumed", None),
    ],
)
def test_bylines(line: str, author: str | None) -> None:
    assert md.parse_byline(line) == author


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Xi Jinping's 2025 Visit to Russia and China-Russia Relations", True),
        ("Geopolitical Implications", True),
        ("Chinese President Xi Jinping may visit Moscow on 9 May 2025.", False),
        ("", False),
    ],
)
def test_looks_like_title(line: str, expected: bool) -> None:
    assert md.looks_like_title(line) is expected


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2025-03-14 20:30:26Z", dt.date(2025, 3, 14)),
        ("2000-01-01", dt.date(2000, 1, 1)),
        ("May 8, 2025", dt.date(2025, 5, 8)),
        ("2025-13-45", None),
        ("yesterday", None),
    ],
)
def test_structured_dates(value: str, date: dt.date | None) -> None:
    assert md.parse_structured_date(value) == date
