"""The analysis pipeline: spaCy's blank English tokenizer plus our rule components.

Each component has one contract: it takes the Doc, adds what it declares under `doc._`, and
returns the Doc. spaCy checks the declared order (`requires` / `assigns`). Components are
registered by name and version (spaCy factory names: `tacitus_<component>_v<N>`) when
`build_pipeline` first runs, never at import time.

    tacitus_sentences_v1    sentence starts             (token.is_sent_start)
    tacitus_actors_v1       doc._.actors                needs doc._.published
    tacitus_times_v1        doc._.times                 needs doc._.published
    tacitus_triggers_v1     doc._.triggers
    tacitus_events_v1       doc._.mentions              needs actors, triggers, sentences
    tacitus_factuality_v1   mention.factuality, time    needs mentions, times
    tacitus_attribution_v1  mention.attribution         needs mentions
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import replace
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.kb.actors import KnowledgeBase, load_knowledge_base
from tacitus.nlp.actors import ActorMatcher, ActorMention
from tacitus.nlp.arguments import after_be, assign
from tacitus.nlp.attribution import attribution
from tacitus.nlp.clauses import clause_bounds, clause_starts, content_start, proposal_scopes
from tacitus.nlp.cues import Cue, CueMatcher, load_cues
from tacitus.nlp.factuality import factuality
from tacitus.nlp.lexicon import load_triggers
from tacitus.nlp.matcher import TriggerMatch, TriggerMatcher
from tacitus.nlp.mentions import EventMention
from tacitus.nlp.sentences import set_sentences
from tacitus.nlp.timex import TimeMention, TimeTagger

COMPONENTS = (
    "tacitus_sentences_v1",
    "tacitus_actors_v1",
    "tacitus_times_v1",
    "tacitus_triggers_v1",
    "tacitus_events_v1",
    "tacitus_factuality_v1",
    "tacitus_attribution_v1",
)
_EXTENSIONS = ("published", "actors", "times", "triggers", "mentions", "cues")


def register() -> None:
    """Register Doc extensions and component factories (idempotent)."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if Language.has_factory(COMPONENTS[0]):
        return
    Language.factory(COMPONENTS[0], assigns=["token.is_sent_start"])(
        lambda nlp, name: set_sentences
    )
    Language.factory(COMPONENTS[1], assigns=["doc._.actors"], default_config={})(_actors)
    Language.factory(COMPONENTS[2], assigns=["doc._.times"])(lambda nlp, name: _Times())
    Language.factory(COMPONENTS[3], assigns=["doc._.triggers"])(_triggers)
    Language.factory(
        COMPONENTS[4],
        requires=["doc._.actors", "doc._.triggers", "token.is_sent_start"],
        assigns=["doc._.mentions", "doc._.cues"],
    )(_events)
    Language.factory(COMPONENTS[5], requires=["doc._.mentions", "doc._.times"])(
        lambda nlp, name: _Factuality(nlp)
    )
    Language.factory(COMPONENTS[6], requires=["doc._.mentions"])(
        lambda nlp, name: _Attribution(nlp)
    )


_SHARED: dict[str, Any] = {}


def _kb() -> KnowledgeBase:
    # Loaded once per process when the first pipeline is built (not at import).
    if "kb" not in _SHARED:
        _SHARED["kb"] = load_knowledge_base()
    return _SHARED["kb"]  # type: ignore[no-any-return]


def _cues(nlp: Language) -> CueMatcher:
    # One cue matcher per vocabulary, shared by the events, factuality and attribution steps.
    if "cues" not in _SHARED:
        _SHARED["cues"] = load_cues()  # the data is read once per process
    key = f"cues:{id(nlp.vocab)}"
    if key not in _SHARED:
        _SHARED[key] = CueMatcher(nlp, data=_SHARED["cues"])
    return _SHARED[key]  # type: ignore[no-any-return]


class _Actors:
    def __init__(self, nlp: Language) -> None:
        self.matcher = ActorMatcher(nlp, _kb())

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = self.matcher.find(doc, doc._.published)
        return doc


def _actors(nlp: Language, name: str) -> _Actors:
    return _Actors(nlp)


class _Times:
    def __init__(self) -> None:
        self.tagger = TimeTagger.default()

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = self.tagger.tag(doc.text, doc._.published)
        return doc


