"""The PLOVER ontology loaded from `ontology/data/plover.yaml` and `cameo2plover.yaml`.

`Ontology.default()` gives the shipped tables; `Ontology.load(path, cameo_path)` reads other copies.
Loading validates the files and raises `ConfigError` [E301] on any inconsistency; asking about an
unknown type, mode, context or factuality afterwards raises `ValueError` (a programming error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tacitus.datafiles import load_yaml, require_list
from tacitus.errors import ConfigError

DATA_PACKAGE = "tacitus.ontology.data"

# The manual's 16 event types, in its order (cooperative to conflictual).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# Our factuality extension; other modules branch on these names, so the file may not change them.
FACTUALITY: tuple[str, ...] = ("asserted", "planned", "possible", "negated", "hypothetical")

SCORE_MIN, SCORE_MAX = -10.0, 10.0
_CAMEO_CODE = re.compile(r"[0-9]{2,4}")

CameoMapping = tuple[str, str | None, str | None]


@dataclass(frozen=True, slots=True)
class Mode:
    """A PLOVER mode of one event type; `score` is None when the manual gives it none."""

    name: str
    score: float | None
    description: str


@dataclass(frozen=True, slots=True)
class EventType:
    """A PLOVER event type with its quad class, CAMEO root, score and modes (by name)."""

    name: str
    quad_class: int
    cameo_root: str
    score: float
    description: str
    # A dict cannot be hashed; leaving it out of the hash keeps EventType usable in sets.
    modes: dict[str, Mode] = field(hash=False)


class Ontology:
    """The event types, contexts, factuality values, export conventions and CAMEO mapping."""

    def __init__(
        self,
        types: dict[str, EventType],
        *,
        contexts: frozenset[str],
        factuality: frozenset[str],
        future: dict[tuple[str, str], str],
        dropped: frozenset[str],
        cameo: dict[str, CameoMapping],
        cameo_dropped: frozenset[str] = frozenset(),
    ) -> None:
        self.types = types
        self.contexts = contexts
        self.factuality = factuality
        self._future = future
        self._dropped = dropped
        self._cameo = cameo
        self._cameo_dropped = cameo_dropped

    @classmethod
    def default(cls) -> Ontology:
        """The ontology shipped with Tacitus (loaded once, then shared)."""
        return _default_ontology()

    @classmethod
    def load(cls, path: Path | None = None, cameo_path: Path | None = None) -> Ontology:
        """Read and validate plover.yaml and cameo2plover.yaml (or the copies at the paths given).

        Raises ConfigError [E301] naming the file and the problem.
        """
        where = str(path or "ontology/data/plover.yaml")
        data = load_yaml(DATA_PACKAGE, "plover.yaml", path)
        types = _parse_types(data, where)
        contexts = frozenset(_parse_named(data, "contexts", where))
        factuality = frozenset(_parse_named(data, "factuality", where))
        if factuality != set(FACTUALITY):
            raise ConfigError(path=where, detail=f"'factuality' must be exactly {FACTUALITY}")
        future = _parse_future(data, where, types, factuality)
        dropped = _parse_dropped(data, where, factuality)

        cameo_where = str(cameo_path or "ontology/data/cameo2plover.yaml")
        cameo_data = load_yaml(DATA_PACKAGE, "cameo2plover.yaml", cameo_path)
        cameo = _parse_cameo(cameo_data, cameo_where, types, contexts)
        cameo_dropped = _parse_cameo_dropped(cameo_data, cameo_where, cameo)
        _check_cameo_roots(types, cameo, where)
        return cls(
            types,
            contexts=contexts,
            factuality=factuality,
            future=future,
            dropped=dropped,
            cameo=cameo,
            cameo_dropped=cameo_dropped,
        )

    # ------------------------------------------------------------------ queries

    def score(self, type: str, mode: str | None = None) -> float:
        """The score (-10..10) of `type`, or of its `mode` when the mode has a score of its own."""
        event_type = self._type(type)
        if mode is None:
            return event_type.score
        found = self._mode(event_type, mode)
        return event_type.score if found.score is None else found.score

    def quad_class(self, type: str) -> int:
        """QuadClass of `type`: 1 verbal, 2 material cooperation; 3 verbal, 4 material conflict."""
        return self._type(type).quad_class

    def cameo_root(self, type: str) -> str:
        """The two-digit CAMEO root code written for `type` in the GDELT-style export."""
        return self._type(type).cameo_root

    def plover_type(self, type: str, factuality: str) -> str | None:
        """The type the PLOVER export writes for an event of `type` with `factuality`.

        Planned or possible cooperation becomes AGREE, a planned RETREAT becomes CONCEDE (see
        plover.yaml); None means the event is left out of the export (negated events).
        """
        self._type(type)
        if factuality not in self.factuality:
            raise ValueError(
                f"unknown factuality {factuality!r}; expected one of {', '.join(FACTUALITY)}"
            )
        if factuality in self._dropped:
            return None
        return self._future.get((type, factuality), type)

    def validate_event(self, type: str, mode: str | None, context: str | None) -> None:
        """Check that `type` exists, `mode` (if any) is one of its modes and `context` (if any)
        is a PLOVER context; raise ValueError saying what is wrong otherwise."""
        event_type = self._type(type)
        if mode is not None:
            self._mode(event_type, mode)
        if context is not None and context not in self.contexts:
            raise ValueError(f"unknown PLOVER context {context!r}")

    def cameo_to_plover(self, code: str) -> CameoMapping:
        """(type, mode or None, context or None) for a CAMEO event code such as "042".

        Unlisted codes fall back to their longest listed prefix ("0431" -> "043" -> "04").
        Raises ValueError for malformed codes and for roots PLOVER drops (01, 02).
        """
        code = code.strip()
        if not _CAMEO_CODE.fullmatch(code):
            raise ValueError(f"malformed CAMEO code {code!r}: expected 2 to 4 digits")
        if code[:2] in self._cameo_dropped:
            raise ValueError(f"CAMEO code {code!r}: PLOVER has no category for root {code[:2]}")
        for end in range(len(code), 1, -1):
            found = self._cameo.get(code[:end])
            if found is not None:
                return found
        raise ValueError(f"unknown CAMEO code {code!r}")

    # ------------------------------------------------------------------ helpers

    def _type(self, name: str) -> EventType:
        found = self.types.get(name)
        if found is None:
            raise ValueError(
                f"unknown PLOVER event type {name!r}; expected one of {', '.join(PLOVER_TYPES)}"
            )
        return found

    @staticmethod
    def _mode(event_type: EventType, name: str) -> Mode:
        found = event_type.modes.get(name)
        if found is None:
            known = ", ".join(event_type.modes) or "none"
            raise ValueError(f"{event_type.name} has no mode {name!r} (its modes: {known})")
        return found


@cache
def _default_ontology() -> Ontology:
    return Ontology.load()


# ---------------------------------------------------------------------- parsing plover.yaml


def _text(row: Any, key: str, where: str, label: str) -> str:
    value = row.get(key) if isinstance(row, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path=where, detail=f"{label}: '{key}' must be a non-empty string")
    return value


def _score(value: Any, where: str, label: str) -> float:
    # bool is an int subclass; "score: yes" is a mistake, not 1.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(path=where, detail=f"{label}: score must be a number")
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ConfigError(path=where, detail=f"{label}: score {value} outside [-10, 10]")
    return float(value)


def _parse_mode(row: Any, where: str, type_name: str) -> Mode:
    name = _text(row, "name", where, f"{type_name} mode")
    label = f"{type_name} mode {name}"
    raw = row.get("score")
    score = None if raw is None else _score(raw, where, label)
    return Mode(name, score, _text(row, "description", where, label))


def _parse_modes(row: dict[str, Any], where: str, type_name: str) -> dict[str, Mode]:
    rows = row.get("modes", [])
    if not isinstance(rows, list):
        raise ConfigError(path=where, detail=f"{type_name}: 'modes' must be a list")
    modes: dict[str, Mode] = {}
    for mode_row in rows:
        mode = _parse_mode(mode_row, where, type_name)
        if mode.name in modes:
            raise ConfigError(path=where, detail=f"{type_name}: mode '{mode.name}' repeated")
        modes[mode.name] = mode
    return modes


def _parse_type(row: Any, where: str, index: int) -> EventType:
    name = _text(row, "name", where, f"type entry {index}")
    quad = row.get("quad_class")
    if isinstance(quad, bool) or quad not in (1, 2, 3, 4):
        raise ConfigError(path=where, detail=f"{name}: quad_class must be 1, 2, 3 or 4")
    root = row.get("cameo_root")
    if not isinstance(root, str) or not re.fullmatch(r"[0-9]{2}", root):
        raise ConfigError(path=where, detail=f"{name}: cameo_root must be a quoted 2-digit code")
    return EventType(
        name=name,
        quad_class=quad,
        cameo_root=root,
        score=_score(row.get("score"), where, name),
        description=_text(row, "description", where, name),
        modes=_parse_modes(row, where, name),
    )


def _parse_types(data: dict[str, Any], where: str) -> dict[str, EventType]:
    types: dict[str, EventType] = {}
    for index, row in enumerate(require_list(data, "types", where)):
        event_type = _parse_type(row, where, index)
        if event_type.name in types:
            raise ConfigError(path=where, detail=f"type {event_type.name} listed twice")
        types[event_type.name] = event_type
    missing = [name for name in PLOVER_TYPES if name not in types]
    unknown = sorted(set(types) - set(PLOVER_TYPES))
    if missing or unknown:
        raise ConfigError(
            path=where,
            detail=f"types must be the 16 PLOVER types (missing: {missing}, unknown: {unknown})",
        )
    # Keep the manual's order whatever the file's order.
    return {name: types[name] for name in PLOVER_TYPES}


def _parse_named(data: dict[str, Any], key: str, where: str) -> dict[str, str]:
    """`key`'s list of {name, description} as a dict; names must be unique."""
    named: dict[str, str] = {}
    for index, row in enumerate(require_list(data, key, where)):
        name = _text(row, "name", where, f"{key} entry {index}")
        if name in named:
            raise ConfigError(path=where, detail=f"{key}: '{name}' listed twice")
        named[name] = _text(row, "description", where, f"{key} {name}")
    return named


