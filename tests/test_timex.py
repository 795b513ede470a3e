"""The time-expression tagger: what it finds in news phrasings, how it resolves it, and what
it must leave alone. The publication date (anchor) is Tuesday 2025-05-13 unless a case says
otherwise. Each case lists the mentions as (text, kind, ISO value or None)."""

from __future__ import annotations

import importlib.util
import itertools
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from tacitus.errors import ConfigError
from tacitus.nlp.timex import KINDS, TimeMention, TimeTagger, TimeValue, parse_iso

ANCHOR = date(2025, 5, 13)  # a Tuesday
REPO = Path(__file__).resolve().parent.parent

Expected = list[tuple[str, str, str | None]]


@pytest.fixture(scope="module")
def tagger() -> TimeTagger:
    return TimeTagger.default()


def found(mentions: list[TimeMention]) -> Expected:
    return [(m.text, m.kind, m.value.iso() if m.value else None) for m in mentions]


# --------------------------------------------------------------------------- absolute dates

ABSOLUTE: list[tuple[str, Expected]] = [
    (
        "The parade will be held on May 9, 2025, in Red Square.",
        [("May 9, 2025", "date", "2025-05-09")],
    ),
    ("Putin received Xi in the Kremlin on 9 May 2025.", [("9 May 2025", "date", "2025-05-09")]),
    ("The statement was signed on May 9th, 2025.", [("May 9th, 2025", "date", "2025-05-09")]),
    (
        "According to the readout dated 2025-05-09, both sides agreed to meet again.",
        [("2025-05-09", "date", "2025-05-09")],
    ),
    (
        "Leaders laid wreaths at the Tomb of the Unknown Soldier on 9 May.",
        [("9 May", "date", "2025-05-09")],
    ),
    ("The delegation arrived on May 9 and left the next day.", [("May 9", "date", "2025-05-09")]),
    (
        "MOSCOW, May 8, 2025 (AFP) - Chinese President Xi Jinping held talks.",
        [("May 8, 2025", "date", "2025-05-08")],
    ),
    (
        "On April 1, 2025, Wang Yi held talks in Beijing with Sergey Lavrov.",
        [("April 1, 2025", "date", "2025-04-01")],
    ),
    (
        "The vote is scheduled for Sept. 14, the ministry said.",
        [("Sept. 14", "date", "2025-09-14")],
    ),
    (
        "The attacks of Sept 11, 2001 changed US foreign policy.",
        [("Sept 11, 2001", "date", "2001-09-11")],
    ),
    ("The decree was published on Jan. 5, 2025.", [("Jan. 5, 2025", "date", "2025-01-05")]),
    ("Ceremonies are planned for the 9th of May.", [("the 9th of May", "date", "2025-05-09")]),
    (
        "The summit opens on Thursday, May 15, 2025, in Astana.",
        [("Thursday, May 15, 2025", "date", "2025-05-15")],
    ),
    ("Thu., May 8, 2025: leaders meet in Moscow.", [("Thu., May 8, 2025", "date", "2025-05-08")]),
    (
        "The timestamp 2025-05-09T10:00:00Z marks the first strike.",
        [("2025-05-09T10:00:00Z", "date", "2025-05-09")],
    ),
    (
        "The leap-day deadline of February 29, 2024 passed quietly.",
        [("February 29, 2024", "date", "2024-02-29")],
    ),
    # No year: the occurrence closest to the anchor (May 13): last December, not next.
    ("Talks broke down on December 28.", [("December 28", "date", "2024-12-28")]),
]

# --------------------------------------------------------------------------- ranges

