"""Every user-tunable setting in one table: name, default, help.

The CLI builds its options from this table and a test checks the README documents each one.
Environment variables `TACITUS_<NAME>` override the defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str | int | float
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db", "sqlite:///tacitus.db", "Store URL: sqlite:///FILE or postgresql://USER@HOST/DB."
    ),
    Setting(
        "max_bytes",
        10_000_000,
        "Largest source document accepted, in bytes; larger ones are skipped with E107.",
    ),
    Setting(
        "copy_threshold",
        0.6,
        "Estimated Jaccard similarity of word 3-shingles above which two documents are "
        "linked as near-copies (the same wire story republished).",
    ),
    Setting(
        "max_upload_bytes",
        2_000_000,
        "Largest upload or pasted text `tacitus serve --allow-ingest` accepts, in bytes; "
        "larger ones are refused with 413 (E404).",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The setting `name`, with its default taken from `TACITUS_<NAME>` when set."""
    base = _BY_NAME[name]
    env = os.environ.get(f"TACITUS_{name.upper()}")
    if env is None:
        return base
    value: str | int | float = type(base.default)(env)
    return replace(base, default=value)
