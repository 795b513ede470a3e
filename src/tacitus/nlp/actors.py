"""Actor mentions: names, adjectives, capitals, institutions and people, resolved to codes.

A PhraseMatcher finds every surface form the knowledge base lists (case-sensitive, so "US"
is not "us"); a second one finds generic institution nouns ("foreign ministry", "side",
"troops"). Adjacent pieces are then combined: "Chinese" + "President" + "Xi Jinping" is one
mention of Xi; "Russia's defence ministry" is RUS/GOV; "Russian Ambassador to China Igor
Morgulov" is one RUS mention (the "to China" belongs to the title, it is not a participant).
Finally "the two leaders", "both sides" and pronouns are linked to earlier mentions where safe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from tacitus.kb.actors import KnowledgeBase


@dataclass(frozen=True, slots=True)
class Participant:
    """One resolved participant: code, sector, canonical name."""

    code: str
    sector: str | None
    name: str


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A token span [start, end) naming one or more participants.

    `how` tells how it was found: name, adjective, capital, metonym, institution, person,
    title (a title with an unknown name), coref (the two leaders, they, he).
    """

    start: int
    end: int
    participants: tuple[Participant, ...]
    how: str

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(p.code for p in self.participants)


_TITLE_TO = frozenset({"ambassador", "envoy", "representative", "emissary", "consul"})
# "the two leaders" refers to people; "the two countries" to states or their organs.
_COREF_PEOPLE = frozenset({"leaders", "presidents", "ministers", "heads", "men", "women"})
_COREF_GROUP = _COREF_PEOPLE | frozenset(
    {
        "sides",
        "countries",
        "nations",
        "governments",
        "states",
        "powers",
        "neighbours",
        "neighbors",
        "parties",
        "capitals",
        "partners",
    }
)
_PRONOUNS_ONE = frozenset({"he", "she", "his", "her", "him"})
_PRONOUNS_MANY = frozenset({"they", "their", "them"})
_COREF_TRIGGERS = _PRONOUNS_ONE | _PRONOUNS_MANY | {"two", "both"}
_NAME_WORD_MAX = 3
_COREF_WINDOW = 40  # tokens: how far back "the two countries" and pronouns look
_LEADERS_WINDOW = 600  # tokens: "the two leaders" may refer back several paragraphs


