"""The actor knowledge base: states, organisations, armed groups, institutions and people.

Data files (all in `kb/data/`, each a mapping with an integer `version`):

`states.yaml` — `states:` list of
    code: ISO 3166-1 alpha-3           name: short English name
    aliases: names of the state        adjectives: "Chinese", "Sino" (also demonyms)
    capital: the capital, used as a metonym for the government ("Beijing said")
    metonyms: other seats of government ("the Kremlin", "Zhongnanhai")
`organisations.yaml` — `organisations:` list of
    code: upper-case short name (UN, NATO, BRICS, WEST)   name   aliases   kind: igo | bloc
    adjectives: optional ("NATO", "European Union")
`groups.yaml` — `groups:` list of
    code: upper-case short name (HAMAS, HOUTHIS)   name   aliases   state: home ISO3 or null
    sector: REB | OPP | ...   governs: optional {state, since}: the group is that state's
    government from that date (the Taliban in Afghanistan since 2021-08-15)
`institutions.yaml` —
    named: list of {name, aliases, code, sector}: "the White House" → USA GOV,
           "the Pentagon" → USA MIL
    generic: list of {noun, sector}: "foreign ministry" → GOV; combined by the actor matcher
             with a state's adjective or name ("the Chinese foreign ministry", "Russia's army")
`people.yaml` — `people:` list of
    name: full name    aliases: other surface forms (surname alone only when unambiguous)
    roles: list of {office, state, sector, start, end} with ISO dates; `end: null` = still in office

Sector codes follow CAMEO (GOV, MIL, LEG, JUD, ELI for former officials, OPP, REB, IGO, ...).
Roles resolve against a date: "President Trump" is USA GOV in 2019 and in 2025, and "Biden"
in 2025 is USA ELI (a former president). The loader validates every file and raises E301.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.datafiles import load_yaml, require_list
from tacitus.errors import ConfigError

_PACKAGE = "tacitus.kb.data"
_CODE = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
SECTORS = frozenset(
    [
        "GOV",
        "MIL",
        "LEG",
        "JUD",
        "ELI",
        "OPP",
        "REB",
        "IGO",
        "NGO",
        "BUS",
        "MED",
        "CVL",
        "SPY",
        "COP",
        "PTY",
        "REL",
        "EDU",
        "HLH",
        "REF",
        "LAB",
    ]
)


@dataclass(frozen=True, slots=True)
class Role:
    office: str
    state: str
    sector: str
    start: dt.date | None
    end: dt.date | None

    def active(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Entity:
    """Something the text can name: `id` is unique ("state:CHN", "person:Xi Jinping")."""

    id: str
    code: str
    name: str
    kind: str  # state | igo | bloc | group | institution | person
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    governs: Role | None = None  # a group that became a state's government, from a date


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a mention of an entity stands for on a given date."""

    code: str
    sector: str | None
    role: Role | None = None


@dataclass(frozen=True, slots=True)
class GenericInstitution:
    noun: str
    sector: str


