"""Deterministic randomness: a counter-based generator keyed by the game's seed and what is drawn.

Every draw is `draw(seed, *keys)`, a pure function of its inputs (BLAKE2b of a canonical encoding), so a
game needs no mutable generator in its state and any draw can be recomputed in a replay. No module-level
`random`, no clock.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

_SCALE = float(1 << 53)
CACHE_SIZE = 1 << 14  # the AI's rollouts redraw the same keys for every lever they compare (common numbers)


def draw_reference(seed: int, *keys: object) -> float:
    """`draw` without its cache: the reference the fast path is tested against."""
    text = "\x1f".join([str(seed), *map(str, keys)])
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return (int.from_bytes(digest, "big") >> 11) / _SCALE


# A uniform float in [0, 1) determined by `seed` and `keys` (ints and strings). Cached: a draw is a pure
# function of its arguments; `typed` keeps 1, 1.0 and True apart, whose text forms differ.
draw = lru_cache(maxsize=CACHE_SIZE, typed=True)(draw_reference)


def chance(seed: int, probability: float, *keys: object) -> bool:
    """True with the given probability; certain outcomes draw nothing."""
    if probability >= 1.0:
        return True
    if probability <= 0.0:
        return False
    return draw(seed, *keys) < probability
