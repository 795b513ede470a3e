"""Near-duplicate detection: MinHash signatures of word 3-shingles, banded for LSH lookup.

Wire copies republished with small edits (a new headline, a dropped paragraph, a credit line)
keep most of their 3-word shingles, so the estimated Jaccard similarity stays high, while two
different stories on the same event share few.
"""

from __future__ import annotations

import hashlib
import re
import struct
from functools import cache

from datasketch import MinHash

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 Jaccard share a band with high probability
ROWS = NUM_PERM // BANDS
SHINGLE = 3
SEED = 7
_WORD = re.compile(r"\w+")


@cache
def _permutations() -> object:
    """The hash permutations, computed once per process (they depend only on SEED)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED).permutations


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def minhash(text: str) -> tuple[int, ...]:
    """The MinHash signature of `text` (NUM_PERM 32-bit values)."""
    sig = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme="affine32")
    items = shingles(text)
    if items:
        sig.update_batch(list(items))
    return tuple(int(v) for v in sig.hashvalues)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def band_keys(sig: tuple[int, ...]) -> list[int]:
    """One signed 63-bit key per band: documents sharing a key are candidate copies."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack(f"<I{ROWS}I", band, *chunk), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def pack(sig: tuple[int, ...]) -> bytes:
    return struct.pack(f"<{len(sig)}I", *sig)


def unpack(blob: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(blob) // 4}I", blob)
