"""Load check for `tacitus serve`: many concurrent requests on loopback against an ECB+ store.

Builds (or reuses) a store of the ECB+ documents (ingested, analysed and fused), starts the web
app with uvicorn in a subprocess on 127.0.0.1, and drives `--concurrency` clients (asyncio +
httpx, each sending its next request as soon as the last one is answered) for `--seconds`
over a mix of pages and API calls: search, document pages, event lists with filters, story
pages, actor pages and a small CSV export. Prints requests/s, latency percentiles, errors and
the load average. The client runs on the same machine, so it takes CPU from the server.

Usage: python benchmarks/load_web.py [--db sqlite:///benchmarks/.cache/ecbplus-web.db]
                                      [--concurrency 200] [--seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecbplus import write_texts
from tacitus import Store, extract_paths
from tacitus.fuse import fuse
from tacitus.store.search import EventQuery, find_events

DEFAULT_DB = Path(__file__).resolve().parent / ".cache" / "ecbplus-web.db"
SEARCH_WORDS = ("earthquake", "police", "killed", "fire", "arrested", "election", "shooting")


def build_store(url: str) -> None:
    """Ingest, analyse and fuse ECB+ into `url` unless it already holds documents."""
    with Store(url) as store:
        if store.count() and store.count_stories():
            return
        with tempfile.TemporaryDirectory() as folder:
            write_texts(Path(folder))
            started = time.perf_counter()
            report = extract_paths([folder], store)
            print(f"built the store: {report.summary()} in {time.perf_counter() - started:.0f} s")
        docs = list(store.documents(with_text=True))
        store.save_stories(fuse(docs, store.document_events([d.id for d in docs])))


def request_mix(url: str, seed: int = 7) -> list[str]:
    """Paths to request, in proportions meant to look like browsing (and its API calls)."""
    rng = random.Random(seed)
    with Store(url) as store:
        doc_ids = [d.id for d in store.documents()]
        story_ids = [s["id"] for s in store.stories(limit=200)]
        codes = {
            a.code for s in find_events(store, EventQuery(limit=500)).items for a in s.event.actor
        }
    actors = sorted(codes)[:40] or ["USA"]
    mix: list[str] = []
    for _ in range(2000):
        pick = rng.random()
        if pick < 0.2:
            mix.append(f"/?q={rng.choice(SEARCH_WORDS)}")
        elif pick < 0.35:
            mix.append(f"/api/documents?q={rng.choice(SEARCH_WORDS)}&limit=20")
        elif pick < 0.5:
            mix.append(f"/documents/{rng.choice(doc_ids)}")
        elif pick < 0.6:
            mix.append(f"/events?actor={rng.choice(actors)}&offset={rng.randrange(0, 100, 50)}")
        elif pick < 0.7:
            mix.append(
                f"/api/events?type=ASSAULT&sort=-date&limit=50&offset={rng.randrange(0, 200, 50)}"
            )
        elif pick < 0.8:
            mix.append(f"/stories/{rng.choice(story_ids)}")
        elif pick < 0.88:
            mix.append(f"/actors/{rng.choice(actors)}")
        elif pick < 0.95:
            mix.append(f"/api/stories?limit=20&offset={rng.randrange(0, 100, 20)}")
        else:
            mix.append(f"/api/events/export?format=csv&actor={rng.choice(actors)}")
    return mix


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    tacitus = Path(sys.executable).parent / "tacitus"
    command = [str(tacitus), "serve", "--db", url, "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


async def drive(
    base: str, mix: list[str], concurrency: int, seconds: float
) -> tuple[list[float], list[str]]:
    """Run `concurrency` request loops for `seconds`; return latencies and errors."""
    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker(start: int) -> None:
            i = start
            while time.monotonic() < stop:
                path = mix[i % len(mix)]
                i += concurrency
                began = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                    if response.status_code >= 400:
                        errors.append(f"{response.status_code} {path}")
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__} {path}")
                latencies.append(time.perf_counter() - began)

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return latencies, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default=f"sqlite:///{DEFAULT_DB}")
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    args = parser.parse_args()
    build_store(args.db)
    mix = request_mix(args.db)
    port = free_port()
    server = start_server(args.db, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        asyncio.run(drive(base, mix[:50], 10, 3))  # warm-up: caches, lazy imports
        load_before = os.getloadavg()
        started = time.perf_counter()
        latencies, errors = asyncio.run(drive(base, mix, args.concurrency, args.seconds))
        elapsed = time.perf_counter() - started
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=30)
    with Store(args.db) as store:
        documents, stories = store.count(), store.count_stories()
    print(f"store: {documents} documents, {stories} stories ({args.db})")
    print(f"{args.concurrency} concurrent clients for {elapsed:.1f} s on loopback")
    print(f"requests: {len(latencies)}  ({len(latencies) / elapsed:.1f} requests/s)")
    print(
        "latency: p50 {:.0f} ms, p95 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms".format(
            *(1000 * percentile(latencies, p) for p in (0.5, 0.95, 0.99, 1.0))
        )
    )
    print(f"errors: {len(errors)}" + (f" (first: {errors[:3]})" if errors else ""))
    print(
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min); "
        f"{os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
