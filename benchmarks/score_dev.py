"""Extraction quality on the development gold: runs `tacitus extract` and the shared scorer.

Usage: python benchmarks/score_dev.py [seeds|plover|voa ...] [--show N]
Prints the scorer's full output for each set (../shared/eval/score.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = {
    "seeds": ("corpus/seeds", "eval/seeds.gold.jsonl"),
    "plover": ("eval/plover-gsr-dev.input.jsonl", "eval/plover-gsr-dev.gold.jsonl"),
    "voa": ("corpus/voa/voa_stories.jsonl", "eval/voa-dev.gold.jsonl"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sets", nargs="*", default=list(SETS))
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args()
    tacitus = Path(sys.executable).parent / "tacitus"
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            source, gold = SETS[name]
            out = Path(tmp) / f"{name}.jsonl"
            subprocess.run(
                [
                    str(tacitus),
                    "extract",
                    str(SHARED / source),
                    "--db",
                    f"sqlite:///{tmp}/{name}.db",
                    "-o",
                    str(out),
                    "-q",
                ],
                check=True,
            )
            print(f"== {name}")
            subprocess.run(
                [
                    sys.executable,
                    str(SHARED / "eval" / "score.py"),
                    str(SHARED / gold),
                    "--system",
                    str(out),
                    "--show",
                    str(args.show),
                ],
                check=True,
            )


if __name__ == "__main__":
    main()
