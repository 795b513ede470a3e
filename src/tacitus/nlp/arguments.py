"""Who did it and to whom: participant assignment around a trigger, without a parser.

The rules read word order the way a news sentence is built: the subject is the nearest actor
group to the left in the clause that is not inside a prepositional phrase; the object is the
first actor group to the right (directly, or after a preposition the frame allows). Noun
triggers look first at their own modifiers: "Xi's visit", "Ukrainian drone attacks", "talks
between X and Y", "sanctions on Y", "attacks by X".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from tacitus.nlp.actors import ActorMention
from tacitus.nlp.matcher import TriggerMatch

PREPOSITIONS = frozenset(
    "in at to into from with for on against of over about by near toward towards across "
    "through inside outside around alongside within between among after before during "
    "since despite under upon via amid beside besides onto like than".split()
)
_COORD = frozenset({"and", ",", "&", "as well as", "both"})
_BE = frozenset("is are was were be been being 's 're".split())
_OBJECT_PREPS = {
    "agent": frozenset(
        {"", "with", "to", "on", "against", "for", "toward", "towards", "at", "over", "from"}
    ),
    "visit": frozenset({"", "to", "in", "into"}),
    "host": frozenset({""}),
    "symmetric": frozenset({"", "with"}),
    "patient": frozenset({"", "on", "against", "targeting", "in", "at", "into"}),
    "speaker": frozenset(),
}
# Where a place named with "in" is the target of the action rather than its setting.
_IN_IS_TARGET = frozenset({"ASSAULT", "CONCEDE", "RETREAT", "COERCE", "MOBILIZE", "SANCTION"})
_NOUN_GAP = 4  # modifiers allowed between a possessive or adjective and its noun trigger
_ADJECTIVE_HOWS = ("adjective",)


@dataclass(slots=True)
class Arguments:
    actors: list[ActorMention]
    recipients: list[ActorMention]
    location: ActorMention | None = None
    local: bool = False  # found next to the trigger (possessive, by-phrase), not by clause


def assign(
    doc: Doc,
    match: TriggerMatch,
    mentions: list[ActorMention],
    clause: tuple[int, int],
    previous_clause: tuple[int, int] | None,
    *,
    taken: set[int] | None = None,
) -> Arguments:
    """Actor and recipient mentions for one trigger, following its frame.

    `taken` holds the ids of mentions that earlier verbs in the sentence took as objects: they
    cannot be this verb's subject ("summoned Niger's ambassador to complain"), though they can
    still own a noun ("condemned Russia's attack")."""
    frame = match.trigger.frame
    inside = [m for m in mentions if clause[0] <= m.start and m.end <= clause[1]]
    noun = match.trigger.pos == "noun"
    subject, local = _noun_subject(doc, match, inside) if noun else ([], False)
    passive_agent = _by_agent(doc, match, inside)
    if not subject:
        subject = passive_agent
    free = [m for m in inside if id(m) not in (taken or ())]
    if not subject and (not noun or _after_light_verb(doc, match.start, clause[0])):
        subject = _subject(doc, match.start, free, clause[0])
    if not subject and not noun and previous_clause:
        prev = [m for m in mentions if previous_clause[0] <= m.start < previous_clause[1]]
        if doc[clause[0]].lower_ in ("who", "which", "that") and prev:
            subject = [prev[-1]]  # ", who is paying a visit": the antecedent just before
        else:
            subject = _first_group(doc, prev, previous_clause[0])
    objects = _object(doc, match, inside, frame)
    subject, objects = _with_own_forces(doc, match, inside, subject, objects)
    if not objects and match.end - match.start > 1 and doc[match.end - 1].lower_ in PREPOSITIONS:
        # the trigger ends in its preposition ("met with", "called on"): its phrase follows
        found = _first_in_phrase(doc, [m for m in inside if m.start >= match.end], match.end)
        if found is not None:
            right = [m for m in inside if m.start >= match.end]
            objects = [("", g) for g in _coordinated_right(doc, right, right.index(found))]
    if passive_agent and is_passive(doc, match.start) and not local:
        objects = [("", m) for m in _passive_patient(doc, match.start, inside, clause[0])]
    elif passive_agent and _reduced_passive(doc, match):
        # "a lunch hosted by the ambassador": the noun before the participle is the patient
        objects = [("", m) for m in inside if m.end == match.start]
    between = _between(doc, match, inside)
    if frame == "symmetric" and noun and not (subject or objects or between):
        between = _setting_of(doc, match.start, inside, clause[0])
    result = _apply_frame(
        frame=frame,
        etype=match.trigger.type,
        subject=subject,
        objects=objects,
        between=between,
        local=local,
    )
    if result.location is None:
        result.location = _place_in(doc, inside)
    return result


def _reduced_passive(doc: Doc, match: TriggerMatch) -> bool:
    """ "a lunch hosted by X", "strikes carried out by Y": a participle with its by-agent and
    no form of "be" before it."""
    return (
        match.trigger.pos == "verb"
        and match.end < len(doc)
        and doc[match.end].lower_ == "by"
        and doc[match.start].lower_.endswith(("ed", "en"))
        and not after_be(doc, match.start)
    )


_FORCES = frozenset("troops forces soldiers army units military".split())


def _with_own_forces(
    doc: Doc,
    match: TriggerMatch,
    inside: list[ActorMention],
    subject: list[ActorMention],
    objects: list[tuple[str, ActorMention]],
) -> tuple[list[ActorMention], list[tuple[str, ActorMention]]]:
    """ "withdrawal of U.S. and NATO troops from Afghanistan": the owners of the troops named
    inside the trigger act (for a noun, or a verb without a subject); the place after it is
    the recipient."""
    own = _own_forces(doc, match, inside)
    if not own:
        return subject, objects
    if not subject or match.trigger.pos == "noun":
        subject = own
    objects = [(p, m) for p, m in objects if m not in own]
    if not objects:
        after = [m for m in inside if m.start >= match.end]
        objects = _prepositional_object(doc, match, after, match.trigger.frame) if after else []
    return subject, objects


def _own_forces(doc: Doc, match: TriggerMatch, inside: list[ActorMention]) -> list[ActorMention]:
    """Mentions inside a multiword trigger that own its troops ("withdraw U.S. troops")."""
    within = [m for m in inside if match.start <= m.start and m.end <= match.end]
    for last in range(len(within) - 1, -1, -1):
        m = within[last]
        if doc[m.end - 1].lower_ in _FORCES or (m.end < match.end and doc[m.end].lower_ in _FORCES):
            first = last
            while first > 0 and _only_coordination(doc, within[first - 1].end, within[first].start):
                first -= 1
            return within[first : last + 1]
    return []


_SETTING = frozenset({"in", "during"})


def _setting_of(
    doc: Doc, noun_start: int, inside: list[ActorMention], clause_start: int
) -> list[ActorMention]:
    """ "Sheinbaum told Trump in a phone call", "Xi praised Putin during their talks": the
    talks are between the verb's subject and object, named before the phrase that holds them."""
    j = noun_start - 1
    while j > clause_start and noun_start - j <= 3 and doc[j].lower_ not in _SETTING:
        if doc[j].is_punct or doc[j].lower_ in PREPOSITIONS:
            return []
        j -= 1
    if doc[j].lower_ not in _SETTING:
        return []
    before = [m for m in inside if m.end <= j and _eligible(doc, m, clause_start)]
    return before if len({c for m in before for c in m.codes}) > 1 else []