class KnowledgeBase:
    """All entities, indexed by id, with the surface forms the actor matcher looks for."""

    def __init__(self, entities: list[Entity], generic: list[GenericInstitution]) -> None:
        self.entities = {e.id: e for e in entities}
        self.generic = generic
        self.states = {e.code: e for e in entities if e.kind == "state"}

    def extended(self, extra: list[Entity]) -> KnowledgeBase:
        """This knowledge base plus `extra` entities (e.g. from the Phoenix importer); shipped
        entries keep precedence on every id and surface form they already have."""
        entities = list(self.entities.values())
        entities += [e for e in extra if e.id not in self.entities]
        return KnowledgeBase(entities, self.generic)

    def display_names(
        self, kinds: Sequence[str] = ("state", "igo", "bloc", "group", "institution")
    ) -> dict[str, str]:
        """Name by code for entities of `kinds`; where kinds share a code the earlier kind's
        name wins (a state's name over its institutions', an organisation's over its organs')."""
        names: dict[str, str] = {}
        for kind in kinds:
            for entity in self.entities.values():
                if entity.kind == kind:
                    names.setdefault(entity.code, entity.name)
        return names

    def surface_forms(self) -> Iterator[tuple[str, str, str]]:
        """(text, entity id, how) for every name: how is name|adjective|capital|metonym."""
        for entity in self.entities.values():
            for alias in dict.fromkeys((entity.name, *entity.aliases)):
                yield alias, entity.id, "name"
            for adjective in entity.adjectives:
                yield adjective, entity.id, "adjective"
            if entity.capital:
                yield entity.capital, entity.id, "capital"
            for metonym in entity.metonyms:
                yield metonym, entity.id, "metonym"

    def resolve(self, entity_id: str, on: dt.date | None) -> Resolved:
        """The code and sector `entity_id` stands for on date `on` (today's roles when None).

        A person with a role active on that date resolves to the role's state and sector; a
        person whose roles have all ended resolves to their last state with sector ELI.
        """
        entity = self.entities[entity_id]
        if entity.governs and entity.governs.active(on or dt.date.today()):
            return Resolved(entity.governs.state, "GOV", entity.governs)
        if entity.kind != "person":
            return Resolved(entity.code, entity.sector)
        when = on or dt.date.today()
        active = [r for r in entity.roles if r.active(when)]
        if active:
            role = min(active, key=_role_rank)
            return Resolved(role.state, role.sector, role)
        started = [r for r in entity.roles if r.start is None or r.start <= when]
        if started:
            last = max(started, key=lambda r: r.end or dt.date.max)
            return Resolved(last.state, "ELI", last)
        first = min(entity.roles, key=lambda r: r.start or dt.date.min)
        return Resolved(first.state, "ELI", None)


_OFFICE_RANK = ("president", "king", "emperor", "supreme leader", "prime minister", "chancellor")


def _role_rank(role: Role) -> tuple[int, str]:
    office = role.office.lower()
    for i, prefix in enumerate(_OFFICE_RANK):
        if office.startswith(prefix):
            return i, office
    return len(_OFFICE_RANK), office


def load_knowledge_base(folder: Path | None = None) -> KnowledgeBase:
    """Load and validate every actor data file (from `folder` instead of the package if given)."""
    entities: list[Entity] = []
    entities += _load_states(folder)
    entities += _load_named(folder, "organisations.yaml", "organisations", _organisation)
    entities += _load_named(folder, "groups.yaml", "groups", _group)
    institutions = _data(folder, "institutions.yaml")
    where = "institutions.yaml"
    entities += [
        _institution(row, where, i)
        for i, row in enumerate(require_list(institutions, "named", where))
    ]
    generic = [
        GenericInstitution(_str(row, "noun", where, i), _sector(row, where, i))
        for i, row in enumerate(require_list(institutions, "generic", where))
    ]
    entities += _load_named(folder, "people.yaml", "people", _person)
    seen: set[str] = set()
    for entity in entities:
        if entity.id in seen:
            raise ConfigError(path=entity.kind, detail=f"duplicate entity {entity.id}")
        seen.add(entity.id)
    return KnowledgeBase(entities, generic)


def _data(folder: Path | None, name: str) -> dict[str, Any]:
    return load_yaml(_PACKAGE, name, folder / name if folder else None)


def _load_states(folder: Path | None) -> list[Entity]:
    where = "states.yaml"
    out = []
    for i, row in enumerate(require_list(_data(folder, where), "states", where)):
        code = _str(row, "code", where, i)
        if not _ISO3.match(code):
            raise ConfigError(path=where, detail=f"entry {i}: code {code!r} is not ISO3")
        out.append(
            Entity(
                id=f"state:{code}",
                code=code,
                name=_str(row, "name", where, i),
                kind="state",
                sector=None,
                aliases=_strs(row, "aliases", where, i),
                adjectives=_strs(row, "adjectives", where, i),
                capital=row.get("capital") or None,
                metonyms=_strs(row, "metonyms", where, i),
            )
        )
    return out


