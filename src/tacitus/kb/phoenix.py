"""Import the CAMEO/Phoenix actor dictionaries (TABARI format) as an optional extra source.

The dictionaries (Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
Phoenix.MilNonState.actors.txt from the Open Event Data Alliance) are not shipped with Tacitus:
callers pass the path of a copy. Their format, as found in those files:

    # a comment line                      `#` also starts a comment after anything else
    VLADIMIR_PUTIN_  # CountryInfo.txt    a name starts an actor (words joined by `_`)
    +PUTIN_                               `+` adds a synonym of the current actor
    PRESIDENT_PUTIN                       a name line while the actor has no code yet is a
                                          synonym too (the Countries file lists variants so)
    \t[RUSGOV 991231-080507]              codes, usually indented, one or more per line:
    \t[RUSGOV >080508]                    from that date on
    \t[RUSELI <990809]                    until that date
    \t[RUSELI]                            undated: the default when no dated code applies
    RUSSIAN_FEDERATION_  [RUS]            codes may follow the name on the same line
    JEAN_MARIE_GUEHENNO_ [IGOUNO 000101-080801] [---]     `[---]` means "no code"

Dates are YYMMDD (two-digit years: 40-99 are 19xx, 00-39 are 20xx) or YYYYMMDD; when a range
would end before it starts ("331108-730717", birth years of the 1930s) its two-digit start year
is read as 19xx. A blank line ends the current actor.

A CAMEO code is a country (ISO3, a historical or regional CAMEO code, or an organisation prefix
such as IGO, NGO, MNC, IMG) followed by 3-letter sector codes: RUSGOV, IGOUNO, USAGOVLEG;
codes without a country ([ELI], [GOV]) give only a sector.

Malformed lines never stop the import: each problem becomes a message in the caller's
`warnings` list ("path:line: problem"). Only an unreadable file raises ConfigError (E301).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pycountry

from tacitus.errors import ConfigError
from tacitus.kb.actors import SECTORS, Entity, Role

# Country-position codes that CAMEO uses besides ISO 3166 (regions, former states, Kosovo).
_CAMEO_COUNTRIES = frozenset(
    "AFR ASA BLK CAS CAU CEU CFR CRB EAF EEU EIN EUR LAM MDT MEA NAF NMR PGS SAF SAM SAS SCN "
    "SEA WAF WEU WST KSV YUG CSK DDR SUN FRY SCG TMP".split()
)
_ORG_PREFIXES = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "IMG": "REB"}
# Phoenix organisation codes -> Tacitus organisation codes (kb/data/organisations.yaml).
# Longest prefix wins; other organisation codes keep their first six letters ("IGOSCN").
_ORG_STATES = {
    "IGOUNOIAE": "IAEA",
    "IGOUNOHLHWHO": "WHO",
    "IGOUNOREFHCR": "UNHCR",
    "IGOUNOHRIHCH": "OHCHR",
    "IGOUNOJUDICJ": "ICJ",
    "IGOUNOLABILO": "ILO",
    "IGOUNOKID": "UNICEF",
    "IGOUNOWFP": "WFP",
    "IGOUNODEVWBK": "WB",
    "IGOUNOWBK": "WB",
    "IGOUNO": "UN",
    "IGOWSTNAT": "NATO",
    "IGOEUREEC": "EU",
    "IGOAFRAFU": "AU",
    "IGOAFROAU": "AU",
    "IGOBUSIMF": "IMF",
    "IGOBUSWTO": "WTO",
    "IGOBUSOPC": "OPEC",
    "IGOJUDICC": "ICC",
    "IGOMEAARL": "ARL",
    "IGOSEAASN": "ASEAN",
    "IGOOAS": "OAS",
    "IGOWAFWAS": "ECOWAS",
}
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_CODE_TOKEN = re.compile(r"^[A-Z][A-Z0-9]*$")
_DATES = re.compile(r"^(?:(?P<op>[<>])\s*(?P<one>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+))$")
_NO_CODE = "---"
_PIVOT = 40  # two-digit years below this are 20xx
_Span = tuple[dt.date | None, dt.date | None]


@dataclass(frozen=True, slots=True)
class PhoenixCode:
    """One CAMEO code with its optional validity interval (both ends inclusive)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def country(self) -> str | None:
        """The country or organisation part ("RUS", "IGO"), None for codes like "ELI"."""
        head = self.code[:3]
        return head if _is_country(head) or head in _ORG_PREFIXES else None

    @property
    def sector(self) -> str | None:
        """The first sector code after the country ("GOV" in "RUSGOVLEG", "UNO" in "IGOUNO")."""
        rest = self.code[3:] if self.country else self.code
        return rest[:3] or None