def _passive_patient(
    doc: Doc, trigger_start: int, inside: list[ActorMention], clause_start: int
) -> list[ActorMention]:
    """The grammatical subject of a passive trigger, which the action is aimed at.

    "The Israeli strike was condemned by Egypt": the adjective of the subject noun counts (it
    names whose strike); "a proposal by the U.S. that was praised by Kyiv": the participant
    just before the relative pronoun, even inside a phrase."""
    be = trigger_start - 1
    while be > clause_start and doc[be].lower_ not in _BE:
        be -= 1
    left = [m for m in inside if m.end <= be]
    if be > 0 and doc[be - 1].lower_ in ("that", "which") and left:
        return [left[-1]]
    subject = _subject(doc, trigger_start, inside, clause_start)
    if subject:
        return subject
    adjectives = [m for m in left if m.how in _ADJECTIVE_HOWS]
    return adjectives[-1:]


def _place_in(doc: Doc, inside: list[ActorMention]) -> ActorMention | None:
    """The first state or capital named after "in" in the clause: where the event happens."""
    for m in inside:
        if m.how in ("name", "capital") and m.start > 0 and doc[m.start - 1].lower_ == "in":
            return m
    return None


def _apply_frame(
    *,
    frame: str,
    etype: str,
    subject: list[ActorMention],
    objects: list[tuple[str, ActorMention]],
    between: list[ActorMention],
    local: bool,
) -> Arguments:
    in_targets = etype in _IN_IS_TARGET or frame == "visit"
    targets = [m for prep, m in objects if prep != "in" or in_targets]
    if frame == "speaker":
        return Arguments([], subject, None, local)  # the speaker is found by attribution
    if frame == "symmetric":
        return Arguments(_unique(subject + targets + between), [], None, local)
    if frame == "host":
        return Arguments(targets, subject, subject[0] if subject else None, local)
    if frame == "visit":
        return Arguments(subject + between, targets, targets[0] if targets else None, local)
    actors = subject or between
    return Arguments(actors, [m for m in targets if m not in actors], None, local)


