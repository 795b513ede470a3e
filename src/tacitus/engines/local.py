"""The local engine: every partition in this process, one after the other."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tacitus.engines.base import Engine, P, R, Task


class LocalEngine(Engine):
    """No workers, no pickling: the reference every other engine must agree with."""

    name = "local"

    def __init__(self, workers: int = 1) -> None:
        super().__init__(1)

    @property
    def in_process(self) -> bool:
        return True

    def map(self, task: Task[P, R], partitions: Iterable[P]) -> Iterator[tuple[int, R]]:
        for index, partition in enumerate(partitions):
            yield index, task(partition)

    def close(self) -> None:
        """Nothing to release: no workers were started."""