RANGES: list[tuple[str, Expected]] = [
    (
        "The forum ran from May 7 to 10, 2025, in St Petersburg.",
        [("from May 7 to 10, 2025", "range", "2025-05-07/2025-05-10")],
    ),
    (
        "Moscow declared a truce for May 7–9, 2025.",
        [("May 7–9, 2025", "range", "2025-05-07/2025-05-09")],
    ),
    (
        "Moscow declared a truce for May 7-9, 2025.",
        [("May 7-9, 2025", "range", "2025-05-07/2025-05-09")],
    ),
    (
        "The exercises will take place on 7-10 May 2025 in the Baltic.",
        [("7-10 May 2025", "range", "2025-05-07/2025-05-10")],
    ),
    (
        "Fighting was heavy between May 7 and May 10, officials said.",
        [("between May 7 and May 10", "range", "2025-05-07/2025-05-10")],
    ),
    (
        "Delegations met from 7 to 10 May in Istanbul.",
        [("from 7 to 10 May", "range", "2025-05-07/2025-05-10")],
    ),
    (
        "The ceasefire lasted May 7 to May 10, 2025.",
        [("May 7 to May 10, 2025", "range", "2025-05-07/2025-05-10")],
    ),
    (
        "The truce runs from 00:00 on May 8 until 00:00 on the night of May 11.",
        [
            (
                "from 00:00 on May 8 until 00:00 on the night of May 11",
                "range",
                "2025-05-08/2025-05-11",
            )
        ],
    ),
    (
        "The operation lasted from March 2022 to June 2023.",
        [("from March 2022 to June 2023", "range", "2022-03/2023-06")],
    ),
    ("Gas transit fell sharply in 2022-2024.", [("2022-2024", "range", "2022/2024")]),
    ("The budget for 2024–25 was approved.", [("2024–25", "range", "2024/2025")]),
    (
        "Leaders of the Group of 20 gather in Johannesburg on November 22 and 23.",
        [("November 22 and 23", "range", "2025-11-22/2025-11-23")],
    ),
    ("Exports grew between 2014 and 2021.", [("between 2014 and 2021", "range", "2014/2021")]),
    (
        "The talks, held December 28 to January 3, 2025, made no progress.",
        [("December 28 to January 3, 2025", "range", "2024-12-28/2025-01-03")],
    ),
    (
        "The visit, May 30-June 2, includes stops in Hanoi.",
        [("May 30-June 2", "range", "2025-05-30/2025-06-02")],
    ),
    ("Output was flat from March to June.", [("from March to June", "range", "2025-03/2025-06")]),
    ("Harvests failed in World War II, 1939-45.", [("1939-45", "range", "1939/1945")]),
    (
        "Peacekeepers rotate between 7 and 10 May.",
        [("between 7 and 10 May", "range", "2025-05-07/2025-05-10")],
    ),
    ("Imports doubled from 2014 to 2022.", [("from 2014 to 2022", "range", "2014/2022")]),
    ("The 2022/23 season was cut short.", [("2022/23", "range", "2022/2023")]),
    (
        "Prices were capped from May 2024 to May 2025.",
        [("from May 2024 to May 2025", "range", "2024-05/2025-05")],
    ),
    (
        "Grain exports stalled March to June 2023.",
        [("March to June 2023", "range", "2023-03/2023-06")],
    ),
]

# --------------------------------------------------------------------------- months, years

