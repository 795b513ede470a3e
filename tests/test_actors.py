"""Actor mentions (`ActorMatcher`, component `tacitus_actors_v1`) as the full pipeline sets them.

Expectations follow shared/eval/GUIDELINES.md ("Entity codes"): states and everything acting for
them (leaders, ministries, capitals used for governments) carry the state's ISO 3166-1 alpha-3
code; a title and its holder are one mention; a person resolves through the role they hold on the
publication date. Traps are place and outlet names that contain a state name, and words that
only look like one.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.nlp.actors import ActorMention
from tacitus.nlp.pipeline import build_pipeline, run

PUBLISHED = dt.date(2025, 5, 13)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def analyse(nlp: Language, text: str, published: dt.date | None = PUBLISHED) -> Doc:
    return run(nlp, text, published)


def spans(doc: Doc) -> list[tuple[str, frozenset[str]]]:
    """(text, codes) of every actor mention, in order."""
    return [(doc[m.start : m.end].text, m.codes) for m in doc._.actors]


def token_index(doc: Doc, word: str) -> int:
    for token in doc:
        if token.text == word:
            return token.i
    raise AssertionError(f"{word!r} is not a token of {doc.text!r}")


def covering(doc: Doc, word: str) -> list[ActorMention]:
    """The mentions whose span contains the first token `word`."""
    i = token_index(doc, word)
    return [m for m in doc._.actors if m.start <= i < m.end]


def codes_in(doc: Doc) -> set[str]:
    return {code for m in doc._.actors for code in m.codes}


# ------------------------------------------------------------------ names, adjectives, capitals


def test_state_names(nlp: Language) -> None:
    doc = analyse(nlp, "China and Russia signed a new trade agreement on Monday.")
    assert spans(doc) == [("China", {"CHN"}), ("Russia", {"RUS"})]


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Chinese and Russian diplomats met in Geneva.", "Chinese", "CHN"),
        ("Chinese and Russian diplomats met in Geneva.", "Russian", "RUS"),
        ("A Saudi businessman was detained in Cairo.", "Saudi", "SAU"),
        ("Indian troops were deployed to the border.", "Indian", "IND"),
        ("The British government summoned the envoy.", "British", "GBR"),
    ],
)
def test_adjectives(nlp: Language, text: str, word: str, code: str) -> None:
    found = covering(analyse(nlp, text), word)
    assert len(found) == 1
    assert found[0].codes == {code}


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Beijing said the talks had been constructive.", "Beijing", "CHN"),
        ("The Kremlin said Putin would attend the summit.", "Kremlin", "RUS"),
        ("Washington responded with new export controls.", "Washington", "USA"),
        ("Moscow denied the report on Tuesday.", "Moscow", "RUS"),
        ("New Delhi rejected the statement.", "Delhi", "IND"),
        ("Downing Street declined to comment.", "Downing", "GBR"),
    ],
)
def test_capitals_and_seats_of_government(nlp: Language, text: str, word: str, code: str) -> None:
    found = covering(analyse(nlp, text), word)
    assert len(found) == 1
    assert found[0].codes == {code}


def test_the_chinese_side(nlp: Language) -> None:
    doc = analyse(nlp, "The Chinese side expressed strong dissatisfaction.")
    found = covering(doc, "Chinese")
    assert len(found) == 1
    assert doc[found[0].start : found[0].end].text.endswith("Chinese side")
    assert found[0].codes == {"CHN"}
    assert covering(doc, "side") == found


def test_possessive_institution_is_one_mention(nlp: Language) -> None:
    doc = analyse(nlp, "Russia's defence ministry said air defences downed 30 drones.")
    found = covering(doc, "Russia")
    assert len(found) == 1
    assert doc[found[0].start : found[0].end].text == "Russia's defence ministry"
    assert found[0].codes == {"RUS"}


def test_foreign_ministry_spokesperson(nlp: Language) -> None:
    doc = analyse(nlp, "Chinese foreign ministry spokesperson Lin Jian spoke on Monday.")
    assert codes_in(doc) == {"CHN"}


# ------------------------------------------------------------------ titles and people


def test_title_adjective_and_name_are_one_mention(nlp: Language) -> None:
    doc = analyse(nlp, "Chinese President Xi Jinping arrived in Moscow on Wednesday.")
    found = covering(doc, "Xi")
    assert len(found) == 1
    assert doc[found[0].start : found[0].end].text == "Chinese President Xi Jinping"
    assert found[0].codes == {"CHN"}
    # "Chinese" and "President" belong to that mention and are not mentions of their own.
    assert covering(doc, "Chinese") == found
    assert covering(doc, "President") == found
    assert spans(doc)[1] == ("Moscow", {"RUS"})


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Canadian Defence Secretary Jane Roe left.", "Canadian Defence Secretary Jane Roe"),
        ("Kenyan Vice President John Doe spoke.", "Kenyan Vice President John Doe"),
        ("An Irish minister resigned.", "Irish minister"),
    ],
)
def test_titles_without_a_known_name(nlp: Language, text: str, name: str) -> None:
    """A state's adjective with an office and an unknown name is one mention of that state."""
    doc = analyse(nlp, text)
    assert [t for t, _ in spans(doc)] == [name], spans(doc)


