"""The `tacitus` command: ingest summary and exit codes, docs, show, stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tacitus import __version__
from tacitus.cli import app

ARTICLE = """\
Ministers agree on ceasefire talks
May 13, 2025

The foreign ministers met in Geneva on Monday to discuss the ceasefire and the withdrawal of \
troops from the border region, officials said.

A second round of talks is planned for the end of the month in Vienna."""

OTHER = "Aid convoys reached the northern towns on Tuesday after the roads were cleared."


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def invoke(runner: CliRunner, *args: str, stdin: str | None = None) -> Result:
    # A wide terminal, so rich does not wrap long paths in messages.
    return runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "1000"})


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "geneva.txt").write_text(ARTICLE)
    (folder / "aid.md").write_text(OTHER)
    (folder / "empty.txt").write_text("")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7")
    return folder


def test_ingest_prints_summary_and_exits_0(runner: CliRunner, db: str, inputs: Path) -> None:
    result = invoke(runner, "ingest", str(inputs), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1] == "2 stored, 0 duplicates, 2 skipped (1 empty, 1 unsupported type)"
    assert f"skipped [E103] {inputs / 'empty.txt'}: empty document (no text after cleaning)" in (
        lines
    )
    assert any(line.startswith(f"skipped [E102] {inputs / 'scan.pdf'}: ") for line in lines)

    again = invoke(runner, "ingest", str(inputs), "--db", db, "--quiet")
    assert again.exit_code == 0
    assert again.stderr.splitlines() == [
        "0 stored, 2 duplicates, 2 skipped (1 empty, 1 unsupported type)"
    ]


@pytest.mark.parametrize(
    "case",
    ["missing-path", "only-empty-files", "missing-and-empty"],
)
def test_ingest_exits_1_when_nothing_could_be_read(
    runner: CliRunner, db: str, tmp_path: Path, case: str
) -> None:
    missing = str(tmp_path / "nowhere")
    empty = tmp_path / "empties"
    empty.mkdir()
    (empty / "a.txt").write_text("")
    (empty / "b.txt").write_text("   \n\n")
    args, summary = {
        "missing-path": ([missing], "0 stored, 0 duplicates, 1 skipped (1 not found)"),
        "only-empty-files": ([str(empty)], "0 stored, 0 duplicates, 2 skipped (2 empty)"),
        "missing-and-empty": (
            [missing, str(empty)],
            "0 stored, 0 duplicates, 3 skipped (2 empty, 1 not found)",
        ),
    }[case]
    result = invoke(runner, "ingest", *args, "--db", db)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1] == summary
    if missing in args:
        assert f"skipped [E101] {missing}: no such file or directory" in result.stderr


def test_ingest_of_only_duplicates_is_success(runner: CliRunner, db: str, inputs: Path) -> None:
    assert invoke(runner, "ingest", str(inputs / "aid.md"), "--db", db).exit_code == 0
    result = invoke(runner, "ingest", str(inputs / "aid.md"), "--db", db)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == "0 stored, 1 duplicates, 0 skipped"


def test_ingest_max_bytes_option(runner: CliRunner, db: str, inputs: Path) -> None:
    result = invoke(runner, "ingest", str(inputs / "geneva.txt"), "--db", db, "--max-bytes", "50")
    assert result.exit_code == 1
    assert "document too large" in result.stderr
    assert result.stderr.splitlines()[-1] == "0 stored, 0 duplicates, 1 skipped (1 too large)"


def test_bad_store_url_exits_2_with_e201(runner: CliRunner, inputs: Path) -> None:
    result = invoke(runner, "ingest", str(inputs), "--db", "nosuchdriver://x/y")
    assert result.exit_code == 2
    assert one_line(result.stderr).startswith("[E201] cannot open store nosuchdriver://x/y: ")


def test_docs_json_lists_documents(runner: CliRunner, db: str, inputs: Path) -> None:
    assert invoke(runner, "ingest", str(inputs), "--db", db).exit_code == 0
    result = invoke(runner, "docs", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert [d["name"] for d in listed] == ["geneva.txt", "aid.md"]  # dated first
    geneva, aid = listed
    assert geneva["title"] == "Ministers agree on ceasefire talks"
    assert geneva["published"] == "2025-05-13"
    assert (aid["title"], aid["published"]) == (None, None)
    assert "text" not in geneva and "fingerprint" not in geneva
    assert len(geneva["id"]) == 20


def test_docs_table(runner: CliRunner, db: str, inputs: Path) -> None:
    assert invoke(runner, "ingest", str(inputs), "--db", db).exit_code == 0
    result = invoke(runner, "docs", "--db", db)
    assert result.exit_code == 0
    assert "2 documents" in result.stdout
    assert "geneva.txt" in result.stdout
    assert "2025-05-13" in result.stdout


def test_docs_of_an_empty_store(runner: CliRunner, db: str) -> None:
    result = invoke(runner, "docs", "--db", db, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_show_prints_the_cleaned_text(runner: CliRunner, db: str, inputs: Path) -> None:
    assert invoke(runner, "ingest", str(inputs), "--db", db).exit_code == 0
    result = invoke(runner, "show", "geneva.txt", "--db", db, "--removed")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "The foreign ministers met in Geneva on Monday" in out
    assert "A second round of talks is planned for the end of the month in Vienna." in out
    assert "published: 2025-05-13" in out
    assert "title: Ministers agree on ceasefire talks" in out
    assert f"source: {inputs / 'geneva.txt'} (geneva.txt)" in out
    # metadata, a rule, the cleaned text exactly as stored, a rule, the removed lines
    lines = out.splitlines()
    rules = [i for i, line in enumerate(lines) if line.startswith("───")]
    assert len(rules) == 2
    stored = json.loads(invoke(runner, "show", "geneva.txt", "--db", db, "--json").stdout)
    assert "\n".join(lines[rules[0] + 1 : rules[1]]) == stored["text"]
    assert "May 13, 2025" not in stored["text"]
    assert lines[rules[1] + 1 :] == ["35-47 date line: 'May 13, 2025'"]


def test_show_json_by_id_prefix(runner: CliRunner, db: str, inputs: Path) -> None:
    assert invoke(runner, "ingest", str(inputs), "--db", db).exit_code == 0
    doc_id = next(
        d["id"]
        for d in json.loads(invoke(runner, "docs", "--db", db, "--json").stdout)
        if d["name"] == "aid.md"
    )
    result = invoke(runner, "show", doc_id[:8], "--db", db, "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown["text"] == OTHER
    assert shown["sources"] == [{"name": "aid.md", "source": str(inputs / "aid.md")}]


@pytest.mark.parametrize("key", ["no-such-doc", "0123456789"])
def test_show_unknown_exits_1_with_e203(runner: CliRunner, db: str, inputs: Path, key: str) -> None:
    assert invoke(runner, "ingest", str(inputs), "--db", db).exit_code == 0
    result = invoke(runner, "show", key, "--db", db)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"[E203] no document with id or name '{key}'"


def test_stdin_plain_text(runner: CliRunner, db: str) -> None:
    result = invoke(runner, "ingest", "-", "--db", db, stdin=ARTICLE)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "1 stored, 0 duplicates, 0 skipped"
    shown = json.loads(invoke(runner, "show", "stdin", "--db", db, "--json").stdout)
    assert shown["title"] == "Ministers agree on ceasefire talks"
    assert shown["sources"] == [{"name": "stdin", "source": "<stdin>"}]
    assert "withdrawal of troops" in shown["text"]


def test_stdin_json_lines(runner: CliRunner, db: str) -> None:
    records = [
        {"id": "wire-1", "text": OTHER, "title": "Convoys arrive", "published": "2025-05-14"},
        {"id": "wire-2", "text": "The parliament approved the budget late on Wednesday."},
        {"title": "no text here"},
    ]
    stdin = "\n".join(json.dumps(r) for r in records) + "\n"
    result = invoke(runner, "ingest", "-", "--db", db, stdin=stdin)
    assert result.exit_code == 0, result.output
    assert "skipped [E106] <stdin>:3: malformed record: no 'text' string" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "2 stored, 0 duplicates, 1 skipped (1 malformed record)"
    )
    listed = json.loads(invoke(runner, "docs", "--db", db, "--json").stdout)
    assert [(d["name"], d["title"], d["published"]) for d in listed] == [
        ("wire-1", "Convoys arrive", "2025-05-14"),
        ("wire-2", None, None),
    ]
    shown = json.loads(invoke(runner, "show", "wire-2", "--db", db, "--json").stdout)
    assert shown["sources"] == [{"name": "wire-2", "source": "<stdin>:2"}]


def test_empty_stdin_exits_1(runner: CliRunner, db: str) -> None:
    result = invoke(runner, "ingest", "-", "--db", db, stdin="")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "0 stored, 0 duplicates, 1 skipped (1 empty)"


def test_version_option(runner: CliRunner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout == f"tacitus {__version__}\n"


def test_console_script_version() -> None:
    script = Path(sys.executable).parent / "tacitus"
    if not script.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    done = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"tacitus {__version__}\n"


# ------------------------------------------------- markup and wrapping in messages


@pytest.mark.parametrize("name", ["notes [draft].txt", "notes[/i].txt"], ids=["tag", "close-tag"])
def test_skip_messages_with_brackets_are_printed_verbatim(
    runner: CliRunner, db: str, tmp_path: Path, name: str
) -> None:
    missing = str(tmp_path / name)
    result = invoke(runner, "ingest", missing, "--db", db)
    assert result.exit_code == 1
    assert f"skipped [E101] {missing}: no such file or directory" in result.stderr.splitlines()


def test_show_unknown_key_with_brackets_prints_e203(runner: CliRunner, db: str) -> None:
    result = invoke(runner, "show", "[/x]", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.strip() == "[E203] no document with id or name '[/x]'"


def test_show_prints_titles_with_brackets_verbatim(runner: CliRunner, db: str) -> None:
    record = {"id": "upd", "title": "[update] Talks resume", "text": OTHER}
    assert invoke(runner, "ingest", "-", "--db", db, stdin=json.dumps(record)).exit_code == 0
    result = invoke(runner, "show", "upd", "--db", db)
    assert result.exit_code == 0
    assert "title: [update] Talks resume" in result.stdout.splitlines()


def test_skip_messages_are_not_wrapped_when_piped(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "tacitus"
    if not script.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    missing = str(tmp_path / ("a-long-folder-name-" * 4) / "missing-article.txt")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    done = subprocess.run(
        [str(script), "ingest", missing, "--db", f"sqlite:///{tmp_path / 'w.db'}"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert done.returncode == 1
    assert f"skipped [E101] {missing}: no such file or directory" in done.stderr.splitlines()
