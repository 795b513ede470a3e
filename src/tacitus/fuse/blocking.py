"""Candidate pairs from blocks, near-linear on large corpora.

Fusion and story linking only compare things that share a block key (an event type and a
participant, a distinctive word). A small block is compared in full. A block larger than
`2 * cap` (a key shared by hundreds of documents, such as "USA") is too common to say much on its
own: there each dated member meets only its `cap` next members in writing order within the time
window, and each undated member meets `cap` members in a fixed pseudo-random order (the same for
every run and input order), so one common key costs O(n · cap), not O(n²).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence


def block_pairs(
    members: Sequence[int],
    anchors: Sequence[dt.date | None],
    ranks: Sequence[int],
    *,
    window: int,
    cap: int,
) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) of `members` (indices into `anchors` and `ranks`) worth comparing.

    `anchors[i]` is when item i was written (None when unknown); `ranks[i]` a stable
    pseudo-random number that orders undated members of large blocks. Dated pairs further apart
    than `window` days are never returned.
    """
    if len(members) <= 2 * cap:
        yield from _all_pairs(members, anchors, window)
        return
    dated = sorted((m for m in members if anchors[m] is not None), key=lambda m: (anchors[m], m))
    for pos, i in enumerate(dated):
        first = anchors[i]
        assert first is not None  # filtered above
        for j in dated[pos + 1 : pos + 1 + cap]:
            later = anchors[j]
            assert later is not None
            if (later - first).days > window:
                break
            yield (i, j) if i < j else (j, i)
    shuffled = sorted(members, key=lambda m: (ranks[m], m))
    for pos, i in enumerate(shuffled):
        if anchors[i] is not None:
            continue
        for step in range(1, cap + 1):
            j = shuffled[(pos + step) % len(shuffled)]
            yield (i, j) if i < j else (j, i)


def _all_pairs(
    members: Sequence[int], anchors: Sequence[dt.date | None], window: int
) -> Iterator[tuple[int, int]]:
    for k, i in enumerate(members):
        a = anchors[i]
        for j in members[k + 1 :]:
            b = anchors[j]
            if a is not None and b is not None and abs((a - b).days) > window:
                continue
            yield (i, j) if i < j else (j, i)
