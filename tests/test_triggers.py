"""The trigger lexicon (nlp/data/triggers.yaml) as the matcher reads it.

Realistic news phrasings must find a trigger of the right type and mode, inflected and
multiword forms included; traps (dispositions, background, other senses of a word) must find no
trigger, or none of the wrong type. The lexicon must load, every phrase must match its own text
in every inflected form, and a phrase may not carry two meanings.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import pytest
import spacy
from spacy.language import Language

from tacitus.datafiles import load_yaml
from tacitus.nlp.lexicon import FRAMES, Trigger, load_triggers
from tacitus.nlp.matcher import TriggerMatcher
from tacitus.ontology import Ontology


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def triggers() -> list[Trigger]:
    return load_triggers()


@pytest.fixture(scope="module")
def matcher(nlp: Language, triggers: list[Trigger]) -> TriggerMatcher:
    return TriggerMatcher(nlp.vocab, triggers)


def found(nlp: Language, matcher: TriggerMatcher, text: str) -> list[tuple[str, str | None, str]]:
    doc = nlp(text)
    return [(m.trigger.type, m.trigger.mode, doc[m.start : m.end].text) for m in matcher.find(doc)]


# (sentence, type, mode): the sentence must hold a trigger of that type with that mode.
CASES = [
    # AGREE
    ("The two governments agreed to resume direct flights next month.", "AGREE", None),
    ("Japan pledged $500 million to rebuild the port.", "AGREE", None),
    ("Beijing has promised to buy more American soybeans.", "AGREE", None),
    ("Xi accepted an invitation from Putin to come to Moscow.", "AGREE", None),
    ("Putin invited Modi to the summit in Kazan.", "AGREE", None),
    ("Both sides reaffirmed their commitment to the peace process.", "AGREE", None),
    ("The ministers reached an agreement on fishing quotas.", "AGREE", None),
    ("Ankara offered to mediate between the two neighbours.", "AGREE", None),
    ("Seoul is willing to resume dialogue without preconditions.", "AGREE", None),
    ("The EU vowed to keep supporting Kyiv.", "AGREE", None),
    ("Negotiators struck a deal late on Sunday.", "AGREE", None),
    ("The two sides reached important consensus on energy cooperation.", "AGREE", None),
    ("Both countries have committed to cutting emissions by half.", "AGREE", None),
    ("Tokyo offered emergency assistance to the flood-hit region.", "AGREE", None),
    # CONSULT
    ("Chinese President Xi Jinping will visit Russia next week.", "CONSULT", "visit"),
    ("Modi arrived in Port Louis on Tuesday for a two-day state visit.", "CONSULT", "visit"),
    ("The foreign minister travelled to Beijing on Sunday.", "CONSULT", "visit"),
    ("Blinken flew to Riyadh on Monday.", "CONSULT", "visit"),
    ("Erdogan paid an official visit to Cairo.", "CONSULT", "visit"),
    ("Egypt hosted the Palestinian factions for two days.", "CONSULT", "visit"),
    ("Putin received visiting Chinese Premier Li Qiang in the Kremlin.", "CONSULT", "visit"),
    ("Xi held talks with Putin in the Kremlin.", "CONSULT", None),
    ("The two leaders met on Thursday.", "CONSULT", None),
    ("Wang Yi met with his Indian counterpart in New Delhi.", "CONSULT", None),
    ("Negotiations between Kyiv and Moscow resumed in Istanbul.", "CONSULT", None),
    ("Officials from both countries sat down for talks in Geneva.", "CONSULT", None),
    ("Leaders gathered for the BRICS summit in Kazan.", "CONSULT", None),
    ("Macron and Scholz held a phone call on Friday.", "CONSULT", "phone"),
    ("Biden spoke by phone with Xi for two hours.", "CONSULT", "phone"),
    ("Erdogan telephoned his Iranian counterpart.", "CONSULT", "phone"),
    ("The two presidents held a video call.", "CONSULT", "phone"),
    ("Qatar has mediated between Israel and Hamas.", "CONSULT", "third-party"),
    ("Saudi Arabia hosted talks between US and Russian officials.", "CONSULT", "third-party"),
    ("The president attended the Victory Day parade in Moscow.", "CONSULT", "multilateral"),
    ("Xi took part in the celebrations on Red Square.", "CONSULT", "multilateral"),
    ("At the invitation of President Putin, Xi paid a state visit to Russia.", "CONSULT", "visit"),
    ("The two heads of state exchanged views on the Ukraine crisis.", "CONSULT", None),
    ("Putin held a grand welcome ceremony for Xi.", "CONSULT", "visit"),
    # SUPPORT
    ("Russia and North Korea signed a mutual defence treaty.", "SUPPORT", None),
    ("The two sides issued a joint statement on regional security.", "SUPPORT", None),
    ("The Kremlin praised Beijing's peace plan.", "SUPPORT", None),
    ("Germany welcomed the decision.", "SUPPORT", None),
    ("India and Mauritius upgraded their ties to a strategic partnership.", "SUPPORT", None),
    ("The minister expressed strong support for Ukraine's sovereignty.", "SUPPORT", None),
    ("Beijing supports Pakistan's efforts to fight terrorism.", "SUPPORT", None),
    ("Moscow recognised the breakaway regions as independent states.", "SUPPORT", None),
    ("Parliament ratified the accord on Tuesday.", "SUPPORT", None),
    ("More than 20 cooperation documents were signed during the trip.", "SUPPORT", None),
    ("The leaders signed a memorandum of understanding on energy.", "SUPPORT", None),
    ("Turkey and Egypt restored full diplomatic relations.", "SUPPORT", None),
    ("The Kremlin endorsed the proposal.", "SUPPORT", None),
    ("Mauritius conferred its highest honour on the visiting leader.", "SUPPORT", None),
    ("Xi and Putin witnessed the signing of 20 cooperation documents.", "SUPPORT", None),
    ("Kim Jong Un sent a congratulatory message to Putin.", "SUPPORT", None),
    # CONCEDE
    ("Putin declared a three-day ceasefire for the holiday.", "CONCEDE", None),
    ("The militia announced a unilateral truce.", "CONCEDE", None),
    ("Israel and Hezbollah agreed to a ceasefire.", "CONCEDE", None),
    ("The government lifted the curfew in the capital.", "CONCEDE", None),
    ("The junta pardoned 5,000 prisoners.", "CONCEDE", None),
    ("The minister apologised for the remarks.", "CONCEDE", None),
    ("Authorities eased restrictions on foreign journalists.", "CONCEDE", None),
    # COOPERATE
    ("China and Russia held joint naval exercises in the Sea of Japan.", "COOPERATE", None),
    ("The two navies conducted joint drills near the strait.", "COOPERATE", None),
    ("Israel shared intelligence with Washington about the plot.", "COOPERATE", None),
    ("Beijing is expanding trade and technological cooperation with Moscow.", "COOPERATE", None),
    ("The allies will deepen security cooperation.", "COOPERATE", None),
    ("Spain extradited the suspect to Germany.", "COOPERATE", None),
    # AID
    ("The United States will send more weapons to Ukraine.", "AID", None),
    ("Japan provided $2 billion in humanitarian aid to Gaza.", "AID", None),
    ("North Korea shipped artillery shells to Russia.", "AID", None),
    ("The EU approved a new military aid package for Kyiv.", "AID", None),
    ("Washington has supplied Taipei with anti-ship missiles.", "AID", None),
    ("Germany delivered more weapons to Ukraine.", "AID", None),
    ("The IMF approved a $7 billion loan to Pakistan.", "AID", None),
    ("Britain granted asylum to the dissident.", "AID", None),
    ("India helped Mauritius build an airstrip.", "AID", None),
    # RETREAT
    ("Russia and Ukraine exchanged prisoners of war on Friday.", "RETREAT", "release"),
    ("Hamas released three hostages on Saturday.", "RETREAT", "release"),
    ("The army withdrew its troops from the border town.", "RETREAT", "withdraw"),
    ("Israeli forces pulled out of the northern Gaza Strip.", "RETREAT", "withdraw"),
    ("The ceasefire took effect at midnight.", "RETREAT", "ceasefire"),
    ("Both sides have largely observed the truce.", "RETREAT", "ceasefire"),
    ("Washington lifted sanctions on Syria's central bank.", "RETREAT", None),
    ("Trump delayed the tariffs on Mexican goods for a month.", "RETREAT", None),
    ("The White House exempted cars from the new duties.", "RETREAT", None),
    ("The prime minister resigned on Sunday.", "RETREAT", "resign"),
    ("The rebels agreed to lay down their arms.", "RETREAT", "disarm"),
    ("The Israeli army withdrew from the corridor.", "RETREAT", "withdraw"),
    ("Russian forces retreated from Kherson.", "RETREAT", "withdraw"),
    ("Israel reopened the crossing to let aid trucks in.", "RETREAT", "access"),
    # REQUEST
    ("The G7 urged Russia to accept the ceasefire proposal.", "REQUEST", "yield"),
    ("The UN chief called for an immediate ceasefire in Sudan.", "REQUEST", "yield"),
    ("Beijing called on all parties to stay calm.", "REQUEST", None),
    ("Kyiv demanded the return of deported children.", "REQUEST", "yield"),
    ("Pakistan asked the IMF for emergency funding.", "REQUEST", None),
    ("The opposition demanded that the president step down.", "REQUEST", "change"),
    ("The envoy urged Beijing to use its influence on Pyongyang.", "REQUEST", None),
    ("Seoul appealed for international aid after the floods.", "REQUEST", "assist"),
    ("Tehran has sought talks with Washington.", "REQUEST", "meet"),
    ("Council members requested a closed-door meeting.", "REQUEST", "meet"),
    ("Protesters called for the resignation of the prime minister.", "REQUEST", "change"),
    ("Kim asked Trump for sanctions relief.", "REQUEST", None),
    # ACCUSE
    ("Beijing condemned the visit as a provocation.", "ACCUSE", "disapprove"),
    ("Washington accused Moscow of violating the treaty.", "ACCUSE", "allege"),
    ("China summoned the Japanese ambassador over the remarks.", "ACCUSE", "disapprove"),
    ("The Japanese ambassador was summoned on Monday.", "ACCUSE", "disapprove"),
    ("Officials blamed the rebels for the attack.", "ACCUSE", "disapprove"),
    ("The ministry expressed deep concern over the missile launch.", "ACCUSE", "disapprove"),
    ("The court opened an investigation into the killings.", "ACCUSE", "investigate"),
    ("Prosecutors indicted two Russian intelligence officers.", "ACCUSE", "allege"),
    ("Canada filed a complaint with the WTO.", "ACCUSE", "allege"),
    ("The foreign ministry criticised the decision.", "ACCUSE", "disapprove"),
    ("The UN launched an inquiry into the deaths.", "ACCUSE", "investigate"),
    ("Tokyo lodged a strong protest with Beijing.", "ACCUSE", "disapprove"),
    ("The spokesperson said China firmly opposes the arms sale.", "ACCUSE", "disapprove"),
    ("Beijing lodged solemn representations with Washington.", "ACCUSE", "disapprove"),
    # REJECT
    ("Moscow rejected the accusations as baseless.", "REJECT", None),
    ("The Taliban denied any involvement in the attack.", "REJECT", None),
    ("Russia vetoed the Security Council resolution.", "REJECT", None),
    ("Tehran rejected the offer of new talks.", "REJECT", None),
    ("The president refused to meet the delegation.", "REJECT", None),
    ("Israel ruled out a return to the old borders.", "REJECT", None),
    ("The minister cancelled his planned visit to Paris.", "REJECT", None),
    ("Trump turned down the request.", "REJECT", None),
    ("Thailand turned them down.", "REJECT", None),
    ("Kyiv dismissed the allegations.", "REJECT", None),
    # THREATEN
    ("Trump threatened the EU with 200% tariffs on wine.", "THREATEN", "restrict"),
    ("North Korea warned of serious consequences.", "THREATEN", None),
    ("Iran threatened to close the Strait of Hormuz.", "THREATEN", "restrict"),
    ("The court issued an arrest warrant for the former president.", "THREATEN", "arrest"),
    ("Pakistan threatened to break off diplomatic relations.", "THREATEN", "relations"),
    ("Washington gave Hanoi an ultimatum.", "THREATEN", None),
    ("The general vowed to crush the insurgents.", "THREATEN", "violence"),
    ("Ankara threatened retaliation if sanctioned.", "THREATEN", None),
    ("Trump threatened to use force against North Korea.", "THREATEN", "violence"),
    ("The ministry said it would take necessary measures in response.", "THREATEN", None),
    # PROTEST
    ("Thousands of protesters filled the capital's main square.", "PROTEST", "demo"),
    ("Workers went on strike over unpaid wages.", "PROTEST", "strike"),
    ("Students staged a sit-in outside parliament.", "PROTEST", "demo"),
    ("The detained activist began a hunger strike.", "PROTEST", "hunger"),
    ("Demonstrators gathered outside the embassy.", "PROTEST", "demo"),
    ("Rioters torched police vehicles.", "PROTEST", "riot"),
    ("Farmers blocked roads with tractors.", "PROTEST", "obstruct"),
    ("Tens of thousands took to the streets of Belgrade.", "PROTEST", "demo"),
    # SANCTION
    ("The EU imposed new sanctions on Russian banks.", "SANCTION", "discontinue"),
    ("Canada slapped 25% tariffs on US steel.", "SANCTION", "discontinue"),
    ("Switzerland expelled two Russian diplomats.", "SANCTION", "expel"),
    ("France recalled its ambassador from Ankara.", "SANCTION", "withdraw"),
    ("Mali, Niger and Burkina Faso withdrew from the regional bloc.", "SANCTION", "withdraw"),
    ("Beijing cut ties with the island's last ally in Africa.", "SANCTION", "discontinue"),
    ("The US froze the assets of three companies.", "SANCTION", "discontinue"),
    ("Washington suspended military aid to Kyiv.", "SANCTION", "discontinue"),
    ("Sanctions on Rosneft took effect on Friday.", "SANCTION", "discontinue"),
    ("A court convicted the former minister of corruption.", "SANCTION", "convict"),
    ("Trump doubled the duty on Chinese goods.", "SANCTION", "discontinue"),
    # MOBILIZE
    ("Mexico deployed 10,000 troops to its northern border.", "MOBILIZE", "troops"),
    ("China launched large-scale military drills around Taiwan.", "MOBILIZE", "troops"),
    ("North Korea test-fired a ballistic missile.", "MOBILIZE", "weapons"),
    ("Russia put its nuclear forces on high alert.", "MOBILIZE", "troops"),
    ("Britain mobilised army reservists.", "MOBILIZE", "troops"),
    ("Police stepped up security around the embassy.", "MOBILIZE", "police"),
    ("Pyongyang launched a ballistic missile into the sea.", "MOBILIZE", "weapons"),
    # COERCE
    ("Police arrested dozens of opposition activists.", "COERCE", "arrest"),
    ("Iranian forces seized a British-flagged tanker.", "COERCE", "seize"),
    ("The junta imposed a curfew in the capital.", "COERCE", "curfew"),
    ("Thailand deported 40 Uyghurs to China.", "COERCE", "deport"),
    ("Authorities blocked access to social media platforms.", "COERCE", "censor"),
    ("Hackers launched a cyberattack on the ministry.", "COERCE", "cyber"),
    ("The government declared a state of emergency.", "COERCE", "martial-law"),
    ("A court jailed the journalist for two years.", "COERCE", "arrest"),
    ("Security forces launched a crackdown on dissent.", "COERCE", "restrict"),
    # ASSAULT
    ("Ukrainian drone attacks on Moscow disrupted flights.", "ASSAULT", "drone"),
    ("An Israeli airstrike killed a senior commander.", "ASSAULT", "aerial"),
    ("Russian forces shelled the city overnight.", "ASSAULT", "heavy-weapons"),
    ("Militants attacked a passenger train.", "ASSAULT", None),
    ("Gunmen opened fire on a bus.", "ASSAULT", "firearms"),
    ("A suicide bomber struck a market in Baghdad.", "ASSAULT", "suicide-attack"),
    ("Rebels kidnapped 16 aid workers.", "ASSAULT", "abduct"),
    ("Russia launched a massive missile attack on Kyiv.", "ASSAULT", None),
    ("Police fired tear gas at demonstrators.", "ASSAULT", "crowd-control"),
    ("Clashes between the army and rebels left 20 dead.", "ASSAULT", None),
    ("Israel launched a ground offensive in Rafah.", "ASSAULT", None),
    ("US strikes on Houthi targets continued.", "ASSAULT", None),
    ("A roadside bomb hit a convoy.", "ASSAULT", "explosives"),
    ("Troops invaded the neighbouring province.", "ASSAULT", None),
    ("The militants assassinated a provincial governor.", "ASSAULT", "targeted"),
    ("Artillery fire hit the village.", "ASSAULT", "heavy-weapons"),
    ("The troops killed 33 fighters.", "ASSAULT", None),
]


@pytest.mark.parametrize(("text", "etype", "mode"), CASES)
def test_phrasing_finds_trigger(
    nlp: Language, matcher: TriggerMatcher, text: str, etype: str, mode: str | None
) -> None:
    hits = found(nlp, matcher, text)
    assert (etype, mode) in {(t, m) for t, m, _ in hits}, hits


# Sentences that state no event: none of their words or phrases is a trigger.
NO_TRIGGER = [
    "The partnership between the two countries is strong.",
    "China views the relationship as essential.",
    "Share prices fell sharply on Monday.",
    "The order of the day was read out.",
    "Relations between the two nations date back centuries.",
    "Support for Moscow has been clear since 2022.",
    "The two nations share a vision of a multipolar world.",
    "Trade between the two countries reached a record.",
    "Officials declined to comment on the report.",
    "The company moved its headquarters to Dubai.",
    "The storm destroyed hundreds of homes.",
    "Her remarks struck a chord with voters.",
    "The firm launched a new phone this spring.",
    "Cooperation between the agencies is close.",
    "Analysts say tensions remain high.",
    "The proposed deal has wide backing.",
    "He took a shot at the referee.",
    "Amnesty International published its annual report.",
    "The ceasefire proposal is on the table.",
    "The aid agencies have a funding gap.",
    "Iran-backed militias control the area.",
    "The two countries share a long border.",
    "The contested waters are rich in fish.",
    "Markets rallied after the announcement.",
    "Beijing says the two sides enjoy close ties.",
    "The bill sailed through parliament.",
    "The project suffered cost overruns.",
    "The Olympic torch reached the stadium.",
    "Bond yields rose to 4% on Friday.",
    "The finance minister unveiled the project.",
]


@pytest.mark.parametrize("text", NO_TRIGGER)
def test_no_trigger(nlp: Language, matcher: TriggerMatcher, text: str) -> None:
    assert found(nlp, matcher, text) == []


# (sentence, type that must not be found): words whose other sense is another event type.
WRONG_TYPE = [
    ("Workers went on strike at the port.", "ASSAULT"),
    ("Soldiers took part in the march on Red Square.", "PROTEST"),
    ("Chinese troops marched alongside Russian soldiers on Red Square.", "PROTEST"),
    ("Talks on a ceasefire stalled.", "RETREAT"),
    ("Washington urged Moscow to accept a ceasefire.", "RETREAT"),
    ("Washington urged Moscow to accept a ceasefire.", "AGREE"),
    ("Tehran rejected the offer.", "AGREE"),
    ("The UN called for talks between the parties.", "CONSULT"),
    ("Washington lifted sanctions on the bank.", "SANCTION"),
    ("They held joint military exercises.", "MOBILIZE"),
    ("Hackers launched a cyber attack on the grid.", "ASSAULT"),
    ("The two sides agreed to a ceasefire.", "AGREE"),
    ("Trump delayed tariffs on Canadian goods.", "SANCTION"),
    ("The ambassador was summoned over the remarks.", "CONSULT"),
    ("Prices hit a record high.", "ASSAULT"),
    ("China's military build-up worries its neighbours.", "MOBILIZE"),
    ("The talk-show host interviewed the minister.", "CONSULT"),
    ("Kyiv dismissed the accusations.", "ACCUSE"),
    ("Moscow denied the allegations.", "ACCUSE"),
    ("The cabinet threatened to break off relations.", "SANCTION"),
    ("Beijing expressed concern over the ceasefire talks.", "RETREAT"),
    ("The G7 called for a ceasefire.", "CONCEDE"),
    ("Trump clashed with Zelenskyy in the Oval Office.", "ASSAULT"),
    ("Israel pulled its troops out of the town.", "SANCTION"),
    ("Seoul demanded the release of its citizens.", "RETREAT"),
    ("The envoy requested a meeting with the minister.", "CONSULT"),
    ("Protesters demanded the release of the activists.", "RETREAT"),
    ("Washington warned that the cooperation is dangerous.", "COOPERATE"),
    ("The IMF is a fund of last resort.", "AID"),
    ("The militants are armed with rifles.", "AID"),
    ("The strike rate rose this season.", "ASSAULT"),
    ("Trump was sworn in for a second term.", "THREATEN"),
    ("They held a meeting despite heavy fire.", "RETREAT"),
    ("The minister conferred with aides on the budget.", "SUPPORT"),
    ("Troops held mock drills.", "ACCUSE"),
    ("The train carrying troops was delayed.", "AID"),
    ("The committee set up a free clinic.", "RETREAT"),
    ("The Israeli army withdrew from the corridor.", "SANCTION"),
    ("Mexico withdrew from the agreement.", "RETREAT"),
]


@pytest.mark.parametrize(("text", "etype"), WRONG_TYPE)
def test_not_wrong_type(nlp: Language, matcher: TriggerMatcher, text: str, etype: str) -> None:
    hits = found(nlp, matcher, text)
    assert etype not in {t for t, _, _ in hits}, hits


# ------------------------------------------------------------------------- the lexicon itself


def test_lexicon_loads_and_covers_every_type(triggers: list[Trigger]) -> None:
    per_type = defaultdict(int)
    for trigger in triggers:
        per_type[trigger.type] += 1
    assert set(per_type) == set(Ontology.default().types)
    assert min(per_type.values()) >= 20, dict(per_type)
    assert all(t.frame in FRAMES for t in triggers)


def _surface_forms(trigger: Trigger) -> list[str]:
    """Every text the phrase should match: each inflected form, wildcards left empty."""
    slots = [sorted(alt) for alt in trigger.tokens if alt is not None]
    return [" ".join(words) for words in itertools.product(*slots)]


def test_every_phrase_matches_its_own_forms(
    nlp: Language, matcher: TriggerMatcher, triggers: list[Trigger]
) -> None:
    failures = []
    for trigger in triggers:
        for text in _surface_forms(trigger):
            doc = nlp(text)
            spans = [(m.start, m.end, m.trigger.type) for m in matcher.find(doc)]
            if (0, len(doc), trigger.type) not in spans:
                failures.append(f"{trigger.type} {trigger.phrase!r}: {text!r} → {spans}")
    assert not failures, "\n".join(failures[:40])


def test_wildcards_cross_modifiers(nlp: Language, matcher: TriggerMatcher) -> None:
    hits = found(nlp, matcher, "Xi held in-depth and friendly talks with Putin.")
    assert ("CONSULT", None, "held in-depth and friendly talks") in hits
    # a wildcard stops at clause punctuation
    hits = found(nlp, matcher, "They signed, after long delays, the agreement.")
    assert "SUPPORT" not in {t for t, _, _ in hits}


# A phrase listed twice must mean the same; any exception needs a reason here.
ALLOWED_DUPLICATES: dict[str, str] = {}


def test_no_phrase_with_two_meanings(triggers: list[Trigger]) -> None:
    Key = tuple[frozenset[str] | None, ...]
    meanings: dict[Key, set[tuple[str, str | None]]] = defaultdict(set)
    phrases: dict[Key, set[str]] = defaultdict(set)
    for trigger in triggers:
        meanings[trigger.tokens].add((trigger.type, trigger.mode))
        phrases[trigger.tokens].add(trigger.phrase)
    clashes = {
        " / ".join(sorted(phrases[key])): sorted(value, key=str)
        for key, value in meanings.items()
        if len(value) > 1
    }
    unexplained = {k: v for k, v in clashes.items() if k not in ALLOWED_DUPLICATES}
    assert not unexplained, unexplained


# Common irregular verbs: when one heads a verb phrase, the lexicon must list its forms.
IRREGULAR = frozenset(
    "arise be bear beat become begin bend bid bind bite bleed blow break breed bring build "
    "burn buy cast catch choose cling come cost creep cut deal dig do draw drink drive eat fall "
    "feed feel fight find flee fling fly forbid forecast forget forgive freeze get give go grind "
    "grow hang have hear hide hit hold hurt keep kneel know lay lead lean leap leave lend let "
    "lie light lose make mean meet mislead overcome overrun overtake pay prove put quit read "
    "rebuild rid ride ring rise run say see seek sell send set shake shed shine shoot show "
    "shrink shut sing sink sit slay sleep slide sling speak speed spend spin spit split spread "
    "spring stand steal stick sting stink strike strive swear sweep swim swing take teach tear "
    "tell think throw thrust undergo undertake undo upset wake wear weave weep win wind "
    "withdraw withhold withstand wring write".split()
)


def test_irregular_verbs_have_their_forms() -> None:
    data = load_yaml("tacitus.nlp.data", "triggers.yaml")
    table = data.get("irregular", {})
    missing = set()
    for entry in data["triggers"]:
        for phrase in entry.get("verbs") or []:
            head = phrase.lstrip("~").split()[0].lower()
            if head in IRREGULAR and head not in table:
                missing.add(head)
    assert not missing, sorted(missing)
    heads = {
        phrase.lstrip("~").split()[0].lower()
        for entry in data["triggers"]
        for phrase in entry.get("verbs") or []
    }
    assert not set(table) - heads, sorted(set(table) - heads)  # no stale entries


def test_inflected_forms_match(nlp: Language, matcher: TriggerMatcher) -> None:
    for text, etype in [
        ("Two Russian diplomats were expelled.", "SANCTION"),
        ("The delegation held talks.", "CONSULT"),
        ("The minister met his counterpart.", "CONSULT"),
        ("Tehran has sought talks.", "REQUEST"),
        ("Rebels were kidnapping villagers.", "ASSAULT"),
        ("Canada is transferring weapons to Kyiv.", "AID"),
        ("Washington froze the assets.", "SANCTION"),
        ("The army has withdrawn its troops.", "RETREAT"),
        ("Both sides are meeting in Doha.", "CONSULT"),
        ("Hungary vetoes the package.", "REJECT"),
    ]:
        assert etype in {t for t, _, _ in found(nlp, matcher, text)}, text


@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        ("Canada sanctions Iranian officials.", "sanctions", "verb"),
        ("The EU sanctions on Belarus remain.", "sanctions", "noun"),
        ("Experts on U.N. sanctions monitors met.", "sanctions", "noun"),
        ("A relaxation of sanctions is unlikely.", "sanctions", "noun"),
        ("Russia attacks Kharkiv again.", "attacks", "verb"),
        ("After meeting Putin, Modi left.", "meeting", "verb"),
        ("Officials spoke at a security meeting of ECOWAS.", "meeting", "noun"),
        ("A Security Council meeting on Syria ended.", "meeting", "noun"),
        ("The envoys were meeting in Geneva.", "meeting", "verb"),
        ("Putin meeting Xi was a surprise.", "meeting", "verb"),
    ],
)
def test_noun_or_verb_reading(
    nlp: Language, matcher: TriggerMatcher, text: str, word: str, pos: str
) -> None:
    """A form that is both a noun and a verb ("sanctions", "meeting") is a noun after a
    determiner or a preposition, and after a name or a noun unless an object follows it."""
    doc = nlp(text)
    hits = [m for m in matcher.find(doc) if doc[m.start].lower_ == word]
    assert hits and hits[0].trigger.pos == pos, [(m.trigger.phrase, m.trigger.pos) for m in hits]