def _load_named(folder: Path | None, name: str, key: str, build: Any) -> list[Entity]:
    return [
        build(row, name, i) for i, row in enumerate(require_list(_data(folder, name), key, name))
    ]


def _organisation(row: Any, where: str, i: int) -> Entity:
    code = _code(row, where, i)
    kind = row.get("kind")
    if kind not in ("igo", "bloc"):
        raise ConfigError(path=where, detail=f"entry {i} ({code}): kind must be igo or bloc")
    return Entity(
        id=f"org:{code}",
        code=code,
        name=_str(row, "name", where, i),
        kind=str(kind),
        sector="IGO",
        aliases=_strs(row, "aliases", where, i),
        adjectives=_strs(row, "adjectives", where, i),
    )


def _group(row: Any, where: str, i: int) -> Entity:
    code = _code(row, where, i)
    governs = None
    if row.get("governs"):
        spec = row["governs"]
        state = _str(spec, "state", f"{where} entry {i} governs", i)
        if not _ISO3.match(state):
            raise ConfigError(path=where, detail=f"entry {i} ({code}): governs a bad state")
        since = _date(spec.get("since"), f"{where} entry {i} governs")
        governs = Role("government", state, "GOV", since, None)
    return Entity(
        id=f"group:{code}",
        code=code,
        name=_str(row, "name", where, i),
        kind="group",
        sector=_sector(row, where, i),
        aliases=_strs(row, "aliases", where, i),
        governs=governs,
    )


def _institution(row: Any, where: str, i: int) -> Entity:
    code = _code(row, where, i)
    name = _str(row, "name", where, i)
    return Entity(
        id=f"institution:{name}",
        code=code,
        name=name,
        kind="institution",
        sector=_sector(row, where, i),
        aliases=_strs(row, "aliases", where, i),
    )


def _person(row: Any, where: str, i: int) -> Entity:
    name = _str(row, "name", where, i)
    roles = []
    for j, role in enumerate(require_list(row, "roles", f"{where} entry {i} ({name})")):
        label = f"{where} entry {i} ({name}) role {j}"
        state = _str(role, "state", label, j)
        if not (_ISO3.match(state) or _CODE.match(state)):
            raise ConfigError(path=where, detail=f"{label}: bad state {state!r}")
        start, end = _date(role.get("start"), label), _date(role.get("end"), label)
        if start and end and end < start:
            raise ConfigError(path=where, detail=f"{label}: ends before it starts")
        roles.append(
            Role(_str(role, "office", label, j), state, _sector(role, label, j), start, end)
        )
    if not roles:
        raise ConfigError(path=where, detail=f"entry {i} ({name}): needs at least one role")
    return Entity(
        id=f"person:{name}",
        code=roles[0].state,
        name=name,
        kind="person",
        aliases=_strs(row, "aliases", where, i),
        roles=tuple(roles),
    )


def _str(row: Any, key: str, where: str, i: int) -> str:
    value = row.get(key) if isinstance(row, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path=where, detail=f"entry {i}: '{key}' must be a non-empty string")
    return value


def _strs(row: Any, key: str, where: str, i: int) -> tuple[str, ...]:
    value = row.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(path=where, detail=f"entry {i}: '{key}' must be a list of strings")
    return tuple(value)


def _code(row: Any, where: str, i: int) -> str:
    code = _str(row, "code", where, i)
    if not _CODE.match(code):
        raise ConfigError(path=where, detail=f"entry {i}: bad code {code!r}")
    return code


def _sector(row: Any, where: str, i: int) -> str:
    sector = row.get("sector") if isinstance(row, dict) else None
    if sector not in SECTORS:
        raise ConfigError(path=where, detail=f"entry {i}: bad sector {sector!r}")
    return str(sector)


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(path=where, detail=f"bad date {value!r}") from exc