def _triggers(nlp: Language, name: str) -> Any:
    if "triggers" not in _SHARED:
        _SHARED["triggers"] = load_triggers()  # parsed once per process, like the KB
    matcher = TriggerMatcher(nlp.vocab, _SHARED["triggers"])

    def component(doc: Doc) -> Doc:
        doc._.triggers = matcher.find(doc)
        return doc

    return component


def _events(nlp: Language, name: str) -> Any:
    cue_matcher = _cues(nlp)

    def component(doc: Doc) -> Doc:
        doc._.cues = cue_matcher.find(doc)
        doc._.mentions = list(_mentions(doc))
        return doc

    return component


def _mentions(doc: Doc) -> Any:
    triggers = doc._.triggers
    if not triggers:
        return
    actors = doc._.actors
    actor_starts = [m.start for m in actors]
    trigger_starts = [t.start for t in triggers]
    for sent in doc.sents:
        lo, hi = bisect_left(trigger_starts, sent.start), bisect_left(trigger_starts, sent.end)
        if lo == hi:
            continue
        # only this sentence's mentions: long documents stay linear
        first, last = bisect_left(actor_starts, sent.start), bisect_left(actor_starts, sent.end)
        in_sent = actors[first:last]
        starts = clause_starts(doc, sent)
        taken: set[int] = set()  # objects of earlier verbs cannot be later subjects
        # what is asked, threatened, promised, alleged or proposed
        content: list[tuple[int, int]] = proposal_scopes(doc, starts, sent)
        refused: list[tuple[int, int]] = []  # the objects of refusals
        for match in triggers[lo:hi]:
            if _not_an_event(doc, match, sent.end, in_sent, content=content, refused=refused):
                continue
            clause = clause_bounds(starts, sent.end, match.start)
            opened = content_start(doc, match.trigger.type, match.start, match.end, clause[1])
            if opened is not None:
                content.append((opened, clause[1]))
            if match.trigger.type == "REJECT":
                refused.append((match.end, clause[1]))
            previous = _previous_clause(starts, clause)
            args = assign(doc, match, in_sent, clause, previous, taken=taken)
            if match.trigger.pos == "verb":
                taken.update(id(m) for m in args.recipients if m not in args.actors)
            yield EventMention(match, sent, clause, args)


def _not_an_event(
    doc: Doc,
    match: TriggerMatch,
    sent_end: int,
    in_sent: list[ActorMention],
    *,
    content: list[tuple[int, int]],
    refused: list[tuple[int, int]],
) -> bool:
    """Triggers whose words state no event of their own, whatever their participants."""
    if match.trigger.frame == "symmetric" and _passive_verb(doc, match):
        return True  # "will be met with resistance" is no meeting
    if any(a <= match.start < b for a, b in content):
        return True  # "urged Israel to allow aid": the aid is asked for, not allowed
    if match.trigger.pos == "noun" and any(a <= match.start < b for a, b in refused):
        return True  # "rejected French mediation": the mediation did not take place
    if _inside_actor(in_sent, match):
        return True  # "Jordan's visiting King Abdullah": part of a name or a title
    return _warning_about(doc, match, sent_end)  # "warned of a possible resurgence"


def _warning_about(doc: Doc, match: TriggerMatch, sent_end: int) -> bool:
    """A bare "warn" followed by "of" or "about" within a few words: what is warned of is a
    danger, not a consequence the speaker threatens ("warned of retaliation" and "warned of
    sanctions" are phrases of their own in the lexicon)."""
    if match.trigger.phrase != "warn" or match.end - match.start != 1:
        return False
    for t in doc[match.end : min(sent_end, match.end + 4)]:
        if t.lower_ in ("of", "about"):
            return True
        if t.text[:1].isupper() and t.text not in _CALENDAR:
            return False  # "warned Israel of a crushing response": a threat to Israel
    return False


_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December".split()
)


def _inside_actor(mentions: list[ActorMention], match: TriggerMatch) -> bool:
    return any(m.start <= match.start and match.end <= m.end for m in mentions)


def _passive_verb(doc: Doc, match: TriggerMatch) -> bool:
    return match.trigger.pos == "verb" and after_be(doc, match.start)


