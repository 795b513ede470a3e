"""The people list (kb/data/people.yaml): loads, resolves by date, and keeps its data clean.

`load_knowledge_base` needs every KB file, and the other files are written separately, so the
package's data files are copied to a temporary folder and any missing one is replaced by a
minimal valid stub. Checks against the other files (codes, shared names) run only when those
files are the real ones.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from tacitus.kb.actors import Entity, KnowledgeBase, Role, load_knowledge_base

DATA_PACKAGE = "tacitus.kb.data"
STUBS = {
    "states.yaml": "version: 1\nstates: []\n",
    "organisations.yaml": "version: 1\norganisations: []\n",
    "groups.yaml": "version: 1\ngroups: []\n",
    "institutions.yaml": "version: 1\nnamed: []\ngeneric: []\n",
}
ISO3 = {country.alpha_3 for country in pycountry.countries} | {"XKX"}
# Organisation and group codes people may act for (see the header of people.yaml).
ORG_CODES = {"UN", "UNGA", "UNHCR", "OHCHR", "UNRWA", "ICJ", "EU", "NATO", "AU", "IMF"}
ORG_CODES |= {"IAEA", "WHO"}
GROUP_CODES = {"HAMAS", "HEZBOLLAH", "HOUTHIS", "TALIBAN", "HTS", "RSF"}
PERSON_SECTORS = {"GOV", "MIL", "LEG", "JUD", "SPY", "IGO", "REB"}
# Offices with one holder at a time in a given state (acting holders use "Acting ...").
SINGLE_HOLDER = {
    "President",
    "Prime Minister",
    "Premier",
    "Chancellor",
    "King",
    "Queen",
    "Emperor",
    "Emir",
    "Supreme Leader",
    "Taoiseach",
    "Crown Prince",
    "Foreign Minister",
    "Foreign Secretary",
    "External Affairs Minister",
    "Secretary of Foreign Affairs",
    "Minister of International Relations and Cooperation",
    "Secretary of State",
    "Secretary of Defense",
    "Defence Minister",
    "Defence Secretary",
    "Vice President",
    "National Security Adviser",
    "Secretary-General",
    "Secretary General",
    "President of the European Commission",
    "President of the European Council",
    "High Representative for Foreign Affairs",
    "Chief of the General Staff",
    "Chief of Army Staff",
    "Chairman of the Joint Chiefs of Staff",
    "Speaker of the House of Representatives",
}
# Surnames shared by several well-known people: never an alias on their own.
SHARED_SURNAMES = {
    "kim", "lee", "park", "moon", "wang", "li", "hu", "khan", "sharif", "singh", "zardari",
    "rasmussen", "fernández", "fernandez", "kirchner", "aoun", "rice", "clinton", "bush",
    "johnson", "harris", "brown", "kaczyński", "kaczynski", "sinwar", "abbas", "salman",
    "miliband", "may", "martin", "wong", "abdullah", "ashkenazi", "bagheri", "qassem",
}  # fmt: skip
# Bare surnames that are words of another person's name, with the reason they are still safe.
SURNAME_EXCEPTIONS = {
    "zuma": "Jacob Zuma; Nkosazana Dlamini-Zuma has the longer forms 'Dlamini Zuma'",
    "ashton": "Catherine Ashton; in 'Ashton Carter' it is a first name",
    "petro": "Gustavo Petro; in 'Petro Poroshenko' it is a first name",
}
LATEST = dt.date(2027, 12, 31)


@pytest.fixture(scope="module")
def kb_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kb")
    for entry in resources.files(DATA_PACKAGE).iterdir():
        if entry.name.endswith(".yaml"):
            (folder / entry.name).write_text(entry.read_text("utf-8"), "utf-8")
    for name, stub in STUBS.items():
        if not (folder / name).exists():
            (folder / name).write_text(stub, "utf-8")
    return folder


@pytest.fixture(scope="module")
def kb(kb_folder: Path) -> KnowledgeBase:
    if not (kb_folder / "people.yaml").exists():
        pytest.skip("kb/data/people.yaml not written yet")
    return load_knowledge_base(kb_folder)


@pytest.fixture(scope="module")
def people(kb: KnowledgeBase) -> list[Entity]:
    return [e for e in kb.entities.values() if e.kind == "person"]


def _roles(people: list[Entity]) -> list[tuple[Entity, Role]]:
    return [(person, role) for person in people for role in person.roles]


# --------------------------------------------------------------------------- resolution


@pytest.mark.parametrize(
    ("name", "on", "code", "sector", "office"),
    [
        ("Donald Trump", "2019-06-01", "USA", "GOV", "President"),
        ("Donald Trump", "2023-06-01", "USA", "ELI", None),
        ("Donald Trump", "2025-06-01", "USA", "GOV", "President"),
        ("Joe Biden", "2025-05-01", "USA", "ELI", None),
        ("Joe Biden", "2022-01-01", "USA", "GOV", "President"),
        ("Joe Biden", "2012-01-01", "USA", "GOV", "Vice President"),
        ("Vladimir Putin", "2010-06-01", "RUS", "GOV", "Prime Minister"),
        ("Vladimir Putin", "2025-06-01", "RUS", "GOV", "President"),
        ("Dmitry Medvedev", "2010-06-01", "RUS", "GOV", "President"),
        ("Dmitry Medvedev", "2023-06-01", "RUS", "GOV", "Deputy Chairman of the Security Council"),
        ("Xi Jinping", "2025-06-01", "CHN", "GOV", "President"),
        ("Volodymyr Zelensky", "2025-06-01", "UKR", "GOV", "President"),
        ("Sergei Lavrov", "2025-06-01", "RUS", "GOV", "Foreign Minister"),
        ("Wang Yi", "2025-06-01", "CHN", "GOV", None),
        ("Wang Yi", "2023-03-01", "CHN", "GOV", None),
        ("António Guterres", "2025-06-01", "UN", "IGO", "Secretary-General"),
        ("Mark Rutte", "2025-06-01", "NATO", "IGO", "Secretary General"),
        ("Mark Rutte", "2015-06-01", "NLD", "GOV", "Prime Minister"),
        ("Ali Khamenei", "2025-06-01", "IRN", "GOV", "Supreme Leader"),
        ("Benjamin Netanyahu", "2025-06-01", "ISR", "GOV", "Prime Minister"),
        ("Benjamin Netanyahu", "2022-01-01", "ISR", "ELI", None),
        ("Lai Ching-te", "2025-06-01", "TWN", "GOV", "President"),
        ("Kim Jong Un", "2025-06-01", "PRK", "GOV", "Supreme Leader"),
        ("Mohammed bin Salman", "2025-06-01", "SAU", "GOV", "Prime Minister"),
        ("Ahmed al-Sharaa", "2020-06-01", "HTS", "REB", None),
        ("Ahmed al-Sharaa", "2025-06-01", "SYR", "GOV", "President"),
        ("Bashar al-Assad", "2025-06-01", "SYR", "ELI", None),
        ("Ismail Haniyeh", "2020-06-01", "HAMAS", "REB", None),
        ("Hassan Nasrallah", "2025-06-01", "HEZBOLLAH", "ELI", None),
        ("Valerii Zaluzhnyi", "2023-06-01", "UKR", "MIL", None),
        ("Jens Stoltenberg", "2020-06-01", "NATO", "IGO", None),
        ("Ursula von der Leyen", "2025-06-01", "EU", "IGO", None),
    ],
)
def test_resolve_on_date(
    kb: KnowledgeBase, name: str, on: str, code: str, sector: str, office: str | None
) -> None:
    resolved = kb.resolve(f"person:{name}", dt.date.fromisoformat(on))
    assert (resolved.code, resolved.sector) == (code, sector)
    if office is not None:
        assert resolved.role is not None
        assert resolved.role.office == office


def test_every_person_resolves_on_any_date(kb: KnowledgeBase, people: list[Entity]) -> None:
    for person in people:
        states = {role.state for role in person.roles}
        for on in (None, dt.date(1950, 1, 1), dt.date(2009, 1, 1), dt.date(2025, 6, 1)):
            assert kb.resolve(person.id, on).code in states, person.name


# --------------------------------------------------------------------------- coverage


def test_size(people: list[Entity]) -> None:
    assert len(people) >= 250


@pytest.mark.parametrize(
    "state",
    "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA "
    "UKR IRN ISR PAK TWN PRK EU UN NATO HAMAS HEZBOLLAH HOUTHIS".split(),
)
def test_state_has_a_current_leader(kb: KnowledgeBase, people: list[Entity], state: str) -> None:
    on = dt.date(2025, 6, 1)
    current = [p for p in people if any(r.state == state and r.active(on) for r in p.roles)]
    assert current, f"nobody acts for {state} on {on}"


@pytest.mark.parametrize(
    "state", "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
)
def test_g20_heads_of_government_cover_2009_to_today(people: list[Entity], state: str) -> None:
    heads = {"President", "Acting President", "Prime Minister", "Premier", "Chancellor", "King"}
    day, today = dt.date(2009, 1, 1), dt.date(2025, 10, 1)
    roles = [r for _, r in _roles(people) if r.state == state and r.office in heads]
    while day <= today:
        assert any(r.active(day) for r in roles), f"no head of {state} on {day}"
        day += dt.timedelta(days=30)


# --------------------------------------------------------------------------- hygiene


def _forms(person: Entity) -> set[str]:
    return {form.casefold() for form in (person.name, *person.aliases)}


def test_no_alias_shared_by_two_people(people: list[Entity]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for form in _forms(person):
            owners[form].add(person.name)
    shared = {form: names for form, names in owners.items() if len(names) > 1}
    assert not shared


def test_aliases_are_not_repeated_or_padded(people: list[Entity]) -> None:
    for person in people:
        forms = [person.name, *person.aliases]
        assert len({f.casefold() for f in forms}) == len(forms), person.name
        assert all(f == f.strip() and "  " not in f for f in forms), person.name


def test_single_word_aliases_are_unambiguous(people: list[Entity]) -> None:
    """A bare surname must not be a common shared surname nor a word of another person's name."""
    words: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for form in _forms(person):
            for word in form.split():
                words[word].add(person.name)
    for person in people:
        for alias in person.aliases:
            key = alias.casefold()
            assert key not in SHARED_SURNAMES, f"{person.name}: {alias}"
            if " " not in key and key not in SURNAME_EXCEPTIONS:
                assert words[key] == {person.name}, f"{person.name}: {alias} {words[key]}"


