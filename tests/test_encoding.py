"""Decoding and repair: legacy encodings, mojibake, the lost Windows-1257 punctuation."""

from __future__ import annotations

import pytest

from tacitus.errors import BinaryContent, EmptyDocument
from tacitus.ingest.encoding import decode, looks_binary, normalise, repair_lost_cp1257


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("Talks in Genève resumed.".encode(), "utf-8", "Talks in Genève resumed."),
        ("\ufeffBOM first".encode(), "utf-8", "BOM first"),
        ("Minister’s visit".encode("utf-16"), "utf-16", "Minister’s visit"),
    ],
)
def test_decode_known_encodings(data: bytes, encoding: str, text: str) -> None:
    decoded = decode(data, "x.txt")
    assert decoded.encoding == encoding
    assert decoded.text == text


def test_decode_legacy_encoding_is_detected_and_flagged() -> None:
    text = "Le ministre a déclaré à la presse que la réunion était très importante. " * 5
    decoded = decode(text.encode("cp1252"), "x.txt")
    assert "déclaré" in decoded.text
    assert decoded.flags and decoded.flags[0].startswith("encoding:")


def test_decode_a_few_bad_bytes_in_utf8_are_replaced_not_misread() -> None:
    data = "The talks in Zürich — held on Monday — ended.".encode() + b"\xff" + b" More text."
    decoded = decode(data, "x.txt")
    assert decoded.encoding == "utf-8"
    assert "Zürich — held" in decoded.text
    assert decoded.flags == ("invalid_utf8_replaced",)


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_decode_empty(data: bytes) -> None:
    with pytest.raises(EmptyDocument, match=r"^\[E103\] a.txt: empty document"):
        decode(data, "a.txt")


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), bytes(range(256)) * 4],
)
def test_binary_detected(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(BinaryContent, match=r"^\[E104\]"):
        decode(data, "b.txt")


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Xi Jinpingâ€™s visit", "Xi Jinping’s visit"),
        ("the bloc â€” comprising", "the bloc — comprising"),
        ("CafÃ© talks", "Café talks"),
        ("line one\r\nline two\r", "line one\nline two\n"),
        ("non\u00a0breaking\u2009spaces", "non breaking spaces"),
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_normalise_repairs_mojibake_and_spaces(broken: str, fixed: str) -> None:
    assert normalise(broken)[0] == fixed


def test_normalise_keeps_curly_quotes() -> None:
    text = "“We agreed,” the minister’s aide said."
    assert normalise(text) == (text, ())


ENGLISH = "The talks in the capital ended and the ministers said that the visit is over. "


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Donald Trumpās return", "Donald Trump’s return"),
        ("Chinaās assertiveness", "China’s assertiveness"),
        ("they donāt agree", "they don’t agree"),
        ("The BRICS blocācomprising Brazil", "The BRICS bloc—comprising Brazil"),
        ("South Africaāhas become", "South Africa—has become"),
    ],
)
def test_lost_cp1257_punctuation(broken: str, fixed: str) -> None:
    text, n = repair_lost_cp1257(ENGLISH + broken + " and Putinās war.")
    assert fixed in text
    assert n >= 2


@pytest.mark.parametrize(
    "text",
    [
        # Real words with ā stay: a single letter before it, or no English possessive evidence.
        ENGLISH + "Māori leaders met the minister. The Kārlis prize and Jānis Bērziņš.",
        "Rīgā un Tallinā notika sanāksme, kurā piedalījās ministri no trim valstīm.",
    ],
)
def test_lost_cp1257_leaves_real_words(text: str) -> None:
    assert repair_lost_cp1257(text) == (text, 0)
