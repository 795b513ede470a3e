"""From mentions to events: one record per distinct event per document, every mention kept.

Mentions of the same type and mode whose participants agree are one event ("Xi's visit",
"the visit to Russia", "his trip"); a mention without participants ("the visit") joins the
latest event of its type and mode. The event takes the most precise date of its mentions, the
factuality and attribution of its first mention that states them, and all evidence spans.
A refusal that names what it answers but no one ("Kenya rejected the request") is aimed at
whoever made the latest request, accusation, threat or offer to its actor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from tacitus.datafiles import load_yaml, require_list
from tacitus.nlp.actors import ActorMention
from tacitus.nlp.mentions import EventMention
from tacitus.ontology import Ontology
from tacitus.records import ActorRef, DateValue, Event, Evidence


@dataclass(slots=True)
class _Group:
    """Mentions of one event, with what the merge tests need kept up to date (so that a
    document repeating an event thousands of times stays linear)."""

    mentions: list[EventMention] = field(default_factory=list)
    actors: frozenset[str] = frozenset()
    recipients: frozenset[str] = frozenset()
    phrases: set[str] = field(default_factory=set)
    sentences: set[int] = field(default_factory=set)
    times: set[tuple[str | None, str | None]] = field(default_factory=set)

    def add(self, mention: EventMention) -> None:
        self.mentions.append(mention)
        self.phrases.add(mention.match.trigger.phrase)
        self.sentences.add(mention.sent.start)
        if mention.time and mention.time.value:
            self.times.add((mention.time.value.start, mention.time.value.end))


@dataclass(frozen=True, slots=True)
class AssemblyRules:
    """Which types need a recipient (`nlp/data/assembly.yaml`)."""

    directed: frozenset[str]
    joint: frozenset[str]
    self_directed: frozenset[str] = frozenset()
    located: frozenset[str] = frozenset()
    two_sided: frozenset[str] = frozenset()
    joint_if_together: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path | None = None) -> AssemblyRules:
        where = str(path or "nlp/data/assembly.yaml")
        data = load_yaml("tacitus.nlp.data", "assembly.yaml", path)
        lists = {
            key: frozenset(map(str, require_list(data, key, where)))
            for key in (
                "directed",
                "joint",
                "self_directed",
                "located",
                "two_sided",
                "joint_if_together",
            )
        }
        return cls(**lists)

    def participants(self, mention: EventMention) -> tuple[frozenset[str], frozenset[str]]:
        """Actor and recipient codes of a mention, with the type's defaults applied."""
        actors, recipients = mention.actor_codes(), mention.recipient_codes()
        if not actors and mention.type in self.located and mention.args.location:
            actors = mention.args.location.codes
        if not recipients and mention.type in self.self_directed:
            recipients = frozenset(c for c in actors if len(c) == 3 and c.isalpha())
        return actors, recipients

    def complete(
        self,
        etype: str,
        actors: frozenset[str],
        recipients: frozenset[str],
        organisations: frozenset[str] = frozenset(),
        together: bool = False,
    ) -> bool:
        """Does an event with these participants say who did what to whom? A directed
        event aimed only at its own actors is not, unless its type may be ("self_directed");
        a two-sided one with a single state and no one else is not either. `together`: the
        words put the actors side by side (a symmetric trigger, "signed an agreement")."""
        if not actors:
            return False
        if etype in self.two_sided and len(actors | recipients) == 1:
            return not _is_state(next(iter(actors)), organisations)
        if etype not in self.self_directed:
            recipients = recipients - actors
        if etype not in self.directed or recipients:
            return True
        joint = etype in self.joint or (together and etype in self.joint_if_together)
        return joint and len(actors) > 1


def _is_state(code: str, organisations: frozenset[str]) -> bool:
    """An ISO3-shaped code that is not one of the document's organisations ("ARL" is the
    Arab League, not a state)."""
    return len(code) == 3 and code.isalpha() and code.isupper() and code not in organisations


def assemble(
    doc: Doc, name: str, doc_id: str, ontology: Ontology, rules: AssemblyRules
) -> list[Event]:
    """The events of one analysed document `doc`, named `name` in the output."""
    groups: list[_Group] = []
    organisations = frozenset(
        p.code for m in doc._.actors or () for p in m.participants if p.sector == "IGO"
    )
    by_kind: dict[tuple[str, str | None], list[_Group]] = {}
    addressed: list[EventMention] = []  # mentions aimed at someone, in document order
    for mention in doc._.mentions:
        actors, recipients = rules.participants(mention)
        if not recipients and mention.type in _RESPONSES and _names_what_it_answers(doc, mention):
            recipients = _answered(mention, actors, addressed)
        if actors and recipients and mention.type in _ANSWERABLE:
            addressed.append(mention)
        _place(groups, by_kind, mention, actors, recipients)
    events = [
        _event(doc, name, doc_id, g, ontology)
        for g in groups
        if rules.complete(
            g.mentions[0].type,
            g.actors,
            g.recipients,
            organisations,
            together=any(m.match.trigger.frame == "symmetric" for m in g.mentions),
        )
    ]
    return sorted(events, key=lambda e: e.evidence[0].start)


