"""The actor knowledge base data: complete, unambiguous, spot-checked, and validated with [E301].

The data files are copied to a temporary folder with a minimal `people.yaml`, so these tests do
not depend on the people list (written separately); one test loads the shipped package data and
skips while `people.yaml` is missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

from tacitus.errors import ConfigError
from tacitus.kb.actors import SECTORS, KnowledgeBase, load_knowledge_base

DATA_PACKAGE = "tacitus.kb.data"
OWN_FILES = ("states.yaml", "organisations.yaml", "groups.yaml", "institutions.yaml")
MINIMAL_PEOPLE = """\
version: 1
people:
  - name: Test Person
    roles: [{office: President, state: USA, sector: GOV, start: 2020-01-01, end: null}]
"""
# User-assigned codes used for states that ISO 3166-1 does not list.
EXTRA_STATES = {"XKX"}  # Kosovo

# Surface forms (casefolded) that may name entities with different codes, each with a reason.
# Keep this empty unless a form really is shared and the matcher disambiguates it by context.
ALLOWED_SHARED: dict[str, set[str]] = {}


def _text(name: str) -> str:
    return (resources.files(DATA_PACKAGE) / name).read_text("utf-8")


def _raw(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_text(name))
    return data


def _copy_data(folder: Path) -> Path:
    for name in OWN_FILES:
        (folder / name).write_text(_text(name), "utf-8")
    (folder / "people.yaml").write_text(MINIMAL_PEOPLE, "utf-8")
    return folder


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge_base(_copy_data(tmp_path_factory.mktemp("kb")))


def _forms(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Casefolded surface form -> entity ids (people excluded: they come from another file)."""
    forms: dict[str, set[str]] = defaultdict(set)
    for text, entity_id, _how in kb.surface_forms():
        if kb.entities[entity_id].kind != "person":
            forms[text.casefold()].add(entity_id)
    return forms


# --------------------------------------------------------------------------- completeness


def test_every_iso_country_is_a_state(kb: KnowledgeBase) -> None:
    iso = {country.alpha_3 for country in pycountry.countries}
    assert set(kb.states) == iso | EXTRA_STATES


def test_minimum_sizes(kb: KnowledgeBase) -> None:
    kinds = defaultdict(int)
    for entity in kb.entities.values():
        kinds[entity.kind] += 1
    assert kinds["igo"] + kinds["bloc"] >= 80
    assert kinds["group"] >= 40
    assert kinds["institution"] >= 60
    assert len(kb.generic) >= 60


def test_states_listed_in_code_order() -> None:
    codes = [row["code"] for row in _raw("states.yaml")["states"]]
    assert codes == sorted(codes)


# --------------------------------------------------------------------------- consistency


def test_no_surface_form_names_two_codes(kb: KnowledgeBase) -> None:
    clashes = {}
    for text, ids in _forms(kb).items():
        codes = {kb.entities[i].code for i in ids}
        if len(codes) > 1 and codes != ALLOWED_SHARED.get(text):
            clashes[text] = sorted(ids)
    assert clashes == {}


def test_no_surface_form_names_two_entities(kb: KnowledgeBase) -> None:
    # Stricter: even with the same code, one form should not be both a state metonym and a
    # named institution (the sector would depend on which one the matcher picks).
    shared = {text: sorted(ids) for text, ids in _forms(kb).items() if len(ids) > 1}
    assert {t: ids for t, ids in shared.items() if t not in ALLOWED_SHARED} == {}


def test_generic_nouns_are_lower_case_unique_and_not_names(kb: KnowledgeBase) -> None:
    nouns = [g.noun for g in kb.generic]
    assert all(noun == noun.lower() == noun.strip() for noun in nouns)
    assert len(nouns) == len(set(nouns))
    assert set(nouns) & set(_forms(kb)) == set()


def test_organisation_and_group_codes_are_not_state_codes(kb: KnowledgeBase) -> None:
    own_codes = {e.code for e in kb.entities.values() if e.kind in ("igo", "bloc", "group")}
    assert own_codes & set(kb.states) == set()


def test_institution_codes_are_states_or_organisations(kb: KnowledgeBase) -> None:
    organisations = {e.code for e in kb.entities.values() if e.kind in ("igo", "bloc")}
    for entity in kb.entities.values():
        if entity.kind == "institution":
            assert entity.code in kb.states or entity.code in organisations, entity.id


def test_group_home_states_exist(kb: KnowledgeBase) -> None:
    for row in _raw("groups.yaml")["groups"]:
        assert "state" in row, row["code"]
        assert row["state"] is None or row["state"] in kb.states, row["code"]


def test_no_blank_or_padded_forms(kb: KnowledgeBase) -> None:
    for text, entity_id, _how in kb.surface_forms():
        assert text == text.strip() and "  " not in text, (entity_id, text)


# --------------------------------------------------------------------------- spot checks


