"""The CAMEO/Phoenix actor dictionary importer: the real files (when present) and each quirk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tacitus.analysis import Analyzer
from tacitus.errors import ConfigError
from tacitus.kb.actors import KnowledgeBase, load_knowledge_base
from tacitus.kb.phoenix import (
    PhoenixActor,
    PhoenixCode,
    display_name,
    load_phoenix_people,
    parse_actor_file,
    to_people_entities,
)

PHOENIX_DIR = (Path(__file__).resolve().parent.parent / "../shared/data/phoenix").resolve()
D = dt.date


def _parse(
    tmp_path: Path, text: str, encoding: str = "utf-8"
) -> tuple[list[PhoenixActor], list[str]]:
    path = tmp_path / "sample.actors.txt"
    path.write_bytes(text.encode(encoding))
    warnings: list[str] = []
    return list(parse_actor_file(path, warnings)), warnings


def _by_name(actors: list[PhoenixActor]) -> dict[str, PhoenixActor]:
    return {actor.name: actor for actor in actors}


# --------------------------------------------------------------------------- the real files


def _real(name: str) -> tuple[dict[str, PhoenixActor], list[str]]:
    path = PHOENIX_DIR / name
    if not path.is_file():
        pytest.skip(f"Phoenix dictionaries not found at {PHOENIX_DIR} (optional data)")
    warnings: list[str] = []
    return _by_name(list(parse_actor_file(path, warnings))), warnings


@pytest.fixture(scope="module")
def countries() -> tuple[dict[str, PhoenixActor], list[str]]:
    return _real("Phoenix.Countries.actors.txt")


@pytest.fixture(scope="module")
def international() -> tuple[dict[str, PhoenixActor], list[str]]:
    return _real("Phoenix.International.actors.txt")


def test_real_putin(countries: tuple[dict[str, PhoenixActor], list[str]]) -> None:
    putin = countries[0]["VLADIMIR PUTIN"]
    assert "PUTIN" in putin.synonyms
    assert "VLADIMIR VLADIMIROVICH PUTIN" in putin.synonyms
    assert PhoenixCode("RUSGOV", D(2008, 5, 8), None) in putin.codes
    assert PhoenixCode("RUSGOV", D(1999, 12, 31), D(2008, 5, 7)) in putin.codes
    assert PhoenixCode("RUSELI", D(1970, 1, 1), D(1999, 8, 9)) in putin.codes
    assert PhoenixCode("RUSELI") in putin.codes
    gov = next(code for code in putin.codes if code.start == D(2008, 5, 8))
    assert (gov.country, gov.sector) == ("RUS", "GOV")


def test_real_country_and_institution(countries: tuple[dict[str, PhoenixActor], list[str]]) -> None:
    actors, _ = countries
    russia = actors["RUSSIAN FEDERATION"]
    assert russia.codes == (PhoenixCode("RUS"),)
    assert "RUSSIA" in russia.synonyms
    assert actors["KREMLIN"].codes == (PhoenixCode("RUSGOV"),)
    # name variants listed without "+" before the codes belong to the same actor
    assert "LEONID ILYICH BREZHNEV" in actors["LEONID BREZHNEV"].synonyms


def test_real_warnings_name_the_bad_lines(
    countries: tuple[dict[str, PhoenixActor], list[str]],
) -> None:
    _, warnings = countries
    assert any(
        w.endswith(":2039: bad date '9008223' (expected YYMMDD or YYYYMMDD)") for w in warnings
    )
    assert len(warnings) < 100


def test_real_igo_codes(international: tuple[dict[str, PhoenixActor], list[str]]) -> None:
    actors, _ = international
    un = actors["THE UNITED NATIONS"].codes[0]
    assert (un.code, un.country, un.sector, un.dated) == ("IGOUNO", "IGO", "UNO", False)
    annan = actors["KOFI ANNAN"]
    assert annan.codes == (
        PhoenixCode("IGOUNO", D(1997, 1, 1), D(2006, 12, 31)),
        PhoenixCode("ELI"),
    )
    assert (annan.codes[1].country, annan.codes[1].sector) == (None, "ELI")
    # codes on the name line, "[---]" (no code) ignored
    assert actors["JEAN MARIE GUEHENNO"].codes == (
        PhoenixCode("IGOUNO", D(2000, 1, 1), D(2008, 8, 1)),
    )


def test_real_people_entities(
    countries: tuple[dict[str, PhoenixActor], list[str]],
    international: tuple[dict[str, PhoenixActor], list[str]],
) -> None:
    people = to_people_entities([*countries[0].values(), *international[0].values()])
    kb = KnowledgeBase(people, [])
    assert "phoenix:KREMLIN" not in kb.entities
    assert "phoenix:RUSSIAN FEDERATION" not in kb.entities
    assert kb.resolve("phoenix:VLADIMIR PUTIN", D(2010, 6, 1)).code == "RUS"
    assert kb.resolve("phoenix:VLADIMIR PUTIN", D(2010, 6, 1)).sector == "GOV"
    assert kb.resolve("phoenix:VLADIMIR PUTIN", D(1995, 6, 1)).sector == "ELI"
    annan = kb.resolve("phoenix:KOFI ANNAN", D(2000, 1, 1))
    assert (annan.code, annan.sector) == ("UN", "IGO")
    assert kb.resolve("phoenix:KOFI ANNAN", D(2010, 1, 1)).sector == "ELI"


# --------------------------------------------------------------------------- date forms


@pytest.mark.parametrize(
    ("spec", "start", "end"),
    [
        (">080508", D(2008, 5, 8), None),
        ("<990809", None, D(1999, 8, 9)),
        ("700101-990809", D(1970, 1, 1), D(1999, 8, 9)),
        ("991231-080507", D(1999, 12, 31), D(2008, 5, 7)),
        ("19171109-19911225", D(1917, 11, 9), D(1991, 12, 25)),
        ("20071203-130918", D(2007, 12, 3), D(2013, 9, 18)),
        ("> 140608", D(2014, 6, 8), None),
        (">390101", D(2039, 1, 1), None),
        (">400101", D(1940, 1, 1), None),
        ("331108-730717", D(1933, 11, 8), D(1973, 7, 17)),
        ("000229-010101", D(2000, 2, 29), D(2001, 1, 1)),
    ],
)
def test_date_forms(tmp_path: Path, spec: str, start: D | None, end: D | None) -> None:
    actors, warnings = _parse(tmp_path, f"SOMEONE_\n\t[USAGOV {spec}]\n")
    assert actors == [PhoenixActor("SOMEONE", (), (PhoenixCode("USAGOV", start, end),))]
    assert warnings == []


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("9008223-911221", "bad date '9008223'"),
        (">201005011", "bad date '201005011'"),
        ("1920030320-20060520", "bad date '1920030320'"),
        ("20121204", "bad date range '20121204'"),
        ("991340-000101", "impossible date '991340'"),
        ("20121207-20120802", "ends before it starts"),
        ("since 2001", "bad date range 'since 2001'"),
    ],
)
def test_bad_dates_become_warnings(tmp_path: Path, spec: str, problem: str) -> None:
    actors, warnings = _parse(tmp_path, f"SOMEONE_\n\t[USAGOV {spec}]\n\t[USAELI]\nNEXT_ [FRA]\n")
    assert [a.name for a in actors] == ["SOMEONE", "NEXT"]
    assert actors[0].codes == (PhoenixCode("USAELI"),)  # the bad code is dropped, not the actor
    assert len(warnings) == 1
    assert problem in warnings[0]
    assert warnings[0].startswith(f"{tmp_path / 'sample.actors.txt'}:2: ")


# --------------------------------------------------------------------------- layout quirks


def test_comments_blank_lines_and_spaces(tmp_path: Path) -> None:
    text = (
        "# header comment\n"
        "#\n"
        "\n"
        "  JOHN__DOE_   # CountryInfo.txt\n"
        "+DOE_ \n"
        "+J._DOE  #a comment\n"
        "   # an indented comment between synonyms and codes\n"
        "\t[GBRGOV 100511-160713] # comment after a code\n"
        "\t[GBRELI]# no space before the comment\n"
        "\n"
        "\n"
        "ACME_ [MNCUSA]\t#  kkl 21 Mar 13\n"
    )
    actors, warnings = _parse(tmp_path, text)
    assert actors == [
        PhoenixActor(
            "JOHN DOE",
            ("DOE", "J. DOE"),
            (PhoenixCode("GBRGOV", D(2010, 5, 11), D(2016, 7, 13)), PhoenixCode("GBRELI")),
        ),
        PhoenixActor("ACME", (), (PhoenixCode("MNCUSA"),)),
    ]
    assert warnings == []


def test_several_codes_on_one_line_and_no_code_marker(tmp_path: Path) -> None:
    text = "JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI] [---]# IGOrulers.txt\n"
    actors, warnings = _parse(tmp_path, text)
    assert actors[0].codes == (
        PhoenixCode("IGOUNO", D(1982, 1, 1), D(1991, 12, 31)),
        PhoenixCode("ELI"),
    )
    assert warnings == []


def test_name_variants_without_plus_join_the_actor(tmp_path: Path) -> None:
    text = "LEONID_BREZHNEV_  # CountryInfo.txt\nLEONID_ILYICH_BREZHNEV\n+BREZHNEV\n\t[RUSGOV 641014-821110]\nNEXT_PERSON_\n\t[RUSGOV]\n"
    actors, _ = _parse(tmp_path, text)
    assert [(a.name, a.synonyms) for a in actors] == [
        ("LEONID BREZHNEV", ("LEONID ILYICH BREZHNEV", "BREZHNEV")),
        ("NEXT PERSON", ()),
    ]


def test_run_together_synonyms_and_duplicates(tmp_path: Path) -> None:
    actors, _ = _parse(tmp_path, "ARMY_ [YEMREB]\n+ARMY_OF_X_+X_ARMY_\n+ARMY_\n+X_ARMY\n")
    assert actors[0].synonyms == ("ARMY OF X", "X ARMY")


def test_malformed_lines_become_warnings(tmp_path: Path) -> None:
    text = (
        "+ORPHAN_SYNONYM_\n"
        "\t[USAGOV]\n"
        "FAROE_ISLANDS_ [FRO]\n"
        "+FAEROYENE]_\n"
        "+BROKEN_ [FRO\n"
        "\t[rusgov]\n"
        "\t[RUS GOV 2001]\n"
        "\n"
        "NO_CODE_AT_ALL_\n"
        "\n"
        "LAST_ [DNK]\n"
    )
    actors, warnings = _parse(tmp_path, text)
    assert [a.name for a in actors] == ["FAROE ISLANDS", "NO CODE AT ALL", "LAST"]
    assert actors[0].codes == (PhoenixCode("FRO"),)
    assert actors[0].synonyms == ("FAEROYENE", "BROKEN")
    problems = [w.split(": ", 1)[1] for w in warnings]
    assert problems == [
        "synonym '+ORPHAN_SYNONYM_' outside an actor",
        "codes outside an actor",
        "unbalanced bracket in '+FAEROYENE]_'",
        "unbalanced bracket in '+BROKEN_ [FRO'",
        "bad code 'rusgov'",
        "bad date range 'GOV 2001'",
        "actor 'NO CODE AT ALL' has no code",
    ]


def test_latin1_file_is_read_with_a_warning(tmp_path: Path) -> None:
    actors, warnings = _parse(tmp_path, "JOSÉ_PÉREZ_ [ESPGOV >040417]\n", encoding="latin-1")
    assert actors[0].name == "JOSÉ PÉREZ"
    assert warnings == [f"{tmp_path / 'sample.actors.txt'}: not UTF-8, read as Latin-1"]


def test_empty_file(tmp_path: Path) -> None:
    assert _parse(tmp_path, "") == ([], [])


def test_unreadable_file_raises_config_error_at_call_time(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^\[E301\] .*missing\.txt: cannot read Phoenix file"):
        parse_actor_file(tmp_path / "missing.txt")
    with pytest.raises(ConfigError):
        parse_actor_file(tmp_path)


def test_warnings_are_optional(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\t[USAGOV]\nA_ [USA]\n", "utf-8")
    assert [a.name for a in parse_actor_file(path)] == ["A"]


# --------------------------------------------------------------------------- codes


@pytest.mark.parametrize(
    ("code", "country", "sector"),
    [
        ("RUSGOV", "RUS", "GOV"),
        ("USAGOVLEG", "USA", "GOV"),
        ("RUS", "RUS", None),
        ("IGOUNO", "IGO", "UNO"),
        ("IGOWSTNAT", "IGO", "WST"),
        ("NGOHLH", "NGO", "HLH"),
        ("MNCUSA", "MNC", "USA"),
        ("IMGMUSALQ", "IMG", "MUS"),
        ("SUNRUS", "SUN", "RUS"),
        ("KSVGOV", "KSV", "GOV"),
        ("ELI", None, "ELI"),
        ("GOVMIL", None, "GOV"),
    ],
)
def test_country_and_sector(code: str, country: str | None, sector: str | None) -> None:
    assert (PhoenixCode(code).country, PhoenixCode(code).sector) == (country, sector)


# --------------------------------------------------------------------------- people


def _actor(name: str, *codes: PhoenixCode, synonyms: tuple[str, ...] = ()) -> PhoenixActor:
    return PhoenixActor(name, synonyms, codes)


def test_people_entities() -> None:
    actors = [
        _actor(
            "ANGELA MERKEL",
            PhoenixCode("DEUELI", D(1972, 1, 1), D(2000, 1, 1)),
            PhoenixCode("DEUGOV", D(2005, 11, 22), None),
            PhoenixCode("DEUELI"),
            synonyms=("MERKEL",),
        ),
        _actor("BUNDESTAG", PhoenixCode("DEULEG")),
        _actor("GERMANY", PhoenixCode("DEU")),
        _actor("OLD GENERAL", PhoenixCode("DEUELI")),
        _actor("NATO CHIEF", PhoenixCode("IGOWSTNAT", D(2009, 8, 1), D(2014, 10, 1))),
        _actor("NUCLEAR CHIEF", PhoenixCode("IGOUNOIAE", D(2009, 12, 1), None)),
        _actor("CLUB CHIEF", PhoenixCode("IGOSCN", D(2001, 1, 1), None)),
        _actor("PARTISAN", PhoenixCode("ELI", D(1990, 1, 1), D(1995, 1, 1)), PhoenixCode("ARM")),
        _actor("REBEL", PhoenixCode("ARMUNR", None, D(1991, 12, 21))),
        _actor("ANGELA MERKEL", PhoenixCode("FRAGOV", D(2001, 1, 1), None)),
    ]
    people = {e.name: e for e in to_people_entities(actors)}
    assert set(people) == {
        "ANGELA MERKEL", "OLD GENERAL", "NATO CHIEF", "NUCLEAR CHIEF", "CLUB CHIEF", "PARTISAN", "REBEL",
    }  # fmt: skip
    merkel = people["ANGELA MERKEL"]
    assert (merkel.id, merkel.kind, merkel.code, merkel.aliases) == (
        "phoenix:ANGELA MERKEL", "person", "DEU", ("MERKEL",),
    )  # fmt: skip
    assert [(r.office, r.state, r.sector, r.start, r.end) for r in merkel.roles] == [
        ("phoenix", "DEU", "ELI", D(1972, 1, 1), D(2000, 1, 1)),
        ("phoenix", "DEU", "GOV", D(2005, 11, 22), None),
    ]
    summary = {
        name: [(r.state, r.sector) for r in e.roles]
        for name, e in people.items()
        if name != "ANGELA MERKEL"
    }
    assert summary == {
        "OLD GENERAL": [("DEU", "ELI")],
        "NATO CHIEF": [("NATO", "IGO")],
        "NUCLEAR CHIEF": [("IAEA", "IGO")],
        "CLUB CHIEF": [("IGOSCN", "IGO")],
        "PARTISAN": [("ARM", "ELI")],
        "REBEL": [("ARM", "CVL")],
    }
    kb = KnowledgeBase(list(people.values()), [])
    assert kb.resolve("phoenix:ANGELA MERKEL", D(2010, 1, 1)).sector == "GOV"
    assert kb.resolve("phoenix:ANGELA MERKEL", D(2003, 1, 1)).sector == "ELI"


def test_people_without_a_state_are_skipped() -> None:
    assert to_people_entities([_actor("NOBODY", PhoenixCode("ELI", D(2000, 1, 1), None))]) == []


def test_phoenix_people_extend_the_pipeline(tmp_path: Path) -> None:
    """A dictionary the user supplies adds people the shipped knowledge base lacks."""
    dictionary = tmp_path / "extra.actors.txt"
    dictionary.write_text(
        "MAHENDRA_CHAUDHRY_  # prime minister of Fiji\n"
        "+PRIME_MINISTER_CHAUDHRY_\n"
        "\t[FJIGOV 990519-000527]\n\n",
        encoding="utf-8",
    )
    people = load_phoenix_people([dictionary])
    assert [p.name for p in people] == ["Mahendra Chaudhry"]
    assert display_name("AL-ASSAD O'NEILL") == "Al-Assad O'Neill"
    analyzer = Analyzer(kb=load_knowledge_base().extended(people))
    text = "Mahendra Chaudhry met Indian President K. R. Narayanan in New Delhi."
    events = analyzer.analyze(text, dt.date(2000, 1, 1))
    assert any("FJI" in {a.code for a in e.actor} for e in events)
    shipped = Analyzer().analyze(text, dt.date(2000, 1, 1))
    assert not any("FJI" in {a.code for a in e.actor} for e in shipped)
