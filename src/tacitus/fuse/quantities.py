"""Counts stated in evidence sentences: "more than 20 agreements", "76 aircraft", "$245 billion".

A quantity is a number (digits or words), an optional qualifier ("more than", "about") and a
unit (the counted noun, a currency, or "%"). Dates, years, ordinals and clock times are not
quantities. Each quantity also carries the range of values it allows, so that two sources can
be compared: "more than 20" allows 24, "20" does not allow 24.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tacitus.datafiles import load_yaml

_PACKAGE = "tacitus.fuse.data"
_YEARS = range(1800, 2101)
# ±20% around an approximate number ("about 20" allows 16 to 24)
_APPROX = 0.2
_TOKEN = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?P<suffix>%|st\b|nd\b|rd\b|th\b|-[^\W\d_]+)?"
    r"|(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)"
    r"|(?P<sym>US\$|[$€£¥])"
    r"|(?P<other>[^\s\w])"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One count: `value` as written (scaled), the `low`–`high` values it allows, its unit."""

    value: float
    unit: str
    qualifier: str | None
    text: str
    low: float
    high: float
    vague: bool = False  # a word such as "dozens" stands for the number: `value` is its low end

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def label(self) -> str:
        """ "more than 20 agreement", "245,000,000,000 USD"."""
        if self.vague:
            return f"{self.qualifier} {self.unit}"
        number = f"{self.value:,.0f}" if self.value.is_integer() else f"{self.value:,g}"
        prefix = f"{self.qualifier} " if self.qualifier else ""
        return f"{prefix}{number} {self.unit}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "text": self.text,
            "low": self.low,
            "high": self.high,
            "vague": self.vague,
        }


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # num, word, sym, other
    text: str
    suffix: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.casefold()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The quantity lexicon (`fuse/data/quantities.yaml`) as lookup tables."""

    number_words: dict[str, float]
    approximate_words: dict[str, tuple[float, float]]
    scales: dict[str, float]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    qualifiers: dict[tuple[str, ...], str]
    units: frozenset[str]
    irregular: dict[str, str]
    stopwords: frozenset[str]
    months: frozenset[str]
    references: frozenset[str]


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read `quantities.yaml` (or `path`) into a Lexicon."""
    data = load_yaml(_PACKAGE, "quantities.yaml", path)
    return Lexicon(
        number_words={k: float(v) for k, v in data["number_words"].items()},
        approximate_words={
            k: (float(v[0]), float(v[1])) for k, v in data["approximate_words"].items()
        },
        scales={k: float(v) for k, v in data["scales"].items()},
        currency_symbols=dict(data["currency_symbols"]),
        currency_words=dict(data["currency_words"]),
        qualifiers={tuple(k.split()): v for k, v in data["qualifiers"].items()},
        units=frozenset(data["units"]),
        irregular=dict(data["irregular_plurals"]),
        stopwords=frozenset(data["stopwords"]),
        months=frozenset(data["months"]),
        references=frozenset(data["references"]),
    )


@cache
def _default_lexicon() -> Lexicon:
    return load_lexicon()


def extract_quantities(text: str, lexicon: Lexicon | None = None) -> list[Quantity]:
    """Every count in `text`, in text order."""
    lex = lexicon or _default_lexicon()
    tokens = [_token(m) for m in _TOKEN.finditer(text)]
    # a quantity starts at most 4 tokens before its number (qualifier of up to 3 words and a
    # currency symbol), so only those places are tried: most evidence sentences have no number
    numbers = [j for j, t in enumerate(tokens) if _is_number(t, lex)]
    starts = sorted({i for j in numbers for i in range(max(0, j - 4), j + 1)})
    found: list[Quantity] = []
    after = 0
    for i in starts:
        if i < after:
            continue
        hit = _quantity_at(tokens, i, lex, text)
        if hit is not None:
            found.append(hit[0])
            after = hit[1]
    return found


def _is_number(token: _Token, lex: Lexicon) -> bool:
    if token.kind == "num":
        return True
    head = token.low.partition("-")[0]
    return token.kind == "word" and (head in lex.number_words or head in lex.approximate_words)


def singular(word: str, lexicon: Lexicon | None = None) -> str:
    """The singular of an English plural noun, by the lexicon's exceptions and simple rules."""
    lex = lexicon or _default_lexicon()
    word = word.casefold()
    if word in lex.irregular:
        return lex.irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# ---------------------------------------------------------------- scanning


def _token(m: re.Match[str]) -> _Token:
    kind = m.lastgroup or "other"
    if kind == "suffix":  # the suffix group closes after num: the token is a number
        kind = "num"
    text = m.group("num") or m.group(kind) or m.group(0)
    return _Token(kind, text, m.group("suffix") or "", m.start(), m.end())


def _qualifier(tokens: list[_Token], i: int, lex: Lexicon) -> tuple[str | None, str, int]:
    """(kind, words, index after) of the longest qualifier starting at `i`, else (None, "", i)."""
    for size in (3, 2, 1):
        words = tuple(t.low for t in tokens[i : i + size])
        if len(words) == size and words in lex.qualifiers:
            return lex.qualifiers[words], " ".join(words), i + size
    return None, "", i


