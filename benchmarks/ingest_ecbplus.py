"""Ingest throughput on ECB+ (982 real news documents): documents/s and words/s.

Measures two things in one run on one core: cleaning alone (read → clean, in memory) and the
full ingest (read → clean → SQLite store with near-duplicate lookup), on a fresh store.
Usage: python benchmarks/ingest_ecbplus.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecbplus import write_texts
from tacitus import Cleaner, Store, ingest_paths
from tacitus.ingest.readers import read_paths
from tacitus.records import RawDocument


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "ecbplus"
        docs = write_texts(corpus)
        words = sum(len(d.text.split()) for d in docs)
        print(f"ECB+: {len(docs)} documents, {words:,} words")
        cleaner = Cleaner.default()
        raws = [r for r in read_paths([str(corpus)], 10_000_000) if isinstance(r, RawDocument)]
        best_clean = min(_time_clean(cleaner, raws) for _ in range(args.repeat))
        print(
            f"clean only : {len(raws) / best_clean:8.1f} docs/s  "
            f"{words / best_clean:10,.0f} words/s  ({best_clean:.2f} s)"
        )
        best_ingest = float("inf")
        for i in range(args.repeat):
            db = Path(tmp) / f"bench{i}.db"
            with Store(f"sqlite:///{db}") as store:
                start = time.perf_counter()
                report = ingest_paths([str(corpus)], store, cleaner=cleaner)
                best_ingest = min(best_ingest, time.perf_counter() - start)
        print(
            f"full ingest: {len(report.stored) / best_ingest:8.1f} docs/s  "
            f"{words / best_ingest:10,.0f} words/s  ({best_ingest:.2f} s; {report.summary()})"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory: {peak:.0f} MB")


def _time_clean(cleaner: Cleaner, raws: list[RawDocument]) -> float:
    start = time.perf_counter()
    for raw in raws:
        cleaner.clean(raw)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