MONTHS_YEARS: list[tuple[str, Expected]] = [
    ("The agreement was signed in May 2025.", [("May 2025", "month", "2025-05")]),
    (
        "Inflation slowed last month, the central bank said.",
        [("last month", "relative", "2025-04")],
    ),
    ("The ministers will meet again next month.", [("next month", "relative", "2025-06")]),
    ("A second round is expected this month.", [("this month", "relative", "2025-05")]),
    ("Russia launched its full-scale invasion in 2022.", [("2022", "year", "2022")]),
    (
        "Trade reached a record of nearly $245 billion last year.",
        [("last year", "relative", "2024")],
    ),
    (
        "The two leaders met earlier this year in Beijing.",
        [("earlier this year", "relative", "2025")],
    ),
    (
        "Putin is expected to make a return trip to China later this year.",
        [("later this year", "relative", "2025")],
    ),
    # Month without a year: the anchor's year unless that is more than six months away.
    ("Elections were held in March.", [("March", "month", "2025-03")]),
    ("A summit is planned in November.", [("November", "month", "2025-11")]),
    ("Parliament approved the budget in December.", [("December", "month", "2024-12")]),
    ("In May, President Donald Trump met Cyril Ramaphosa.", [("May", "month", "2025-05")]),
    ("Ukraine expects deliveries in early May.", [("early May", "month", "2025-05")]),
    ("Prices spiked in mid-2022.", [("mid-2022", "year", "2022")]),
    (
        "The deal should be ready by the end of next year.",
        [("by the end of next year", "open", "../2026")],
    ),
    (
        "GDP contracted in the first half of 2025.",
        [("the first half of 2025", "range", "2025-01/2025-06")],
    ),
    ("Revenue rose in Q3 2024.", [("Q3 2024", "range", "2024-07/2024-09")]),
    (
        "The offensive began in the summer of 2023.",
        [("the summer of 2023", "range", "2023-06/2023-08")],
    ),
    ("Troops withdrew last summer.", [("last summer", "relative", "2024-06/2024-08")]),
    ("Relations thawed in the 1990s.", [("the 1990s", "range", "1990/1999")]),
    ("World War II ended in 1945.", [("1945", "year", "1945")]),
    ("The 2025 visit was the third in two years.", [("2025", "year", "2025")]),
    ("The talks ended in the last week of May.", [("the last week of May", "month", "2025-05")]),
    (
        "Parliament sat until the end of the month.",
        [("until the end of the month", "open", "../2025-05")],
    ),
    ("Rates peaked in late 2024.", [("late 2024", "year", "2024")]),
    (
        "Growth slowed in the second quarter of this year.",
        [("the second quarter of this year", "relative", "2025-04/2025-06")],
    ),
    ("Oil prices were low in the early 2000s.", [("the early 2000s", "range", "2000/2009")]),
    (
        "The counteroffensive may resume next spring.",
        [("next spring", "relative", "2026-03/2026-05")],
    ),
    (
        "The pipeline should open by the middle of next year.",
        [("by the middle of next year", "open", "../2026")],
    ),
    ("As of March, 40 ships had left the port.", [("March", "month", "2025-03")]),
    ("This year's harvest was poor.", [("This year", "relative", "2025")]),
    ("The ceasefire was agreed a year ago.", [("a year ago", "relative", "2024")]),
]

# --------------------------------------------------------------------------- open intervals

OPEN: list[tuple[str, Expected]] = [
    ("Sanctions have been in place since 2022.", [("since 2022", "open", "2022/..")]),
    (
        "Gas flows have been halted since February 2022.",
        [("since February 2022", "open", "2022-02/..")],
    ),
    (
        "Millions have fled since the start of the war in 2022.",
        [("since the start of the war in 2022", "open", "2022/..")],
    ),
    ("The treaty remains in force until 2030.", [("until 2030", "open", "../2030")]),
    ("He has lived in exile ever since 2014.", [("ever since 2014", "open", "2014/..")]),
    ("Prices have risen since at least 2015.", [("since at least 2015", "open", "2015/..")]),
    ("Both sides must withdraw by Friday.", [("by Friday", "open", "../2025-05-16")]),
    ("The border has been closed since Monday.", [("since Monday", "open", "2025-05-12/..")]),
    ("The mission was extended until May 31.", [("until May 31", "open", "../2025-05-31")]),
    (
        "Fighting has raged since Russia's invasion in February 2022.",
        [("since Russia's invasion in February 2022", "open", "2022-02/..")],
    ),
    ("Tariffs are suspended until May, the ministry said.", [("until May", "open", "../2025-05")]),
    ("Debt must be cut by the end of 2025.", [("by the end of 2025", "open", "../2025")]),
    # "since ... in" does not reach over a comma.
    ("He has led the party since he took office, in 2021.", [("2021", "year", "2021")]),
    # The opening "since" stops at the mention before it.
    (
        "Support has fallen since last year's election in May.",
        [("since last year", "open", "2024/.."), ("May", "month", "2025-05")],
    ),
]

# --------------------------------------------------------------------------- weekdays, days

