"""Event mentions: one trigger in context, with its participants, time, factuality, source."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from tacitus.nlp.arguments import Arguments
from tacitus.nlp.matcher import TriggerMatch
from tacitus.nlp.timex import TimeMention


@dataclass(slots=True)
class EventMention:
    match: TriggerMatch
    sent: Span
    clause: tuple[int, int]
    args: Arguments
    time: TimeMention | None = None
    factuality: str = "asserted"
    attribution: str | None = None
    source_span: tuple[int, int] | None = None

    @property
    def type(self) -> str:
        return self.match.trigger.type

    @property
    def mode(self) -> str | None:
        return self.match.trigger.mode

    def actor_codes(self) -> frozenset[str]:
        return frozenset(c for m in self.args.actors for c in m.codes)

    def recipient_codes(self) -> frozenset[str]:
        return frozenset(c for m in self.args.recipients for c in m.codes) - self.actor_codes()