@pytest.mark.parametrize(
    ("text", "how", "code", "sector"),
    [
        ("Beijing", "capital", "CHN", None),
        ("the Kremlin", "metonym", "RUS", None),
        ("Kremlin", "metonym", "RUS", None),
        ("Zhongnanhai", "metonym", "CHN", None),
        ("Sino", "adjective", "CHN", None),
        ("Chinese", "adjective", "CHN", None),
        ("Russo", "adjective", "RUS", None),
        ("Kyiv", "capital", "UKR", None),
        ("Kiev", "metonym", "UKR", None),
        ("Jerusalem", "capital", "ISR", None),
        ("Taiwan", "name", "TWN", None),
        ("Türkiye", "name", "TUR", None),
        ("Turkey", "name", "TUR", None),
        ("U.S.", "name", "USA", None),
        ("US", "name", "USA", None),
        ("Britain", "name", "GBR", None),
        ("DPRK", "name", "PRK", None),
        ("Burma", "name", "MMR", None),
        ("Ivory Coast", "name", "CIV", None),
        ("Côte d'Ivoire", "name", "CIV", None),
        ("Congo", "name", "COD", None),
        ("Congo-Brazzaville", "name", "COG", None),
        ("Guinean", "adjective", "GIN", None),
        ("Palestinian", "adjective", "PSE", None),
        ("Kosovo", "name", "XKX", None),
        ("Ansar Allah", "name", "HOUTHIS", "REB"),
        ("the Houthis", "name", "HOUTHIS", "REB"),
        ("Rapid Support Forces", "name", "RSF", "REB"),
        ("Daesh", "name", "IS", "REB"),
        ("Pakistani Taliban", "name", "TTP", "REB"),
        ("Wagner Group", "name", "WAGNER", "MIL"),
        ("the West", "name", "WEST", "IGO"),
        ("Western", "adjective", "WEST", "IGO"),
        ("NATO", "name", "NATO", "IGO"),
        ("the U.N.", "name", "UN", "IGO"),
        ("Security Council", "name", "UN", "IGO"),  # organs share the parent code
        ("G-7", "name", "G7", "IGO"),
        ("European Commission", "name", "EU", "IGO"),
        ("Pentagon", "name", "USA", "MIL"),
        ("the White House", "name", "USA", "GOV"),
        ("IRGC", "name", "IRN", "MIL"),
        ("PLA", "name", "CHN", "MIL"),
        ("Japan Self-Defense Forces", "name", "JPN", "MIL"),
        ("SDF", "name", "SDF", "REB"),
    ],
)
def test_spot_checks(kb: KnowledgeBase, text: str, how: str, code: str, sector: str | None) -> None:
    found = [(eid, h) for t, eid, h in kb.surface_forms() if t == text]
    assert len({eid for eid, _ in found}) == 1, found
    entity_id, found_how = found[0]
    assert found_how == how
    resolved = kb.resolve(entity_id, None)
    assert (resolved.code, resolved.sector) == (code, sector)


@pytest.mark.parametrize(
    ("code", "kind"), [("NATO", "igo"), ("UN", "igo"), ("BRICS", "bloc"), ("WEST", "bloc")]
)
def test_organisation_kinds(kb: KnowledgeBase, code: str, kind: str) -> None:
    assert kb.entities[f"org:{code}"].kind == kind


def test_generic_spot_checks(kb: KnowledgeBase) -> None:
    sectors = {g.noun: g.sector for g in kb.generic}
    assert sectors["side"] == "GOV"
    assert sectors["foreign ministry"] == "GOV"
    assert sectors["defence ministry"] == sectors["defense ministry"] == "MIL"
    assert sectors["parliament"] == "LEG"
    assert sectors["police"] == "COP"
    assert set(sectors.values()) <= SECTORS


# --------------------------------------------------------------------------- loader errors


def _append(key: str, row: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    return lambda data: data[key].append(row)


def _duplicate_first(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data[key].append(dict(data[key][0]))


@pytest.mark.parametrize(
    ("name", "change", "detail"),
    [
        ("states.yaml", _append("states", {"code": "CH", "name": "X"}), "is not ISO3"),
        ("states.yaml", _append("states", {"code": "chn", "name": "X"}), "is not ISO3"),
        ("states.yaml", _duplicate_first("states"), "duplicate entity state:ABW"),
        ("organisations.yaml", _duplicate_first("organisations"), "duplicate entity org:UN"),
        (
            "organisations.yaml",
            _append("organisations", {"code": "XO", "name": "X", "kind": "club"}),
            "kind must be igo or bloc",
        ),
        (
            "groups.yaml",
            _append("groups", {"code": "XG", "name": "X", "state": None, "sector": "BAD"}),
            "bad sector 'BAD'",
        ),
        ("groups.yaml", _duplicate_first("groups"), "duplicate entity group:HAMAS"),
        (
            "institutions.yaml",
            _append("named", {"name": "X", "code": "USA", "sector": "gov"}),
            "bad sector 'gov'",
        ),
        (
            "institutions.yaml",
            _append("generic", {"noun": "x", "sector": "NOPE"}),
            "bad sector 'NOPE'",
        ),
        ("institutions.yaml", _duplicate_first("named"), "duplicate entity institution:"),
    ],
)
def test_loader_rejects_bad_data(
    tmp_path: Path, name: str, change: Callable[[dict[str, Any]], None], detail: str
) -> None:
    folder = _copy_data(tmp_path)
    data = yaml.safe_load((folder / name).read_text("utf-8"))
    change(data)
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_knowledge_base(folder)
    assert str(caught.value).startswith("[E301]")
    assert detail in str(caught.value)


# --------------------------------------------------------------------------- shipped package


def test_shipped_knowledge_base_loads() -> None:
    if not (resources.files(DATA_PACKAGE) / "people.yaml").is_file():
        pytest.skip("kb/data/people.yaml not written yet")
    kb = load_knowledge_base()
    assert set(kb.states) >= {c.alpha_3 for c in pycountry.countries}
    assert kb.resolve("state:CHN", None).code == "CHN"