RELATIVE: list[tuple[str, Expected]] = [
    # A bare weekday: the most recent one in the six days before the anchor.
    ("Xi landed in Moscow on Thursday.", [("Thursday", "weekday", "2025-05-08")]),
    ("The ministers met on Monday.", [("Monday", "weekday", "2025-05-12")]),
    # The anchor's own weekday is the anchor.
    ("The cabinet resigned on Tuesday.", [("Tuesday", "weekday", "2025-05-13")]),
    ("Officials said Wednesday that talks had stalled.", [("Wednesday", "weekday", "2025-05-07")]),
    ("The envoy will return next Thursday.", [("next Thursday", "weekday", "2025-05-15")]),
    (
        "The vote is set for this coming Thursday.",
        [("this coming Thursday", "weekday", "2025-05-15")],
    ),
    ("Protesters gathered last Thursday.", [("last Thursday", "weekday", "2025-05-08")]),
    ("The last strike was last Tuesday.", [("last Tuesday", "weekday", "2025-05-06")]),
    ("The council meets this Friday.", [("this Friday", "weekday", "2025-05-16")]),
    ("The report is due Friday next week.", [("Friday next week", "weekday", "2025-05-23")]),
    ("Drones struck the depot on Thursday night.", [("Thursday night", "weekday", "2025-05-08")]),
    ("Thursday's talks lasted five hours.", [("Thursday", "weekday", "2025-05-08")]),
    ("The decision came late on Sunday.", [("late on Sunday", "weekday", "2025-05-11")]),
    (
        "The blast happened at 9 a.m. (0600 GMT) on Saturday.",
        [("9 a.m. (0600 GMT) on Saturday", "weekday", "2025-05-10")],
    ),
    (
        "The foreign ministers spoke by telephone yesterday.",
        [("yesterday", "relative", "2025-05-12")],
    ),
    ("The president addresses parliament today.", [("today", "relative", "2025-05-13")]),
    ("Voting ends tomorrow.", [("tomorrow", "relative", "2025-05-14")]),
    (
        "Yesterday morning the convoy crossed the border.",
        [("Yesterday morning", "relative", "2025-05-12")],
    ),
    ("Sirens sounded in Kyiv last night.", [("last night", "relative", "2025-05-12")]),
    ("Envoys met in Istanbul last week.", [("last week", "relative", "2025-05-05/2025-05-11")]),
    (
        "A new round of talks is expected next week.",
        [("next week", "relative", "2025-05-19/2025-05-25")],
    ),
    ("Shelling intensified this week.", [("this week", "relative", "2025-05-12/2025-05-18")]),
    (
        "Three people were killed over the weekend.",
        [("the weekend", "relative", "2025-05-10/2025-05-11")],
    ),
    ("The ship sank three days ago.", [("three days ago", "relative", "2025-05-10")]),
    (
        "The truce collapsed two weeks ago.",
        [("two weeks ago", "relative", "2025-04-28/2025-05-04")],
    ),
    (
        "Casualties rose over the past two weeks.",
        [("the past two weeks", "relative", "2025-04-29/2025-05-13")],
    ),
    (
        "The leaders agreed to meet again at the end of next week.",
        [("the end of next week", "relative", "2025-05-19/2025-05-25")],
    ),
    ("The election was held this past Sunday.", [("this past Sunday", "weekday", "2025-05-11")]),
    (
        "The talks collapsed on Thursday last week.",
        [("Thursday last week", "weekday", "2025-05-08")],
    ),
    (
        "Missiles hit Odesa early Monday morning.",
        [("early Monday morning", "weekday", "2025-05-12")],
    ),
    (
        "The hostages were freed the day before yesterday.",
        [("the day before yesterday", "relative", "2025-05-11")],
    ),
    ("The president will address the nation tonight.", [("tonight", "relative", "2025-05-13")]),
    (
        "The bridge was damaged a couple of weeks ago.",
        [("a couple of weeks ago", "relative", "2025-04-28/2025-05-04")],
    ),
    (
        "Prices rose 3% over the past week.",
        [("the past week", "relative", "2025-05-06/2025-05-13")],
    ),
    ("The vessel was seized 10 days ago.", [("10 days ago", "relative", "2025-05-03")]),
    # No weekday ranges: each day is resolved on its own.
    (
        "Strikes continued from Monday to Wednesday.",
        [("Monday", "weekday", "2025-05-12"), ("Wednesday", "weekday", "2025-05-07")],
    ),
]

