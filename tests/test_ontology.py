"""The PLOVER tables load, match the manual, and reject broken copies with [E301]."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from tacitus.errors import ConfigError
from tacitus.ontology import EventType, Mode, Ontology
from tacitus.ontology.plover import FACTUALITY, PLOVER_TYPES

ONTOLOGY = Ontology.default()


def _data(name: str) -> dict[str, Any]:
    text = (resources.files("tacitus.ontology.data") / name).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


# --------------------------------------------------------------------------- shipped data


def test_default_is_loaded_once() -> None:
    assert Ontology.default() is ONTOLOGY


def test_all_sixteen_types_in_manual_order() -> None:
    assert tuple(ONTOLOGY.types) == PLOVER_TYPES
    assert len(ONTOLOGY.types) == 16
    assert all(isinstance(t, EventType) for t in ONTOLOGY.types.values())
    assert all(isinstance(m, Mode) for t in ONTOLOGY.types.values() for m in t.modes.values())


def test_counts() -> None:
    assert sum(len(t.modes) for t in ONTOLOGY.types.values()) == 67
    assert len(ONTOLOGY.contexts) == 37
    assert ONTOLOGY.factuality == frozenset(FACTUALITY)


def test_event_types_are_hashable() -> None:
    assert len(set(ONTOLOGY.types.values())) == 16


@pytest.mark.parametrize(
    ("type_", "quad"),
    [
        ("AGREE", 1),
        ("CONSULT", 1),
        ("SUPPORT", 1),
        ("CONCEDE", 1),
        ("COOPERATE", 2),
        ("AID", 2),
        ("RETREAT", 2),
        ("REQUEST", 3),
        ("ACCUSE", 3),
        ("REJECT", 3),
        ("THREATEN", 3),
        ("PROTEST", 4),
        ("SANCTION", 4),  # the manual's SANCTION section and summary say material conflict
        ("MOBILIZE", 4),
        ("COERCE", 4),
        ("ASSAULT", 4),
    ],
)
def test_quad_class(type_: str, quad: int) -> None:
    assert ONTOLOGY.quad_class(type_) == quad


@pytest.mark.parametrize(
    ("type_", "mode", "score"),
    [
        ("AGREE", None, 2.5),
        ("CONSULT", None, 2.5),
        ("CONSULT", "visit", 4.0),
        ("CONSULT", "third-party", 1.0),
        ("CONSULT", "phone", 1.5),
        ("SUPPORT", None, 5.0),
        ("COOPERATE", None, 9.5),
        ("AID", None, 10.0),
        ("RETREAT", "disarm", 10.0),
        ("RETREAT", "ceasefire", 7.5),
        ("REQUEST", None, 0.0),
        ("REQUEST", "assist", 0.5),
        ("REJECT", "assist", -1.5),
        ("THREATEN", "territory", -4.0),
        ("PROTEST", "riot", -7.0),
        ("SANCTION", "expel", -5.5),
        ("MOBILIZE", None, -5.5),
        ("COERCE", "martial-law", -7.5),
        ("ASSAULT", None, -9.0),
        ("ASSAULT", "drone", -9.5),
        ("ASSAULT", "unconventional", -10.0),
    ],
)
def test_scores_match_the_manual(type_: str, mode: str | None, score: float) -> None:
    assert ONTOLOGY.score(type_, mode) == score


def test_accuse_score_sign_corrected() -> None:
    # The manual prints +3 for ACCUSE, whose modes score -2 to -3.5: read as a lost minus sign.
    assert ONTOLOGY.score("ACCUSE") == -3.0
    assert ONTOLOGY.score("ACCUSE", "allege") == -3.5


def test_mode_without_score_falls_back_to_type() -> None:
    assert ONTOLOGY.types["PROTEST"].modes["vandalize"].score is None
    assert ONTOLOGY.score("PROTEST", "vandalize") == ONTOLOGY.score("PROTEST") == -5.0


@pytest.mark.parametrize(
    ("type_", "modes"),
    [
        ("CONSULT", {"visit", "third-party", "multilateral", "phone"}),
        ("RETREAT", {"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
        ("ACCUSE", {"disapprove", "investigate", "allege"}),
        ("SANCTION", {"convict", "expel", "withdraw", "discontinue"}),
        ("AGREE", set()),
    ],
)
def test_modes(type_: str, modes: set[str]) -> None:
    assert set(ONTOLOGY.types[type_].modes) == modes


def test_assault_weapon_modes() -> None:
    modes = ONTOLOGY.types["ASSAULT"].modes
    assert {"aerial", "drone", "heavy-weapons", "firearms", "explosives"} <= set(modes)
    assert len(modes) == 15


def test_request_and_reject_share_modes() -> None:
    assert set(ONTOLOGY.types["REQUEST"].modes) == set(ONTOLOGY.types["REJECT"].modes)


@pytest.mark.parametrize(
    ("type_", "root"),
    [
        ("AGREE", "03"),
        ("CONSULT", "04"),
        ("SUPPORT", "05"),
        ("REQUEST", "10"),
        ("ACCUSE", "11"),
        ("CONCEDE", "08"),
        ("RETREAT", "08"),
        ("ASSAULT", "18"),
        ("COERCE", "17"),
    ],
)
def test_cameo_root(type_: str, root: str) -> None:
    assert ONTOLOGY.cameo_root(type_) == root


def test_contexts() -> None:
    assert {
        "military",
        "diplomatic",
        "economic",
        "pro_democracy",
        "trafficking",
    } <= ONTOLOGY.contexts


# --------------------------------------------------------------------------- future convention


@pytest.mark.parametrize(
    ("type_", "factuality", "expected"),
    [
        ("CONSULT", "planned", "AGREE"),
        ("CONSULT", "possible", "AGREE"),
        ("SUPPORT", "planned", "AGREE"),
        ("COOPERATE", "possible", "AGREE"),
        ("AID", "planned", "AGREE"),
        ("RETREAT", "planned", "CONCEDE"),
        ("RETREAT", "asserted", "RETREAT"),
        ("CONCEDE", "planned", "CONCEDE"),
        ("ASSAULT", "planned", "ASSAULT"),
        ("CONSULT", "asserted", "CONSULT"),
        ("CONSULT", "hypothetical", "CONSULT"),
    ],
)
def test_plover_future_convention(type_: str, factuality: str, expected: str) -> None:
    assert ONTOLOGY.plover_type(type_, factuality) == expected


@pytest.mark.parametrize("type_", PLOVER_TYPES)
def test_negated_events_are_dropped(type_: str) -> None:
    assert ONTOLOGY.plover_type(type_, "negated") is None


def test_plover_type_rejects_unknown_values() -> None:
    with pytest.raises(ValueError, match="unknown factuality 'future'"):
        ONTOLOGY.plover_type("CONSULT", "future")
    with pytest.raises(ValueError, match="unknown PLOVER event type 'FIGHT'"):
        ONTOLOGY.plover_type("FIGHT", "asserted")


# --------------------------------------------------------------------------- validate_event


def test_validate_event_accepts_good_events() -> None:
    ONTOLOGY.validate_event("CONSULT", "visit", "diplomatic")
    ONTOLOGY.validate_event("AGREE", None, None)


@pytest.mark.parametrize(
    ("type_", "mode", "context", "message"),
    [
        ("DEMAND", None, None, "unknown PLOVER event type 'DEMAND'"),
        ("consult", None, None, "unknown PLOVER event type 'consult'"),
        ("CONSULT", "drone", None, "CONSULT has no mode 'drone'"),
        ("AGREE", "visit", None, r"AGREE has no mode 'visit' \(its modes: none\)"),
        ("CONSULT", "visit", "weather", "unknown PLOVER context 'weather'"),
    ],
)
def test_validate_event_rejects(
    type_: str, mode: str | None, context: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        ONTOLOGY.validate_event(type_, mode, context)


def test_score_rejects_foreign_mode() -> None:
    with pytest.raises(ValueError, match="RETREAT has no mode 'visit'"):
        ONTOLOGY.score("RETREAT", "visit")


# --------------------------------------------------------------------------- CAMEO mapping


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("042", ("CONSULT", "visit", None)),
        ("043", ("CONSULT", "visit", None)),
        ("0431", ("CONSULT", "visit", None)),  # not listed: falls back to 043
        ("049", ("CONSULT", None, None)),  # not listed: falls back to the root 04
        ("04", ("CONSULT", None, None)),
        ("190", ("ASSAULT", None, "military")),
        ("195", ("ASSAULT", "aerial", "military")),
        ("0871", ("RETREAT", "ceasefire", "military")),
        ("081", ("CONCEDE", None, "legal")),
        ("163", ("SANCTION", "discontinue", "diplomatic")),
        ("1123", ("ACCUSE", "allege", "military")),
        ("204", ("ASSAULT", "unconventional", "cbrn")),
        (" 112 ", ("ACCUSE", "disapprove", None)),
    ],
)
def test_cameo_to_plover(code: str, expected: tuple[str, str | None, str | None]) -> None:
    assert ONTOLOGY.cameo_to_plover(code) == expected


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("010", "PLOVER has no category for root 01"),
        ("02", "PLOVER has no category for root 02"),
        ("99", "unknown CAMEO code '99'"),
        ("4", "malformed CAMEO code"),
        ("04a", "malformed CAMEO code"),
        ("04311", "malformed CAMEO code"),
    ],
)
def test_cameo_to_plover_rejects(code: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ONTOLOGY.cameo_to_plover(code)


def test_every_cameo_mapping_is_a_valid_event() -> None:
    codes = _data("cameo2plover.yaml")["codes"]
    assert len(codes) == 274
    for code in codes:
        ONTOLOGY.validate_event(*ONTOLOGY.cameo_to_plover(code))


# --------------------------------------------------------------------------- broken copies


Edit = Callable[[dict[str, Any]], None]


def _drop_type(data: dict[str, Any]) -> None:
    data["types"] = [t for t in data["types"] if t["name"] != "AID"]


def _bad_quad(data: dict[str, Any]) -> None:
    data["types"][0]["quad_class"] = 5


def _bool_quad(data: dict[str, Any]) -> None:
    data["types"][0]["quad_class"] = True


def _duplicate_type(data: dict[str, Any]) -> None:
    data["types"].append(dict(data["types"][0]))


def _unknown_type(data: dict[str, Any]) -> None:
    data["types"][5]["name"] = "FIGHT"


def _score_out_of_range(data: dict[str, Any]) -> None:
    data["types"][1]["modes"][0]["score"] = 12


def _score_not_number(data: dict[str, Any]) -> None:
    data["types"][1]["score"] = "high"


def _duplicate_mode(data: dict[str, Any]) -> None:
    modes = data["types"][1]["modes"]
    modes.append(dict(modes[0]))


def _duplicate_context(data: dict[str, Any]) -> None:
    data["contexts"].append(dict(data["contexts"][0]))


def _unquoted_root(data: dict[str, Any]) -> None:
    data["types"][0]["cameo_root"] = 3


def _future_unknown_type(data: dict[str, Any]) -> None:
    data["plover_future"][0]["becomes"] = "PROMISE"


def _dropped_not_names(data: dict[str, Any]) -> None:
    data["plover_dropped"] = [{"negated": True}]


def _missing_factuality(data: dict[str, Any]) -> None:
    data["factuality"] = data["factuality"][:-1]


def _root_not_mapped(data: dict[str, Any]) -> None:
    data["types"][0]["cameo_root"] = "04"  # AGREE under CONSULT's root


@pytest.mark.parametrize(
    ("edit", "detail"),
    [
        (_drop_type, "missing: ['AID']"),
        (_bad_quad, "AGREE: quad_class must be 1, 2, 3 or 4"),
        (_bool_quad, "AGREE: quad_class must be 1, 2, 3 or 4"),
        (_duplicate_type, "type AGREE listed twice"),
        (_unknown_type, "unknown: ['FIGHT']"),
        (_score_out_of_range, "CONSULT mode visit: score 12 outside [-10, 10]"),
        (_score_not_number, "CONSULT: score must be a number"),
        (_duplicate_mode, "CONSULT: mode 'visit' repeated"),
        (_duplicate_context, "contexts: 'military' listed twice"),
        (_unquoted_root, "AGREE: cameo_root must be a quoted 2-digit code"),
        (_future_unknown_type, "plover_future entry 0: unknown type"),
        (_missing_factuality, "'factuality' must be exactly"),
        (_dropped_not_names, "plover_dropped: unknown factuality value"),
        (_root_not_mapped, "AGREE: no code under CAMEO root 04 maps to it"),
    ],
)
def test_broken_plover_yaml(tmp_path: Path, edit: Edit, detail: str) -> None:
    data = _data("plover.yaml")
    edit(data)
    path = tmp_path / "plover.yaml"
    path.write_text(yaml.safe_dump(data), "utf-8")
    with pytest.raises(ConfigError) as caught:
        Ontology.load(path)
    message = str(caught.value)
    assert message.startswith(f"[E301] invalid data file {path}: ")
    assert detail in message


def _set_code(code: Any, type_: str, mode: str | None, context: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data["codes"][code] = {"type": type_, "mode": mode, "context": context}

    return edit


def _drop_root(data: dict[str, Any]) -> None:
    del data["codes"]["04"]


def _drop_mapped_root(data: dict[str, Any]) -> None:
    data["dropped"].append("04")


@pytest.mark.parametrize(
    ("edit", "detail"),
    [
        (_set_code("042", "CONSULT", "drone", None), "code 042: CONSULT has no mode 'drone'"),
        (_set_code("042", "MEET", None, None), "code 042: unknown type MEET"),
        (_set_code("042", "CONSULT", None, "sport"), "code 042: unknown context 'sport'"),
        # what an unquoted 042 becomes in YAML (octal 34)
        (_set_code(34, "CONSULT", None, None), "code 34: must be a quoted 2-4 digit string"),
        (_set_code("091", "ACCUSE", None, ["crime", "corruption"]), "code 091: mode and context"),
        (_drop_root, "codes without a root entry: ['040',"),
        (_drop_mapped_root, "dropped roots still mapped: ['04',"),
    ],
)
def test_broken_cameo_yaml(tmp_path: Path, edit: Edit, detail: str) -> None:
    data = _data("cameo2plover.yaml")
    edit(data)
    path = tmp_path / "cameo2plover.yaml"
    path.write_text(yaml.safe_dump(data), "utf-8")
    with pytest.raises(ConfigError, match=r"^\[E301\] ") as caught:
        Ontology.load(cameo_path=path)
    assert detail in str(caught.value)


def test_not_a_data_file(tmp_path: Path) -> None:
    path = tmp_path / "plover.yaml"
    path.write_text("types: []\n", "utf-8")
    with pytest.raises(ConfigError, match=r"^\[E301\] .*integer 'version'"):
        Ontology.load(path)
