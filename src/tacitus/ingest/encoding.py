"""Bytes to clean Unicode: detect the encoding, repair mojibake, normalise characters.

Order matters: decode (UTF-8, else a detected legacy encoding), then ftfy for reversible
mojibake, then the one irreversible case ftfy cannot undo (see `repair_lost_cp1257`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

from tacitus.errors import BinaryContent, EmptyDocument, UndecodableText

# Quotes stay curly: evidence quotes must match the article as published.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=True, normalization="NFC")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control characters other than tab and newline carry nothing in prose.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2060\ufeff]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
# A few invalid bytes in otherwise valid UTF-8 are damage, not a different encoding.
_MAX_BAD_UTF8_RATIO = 0.01


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    flags: tuple[str, ...]


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: NUL bytes or many control bytes near the start."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 50)


def decode(data: bytes, path: str) -> Decoded:
    """Decode `data`; raise EmptyDocument, BinaryContent or UndecodableText when it is not text."""
    if not data.strip():
        raise EmptyDocument(path=path)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), name.replace("-sig", ""), ())
    if looks_binary(data):
        raise BinaryContent(path=path)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", ())
    except UnicodeDecodeError:
        pass
    return _decode_damaged_or_legacy(data, path)


def _decode_damaged_or_legacy(data: bytes, path: str) -> Decoded:
    """Not valid UTF-8: damaged UTF-8, a Western legacy encoding, or something detected."""
    damaged = data.decode("utf-8", errors="replace")
    bad = damaged.count("\ufffd")
    valid_non_ascii = sum(1 for ch in damaged if ord(ch) > 127) - bad
    # Valid multi-byte sequences almost never arise by chance in legacy-encoded text, so their
    # presence means UTF-8 with a few damaged bytes.
    if valid_non_ascii > 0 and bad <= max(3, len(damaged) * _MAX_BAD_UTF8_RATIO):
        return Decoded(damaged, "utf-8", ("invalid_utf8_replaced",))
    western = _as_western(data)
    if western is not None:
        return Decoded(western, "cp1252", ("encoding:cp1252",))
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UndecodableText(path=path, detail="no text encoding fits these bytes")
    return Decoded(str(best), best.encoding, (f"encoding:{best.encoding}",))


# Letters and punctuation of Western European text in Windows-1252 (most legacy news copy).
_WESTERN = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŸ")
_WESTERN_PUNCT = frozenset("‘’‚“”„–—…•€£¥§°«»·¡¿ ´")


def _as_western(data: bytes) -> str | None:
    """`data` as Windows-1252 when every non-ASCII character is a Western letter or mark.

    charset-normalizer guesses from byte statistics and, on English text with a handful of
    accented words, often picks a Baltic or Central European code page; checking the Western
    reading first gets "café" and "naïve" right.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    extra = [ch for ch in text if ord(ch) > 127]
    if extra and all(ch in _WESTERN or ch in _WESTERN_PUNCT for ch in extra):
        return text
    return None


def normalise(text: str) -> tuple[str, tuple[str, ...]]:
    """Repair mojibake and normalise line breaks and space characters. Returns text and flags."""
    flags: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fixed = ftfy.fix_text(text, _FTFY)
    if fixed != unicodedata.normalize("NFC", text):
        flags.append("mojibake_repaired")
    fixed, n = repair_lost_cp1257(fixed)
    if n:
        flags.append("cp1257_repaired")
    fixed = _CONTROL.sub("", fixed)
    fixed = _SPACES.sub(" ", fixed)
    fixed = _TRAILING.sub("", fixed)
    return fixed, tuple(flags)


# U+2019 (’) and U+2014 (—) are E2 80 99 and E2 80 94 in UTF-8. Read as Windows-1257, E2 is
# "ā"; some scrapers then drop the two continuation bytes, so "Trump’s" arrives as "Trumpās"
# and "bloc—comprising" as "blocācomprising". No decoder can undo this, so we repair by
# context, and only where the document is English and shows the possessive pattern.
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z])ā(?=(?:s|t|d|m|ll|re|ve)\b)")
_LOST_DASH = re.compile(r"(?<=[A-Za-z]{3})ā(?=[A-Za-z]{3})")
_ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|in|is|that|with|for)\b", re.IGNORECASE)


def repair_lost_cp1257(text: str) -> tuple[str, int]:
    """Turn "ā" back into ’ or — where it stands for a lost UTF-8 punctuation mark.

    Applied only when the text is English (common function words) and "ā" appears in the
    possessive or contraction position at least once; Latvian or Māori words are left alone
    because the gate fails or the context (a single letter before "ā") does not match.
    """
    if "ā" not in text or not _LOST_APOSTROPHE.search(text):
        return text, 0
    words = len(text.split())
    if len(_ENGLISH_WORDS.findall(text)) < max(3, words // 20):
        return text, 0
    text, n_apostrophes = _LOST_APOSTROPHE.subn("\u2019", text)
    text, n_dashes = _LOST_DASH.subn("\u2014", text)
    return text, n_apostrophes + n_dashes