# --------------------------------------------------------------------------- traps

TRAPS: list[str] = [
    "Xi may visit Moscow later in the summit season.",
    "Washington may seek a lower level of representation.",
    "It may be that the talks resume.",
    "May God protect our soldiers, the bishop said.",
    "The parade marks the 80th anniversary of the victory.",
    "It was the bloodiest war of the 20th century.",
    "Kazan hosted its 16th summit.",
    "Ministers signed 20 agreements.",
    "The air show featured 76 aircraft and 15 ships.",
    "Trade reached $245 billion.",
    "Thousands of soldiers march through the city.",
    "The march on Red Square was cancelled.",
    "Veterans will March past the tomb.",
    "The G20 said it would act.",
    "Covid-19 cases fell.",
    "The council adopted Resolution 2774 unanimously.",
    "The council adopted Resolution 2022 unanimously.",
    "Attendance reached 2,025 delegates.",
    "The pipeline is 2025 km long.",
    "Support rose to 2025% of the target.",
    "Call the embassy on +7 495 2025 1234.",
    "Upgrade to version 2.2025.1 now.",
    "Prime Minister Theresa May said the deal was dead.",
    "The Good Friday Agreement ended decades of conflict.",
    "Russia Today reported the strike.",
    "The Sun reported the story first.",
    "Flight 2025 landed safely.",
    "The court ruled on 09/05/2025.",  # numeric dates are ambiguous (day-month order)
    "Rebels seized the town the next day.",  # relative to the event, not the anchor
    "Napoleon entered Moscow in 1812.",  # years are 1900-2099
    "The fall of Kabul shocked Washington.",
    "Black Friday sales were weak.",
    "Since then, talks have stalled.",
    "The last week of campaigning was tense.",
    "Applicants pay a $2025 fee under Decree No. 2025.",
    "The 2024-2022 comparison is misleading.",  # a range cannot run backwards
    "Aid deliveries have slowed over the past few days.",  # no count, no window
]

# --------------------------------------------------------------------------- times of day

TIMES: list[tuple[str, Expected]] = [
    # A clock time alone says when in a day, not which day.
    ("The sirens sounded at 15:30.", [("15:30", "time", None)]),
    ("The curfew starts at midnight.", [("midnight", "time", None)]),
    # A clock time that looks like a year is not a year.
    ("Voting closes at 2000 GMT.", [("2000 GMT", "time", None)]),
]


def _cases(group: list[tuple[str, Expected]]) -> list[Any]:
    return [pytest.param(text, expected, id=text[:60]) for text, expected in group]


@pytest.mark.parametrize(
    ("text", "expected"),
    _cases(ABSOLUTE) + _cases(RANGES) + _cases(MONTHS_YEARS) + _cases(OPEN)
    + _cases(RELATIVE) + _cases(TIMES),
)  # fmt: skip
def test_tags_and_resolves(tagger: TimeTagger, text: str, expected: Expected) -> None:
    assert found(tagger.tag(text, ANCHOR)) == expected


@pytest.mark.parametrize("text", [pytest.param(t, id=t[:60]) for t in TRAPS])
def test_traps_are_not_dated(tagger: TimeTagger, text: str) -> None:
    assert tagger.tag(text, ANCHOR) == []


# --------------------------------------------------------------------------- other anchors

