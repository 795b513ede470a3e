"""`tacitus brief` and `tacitus stories`: the whole job from files to the briefing, over the seeds,
the bundled examples and bad corpora (one document, no events, no dates, broken files)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tacitus import Store
from tacitus.atomic import atomic_text, write_text
from tacitus.brief import BRIEF_FILES, brief_paths, stories_stale
from tacitus.cli import app

REPO_ROOT = Path(__file__).resolve().parent.parent

# Written for these tests: two outlets report one meeting; a third article has no events.
MEETING_A = """\
Ministers meet in Vienna
March 3, 2026

The foreign ministers of Austria and Hungary met in Vienna on Monday to discuss border controls.
"""
MEETING_B = """\
Austria hosts Hungarian minister
March 4, 2026

Austria's foreign minister hosted his Hungarian counterpart in Vienna on Monday for talks on
border controls, the ministry said.
"""
NO_EVENTS = "The weather in the capital was mild for the season, with light winds and sun.\n"
UNDATED = "Kenya and Uganda signed an agreement on railway links, officials said.\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "1000"})


@pytest.fixture(scope="module")
def seeds_brief(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("seeds-brief")
    db = f"sqlite:///{root / 'seeds.db'}"
    result = invoke("brief", str(seeds_dir), "--db", db, "-o", str(root / "out"), "-q")
    assert result.exit_code == 0, result.output
    return root / "out", db


def test_brief_writes_every_file(seeds_brief: tuple[Path, str]) -> None:
    out, _ = seeds_brief
    assert sorted(p.name for p in out.iterdir()) == sorted(BRIEF_FILES)


def test_seeds_visit_is_one_fused_event_from_three_documents(seeds_brief: tuple[Path, str]) -> None:
    out, _ = seeds_brief
    data = json.loads((out / "stories.json").read_text())
    visits = [
        e
        for s in data["stories"]
        for e in s["events"]
        if e["type"] == "CONSULT"
        and e["mode"] == "visit"
        and {"CHN", "RUS"} <= {*e["actor"], *e["recipient"]}
    ]
    best = max(visits, key=lambda e: e["documents"])
    assert best["documents"] == 3
    assert best["trajectory_text"].startswith("possible (002")
    assert [s["factuality"] for s in best["trajectory"]] == ["possible", "planned", "asserted"]
    dates = next(c for c in best["contradictions"] if c["attribute"] == "date")
    assert dates["relation"] == "contradiction"


def test_brief_events_file_names_the_inputs(seeds_brief: tuple[Path, str], seeds_dir: Path) -> None:
    out, _ = seeds_brief
    names = {json.loads(line)["doc"] for line in (out / "events.jsonl").read_text().splitlines()}
    assert names == {p.name for p in seeds_dir.iterdir() if p.suffix == ".txt"}


def test_brief_rerun_is_identical(seeds_brief: tuple[Path, str], seeds_dir: Path) -> None:
    out, db = seeds_brief
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = invoke("brief", str(seeds_dir), "--db", db, "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    assert "0 analysed, 3 already analysed" in result.output
    assert " 0 events" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_stories_lists_the_stored_stories(seeds_brief: tuple[Path, str]) -> None:
    _, db = seeds_brief
    result = invoke("stories", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Xi Jinping’s Visit to Russia" in result.output
    assert "1 story" in result.output
    as_json = invoke("stories", "--db", db, "--json")
    data = json.loads(as_json.stdout)
    assert len(data["stories"]) == 1
    assert data["stories"][0]["events"][0]["documents"] == 3


def test_stories_on_an_empty_store_is_an_empty_list(tmp_path: Path) -> None:
    result = invoke("stories", "--db", f"sqlite:///{tmp_path / 'empty.db'}", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stories"] == []


def test_stories_fuses_again_when_the_store_changed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(MEETING_A)
    (tmp_path / "b.txt").write_text(MEETING_B)
    db = f"sqlite:///{tmp_path / 't.db'}"
    assert (
        invoke(
            "brief", str(tmp_path / "a.txt"), "--db", db, "-o", str(tmp_path / "o"), "-q"
        ).exit_code
        == 0
    )
    assert (
        invoke(
            "extract", str(tmp_path / "b.txt"), "--db", db, "-q", "-o", str(tmp_path / "e")
        ).exit_code
        == 0
    )
    with Store(db) as store:
        assert stories_stale(store)
    result = invoke("stories", "--db", db, "--json")
    assert "fused 2 documents into" in result.output
    with Store(db) as store:
        assert not stories_stale(store)


def test_two_outlets_on_one_meeting_make_one_story(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(MEETING_A)
    (folder / "b.txt").write_text(MEETING_B)
    with Store(f"sqlite:///{tmp_path / 't.db'}") as store:
        report = brief_paths([str(folder)], store, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "stories.json").read_text())
    assert report.stories == len(data["stories"]) == 1
    assert data["stories"][0]["independent_sources"] == 2


@pytest.mark.parametrize(
    ("files", "stories"),
    [
        ({"one.txt": MEETING_A}, 1),
        ({"calm.txt": NO_EVENTS}, 1),
        ({"undated.txt": UNDATED, "calm.txt": NO_EVENTS}, 2),
    ],
    ids=["one-document", "no-events", "no-dates"],
)
def test_small_corpora_still_give_a_briefing(
    tmp_path: Path, files: dict[str, str], stories: int
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    db = f"sqlite:///{tmp_path / 't.db'}"
    result = invoke("brief", str(folder), "--db", db, "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "stories.json").read_text())
    assert len(data["stories"]) == stories
    assert (tmp_path / "out" / "briefing.html").stat().st_size > 0
    assert "Tacitus briefing" in (tmp_path / "out" / "briefing.md").read_text()


def test_broken_files_are_skipped_and_the_rest_briefed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(MEETING_A)
    (folder / "broken.jsonl").write_text('{"text": "ok"\n')
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7")
    result = invoke(
        "brief", str(folder), "--db", f"sqlite:///{tmp_path / 't.db'}", "-o", str(tmp_path / "out")
    )
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output
    assert (tmp_path / "out" / "briefing.html").exists()


def test_nothing_readable_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    out = tmp_path / "out"
    result = invoke(
        "brief",
        str(tmp_path / "scan.pdf"),
        "--db",
        f"sqlite:///{tmp_path / 't.db'}",
        "-o",
        str(out),
    )
    assert result.exit_code == 1
    assert not out.exists()


def test_examples_briefing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(
        "brief",
        str(REPO_ROOT / "examples"),
        "--db",
        f"sqlite:///{tmp_path / 't.db'}",
        "-o",
        str(out),
        "-q",
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "stories.json").read_text())
    # the wire story and its copy are one independent source in one story
    wire = next(s for s in data["stories"] if "wire_xi_moscow_copy.txt" in s["documents"])
    assert "wire_xi_moscow_2025-05-08.txt" in wire["documents"]
    assert wire["outlets"] >= 1
    assert wire["independent_sources"] < len(wire["documents"])


def test_briefing_files_are_ordinary_files(seeds_brief: tuple[Path, str]) -> None:
    out, _ = seeds_brief
    umask = os.umask(0)
    os.umask(umask)
    assert {p.name: p.stat().st_mode & 0o777 for p in out.iterdir()} == dict.fromkeys(
        BRIEF_FILES, 0o666 & ~umask
    )


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = write_text(tmp_path / "stories.json", "old")
    with pytest.raises(RuntimeError), atomic_text(target) as stream:
        stream.write("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["stories.json"]
