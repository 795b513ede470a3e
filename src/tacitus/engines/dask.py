"""The Dask engine: partitions run on a dask.distributed cluster.

With a scheduler address (`tcp://HOST:PORT`) the work goes to that cluster; without one, a
`LocalCluster` of `workers` single-threaded worker processes is started on 127.0.0.1 for the
run and stopped at the end. Tasks are submitted as impure (`pure=False`): their keys are
random, so Dask does not hash each partition's texts to name it. A worker that dies is
restarted by its nanny and its tasks are run again elsewhere, so a lost worker costs time,
not results.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import distributed

from tacitus.engines.base import Engine, P, R, Task
from tacitus.errors import EngineFailed, EngineStartError

# distributed is only partly annotated (untyped constructors): use it as an untyped module.
_dd: Any = distributed


class DaskEngine(Engine):
    """A `distributed.Client` on the cluster at `scheduler`, or on a new LocalCluster."""

    name = "dask"

    def __init__(
        self, workers: int = 2, scheduler: str | None = None, connect_timeout: float = 30.0
    ) -> None:
        super().__init__(workers)
        self.cluster: Any = None
        try:
            if scheduler:
                self.client = _dd.Client(scheduler, timeout=connect_timeout)
                # a remote cluster's size is what it is; the window follows it
                self.workers = max(1, len(self.client.scheduler_info()["workers"]))
            else:
                self.cluster = _dd.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=":0",  # its HTTP server starts anyway: any free port
                    silence_logs=logging.ERROR,
                )
                self.client = _dd.Client(self.cluster)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            raise EngineStartError(engine=self.name, detail=str(exc)) from exc

    def map(self, task: Task[P, R], partitions: Iterable[P]) -> Iterator[tuple[int, R]]:
        source = enumerate(partitions)
        index_of: dict[Any, int] = {}
        running = _dd.as_completed()
        try:
            for index, partition in islice(source, self.window):
                running.add(self._submit(task, partition, index, index_of))
            for future in running:
                try:
                    result = future.result()
                except OSError as exc:  # the cluster went away, not a task error
                    raise EngineFailed(engine=self.name, detail=str(exc)) from exc
                yield index_of.pop(future.key), result
                future.release()
                for index, partition in islice(source, 1):
                    running.add(self._submit(task, partition, index, index_of))
        finally:
            running.clear()

    def _submit(self, task: Task[P, R], partition: P, index: int, index_of: dict[Any, int]) -> Any:
        future = self.client.submit(task, partition, pure=False)
        index_of[future.key] = index
        return future

    def pids(self) -> list[int]:
        """Process ids of the workers (for memory sampling and tests)."""
        found = self.client.run(_pid) if self.client is not None else {}
        return sorted(int(p) for p in found.values())

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()


def _pid() -> int:
    return os.getpid()