def _quantity_at(
    tokens: list[_Token], i: int, lex: Lexicon, text: str
) -> tuple[Quantity, int] | None:
    """The quantity starting at token `i` and the index after it, or None."""
    if i > 0 and tokens[i - 1].low in lex.references:
        return None
    kind, qualifier, j = _qualifier(tokens, i, lex)
    currency = None
    if j < len(tokens) and tokens[j].kind == "sym":
        currency = lex.currency_symbols[tokens[j].text]
        j += 1
    number = _number(tokens, j, lex)
    if number is None or _is_date_part(tokens, j, lex, currency):
        return None
    vague = number[0] != number[1]
    if vague:  # the vague word ("dozens") is how the source qualifies the count
        qualifier = f"{qualifier} {tokens[j].low}".strip()
    low, high, glued, j = number
    scale, j = _scale(tokens, j, lex)
    unit, j = _unit(tokens, j, lex, currency, glued)
    if unit is None:
        return None
    value = low * scale
    low, high = _qualified(kind, low * scale, high * scale)
    span = text[tokens[i].start : tokens[j - 1].end]
    return Quantity(value, unit, qualifier or None, span, low, high, vague), j


def _number(
    tokens: list[_Token], j: int, lex: Lexicon
) -> tuple[float, float, str | None, int] | None:
    """(low, high, unit glued by a hyphen, index after) of a number at `j`, else None."""
    if j >= len(tokens):
        return None
    if tokens[j].kind == "num":
        return _digits(tokens, j)
    if tokens[j].kind == "word":
        return _words(tokens, j, lex)
    return None


def _digits(tokens: list[_Token], j: int) -> tuple[float, float, str | None, int] | None:
    tok = tokens[j]
    if tok.suffix in ("st", "nd", "rd", "th") or _is_clock(tokens, j):
        return None
    value = float(tok.text.replace(",", ""))
    glued = "%" if tok.suffix == "%" else tok.suffix[1:] or None  # "72-hour" counts hours
    return value, value, glued, j + 1


def _words(
    tokens: list[_Token], j: int, lex: Lexicon
) -> tuple[float, float, str | None, int] | None:
    head, _, glued = tokens[j].low.partition("-")  # "three-day" counts days
    if head in lex.number_words:
        value = lex.number_words[head]
        return value, value, glued or None, j + 1
    if head in lex.approximate_words:
        low, high = lex.approximate_words[head]
        after = j + 2 if j + 1 < len(tokens) and tokens[j + 1].low == "of" else j + 1
        return low, high, glued or None, after  # "dozens of drones" counts drones
    return None


def _is_clock(tokens: list[_Token], j: int) -> bool:
    """Part of a clock time ("15:30"): a number touching a colon."""
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    before = tokens[j - 1] if j > 0 else None
    return (after is not None and after.text == ":" and after.start == tokens[j].end) or (
        before is not None and before.text == ":" and before.end == tokens[j].start
    )


def _is_date_part(tokens: list[_Token], j: int, lex: Lexicon, currency: str | None) -> bool:
    """A day next to a month name, the second end of a range ("7–9"), or a bare year."""
    tok = tokens[j]
    if tok.kind != "num":
        return False
    near = [tokens[k].low for k in (j - 1, j + 1) if 0 <= k < len(tokens)]
    if any(w in lex.months for w in near):
        return True
    if j >= 2 and tokens[j - 1].kind == "other" and tokens[j - 2].kind == "num":
        return tokens[j - 1].text in "-–—/"  # the end of a range of days or years
    is_year = tok.text.isdigit() and int(tok.text) in _YEARS
    return is_year and currency is None and not tok.suffix


def _scale(tokens: list[_Token], j: int, lex: Lexicon) -> tuple[float, int]:
    """(multiplier, index after) of "million", "hundred"… at `j`; (1, j) when there is none."""
    if j < len(tokens) and tokens[j].low in lex.scales:
        return lex.scales[tokens[j].low], j + 1
    return 1.0, j


def _unit(
    tokens: list[_Token], j: int, lex: Lexicon, currency: str | None, glued: str | None
) -> tuple[str | None, int]:
    """(unit, index after) for the count ending before `j`; (None, j) when nothing is counted."""
    if currency:
        return currency, j
    if glued:
        return ("%" if glued == "%" else singular(glued, lex)), j
    two = " ".join(t.low for t in tokens[j : j + 2])
    if two in lex.currency_words:
        return lex.currency_words[two], j + 2
    return _unit_word(tokens, j, lex)


def _unit_word(tokens: list[_Token], j: int, lex: Lexicon) -> tuple[str | None, int]:
    """The counted noun among the next three words: a known unit, else the first word."""
    words: list[_Token] = []
    for tok in tokens[j : j + 3]:
        if tok.kind != "word" or tok.low in lex.stopwords or tok.low in lex.months:
            break
        words.append(tok)
    for k, tok in enumerate(words):
        if tok.low in lex.currency_words:
            return lex.currency_words[tok.low], j + k + 1
        if singular(tok.low, lex) in lex.units:
            return singular(tok.low, lex), j + k + 1
    if words and words[0].text.islower():  # a capitalised word starts a name, not a unit
        return singular(words[0].low, lex), j + 1
    return None, j


def _qualified(kind: str | None, low: float, high: float) -> tuple[float, float]:
    """The values a qualified number allows; open ends are infinite."""
    inf = float("inf")
    if kind in ("gt", "ge"):
        return low, inf
    if kind in ("lt", "le"):
        return 0.0, high
    if kind == "approx":
        return low * (1 - _APPROX), high * (1 + _APPROX)
    if kind == "below":
        return low * (1 - _APPROX), high
    return low, high
