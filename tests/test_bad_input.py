"""Bad input never stops a run: each bad item is skipped with its coded reason, the rest stored.

Every test ingests the bad item together with good documents in the same run and checks both
that the good ones were stored and that the summary counts are right.
"""

from __future__ import annotations

import gzip
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tacitus import IngestReport, Store, ingest_paths
from tacitus.ingest import readers

# The list of suffixes grows with new readers; the message around it is the catalogue's.
SUPPORTED = ", ".join(readers.SUPPORTED)

GOOD = {
    "good1.txt": "The foreign ministers met in Geneva on Monday to discuss the ceasefire.",
    "good2.md": "Aid convoys reached the northern towns on Tuesday after the roads were cleared.",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        yield opened


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An input folder holding the two good documents."""
    path = tmp_path / "in"
    path.mkdir()
    for name, body in GOOD.items():
        (path / name).write_text(body, encoding="utf-8")
    return path


def ingest(store: Store, *paths: Path | str, max_bytes: int | None = None) -> IngestReport:
    return ingest_paths([str(p) for p in paths], store, max_bytes=max_bytes)


def assert_good_stored(store: Store, folder: Path) -> None:
    for name, body in GOOD.items():
        doc = store.get(name)
        assert doc.text == body
        assert store.sources(doc.id) == [(name, str(folder / name))]


def counts(report: IngestReport) -> tuple[int, int, int]:
    return len(report.stored), len(report.duplicates), len(report.skipped)


def only_skip(report: IngestReport) -> tuple[str, str, str]:
    assert len(report.skipped) == 1, report.skipped
    s = report.skipped[0]
    return s.source, s.reason, s.message


# ----------------------------------------------------------------------------- not text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8,
        b"The report begins as text\x00\x00\x00\x00 and then has NUL bytes\x00 in it.",
    ],
    ids=["png", "nul-bytes"],
)
def test_binary_file_is_skipped(store: Store, folder: Path, data: bytes) -> None:
    bad = folder / "image.txt"
    bad.write_bytes(data)
    report = ingest(store, folder)
    assert only_skip(report) == (str(bad), "binary", f"[E104] {bad}: binary content, not text")
    assert counts(report) == (2, 0, 1)
    assert report.summary() == "2 stored, 0 duplicates, 1 skipped (1 binary)"
    assert_good_stored(store, folder)


@pytest.mark.parametrize("data", [b"", b" \n\n\t  \r\n   \n"], ids=["empty", "whitespace"])
def test_empty_or_blank_file_is_skipped(store: Store, folder: Path, data: bytes) -> None:
    bad = folder / "blank.txt"
    bad.write_bytes(data)
    report = ingest(store, folder)
    assert only_skip(report) == (
        str(bad),
        "empty",
        f"[E103] {bad}: empty document (no text after cleaning)",
    )
    assert report.summary() == "2 stored, 0 duplicates, 1 skipped (1 empty)"
    assert_good_stored(store, folder)


def test_file_of_only_furniture_is_empty(store: Store, folder: Path) -> None:
    bad = folder / "chrome.txt"
    bad.write_text("Share\nClose\nSubscribe\nAll rights reserved.\n")
    report = ingest(store, folder)
    assert only_skip(report)[1:] == (
        "empty",
        f"[E103] {bad}: empty document (no text after cleaning)",
    )
    assert counts(report) == (2, 0, 1)
    assert_good_stored(store, folder)


@pytest.mark.parametrize(("name", "suffix"), [("report.pdf", ".pdf"), ("Brief.DOCX", ".docx")])
def test_unsupported_extension_is_skipped(
    store: Store, folder: Path, name: str, suffix: str
) -> None:
    bad = folder / name
    bad.write_bytes(b"%PDF-1.7 or a zip archive; never opened")
    report = ingest(store, folder)
    assert only_skip(report) == (
        str(bad),
        "unsupported type",
        f"[E102] {bad}: unsupported file type '{suffix}' (supported: {SUPPORTED})",
    )
    assert report.summary() == "2 stored, 0 duplicates, 1 skipped (1 unsupported type)"
    assert_good_stored(store, folder)


def test_file_without_suffix_is_skipped(store: Store, folder: Path) -> None:
    bad = folder / "README"
    bad.write_text("Plain words in a file without a suffix.")
    report = ingest(store, folder)
    assert only_skip(report)[2] == (
        f"[E102] {bad}: unsupported file type '(none)' (supported: {SUPPORTED})"
    )
    assert_good_stored(store, folder)


# ----------------------------------------------------------------------------- encodings

FRENCH = (
    "Le ministre a déclaré à la presse que la réunion au café de Genève était très importante "
    "et que les délégués, un peu naïfs, espéraient une trêve avant l'été."
)
ENGLISH = (
    "Diplomats met at a small café near the lake on Monday. The talks, described by one "
    "delegate as naïve, lasted six hours. Officials from both sides said they would return "
    "next week to continue the discussion about prisoner exchanges and the border crossings."
)


@pytest.mark.parametrize("body", [FRENCH, ENGLISH], ids=["french", "english"])
def test_latin1_file_is_decoded_and_flagged_not_skipped(
    store: Store, folder: Path, body: str
) -> None:
    path = folder / "latin1.txt"
    path.write_bytes(body.encode("latin-1"))
    report = ingest(store, folder)
    assert counts(report) == (3, 0, 0)
    doc = store.get("latin1.txt")
    assert doc.encoding != "utf-8"
    assert f"encoding:{doc.encoding}" in doc.flags
    assert "\ufffd" not in doc.text
    assert_good_stored(store, folder)


@pytest.mark.parametrize(
    "body",
    [
        FRENCH,
        ENGLISH,
    ],
    ids=["french", "english"],
)
def test_latin1_accents_are_decoded_correctly(store: Store, folder: Path, body: str) -> None:
    (folder / "latin1.txt").write_bytes(body.encode("latin-1"))
    ingest(store, folder)
    doc = store.get("latin1.txt")
    assert "café" in doc.text
    assert doc.text == body


UTF8_ARTICLE = (
    "The talks in Zürich — held on Monday — ended with a meeting at the café by the station. "
    "Naïve observers cheered, but the delegations from Genève and Malmö left without a deal. "
)


def _corrupt_first_e_acute(data: bytes) -> bytes:
    i = data.index("é".encode())
    return data[:i] + b"\xff" + data[i + 1 :]  # the lead byte of "é" is damaged


@pytest.mark.parametrize(
    "body",
    [
        UTF8_ARTICLE * 10,
        UTF8_ARTICLE,
    ],
    ids=["article", "short-text"],
)
def test_utf8_with_one_corrupted_byte_is_stored_and_flagged(
    store: Store, folder: Path, body: str
) -> None:
    (folder / "damaged.txt").write_bytes(_corrupt_first_e_acute(body.encode()))
    report = ingest(store, folder)
    assert report.skipped == []
    assert counts(report) == (3, 0, 0)
    doc = store.get("damaged.txt")
    assert doc.encoding == "utf-8"
    assert "invalid_utf8_replaced" in doc.flags
    assert "Zürich — held" in doc.text
    assert "\ufffd" in doc.text
    assert_good_stored(store, folder)


def test_utf8_with_a_dropped_continuation_byte_is_stored_and_flagged(
    store: Store, folder: Path
) -> None:
    data = UTF8_ARTICLE.encode()
    i = data.index("é".encode())
    (folder / "damaged.txt").write_bytes(data[: i + 1] + data[i + 2 :])
    report = ingest(store, folder)
    assert counts(report) == (3, 0, 0)
    doc = store.get("damaged.txt")
    assert doc.flags == ("invalid_utf8_replaced",)
    assert "caf\ufffd by the station" in doc.text
    assert_good_stored(store, folder)


# ----------------------------------------------------------------------------- JSON Lines


def _record(n: int, **extra: object) -> str:
    body = f"Record {n}: the delegates met on day {n} and agreed on point {n * 3} of the plan."
    return json.dumps({"id": f"rec-{n}", "text": body, **extra})


def test_malformed_json_line_in_the_middle(store: Store, folder: Path) -> None:
    path = folder / "batch.jsonl"
    path.write_text("\n".join([_record(1), '{"id": "rec-2", "text": "unterminated', _record(3)]))
    report = ingest(store, folder)
    source, reason, message = only_skip(report)
    assert (source, reason) == (f"{path}:2", "malformed record")
    assert message.startswith(f"[E106] {path}:2: malformed record: invalid JSON (")
    assert "E106" in message and ":2:" in message
    assert report.summary() == "4 stored, 0 duplicates, 1 skipped (1 malformed record)"
    assert [s[1] for s in store.sources(store.get("rec-1").id)] == [f"{path}:1"]
    assert [s[1] for s in store.sources(store.get("rec-3").id)] == [f"{path}:3"]
    assert_good_stored(store, folder)


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ('{"id": "rec-2", "body": "the text is under the wrong key"}', "no 'text' string"),
        ('{"id": "rec-2", "text": 42}', "no 'text' string"),
        ('["a", "list"]', "expected a JSON object"),
    ],
    ids=["no-text", "text-not-string", "not-an-object"],
)
def test_json_line_without_text(store: Store, folder: Path, line: str, detail: str) -> None:
    path = folder / "batch.jsonl"
    path.write_text(f"{_record(1)}\n{line}\n\n{_record(3)}\n")
    report = ingest(store, folder)
    assert only_skip(report) == (
        f"{path}:2",
        "malformed record",
        f"[E106] {path}:2: malformed record: {detail}",
    )
    assert counts(report) == (4, 0, 1)
    assert store.get("rec-1").text.startswith("Record 1:")
    assert store.get("rec-3").text.startswith("Record 3:")
    assert_good_stored(store, folder)


def test_jsonl_gz_is_read_with_metadata(store: Store, folder: Path) -> None:
    path = folder / "batch.jsonl.gz"
    lines = [
        _record(1, title="Delegates meet", published="2025-05-13", url="https://example.org/1"),
        _record(2, outlet="Example Wire"),
        json.dumps({"text": "A record with no id is named after the file and its line."}),
    ]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    report = ingest(store, folder)
    assert counts(report) == (5, 0, 0)
    first = store.get("rec-1")
    assert (first.title, first.published.isoformat() if first.published else None) == (
        "Delegates meet",
        "2025-05-13",
    )
    assert first.url == "https://example.org/1"
    assert store.get("rec-2").outlet == "Example Wire"
    assert store.get("batch.jsonl.gz:3").text.startswith("A record with no id")
    assert_good_stored(store, folder)


def test_truncated_jsonl_gz_is_skipped_clearly(store: Store, folder: Path) -> None:
    path = folder / "batch.jsonl.gz"
    full = gzip.compress("".join(_record(n) + "\n" for n in range(1, 201)).encode())
    path.write_bytes(full[: len(full) // 2])
    report = ingest(store, folder)
    source, reason, message = only_skip(report)
    assert (source, reason) == (str(path), "unreadable")
    assert message.startswith(f"[E108] {path}: cannot read: ")
    assert "end-of-stream" in message
    # the complete records before the damage are kept, nothing after it
    kept = len(report.stored) - len(GOOD)
    assert 0 < kept < 200
    assert report.summary() == f"{kept + 2} stored, 0 duplicates, 1 skipped (1 unreadable)"
    assert_good_stored(store, folder)


def test_gz_that_is_not_gzip_is_skipped(store: Store, folder: Path) -> None:
    path = folder / "batch.jsonl.gz"
    path.write_text(_record(1) + "\n")
    report = ingest(store, folder)
    assert only_skip(report)[:2] == (str(path), "unreadable")
    assert only_skip(report)[2].startswith(f"[E108] {path}: cannot read: ")
    assert counts(report) == (2, 0, 1)
    assert_good_stored(store, folder)


# ----------------------------------------------------------------------------- size


BIG = 20_000_000


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    sentence = (
        "The foreign ministers met in Geneva on Monday to discuss the ceasefire and the "
        "withdrawal of troops from the border region, officials said. "
    )
    path = tmp_path / "big" / "huge.txt"
    path.parent.mkdir()
    path.write_text((sentence * (BIG // len(sentence) + 1))[:BIG])
    assert path.stat().st_size == BIG
    return path


def test_huge_single_line_file_is_skipped_quickly(
    store: Store, folder: Path, big_file: Path
) -> None:
    started = time.perf_counter()
    report = ingest(store, folder, big_file)
    elapsed = time.perf_counter() - started
    assert only_skip(report) == (
        str(big_file),
        "too large",
        f"[E107] {big_file}: document too large (20,000,000 bytes > limit 10,000,000); "
        "raise it with --max-bytes",
    )
    assert report.summary() == "2 stored, 0 duplicates, 1 skipped (1 too large)"
    assert elapsed < 5, f"skipping a large file took {elapsed:.1f} s"
    assert_good_stored(store, folder)


def test_huge_file_is_ingested_when_the_limit_is_raised(
    store: Store, folder: Path, big_file: Path
) -> None:
    report = ingest(store, folder, big_file, max_bytes=25_000_000)
    assert counts(report) == (3, 0, 0)
    doc = store.get("huge.txt")
    source = big_file.read_text()
    assert doc.text == source
    assert doc.words == len(source.split())
    assert_good_stored(store, folder)


def test_oversized_jsonl_record_is_skipped(store: Store, folder: Path) -> None:
    path = folder / "batch.jsonl"
    path.write_text(f"{_record(1)}\n{_record(2)}\n")
    report = ingest(store, folder, max_bytes=len(_record(1)) - 10)
    # the small .txt/.md documents fit under this limit; both records do not
    skipped = {s.source: s.message for s in report.skipped}
    assert set(skipped) == {f"{path}:1", f"{path}:2"}
    assert skipped[f"{path}:1"].startswith(f"[E107] {path}:1: document too large (")
    assert counts(report) == (2, 0, 2)


# ----------------------------------------------------------------------------- many files


def test_folder_of_3000_small_files(store: Store, tmp_path: Path) -> None:
    rng = random.Random(20250513)
    vocabulary = [f"w{n}" for n in range(2000)]
    folder = tmp_path / "many"
    for n in range(3000):
        sub = folder / f"batch{n // 500}"
        sub.mkdir(parents=True, exist_ok=True)
        words = " ".join(rng.choice(vocabulary) for _ in range(30))
        (sub / f"doc{n:04d}.txt").write_text(f"Report {n}: {words}.\n")
    started = time.perf_counter()
    report = ingest(store, folder)
    elapsed = time.perf_counter() - started
    assert counts(report) == (3000, 0, 0)
    assert store.count() == 3000
    assert store.get("doc2999.txt").text.startswith("Report 2999: ")
    assert elapsed < 60, f"3,000 small files took {elapsed:.1f} s"


# ----------------------------------------------------------------------------- paths


def test_missing_path_is_reported_and_the_rest_stored(
    store: Store, folder: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "no" / "such.txt"
    report = ingest(store, missing, folder)
    assert only_skip(report) == (
        str(missing),
        "not found",
        f"[E101] {missing}: no such file or directory",
    )
    assert report.summary() == "2 stored, 0 duplicates, 1 skipped (1 not found)"
    assert_good_stored(store, folder)


def test_hidden_files_and_folders_are_ignored(store: Store, folder: Path) -> None:
    (folder / ".draft.txt").write_text("A hidden draft that must not be ingested at all.")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(100))
    hidden = folder / ".git" / "objects"
    hidden.mkdir(parents=True)
    (hidden / "notes.txt").write_text("Text inside a hidden folder is not an article.")
    visible = folder / "sub"
    visible.mkdir()
    (visible / "nested.txt").write_text("A nested visible file is an article and is stored.")
    report = ingest(store, folder)
    assert counts(report) == (3, 0, 0)
    assert report.summary() == "3 stored, 0 duplicates, 0 skipped"
    assert sorted(d.name for d in store.documents()) == ["good1.txt", "good2.md", "nested.txt"]
    assert_good_stored(store, folder)


def test_same_file_given_twice_is_a_duplicate(store: Store, folder: Path) -> None:
    report = ingest(store, folder, folder / "good1.txt")
    assert counts(report) == (2, 1, 0)
    assert report.summary() == "2 stored, 1 duplicates, 0 skipped"
    assert_good_stored(store, folder)


def test_mixed_run_summary_counts_every_reason(store: Store, folder: Path, tmp_path: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "also-empty.md").write_bytes(b"\n\n")
    (folder / "scan.pdf").write_bytes(b"%PDF")
    (folder / "bin.txt").write_bytes(bytes(300))
    report = ingest(store, folder, tmp_path / "missing.txt")
    assert report.summary() == (
        "2 stored, 0 duplicates, 5 skipped (1 binary, 2 empty, 1 not found, 1 unsupported type)"
    )
    assert report.read == 2
    assert_good_stored(store, folder)