@pytest.mark.parametrize(
    "text",
    [
        "Ghana's foreign ministry spokesperson Kwame Asante spoke. Later, Asante left.",
        "Ghana's foreign ministry, Ambassador Kwame Asante, spoke. Later, Asante left.",
    ],
)
def test_a_person_introduced_with_a_title_is_known_by_surname(nlp: Language, text: str) -> None:
    doc = analyse(nlp, text)
    later = [m for m in doc._.actors if doc[m.start : m.end].text == "Asante"]
    assert [m.codes for m in later] == [{"GHA"}], spans(doc)


def test_a_surname_before_its_introduction_is_not_bound(nlp: Language) -> None:
    doc = analyse(nlp, "Asante arrived. Ghana's foreign minister Kwame Asante spoke.")
    assert covering(doc, "Asante") == [], spans(doc)


def test_ambassador_to_a_state_codes_only_the_sending_state(nlp: Language) -> None:
    doc = analyse(nlp, "Russian Ambassador to China Igor Morgulov said relations were strong.")
    assert codes_in(doc) == {"RUS"}


def test_ambassador_to_a_state_with_name_is_one_mention(nlp: Language) -> None:
    text = "Russian Ambassador to China Igor Morgulov said relations were strong."
    doc = analyse(nlp, text)
    found = covering(doc, "Russian")
    assert len(found) == 1
    assert doc[found[0].start : found[0].end].text == "Russian Ambassador to China Igor Morgulov"
    assert found[0].codes == {"RUS"}
    assert covering(doc, "Morgulov") == found


@pytest.mark.parametrize(
    ("published", "sector"),
    [(dt.date(2019, 6, 29), "GOV"), (dt.date(2025, 5, 13), "GOV")],
)
def test_president_trump_in_either_term(nlp: Language, published: dt.date, sector: str) -> None:
    doc = analyse(nlp, "President Trump met Xi on the sidelines of the summit.", published)
    found = covering(doc, "Trump")
    assert len(found) == 1
    assert found[0].codes == {"USA"}
    assert [p.sector for p in found[0].participants] == [sector]
    assert not covering(doc, "President") or covering(doc, "President") == found


@pytest.mark.parametrize(
    ("published", "sector"),
    [(dt.date(2022, 3, 1), "GOV"), (dt.date(2025, 5, 13), "ELI")],
)
def test_biden_in_and_after_office(nlp: Language, published: dt.date, sector: str) -> None:
    doc = analyse(nlp, "Biden criticised the decision.", published)
    found = covering(doc, "Biden")
    assert len(found) == 1
    assert found[0].codes == {"USA"}
    assert [p.sector for p in found[0].participants] == [sector]


# ------------------------------------------------------------------ coreference


def test_the_two_leaders_are_the_protagonists(nlp: Language) -> None:
    text = (
        "Xi will meet Putin in Minsk. Xi wants trade; Putin wants energy deals. "
        "Analysts compare the meeting with one Erdogan held last year. "
        "The two leaders will also discuss Kazakhstan."
    )
    doc = analyse(nlp, text)
    found = covering(doc, "leaders")
    assert len(found) == 1 and found[0].codes == {"CHN", "RUS"}, spans(doc)


def test_the_two_leaders(nlp: Language) -> None:
    doc = analyse(nlp, "Xi met Putin in Moscow on Thursday. The two leaders discussed Ukraine.")
    found = covering(doc, "leaders")
    assert len(found) == 1
    assert doc[found[0].start : found[0].end].text == "The two leaders"
    assert found[0].codes == {"CHN", "RUS"}


