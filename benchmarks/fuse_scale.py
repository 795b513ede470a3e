"""Fusion at scale: time and memory of `fuse` on synthetic corpora of 1,000 and 10,000 documents.

The generator builds realistic `Document` and `Event` records with a known truth: happenings
(a state visit, a strike, a sanctions round) of skewed sizes (most covered by one or two
documents, a few by dozens) spread over a year, among 200 actors of which a handful (USA, CHN,
RUS, the UN, the EU) appear everywhere; each document reports its happening's events plus
generic background events ("Washington consulted allies", undated) of the kind that chained
whole corpora into one story; texts mix the happening's own names and words with names shared
across happenings (leaders) and common news vocabulary; some documents are wire copies with the
agency's credit, some are undated (half with an inferred window), some repeat the same dyad and
type months apart (a different happening).

Reports, per size, the fuse time, the peak memory of a fresh process (RSS, MB; "(data)" is the
peak before fusing, i.e. Python, Tacitus and the generated corpus), the number of stories, the
largest story, and purity / inverse purity / B³ against the generator's truth.
Usage: python benchmarks/fuse_scale.py [--sizes 1000 10000] [--json]
(each size runs in its own process so the peak memory is that size's.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_ecbplus import scores
from tacitus.fuse import fuse
from tacitus.ingest.fingerprint import minhash, similarity
from tacitus.records import ActorRef, DateValue, Document, Event, Evidence, PublishedBounds

TYPES = (
    ["CONSULT"] * 6
    + ["AGREE", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN"] * 2
    + ["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "ASSAULT", "RETREAT", "CONCEDE"]
)
FREQUENT = ["USA", "CHN", "RUS", "UN", "EU", "GBR", "FRA", "DEU", "IND", "IRN", "ISR", "UKR"]
COMMON_WORDS = (
    "the of and to in a is that for on with as was by at from said it its has have be were "
    "are an this which after also had not their will would but who been more they one over "
    "government minister officials president week talks security foreign state told statement "
    "country countries meeting international military economic political people leaders year "
    "reported according agency spokesman national region border forces support trade deal "
    "ministry sources capital first new last two three public local press report news"
).split()
SYLLABLES = "ka lo mi ra ten vor ul sa de bri gan tho pel ius ar en ko sta vi mar nu bel".split()
START = dt.date(2025, 1, 1)


@dataclass(frozen=True, slots=True)
class Synthetic:
    documents: list[Document]
    events: dict[str, list[Event]]
    truth: dict[str, str]  # document name → happening


@dataclass(slots=True)
class _Happening:
    key: str
    type: str
    actor: str
    recipient: str
    day: dt.date
    mode: str | None
    names: list[str]
    words: list[str]


class _Vocabulary:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.generic = [self.word(3) for _ in range(3000)]
        weights = [1 / (i + 1) for i in range(len(self.generic))]  # Zipf-like use
        self.cumulative = list(itertools.accumulate(weights))
        self.by_type = {t: [self.word(3) for _ in range(40)] for t in sorted(set(TYPES))}
        self.famous = [self.word(3).title() for _ in range(300)]
        self.actors = FREQUENT + [
            "".join(rng.choice("ABCDEFGHIKLMNOPRSTUVYZ") for _ in range(3)) for _ in range(190)
        ]

    def word(self, parts: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, parts)))

    def actor(self) -> str:
        # a few states are in most of the news
        if self.rng.random() < 0.45:
            return self.rng.choice(FREQUENT[:5])
        return self.rng.choice(self.actors)


def corpus(n: int, seed: int = 7) -> Synthetic:
    """`n` documents about happenings of skewed sizes, with their events and the truth."""
    rng = random.Random(seed)
    vocab = _Vocabulary(rng)
    docs: list[Document] = []
    events: dict[str, list[Event]] = {}
    truth: dict[str, str] = {}
    while len(docs) < n:
        happening = _happening(vocab, len(truth))
        size = min(n - len(docs), max(1, int(rng.paretovariate(1.3))))
        texts: list[tuple[str, str | None]] = []
        for _ in range(size):
            agency: str | None
            if texts and rng.random() < 0.1:  # a copy of an earlier report, with its credit
                text, agency = _edited(rng, texts[-1][0]), texts[-1][1]
            else:
                text, agency = _text(vocab, happening), rng.choice([None, None, None, "Reuters"])
            texts.append((text, agency))
            doc = _document(rng, len(docs), text, agency, happening)
            docs.append(doc)
            events[doc.id] = _events(vocab, doc, happening)
            truth[doc.name] = happening.key
    return Synthetic(_link_copies(docs, truth), events, truth)


def _happening(vocab: _Vocabulary, number: int) -> _Happening:
    rng = vocab.rng
    type_ = rng.choice(TYPES)
    actor = vocab.actor()
    recipient = next(c for c in iter(vocab.actor, None) if c != actor)
    return _Happening(
        key=f"h{number}",
        type=type_,
        actor=actor,
        recipient=recipient,
        day=START + dt.timedelta(days=rng.randrange(365)),
        mode="visit" if type_ == "CONSULT" and rng.random() < 0.5 else None,
        names=[vocab.word(3).title() for _ in range(3)] + rng.sample(vocab.famous, 2),
        words=[vocab.word(4) for _ in range(5)] + rng.sample(vocab.by_type[type_], 8),
    )


def _text(vocab: _Vocabulary, h: _Happening) -> str:
    rng = vocab.rng
    own = rng.uniform(0.04, 0.14)  # how much of the article is about the happening itself
    sentences = []
    for _ in range(rng.randint(6, 16)):
        words = []
        for _ in range(rng.randint(10, 24)):
            draw = rng.random()
            if draw < own / 2:
                words.append(rng.choice(h.names))
            elif draw < own:
                words.append(rng.choice(h.words))
            elif draw < 0.45:
                words.append(rng.choice(COMMON_WORDS))
            else:
                words.append(rng.choices(vocab.generic, cum_weights=vocab.cumulative)[0])
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def _edited(rng: random.Random, text: str) -> str:
    words = text.split()
    for _ in range(3):
        words[rng.randrange(len(words))] = "edited"
    return " ".join(words[: max(20, len(words) - rng.randint(0, 30))])


def _document(
    rng: random.Random, number: int, text: str, agency: str | None, h: _Happening
) -> Document:
    name = f"doc{number:05d}"
    day = h.day + dt.timedelta(days=rng.randint(-4, 12))
    published: dt.date | None = day
    bounds = None
    if rng.random() < 0.12:  # undated; half of them with a window inferred from the text
        published = None
        if rng.random() < 0.5:
            bounds = PublishedBounds(None, day + dt.timedelta(days=rng.randint(0, 5)), "synthetic")
    return Document(
        id=hashlib.blake2b(name.encode(), digest_size=8).hexdigest(),
        name=name,
        source=f"/synthetic/{name}",
        text=text,
        words=len(text.split()),
        title=" ".join(text.split()[:8]),
        outlet=f"Outlet {rng.randrange(300)}",
        agency=agency,
        published=published,
        published_bounds=bounds,
        fingerprint=minhash(text),
    )


def _events(vocab: _Vocabulary, doc: Document, h: _Happening) -> list[Event]:
    rng = vocab.rng
    written = doc.published or (doc.published_bounds.before if doc.published_bounds else None)
    before = written is not None and written < h.day
    factuality = rng.choice(["planned", "possible"]) if before else "asserted"
    recipient = (h.recipient,) if rng.random() < 0.8 else ()
    date = _date(rng, h.day)
    found = [_event(doc, 0, h.type, h.mode, (h.actor,), recipient, date, factuality)]
    if rng.random() < 0.3:  # a reaction between the same parties
        kind = rng.choice(["ACCUSE", "REJECT", "REQUEST", "SUPPORT"])
        found.append(_event(doc, 1, kind, None, (h.recipient,), (h.actor,), date, "asserted"))
    for i in range(rng.choice([0, 1, 1, 2, 3])):  # background: generic, undated, frequent actors
        actor = rng.choice(FREQUENT[:5])
        other = (vocab.actor(),) if rng.random() < 0.4 else ()
        found.append(_event(doc, 2 + i, rng.choice(TYPES), None, (actor,), other, None, "asserted"))
    return found


def _date(rng: random.Random, day: dt.date) -> DateValue | None:
    draw = rng.random()
    if draw < 0.45:
        return DateValue(day.isoformat(), day.isoformat(), None)
    if draw < 0.55:
        end = day + dt.timedelta(days=rng.randint(1, 3))
        return DateValue(day.isoformat(), end.isoformat(), None)
    if draw < 0.65:
        return DateValue(day.isoformat()[:7], day.isoformat()[:7], None)
    return None


def _event(
    doc: Document,
    number: int,
    type_: str,
    mode: str | None,
    actors: tuple[str, ...],
    recipients: tuple[str, ...],
    date: DateValue | None,
    factuality: str,
) -> Event:
    sentence = doc.text.split(".")[number % 3] + "."
    return Event(
        doc=doc.id,
        id=f"{doc.id}-{number}",
        type=type_,
        mode=mode,
        actor=tuple(ActorRef(code=c, name=c, text=c) for c in actors),
        recipient=tuple(ActorRef(code=c, name=c, text=c) for c in recipients),
        date=date,
        location=None,
        factuality=factuality,
        attribution=None,
        evidence=(Evidence(sentence, 0, len(sentence)),),
        confidence=0.8,
    )


def _link_copies(docs: list[Document], truth: dict[str, str]) -> list[Document]:
    """Link documents of one happening whose texts match as copies (as ingest would)."""
    by_key: dict[str, list[Document]] = {}
    for doc in docs:
        by_key.setdefault(truth[doc.name], []).append(doc)
    links: dict[str, list[str]] = {}
    for group in by_key.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if similarity(a.fingerprint, b.fingerprint) >= 0.6:
                    links.setdefault(a.id, []).append(b.id)
                    links.setdefault(b.id, []).append(a.id)
    return [replace(d, copy_of=tuple(links.get(d.id, ()))) for d in docs]


# ---------------------------------------------------------------- measuring


def measure(n: int, seed: int = 7) -> dict[str, object]:
    """Generate `n` documents, fuse them once, and return the figures."""
    data = corpus(n, seed)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    stories = fuse(data.documents, data.events)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clusters = [list(s.documents) for s in stories]
    result = scores(clusters, data.truth.__getitem__)
    return {
        "documents": n,
        "events": sum(len(v) for v in data.events.values()),
        "happenings": len(set(data.truth.values())),
        "stories": len(stories),
        "largest_story": max(len(c) for c in clusters),
        "largest_happening": Counter(data.truth.values()).most_common(1)[0][1],
        "fuse_seconds": round(seconds, 2),
        "peak_mb": round(peak),
        "peak_mb_before_fuse": round(before),
        **{k: round(v, 3) for k, v in result.items() if k != "gold_groups"},
        "load_average": _load(),
    }


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.sizes[0], args.seed)))
        return
    results = []
    for n in args.sizes:  # a fresh process per size: its peak memory is that size's
        out = subprocess.run(
            [sys.executable, __file__, "--one", "--sizes", str(n), "--seed", str(args.seed)],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout))
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(
        f"{'docs':>6} {'events':>6} {'truth':>6} {'stories':>7} {'largest':>7} {'fuse s':>7} "
        f"{'peak MB':>7} {'(data)':>6} {'purity':>6} {'inv.p':>6} {'B3 F1':>6}  load"
    )
    for r in results:
        print(
            f"{r['documents']:>6} {r['events']:>6} {r['happenings']:>6} {r['stories']:>7} "
            f"{r['largest_story']:>7} {r['fuse_seconds']:>7} {r['peak_mb']:>7} "
            f"{r['peak_mb_before_fuse']:>6} "
            f"{r['purity']:>6.3f} {r['inverse_purity']:>6.3f} {r['b3_f1']:>6.3f}  "
            f"{r['load_average']}"
        )


if __name__ == "__main__":
    main()
