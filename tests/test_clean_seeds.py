"""The three seed articles: real scraped text with mojibake, repeated titles and site chrome."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tacitus import Cleaner, Document, RawDocument
from tacitus.ingest.encoding import normalise

SEEDS = {
    "000": "000_fdd044de107bd1cf.txt",
    "001": "001_cbd984d05f6a2ded.txt",
    "002": "002_43a7806680cd8bf5.txt",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@pytest.fixture(scope="module")
def cleaned(seeds_dir: Path) -> dict[str, Document]:
    cleaner = Cleaner.default()
    return {
        key: cleaner.clean(
            RawDocument(name, str(seeds_dir / name), (seeds_dir / name).read_bytes())
        )
        for key, name in SEEDS.items()
    }


def body_sentences(path: Path) -> list[str]:
    """Sentences of the article body: prose lines (8+ words, ending like a sentence) of the
    repaired source, split into sentences. Headlines are checked separately."""
    text, _ = normalise(path.read_bytes().decode("utf-8"))
    lines = [
        ln.strip()
        for ln in text.splitlines()
        if len(ln.split()) >= 8 and ln.rstrip().endswith((".", "!", "?", '"', "”"))
    ]
    # The password-reset dialog is the one long line that is page chrome, not article prose.
    lines = [ln for ln in lines if not ln.startswith("Please enter your username")]
    return [s for ln in lines for s in _SENTENCE.split(ln)]


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_every_body_sentence_survives(
    key: str, cleaned: dict[str, Document], seeds_dir: Path
) -> None:
    sentences = body_sentences(seeds_dir / SEEDS[key])
    assert len(sentences) > 15
    missing = [s for s in sentences if s not in cleaned[key].text]
    assert missing == []


def test_seed_001_title_date_author_outlet(cleaned: dict[str, Document]) -> None:
    doc = cleaned["001"]
    assert doc.title == "Xi Jinping's 2025 Visit to Russia and China-Russia Relations"
    assert doc.published == dt.date(2025, 5, 13)
    assert doc.author == "Bornika Borah"
    assert doc.outlet == "NIICE"


def test_seed_001_repeated_title_and_chrome_removed(cleaned: dict[str, Document]) -> None:
    doc = cleaned["001"]
    assert doc.text.count("2025 Visit to Russia and China-Russia Relations") == 1
    lines = [ln.strip() for ln in doc.text.splitlines()]
    assert "Close" not in lines
    assert "NIICE" not in lines
    assert "Please enter your username" not in doc.text
    assert "13 May 2025, NIICE COmmentary 10917" not in doc.text
    assert doc.text.rstrip().endswith("Christ University, Bengaluru, India.")
    assert {"boilerplate_removed", "title_repeated"} <= set(doc.flags)


def test_seed_001_removed_lines_are_kept_with_offsets(
    cleaned: dict[str, Document], seeds_dir: Path
) -> None:
    doc = cleaned["001"]
    source, _ = normalise((seeds_dir / SEEDS["001"]).read_bytes().decode("utf-8"))
    reasons = [r.reason for r in doc.removed]
    assert reasons.count("repeated title") == 2
    assert reasons.count("ui") == 5
    assert "date line" in reasons and "byline" in reasons
    for span in doc.removed:
        assert source[span.start : span.end] == span.text


def test_seed_002_lost_cp1257_punctuation_repaired(cleaned: dict[str, Document]) -> None:
    doc = cleaned["002"]
    assert "ā" not in doc.text
    assert "Trump’s return to the White House" in doc.text
    assert (
        "The BRICS bloc—comprising Brazil, Russia, India, China, and South Africa—has" in doc.text
    )
    assert "cp1257_repaired" in doc.flags


@pytest.mark.parametrize("key", ["000", "002"])
def test_undated_seeds_have_no_guessed_date(key: str, cleaned: dict[str, Document]) -> None:
    # Both mention 2025 dates in prose ("from May 7 to 10, 2025", "on 9 May 2025"): those are
    # event dates, not publication dates.
    assert cleaned[key].published is None


def test_seed_000_keeps_title_and_curly_quotes(cleaned: dict[str, Document]) -> None:
    doc = cleaned["000"]
    assert doc.title == "Xi Jinping’s Visit to Russia"
    assert (
        "Chinese President Xi Jinping’s upcoming visit to Russia from May 7 to 10, 2025" in doc.text
    )
    assert doc.removed == ()


def test_seed_002_has_no_title_line(cleaned: dict[str, Document]) -> None:
    # Its first line is a full sentence of the article, not a headline.
    assert cleaned["002"].title is None
    assert cleaned["002"].text.startswith("Chinese President Xi Jinping may visit Moscow")


def test_cleaning_is_deterministic(cleaned: dict[str, Document], seeds_dir: Path) -> None:
    again = Cleaner.default().clean(
        RawDocument(SEEDS["001"], "elsewhere", (seeds_dir / SEEDS["001"]).read_bytes())
    )
    assert again.id == cleaned["001"].id
    assert again.fingerprint == cleaned["001"].fingerprint
