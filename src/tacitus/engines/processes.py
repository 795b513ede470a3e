"""The process-pool engine: partitions run in N worker processes on this machine.

Workers are started with `spawn`, not `fork`: the driver holds database connections and a
progress thread, which a forked child would inherit in an undefined state. Each worker builds
its pipeline once, on its first task (see `tacitus.engines.work`), and keeps it. A worker
whose driver dies (killed, out of memory) exits within a second instead of waiting forever
for work that will not come.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from tacitus.engines.base import Engine, P, R, Task
from tacitus.errors import EngineFailed, EngineStartError


class ProcessEngine(Engine):
    """A `concurrent.futures.ProcessPoolExecutor` of `workers` spawned processes."""

    name = "processes"

    def __init__(self, workers: int = 2) -> None:
        super().__init__(workers)
        try:
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        except (OSError, ValueError) as exc:
            raise EngineStartError(engine=self.name, detail=str(exc)) from exc

    def map(self, task: Task[P, R], partitions: Iterable[P]) -> Iterator[tuple[int, R]]:
        source = enumerate(partitions)
        pending: dict[Future[R], int] = {}
        try:
            self._submit(task, islice(source, self.window), pending)
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), future.result()
                self._submit(task, islice(source, len(done)), pending)
        except BrokenProcessPool as exc:
            raise EngineFailed(engine=self.name, detail="a worker process died") from exc
        finally:
            for future in pending:
                future.cancel()

    def _submit(
        self, task: Task[P, R], items: Iterable[tuple[int, P]], pending: dict[Future[R], int]
    ) -> None:
        for index, partition in items:
            pending[self.pool.submit(task, partition)] = index

    def pids(self) -> list[int]:
        """Process ids of the live workers (for memory sampling and tests)."""
        return [p.pid for p in (self.pool._processes or {}).values() if p.pid]

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _exit_with_parent(parent: int) -> None:
    """Start a watcher thread in a worker that ends the worker once `parent` is gone."""
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)  # the driver is gone: nothing will read a result