def _unique(items: list[ActorMention]) -> list[ActorMention]:
    seen: list[ActorMention] = []
    for m in items:
        if m not in seen:
            seen.append(m)
    return seen


def _eligible(doc: Doc, m: ActorMention, clause_start: int) -> bool:
    """A mention can be a subject unless a preposition governs it or it is an adjective that
    modifies nothing personal ("Chinese customs data" no, "a Saudi businessman" yes)."""
    if m.how in _ADJECTIVE_HOWS and not _adjective_of_person(doc, m):
        return False
    j = m.start - 1
    while j >= clause_start and doc[j].lower_ in ("the", "a", "an"):
        j -= 1
    if not (j >= clause_start and doc[j].lower_ in PREPOSITIONS):
        return True
    # "diplomats from the Group of Seven", "leaders of Russia and China" act for the state;
    # "a group of Moroccan diplomats", "thousands of Russian troops" are those people.
    governed_by_office = j > 0 and doc[j - 1].lower_ in _REPRESENTATIVES
    counted = j > 0 and doc[j].lower_ == "of" and doc[j - 1].lower_ in _COUNTING_NOUNS
    return (doc[j].lower_ in ("from", "of", "for") and governed_by_office) or counted


def _adjective_of_person(doc: Doc, m: ActorMention) -> bool:
    """ "a Saudi businessman", "Kurdish fighters": the adjective heads a noun for people."""
    if m.end >= len(doc):
        return False
    word = doc[m.end].lower_
    return word in PEOPLE_NOUNS or (word.endswith(("men", "ers", "ists")) and doc[m.end].is_lower)


_REPRESENTATIVES = frozenset(
    "diplomats officials leaders ministers representatives delegation delegations envoys "
    "members troops forces soldiers delegates negotiators leader envoy minister official "
    "spokesman spokeswoman spokesperson spokespeople president head heads chief "
    "ambassador ambassadors".split()
)
# Nouns that count or gather the people named after "of" ("a group of Moroccan diplomats").
_COUNTING_NOUNS = frozenset(
    "group groups team teams number contingent unit units band dozens hundreds thousands "
    "tens scores couple pair".split()
)
# Nouns for people and groups that make "<adjective> <noun>" an actor.
PEOPLE_NOUNS = frozenset(
    "businessman businessmen man men woman women citizen citizens national nationals "
    "counterpart counterparts "
    "activist activists group groups team delegation delegates official envoy judge judges "
    "court police commander commanders general generals militants militia militias rebels "
    "guerrillas fighters gunmen hackers students workers farmers lawyers doctors journalists "
    "pilots sailors soldiers troops navy army authorities leaders leader "
    "tanks aircraft jets warplanes helicopters gunships artillery missiles drones warships "
    "ships vessels submarines forces units battalions brigades".split()
)


