"""Files written whole or not at all: a temporary file beside the target, renamed over it.

A reader never sees half a file, and a run that fails midway leaves the previous file intact.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_text(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text stream whose content replaces `path` when the block ends without error."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; the result is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> Path:
    """Write `text` to `path` atomically; return `path`."""
    with atomic_text(path) as stream:
        stream.write(text)
    return path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
