"""Story clustering on ECB+ (982 news documents in 43 topics): the real pipeline against gold.

Runs ingest → extract → fuse on the ECB+ texts and compares the stories with two gold groupings:
- topic: the 43 ECB+ topics (e.g. topic 1 holds two celebrity rehab check-ins);
- subtopic: each topic split into its ECB half (`1_10ecb.xml`) and its ECB+ half
  (`1_10ecbplus.xml`), which the corpus README describes as a different seminal event of the same
  kind: the grouping closest to what we call a story.

Reports purity, inverse purity and their F, B³ precision, recall and F1, and the number of
stories. ECB+ documents carry almost no publication dates, so the time window rarely applies.
Usage: python benchmarks/cluster_ecbplus.py [--db FILE] [--json]
(`--db` keeps the extracted store so the next run only fuses.)
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecbplus import write_texts
from tacitus import Store, extract_paths
from tacitus.fuse import fuse


def gold_topic(name: str) -> str:
    """ "1_10ecbplus.txt" → "1"."""
    return name.split("_", maxsplit=1)[0]


def gold_subtopic(name: str) -> str:
    """ "1_10ecbplus.txt" → "1+", "1_10ecb.txt" → "1"."""
    stem = Path(name).stem
    return gold_topic(name) + ("+" if stem.endswith("ecbplus") else "")


def scores(clusters: list[list[str]], gold: Callable[[str], str]) -> dict[str, float]:
    """Purity, inverse purity, their F, and B³ P/R/F1 of `clusters` (lists of names)."""
    items = [n for c in clusters for n in c]
    total = len(items)
    classes: dict[str, list[str]] = {}
    for name in items:
        classes.setdefault(gold(name), []).append(name)
    cluster_of = {n: i for i, c in enumerate(clusters) for n in c}
    purity = sum(Counter(gold(n) for n in c).most_common(1)[0][1] for c in clusters) / total
    inverse = (
        sum(Counter(cluster_of[n] for n in k).most_common(1)[0][1] for k in classes.values())
        / total
    )
    overlap = Counter((cluster_of[n], gold(n)) for n in items)
    size = Counter(cluster_of[n] for n in items)
    b3_p = sum(overlap[cluster_of[n], gold(n)] / size[cluster_of[n]] for n in items) / total
    b3_r = sum(overlap[cluster_of[n], gold(n)] / len(classes[gold(n)]) for n in items) / total
    return {
        "purity": purity,
        "inverse_purity": inverse,
        "f": _f(purity, inverse),
        "b3_precision": b3_p,
        "b3_recall": b3_r,
        "b3_f1": _f(b3_p, b3_r),
        "gold_groups": len(classes),
    }


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run(db: Path, *, with_text: bool = True) -> dict[str, object]:
    """Extract ECB+ into the store at `db` (idempotent), fuse, and score the stories.

    `with_text=False` fuses documents as `Store.documents()` returns them by default (no text):
    stories then read titles and event evidence only."""
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{db}") as store:
        corpus = Path(tmp) / "ecbplus"
        write_texts(corpus)
        extract_paths([str(corpus)], store)
        documents = list(store.documents(with_text=with_text))
        events = store.document_events([d.id for d in documents])
    start = time.perf_counter()
    stories = fuse(documents, events)
    seconds = time.perf_counter() - start
    clusters = [list(s.documents) for s in stories]
    sizes = Counter(len(c) for c in clusters)
    return {
        "documents": len(documents),
        "events": sum(len(v) for v in events.values()),
        "dated_documents": sum(1 for d in documents if d.published),
        "stories": len(stories),
        "singletons": sizes[1],
        "largest_story": max(sizes) if sizes else 0,
        "fuse_seconds": round(seconds, 3),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "topic": scores(clusters, gold_topic),
        "subtopic": scores(clusters, gold_subtopic),
    }


def table(result: dict[str, object]) -> str:
    head = f"{'gold':<9} {'groups':>6} {'purity':>7} {'inv.pur':>7} {'F':>6} "
    head += f"{'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}"
    lines = [
        f"ECB+: {result['documents']} documents ({result['dated_documents']} dated), "
        f"{result['events']} events → {result['stories']} stories "
        f"({result['singletons']} single-document, largest {result['largest_story']}); "
        f"fuse {result['fuse_seconds']} s",
        head,
    ]
    for level in ("topic", "subtopic"):
        s = result[level]
        assert isinstance(s, dict)
        lines.append(
            f"{level:<9} {s['gold_groups']:>6} {s['purity']:>7.3f} {s['inverse_purity']:>7.3f} "
            f"{s['f']:>6.3f} {s['b3_precision']:>6.3f} {s['b3_recall']:>6.3f} {s['b3_f1']:>6.3f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="store file to keep (default: a temporary one)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--without-text", action="store_true", help="fuse without loading texts (titles, evidence)"
    )
    args = parser.parse_args()
    if args.db:
        result = run(args.db, with_text=not args.without_text)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            result = run(Path(tmp) / "ecbplus.db", with_text=not args.without_text)
    print(json.dumps(result, indent=2) if args.json else table(result))


if __name__ == "__main__":
    main()