class ActorMatcher:
    """Built once per pipeline from the knowledge base; `find` runs per document."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.generic = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._forms: list[tuple[str, str]] = []
        by_text: dict[str, int] = {}
        for text, entity_id, how in _with_plural_demonyms(kb.surface_forms()):
            form = text[4:] if text.startswith("the ") else text
            if form in by_text:
                continue
            by_text[form] = len(self._forms)
            self._forms.append((entity_id, how))
        texts = list(by_text)
        for i, pattern in enumerate(nlp.make_doc(t) for t in texts):
            self.names.add(str(by_text[texts[i]]), [pattern])
        self._generic_sector: dict[str, str] = {}
        for g in kb.generic:
            self._generic_sector[g.noun.lower()] = g.sector
        generic = list(self._generic_sector)
        for i, pattern in enumerate(nlp.make_doc(g) for g in generic):
            self.generic.add("G" + generic[i], [pattern])

    def find(self, doc: Doc, published: dt.date | None) -> list[ActorMention]:
        """Every actor mention in `doc`, in order, with roles resolved on `published`."""
        mentions = self._named(doc, published)
        mentions = self._with_institutions(doc, mentions)
        mentions = self._merge_titles(doc, mentions)
        mentions = _surnames(doc, mentions)
        return self._coreference(doc, mentions)

    def _named(self, doc: Doc, published: dt.date | None) -> list[ActorMention]:
        spans = []
        for key, start, end in self.names(doc):
            span = doc[start:end]
            span.label = key
            spans.append(span)
        out = []
        generic_starts = {start for _, start, _ in self.generic(doc)}
        kept = filter_spans(spans)
        starts = {s.start for s in kept} | generic_starts
        for span in kept:
            entity_id, how = self._forms[int(doc.vocab.strings[span.label])]
            entity = self.kb.entities[entity_id]
            if (
                how != "adjective"
                and entity.kind != "person"
                and _inside_longer_name(doc, span.start, span.end, starts)
            ):
                continue
            resolved = self.kb.resolve(entity_id, published)
            kind = "person" if entity.kind == "person" else how
            if entity.kind == "institution":
                kind = "institution"
            part = Participant(resolved.code, resolved.sector, entity.name)
            out.append(ActorMention(span.start, span.end, (part,), kind))
        return out

    def _with_institutions(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Attach generic nouns to a preceding state mention ("Chinese foreign ministry")."""
        strings = doc.vocab.strings
        generic = {start: (end, strings[key][1:]) for key, start, end in self.generic(doc)}
        out: list[ActorMention] = []
        for m in mentions:
            if m.how not in ("adjective", "name", "capital"):
                out.append(m)
                continue
            after = m.end + 1 if m.end < len(doc) and doc[m.end].lower_ in ("'s", "’s") else m.end
            hit = generic.get(after)
            while hit is None and after < min(len(doc), m.end + 3) and _modifier(doc[after]):
                after += 1
                hit = generic.get(after)
            if hit is None:
                out.append(m)
                continue
            end, noun = hit
            sector = self._generic_sector[noun]
            parts = tuple(replace(p, sector=sector) for p in m.participants)
            out.append(ActorMention(m.start, end, parts, "institution"))
        return out

    def _merge_titles(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Join title + name and absorb "ambassador to X" and unknown names after a title."""
        mentions = [_with_title_words(doc, m) for m in mentions]
        out: list[ActorMention] = []
        i = 0
        while i < len(mentions):
            m = mentions[i]
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            title_to = m.how == "institution" and doc[m.end - 1].lower_ in _TITLE_TO
            if title_to and nxt and doc[m.end].lower_ == "to" and nxt.start == m.end + 1:
                m = replace(m, end=nxt.end)
                i += 1
                nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if m.how == "institution" and nxt and nxt.how == "person" and nxt.start <= m.end:
                out.append(replace(nxt, start=min(m.start, nxt.start)))
                i += 2
                continue
            if m.how == "institution" and _is_title(doc, m):
                m = self._absorb_name(doc, m, nxt)
            out.append(m)
            i += 1
        return out

    def _absorb_name(self, doc: Doc, m: ActorMention, nxt: ActorMention | None) -> ActorMention:
        end = m.end
        limit = nxt.start if nxt else len(doc)
        while end < min(limit, m.end + _NAME_WORD_MAX) and _is_name_word(doc[end].text):
            end += 1
        return replace(m, end=end, how="title") if end > m.end else m

    def _coreference(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """ "The two leaders", "both sides", "they", "he": link to recent distinct mentions."""
        starts = {m.start for m in mentions}
        wanted = {doc.vocab.strings.add(w) for w in _COREF_TRIGGERS}
        lower = doc.to_array(LOWER).tolist()
        recent: list[ActorMention] = []  # mentions ending before the current token, in order
        found: list[ActorMention] = []
        k = 0
        for i, word in enumerate(lower):
            while k < len(mentions) and mentions[k].end <= i:
                recent.append(mentions[k])
                k += 1
            if word not in wanted or i in starts:
                continue
            hit = _coref_at(doc, i, recent)
            if hit:
                recent.append(hit)  # later pronouns may refer back to it
                found.append(hit)
        return sorted(mentions + found, key=lambda m: m.start)


def _surnames(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """Later mentions of a person the document introduced with a title or an apposition.

    "Foreign ministry spokesperson Abdul Qahar Balkhi said …" and "Pakistan's envoy to the
    UN, Munir Akram, said …" bind "Balkhi" and "Akram" to the state; wire stories then name
    the speaker by surname alone ("Balkhi rejected the allegation"). Only names the knowledge
    base does not know are bound, and only from their introduction onwards."""
    bound: dict[str, tuple[int, ActorMention]] = {}
    for m in mentions:
        name = _introduced_surname(doc, m)
        if name and name[0] not in bound:
            bound[name[0]] = (name[1], m)
    if not bound:
        return mentions
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found = [
        ActorMention(t.i, t.i + 1, bound[t.text][1].participants, "person")
        for t in doc
        if t.text in bound and t.i > bound[t.text][0] and t.i not in covered
    ]
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def _introduced_surname(doc: Doc, m: ActorMention) -> tuple[str, int] | None:
    """(surname, its position) when `m` introduces an unknown person: a title with a name
    ("Deputy Ambassador James Kariuki"), an office after an institution ("foreign ministry
    spokesperson Abdul Qahar Balkhi"), or a name in apposition ("…, Munir Akram,")."""
    if len(m.participants) != 1:
        return None
    if m.how == "title" and _is_name_word(doc[m.end - 1].text):
        return (doc[m.end - 1].text, m.end - 1) if doc[m.end - 2].text not in _TITLE_WORDS else None
    if m.how not in ("institution", "title", "person") or m.end + 3 >= len(doc):
        return None
    i = m.end
    apposition = doc[i].text == ","
    i += apposition
    office = False
    while i < len(doc) and (doc[i].text in _TITLE_WORDS or doc[i].lower_ in _OFFICES):
        office = office or doc[i].lower_ in _OFFICES
        i += 1
    start = i
    while i < len(doc) and i - start < _NAME_WORD_MAX and _is_name_word(doc[i].text):
        i += 1
    closed = i < len(doc) and doc[i].text == ","
    if i - start >= 2 and (closed if apposition else office):
        return doc[i - 1].text, i - 1
    return None


# Lower-case offices between an institution and its holder's name ("ministry spokesperson").
_OFFICES = frozenset(
    "spokesperson spokesman spokeswoman minister secretary envoy ambassador representative "
    "chief head director adviser advisor official".split()
)


def _with_plural_demonyms(
    forms: Iterator[tuple[str, str, str]],
) -> Iterator[tuple[str, str, str]]:
    """Every surface form, plus "Palestinians", "Israelis", "Afghans" for the people of a state
    (names come first so a plural never shadows a real name)."""
    adjectives = []
    for text, entity_id, how in forms:
        yield text, entity_id, how
        if how == "adjective" and text.endswith(("an", "i")) and text[:1].isupper():
            adjectives.append((text + "s", entity_id))
    for text, entity_id in adjectives:
        yield text, entity_id, "name"


def _tail(recent: list[ActorMention], i: int, window: int) -> list[ActorMention]:
    """The mentions of `recent` (in order) that end within `window` tokens before `i`."""
    j = len(recent)
    while j > 0 and i - recent[j - 1].end <= window:
        j -= 1
    return recent[j:]


def _coref_at(doc: Doc, i: int, recent: list[ActorMention]) -> ActorMention | None:
    word = doc[i].lower_
    before = _tail(recent, i, _COREF_WINDOW)
    if word in ("two", "both") and i + 1 < len(doc) and doc[i + 1].lower_ in _COREF_GROUP:
        start = i - 1 if word == "two" and i > 0 and doc[i - 1].lower_ == "the" else i
        if doc[i + 1].lower_ in _COREF_PEOPLE:
            people = [m for m in _tail(recent, i, _LEADERS_WINDOW) if m.how in ("person", "title")]
            parts = _protagonists(people, 2)
        else:
            # "the two countries": the last two states named, within a few sentences
            states = [m for m in _tail(recent, i, _LEADERS_WINDOW) if _is_state_mention(m)]
            parts = _last_distinct(states, 2)
        return ActorMention(start, i + 2, parts, "coref") if len(parts) == 2 else None
    if word in _PRONOUNS_ONE:
        people = [m for m in before if m.how in ("person", "title")]
        if people and len(people[-1].participants) == 1:
            return ActorMention(i, i + 1, people[-1].participants, "coref")
    if word in _PRONOUNS_MANY:
        # the nearest plural antecedent ("both leaders … they … their"), even past a singular
        groups = [m for m in before if m.how == "coref" or len(m.participants) > 1]
        if groups:
            return ActorMention(i, i + 1, groups[-1].participants, "coref")
    return None


def _is_state_mention(m: ActorMention) -> bool:
    return m.how != "adjective" and all(
        len(p.code) == 3 and p.code.isalpha() and p.code.isupper() for p in m.participants
    )


def _protagonists(mentions: list[ActorMention], n: int) -> tuple[Participant, ...]:
    """The `n` participants named most often in `mentions` (the latest first on a tie), in
    the order they were last named: "the two leaders" are the article's protagonists, not
    whoever was named last in passing ("…, as Trump and Biden did")."""
    count: dict[str, int] = {}
    last: dict[str, tuple[int, Participant]] = {}
    for k, m in enumerate(mentions):
        for p in m.participants:
            count[p.code] = count.get(p.code, 0) + 1
            last[p.code] = (k, p)
    top = sorted(count, key=lambda c: (count[c], last[c][0]), reverse=True)[:n]
    return tuple(last[c][1] for c in sorted(top, key=lambda c: last[c][0]))


def _last_distinct(mentions: list[ActorMention], n: int) -> tuple[Participant, ...]:
    seen: dict[str, Participant] = {}
    for m in reversed(mentions):
        if m.how in ("adjective",):
            continue
        for p in m.participants:
            if p.code not in seen:
                seen[p.code] = p
        if len(seen) >= n:
            break
    return tuple(reversed(list(seen.values())[:n]))


_PLACE_PREFIXES = frozenset(
    "New Latin North South Northern Southern Central East West Eastern Western Upper Lower "
    "Greater Nova Baja Gulf Sea Bay Strait Straits Cape".split()
)
_PLACE_OF = frozenset("Gulf Sea Bay Strait Straits Cape".split())


def _inside_longer_name(doc: Doc, start: int, end: int, mention_starts: set[int]) -> bool:
    """True when a name is part of a longer proper name: "New Jersey", "Gulf of Mexico",
    "North America", "West African", "China Daily". A following capitalised word that starts
    another mention or a title ("U.S. President") does not count."""
    if start > 0 and doc[start - 1].text in _PLACE_PREFIXES and not doc[start - 1].is_sent_start:
        return True
    if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].text in _PLACE_OF:
        return True
    if end < len(doc) and end not in mention_starts:
        nxt = doc[end].text
        capitalised = nxt[:1].isupper() and nxt.isalpha() and not doc[end].is_sent_start
        return capitalised and nxt not in _CALENDAR and not _title_case(doc, end)
    return False


# Capitalised words that follow a name without extending it ("Israel Friday reimposed …").
_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December".split()
)


