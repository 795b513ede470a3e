"""Where the pure stages run: this process, a process pool, or a Dask cluster.

    from tacitus.engines import make_engine
    with make_engine("dask", workers=4) as engine:          # a LocalCluster on 127.0.0.1
        report = extract_paths(["corpus/"], store, engine=engine)

Every engine implements `Engine.map` (see `tacitus.engines.base`); results are identical
whichever engine runs the work.
"""

from __future__ import annotations

from tacitus.engines.base import Engine, in_order
from tacitus.engines.local import LocalEngine
from tacitus.engines.work import AnalyzerSpec

ENGINES = ("local", "processes", "dask")

__all__ = ["ENGINES", "AnalyzerSpec", "Engine", "LocalEngine", "in_order", "make_engine"]


def make_engine(name: str, workers: int = 2, scheduler: str | None = None) -> Engine:
    """The engine called `name` (one of ENGINES) with `workers` workers; `scheduler` is the
    address of an existing Dask cluster (Dask only). Unknown names raise ValueError."""
    if name == "local":
        return LocalEngine()
    if name == "processes":
        from tacitus.engines.processes import ProcessEngine  # noqa: PLC0415

        return ProcessEngine(workers)
    if name == "dask":
        from tacitus.engines.dask import DaskEngine  # noqa: PLC0415 - importing Dask is slow

        return DaskEngine(workers, scheduler)
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