OTHER_ANCHORS: list[tuple[str, date, Expected]] = [
    # Early January: "December 28" is days ago, not next December.
    ("Talks broke down on December 28.", date(2025, 1, 5), [("December 28", "date", "2024-12-28")]),
    (
        "Parliament approved the budget in December.",
        date(2025, 1, 5),
        [("December", "month", "2024-12")],
    ),
    # The anchor's own weekday is the anchor; next week's is seven days on.
    ("The ministers met on Friday.", date(2025, 5, 16), [("Friday", "weekday", "2025-05-16")]),
    ("They meet again next Friday.", date(2025, 5, 16), [("next Friday", "weekday", "2025-05-23")]),
    (
        "Heating bills soared this winter.",
        date(2025, 1, 20),
        [("this winter", "relative", "2024-12/2025-02")],
    ),
    (
        "Protests spread over the weekend.",
        date(2025, 5, 17),
        [("the weekend", "relative", "2025-05-17/2025-05-18")],
    ),
    (
        "Parliament sat last weekend.",
        date(2025, 5, 18),
        [("last weekend", "relative", "2025-05-10/2025-05-11")],
    ),
    ("The debt was repaid in January.", date(2025, 11, 20), [("January", "month", "2026-01")]),
]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [pytest.param(t, a, e, id=f"{a}: {t[:50]}") for t, a, e in OTHER_ANCHORS],
)
def test_resolution_follows_the_anchor(
    tagger: TimeTagger, text: str, anchor: date, expected: Expected
) -> None:
    assert found(tagger.tag(text, anchor)) == expected


# --------------------------------------------------------------------------- no anchor