def test_the_two_leaders_several_sentences_later(nlp: Language) -> None:
    text = (
        "Chinese President Xi Jinping arrived in Moscow on Wednesday. He was welcomed at the "
        "airport by a guard of honour. Russian President Vladimir Putin greeted him at the "
        "Kremlin on Thursday. The weather was warm. The two leaders then signed a statement."
    )
    found = covering(analyse(nlp, text), "leaders")
    assert len(found) == 1
    assert found[0].codes == {"CHN", "RUS"}


def test_both_sides(nlp: Language) -> None:
    doc = analyse(nlp, "China and Russia signed a pact. Both sides praised the agreement.")
    found = covering(doc, "sides")
    assert len(found) == 1
    assert doc[found[0].start : found[0].end].text == "Both sides"
    assert found[0].codes == {"CHN", "RUS"}


def test_two_leaders_without_two_people_before_is_not_linked(nlp: Language) -> None:
    doc = analyse(nlp, "China said on Monday that the two leaders would meet.")
    assert all(m.codes != {"CHN"} or m.how != "coref" for m in doc._.actors)
    assert not covering(doc, "leaders") or len(covering(doc, "leaders")[0].codes) == 2


# ------------------------------------------------------------------ demonym plurals


@pytest.mark.parametrize(
    ("word", "code"),
    [("Palestinians", "PSE"), ("Israelis", "ISR"), ("Afghans", "AFG"), ("Ukrainians", "UKR")],
)
def test_demonym_plurals(nlp: Language, word: str, code: str) -> None:
    doc = analyse(nlp, f"Thousands of {word} gathered in the square on Friday.")
    found = covering(doc, word)
    assert len(found) == 1
    assert doc[found[0].start : found[0].end].text == word
    assert found[0].codes == {code}


# ------------------------------------------------------------------ traps


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The governor of New Jersey announced a budget.", "JEY"),
        ("Oil prices rose as a storm hit the Gulf of Mexico.", "MEX"),
        ("Trade across North America grew last year.", "USA"),
        ("China Daily ran the story on its front page.", "CHN"),
        ("Hospitals in New Mexico reported more cases.", "MEX"),
        ("Papua New Guinea held elections.", "GIN"),
        ("The family roasted a turkey for the holiday.", "TUR"),
    ],
)
def test_longer_names_and_common_words_are_not_states(
    nlp: Language, text: str, absent: str
) -> None:
    assert absent not in codes_in(analyse(nlp, text))


def test_place_names_alone_give_no_mention(nlp: Language) -> None:
    for text in (
        "The governor of New Jersey announced a budget.",
        "Oil prices rose as a storm hit the Gulf of Mexico.",
        "Trade across North America grew last year.",
        "China Daily ran the story on its front page.",
    ):
        assert spans(analyse(nlp, text)) == [], text


def test_china_daily_does_not_hide_a_following_mention(nlp: Language) -> None:
    doc = analyse(nlp, "China Daily reported that Russia had agreed.")
    assert spans(doc) == [("Russia", {"RUS"})]


def test_pronoun_us_is_not_the_united_states(nlp: Language) -> None:
    doc = analyse(nlp, "He told us the US would respond, and asked us to wait.")
    assert spans(doc) == [("US", {"USA"})]


def test_us_at_sentence_start_in_capitals(nlp: Language) -> None:
    doc = analyse(nlp, "US officials met their Chinese counterparts in Geneva.")
    assert codes_in(doc) == {"USA", "CHN"}


def test_headline_case_keeps_state_names(nlp: Language) -> None:
    doc = analyse(nlp, "Xi Visits Moscow Amid Western Pressure")
    assert {"CHN", "RUS"} <= codes_in(doc)


# ------------------------------------------------------------------ shape of the output


@pytest.mark.parametrize(
    "text",
    [
        "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow. The two "
        "leaders signed a joint statement, and both sides praised the talks.",
        "Xi Jinping met Vladimir Putin in Moscow. The two leaders signed a joint statement, and "
        "both sides praised the talks.",
        "Russia's defence ministry said Ukrainian drones attacked Moscow overnight.",
        "",
        "   \n\n  ",
    ],
)
def test_mentions_are_ordered_in_bounds_and_coded(nlp: Language, text: str) -> None:
    doc = analyse(nlp, text)
    mentions = doc._.actors
    assert isinstance(mentions, list)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(doc)
        assert m.participants
        assert all(p.code and p.code == p.code.upper() for p in m.participants)
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start, (a, b)


def test_unknown_publication_date_still_resolves_people(nlp: Language) -> None:
    doc = analyse(nlp, "Xi Jinping met Vladimir Putin.", None)
    assert codes_in(doc) == {"CHN", "RUS"}