def test_person_names_do_not_name_other_entities(kb: KnowledgeBase, people: list[Entity]) -> None:
    others: dict[str, str] = {}
    for text, entity_id, _how in kb.surface_forms():
        if kb.entities[entity_id].kind != "person":
            others[text.casefold()] = entity_id
    for person in people:
        clashes = {form: others[form] for form in _forms(person) if form in others}
        assert not clashes, person.name


def test_state_codes(kb: KnowledgeBase, people: list[Entity]) -> None:
    real_files = bool(kb.states)
    known = {e.code for e in kb.entities.values() if e.kind != "person"}
    for person, role in _roles(people):
        assert role.state in ISO3 | ORG_CODES | GROUP_CODES, f"{person.name}: {role.state}"
        if real_files:
            assert role.state in known, f"{person.name}: {role.state} is not in the KB"


def test_sectors_match_codes(people: list[Entity]) -> None:
    for person, role in _roles(people):
        assert role.sector in PERSON_SECTORS, person.name
        if role.state in ORG_CODES:
            assert role.sector == "IGO", person.name
        elif role.state in GROUP_CODES:
            assert role.sector == "REB", person.name
        else:
            assert role.sector not in {"IGO", "REB"}, person.name


def test_dates_are_plausible(people: list[Entity]) -> None:
    for person, role in _roles(people):
        if role.start is not None:
            assert dt.date(1940, 1, 1) <= role.start <= dt.date(2026, 11, 1), person.name
        if role.end is not None:
            assert dt.date(1940, 1, 1) <= role.end <= LATEST, person.name


def test_no_overlapping_single_holder_terms(people: list[Entity]) -> None:
    terms: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for person, role in _roles(people):
        if role.office in SINGLE_HOLDER and role.start is not None:
            terms[role.state, role.office].append(
                (role.start, role.end or dt.date.max, person.name)
            )
    problems = []
    for key, spans in terms.items():
        spans.sort()
        for (_, end, name), (start, _, other) in itertools.pairwise(spans):
            if start < end and name != other:  # equal dates: the handover day
                problems.append(f"{key}: {name} until {end}, {other} from {start}")
            elif start < end:
                problems.append(f"{key}: {name} has overlapping terms")
    assert not problems


def test_flow_style_one_role_per_line(kb_folder: Path) -> None:
    role_lines = re.compile(r"^      - \{office: [^{}]+\}( +#.*)?$")
    for number, line in enumerate((kb_folder / "people.yaml").read_text("utf-8").splitlines()):
        if line.startswith("      - "):
            assert role_lines.match(line), f"line {number + 1}: {line}"