NO_ANCHOR: list[tuple[str, Expected]] = [
    ("The foreign ministers spoke yesterday.", [("yesterday", "relative", None)]),
    ("Xi landed in Moscow on Thursday.", [("Thursday", "weekday", None)]),
    ("Envoys met in Istanbul last week.", [("last week", "relative", None)]),
    ("The border has been closed since Monday.", [("since Monday", "open", None)]),
    ("The statement was signed on May 9, 2025.", [("May 9, 2025", "date", "2025-05-09")]),
    ("Sanctions have been in place since 2022.", [("since 2022", "open", "2022/..")]),
    (
        "The operation lasted from March 2022 to June 2023.",
        [("from March 2022 to June 2023", "range", "2022-03/2023-06")],
    ),
    # No year anywhere: a day and month stay unresolved ...
    ("Leaders laid wreaths on 9 May.", [("9 May", "date", None)]),
    ("Elections were held in March.", [("March", "month", None)]),
    # ... unless an earlier explicit year gives one.
    (
        "The war began in 2022. On 9 May, troops paraded.",
        [("2022", "year", "2022"), ("9 May", "date", "2022-05-09")],
    ),
    (
        "In 2019 talks stalled; in March they resumed.",
        [("2019", "year", "2019"), ("March", "month", "2019-03")],
    ),
    (
        "The summit of June 2023 ended badly. From 7 to 10 May the sides met again.",
        [("June 2023", "month", "2023-06"), ("From 7 to 10 May", "range", "2023-05-07/2023-05-10")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), _cases(NO_ANCHOR))
def test_without_anchor_only_absolute_expressions_resolve(
    tagger: TimeTagger, text: str, expected: Expected
) -> None:
    assert found(tagger.tag(text, None)) == expected


def test_an_explicit_year_does_not_override_a_known_anchor(tagger: TimeTagger) -> None:
    mentions = tagger.tag("The war began in 2022. On 9 May, troops paraded.", ANCHOR)
    assert found(mentions)[1] == ("9 May", "date", "2025-05-09")


def test_a_datetime_anchor_is_used_as_its_date(tagger: TimeTagger) -> None:
    mentions = tagger.tag("The talks ended yesterday.", datetime(2025, 5, 13, 23, 59))
    assert found(mentions) == [("yesterday", "relative", "2025-05-12")]


# --------------------------------------------------------------------------- whole articles


def test_wire_story(tagger: TimeTagger) -> None:
    text = (REPO / "examples" / "wire_xi_moscow_2025-05-08.txt").read_text("utf-8")
    mentions = tagger.tag(text, date(2025, 5, 8))
    # A bare weekday is read as past (the news convention): "On Friday the Chinese leader
    # will attend" comes out as last Friday; telling tense apart is the caller's business.
    assert found(mentions) == [
        ("May 8, 2025", "date", "2025-05-08"),
        ("Thursday", "weekday", "2025-05-08"),
        ("last year", "relative", "2024"),
        ("2025", "year", "2025"),
        ("Wednesday", "weekday", "2025-05-07"),
        ("Friday", "weekday", "2025-05-02"),
        ("from May 8 to May 10", "range", "2025-05-08/2025-05-10"),
        ("Saturday", "weekday", "2025-05-03"),
        ("later this year", "relative", "2025"),
    ]


def test_mentions_are_ordered_non_overlapping_and_match_their_offsets(
    tagger: TimeTagger,
) -> None:
    spec = importlib.util.spec_from_file_location("timex_speed", REPO / "benchmarks/timex_speed.py")
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    text = benchmark.article(5000)
    mentions = tagger.tag(text, ANCHOR)
    assert len(mentions) > 100
    for before, after in itertools.pairwise(mentions):
        assert before.end <= after.start
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.kind in KINDS
    assert tagger.tag(text, ANCHOR) == mentions  # no state leaks between calls


def test_default_is_built_once() -> None:
    assert TimeTagger.default() is TimeTagger.default()


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("value", "start", "end", "first", "last"),
    [
        ("2025-05-09", "2025-05-09", "2025-05-09", date(2025, 5, 9), date(2025, 5, 9)),
        ("2025-05", "2025-05", "2025-05", date(2025, 5, 1), date(2025, 5, 31)),
        ("2024-02", "2024-02", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2022", "2022", "2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("2025-05-07/2025-05-10", "2025-05-07", "2025-05-10", date(2025, 5, 7),
         date(2025, 5, 10)),
        ("2022/..", "2022", None, date(2022, 1, 1), None),
        ("../2030", None, "2030", None, date(2030, 12, 31)),
    ],
)  # fmt: skip
def test_time_value_round_trip(
    value: str, start: str | None, end: str | None, first: date | None, last: date | None
) -> None:
    parsed = TimeValue.parse(value)
    assert (parsed.start, parsed.end) == (start, end)
    assert parsed.iso() == value
    assert parsed.bounds() == (first, last)


@pytest.mark.parametrize("value", ["", "May 2025", "2025-5-9", "2025-13", "../..", "2025-02-30"])
def test_bad_iso_values_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        TimeValue.parse(value)


def test_parse_iso_gives_first_and_last_day() -> None:
    assert parse_iso("2025-02") == (date(2025, 2, 1), date(2025, 2, 28))


# --------------------------------------------------------------------------- data file


def test_bad_vocabulary_file_raises_e301(tmp_path: Path) -> None:
    shipped = (REPO / "src" / "tacitus" / "nlp" / "data" / "timex.yaml").read_text("utf-8")
    broken = tmp_path / "timex.yaml"
    broken.write_text(shipped.replace("  - [May]\n", ""), "utf-8")  # 11 months
    with pytest.raises(ConfigError, match=r"\[E301\].*'months'"):
        TimeTagger.from_file(broken)


def test_yaml_booleans_are_refused_as_words(tmp_path: Path) -> None:
    shipped = (REPO / "src" / "tacitus" / "nlp" / "data" / "timex.yaml").read_text("utf-8")
    broken = tmp_path / "timex.yaml"
    broken.write_text(shipped.replace("allowed_before: ['On',", "allowed_before: [On,"), "utf-8")
    with pytest.raises(ConfigError, match="allowed_before"):
        TimeTagger.from_file(broken)


def test_vocabulary_is_data(tmp_path: Path) -> None:
    shipped = (REPO / "src" / "tacitus" / "nlp" / "data" / "timex.yaml").read_text("utf-8")
    custom = tmp_path / "timex.yaml"
    custom.write_text(shipped.replace("  yesterday: -1\n", "  yesterday: -1\n  yday: -1\n"))
    mentions = TimeTagger.from_file(custom).tag("Shelling resumed yday.", ANCHOR)
    assert found(mentions) == [("yday", "relative", "2025-05-12")]
