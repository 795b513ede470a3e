"""Extraction speed on ECB+ (982 news documents): documents/s, words/s, ratio to tokenising.

Measured in one run on one core: (1) a bare spaCy blank-English tokenisation pass over the
cleaned texts, (2) the full analysis pipeline (actors, times, triggers, events, factuality,
attribution, assembly) over the same texts. Peak memory is the process's maximum RSS.
Usage: python benchmarks/extract_ecbplus.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecbplus import load
from tacitus import Cleaner, RawDocument
from tacitus.analysis import Analyzer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cleaner = Cleaner.default()
    docs = [cleaner.clean(RawDocument(d.name, d.name, d.text)) for d in load()]
    texts = [d.text for d in docs]
    words = sum(d.words for d in docs)
    print(f"ECB+: {len(docs)} documents, {words:,} words")
    start = time.perf_counter()
    analyzer = Analyzer()
    print(f"pipeline start-up: {time.perf_counter() - start:.2f} s")
    nlp = spacy.blank("en")
    tokenise = min(_time(lambda: [nlp.make_doc(t) for t in texts]) for _ in range(args.repeat))
    events = 0

    def analyse() -> None:
        nonlocal events
        events = sum(len(analyzer.analyze_document(d)) for d in docs)

    full = min(_time(analyse) for _ in range(args.repeat))
    print(f"tokenise only : {len(docs) / tokenise:8.1f} docs/s  {words / tokenise:10,.0f} words/s")
    print(f"full analysis : {len(docs) / full:8.1f} docs/s  {words / full:10,.0f} words/s")
    print(f"ratio full/tokenise: {full / tokenise:.2f}; {events} events")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


def _time(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
