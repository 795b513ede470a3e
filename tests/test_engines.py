"""Engines: the same corpus through local, a process pool and a real Dask LocalCluster (two
worker processes on 127.0.0.1) gives the same events; the Engine interface itself.

The corpus is the seed articles, `examples/` and four short dated articles written for these
tests (below), in one folder walk, so every engine sees the same inputs in the same order.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tacitus import Analyzer, Store, events_for, extract_paths
from tacitus.engines import ENGINES, Engine, LocalEngine, in_order, make_engine
from tacitus.errors import EngineFailed, EngineStartError

REPO = Path(__file__).resolve().parent.parent
ARTICLES = {
    "talks.txt": (
        "Envoys meet in Geneva\n3 June 2025\n\n"
        "Russian Foreign Minister Sergei Lavrov met US Secretary of State Marco Rubio in "
        "Geneva on Tuesday. The two sides agreed to hold further talks next month.\n"
    ),
    "sanctions.txt": (
        "New measures\n14 April 2025\n\n"
        "The European Union imposed sanctions on Iran on Monday over drone deliveries. "
        "Tehran condemned the decision, its foreign ministry said.\n"
    ),
    "aid.txt": (
        "Relief flights\n20 February 2025\n\n"
        "Japan will send humanitarian aid to Turkey next week, Tokyo announced. "
        "India denied that it had blocked the shipment.\n"
    ),
    "undated.txt": (
        "No date here\n\nChinese President Xi Jinping will visit Kazakhstan on 20 March 2026, "
        "the foreign ministry in Beijing said.\n"
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("engines") / "corpus"
    shutil.copytree(seeds_dir, folder / "seeds")
    shutil.copytree(REPO / "examples", folder / "examples")
    for name, text in ARTICLES.items():
        (folder / "own" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "own" / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def engines() -> Iterator[dict[str, Engine]]:
    """One engine of each kind for the module: starting a cluster takes seconds."""
    started = {name: make_engine(name, workers=2) for name in ENGINES}
    yield started
    for engine in started.values():
        engine.close()


def run(url: str, corpus: Path, engine: Engine, **options: Any) -> tuple[Any, list[str]]:
    """Extract `corpus` into the store at `url`; return the report and the sorted events."""
    with Store(url) as store:
        report = extract_paths([str(corpus)], store, engine=engine, batch_size=3, **options)
        found = sorted(
            json.dumps(e.to_dict(), sort_keys=True) for e in events_for(store, report.items)
        )
    return report, found


def test_all_engines_give_identical_events(
    corpus: Path, engines: dict[str, Engine], tmp_path: Path
) -> None:
    results = {
        name: run(f"sqlite:///{tmp_path / name}.db", corpus, e) for name, e in engines.items()
    }
    reference_report, reference = results["local"]
    assert len(reference) > 50  # the corpus states many events: the comparison means something
    assert reference_report.analysed == len(reference_report.ingest.stored)
    for name, (report, found) in results.items():
        assert found == reference, name
        assert report.items == reference_report.items, name
        assert report.analysed == reference_report.analysed, name


def test_stored_records_are_identical_on_sqlite_and_postgresql(
    corpus: Path, engines: dict[str, Engine], store_url: str, tmp_path: Path
) -> None:
    """Bulk loading (one transaction per partition) through the Dask engine into either
    backend stores exactly what the local engine stores."""
    _, reference = run(f"sqlite:///{tmp_path / 'local.db'}", corpus, engines["local"])
    run(store_url, corpus, engines["dask"])
    with Store(store_url) as store:
        stored = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.events())
        names = {d.id: d.name for d in store.documents()}
    assert len(stored) == len(reference)
    # stored records carry the name the document was first stored under
    assert {json.loads(e)["doc"] for e in stored} <= set(names.values())


def test_rerun_analyses_nothing(corpus: Path, engines: dict[str, Engine], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'again.db'}"
    first, events = run(url, corpus, engines["processes"])
    second, again = run(url, corpus, engines["dask"])
    assert (second.analysed, second.reused) == (0, first.analysed)
    assert len(second.ingest.duplicates) == second.ingest.read
    assert again == events


def test_undated_documents_get_bounds_from_any_engine(
    corpus: Path, engines: dict[str, Engine], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'bounds.db'}"
    run(url, corpus / "own", engines["processes"])
    with Store(url) as store:
        undated = store.get("undated.txt")
    assert undated.published is None
    assert undated.published_bounds is not None
    assert undated.published_bounds.before is not None
    assert undated.published_bounds.before.isoformat() == "2026-03-20"


# ------------------------------------------------------------------ the interface


def _square(n: int) -> int:
    return n * n


def _fail(n: int) -> int:
    raise RuntimeError(f"partition {n} failed")


@pytest.mark.parametrize("name", ENGINES)
def test_map_yields_every_partition_with_its_index(name: str, engines: dict[str, Engine]) -> None:
    found = list(engines[name].map(_square, iter(range(20))))
    assert sorted(found) == [(i, i * i) for i in range(20)]
    assert list(in_order(iter(found))) == [i * i for i in range(20)]


@pytest.mark.parametrize("name", ["processes", "dask"])
def test_a_failing_task_raises_in_the_caller(name: str, engines: dict[str, Engine]) -> None:
    with pytest.raises(RuntimeError, match="partition 0 failed"):
        list(engines[name].map(_fail, [0]))


def test_map_is_lazy_on_its_input() -> None:
    """At most `window` partitions are taken ahead of the results consumed."""
    taken: list[int] = []

    def source() -> Iterator[int]:
        for i in range(100):
            taken.append(i)
            yield i

    engine = make_engine("processes", workers=1)
    try:
        results = engine.map(_square, source())
        next(results)
        assert len(taken) <= engine.window + 1
        results.close()
    finally:
        engine.close()


def test_in_order_holds_back_early_results() -> None:
    assert list(in_order(iter([(2, "c"), (0, "a"), (1, "b"), (3, "d")]))) == list("abcd")


def test_unknown_engine() -> None:
    with pytest.raises(
        ValueError, match="unknown engine 'spark'; choose one of local, processes, dask"
    ):
        make_engine("spark")


def test_an_analyzer_instance_needs_an_in_process_engine(
    corpus: Path, engines: dict[str, Engine], tmp_path: Path
) -> None:
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store, pytest.raises(ValueError, match="spec="):
        extract_paths([str(corpus / "own")], store, Analyzer(), engine=engines["dask"])


def test_local_engine_needs_no_pickling() -> None:
    offset = 10
    assert list(LocalEngine().map(lambda n: n + offset, [1, 2])) == [(0, 11), (1, 12)]


def test_a_dead_process_pool_fails_with_e502() -> None:
    engine = make_engine("processes", workers=1)
    try:
        with pytest.raises(
            EngineFailed, match=r"^\[E502\] the processes engine failed: a worker process died; "
        ):
            list(engine.map(_exit, [0, 1]))
    finally:
        engine.close()


def _exit(n: int) -> int:
    import os  # noqa: PLC0415

    os._exit(3)


def test_cleaning_html_twice_in_one_process_gives_the_same_document() -> None:
    """Workers clean many pages in one process: what one page gives must not depend on the
    pages read before (trafilatura's shared deduplication cache made it so)."""
    from tacitus import RawDocument, clean  # noqa: PLC0415

    page = (REPO / "examples" / "ukraine_energy_truce_2025.html").read_bytes()
    raw = RawDocument(name="page.html", source="page.html", data=page, kind="html")
    found = [clean(raw) for _ in range(6)]  # the shared cache changed the 4th reading
    assert {d.text for d in found} == {found[0].text}


def test_dask_engine_on_an_existing_scheduler(corpus: Path, tmp_path: Path) -> None:
    """`--scheduler tcp://HOST:PORT`: the work goes to a cluster someone else started."""
    from distributed import LocalCluster  # noqa: PLC0415

    _, reference = run(f"sqlite:///{tmp_path / 'local.db'}", corpus / "own", LocalEngine())
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    ) as cluster:
        engine = make_engine("dask", workers=5, scheduler=cluster.scheduler_address)
        try:
            assert engine.workers == 1  # the cluster's size, not the option
            _, found = run(f"sqlite:///{tmp_path / 'remote.db'}", corpus / "own", engine)
        finally:
            engine.close()
    assert found == reference


def test_unreachable_scheduler_is_e501() -> None:
    from tacitus.engines.dask import DaskEngine  # noqa: PLC0415

    with pytest.raises(EngineStartError, match=r"^\[E501\] cannot start the dask engine: "):
        DaskEngine(scheduler="tcp://127.0.0.1:9", connect_timeout=2)
