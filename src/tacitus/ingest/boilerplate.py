"""Which lines of a scraped page are furniture (menus, dialogs, captions, repeats), not prose."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tacitus.datafiles import load_yaml, require_list
from tacitus.errors import ConfigError

_KINDS = ("ui", "credit", "caption", "navigation")
# Kinds whose patterns are specific enough to remove even sentence-like lines.
_OVERRIDE_PROSE = ("ui", "credit")
# Prose guard: a line this long that ends like a sentence is article text; only the specific
# `ui` and `credit` patterns may remove it (e.g. a password-reset dialog written as a sentence).
_PROSE_WORDS = 12
_SENTENCE_END = (".", "!", "?", '"', "”", "’", ")")
_SHORT_WORDS = 5
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Compiled line patterns from `ingest/data/boilerplate.yaml`."""

    patterns: dict[str, re.Pattern[str]]
    block_heads: re.Pattern[str]

    def classify(self, line: str) -> str | None:
        """The kind of furniture `line` is (a list name in the data file), or None for text."""
        s = line.strip()
        if not s:
            return None
        prose = is_prose(s)
        for kind in _KINDS:
            if prose and kind not in _OVERRIDE_PROSE:
                continue
            if self.patterns[kind].fullmatch(s):
                return kind
        return None

    def opens_link_block(self, line: str) -> bool:
        """True for a heading such as "Related stories" that precedes a list of links."""
        return bool(self.block_heads.fullmatch(line.strip()))


def is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS and line.rstrip().endswith(_SENTENCE_END)


def load_rules(path: Path | None = None) -> BoilerplateRules:
    """Load and compile the boilerplate patterns; a bad pattern raises E301 naming it."""
    where = str(path or "ingest/data/boilerplate.yaml")
    data = load_yaml("tacitus.ingest.data", "boilerplate.yaml", path)
    compiled = {kind: _alternation(require_list(data, kind, where), kind, where) for kind in _KINDS}
    heads = _alternation(require_list(data, "block_heads", where), "block_heads", where)
    return BoilerplateRules(compiled, heads)


def _alternation(items: list[object], kind: str, where: str) -> re.Pattern[str]:
    """One alternation per list: a single regex pass per line instead of one per pattern."""
    for raw in items:
        try:
            re.compile(str(raw))
        except re.error as exc:
            raise ConfigError(path=where, detail=f"{kind}: {raw!r}: {exc}") from exc
    return re.compile("|".join(f"(?:{raw})" for raw in items), re.IGNORECASE)


def is_link_line(line: str) -> bool:
    """A headline-like line in a block of links: short, not a sentence."""
    s = line.strip()
    return 0 < len(s.split()) <= 20 and not s.endswith((".", "!", ":", ";", ","))


def line_key(line: str) -> str:
    """A comparison key that ignores case, quote style and spacing."""
    return " ".join(line.translate(_QUOTES).casefold().split())


def repeated_short_lines(lines: list[str]) -> set[str]:
    """Keys of short non-sentence lines that occur more than once (site names, widget labels)."""
    counts = Counter(
        line_key(s)
        for s in lines
        if s.strip() and len(s.split()) <= _SHORT_WORDS and not s.rstrip().endswith((".", "!", "?"))
    )
    return {key for key, n in counts.items() if n > 1}