@dataclass(frozen=True, slots=True)
class PhoenixActor:
    name: str
    synonyms: tuple[str, ...] = ()
    codes: tuple[PhoenixCode, ...] = ()


@dataclass(slots=True)
class _Draft:
    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[PhoenixCode] = field(default_factory=list)

    def freeze(self) -> PhoenixActor:
        synonyms = tuple(s for s in dict.fromkeys(self.synonyms) if s != self.name)
        return PhoenixActor(self.name, synonyms, tuple(self.codes))


@cache
def _iso3() -> frozenset[str]:
    current = {c.alpha_3 for c in pycountry.countries}
    historic = {c.alpha_3 for c in pycountry.historic_countries}
    return frozenset(current | historic)


def _is_country(code: str) -> bool:
    return code in _iso3() or code in _CAMEO_COUNTRIES


# --------------------------------------------------------------------------- parsing


def parse_actor_file(path: Path, warnings: list[str] | None = None) -> Iterator[PhoenixActor]:
    """The actors in TABARI actor file `path`; problems are appended to `warnings`.

    The file is read at once (ConfigError if it cannot be read); actors are then generated.
    """
    sink = warnings if warnings is not None else []
    return _parse(_read_lines(path, sink), str(path), sink)


def _read_lines(path: Path, warnings: list[str]) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(path=str(path), detail=f"cannot read Phoenix file: {exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        warnings.append(f"{path}: not UTF-8, read as Latin-1")
        text = data.decode("latin-1")
    return text.lstrip("\ufeff").splitlines()


def _parse(lines: Iterable[str], where: str, warnings: list[str]) -> Iterator[PhoenixActor]:
    draft: _Draft | None = None
    for number, raw in enumerate(lines, start=1):
        here = f"{where}:{number}"
        body = raw.split("#", 1)[0].strip()
        if not body:
            if not raw.strip() and draft is not None:  # a blank line ends the actor
                yield from _finish(draft, here, warnings)
                draft = None
            continue
        name, codes = _split_line(body, here, warnings)
        draft, done = _apply(draft, name, codes, here, warnings)
        if done is not None:
            yield from _finish(done, here, warnings)
    if draft is not None:
        yield from _finish(draft, f"{where}:end", warnings)


def _apply(
    draft: _Draft | None,
    name: str,
    codes: list[PhoenixCode],
    here: str,
    warnings: list[str],
) -> tuple[_Draft | None, _Draft | None]:
    """Fold one line into the current actor: (current actor, finished actor or None).

    A name line starts a new actor unless it has no codes of its own and the current actor
    has none yet: then it is one more variant of the current actor's name.
    """
    synonym = name.startswith("+")
    if name and not synonym and (draft is None or draft.codes or codes):
        return _Draft(_name(name), codes=list(codes)), draft
    if draft is None:
        what = f"synonym {name!r}" if name else "codes"
        warnings.append(f"{here}: {what} outside an actor")
        return None, None
    # "+A_+B_" holds two synonyms run together
    variants = name[1:].split("+") if synonym else [name]
    draft.synonyms.extend(v for v in map(_name, variants) if v)
    draft.codes.extend(codes)
    return draft, None


def _finish(draft: _Draft, here: str, warnings: list[str]) -> Iterator[PhoenixActor]:
    if not draft.name:
        warnings.append(f"{here}: actor without a name")
        return
    if not draft.codes:
        warnings.append(f"{here}: actor {draft.name!r} has no code")
    yield draft.freeze()


def _split_line(body: str, here: str, warnings: list[str]) -> tuple[str, list[PhoenixCode]]:
    """(text outside brackets, parsed codes) of a comment-free line."""
    codes = []
    for inner in _BRACKET.findall(body):
        code = _parse_code(inner, here, warnings)
        if code is not None:
            codes.append(code)
    rest = _BRACKET.sub(" ", body)
    if "[" in rest or "]" in rest:
        warnings.append(f"{here}: unbalanced bracket in {body!r}")
        rest = rest.split("[", 1)[0].replace("]", " ")
    return rest.strip(), codes


def _name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _parse_code(inner: str, here: str, warnings: list[str]) -> PhoenixCode | None:
    parts = inner.split(None, 1)
    if not parts or parts[0] == _NO_CODE:
        return None
    token = parts[0]
    if not _CODE_TOKEN.match(token):
        warnings.append(f"{here}: bad code {inner!r}")
        return None
    if len(parts) == 1:
        return PhoenixCode(token)
    span = _parse_span(parts[1].strip(), here, warnings)
    return PhoenixCode(token, *span) if span else None


def _parse_span(text: str, here: str, warnings: list[str]) -> _Span | None:
    match = _DATES.match(text)
    if match is None:
        warnings.append(f"{here}: bad date range {text!r}")
        return None
    if match["op"]:
        day = _parse_date(match["one"], here, warnings)
        if day is None:
            return None
        return (day, None) if match["op"] == ">" else (None, day)
    start = _parse_date(match["start"], here, warnings)
    end = _parse_date(match["end"], here, warnings)
    if start is None or end is None:
        return None
    if end < start and len(match["start"]) == 6:
        start = _century_earlier(start)  # "331108-730717": a birth year before the pivot
    if end < start:
        warnings.append(f"{here}: date range {text!r} ends before it starts")
        return None
    return start, end


def _century_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 100)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 100, day=28)