def _title_case(doc: Doc, i: int) -> bool:
    """Headline capitalisation around token `i` ("Xi Visits Moscow Amid Tensions")."""
    words = [t for t in doc[max(0, i - 4) : i + 4] if t.is_alpha and len(t) > 3]
    upper = sum(1 for t in words if t.text[0].isupper())
    return len(words) >= 3 and upper >= 0.7 * len(words)


# Words that may stand between a state's adjective and an office ("Nigerian junior foreign
# minister", "the Chinese Vice President", "Russia's former defence minister").
_MODIFIERS = frozenset(
    "junior senior deputy vice acting former top chief new then interim outgoing incoming "
    "first second special permanent visiting caretaker exiled elected ruling embattled "
    "assistant under associate principal lead powerful influential veteran".split()
)


# Capitalised words of a title standing before a person's name ("Foreign Minister Lavrov").
_TITLE_WORDS = frozenset(
    "President Prime Minister Foreign Defence Defense Secretary General Chancellor Premier "
    "King Queen Crown Prince Vice Deputy Sheikh Emir Ambassador Spokesman Spokeswoman "
    "Senator Governor Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. of State Supreme Leader Chief Commander "
    "Army Staff Interior Finance Trade Envoy Special Representative Speaker Lt Lt. Gen Gen. "
    "Col Col. Adm Adm. Marshal Field Sultan Emperor Pope Cardinal Archbishop".split()
)


def _with_title_words(doc: Doc, m: ActorMention) -> ActorMention:
    if m.how != "person":
        return m
    start = m.start
    while start > 0 and doc[start - 1].text in _TITLE_WORDS and start > m.start - 4:
        start -= 1
    if start < m.start and doc[start].text == "of":
        start += 1
    return replace(m, start=start) if start < m.start else m


def _modifier(token: Token) -> bool:
    return token.lower_ in _MODIFIERS


def _is_title(doc: Doc, m: ActorMention) -> bool:
    return doc[m.end - 1].text[:1].isupper() or doc[m.end - 1].lower_ in _TITLE_TO


def _is_name_word(text: str) -> bool:
    return len(text) > 1 and text[0].isupper() and text[1:].replace("-", "").isalpha()