def _parse_future(
    data: dict[str, Any], where: str, types: dict[str, EventType], factuality: frozenset[str]
) -> dict[tuple[str, str], str]:
    future: dict[tuple[str, str], str] = {}
    for index, row in enumerate(require_list(data, "plover_future", where)):
        label = f"plover_future entry {index}"
        source = _text(row, "type", where, label)
        target = _text(row, "becomes", where, label)
        values = row.get("factuality")
        if source not in types or target not in types:
            raise ConfigError(path=where, detail=f"{label}: unknown type")
        if not _str_list(values) or not values or not set(values) <= factuality:
            raise ConfigError(path=where, detail=f"{label}: bad factuality list")
        for value in values:
            if (source, value) in future:
                raise ConfigError(path=where, detail=f"{label}: {source}/{value} repeated")
            future[(source, value)] = target
    return future


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _parse_dropped(data: dict[str, Any], where: str, factuality: frozenset[str]) -> frozenset[str]:
    values = require_list(data, "plover_dropped", where)
    if not _str_list(values) or not set(values) <= factuality:
        raise ConfigError(path=where, detail="plover_dropped: unknown factuality value")
    return frozenset(values)


# ---------------------------------------------------------------------- parsing cameo2plover.yaml


def _parse_cameo_row(
    code: Any, row: Any, where: str, types: dict[str, EventType], contexts: frozenset[str]
) -> CameoMapping:
    # An unquoted 042 would reach us as the integer 34 (YAML octal), hence the string check.
    if not isinstance(code, str) or not _CAMEO_CODE.fullmatch(code):
        raise ConfigError(path=where, detail=f"code {code!r}: must be a quoted 2-4 digit string")
    type_name = _text(row, "type", where, f"code {code}")
    mode, context = row.get("mode"), row.get("context")
    # One context per code: a list here would otherwise fail later as an unhashable key.
    if not isinstance(mode, str | None) or not isinstance(context, str | None):
        raise ConfigError(path=where, detail=f"code {code}: mode and context must be names or null")
    if type_name not in types:
        raise ConfigError(path=where, detail=f"code {code}: unknown type {type_name}")
    if mode is not None and mode not in types[type_name].modes:
        raise ConfigError(path=where, detail=f"code {code}: {type_name} has no mode {mode!r}")
    if context is not None and context not in contexts:
        raise ConfigError(path=where, detail=f"code {code}: unknown context {context!r}")
    return type_name, mode, context