def _subject(
    doc: Doc, trigger_start: int, inside: list[ActorMention], clause_start: int
) -> list[ActorMention]:
    left = [m for m in inside if m.end <= trigger_start]
    if left and left[-1].end == trigger_start and doc[trigger_start].lower_.endswith("ing"):
        # "with the two nations agreeing to …": the noun right before a gerund is its subject
        return [left[-1]]
    if _unknown_subject(doc, trigger_start, clause_start, left):
        return []
    for k in range(len(left) - 1, -1, -1):
        if _eligible(doc, left[k], clause_start):
            return _coordinated(doc, left, k)
    return []


_DETERMINERS = frozenset({"a", "an", "the", "some", "several"})


def _unknown_subject(
    doc: Doc, trigger_start: int, clause_start: int, left: list[ActorMention]
) -> bool:
    """ "…, a human rights group protested", "Abubakar said the initiative aims to mobilize":
    a noun phrase that names no actor stands between the last comma or reporting verb and
    the verb; it is the subject, so nobody before it is."""
    j = trigger_start - 1
    while j >= clause_start and doc[j].text != "," and doc[j].lower_ not in _REPORTED_BY:
        j -= 1
    if j < clause_start:
        return False
    k = j + 1
    if k < trigger_start and doc[k].lower_ == "that" and doc[j].text != ",":
        k += 1
    # a determiner and a noun of its own ("the initiative"), not the trigger's own article
    # ("announced the activation of a force": the announcer is the subject)
    if k + 1 >= trigger_start or doc[k].lower_ not in _DETERMINERS:
        return False
    return not any(m.start > j for m in left)


_REPORTED_BY = frozenset("said says say told announced stated added noted claimed".split())


def _first_group(doc: Doc, mentions: list[ActorMention], clause_start: int) -> list[ActorMention]:
    for k, m in enumerate(mentions):
        if _eligible(doc, m, clause_start):
            return _coordinated_right(doc, mentions, k)
    return []


def _coordinated(doc: Doc, left: list[ActorMention], k: int) -> list[ActorMention]:
    """The mention at `k` with the mentions coordinated before it ("X, Y and Z"); a mention
    inside a prepositional phrase is not ("According to the Kremlin, Xi visited …")."""
    group = [left[k]]
    while k > 0 and _only_coordination(doc, left[k - 1].end, left[k].start):
        k -= 1
        # "the Turkish and Greek sides", "French and German troops": the adjective shares the
        # noun of the mention it is coordinated with
        shared_noun = left[k].how in _ADJECTIVE_HOWS and group[0].how in _HEADED
        # "since Kim and Putin held a summit": "since" opens a clause here, it governs no one
        opens_clause = _governed_by(doc, left[k]) in _SUBORDINATORS
        if not (_eligible(doc, left[k], 0) or shared_noun or opens_clause):
            break
        group.insert(0, left[k])
    return group


_HEADED = frozenset({"institution", "title"})
_SUBORDINATORS = frozenset({"since", "after", "before", "until", "once", "as"})


def _governed_by(doc: Doc, m: ActorMention) -> str:
    """The word before a mention and its articles ("" at the start of the document)."""
    j = m.start - 1
    while j >= 0 and doc[j].lower_ in ("the", "a", "an"):
        j -= 1
    return doc[j].lower_ if j >= 0 else ""  # a state's adjective or name with its noun


def _coordinated_right(doc: Doc, items: list[ActorMention], k: int) -> list[ActorMention]:
    group = [items[k]]
    while k + 1 < len(items) and _only_coordination(doc, items[k].end, items[k + 1].start):
        k += 1
        group.append(items[k])
    return group


