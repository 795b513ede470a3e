"""The engine interface: one method that maps a partition function over partitions.

An engine decides *where* a pure function runs (this process, a process pool, a Dask
cluster), never *what* comes out, in the spirit of httpx's transports: callers depend on
`Engine.map` alone, and a new backend is one subclass.

`map` is lazy on both ends. It takes at most `window` partitions from the input iterable
ahead of the results the caller has consumed, so a stream of millions of documents is never
held in memory, and one `map` can feed another (cleaning feeds analysis) with both keeping
the workers busy. Results come back as they complete, each with the index of its partition
in the input, so a caller that needs input order can restore it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

P = TypeVar("P")
R = TypeVar("R")

Task = Callable[[P], R]


class Engine(ABC):
    """Runs partition functions somewhere; use as a context manager to release workers."""

    name: str = "engine"

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)

    @property
    def window(self) -> int:
        """Partitions in flight per `map`: two per worker, so none idles between tasks."""
        return 2 * self.workers

    @property
    def in_process(self) -> bool:
        """True when tasks run in the caller's process (they need not be picklable)."""
        return False

    @abstractmethod
    def map(self, task: Task[P, R], partitions: Iterable[P]) -> Iterator[tuple[int, R]]:
        """Run `task` on each partition; yield (partition index, result) as each completes.

        `task` must be picklable (a module-level function or an instance of a module-level
        class) unless `in_process`. An exception raised by a task is raised here.
        """

    @abstractmethod
    def close(self) -> None:
        """Release workers; the engine cannot be used afterwards."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def in_order(results: Iterable[tuple[int, R]]) -> Iterator[R]:
    """Results of `Engine.map` in partition order (holding back those that finish early)."""
    waiting: dict[int, R] = {}
    expected = 0
    for index, result in results:
        waiting[index] = result
        while expected in waiting:
            yield waiting.pop(expected)
            expected += 1