def _parse_cameo(
    data: dict[str, Any], where: str, types: dict[str, EventType], contexts: frozenset[str]
) -> dict[str, CameoMapping]:
    rows = data.get("codes")
    if not isinstance(rows, dict) or not rows:
        raise ConfigError(path=where, detail="'codes' must be a non-empty mapping")
    cameo = {
        code: _parse_cameo_row(code, row, where, types, contexts) for code, row in rows.items()
    }
    # Every code needs its root so that prefix look-ups always end somewhere.
    rootless = sorted(code for code in cameo if code[:2] not in cameo)
    if rootless:
        raise ConfigError(path=where, detail=f"codes without a root entry: {rootless}")
    return cameo


def _parse_cameo_dropped(
    data: dict[str, Any], where: str, cameo: dict[str, CameoMapping]
) -> frozenset[str]:
    roots = data.get("dropped", [])
    if not isinstance(roots, list) or not all(
        isinstance(root, str) and re.fullmatch(r"[0-9]{2}", root) for root in roots
    ):
        raise ConfigError(path=where, detail="'dropped' must be a list of quoted 2-digit roots")
    mapped = sorted(code for code in cameo if code[:2] in roots)
    if mapped:
        raise ConfigError(path=where, detail=f"dropped roots still mapped: {mapped}")
    return frozenset(roots)


def _check_cameo_roots(
    types: dict[str, EventType], cameo: dict[str, CameoMapping], where: str
) -> None:
    """Each type's cameo_root must hold at least one CAMEO code mapped to that type."""
    for event_type in types.values():
        root = event_type.cameo_root
        if not any(code[:2] == root and hit[0] == event_type.name for code, hit in cameo.items()):
            raise ConfigError(
                path=where,
                detail=f"{event_type.name}: no code under CAMEO root {root} maps to it",
            )