def _only_coordination(doc: Doc, start: int, end: int) -> bool:
    """ "X and Y", "X, Y and the Z", "X as well as Y": nothing but conjunctions between."""
    words = [t.lower_ for t in doc[start:end]]
    return (
        0 < len(words) <= 3
        and all(w in _COORD or w == "the" for w in words)
        and any(w in _COORD for w in words)
    )


def _object(
    doc: Doc, match: TriggerMatch, inside: list[ActorMention], frame: str
) -> list[tuple[str, ActorMention]]:
    """The participant group the trigger is directed at, with the preposition before it.

    Looked for in order: inside a multiword trigger ("summoned Niger's ambassador"), as a
    direct object right after the trigger ("urged Russia"), then in the first phrase opened by
    a preposition the frame allows, anywhere in that phrase ("tariffs on U.S. exports").
    """
    right = [m for m in inside if m.start > match.start]
    if not right:
        return []
    direct = [
        m
        for m in right
        if (m.start < match.end or _is_direct(doc, match.end, m.start)) and _usable(doc, m)
    ]
    if direct:
        return [("", g) for g in _coordinated_right(doc, right, right.index(direct[0]))]
    member = _member_of(doc, match.end, right)
    if member is not None:
        return [("", g) for g in _coordinated_right(doc, right, right.index(member))]
    return _prepositional_object(doc, match, right, frame)


def _prepositional_object(
    doc: Doc, match: TriggerMatch, right: list[ActorMention], frame: str
) -> list[tuple[str, ActorMention]]:
    allowed = _OBJECT_PREPS[frame]
    if match.trigger.type in _IN_IS_TARGET:
        allowed = allowed | {"in"}
    end = right[-1].end
    for i in range(match.end, min(end, match.end + _OBJECT_REACH)):
        word = doc[i].lower_
        if word == "that" and match.trigger.type in _COMPLEMENT_TYPES:
            # "demanded that Ottawa drop …", "warned that Iran would …": the complement's
            # subject is the one addressed or accused
            found = _first_in_phrase(doc, right, i + 1)
            near = found is not None and found.start - i <= 3
            return (
                [("", g) for g in _coordinated_right(doc, right, right.index(found))]
                if near and found
                else []
            )
        if doc[i].text in (";", ":") or word in ("that", "which", "who"):
            return []
        # "praised the withdrawal of U.S. troops": the object noun's own participant;
        # "a meeting of ECOWAS defence chiefs", "talks of the foreign ministers of X and Y"
        of_object = word == "of" and i - match.end <= 3 and _of_takes_participant(match, frame)
        if (word not in allowed or word == "") and not of_object:
            continue
        found = _first_in_phrase(doc, right, i + 1)
        if found is not None:
            return [(word, g) for g in _coordinated_right(doc, right, right.index(found))]
    return []


def _of_takes_participant(match: TriggerMatch, frame: str) -> bool:
    return frame == "agent" or (frame == "symmetric" and match.trigger.pos == "noun")


_COMPLEMENT_TYPES = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT"})
_OBJECT_REACH = 14  # tokens after the trigger in which its object phrase may start
_PHRASE_REACH = 7  # tokens into a prepositional phrase in which its participant may stand


def _member_of(doc: Doc, start: int, right: list[ActorMention]) -> ActorMention | None:
    """ "hosted a delegation from Pakistan", "met officials of the EU": the group they act for."""
    for i in range(start, min(start + 4, len(doc) - 1)):
        if doc[i].lower_ in _REPRESENTATIVES and doc[i + 1].lower_ in ("from", "of", "for"):
            return _first_in_phrase(doc, right, i + 2)
        if doc[i].is_punct:
            return None
    return None


