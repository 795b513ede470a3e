"""`extract_paths` and the `extract` / `events` commands: names, formats, idempotence, filters.

The corpus is four short dated articles written for these tests (in tmp_path):

    match.txt     Xi will visit Moscow on May 20        CONSULT CHN->RUS planned  2025-05-20
    asserted.txt  Wang Yi visited Islamabad on Monday   CONSULT CHN->PAK asserted 2025-05-12
    early.txt     Xi will visit Kazakhstan on March 20  CONSULT CHN->KAZ planned  2025-03-20
    other.txt     Modi will visit Moscow on May 25      CONSULT IND->RUS planned  2025-05-25
                  China will impose tariffs on Japan    SANCTION CHN->JPN planned 2025-06-01

so `events --actor CHN --type CONSULT --since 2025-05-01 --factuality planned` must return the
event of match.txt alone: each other event fails exactly one of the four conditions.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import tacitus.extract
from tacitus import FORMATS, Analyzer, Store, events_for, extract_paths
from tacitus.cli import app
from tacitus.export import CSV_COLUMNS, GDELT_COLUMNS

ARTICLES = {
    "match.txt": (
        "Xi to visit Moscow\n10 May 2025\n\n"
        "Chinese President Xi Jinping will visit Moscow on May 20.\n"
    ),
    "asserted.txt": (
        "Wang Yi in Islamabad\n12 May 2025\n\n"
        "Chinese Foreign Minister Wang Yi visited Islamabad on Monday.\n"
    ),
    "early.txt": (
        "Xi to visit Astana\n1 March 2025\n\n"
        "Chinese President Xi Jinping will visit Kazakhstan on March 20.\n"
    ),
    "other.txt": (
        "Modi to visit Moscow\n10 May 2025\n\n"
        "Indian Prime Minister Narendra Modi will visit Moscow on May 25. "
        "China will impose tariffs on Japan on June 1.\n"
    ),
}
SUMMARY = re.compile(
    r"^(\d+) stored, (\d+) duplicates, (\d+) skipped; (\d+) analysed, (\d+) already analysed; "
    r"(\d+) events$"
)


@pytest.fixture(scope="module")
def shared_analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(autouse=True)
def one_analyzer(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, shared_analyzer: Analyzer
) -> None:
    """The CLI builds an Analyzer per run (about 1.5 s); reuse one unless a test asks for
    `real_analyzer`."""
    if "real_analyzer" not in request.fixturenames:
        monkeypatch.setattr(tacitus.extract, "Analyzer", lambda: shared_analyzer)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tacitus.db'}"


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, list(args), env={"COLUMNS": "1000"})


def summary(result: Result) -> tuple[int, ...]:
    line = result.stderr.strip().splitlines()[-1]
    found = SUMMARY.match(line)
    assert found, result.stderr
    return tuple(int(n) for n in found.groups())


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def codes(refs: list[dict[str, Any]]) -> set[str]:
    return {r["code"] for r in refs}


def brief(record: dict[str, Any]) -> tuple[Any, ...]:
    return (
        record["doc"],
        record["type"],
        tuple(sorted(codes(record["actor"]))),
        tuple(sorted(codes(record["recipient"]))),
        record["factuality"],
        record["date"]["start"] if record["date"] else None,
    )


EXPECTED = {
    ("match.txt", "CONSULT", ("CHN",), ("RUS",), "planned", "2025-05-20"),
    ("asserted.txt", "CONSULT", ("CHN",), ("PAK",), "asserted", "2025-05-12"),
    ("early.txt", "CONSULT", ("CHN",), ("KAZ",), "planned", "2025-03-20"),
    ("other.txt", "CONSULT", ("IND",), ("RUS",), "planned", "2025-05-25"),
    ("other.txt", "SANCTION", ("CHN",), ("JPN",), "planned", "2025-06-01"),
}


# ------------------------------------------------------------------ extract


def test_extract_writes_jsonl_named_by_file(
    runner: CliRunner, corpus: Path, db: str, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    result = invoke(runner, "extract", str(corpus), "--db", db, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    records = read_jsonl(out)
    assert {brief(r) for r in records} == EXPECTED
    assert {r["doc"] for r in records} == set(ARTICLES)
    assert summary(result) == (4, 0, 0, 4, 0, len(records))
    assert result.stdout == ""  # with -o, the events go to the file only


def test_extract_to_stdout(runner: CliRunner, corpus: Path, db: str) -> None:
    result = invoke(runner, "extract", str(corpus), "--db", db)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {brief(r) for r in records} == EXPECTED


def test_evidence_points_into_the_stored_text(
    runner: CliRunner, corpus: Path, db: str, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    assert invoke(runner, "extract", str(corpus), "--db", db, "-o", str(out)).exit_code == 0
    with Store(db) as store:
        texts = {d.name: store.get(d.id).text for d in store.documents()}
    for record in read_jsonl(out):
        for evidence in record["evidence"]:
            text = texts[record["doc"]]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_jsonl_input_names_events_by_record_id(runner: CliRunner, db: str, tmp_path: Path) -> None:
    source = tmp_path / "feed.jsonl"
    rows = [
        {"id": "tass-0001", "published": "2025-05-10", "text": ARTICLES["match.txt"]},
        {"published": "2025-05-10", "text": ARTICLES["other.txt"]},
    ]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = invoke(runner, "extract", str(source), "--db", db, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    docs = {r["doc"] for r in read_jsonl(out)}
    assert docs == {"tass-0001", "feed.jsonl:2"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_parseable(
    runner: CliRunner, corpus: Path, db: str, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    result = invoke(runner, "extract", str(corpus), "--db", db, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    written = summary(result)[-1]
    text = out.read_text(encoding="utf-8")
    records: list[Any]
    if fmt == "jsonl":
        records = [json.loads(line) for line in text.splitlines()]
        assert {brief(r) for r in records} == EXPECTED
    elif fmt == "json":
        records = json.loads(text)
        assert isinstance(records, list)
        assert {brief(r) for r in records} == EXPECTED
    elif fmt == "plover":
        records = [json.loads(line) for line in text.splitlines()]
        assert all(r["event"] and r["cite_info"]["citation"] in ARTICLES for r in records)
    elif fmt == "csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        records = list(reader)
        assert reader.fieldnames == list(CSV_COLUMNS)
    else:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
        assert rows[0] == list(GDELT_COLUMNS)
        records = rows[1:]
        assert all(len(r) == len(GDELT_COLUMNS) for r in records)
    assert len(records) == written == len(EXPECTED)


def test_extract_again_is_idempotent(
    runner: CliRunner, corpus: Path, db: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    one = invoke(runner, "extract", str(corpus), "--db", db, "-o", str(first))
    two = invoke(runner, "extract", str(corpus), "--db", db, "-o", str(second))
    assert one.exit_code == 0, one.stderr
    assert two.exit_code == 0, two.stderr
    assert summary(one)[:5] == (4, 0, 0, 4, 0)
    assert summary(two)[:5] == (0, 4, 0, 0, 4)
    assert "0 analysed, 4 already analysed" in two.stderr
    assert read_jsonl(first) == read_jsonl(second)
    with Store(db) as store:
        assert len(store.events()) == len(EXPECTED)


def test_same_text_under_two_names(runner: CliRunner, db: str, tmp_path: Path) -> None:
    folder = tmp_path / "twins"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLES["match.txt"], encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLES["match.txt"], encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = invoke(runner, "extract", str(folder), "--db", db, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    records = read_jsonl(out)
    by_name: dict[str, list[dict[str, Any]]] = {"a.txt": [], "b.txt": []}
    for r in records:
        by_name[r["doc"]].append(r)
    assert by_name["a.txt"]
    strip = [{k: v for k, v in r.items() if k != "doc"} for r in by_name["a.txt"]]
    assert strip == [{k: v for k, v in r.items() if k != "doc"} for r in by_name["b.txt"]]
    assert summary(result)[:5] == (1, 1, 0, 1, 0)  # one document, analysed once


def test_extract_paths_api(corpus: Path, db: str, shared_analyzer: Analyzer) -> None:
    with Store(db) as store:
        report = extract_paths([str(corpus)], store, shared_analyzer)
        assert (report.analysed, report.reused) == (4, 0)
        events = list(events_for(store, report.items))
        again = extract_paths([str(corpus)], store, shared_analyzer)
        assert (again.analysed, again.reused) == (0, 4)
        assert list(events_for(store, again.items)) == events
    assert {e.doc for e in events} == set(ARTICLES)
    assert {
        (e.doc, e.type, tuple(sorted(a.code for a in e.actor)), e.factuality) for e in events
    } == {(doc, t, a, f) for doc, t, a, _r, f, _d in EXPECTED}


def test_extract_document_longer_than_one_chunk(runner: CliRunner, db: str, tmp_path: Path) -> None:
    filler = (
        "Farmers in the valley said the harvest had been better than expected, and local "
        "markets reported steady prices for grain and vegetables throughout the season. "
    ) * 4
    event = "Chinese President Xi Jinping visited Moscow on May 7 and held talks with Putin."
    folder = tmp_path / "long"
    folder.mkdir()
    body = "\n\n".join([event, *[filler] * 450, event])
    (folder / "long.txt").write_text(f"Xi in Moscow\n13 May 2025\n\n{body}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = invoke(runner, "extract", str(folder), "--db", db, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    records = read_jsonl(out)
    assert records
    assert len({r["id"] for r in records}) == len(records)


def test_jsonl_record_with_lone_surrogate(runner: CliRunner, db: str, tmp_path: Path) -> None:
    source = tmp_path / "feed.jsonl"
    line = json.dumps({"id": "s1", "published": "2025-05-13", "text": "x"})
    line = line.replace('"x"', '"Xi Jinping visited Moscow \\ud800 on May 7."')
    source.write_text(line + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = invoke(runner, "extract", str(source), "--db", db, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert [r["type"] for r in read_jsonl(out)] == ["CONSULT"]


# ------------------------------------------------------------------ events


@pytest.fixture
def filled(runner: CliRunner, corpus: Path, db: str, tmp_path: Path) -> str:
    result = invoke(runner, "extract", str(corpus), "--db", db, "-o", str(tmp_path / "x.jsonl"))
    assert result.exit_code == 0, result.stderr
    return db


def events_cli(runner: CliRunner, db: str, *options: str) -> list[dict[str, Any]]:
    result = invoke(runner, "events", "--db", db, *options)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.stderr.strip().splitlines()[-1] == f"{len(records)} events"
    return records


def test_events_filter_combination(runner: CliRunner, filled: str) -> None:
    options = ("--actor", "CHN", "--type", "CONSULT", "--since", "2025-05-01")
    found = events_cli(runner, filled, *options, "--factuality", "planned")
    assert [brief(r) for r in found] == [
        ("match.txt", "CONSULT", ("CHN",), ("RUS",), "planned", "2025-05-20")
    ]


@pytest.mark.parametrize(
    ("options", "docs"),
    [
        ((), {"match.txt", "asserted.txt", "early.txt", "other.txt"}),
        (("--actor", "CHN"), {"match.txt", "asserted.txt", "early.txt", "other.txt"}),
        (("--actor", "chn", "--type", "consult"), {"match.txt", "asserted.txt", "early.txt"}),
        (("--actor", "IND"), {"other.txt"}),
        (("--recipient", "RUS"), {"match.txt", "other.txt"}),
        (("--type", "SANCTION"), {"other.txt"}),
        (("--factuality", "asserted"), {"asserted.txt"}),
        (
            ("--since", "2025-05-01", "--until", "2025-05-31"),
            {"match.txt", "asserted.txt", "other.txt"},
        ),
        (("--until", "2025-04-30"), {"early.txt"}),
        (("--since", "2025-06-01"), {"other.txt"}),
    ],
)
def test_events_single_filters(
    runner: CliRunner, filled: str, options: tuple[str, ...], docs: set[str]
) -> None:
    assert {r["doc"] for r in events_cli(runner, filled, *options)} == docs


def test_events_limit(runner: CliRunner, filled: str) -> None:
    assert len(events_cli(runner, filled, "--limit", "2")) == 2


@pytest.mark.parametrize("value", ["2025-13-01", "yesterday", "05/01/2025", ""])
def test_events_bad_since_is_a_clear_error(runner: CliRunner, filled: str, value: str) -> None:
    result = invoke(runner, "events", "--db", filled, "--since", value)
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "--since" in message
    assert "YYYY-MM-DD" in message
    assert result.stdout == ""


def test_events_bad_until_is_a_clear_error(runner: CliRunner, filled: str) -> None:
    result = invoke(runner, "events", "--db", filled, "--until", "2025-02-30")
    assert result.exit_code == 2
    assert "--until" in " ".join(result.stderr.split())


def test_unknown_format(runner: CliRunner, corpus: Path, db: str, tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    for args in (
        ("extract", str(corpus), "--db", db, "--format", "xml", "-o", str(out)),
        ("events", "--db", db, "--format", "xml"),
    ):
        result = invoke(runner, *args)
        assert result.exit_code == 2, args
        assert "--format" in " ".join(result.stderr.split())
    assert not out.exists()


# ------------------------------------------------------------------ both backends


@pytest.fixture
def real_analyzer() -> None:
    """Requested by tests that let the CLI build its own Analyzer (see `one_analyzer`)."""


def test_extract_round_trip_on_each_backend(
    runner: CliRunner, corpus: Path, store_url: str, tmp_path: Path, real_analyzer: None
) -> None:
    """End to end with the real CLI (its own Analyzer), then read back through `events`."""
    out = tmp_path / "out.jsonl"
    result = invoke(runner, "extract", str(corpus), "--db", store_url, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    extracted = read_jsonl(out)
    assert {brief(r) for r in extracted} == EXPECTED
    stored = events_cli(runner, store_url)
    assert sorted(stored, key=lambda r: r["id"]) == sorted(extracted, key=lambda r: r["id"])
    found = events_cli(
        runner, store_url, "--actor", "CHN", "--type", "CONSULT", "--since", "2025-05-01",
        "--factuality", "planned",
    )  # fmt: skip
    assert [r["doc"] for r in found] == ["match.txt"]
    again = invoke(runner, "extract", str(corpus), "--db", store_url, "-o", str(out))
    assert summary(again)[:5] == (0, 4, 0, 0, 4)
    assert read_jsonl(out) == extracted
