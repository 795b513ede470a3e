"""The quality gate: extraction F1 on the development gold must not drop below pinned floors.

Floors only go up. They sit a little under the measured figures (README, "Measured") so that
an unrelated change of one event does not fail the build, while a real regression does.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tacitus import Store
from tacitus.extract import events_for, extract_paths

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"

# name: (input, gold, F1 floor, factuality-accuracy floor)
GATES = {
    "seeds": ("corpus/seeds", "eval/seeds.gold.jsonl", 0.86, 0.9),
    # the PLOVER gold has no factuality values, so only F1 is gated there
    "plover": ("eval/plover-gsr-dev.input.jsonl", "eval/plover-gsr-dev.gold.jsonl", 0.50, 0.0),
    "voa": ("corpus/voa/voa_stories.jsonl", "eval/voa-dev.gold.jsonl", 0.53, 0.9),
}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tacitus_eval_score", EVAL / "score.py")
    if spec is None or spec.loader is None or not (EVAL / "score.py").exists():
        pytest.skip(f"scorer not found at {EVAL / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(GATES))
def test_development_f1_stays_above_floor(name: str, tmp_path: Path) -> None:
    source, gold, f1_floor, fact_floor = GATES[name]
    if not (SHARED / source).exists():
        pytest.skip(f"development data not found at {SHARED / source}")
    scorer = _scorer()
    with Store(f"sqlite:///{tmp_path / 'q.db'}") as store:
        report = extract_paths([str(SHARED / source)], store)
        events = [e.to_dict() for e in events_for(store, report.items)]
    result = scorer.score(_load(SHARED / gold), events)
    print(f"{name}: P={result['precision']} R={result['recall']} F1={result['f1']}")
    assert result["f1"] >= f1_floor, result["misses"][:10]
    assert result["factuality_accuracy"] >= fact_floor