def _is_direct(doc: Doc, trigger_end: int, mention_start: int) -> bool:
    """Only determiners, numbers and modifiers between trigger and mention: "urged the Russian
    side", "killed 1,000 Taliban fighters" (no preposition, clause word or punctuation)."""
    gap = doc[trigger_end:mention_start]
    return len(gap) <= 3 and all(
        t.lower_ not in PREPOSITIONS
        and t.lower_ not in _PHRASE_BREAK
        and ((t.is_alpha and t.is_lower) or t.like_num or t.text in ('"', "“", "”"))
        for t in gap
    )


def _first_in_phrase(doc: Doc, right: list[ActorMention], start: int) -> ActorMention | None:
    """The first participant in the phrase starting at `start` (stops at a comma or a verb)."""
    for m in right:
        if m.start < start:
            continue
        if m.start - start > _PHRASE_REACH:
            return None
        gap = doc[start : m.start]
        # "of" may be crossed ("tariffs on $28 billion worth of U.S. exports"), not another
        # preposition ("in the context of the war in Ukraine" is no visit to Ukraine).
        if any(
            t.text in (",", ";", ".")
            or t.lower_ in _PHRASE_BREAK
            or (t.lower_ in PREPOSITIONS and t.lower_ != "of")
            for t in gap
        ):
            return None
        return m if _usable(doc, m) or m.how in _ADJECTIVE_HOWS else None
    return None


# Words that end a prepositional phrase before a participant could be reached.
_PHRASE_BREAK = frozenset(
    {
        "that",
        "which",
        "who",
        "and",
        "but",
        "to",
        "after",
        "before",
        "while",
        "because",
        "when",
        "if",
    }
)


def _usable(doc: Doc, m: ActorMention) -> bool:
    """Can this mention be the object? An adjective can when it qualifies the object's noun:
    "shell Iraqi towns", "condemned the Chinese decision" are aimed at that state."""
    if m.how == "coref" and doc[m.start].lower_ in _POSSESSIVES:
        return False  # "met his Chinese counterpart": "his" only points at the counterpart
    if m.how in _ADJECTIVE_HOWS:
        return m.end < len(doc) and doc[m.end].is_alpha and doc[m.end].is_lower
    return True


_POSSESSIVES = frozenset({"his", "her", "their", "its"})


def _noun_subject(
    doc: Doc, match: TriggerMatch, inside: list[ActorMention]
) -> tuple[list[ActorMention], bool]:
    """Possessive or adjective right before a noun trigger: "Xi's visit", "Russian strikes".
    A mention that ends inside the trigger owns it too ("Ankara military backing": the
    actor matcher took "military" into the mention, the lexicon into "military backing")."""
    overlapping = [m for m in inside if m.start < match.start < m.end <= match.end]
    if overlapping:
        return overlapping[-1:], True
    before = [m for m in inside if m.end <= match.start and match.start - m.end <= _NOUN_GAP]
    if not before:
        return [], False
    k = len(before) - 1
    m = before[k]
    gap = doc[m.end : match.start]
    if any(t.is_punct and t.text not in ("'s", "’s", "'", "’", "-") for t in gap):
        return [], False
    possessive = any(t.lower_ in ("'s", "’s") for t in gap)
    if possessive or m.how in _ADJECTIVE_HOWS or m.end == match.start:
        group = _coordinated(doc, before, k)
        return group, True
    return [], False


_BY_REACH = 6  # "sanctions on Russia were extended by the EU"


def _by_agent(doc: Doc, match: TriggerMatch, inside: list[ActorMention]) -> list[ActorMention]:
    """ "attacks by X", "was condemned by X"."""
    right = [m for m in inside if m.start >= match.end]
    for k, m in enumerate(right):
        j = m.start - 1
        while j >= match.end and doc[j].lower_ in ("the", "a", "an"):
            j -= 1
        j = _before_office(doc, j, match.end)
        if j >= match.end and doc[j].lower_ == "by" and j - match.end <= _BY_REACH:
            if _other_participle(doc, match.end, j):
                return []  # "challenges posed by China": the agent of another verb
            return _coordinated_right(doc, right, k)
    return []