def _previous_clause(starts: list[int], clause: tuple[int, int]) -> tuple[int, int] | None:
    """Everything in the sentence before the clause: where a clause without its own subject
    ("…, and held talks", "…, visited Moscow" after a relative clause) finds it."""
    return (starts[0], clause[0]) if clause[0] > starts[0] else None


class _Factuality:
    def __init__(self, nlp: Language) -> None:
        self.windows = _cues(nlp).windows
        self.exempt = _cues(nlp).exempt

    def __call__(self, doc: Doc) -> Doc:
        cue_starts = [c.start for c in doc._.cues]
        time_starts = [t.start for t in doc._.times]
        clauses: dict[int, list[tuple[int, int]]] = {}
        for m in doc._.mentions:
            clauses.setdefault(m.sent.start, []).append(m.clause)
        for mention in doc._.mentions:
            others = [c for c in clauses[mention.sent.start] if c != mention.clause]
            mention.time = _time_for(doc, mention, time_starts, others)
            if mention.time and _past_verb(doc, mention):
                mention.time = _backward(mention.time, doc._.published)
            start = mention.time.value.start if mention.time and mention.time.value else None
            mention.factuality = factuality(
                cues=_reported_future(
                    doc, _cues_in(doc._.cues, cue_starts, mention.sent.start, mention.sent.end)
                ),
                windows=self.windows,
                exempt=self.exempt,
                etype=mention.type,
                clause=mention.clause,
                sentence_start=mention.sent.start,
                trigger=(mention.match.start, mention.match.end),
                noun=mention.match.trigger.pos == "noun",
                event_start=start,
                published=doc._.published,
            )
            if mention.factuality in ("planned", "possible") and mention.time:
                mention.time = _forward(mention.time, doc._.published)
        return doc


def _past_verb(doc: Doc, mention: EventMention) -> bool:
    """Is the trigger a verb in a past form ("held", "met", "signed"): its word is not the
    lexicon lemma, nor a present or "-ing" form of it?"""
    if mention.match.trigger.pos != "verb":
        return False
    word = doc[mention.match.start].lower_
    lemma = mention.match.trigger.phrase.lstrip("~").split()[0].lower()
    return word != lemma and not word.endswith(("s", "ing")) and doc[mention.match.start].is_alpha


def _backward(time: TimeMention, published: dt.date | None) -> TimeMention:
    """ "held a summit in September", published in June: a month or day without its year
    that a past-tense verb dates is the last one, not the coming one."""
    value = time.value
    if not value or not value.start or not published or _YEAR_WRITTEN.search(time.text):
        return time
    if time.kind in ("month", "date") and value.start > published.isoformat()[: len(value.start)]:
        return replace(
            time, value=replace(value, start=_year_before(value.start), end=_year_before(value.end))
        )
    return time


def _year_before(iso: str | None) -> str | None:
    return f"{int(iso[:4]) - 1}{iso[4:]}" if iso else None


_REPORTED_WOULD = 8  # tokens between a reporting verb and the "would" of its complement


def _reported_future(doc: Doc, cues: list[Cue]) -> list[Cue]:
    """ "Modi announced that New Delhi would invest …", "Iran said it would resume talks":
    "would" after a reporting verb is the future seen from then, a plan, not a guess."""
    reports = [c for c in cues if c.kind == "reporting"]
    if not reports:
        return cues
    return [
        replace(c, kind="planned")
        if c.kind == "possible"
        and doc[c.start].lower_ in ("would", "'d")
        and any(0 <= c.start - r.end <= _REPORTED_WOULD for r in reports)
        else c
        for c in cues
    ]


def _cues_in(cues: list[Cue], starts: list[int], lo: int, hi: int) -> list[Cue]:
    """The cues of one sentence (cues are sorted by start): lookups stay local in long texts."""
    return cues[bisect_left(starts, lo) : bisect_left(starts, hi)]