# A refusal or denial with no one named answers the latest accusation, demand, threat or offer
# aimed at its actor: "China asked Kenya to return the ship. Kenya rejected the request."
_RESPONSES = frozenset({"REJECT"})
_ANSWERABLE = frozenset({"ACCUSE", "REQUEST", "THREATEN", "AGREE"})
_ANSWER_REACH = 250  # tokens back in which the answered mention may start (a few sentences)
# What a refusal names when it answers someone: "denied the request", "dismissed the charges".
_ANSWERED_NOUNS = frozenset(
    "request requests demand demands call calls appeal appeals accusation accusations "
    "allegation allegations charge charges claim claims offer offers proposal proposals "
    "invitation ultimatum".split()
)


def _names_what_it_answers(doc: Doc, mention: EventMention) -> bool:
    end = min(mention.match.end + 3, mention.sent.end)
    return any(doc[i].lower_ in _ANSWERED_NOUNS for i in range(mention.match.start, end))


def _answered(
    mention: EventMention, actors: frozenset[str], addressed: list[EventMention]
) -> frozenset[str]:
    """The actors of the latest earlier mention aimed at `actors`, a few sentences back at
    most; they become the recipients of the refusal (its mention's arguments are updated)."""
    for earlier in reversed(addressed):
        if mention.match.start - earlier.match.start > _ANSWER_REACH:
            break
        if actors & earlier.recipient_codes() and not actors & earlier.actor_codes():
            mention.args.recipients = list(earlier.args.actors)
            return earlier.actor_codes()
    return frozenset()


def _place(
    groups: list[_Group],
    by_kind: dict[tuple[str, str | None], list[_Group]],
    mention: EventMention,
    actors: frozenset[str],
    recipients: frozenset[str],
) -> None:
    same_kind = by_kind.setdefault((mention.type, mention.mode), [])
    same_sentence = _in_sentence_group(by_kind, mention, actors, recipients)
    if same_sentence is not None:
        same_sentence.add(mention)
        same_sentence.actors |= actors
        same_sentence.recipients |= recipients
        return
    if not actors:
        if same_kind and not recipients - same_kind[-1].recipients - same_kind[-1].actors:
            same_kind[-1].add(mention)
        return
    for group in reversed(same_kind):
        if (
            _compatible(group, actors, recipients)
            and _same_time(group, mention)
            and _coreferent(group, mention)
        ):
            group.add(mention)
            group.actors |= actors
            group.recipients |= recipients
            return
    group = _Group(actors=actors, recipients=recipients)
    group.add(mention)
    groups.append(group)
    same_kind.append(group)


# Types whose modes are distinct events even in one sentence: a visit and the talks held
# during it are two CONSULT events (GUIDELINES.md).
_MODES_APART = frozenset({"CONSULT"})


def _in_sentence_group(
    by_kind: dict[tuple[str, str | None], list[_Group]],
    mention: EventMention,
    actors: frozenset[str],
    recipients: frozenset[str],
) -> _Group | None:
    """The latest group of the same type but another mode that already holds a mention in
    this sentence, when the participants agree: "Russian aircraft killed 46 civilians in an
    attack on a village" is one assault, whether its words say "aerial" or not."""
    if mention.type in _MODES_APART:
        return None
    for (etype, mode), kind in by_kind.items():
        if etype != mention.type or mode == mention.mode or not kind:
            continue
        group = kind[-1]
        if mention.sent.start in group.sentences and (
            not actors or _compatible(group, actors, recipients)
        ):
            return group
    return None


def _coreferent(group: _Group, mention: EventMention) -> bool:
    """Can this mention be another report of the group's event?

    A noun ("the visit", "the talks") or a repeated phrase can; so can any part of a visit
    (arrival, talks programme, departure: one visit). A different verb is a different act:
    "reiterated their commitment" and, later, "agreed to enhance coordination" are two events.
    """
    if mention.match.trigger.pos == "noun" or mention.mode == "visit":
        return True
    return mention.match.trigger.phrase in group.phrases or mention.sent.start in group.sentences


def _same_time(group: _Group, mention: EventMention) -> bool:
    """Two mentions with resolved dates that do not overlap are two events ("a test on
    Friday", "another test on Dec. 7"); mentions without dates never split a group."""
    value = mention.time.value if mention.time else None
    if value is None:
        return True
    if mention.mode == "visit":
        return _within_visit(group, value.start)
    low, high = value.start or "0000", value.end or "9999"
    for start, end in group.times:
        o_low, o_high = start or "0000", end or "9999"
        if low[: len(o_high)] > o_high or o_low[: len(high)] > high:
            return False
    return True


