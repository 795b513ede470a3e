"""Trigger lexicon coverage on the development gold sets (a measurement, not a test).

Recall: for every core gold event in the PLOVER-GSR, seed and VOA gold files, does the event's
`evidence` text contain a trigger of the gold type? (Only the lexicon is measured: no actors,
no factuality.)

Over-triggering: for the 16 VOA stories with gold events, the number of trigger matches of each
type in the full story against the number of gold events of that type, and how many of those
matches lie inside the evidence of a gold event of the same type ("in evidence", a rough
precision). Several matches per event are normal (a visit mentioned five times is one event), so
read the ratio as a signal, not a score. The other VOA stories have no gold; their match counts
per type show what the lexicon does on unseen text.

    .venv/bin/python benchmarks/trigger_coverage.py [--triggers FILE] [--misses] [--show TYPE]

`--misses` lists the core events whose evidence has no trigger of their type; `--show TYPE` prints
each VOA match of TYPE with its context, marking those outside any same-type gold evidence.
Tune toward the guidelines and general news phrasing, never toward these particular sentences:
the project is measured on held-out articles.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from tacitus.nlp.lexicon import load_triggers
from tacitus.nlp.matcher import TriggerMatch, TriggerMatcher
from tacitus.ontology import Ontology

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
GOLD_FILES = ("plover-gsr-dev.gold.jsonl", "seeds.gold.jsonl", "voa-dev.gold.jsonl")
VOA_GOLD = EVAL / "voa-dev.gold.jsonl"
VOA_STORIES = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
_CONTEXT = 60  # characters of context shown around a match


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str
    doc: str
    type: str
    core: bool
    evidence: str


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def gold_events(path: Path) -> list[GoldEvent]:
    out = []
    for record in read_jsonl(path):
        for event in record.get("events") or []:  # type: ignore[union-attr]
            out.append(
                GoldEvent(
                    source=path.name.split(".")[0],
                    doc=str(record["doc"]),
                    type=str(event["type"]),
                    core=bool(event.get("core", True)),
                    evidence=str(event.get("evidence") or ""),
                )
            )
    return out


def found_types(nlp: Language, matcher: TriggerMatcher, text: str) -> set[str]:
    return {m.trigger.type for m in matcher.find(nlp(text))}


def recall_table(nlp: Language, matcher: TriggerMatcher, events: list[GoldEvent], misses: bool):
    total, hit = Counter[str](), Counter[str]()
    missed: list[GoldEvent] = []
    for event in events:
        if not event.core:
            continue
        total[event.type] += 1
        if event.type in found_types(nlp, matcher, event.evidence):
            hit[event.type] += 1
        else:
            missed.append(event)
    print("Recall: core gold events whose evidence holds a trigger of the gold type")
    print(f"  {'type':<10} {'gold':>5} {'found':>6} {'recall':>7}")
    for etype in Ontology.default().types:
        if total[etype]:
            share = hit[etype] / total[etype]
            print(f"  {etype:<10} {total[etype]:>5} {hit[etype]:>6} {share:>7.2f}")
    n, k = sum(total.values()), sum(hit.values())
    print(f"  {'ALL':<10} {n:>5} {k:>6} {k / n:>7.2f}")
    by_source = Counter(e.source for e in events if e.core)
    missed_by_source = Counter(e.source for e in missed)
    for source, count in sorted(by_source.items()):
        got = count - missed_by_source[source]
        print(f"  {source:<22} {got}/{count} = {got / count:.2f}")
    if misses:
        print("\nMissed core events:")
        for event in sorted(missed, key=lambda e: (e.type, e.source)):
            print(f"  {event.type:<9} [{event.source}] {event.evidence[:160]}")


def _spans(text: str, evidence: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(evidence) if evidence else -1
    while start >= 0:
        spans.append((start, start + len(evidence)))
        start = text.find(evidence, start + 1)
    return spans


def _inside(match: TriggerMatch, doc: spacy.tokens.Doc, spans: list[tuple[int, int]]) -> bool:
    begin, end = doc[match.start].idx, doc[match.end - 1].idx + len(doc[match.end - 1])
    return any(s <= begin and end <= e for s, e in spans)


def over_triggering(nlp: Language, matcher: TriggerMatcher, show: str | None) -> None:
    stories = {str(r["id"]): str(r["text"]) for r in read_jsonl(VOA_STORIES)}
    gold = gold_events(VOA_GOLD)
    gold_docs = {e.doc for e in gold}
    matches, inside = Counter[str](), Counter[str]()
    core = Counter(e.type for e in gold if e.core)
    every = Counter(e.type for e in gold)
    for doc_id in sorted(gold_docs):
        text = stories.get(doc_id)
        if text is None:
            continue
        doc = nlp(text)
        spans: dict[str, list[tuple[int, int]]] = {}
        for event in gold:
            if event.doc == doc_id:
                spans.setdefault(event.type, []).extend(_spans(text, event.evidence))
        for match in matcher.find(doc):
            etype = match.trigger.type
            matches[etype] += 1
            ok = _inside(match, doc, spans.get(etype, []))
            inside[etype] += ok
            if show == etype:
                _print_match(doc, match, ok, doc_id)
    others = Counter[str]()
    other_ids = [i for i in stories if i not in gold_docs]
    for doc_id in other_ids:
        doc = nlp(stories[doc_id])
        for match in matcher.find(doc):
            others[match.trigger.type] += 1
            if show == match.trigger.type:
                _print_match(doc, match, None, doc_id)
    print(f"\nOver-triggering: VOA gold stories ({len(gold_docs)}), other VOA ({len(other_ids)})")
    print(
        f"  {'type':<10} {'matches':>7} {'in evid':>7} {'gold core':>9} {'gold all':>8} "
        f"{'match/gold':>10} {'other VOA':>9}"
    )
    for etype in Ontology.default().types:
        ratio = f"{matches[etype] / every[etype]:.1f}" if every[etype] else "-"
        print(
            f"  {etype:<10} {matches[etype]:>7} {inside[etype]:>7} {core[etype]:>9} "
            f"{every[etype]:>8} {ratio:>10} {others[etype]:>9}"
        )
    n, k = sum(matches.values()), sum(inside.values())
    print(
        f"  {'ALL':<10} {n:>7} {k:>7} {sum(core.values()):>9} {sum(every.values()):>8} "
        f"{n / max(1, sum(every.values())):>10.1f} {sum(others.values()):>9}"
    )


def _print_match(doc: spacy.tokens.Doc, match: TriggerMatch, ok: bool | None, doc_id: str) -> None:
    span = doc[match.start : match.end]
    left = doc.text[max(0, span.start_char - _CONTEXT) : span.start_char].replace("\n", " ")
    right = doc.text[span.end_char : span.end_char + _CONTEXT].replace("\n", " ")
    mark = {True: "+", False: "-", None: "?"}[ok]
    print(f"{mark} {doc_id:<9} …{left}[[{span.text}]]{right}…  ({match.trigger.phrase})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triggers", type=Path, help="lexicon file (default: the packaged one)")
    parser.add_argument("--misses", action="store_true", help="list missed core events")
    parser.add_argument("--show", metavar="TYPE", help="print the VOA matches of TYPE")
    args = parser.parse_args(argv)
    nlp = spacy.blank("en")
    triggers = load_triggers(args.triggers)
    matcher = TriggerMatcher(nlp.vocab, triggers)
    print(f"Lexicon: {len(triggers)} phrases\n")
    events = [e for name in GOLD_FILES for e in gold_events(EVAL / name)]
    recall_table(nlp, matcher, events, args.misses)
    over_triggering(nlp, matcher, args.show.upper() if args.show else None)


if __name__ == "__main__":
    main()
