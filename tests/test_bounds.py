"""Publication windows inferred for undated documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tacitus import DateValue, Event, Evidence, Store
from tacitus.bounds import infer_bounds
from tacitus.extract import extract_paths


def event(factuality: str, start: str | None, end: str | None, etype: str = "CONSULT") -> Event:
    return Event(
        doc="d",
        id=f"{factuality}{start}{end}",
        type=etype,
        mode=None,
        actor=(),
        recipient=(),
        date=DateValue(start, end, f"{start}/{end}") if start or end else None,
        location=None,
        factuality=factuality,
        attribution=None,
        evidence=(Evidence("x", 0, 1),),
        confidence=0.5,
    )


def test_upcoming_event_bounds_the_date_from_above() -> None:
    bounds = infer_bounds([event("planned", "2025-05-07", "2025-05-10")])
    assert bounds is not None
    assert (bounds.after, bounds.before) == (None, dt.date(2025, 5, 7))
    assert "planned" in bounds.reason


def test_reported_event_bounds_the_date_from_below() -> None:
    bounds = infer_bounds(
        [
            event("asserted", "2025-01-20", "2025-01-20"),
            event("possible", "2025-05-09", "2025-05-09"),
        ]
    )
    assert bounds is not None
    assert (bounds.after, bounds.before) == (dt.date(2025, 1, 20), dt.date(2025, 5, 9))


@pytest.mark.parametrize(
    "events",
    [
        [],
        [event("asserted", "2022", None)],  # "since 2022": no day, no bound
        [event("planned", "2025-05", "2025-05")],  # a month is not precise enough
        [event("negated", "2025-05-07", "2025-05-07")],
        # contradictory: reported done after the date it calls upcoming
        [event("asserted", "2025-06-01", "2025-06-01"), event("planned", "2025-05-07", None)],
    ],
)
def test_no_bound_without_clear_evidence(events: list[Event]) -> None:
    assert infer_bounds(events) is None


def test_undated_seed_gets_its_window(tmp_path: Path, seeds_dir: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'b.db'}") as store:
        extract_paths([str(seeds_dir)], store)
        upcoming = store.get("000_fdd044de107bd1cf.txt")
        dated = store.get("001_cbd984d05f6a2ded.txt")
    assert upcoming.published is None
    assert upcoming.published_bounds is not None
    assert upcoming.published_bounds.before == dt.date(2025, 5, 7)
    assert dated.published_bounds is None