_VISIT_DAYS = 14  # the days of one visit's programme (arrival, talks, parade, departure)


def _within_visit(group: _Group, start: str | None) -> bool:
    """Dates in a visit's reports are its programme; a date weeks away is another visit."""
    if not start or len(start) != 10:
        return True
    day = dt.date.fromisoformat(start)
    return all(
        abs((dt.date.fromisoformat(o) - day).days) <= _VISIT_DAYS
        for o, _ in group.times
        if o and len(o) == 10
    )


def _compatible(group: _Group, actors: frozenset[str], recipients: frozenset[str]) -> bool:
    if not (actors <= group.actors or group.actors <= actors):
        return False
    return not recipients or not group.recipients or bool(recipients & group.recipients)


def _event(doc: Doc, name: str, doc_id: str, group: _Group, ontology: Ontology) -> Event:
    first = group.mentions[0]
    lead = _lead(group.mentions)
    etype = first.type
    # the most specific mode its mentions state ("killed … in an air strike": aerial)
    mode = next((m.mode for m in group.mentions if m.mode), None)
    actor = _refs(doc, [m for x in group.mentions for m in x.args.actors], group.actors)
    everyone = [
        m
        for x in group.mentions
        for m in [
            *x.args.recipients,
            *x.args.actors,
            *([x.args.location] if x.args.location else []),
        ]
    ]
    actor = actor or _refs(doc, everyone, group.actors)
    recipient = _refs(doc, everyone, group.recipients)
    fact = lead.factuality
    attribution = lead.attribution
    date = _date(group.mentions)
    # The first mention's position keeps two same-participant events (different dates) apart.
    key = (
        f"{doc_id}|{etype}|{mode}|{sorted(group.actors)}|{sorted(group.recipients)}"
        f"|{first.match.start}"
    )
    return Event(
        doc=name,
        id=hashlib.sha1(key.encode()).hexdigest()[:12],
        type=etype,
        mode=mode,
        actor=actor,
        recipient=recipient,
        date=date,
        location=_location(group),
        factuality=fact,
        attribution=attribution,
        evidence=tuple(dict.fromkeys(_evidence(m) for m in group.mentions)),
        confidence=_confidence(group),
        plover_type=ontology.plover_type(etype, fact),
        cameo=ontology.cameo_root(etype),
        quad_class=ontology.quad_class(etype),
        score=ontology.score(etype, mode),
    )


def _lead(mentions: list[EventMention]) -> EventMention:
    """The mention that states the event: the first in a full sentence (not a headline) that
    names its participants itself, else the first in a full sentence, else the first."""
    full = [m for m in mentions if m.sent.text.rstrip().endswith(_SENTENCE_END)]
    named = [m for m in full if m.actor_codes()]
    return (named or full or mentions)[0]


_SENTENCE_END = (".", "!", "?", '"', "”", "'", "’", ")")


def _refs(doc: Doc, mentions: list[ActorMention], codes: frozenset[str]) -> tuple[ActorRef, ...]:
    out: dict[str, ActorRef] = {}
    for m in mentions:
        for p in m.participants:
            if p.code in codes and p.code not in out:
                out[p.code] = ActorRef(p.code, p.name, doc[m.start : m.end].text, p.sector)
    return tuple(out[c] for c in sorted(out))


_PRECISION = {10: 3, 7: 2, 4: 1}


def _date(mentions: list[EventMention]) -> DateValue | None:
    best: tuple[int, DateValue] | None = None
    for m in mentions:
        if m.time is None or m.time.value is None:
            continue
        value = m.time.value
        precision = _PRECISION.get(len(value.start or value.end or ""), 0)
        if best is None or precision > best[0]:
            best = (precision, DateValue(value.start, value.end, m.time.text))
    return best[1] if best else None


def _location(group: _Group) -> str | None:
    for m in group.mentions:
        if m.args.location:
            return m.args.location.participants[0].code
    return None


def _evidence(mention: EventMention) -> Evidence:
    """The mention's sentence, without surrounding whitespace, with its character offsets."""
    sent = mention.sent
    raw = sent.text
    text = raw.strip()
    start = sent.start_char + (raw.index(text) if text else 0)
    return Evidence(text, start, start + len(text))


def _confidence(group: _Group) -> float:
    """A heuristic in [0, 1]: local arguments, a recipient and repeated mentions raise it."""
    first = group.mentions[0]
    score = 0.5 + (0.2 if first.args.local else 0.0) + (0.1 if group.recipients else 0.0)
    score += min(0.2, 0.05 * (len(group.mentions) - 1))
    return min(1.0, score)
