"""Scale-out throughput: ECB+ replicated to 50,000+ documents, 1 and 2 workers per engine.

The 982 ECB+ documents are replicated (replica r of a document ends with a line naming the
replica, so every copy has its own content id and is analysed) and written as sharded
`.jsonl.gz`, then `extract_paths` runs over the shards into a fresh SQLite store once per
(engine, workers). Reported per run: wall time, documents/s, words/s, the driver's CPU
time over wall time, peak RSS of the driver and of each worker (psutil, sampled every
0.5 s), and the load average before and after.
Scaling efficiency is the 2-worker throughput over twice the 1-worker throughput of the same
engine. Cost per million articles assumes a 2-vCPU cloud VM at --price dollars per hour.

Usage: python benchmarks/scale_ecbplus.py [--docs 50000] [--engine processes --engine dask]
           [--workers 1 --workers 2] [--batch-size 100] [--price 0.085] [--work DIR]
Each run takes minutes; the replicated corpus is kept in --work and reused.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecbplus import load
from tacitus import Store, extract_paths
from tacitus.engines import Engine, make_engine

SHARD = 5_000  # documents per .jsonl.gz shard


def replicate(target: Path, docs: int) -> list[Path]:
    """Write `docs` documents (ECB+ replicated) as shards under `target`; reuse if present."""
    target.mkdir(parents=True, exist_ok=True)
    done = target / f"done-{docs}"
    shards = sorted(target.glob(f"ecbplus-{docs}-*.jsonl.gz"))
    if done.exists():
        return shards
    base = load()
    for old in shards:
        old.unlink()
    for first in range(0, docs, SHARD):
        with gzip.open(target / f"ecbplus-{docs}-{first // SHARD:04d}.jsonl.gz", "wt") as out:
            for i in range(first, min(docs, first + SHARD)):
                doc, replica = base[i % len(base)], i // len(base)
                text = f"{doc.text}\n\nArchive copy {replica} of this report."
                out.write(json.dumps({"id": f"{doc.name}#{replica}", "text": text}) + "\n")
    done.touch()
    return sorted(target.glob(f"ecbplus-{docs}-*.jsonl.gz"))


@dataclass
class Sampler:
    """Peak resident memory of the driver and of each worker process, sampled in a thread."""

    engine: Engine
    peaks: dict[int, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.stop.wait(0.5):
            pids = getattr(self.engine, "pids", lambda: [])()
            for pid in [os.getpid(), *pids]:
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[pid] = max(self.peaks.get(pid, 0), rss)


def measure(shards: list[Path], engine_name: str, workers: int, batch: int) -> dict[str, object]:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/scale.db") as store:
        with make_engine(engine_name, workers) as engine:
            sampler = Sampler(engine)
            thread = threading.Thread(target=sampler.run, daemon=True)
            thread.start()
            start, cpu = time.perf_counter(), psutil.Process().cpu_times()
            report = extract_paths([str(s) for s in shards], store, engine=engine, batch_size=batch)
            seconds = time.perf_counter() - start
            driver_cpu = sum(psutil.Process().cpu_times()[:2]) - sum(cpu[:2])
            sampler.stop.set()
            thread.join()
        with store.engine.connect() as conn:
            words = conn.exec_driver_sql("SELECT sum(words) FROM documents").scalar_one()
    driver = sampler.peaks.pop(os.getpid(), 0)
    return {
        "engine": engine_name,
        "workers": workers,
        "documents": report.analysed,
        "seconds": round(seconds, 1),
        "docs_per_s": round(report.analysed / seconds, 1),
        "words_per_s": round(int(words) / seconds),
        # the driver reads, writes the store (and hosts Dask's scheduler): its share of a core
        "driver_cpu_share": round(driver_cpu / seconds, 2),
        "driver_peak_mb": round(driver / 2**20),
        "worker_peak_mb": sorted(round(v / 2**20) for v in sampler.peaks.values()),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--engine", action="append", choices=["local", "processes", "dask"])
    parser.add_argument("--workers", action="append", type=int)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--price", type=float, default=0.085, help="$/hour of a 2-vCPU VM")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tacitus-scale")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()
    shards = replicate(args.work, args.docs)
    print(f"{args.docs:,} documents in {len(shards)} shards under {args.work}", flush=True)
    results = []
    for engine in args.engine or ["processes", "dask"]:
        for workers in args.workers or [1, 2]:
            result = measure(shards, engine, workers, args.batch_size)
            results.append(result)
            print(json.dumps(result), flush=True)
    print(f"\ncost assumes a 2-vCPU VM at ${args.price}/hour")
    for r in results:
        per_million = 1e6 / float(r["docs_per_s"]) / 3600 * args.price  # type: ignore[arg-type]
        print(
            f"{r['engine']:9} {r['workers']} worker(s): {r['docs_per_s']:>7} docs/s "
            f"{r['words_per_s']:>9,} words/s  ${per_million:.2f} per million articles"
        )
    by = {(r["engine"], r["workers"]): float(r["docs_per_s"]) for r in results}  # type: ignore[arg-type]
    for engine in args.engine or ["processes", "dask"]:
        if (engine, 1) in by and (engine, 2) in by:
            print(f"{engine} scaling efficiency: {by[(engine, 2)] / (2 * by[(engine, 1)]):.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