def _before_office(doc: Doc, j: int, floor: int) -> int:
    """ "by the foreign minister of Qatar": from the "of" at `j`, the token before the office
    phrase (the office holder acts for the state); `j` itself when there is no office."""
    if j <= floor or doc[j].lower_ not in ("of", "from"):
        return j
    k = j - 1
    office = False
    while k >= floor and j - k <= 4 and doc[k].is_alpha and doc[k].lower_ not in PREPOSITIONS:
        office = office or doc[k].lower_ in _REPRESENTATIVES
        if doc[k].lower_ in ("the", "a", "an"):
            break
        k -= 1
    while k >= floor and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    return k if office else j


def _other_participle(doc: Doc, start: int, by: int) -> bool:
    """A past participle between the trigger and "by" that is not the trigger's own passive
    ("sanctions … were extended by the EU" is; "challenges posed by China" is not)."""
    for j in range(start, by):
        word = doc[j].lower_
        if not (word.endswith("ed") and doc[j].is_alpha):
            continue
        # "were extended by the EU" is the noun's own passive; "was criticised by Mexico" is
        # another act with its own agent
        if not (j > 0 and doc[j - 1].lower_ in _BE) or word not in LIGHT_VERBS:
            return True
    return False


# Verbs that make an event noun their object: "launched drone attacks", "held a summit".
LIGHT_VERBS = frozenset(
    "launch launched launches launching hold held holds holding pay paid pays paying make made "
    "makes making conduct conducted conducts conducting carry carried carries carrying stage "
    "staged stages staging impose imposed imposes imposing announce announced announces "
    "announcing declare declared declares declaring sign signed signs signing provide "
    "provided provides providing send sent sends sending deliver delivered delivers "
    "delivering issue issued issues issuing begin began begins beginning start started "
    "starts starting resume resumed resumes resuming continue continued continues "
    "continuing mount mounted mounts mounting order ordered orders ordering "
    "extend extended extends extending lift lifted lifts lifting adopt adopted adopts "
    "adopting offer offered offers offering approve approved approves approving "
    "unveil unveiled unveils unveiling sign-off agreed agree agrees reach reached reaches "
    "reaching host hosted hosts hosting attend attended attends attending renew renewed "
    "renews renewing open opened opens opening conclude concluded concludes concluding "
    "complete completed completes completing join joined joins joining enter entered "
    "enters entering".split()
)
_STOP_WORDS = frozenset(
    {
        "and",
        "or",
        "but",
        "that",
        "which",
        "who",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "has",
        "have",
        "had",
        "not",
    }
)


def _after_light_verb(doc: Doc, noun_start: int, clause_start: int) -> bool:
    """Is the event noun the object of a light verb ("has announced a three-day ceasefire")?"""
    j = noun_start - 1
    steps = 0
    while j >= clause_start and steps < 5:
        word = doc[j].lower_
        if word in LIGHT_VERBS:
            return True
        if word in PREPOSITIONS or word in _STOP_WORDS or (doc[j].is_punct and word != "-"):
            return False
        j -= 1
        steps += 1
    return False


def after_be(doc: Doc, trigger_start: int) -> bool:
    """Is the trigger preceded by a form of "be" (adverbs allowed in between)?"""
    j = trigger_start - 1
    while j >= 0 and doc[j].lower_ in ("not", "n't", "also", "reportedly", "allegedly", "being"):
        j -= 1
    return j >= 0 and doc[j].lower_ in _BE


def is_passive(doc: Doc, trigger_start: int) -> bool:
    return after_be(doc, trigger_start) and doc[trigger_start].lower_.endswith(("ed", "en"))


def _between(doc: Doc, match: TriggerMatch, inside: list[ActorMention]) -> list[ActorMention]:
    """ "talks between X and Y": both are participants."""
    right = [m for m in inside if m.start >= match.end]
    for k, m in enumerate(right):
        j = m.start - 1
        while j >= match.end and doc[j].lower_ in ("the",):
            j -= 1
        if j >= match.end and doc[j].lower_ in ("between", "among") and j - match.end <= 2:
            return _coordinated_right(doc, right, k)
    return []
