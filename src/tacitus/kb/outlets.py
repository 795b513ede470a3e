"""News agencies and outlets: who a document is from, and whom it credits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tacitus.datafiles import load_yaml, require_list
from tacitus.errors import ConfigError

_KINDS = {"agency", "outlet"}


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    kind: str
    country: str
    aliases: tuple[str, ...]


class OutletIndex:
    """Looks outlets up by any alias, and finds them in credit lines."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self.outlets = outlets
        self._exact: dict[str, Outlet] = {}
        self._folded: dict[str, Outlet] = {}
        for outlet in outlets:
            for alias in (outlet.name, *outlet.aliases):
                self._exact[alias] = outlet
                # Short upper-case forms ("AP", "RT") only match as written.
                if not (alias.isupper() and len(alias) <= 4):
                    self._folded[alias.casefold()] = outlet
        aliases = sorted(self._exact, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])",
            re.IGNORECASE,
        )

    def get(self, text: str) -> Outlet | None:
        """The outlet called exactly `text` (case-insensitive for long names), or None."""
        text = text.strip()
        return self._exact.get(text) or self._folded.get(text.casefold())

    def find(self, text: str, kind: str | None = None) -> Outlet | None:
        """The first outlet named anywhere in `text`, optionally only of one `kind`."""
        for match in self.pattern.finditer(text):
            outlet = self.get(match.group(1))
            if outlet and (kind is None or outlet.kind == kind):
                return outlet
        return None


def load_outlets(path: Path | None = None) -> OutletIndex:
    """Load and validate `kb/data/outlets.yaml` (or another file of the same format)."""
    where = str(path or "kb/data/outlets.yaml")
    data = load_yaml("tacitus.kb.data", "outlets.yaml", path)
    outlets = []
    for i, row in enumerate(require_list(data, "outlets", where)):
        if not isinstance(row, dict) or not isinstance(row.get("name"), str):
            raise ConfigError(path=where, detail=f"entry {i}: needs a 'name'")
        if row.get("kind") not in _KINDS:
            raise ConfigError(path=where, detail=f"entry {i} ({row['name']}): bad kind")
        aliases = row.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConfigError(path=where, detail=f"entry {i} ({row['name']}): bad aliases")
        outlets.append(
            Outlet(row["name"], row["kind"], str(row.get("country", "")), tuple(aliases))
        )
    return OutletIndex(outlets)