def _time_for(
    doc: Doc, mention: EventMention, starts: list[int], others: list[tuple[int, int]]
) -> TimeMention | None:
    """The resolved time expression nearest the trigger: in its clause, else in its sentence
    outside clauses that hold another event ("Putin said he would visit China, but Xi
    visited Moscow on May 7": May 7 is Xi's)."""
    trigger_char = doc[mention.match.start].idx
    sent_times = doc._.times[
        bisect_left(starts, mention.sent.start_char) : bisect_left(starts, mention.sent.end_char)
    ]
    taken = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in others]
    sent_times = [t for t in sent_times if not any(a <= t.start < b for a, b in taken)]
    for lo, hi in ((mention.clause[0], mention.clause[1]), (mention.sent.start, mention.sent.end)):
        lo_char = doc[lo].idx
        hi_char = doc[hi - 1].idx + len(doc[hi - 1])
        near = [t for t in sent_times if t.value and lo_char <= t.start and t.end <= hi_char]
        if near:
            # The most precise expression wins ("May 7–9, 2025" over "2025"), then the nearest.
            nearest: TimeMention = min(
                near, key=lambda t: (-_precision(t), abs(t.start - trigger_char))
            )
            return nearest
    return None


_YEAR_WRITTEN = re.compile(r"\b\d{4}\b")


def _forward(time: TimeMention, published: dt.date | None) -> TimeMention:
    """A bare weekday or a month without its year resolves to the past by default ("on
    Friday" in news is usually the last one); in a planned or possible event ("will attend on
    Friday", "is expected to visit in December") it is the coming one."""
    value = time.value
    if not value or not value.start or not published or _YEAR_WRITTEN.search(time.text):
        return time
    if time.kind == "weekday" and len(value.start) == 10:
        day = dt.date.fromisoformat(value.start)
        if day < published:
            later = (day + dt.timedelta(days=7)).isoformat()
            return replace(time, value=replace(value, start=later, end=later))
    if time.kind in ("month", "date") and value.start < published.isoformat()[: len(value.start)]:
        return replace(
            time, value=replace(value, start=_next_year(value.start), end=_next_year(value.end))
        )
    return time


def _next_year(iso: str | None) -> str | None:
    return f"{int(iso[:4]) + 1}{iso[4:]}" if iso else None


def _precision(t: TimeMention) -> int:
    value = t.value
    return len(value.start or value.end or "") if value else 0


class _Attribution:
    def __init__(self, nlp: Language) -> None:
        self.unnamed = _cues(nlp).unnamed_sources

    def __call__(self, doc: Doc) -> Doc:
        starts = [c.start for c in doc._.cues]
        for mention in doc._.mentions:
            cues = _cues_in(doc._.cues, starts, mention.sent.start, mention.sent.end)
            mention.attribution, mention.source_span = attribution(
                doc, mention.sent, cues, mention.match.start, self.unnamed
            )
            _speaker_as_actor(doc, mention)
        return doc


# Types whose event is the statement itself: with no subject of its own ("[We] urge Pakistan
# to …," the spokesperson said), the speaker is the actor and there is no separate source.
SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "AGREE"})
_FIRST_PERSON = frozenset({"we", "i", "our", "us"})


def _speaker_as_actor(doc: Doc, mention: EventMention) -> None:
    span = mention.source_span
    if span is None or mention.type not in SPEECH_ACTS:
        return
    speakers = [m for m in doc._.actors if span[0] <= m.start and m.end <= span[1]]
    if not speakers:
        return
    own = mention.actor_codes()
    first_person = any(
        doc[i].lower_ in _FIRST_PERSON for i in range(mention.clause[0], mention.match.start)
    )
    if not own or first_person:
        mention.args.actors = speakers[:1]
        mention.attribution = None
    elif own & frozenset(c for m in speakers for c in m.codes):
        mention.attribution = None  # "X said it condemned …": the statement is the event


def build_pipeline(kb: KnowledgeBase | None = None) -> Language:
    """A blank English pipeline with every Tacitus component, in order.

    `kb` replaces the shipped knowledge base for this pipeline only (for example the shipped
    one extended with Phoenix dictionaries: `load_knowledge_base().extended(...)`).
    """
    register()
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name, name=name.split("_")[1])
    if kb is not None:
        actors = nlp.get_pipe("actors")
        if not isinstance(actors, _Actors):
            raise TypeError(f"the actors component is {type(actors).__name__}, not ours")
        actors.matcher = ActorMatcher(nlp, kb)
    return nlp


def run(nlp: Language, text: str, published: dt.date | None) -> Doc:
    """Analyse `text` published on `published` (None when unknown)."""
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