def _parse_date(digits: str, here: str, warnings: list[str]) -> dt.date | None:
    """YYMMDD (pivot 40) or YYYYMMDD; anything else is a warning."""
    if len(digits) == 6:
        year = int(digits[:2])
        text = f"{1900 + year if year >= _PIVOT else 2000 + year}{digits[2:]}"
    elif len(digits) == 8:
        text = digits
    else:
        warnings.append(f"{here}: bad date {digits!r} (expected YYMMDD or YYYYMMDD)")
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        warnings.append(f"{here}: impossible date {digits!r}")
        return None


# --------------------------------------------------------------------------- people


def load_phoenix_people(paths: Iterable[Path], warnings: list[str] | None = None) -> list[Entity]:
    """Person entities from Phoenix/CAMEO actor dictionaries, with names written as news writes
    them ("VLADIMIR PUTIN" → "Vladimir Putin") so the case-sensitive actor matcher finds them."""
    entities: list[Entity] = []
    for path in paths:
        for entity in to_people_entities(parse_actor_file(path, warnings)):
            entities.append(
                replace(
                    entity,
                    name=display_name(entity.name),
                    aliases=tuple(display_name(a) for a in entity.aliases),
                )
            )
    return entities


def display_name(name: str) -> str:
    """Upper-case dictionary names in news case: each word, hyphen part and O'-part capitalised."""
    words = []
    for word in name.split():
        parts = re.split(r"([-'])", word.lower())
        words.append("".join(p[:1].upper() + p[1:] for p in parts))
    return " ".join(words)


def to_people_entities(actors: Iterable[PhoenixActor]) -> list[Entity]:
    """Person entities (id "phoenix:NAME", office "phoenix") for person-like actors.

    An actor is person-like when it has a dated code or an ELI code: the Phoenix files date the
    terms of individuals and mark former officials as ELI, while institutions ("KREMLIN",
    "FEDERAL ASSEMBLY") carry undated GOV/LEG codes only. When an actor has dated codes, its
    undated codes are TABARI's fallbacks and are dropped (Tacitus turns ended roles into ELI).
    """
    entities: dict[str, Entity] = {}
    for actor in actors:
        if not _person_like(actor):
            continue
        roles = _roles(actor)
        entity_id = f"phoenix:{actor.name}"
        if roles and entity_id not in entities:
            entities[entity_id] = Entity(
                id=entity_id,
                code=roles[0].state,
                name=actor.name,
                kind="person",
                aliases=actor.synonyms,
                roles=tuple(roles),
            )
    return list(entities.values())


def _person_like(actor: PhoenixActor) -> bool:
    return any(code.dated or code.sector == "ELI" for code in actor.codes)


def _roles(actor: PhoenixActor) -> list[Role]:
    dated = [code for code in actor.codes if code.dated]
    home = next((_kb_state(c) for c in actor.codes if c.country), None)
    roles = []
    for code in dated or actor.codes:
        state = _kb_state(code) or home
        if state is not None:
            roles.append(Role("phoenix", state, _kb_sector(code), code.start, code.end))
    return roles


def _kb_state(code: PhoenixCode) -> str | None:
    country = code.country
    if country is None or country not in _ORG_PREFIXES:
        return country
    for prefix in sorted(_ORG_STATES, key=len, reverse=True):
        if code.code.startswith(prefix):
            return _ORG_STATES[prefix]
    member = code.code[3:6]
    return member if country != "IGO" and _is_country(member) else code.code[:6]


def _kb_sector(code: PhoenixCode) -> str:
    """A Tacitus sector: the organisation kind, else the first known CAMEO sector, else CVL."""
    country = code.country
    if country in _ORG_PREFIXES:
        return _ORG_PREFIXES[country]
    rest = code.code[3:] if country else code.code
    for i in range(0, len(rest) - 2, 3):
        if rest[i : i + 3] in SECTORS:
            return rest[i : i + 3]
    return "CVL"


__all__ = ["PhoenixActor", "PhoenixCode", "parse_actor_file", "to_people_entities"]
